/* SPDX-License-Identifier: MIT */
/*
 * ioctl_gpio.c: the GPIO character device's ioctls (linux/gpio.h, type
 * 0xb4), the first ABI and v2, as strace 6.1 prints them. A request the
 * kernel completes prints at entry and its result at exit after " => ";
 * name fields print as strings up to their NUL, arrays of lines up to
 * the count given (-s elements without -v).
 */
#include <linux/gpio.h>
#include <string.h>

#include "ioctl.h"

XLAT_TABLE(gpio_ioctl_cmds, NULL, XLAT(GPIO_GET_CHIPINFO_IOCTL),
	   XLAT(GPIO_GET_LINEINFO_UNWATCH_IOCTL),
	   XLAT(GPIO_V2_GET_LINEINFO_IOCTL),
	   XLAT(GPIO_V2_GET_LINEINFO_WATCH_IOCTL),
	   XLAT(GPIO_V2_GET_LINE_IOCTL), XLAT(GPIO_V2_LINE_SET_CONFIG_IOCTL),
	   XLAT(GPIO_V2_LINE_GET_VALUES_IOCTL),
	   XLAT(GPIO_V2_LINE_SET_VALUES_IOCTL), XLAT(GPIO_GET_LINEINFO_IOCTL),
	   XLAT(GPIO_GET_LINEINFO_WATCH_IOCTL), XLAT(GPIO_GET_LINEHANDLE_IOCTL),
	   XLAT(GPIO_GET_LINEEVENT_IOCTL),
	   XLAT(GPIOHANDLE_GET_LINE_VALUES_IOCTL),
	   XLAT(GPIOHANDLE_SET_LINE_VALUES_IOCTL),
	   XLAT(GPIOHANDLE_SET_CONFIG_IOCTL));
XLAT_TABLE(gpio_line_flags, "GPIOLINE_FLAG_???", XLAT(GPIOLINE_FLAG_KERNEL),
	   XLAT(GPIOLINE_FLAG_IS_OUT), XLAT(GPIOLINE_FLAG_ACTIVE_LOW),
	   XLAT(GPIOLINE_FLAG_OPEN_DRAIN), XLAT(GPIOLINE_FLAG_OPEN_SOURCE),
	   XLAT(GPIOLINE_FLAG_BIAS_PULL_UP), XLAT(GPIOLINE_FLAG_BIAS_PULL_DOWN),
	   XLAT(GPIOLINE_FLAG_BIAS_DISABLE));
XLAT_TABLE(gpio_handle_flags, "GPIOHANDLE_REQUEST_???",
	   XLAT(GPIOHANDLE_REQUEST_INPUT), XLAT(GPIOHANDLE_REQUEST_OUTPUT),
	   XLAT(GPIOHANDLE_REQUEST_ACTIVE_LOW),
	   XLAT(GPIOHANDLE_REQUEST_OPEN_DRAIN),
	   XLAT(GPIOHANDLE_REQUEST_OPEN_SOURCE),
	   XLAT(GPIOHANDLE_REQUEST_BIAS_PULL_UP),
	   XLAT(GPIOHANDLE_REQUEST_BIAS_PULL_DOWN),
	   XLAT(GPIOHANDLE_REQUEST_BIAS_DISABLE));
XLAT_TABLE(gpio_event_flags, "GPIOEVENT_REQUEST_???",
	   XLAT(GPIOEVENT_REQUEST_BOTH_EDGES),
	   XLAT(GPIOEVENT_REQUEST_RISING_EDGE),
	   XLAT(GPIOEVENT_REQUEST_FALLING_EDGE));
XLAT_TABLE(gpio_v2_line_flags, "GPIO_V2_LINE_FLAG_???",
	   XLAT(GPIO_V2_LINE_FLAG_USED), XLAT(GPIO_V2_LINE_FLAG_ACTIVE_LOW),
	   XLAT(GPIO_V2_LINE_FLAG_INPUT), XLAT(GPIO_V2_LINE_FLAG_OUTPUT),
	   XLAT(GPIO_V2_LINE_FLAG_EDGE_RISING),
	   XLAT(GPIO_V2_LINE_FLAG_EDGE_FALLING),
	   XLAT(GPIO_V2_LINE_FLAG_OPEN_DRAIN),
	   XLAT(GPIO_V2_LINE_FLAG_OPEN_SOURCE),
	   XLAT(GPIO_V2_LINE_FLAG_BIAS_PULL_UP),
	   XLAT(GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN),
	   XLAT(GPIO_V2_LINE_FLAG_BIAS_DISABLED),
	   XLAT(GPIO_V2_LINE_FLAG_EVENT_CLOCK_REALTIME),
	   XLAT_PAIR(1ULL << 12, "GPIO_V2_LINE_FLAG_EVENT_CLOCK_HTE"));

