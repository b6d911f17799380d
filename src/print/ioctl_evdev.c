/* SPDX-License-Identifier: MIT */
/*
 * ioctl_evdev.c: the input event device's ioctls (linux/input.h, type
 * 'E') as strace 6.1 prints them. Commands that carry a length or an
 * event type print as EVIOCGBIT(EV_KEY, 8), EVIOCGABS(ABS_X). Read
 * commands print their argument at exit, write commands at entry; a
 * structure shows its first fields and "..." unless -v. Bit sets (the
 * keys, LEDs ... a device has) show the numbers of the bits set, named,
 * at most four without -v, and under -X raw and verbose the words read.
 */
#include <linux/input.h>
#include <stddef.h>
#include <string.h>

#include "ioctl.h"

extern const struct xlat evdev_ev, evdev_keycode, evdev_rel, evdev_abs,
	evdev_mtslots, evdev_msc, evdev_sw, evdev_leds, evdev_snd, evdev_rep,
	evdev_prop;

XLAT_TABLE(evdev_ff_types, "FF_???", XLAT(FF_RUMBLE), XLAT(FF_PERIODIC),
	   XLAT(FF_CONSTANT), XLAT(FF_SPRING), XLAT(FF_FRICTION),
	   XLAT(FF_DAMPER), XLAT(FF_INERTIA), XLAT(FF_RAMP), XLAT(FF_SQUARE),
	   XLAT(FF_TRIANGLE), XLAT(FF_SINE), XLAT(FF_SAW_UP),
	   XLAT(FF_SAW_DOWN), XLAT(FF_CUSTOM), XLAT(FF_GAIN),
	   XLAT(FF_AUTOCENTER));
XLAT_TABLE(evdev_ff_status, "FF_STATUS_???", XLAT(FF_STATUS_STOPPED),
	   XLAT(FF_STATUS_PLAYING));

XLAT_TABLE(evdev_ioctl_cmds, NULL, XLAT(EVIOCGVERSION), XLAT(EVIOCGID),
	   XLAT(EVIOCGREP), XLAT(EVIOCSREP), XLAT(EVIOCGKEYCODE),
	   XLAT(EVIOCGKEYCODE_V2), XLAT(EVIOCSKEYCODE), XLAT(EVIOCSKEYCODE_V2),
	   XLAT(EVIOCSFF), XLAT(EVIOCRMFF), XLAT(EVIOCGEFFECTS),
	   XLAT(EVIOCGRAB), XLAT(EVIOCREVOKE), XLAT(EVIOCGMASK),
	   XLAT(EVIOCSMASK), XLAT(EVIOCSCLOCKID));

/* An event code inside a command's name: abbreviated under -X verbose,
   where the whole name is already in a comment. */
static void
print_code_in_name(struct pbuf *b, const struct xlat *x, unsigned v)
{
	print_xval(b, x, v, false);
}

static bool
evdev_number(struct pbuf *b, unsigned code)
{
	static const char *const sized[] = {
		[0x06] = "EVIOCGNAME", [0x07] = "EVIOCGPHYS",
		[0x08] = "EVIOCGUNIQ", [0x09] = "EVIOCGPROP",
		[0x0a] = "EVIOCGMTSLOTS", [0x18] = "EVIOCGKEY",
		[0x19] = "EVIOCGLED", [0x1a] = "EVIOCGSND", [0x1b] = "EVIOCGSW",
	};
	unsigned nr = _IOC_NR(code);

	if (_IOC_TYPE(code) != 'E')
		return false;
	if (_IOC_DIR(code) == _IOC_WRITE && nr >= 0xc0) {
		pb_puts(b, "EVIOCSABS(");
		print_code_in_name(b, &evdev_abs, nr - 0xc0);
		pb_putc(b, ')');
		return true;
	}
	if (_IOC_DIR(code) != _IOC_READ)
		return false;
	if (nr >= 0x20 && nr < 0x40) {
		pb_puts(b, "EVIOCGBIT(");
		if (nr == 0x20)
			pb_putc(b, '0');
		else
			print_code_in_name(b, &evdev_ev, nr - 0x20);
		pb_printf(b, ", %u)", _IOC_SIZE(code));
		return true;
	}
	if (nr >= 0x40 && nr < 0x80) {
		pb_puts(b, "EVIOCGABS(");
		print_code_in_name(b, &evdev_abs, nr - 0x40);
		pb_putc(b, ')');
		return true;
	}
	if (nr < ARRAY_SIZE(sized) && sized[nr]) {
		pb_printf(b, "%s(%u)", sized[nr], _IOC_SIZE(code));
		return true;
	}
	return false;
}

