/* SPDX-License-Identifier: MIT */
/*
 * ioctl_v4l2_values.c: the values inside the Video4Linux2 structures as
 * strace 6.1 prints them, for the structure printers of ioctl_v4l2.c:
 * ", name=" fields, rectangles, fractions, fourcc codes, control ids,
 * buffer flags, arrays inside a structure.
 */
#include <linux/videodev2.h>
#include <stdio.h>
#include <string.h>

#include "ioctl_v4l2.h"

void
v4l2_field(struct pbuf *b, const char *name)
{
	pb_puts(b, ", ");
	pb_puts(b, name);
	pb_putc(b, '=');
}

void
v4l2_xval(struct pbuf *b, const char *name, const struct xlat *x, uint32_t v)
{
	v4l2_field(b, name);
	print_xval(b, x, v, false);
}

void
v4l2_flags(struct pbuf *b, const char *name, const struct xlat *x, uint32_t v)
{
	v4l2_field(b, name);
	print_flags(b, x, v);
}

/* A NUL-terminated char array field. */
void
v4l2_cstr(struct fmt *f, const char *name, const char *s, size_t size)
{
	v4l2_field(f->b, name);
	ioctl_print_cstr(f, s, size);
}

void
v4l2_print_rect(struct pbuf *b, const struct v4l2_rect *r)
{
	pb_printf(b, "{left=%d, top=%d, width=%u, height=%u}", r->left,
		  r->top, r->width, r->height);
}

void
v4l2_print_fract(struct pbuf *b, const char *name, const struct v4l2_fract *v)
{
	pb_printf(b, "%s=%u/%u", name, v->numerator, v->denominator);
}

/* A byte as print_char() quotes it: 'a', '\'', '\xfa'. */
static void
print_fourcc_char(struct pbuf *b, unsigned char c)
{
	if (c >= ' ' && c < 0x7f) {
		if (c == '\'' || c == '\\')
			pb_printf(b, "'\\%c'", c);
		else
			pb_printf(b, "'%c'", c);
	} else {
		pb_printf(b, "'\\x%02x'", c);
	}
}

/* v4l2_fourcc('Y', 'U', 'Y', 'V') /+ V4L2_PIX_FMT_YUYV +/, in hex
   under -X raw. */
void
v4l2_print_fourcc(struct pbuf *b, const char *name, uint32_t v,
		  const struct xlat *x)
{
	const char *s;
	int i;

	if (name)
		pb_printf(b, "%s=", name);
	if (b->xstyle == 1) {
		pb_printf(b, "%#x", v);
		return;
	}
	pb_puts(b, "v4l2_fourcc(");
	for (i = 0; i < 4; i++) {
		if (i)
			pb_puts(b, ", ");
		print_fourcc_char(b, (unsigned char)(v >> (8 * i)));
	}
	pb_putc(b, ')');
	s = x ? xlat_name(x, v) : NULL;
	if (s)
		pb_printf(b, " /* %s */", s);
}

/* A name made up for a value: the name, or the number and the name in a
   comment under -X verbose, the number under -X raw. */
static void
print_named(struct pbuf *b, uint32_t v, const char *name, bool unknown)
{
	if (b->xstyle == 1) {
		pb_printf(b, "%#x", v);
		return;
	}
	if (!unknown && XSTYLE_NAMES(b)) {
		pb_puts(b, name);
		return;
	}
	pb_printf(b, v ? "%#x /* %s */" : "%u /* %s */", v, name);
}

/* A control id: its name, CLASS+offset, or V4L2_CID_???; with_next
   names the QUERYCTRL flags asking for the next control first. */
void
v4l2_print_cid(struct pbuf *b, uint32_t cid, bool with_next)
{
	uint32_t mask = V4L2_CTRL_FLAG_NEXT_CTRL | V4L2_CTRL_FLAG_NEXT_COMPOUND;
	uint32_t cls = 0, best = 0;
	const char *s, *cname = NULL;
	char tmp[80];
	size_t i;

	if (b->xstyle == 1) {
		pb_printf(b, "%#x", cid);
		return;
	}
	if (with_next && (cid & mask)) {
		print_flags(b, &v4l2_control_query_flags, cid & mask);
		pb_putc(b, '|');
		cid &= ~mask;
	}
	s = xlat_name(&v4l2_control_ids, cid);
	if (s) {
		print_named(b, cid, s, false);
		return;
	}
	/* The greatest class not above the id. */
	for (i = 0; i < v4l2_control_classes.n; i++) {
		cls = (uint32_t)v4l2_control_classes.data[i].val;
		if (cls <= cid && (!cname || cls >= best)) {
			best = cls;
			cname = v4l2_control_classes.data[i].str;
		}
	}
	if (!cname || cid - best >= 0x10000) {
		print_named(b, cid, "V4L2_CID_???", true);
		return;
	}
	if (cid - best)
		snprintf(tmp, sizeof(tmp), "%s+%#x", cname, cid - best);
	else
		snprintf(tmp, sizeof(tmp), "%s+0", cname);
	print_named(b, cid, tmp, false);
}

void
v4l2_print_buf_flags(struct pbuf *b, uint32_t v)
{
	uint32_t type = v & V4L2_BUF_FLAG_TIMESTAMP_MASK;
	uint32_t src = v & V4L2_BUF_FLAG_TSTAMP_SRC_MASK;
	uint32_t rest = v & ~type & ~src;

	if (b->xstyle == 1) {
		pb_printf(b, "%#x", v);
		return;
	}
	if (rest) {
		print_flags(b, &v4l2_buf_flags, rest);
		pb_putc(b, '|');
	}
	print_xval(b, &v4l2_buf_flags_ts_type, type, false);
	pb_putc(b, '|');
	print_xval(b, &v4l2_buf_flags_ts_src, src, false);
}

/* An array inside the structure: at most array_max() elements. */
void
v4l2_print_u32s(struct fmt *f, const void *arr, size_t n, size_t size,
		const char *fmt)
{
	size_t i, max = array_max(f);

	pb_putc(f->b, '[');
	for (i = 0; i < n; i++) {
		uint32_t v = 0;

		if (i)
			pb_puts(f->b, ", ");
		if (i >= max) {
			pb_puts(f->b, "...");
			break;
		}
		if (size == 2)
			v = ((const uint16_t *)arr)[i];
		else
			v = ((const uint32_t *)arr)[i];
		if (!strcmp(fmt, "%#x") && !v)
			pb_putc(f->b, '0');
		else
			pb_printf(f->b, fmt, v);
	}
	pb_putc(f->b, ']');
}

/* Whether print_array() got to the end of the array (strace's
   print_array() returning true): every element it shows was read. */
bool
v4l2_array_whole(struct fmt *f, uint64_t addr, uint64_t n, size_t size)
{
	unsigned char elem[64];
	uint64_t i, max = array_max(f);

	if (!addr || !n || size > sizeof(elem) || n > UINT64_MAX / size ||
	    addr + n * size <= addr)
		return false;
	for (i = 0; i < n && i < max; i++)
		if (!read_mem(f, elem, addr + i * size, size))
			return false;
	return true;
}

bool
v4l2_print_clip(struct fmt *f, const void *elem, void *data)
{
	const struct v4l2_clip *c = elem;

	(void)data;
	pb_puts(f->b, "{c=");
	v4l2_print_rect(f->b, &c->c);
	pb_putc(f->b, '}');
	return true;
}