static void
print_cstr(struct fmt *f, const char *name, const char *s, size_t size)
{
	pb_printf(f->b, "%s=", name);
	ioctl_print_cstr(f, s, size);
}

/* n elements (of 1, 4 or 8 bytes) of a local array, unsigned or hex. */
static void
print_local_array(struct fmt *f, const void *a, size_t size, size_t n,
		  bool hex)
{
	const unsigned char *p = a;
	size_t i, max = array_max(f);

	pb_putc(f->b, '[');
	for (i = 0; i < n; i++) {
		uint64_t v = 0;

		if (i)
			pb_puts(f->b, ", ");
		if (i >= max) {
			pb_puts(f->b, "...");
			break;
		}
		if (size == 1)
			v = p[i];
		else if (size == 4) {
			uint32_t u;

			memcpy(&u, p + i * 4, 4);
			v = u;
		} else {
			memcpy(&v, p + i * 8, 8);
		}
		if (hex)
			ioctl_print_hex(f->b, v);
		else
			pb_printf(f->b, "%llu", (unsigned long long)v);
	}
	pb_putc(f->b, ']');
}

static bool
all_zero(const void *a, size_t size)
{
	const unsigned char *p = a;
	size_t i;

	for (i = 0; i < size; i++)
		if (p[i])
			return false;
	return true;
}

static void
print_attr(struct fmt *f, const struct gpio_v2_line_attribute *a,
	   bool field)
{
	struct pbuf *b = f->b;

	if (!a->padding) {
		switch (a->id) {
		case GPIO_V2_LINE_ATTR_ID_FLAGS:
			pb_puts(b, "flags=");
			print_flags(b, &gpio_v2_line_flags, a->flags);
			return;
		case GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES:
			pb_puts(b, "values=");
			ioctl_print_hex(b, a->values);
			return;
		case GPIO_V2_LINE_ATTR_ID_DEBOUNCE:
			pb_printf(b, "debounce_period_us=%u",
				  a->debounce_period_us);
			return;
		}
	}
	if (field)
		pb_puts(b, "attr={");
	pb_printf(b, "id=%u", a->id);
	if (a->padding)
		pb_printf(b, ", padding=%#x", a->padding);
	pb_puts(b, ", data=");
	ioctl_print_hex(b, a->values);
	if (field)
		pb_putc(b, '}');
}

static void
print_line_config(struct fmt *f, const struct gpio_v2_line_config *lc)
{
	struct pbuf *b = f->b;
	size_t i, n = lc->num_attrs, max = array_max(f);

	pb_puts(b, "{flags=");
	print_flags(b, &gpio_v2_line_flags, lc->flags);
	pb_printf(b, ", num_attrs=%u", lc->num_attrs);
	if (!all_zero(lc->padding, sizeof(lc->padding))) {
		pb_puts(b, ", padding=");
		print_local_array(f, lc->padding, 4, 5, true);
	}
	if (n) {
		if (n > GPIO_V2_LINE_NUM_ATTRS_MAX)
			n = GPIO_V2_LINE_NUM_ATTRS_MAX;
		pb_puts(b, ", attrs=[");
		for (i = 0; i < n; i++) {
			if (i)
				pb_puts(b, ", ");
			if (i >= max) {
				pb_puts(b, "...");
				break;
			}
			pb_putc(b, '{');
			print_attr(f, &lc->attrs[i].attr, true);
			pb_puts(b, ", mask=");
			ioctl_print_hex(b, lc->attrs[i].mask);
			pb_putc(b, '}');
		}
		pb_putc(b, ']');
	}
	pb_putc(b, '}');
}

static enum ioctl_when
gpio_when(const struct fmt *f, unsigned code)
{
	(void)f;
	switch (code) {
	case GPIO_GET_CHIPINFO_IOCTL: case GPIOHANDLE_GET_LINE_VALUES_IOCTL:
		return IOCTL_EXIT;
	case GPIO_GET_LINEINFO_UNWATCH_IOCTL: case GPIO_V2_LINE_SET_CONFIG_IOCTL:
	case GPIO_V2_LINE_SET_VALUES_IOCTL:
	case GPIOHANDLE_SET_LINE_VALUES_IOCTL: case GPIOHANDLE_SET_CONFIG_IOCTL:
		return IOCTL_ENTRY;
	case GPIO_V2_GET_LINEINFO_IOCTL: case GPIO_V2_GET_LINEINFO_WATCH_IOCTL:
	case GPIO_V2_GET_LINE_IOCTL: case GPIO_V2_LINE_GET_VALUES_IOCTL:
	case GPIO_GET_LINEINFO_IOCTL: case GPIO_GET_LINEINFO_WATCH_IOCTL:
	case GPIO_GET_LINEHANDLE_IOCTL: case GPIO_GET_LINEEVENT_IOCTL:
		return IOCTL_SPLIT;
	}
	return IOCTL_HEX;
}