static enum ioctl_when
evdev_when(const struct fmt *f, unsigned code)
{
	(void)f;
	switch (_IOC_DIR(code)) {
	case _IOC_READ:
		return IOCTL_EXIT;
	case _IOC_WRITE:
		return IOCTL_ENTRY;
	default:
		return IOCTL_HEX;
	}
}

static void
print_absinfo(struct fmt *f, unsigned code, uint64_t arg)
{
	const size_t orig_sz = offsetof(struct input_absinfo, resolution);
	const size_t res_sz = sizeof(struct input_absinfo);
	struct input_absinfo ai;
	size_t sz = _IOC_SIZE(code);
	struct pbuf *b = f->b;

	memset(&ai, 0, sizeof(ai));
	if (sz < orig_sz) {
		print_ptr(f, arg);
		return;
	}
	if (!ioctl_read(f, &ai, arg, sz < res_sz ? sz : res_sz))
		return;
	pb_printf(b, "{value=%u, minimum=%u", (unsigned)ai.value,
		  (unsigned)ai.minimum);
	if (!ioctl_verbose(f)) {
		pb_puts(b, ", ...}");
		return;
	}
	pb_printf(b, ", maximum=%u, fuzz=%u, flat=%u", (unsigned)ai.maximum,
		  (unsigned)ai.fuzz, (unsigned)ai.flat);
	if (sz > orig_sz) {
		if (sz >= res_sz)
			pb_printf(b, ", resolution=%u",
				  (unsigned)ai.resolution);
		if (sz != res_sz)
			pb_puts(b, ", ...");
	}
	pb_putc(b, '}');
}

static void
print_keycode(struct fmt *f, uint64_t arg)
{
	unsigned kc[2];

	if (!ioctl_read(f, kc, arg, sizeof(kc)))
		return;
	pb_printf(f->b, "[%u, ", kc[0]);
	print_xval(f->b, &evdev_keycode, kc[1], false);
	pb_putc(f->b, ']');
}

static void
print_keycode_v2(struct fmt *f, uint64_t arg)
{
	struct input_keymap_entry ke;
	size_t i;

	if (!ioctl_read(f, &ke, arg, sizeof(ke)))
		return;
	pb_printf(f->b, "{flags=%u, len=%u, ", ke.flags, ke.len);
	if (!ioctl_verbose(f)) {
		pb_puts(f->b, "...}");
		return;
	}
	pb_printf(f->b, "index=%u, keycode=", ke.index);
	print_xval(f->b, &evdev_keycode, ke.keycode, false);
	pb_puts(f->b, ", scancode=[");
	for (i = 0; i < sizeof(ke.scancode); i++) {
		if (i)
			pb_puts(f->b, ", ");
		ioctl_print_hex(f->b, ke.scancode[i]);
	}
	pb_puts(f->b, "]}");
}

static void
print_input_id(struct fmt *f, uint64_t arg)
{
	struct input_id id;

	if (!ioctl_read(f, &id, arg, sizeof(id)))
		return;
	pb_printf(f->b, "{bustype=%u, vendor=%u, product=%u, version=%u}",
		  id.bustype, id.vendor, id.product, id.version);
}

static void
print_envelope(struct pbuf *b, const struct ff_envelope *e)
{
	pb_printf(b, "envelope={attack_length=%u, attack_level=%u"
		  ", fade_length=%u, fade_level=",
		  e->attack_length, e->attack_level, e->fade_length);
	ioctl_print_hex(b, e->fade_level);
	pb_putc(b, '}');
}