/* The entry half of a request. */
static void
gpio_in(struct fmt *f, unsigned code, const void *buf)
{
	struct pbuf *b = f->b;

	switch (code) {
	case GPIO_V2_GET_LINEINFO_IOCTL: case GPIO_V2_GET_LINEINFO_WATCH_IOCTL: {
		const struct gpio_v2_line_info *li = buf;

		pb_printf(b, "{offset=%u}", li->offset);
		return;
	}
	case GPIO_GET_LINEINFO_IOCTL: case GPIO_GET_LINEINFO_WATCH_IOCTL: {
		const struct gpioline_info *li = buf;

		pb_printf(b, "{line_offset=%u}", li->line_offset);
		return;
	}
	case GPIO_V2_LINE_GET_VALUES_IOCTL: {
		const struct gpio_v2_line_values *v = buf;

		pb_puts(b, "{mask=");
		ioctl_print_hex(b, v->mask);
		pb_putc(b, '}');
		return;
	}
	case GPIO_GET_LINEHANDLE_IOCTL: {
		const struct gpiohandle_request *hr = buf;
		size_t n = hr->lines < GPIOHANDLES_MAX ? hr->lines
						       : GPIOHANDLES_MAX;

		pb_printf(b, "{lines=%u, lineoffsets=", hr->lines);
		print_local_array(f, hr->lineoffsets, 4, n, false);
		pb_puts(b, ", flags=");
		print_flags(b, &gpio_handle_flags, hr->flags);
		pb_puts(b, ", default_values=");
		print_local_array(f, hr->default_values, 1, n, false);
		pb_puts(b, ", ");
		print_cstr(f, "consumer_label", hr->consumer_label,
			   sizeof(hr->consumer_label));
		pb_putc(b, '}');
		return;
	}
	case GPIO_GET_LINEEVENT_IOCTL: {
		const struct gpioevent_request *er = buf;

		pb_printf(b, "{lineoffset=%u, handleflags=", er->lineoffset);
		print_flags(b, &gpio_handle_flags, er->handleflags);
		pb_puts(b, ", eventflags=");
		print_flags(b, &gpio_event_flags, er->eventflags);
		pb_puts(b, ", ");
		print_cstr(f, "consumer_label", er->consumer_label,
			   sizeof(er->consumer_label));
		pb_putc(b, '}');
		return;
	}
	case GPIO_V2_GET_LINE_IOCTL: {
		const struct gpio_v2_line_request *lr = buf;
		size_t n = lr->num_lines < GPIO_V2_LINES_MAX ? lr->num_lines
							     : GPIO_V2_LINES_MAX;

		pb_printf(b, "{num_lines=%u, offsets=", lr->num_lines);
		print_local_array(f, lr->offsets, 4, n, false);
		pb_puts(b, ", ");
		print_cstr(f, "consumer", lr->consumer, sizeof(lr->consumer));
		pb_puts(b, ", config=");
		print_line_config(f, &lr->config);
		if (lr->event_buffer_size)
			pb_printf(b, ", event_buffer_size=%u",
				  lr->event_buffer_size);
		if (!all_zero(lr->padding, sizeof(lr->padding))) {
			pb_puts(b, ", padding=");
			print_local_array(f, lr->padding, 4, 5, true);
		}
		pb_putc(b, '}');
		return;
	}
	}
}

/* The exit half of a request, after " => ". */
static void
gpio_out(struct fmt *f, unsigned code, const void *buf)
{
	struct pbuf *b = f->b;
	size_t i, n, max = array_max(f);

	switch (code) {
	case GPIO_V2_GET_LINEINFO_IOCTL: case GPIO_V2_GET_LINEINFO_WATCH_IOCTL: {
		const struct gpio_v2_line_info *li = buf;

		pb_putc(b, '{');
		print_cstr(f, "name", li->name, sizeof(li->name));
		pb_puts(b, ", ");
		print_cstr(f, "consumer", li->consumer, sizeof(li->consumer));
		pb_puts(b, ", flags=");
		print_flags(b, &gpio_v2_line_flags, li->flags);
		pb_printf(b, ", num_attrs=%u", li->num_attrs);
		n = li->num_attrs < GPIO_V2_LINE_NUM_ATTRS_MAX
			    ? li->num_attrs : GPIO_V2_LINE_NUM_ATTRS_MAX;
		if (n) {
			pb_puts(b, ", attrs=[");
			for (i = 0; i < n; i++) {
				if (i)
					pb_puts(b, ", ");
				if (i >= max) {
					pb_puts(b, "...");
					break;
				}
				pb_putc(b, '{');
				print_attr(f, &li->attrs[i], false);
				pb_putc(b, '}');
			}
			pb_putc(b, ']');
		}
		if (!all_zero(li->padding, sizeof(li->padding))) {
			pb_puts(b, ", padding=");
			print_local_array(f, li->padding, 4, 4, true);
		}
		pb_putc(b, '}');
		return;
	}
	case GPIO_GET_LINEINFO_IOCTL: case GPIO_GET_LINEINFO_WATCH_IOCTL: {
		const struct gpioline_info *li = buf;

		pb_puts(b, "{flags=");
		print_flags(b, &gpio_line_flags, li->flags);
		pb_puts(b, ", ");
		print_cstr(f, "name", li->name, sizeof(li->name));
		pb_puts(b, ", ");
		print_cstr(f, "consumer", li->consumer, sizeof(li->consumer));
		pb_putc(b, '}');
		return;
	}
	case GPIO_V2_LINE_GET_VALUES_IOCTL: {
		const struct gpio_v2_line_values *v = buf;

		pb_puts(b, "{bits=");
		ioctl_print_hex(b, v->bits);
		pb_putc(b, '}');
		return;
	}
	case GPIO_GET_LINEHANDLE_IOCTL:
		pb_puts(b, "{fd=");
		print_fd(f, ((const struct gpiohandle_request *)buf)->fd);
		pb_putc(b, '}');
		return;
	case GPIO_GET_LINEEVENT_IOCTL:
		pb_puts(b, "{fd=");
		print_fd(f, ((const struct gpioevent_request *)buf)->fd);
		pb_putc(b, '}');
		return;
	case GPIO_V2_GET_LINE_IOCTL:
		pb_puts(b, "{fd=");
		print_fd(f, ((const struct gpio_v2_line_request *)buf)->fd);
		pb_putc(b, '}');
		return;
	}
}

static size_t
gpio_size(unsigned code)
{
	return _IOC_SIZE(code);
}

static void
gpio_arg(struct fmt *f, unsigned code, uint64_t arg)
{
	union {
		struct gpiochip_info ci;
		struct gpiohandle_data hd;
		struct gpiohandle_config hc;
		struct gpio_v2_line_values lv;
		struct gpio_v2_line_config lc;
		struct gpio_v2_line_request lr;
		struct gpio_v2_line_info li;
		unsigned char raw[1024];
		uint32_t offset;
	} u;
	size_t size = gpio_size(code);
	struct pbuf *b = f->b;

	if (size > sizeof(u))
		size = sizeof(u);
	if (gpio_when(f, code) == IOCTL_SPLIT) {
		if (f->exiting) {
			/* Nothing more when the entry half could not read
			   the request either. */
			if (is_error(f) || !arg || !read_mem(f, &u, arg, size))
				return;
			pb_puts(b, " => ");
			gpio_out(f, code, &u);
		} else if (read_or_addr(f, &u, arg, size)) {
			gpio_in(f, code, &u);
		}
		return;
	}
	if (!ioctl_read(f, &u, arg, size))
		return;
	switch (code) {
	case GPIO_GET_CHIPINFO_IOCTL:
		pb_putc(b, '{');
		print_cstr(f, "name", u.ci.name, sizeof(u.ci.name));
		pb_puts(b, ", ");
		print_cstr(f, "label", u.ci.label, sizeof(u.ci.label));
		pb_printf(b, ", lines=%u}", u.ci.lines);
		return;
	case GPIO_GET_LINEINFO_UNWATCH_IOCTL:
		pb_printf(b, "{offset=%u}", u.offset);
		return;
	case GPIOHANDLE_GET_LINE_VALUES_IOCTL:
	case GPIOHANDLE_SET_LINE_VALUES_IOCTL:
		pb_puts(b, "{values=");
		print_local_array(f, u.hd.values, 1, GPIOHANDLES_MAX, false);
		pb_putc(b, '}');
		return;
	case GPIOHANDLE_SET_CONFIG_IOCTL:
		pb_puts(b, "{flags=");
		print_flags(b, &gpio_handle_flags, u.hc.flags);
		pb_puts(b, ", default_values=");
		print_local_array(f, u.hc.default_values, 1, GPIOHANDLES_MAX,
				  false);
		pb_putc(b, '}');
		return;
	case GPIO_V2_LINE_SET_VALUES_IOCTL:
		pb_puts(b, "{bits=");
		ioctl_print_hex(b, u.lv.bits);
		pb_puts(b, ", mask=");
		ioctl_print_hex(b, u.lv.mask);
		pb_putc(b, '}');
		return;
	case GPIO_V2_LINE_SET_CONFIG_IOCTL:
		print_line_config(f, &u.lc);
		return;
	}
}

const struct ioctl_family ioctl_gpio_family = {
	.type = 0xb4,
	.names = &gpio_ioctl_cmds,
	.when = gpio_when,
	.arg = gpio_arg,
};