static void
print_ff_effect(struct fmt *f, uint64_t arg)
{
	struct ff_effect e;
	struct pbuf *b = f->b;

	if (!ioctl_read(f, &e, arg, sizeof(e)))
		return;
	pb_puts(b, "{type=");
	print_xval(b, &evdev_ff_types, e.type, false);
	pb_printf(b, ", id=%d, direction=%u, ", e.id, e.direction);
	if (!ioctl_verbose(f)) {
		pb_puts(b, "...}");
		return;
	}
	pb_printf(b, "trigger={button=%u, interval=%u}, replay={length=%u"
		  ", delay=%u}", e.trigger.button, e.trigger.interval,
		  e.replay.length, e.replay.delay);
	switch (e.type) {
	case FF_CONSTANT:
		pb_printf(b, ", constant={level=%d, ", e.u.constant.level);
		print_envelope(b, &e.u.constant.envelope);
		pb_putc(b, '}');
		break;
	case FF_RAMP:
		pb_printf(b, ", ramp={start_level=%d, end_level=%d, ",
			  e.u.ramp.start_level, e.u.ramp.end_level);
		print_envelope(b, &e.u.ramp.envelope);
		pb_putc(b, '}');
		break;
	case FF_PERIODIC:
		pb_printf(b, ", periodic={waveform=%u, period=%u"
			  ", magnitude=%d, offset=%d, phase=%u, ",
			  e.u.periodic.waveform, e.u.periodic.period,
			  e.u.periodic.magnitude, e.u.periodic.offset,
			  e.u.periodic.phase);
		print_envelope(b, &e.u.periodic.envelope);
		pb_printf(b, ", custom_len=%u, custom_data=",
			  e.u.periodic.custom_len);
		print_ptr(f, (uint64_t)(uintptr_t)e.u.periodic.custom_data);
		pb_putc(b, '}');
		break;
	case FF_RUMBLE:
		pb_printf(b, ", rumble={strong_magnitude=%u"
			  ", weak_magnitude=%u}",
			  e.u.rumble.strong_magnitude,
			  e.u.rumble.weak_magnitude);
		break;
	}
	pb_putc(b, '}');
}

/*
 * A bit set the kernel filled: as many bytes as the call returned, at
 * most max_nr bits, read in whole words. The numbers of the bits set by
 * name (not under -X raw), then the words (under -X raw and verbose).
 */
static void
print_bitset(struct fmt *f, uint64_t arg, const struct xlat *x,
	     unsigned max_nr)
{
	unsigned char buf[(KEY_MAX + 64) / 8];
	uint64_t rv = (uint64_t)f->rv;
	unsigned bits = rv > max_nr / 8 ? max_nr : (unsigned)rv * 8;
	size_t size = ((bits + 7) / 8 + 7) / 8 * 8;
	struct pbuf *b = f->b;
	int style = b->xstyle;
	unsigned i, shown = 0;
	size_t w;

	if (is_error(f) || !size || size > sizeof(buf)) {
		print_ptr(f, arg);
		return;
	}
	if (!read_or_addr(f, buf, arg, size))
		return;
	if (style != 1) {
		pb_putc(b, '[');
		for (i = 0; i < bits; i++) {
			if (!(buf[i / 8] & (1u << (i % 8))))
				continue;
			if (shown) {
				pb_putc(b, ' ');
				if (!ioctl_verbose(f) && shown >= 4) {
					pb_puts(b, "...");
					break;
				}
			}
			print_xval(b, x, i, false);
			shown++;
		}
		pb_putc(b, ']');
	}
	if (style == 0)
		return;
	if (style == 2)
		pb_puts(b, " /* ");
	pb_putc(b, '[');
	for (w = 0; w < size / 8; w++) {
		uint64_t word;

		if (w)
			pb_puts(b, ", ");
		if (f->o->strsize >= 0 && w >= (size_t)f->o->strsize) {
			pb_puts(b, "...");
			break;
		}
		memcpy(&word, buf + w * 8, sizeof(word));
		ioctl_print_hex(b, word);
	}
	pb_putc(b, ']');
	if (style == 2)
		pb_puts(b, " */");
}

static void
print_mtslots(struct fmt *f, unsigned code, uint64_t arg)
{
	size_t n = _IOC_SIZE(code) / sizeof(int);
	unsigned slot;

	if (!n) {
		print_ptr(f, arg);
		return;
	}
	if (!ioctl_read(f, &slot, arg, sizeof(slot)))
		return;
	pb_puts(f->b, "{code=");
	print_xval(f->b, &evdev_mtslots, slot, false);
	pb_puts(f->b, ", values=");
	print_array(f, arg + sizeof(int), n - 1, sizeof(int), print_elem_int,
		    NULL);
	pb_putc(f->b, '}');
}

static void
print_bit_cmd(struct fmt *f, unsigned ev, uint64_t arg)
{
	static const struct {
		const struct xlat *x;
		unsigned max;
	} sets[EV_CNT] = {
		[0] = { &evdev_ev, EV_MAX },
		[EV_KEY] = { &evdev_keycode, KEY_MAX },
		[EV_REL] = { &evdev_rel, REL_MAX },
		[EV_ABS] = { &evdev_abs, ABS_MAX },
		[EV_MSC] = { &evdev_msc, MSC_MAX },
		[EV_SW] = { &evdev_sw, SW_MAX },
		[EV_LED] = { &evdev_leds, LED_MAX },
		[EV_SND] = { &evdev_snd, SND_MAX },
		[EV_REP] = { &evdev_rep, REP_MAX },
		[EV_FF] = { &evdev_ff_types, FF_MAX },
		[EV_FF_STATUS] = { &evdev_ff_status, FF_STATUS_MAX },
	};

	if (ev == EV_PWR)
		ioctl_print_int(f, arg, "%d");
	else if (ev < EV_CNT && sets[ev].x)
		print_bitset(f, arg, sets[ev].x, sets[ev].max);
	else
		print_ptr(f, arg);
}

static void
evdev_read(struct fmt *f, unsigned code, uint64_t arg)
{
	unsigned nr = _IOC_NR(code);

	switch (code) {
	case EVIOCGVERSION: ioctl_print_int(f, arg, "%#x"); return;
	case EVIOCGEFFECTS: ioctl_print_int(f, arg, "%u"); return;
	case EVIOCGID: print_input_id(f, arg); return;
	case EVIOCGREP: ioctl_print_int_pair(f, arg, "%u"); return;
	case EVIOCGKEYCODE: print_keycode(f, arg); return;
	case EVIOCGKEYCODE_V2: print_keycode_v2(f, arg); return;
	}
	switch (nr) {
	case 0x0a: print_mtslots(f, code, arg); return;
	case 0x06: case 0x07: case 0x08:
		if (is_error(f))
			print_ptr(f, arg);
		else
			print_str(f, arg, (long)f->rv, 0);
		return;
	case 0x09: print_bitset(f, arg, &evdev_prop, INPUT_PROP_MAX); return;
	case 0x1a: print_bitset(f, arg, &evdev_snd, SND_MAX); return;
	case 0x1b: print_bitset(f, arg, &evdev_sw, SW_MAX); return;
	case 0x18: print_bitset(f, arg, &evdev_keycode, KEY_MAX); return;
	case 0x19: print_bitset(f, arg, &evdev_leds, LED_MAX); return;
	}
	if (nr >= 0x40 && nr < 0x80)
		print_absinfo(f, code, arg);
	else if (nr >= 0x20 && nr < 0x40)
		print_bit_cmd(f, nr - 0x20, arg);
	else
		print_ptr(f, arg);
}

static void
evdev_write(struct fmt *f, unsigned code, uint64_t arg)
{
	switch (code) {
	case EVIOCSREP: ioctl_print_int_pair(f, arg, "%u"); return;
	case EVIOCSKEYCODE: print_keycode(f, arg); return;
	case EVIOCSKEYCODE_V2: print_keycode_v2(f, arg); return;
	case EVIOCRMFF: pb_printf(f->b, "%d", (int)arg); return;
	case EVIOCGRAB: case EVIOCREVOKE:
		pb_printf(f->b, "%llu", (unsigned long long)arg);
		return;
	case EVIOCSCLOCKID: ioctl_print_int(f, arg, "%u"); return;
	case EVIOCSFF: print_ff_effect(f, arg); return;
	}
	if (_IOC_NR(code) >= 0xc0)
		print_absinfo(f, code, arg);
	else
		print_ptr(f, arg);
}

static void
evdev_arg(struct fmt *f, unsigned code, uint64_t arg)
{
	if (_IOC_DIR(code) == _IOC_READ)
		evdev_read(f, code, arg);
	else
		evdev_write(f, code, arg);
}

const struct ioctl_family ioctl_evdev_family = {
	.type = 'E',
	.names = &evdev_ioctl_cmds,
	.number = evdev_number,
	.when = evdev_when,
	.arg = evdev_arg,
};
