/* SPDX-License-Identifier: MIT */
/*
 * ioctl_kd.c: the virtual console's ioctls (linux/kd.h, type 'K') as
 * strace 6.1 prints them: tones with their frequency in a comment, LEDs
 * and modes by name, keymap entries with the key's name (K_F1) or its
 * type and value (K(KT_LATIN, 'a')) in a comment, the screen maps and
 * fonts as hex strings, the diacritics and unicode maps as arrays.
 * The "get" commands print at exit; those that pass a structure both
 * ways print it at entry and what changed after " => " at exit.
 */
#include <errno.h>
#include <linux/kd.h>
#include <linux/keyboard.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ioctl_kd.h"

enum {
	KD_PIT_TICK_RATE = 1193182, /* the PC speaker's clock, in Hz */
	KD_TABSZ = 256,             /* a screen map's entries */
	KD_MAX_DIACR = 256,         /* struct kbdiacrs's entries */
	KD_MAX_FONT_NAME = 32,
};

XLAT_TABLE(kd_ioctl_cmds, NULL, XLAT(KIOCSOUND), XLAT(KDMKTONE),
	   XLAT(KDGETLED), XLAT(KDSETLED), XLAT(KDGKBTYPE), XLAT(KDADDIO),
	   XLAT(KDDELIO), XLAT(KDENABIO), XLAT(KDDISABIO), XLAT(KDSETMODE),
	   XLAT(KDGETMODE), XLAT(KDMAPDISP), XLAT(KDUNMAPDISP),
	   XLAT(GIO_SCRNMAP), XLAT(PIO_SCRNMAP), XLAT(KDGKBMODE),
	   XLAT(KDSKBMODE), XLAT(KDGKBENT), XLAT(KDSKBENT), XLAT(KDGKBSENT),
	   XLAT(KDSKBSENT), XLAT(KDGKBDIACR), XLAT(KDSKBDIACR),
	   XLAT(KDGETKEYCODE), XLAT(KDSETKEYCODE), XLAT(KDSIGACCEPT),
	   XLAT(KDKBDREP), XLAT(GIO_FONT), XLAT(PIO_FONT), XLAT(KDGKBMETA),
	   XLAT(KDSKBMETA), XLAT(KDGKBLED), XLAT(KDSKBLED), XLAT(GIO_UNIMAP),
	   XLAT(PIO_UNIMAP), XLAT(PIO_UNIMAPCLR), XLAT(GIO_UNISCRNMAP),
	   XLAT(PIO_UNISCRNMAP), XLAT(GIO_FONTX), XLAT(PIO_FONTX),
	   XLAT(PIO_FONTRESET), XLAT(GIO_CMAP), XLAT(PIO_CMAP),
	   XLAT(KDFONTOP), XLAT(KDGKBDIACRUC), XLAT(KDSKBDIACRUC));
XLAT_TABLE(kd_led_flags, "LED_???", XLAT(LED_SCR), XLAT(LED_NUM),
	   XLAT(LED_CAP));
/* KDGKBLED's and KDSKBLED's: the LEDs, then their defaults. */
XLAT_TABLE(kd_default_led_flags, "LED_???", XLAT(LED_SCR), XLAT(LED_NUM),
	   XLAT(LED_CAP), XLAT_PAIR(LED_SCR << 4, "LED_SCR<<4"),
	   XLAT_PAIR(LED_NUM << 4, "LED_NUM<<4"),
	   XLAT_PAIR(LED_CAP << 4, "LED_CAP<<4"));
XLAT_TABLE(kd_kbd_types, "KB_???", XLAT(KB_84), XLAT(KB_101),
	   XLAT(KB_OTHER));
XLAT_TABLE(kd_modes, "KD_???", XLAT(KD_TEXT), XLAT(KD_GRAPHICS),
	   XLAT(KD_TEXT0), XLAT(KD_TEXT1));
XLAT_TABLE(kd_kbd_modes, "K_???", XLAT(K_RAW), XLAT(K_XLATE),
	   XLAT(K_MEDIUMRAW), XLAT(K_UNICODE), XLAT(K_OFF));
XLAT_TABLE(kd_meta_vals, "K_???", XLAT(K_METABIT), XLAT(K_ESCPREFIX));
XLAT_TABLE(kd_key_tables, NULL, XLAT(K_NORMTAB), XLAT(K_SHIFTTAB),
	   XLAT(K_ALTTAB), XLAT(K_ALTSHIFTTAB));
XLAT_TABLE(kd_keymap_flags, "K_???",
	   XLAT_PAIR(1 << KG_SHIFT, "1<<KG_SHIFT"),
	   XLAT_PAIR(1 << KG_ALTGR, "1<<KG_ALTGR"),
	   XLAT_PAIR(1 << KG_CTRL, "1<<KG_CTRL"),
	   XLAT_PAIR(1 << KG_ALT, "1<<KG_ALT"),
	   XLAT_PAIR(1 << KG_SHIFTL, "1<<KG_SHIFTL"),
	   XLAT_PAIR(1 << KG_SHIFTR, "1<<KG_SHIFTR"),
	   XLAT_PAIR(1 << KG_CTRLL, "1<<KG_CTRLL"),
	   XLAT_PAIR(1 << KG_CTRLR, "1<<KG_CTRLR"));
XLAT_TABLE(kd_font_ops, "KD_FONT_OP_???", XLAT(KD_FONT_OP_SET),
	   XLAT(KD_FONT_OP_GET), XLAT(KD_FONT_OP_SET_DEFAULT),
	   XLAT(KD_FONT_OP_COPY));
XLAT_TABLE(kd_font_flags, "KD_FONT_FLAG_???", XLAT(KD_FONT_FLAG_DONT_RECALC),
	   XLAT_PAIR(0x80000000u, "KD_FONT_FLAG_OLD"));

static bool
raw(const struct fmt *f)
{
	return f->b->xstyle == 1;
}

static enum ioctl_when
kd_when(const struct fmt *f, unsigned code)
{
	(void)f;
	switch (code) {
	case KDGETLED: case KDGKBLED: case KDGKBTYPE: case KDGETMODE:
	case GIO_SCRNMAP: case GIO_UNISCRNMAP: case KDGKBMODE:
	case KDGKBDIACR: case KDGKBDIACRUC: case GIO_FONT: case KDGKBMETA:
	case GIO_CMAP:
		return IOCTL_EXIT;
	case KDGKBENT: case KDGKBSENT: case KDGETKEYCODE: case KDKBDREP:
	case GIO_UNIMAP: case GIO_FONTX: case KDFONTOP:
		return IOCTL_SPLIT;
	case KDENABIO: case KDDISABIO: case KDMAPDISP: case KDUNMAPDISP:
	case PIO_FONTRESET:
		return IOCTL_NONE;
	case KIOCSOUND: case KDMKTONE: case KDSETLED: case KDSKBLED:
	case KDADDIO: case KDDELIO: case KDSETMODE: case PIO_SCRNMAP:
	case PIO_UNISCRNMAP: case KDSKBMODE: case KDSKBENT: case KDSKBSENT:
	case KDSKBDIACR: case KDSKBDIACRUC: case KDSETKEYCODE:
	case KDSIGACCEPT: case PIO_FONT: case KDSKBMETA: case PIO_UNIMAP:
	case PIO_UNIMAPCLR: case PIO_FONTX: case PIO_CMAP:
		return IOCTL_ENTRY;
	}
	return IOCTL_HEX;
}

static void
kd_sound(struct fmt *f, uint64_t arg)
{
	unsigned freq = arg ? (unsigned)(KD_PIT_TICK_RATE / arg) : 0;

	pb_printf(f->b, "%llu", (unsigned long long)arg);
	if (raw(f))
		return;
	if (freq)
		pb_printf(f->b, " /* %u Hz */", freq);
	else
		pb_puts(f->b, " /* off */");
}

static void
kd_tone(struct fmt *f, unsigned arg)
{
	unsigned ticks = arg >> 16, count = arg & 0xffff;
	unsigned freq = ticks && count ? KD_PIT_TICK_RATE / count : 0;

	if (ticks)
		pb_printf(f->b, "%u<<16|", ticks);
	pb_printf(f->b, "%u", count);
	if (raw(f))
		return;
	if (freq)
		pb_printf(f->b, " /* %u Hz, %u ms */", freq, ticks);
	else
		pb_puts(f->b, " /* off */");
}

/* A byte (get: at arg) of flags or an enum, in brackets when read. */
static void
kd_byte(struct fmt *f, uint64_t arg, bool get, const struct xlat *x,
	bool flags)
{
	unsigned char v = (unsigned char)arg;

	if (get && !ioctl_read(f, &v, arg, sizeof(v)))
		return;
	if (get)
		pb_putc(f->b, '[');
	if (flags)
		print_flags(f->b, x, v);
	else
		print_xval(f->b, x, v, false);
	if (get)
		pb_putc(f->b, ']');
}

/* An unsigned int (get: at arg) of an enum. */
static void
kd_uint(struct fmt *f, uint64_t arg, bool get, const struct xlat *x,
	bool dec)
{
	unsigned v = (unsigned)arg;

	if (get && !ioctl_read(f, &v, arg, sizeof(v)))
		return;
	if (get)
		pb_putc(f->b, '[');
	print_xval(f->b, x, v, dec);
	if (get)
		pb_putc(f->b, ']');
}

static void
kd_io(struct fmt *f, uint64_t arg)
{
	enum { GPFIRST = 0x3b4, GPLAST = 0x3df };

	ioctl_print_hex(f->b, arg);
	if (arg >= GPFIRST && arg <= GPLAST && !raw(f))
		pb_printf(f->b, " /* GPFIRST + %llu */",
			  (unsigned long long)(arg - GPFIRST));
}

/*
 * len bytes at addr as strace's printstr_ex(): -s bytes and "..." when
 * len is more, in hex (a table) or (name) as a string meant to end with
 * a NUL within len bytes; the address when the bytes shown and the one
 * after them cannot all be read.
 */
static void
kd_str(struct fmt *f, uint64_t addr, size_t len, bool name)
{
	size_t max = f->o->strsize > 0 ? (size_t)f->o->strsize : 0;
	size_t size = max + 1 < len ? max + 1 : len, shown;
	unsigned char stack_buf[1024] = { 0 }, *s = stack_buf;
	ssize_t n = 0;

	if (!addr) {
		pb_puts(f->b, "NULL");
		return;
	}
	if (size + 1 > sizeof(stack_buf)) {
		s = malloc(size + 1);
		if (!s) {
			print_ptr(f, addr);
			return;
		}
	}
	if (name) {
		n = f->p && size ? snare__mem_peek_str((char *)s, size + 1,
							f->p, addr) : 0;
		if (n < 0)
			n = -1;
	} else if (size && !read_mem(f, s, addr, size)) {
		n = -1;
	}
	if (n < 0) {
		print_ptr(f, addr);
		goto out;
	}
	shown = size;
	if (shown > max)
		shown = max;
	else if (name && shown == len && shown)
		shown--; /* the NUL expected last */
	if (!name) {
		pb_quote(f->b, s, shown, f->o->xflag, QUOTE_FORCE_HEX);
		if (len > max)
			pb_puts(f->b, "...");
		goto out;
	}
	pb_quote(f->b, s, (size_t)n < shown ? (size_t)n : shown,
		 f->o->xflag, 0);
	if ((size_t)n > shown)
		pb_puts(f->b, "...");
out:
	if (s != stack_buf)
		free(s);
}

/* A table at arg; at exit of a failed call, the address. */
static void
kd_hexstr(struct fmt *f, uint64_t arg, long len)
{
	if (is_error(f))
		print_ptr(f, arg);
	else
		kd_str(f, arg, (size_t)len, false);
}

static bool
print_scrmap_elem(struct fmt *f, const void *elem, void *data)
{
	unsigned short v;
	bool direct;

	(void)data;
	memcpy(&v, elem, sizeof(v));
	direct = (v & ~UNI_DIRECT_MASK) == UNI_DIRECT_BASE;
	if (f->b->xstyle != 0 || !direct)
		pb_printf(f->b, v ? "%#hx" : "0", v);
	if (raw(f) || !direct)
		return true;
	if (f->b->xstyle == 2)
		pb_printf(f->b, " /* UNI_DIRECT_BASE+%#hx */",
			  (unsigned short)(v & UNI_DIRECT_MASK));
	else
		pb_printf(f->b, "UNI_DIRECT_BASE+%#hx",
			  (unsigned short)(v & UNI_DIRECT_MASK));
	return true;
}

/* A keymap entry's value, with the key's name in a comment. */
static void
kd_kbentry(struct fmt *f, uint64_t arg, bool get)
{
	struct kbentry e;
	const char *tab;

	if (!f->exiting || !get) {
		if (!read_or_addr(f, &e, arg, 2))
			return;
		tab = xlat_name(&kd_key_tables, e.kb_table);
		pb_puts(f->b, "{kb_table=");
		if (tab)
			print_xval(f->b, &kd_key_tables, e.kb_table, false);
		else
			print_flags(f->b, &kd_keymap_flags, e.kb_table);
		pb_printf(f->b, ", kb_index=%u", e.kb_index);
		if (get)
			return;
	} else {
		/* The entry half printed the address. */
		if (!read_mem(f, &e, arg, 2))
			return;
		if (is_error(f)) {
			pb_putc(f->b, '}');
			return;
		}
	}
	pb_puts(f->b, ", ");
	if (!read_mem(f, &e.kb_value, arg + offsetof(struct kbentry, kb_value),
		      sizeof(e.kb_value)))
		pb_puts(f->b, "kb_value=???");
	else
		kd_print_kb_value(f, e.kb_value);
	pb_putc(f->b, '}');
}

/* struct kbsentry's kb_func: KVAL(K_F1) ... KVAL(K_UNDO). */
static void
kd_kbsentry(struct fmt *f, uint64_t arg, bool get)
{
	size_t max = f->o->strsize > 0 ? (size_t)f->o->strsize : 0;
	char s[sizeof(((struct kbsentry *)0)->kb_string) + 1];
	const size_t cap = sizeof(s) - 1;
	unsigned char func;
	ssize_t n;
	size_t len;

	if (!f->exiting || !get) {
		if (!read_or_addr(f, &func, arg, 1))
			return;
		pb_puts(f->b, "{kb_func=");
		kd_print_kb_func(f->b, func);
		if (get)
			return;
	} else {
		if (!read_mem(f, &func, arg, 1))
			return;
		if (is_error(f)) {
			pb_putc(f->b, '}');
			return;
		}
	}
	pb_puts(f->b, ", kb_string=");
	/* Stopped by an unreadable page rather than by its NUL: -1. */
	n = f->p ? snare__mem_peek_str(s, sizeof(s), f->p, arg + 1) : -1;
	if (n < 0) {
		pb_puts(f->b, "???}");
		return;
	}
	/* As strace: up to -s bytes, or up to the NUL included; "..."
	   unless the last byte shown is that NUL. */
	len = (size_t)n < cap ? (size_t)n + 1 : cap;
	if (len > max)
		len = max;
	if ((size_t)n < cap && len == (size_t)n + 1) {
		pb_quote(f->b, (const unsigned char *)s, len - 1, f->o->xflag,
			 0);
	} else {
		pb_quote(f->b, (const unsigned char *)s, len, f->o->xflag, 0);
		pb_puts(f->b, "...");
	}
	pb_putc(f->b, '}');
}

struct diacr_arr {
	bool uc;
};

static bool
print_diacr_elem(struct fmt *f, const void *elem, void *data)
{
	const struct diacr_arr *d = data;

	if (d->uc) {
		struct kbdiacruc u;

		memcpy(&u, elem, sizeof(u));
		pb_puts(f->b, "{diacr=");
		ioctl_print_hex(f->b, u.diacr);
		pb_puts(f->b, ", base=");
		ioctl_print_hex(f->b, u.base);
		pb_puts(f->b, ", result=");
		ioctl_print_hex(f->b, u.result);
	} else {
		const struct kbdiacr *k = elem;

		pb_puts(f->b, "{diacr=");
		kd_print_kchar(f->b, k->diacr);
		pb_puts(f->b, ", base=");
		kd_print_kchar(f->b, k->base);
		pb_puts(f->b, ", result=");
		kd_print_kchar(f->b, k->result);
	}
	pb_putc(f->b, '}');
	return true;
}

/*
 * n elements (at most limit) of an array, as print_array(), and ", ..."
 * before its end when n was more than limit and the elements shown were
 * not already cut at -s (strace's PAF_ARRAY_TRUNCATED).
 */
static void
print_array_cut(struct fmt *f, uint64_t addr, uint64_t n, uint64_t limit,
		size_t size, print_elem_fn fn, void *data)
{
	size_t max = array_max(f);
	unsigned char elem[16];
	uint64_t i, shown = n < limit ? n : limit;

	if (!addr || !shown || size > sizeof(elem)) {
		print_array(f, addr, shown, size, fn, data);
		return;
	}
	for (i = 0; i < shown; i++) {
		if (i)
			pb_puts(f->b, ", ");
		if (!read_mem(f, elem, addr + i * size, size)) {
			if (!i) {
				print_ptr(f, addr);
				return;
			}
			pb_printf(f->b, "... /* %#llx */",
				  (unsigned long long)(addr + i * size));
			break;
		}
		if (!i)
			pb_putc(f->b, '[');
		if (i >= max) {
			pb_puts(f->b, "...");
			break;
		}
		fn(f, elem, data);
	}
	if (i == shown && n > limit)
		pb_puts(f->b, ", ...");
	pb_putc(f->b, ']');
}

static void
kd_diacr(struct fmt *f, uint64_t arg, bool uc)
{
	struct diacr_arr d = { uc };
	unsigned cnt;
	size_t size = uc ? sizeof(struct kbdiacruc) : sizeof(struct kbdiacr);
	uint64_t at = uc ? offsetof(struct kbdiacrsuc, kbdiacruc)
			 : offsetof(struct kbdiacrs, kbdiacr);

	if (!ioctl_read(f, &cnt, arg, sizeof(cnt)))
		return;
	pb_printf(f->b, "{kb_cnt=%u, %s=", cnt, uc ? "kbdiacruc" : "kbdiacr");
	if (is_error(f))
		print_ptr(f, arg + at);
	else
		print_array_cut(f, arg + at, cnt, KD_MAX_DIACR, size, print_diacr_elem,
			&d);
	pb_putc(f->b, '}');
}

static void
kd_keycode(struct fmt *f, uint64_t arg, bool get)
{
	struct kbkeycode k;

	if (!f->exiting) {
		if (!read_or_addr(f, &k, arg, sizeof(k)))
			return;
		pb_puts(f->b, "{scancode=");
		ioctl_print_hex(f->b, k.scancode);
		pb_puts(f->b, ", keycode=");
		ioctl_print_hex(f->b, k.keycode);
		if (!get)
			pb_putc(f->b, '}');
		return;
	}
	if (!read_mem(f, &k, arg, sizeof(k)))
		return;
	if (!is_error(f)) {
		pb_puts(f->b, " => ");
		ioctl_print_hex(f->b, k.keycode);
	}
	pb_putc(f->b, '}');
}

static void
kd_kbdrep(struct fmt *f, uint64_t arg)
{
	struct kbd_repeat r;

	if (f->exiting) {
		if (is_error(f) || !read_mem(f, &r, arg, sizeof(r)))
			return;
		pb_puts(f->b, " => ");
	} else if (!read_or_addr(f, &r, arg, sizeof(r))) {
		return;
	}
	pb_printf(f->b, "{delay=%d, period=%d}", r.delay, r.period);
}

static void
kd_unimapclr(struct fmt *f, uint64_t arg)
{
	struct unimapinit u;

	if (!read_or_addr(f, &u, arg, sizeof(u)))
		return;
	pb_printf(f->b, "{advised_hashsize=%u, advised_hashstep=%u"
		  ", advised_hashlevel=%u}", u.advised_hashsize,
		  u.advised_hashstep, u.advised_hashlevel);
}

static bool
print_unipair_elem(struct fmt *f, const void *elem, void *data)
{
	struct unipair u;

	(void)data;
	memcpy(&u, elem, sizeof(u));
	pb_puts(f->b, "{unicode=");
	ioctl_print_hex(f->b, u.unicode);
	pb_puts(f->b, ", fontpos=");
	ioctl_print_hex(f->b, u.fontpos);
	pb_putc(f->b, '}');
	return true;
}

static void
kd_unimap(struct fmt *f, uint64_t arg, bool get)
{
	struct unimapdesc u;
	int64_t cnt;

	if (!f->exiting) {
		if (!read_or_addr(f, &u, arg, sizeof(u)))
			return;
		pb_printf(f->b, "{entry_ct=%u", u.entry_ct);
		if (get) {
			/* The count asked for: the array's length at exit. */
			note_put(f, arg, u.entry_ct);
			return;
		}
		cnt = u.entry_ct;
	} else {
		if (!note_get(f, arg, &cnt, true))
			return;
		if (!read_mem(f, &u, arg, sizeof(u))) {
			print_ptr(f, arg);
			pb_putc(f->b, '}');
			return;
		}
		pb_printf(f->b, " => %u", u.entry_ct);
		if (is_error(f) && f->rv != -ENOMEM) {
			pb_puts(f->b, ", entries=");
			print_ptr(f, (uint64_t)(uintptr_t)u.entries);
			pb_putc(f->b, '}');
			return;
		}
	}
	pb_puts(f->b, ", entries=");
	if (is_error(f))
		print_ptr(f, (uint64_t)(uintptr_t)u.entries);
	else
		print_array(f, (uint64_t)(uintptr_t)u.entries, (uint16_t)cnt,
			    sizeof(struct unipair), print_unipair_elem, NULL);
	pb_putc(f->b, '}');
}

static void
kd_fontx(struct fmt *f, uint64_t arg, bool get)
{
	struct consolefontdesc d;
	unsigned n;

	if (f->exiting) {
		if (is_error(f) || !read_mem(f, &d, arg, sizeof(d)))
			return;
		pb_puts(f->b, " => ");
	} else if (!read_or_addr(f, &d, arg, sizeof(d))) {
		return;
	}
	pb_printf(f->b, "{charcount=%u, charheight=%u, chardata=",
		  d.charcount, d.charheight);
	if (get && !f->exiting) {
		print_ptr(f, (uint64_t)(uintptr_t)d.chardata);
	} else {
		n = d.charcount < 512 ? d.charcount : 512;
		kd_str(f, (uint64_t)(uintptr_t)d.chardata, (size_t)n * 32,
		       false);
	}
	pb_putc(f->b, '}');
}

static void
kd_fontop(struct fmt *f, uint64_t arg)
{
	struct console_font_op o;
	uint64_t data;
	unsigned w, n;

	if (f->exiting) {
		if (is_error(f) || !read_mem(f, &o, arg, sizeof(o)))
			return;
		/* SET and COPY were shown whole at entry. */
		if (o.op == KD_FONT_OP_SET || o.op == KD_FONT_OP_COPY)
			return;
		pb_puts(f->b, " => {");
	} else {
		if (!read_or_addr(f, &o, arg, sizeof(o)))
			return;
		pb_puts(f->b, "{op=");
		print_xval(f->b, &kd_font_ops, o.op, false);
		if (o.op != KD_FONT_OP_SET_DEFAULT &&
		    o.op != KD_FONT_OP_COPY) {
			pb_puts(f->b, ", flags=");
			print_flags(f->b, &kd_font_flags, o.flags);
		}
		pb_puts(f->b, ", ");
	}
	if (o.op == KD_FONT_OP_COPY)
		pb_printf(f->b, "height=%u", o.height);
	else
		pb_printf(f->b, "width=%u, height=%u", o.width, o.height);
	if (o.op != KD_FONT_OP_SET_DEFAULT && o.op != KD_FONT_OP_COPY)
		pb_printf(f->b, ", charcount=%u", o.charcount);
	data = (uint64_t)(uintptr_t)o.data;
	switch (o.op) {
	case KD_FONT_OP_GET:
	case KD_FONT_OP_SET:
		pb_puts(f->b, ", data=");
		if (o.op == KD_FONT_OP_GET && !f->exiting) {
			print_ptr(f, data);
			break;
		}
		w = o.width < 32 ? o.width : 32;
		n = o.charcount < 512 ? o.charcount : 512;
		kd_str(f, data, (size_t)((w + 7) / 8) * 32 * n, false);
		break;
	case KD_FONT_OP_SET_DEFAULT:
		if (!f->exiting) {
			pb_puts(f->b, ", data=");
			kd_str(f, data, KD_MAX_FONT_NAME, true);
		}
		break;
	case KD_FONT_OP_COPY:
		break;
	default:
		pb_puts(f->b, ", data=");
		print_ptr(f, data);
	}
	pb_putc(f->b, '}');
}

static void
kd_arg(struct fmt *f, unsigned code, uint64_t arg)
{
	switch (code) {
	case KIOCSOUND:
		kd_sound(f, arg);
		return;
	case KDMKTONE:
		kd_tone(f, (unsigned)arg);
		return;
	case KDGETLED: case KDSETLED:
		kd_byte(f, arg, code == KDGETLED, &kd_led_flags, true);
		return;
	case KDGKBLED: case KDSKBLED:
		kd_byte(f, arg, code == KDGKBLED, &kd_default_led_flags, true);
		return;
	case KDGKBTYPE:
		kd_byte(f, arg, true, &kd_kbd_types, false);
		return;
	case KDADDIO: case KDDELIO:
		kd_io(f, arg);
		return;
	case KDSETMODE:
		print_xval(f->b, &kd_modes, (unsigned)arg, false);
		return;
	case KDGETMODE:
		kd_uint(f, arg, true, &kd_modes, false);
		return;
	case GIO_SCRNMAP: case PIO_SCRNMAP:
		kd_hexstr(f, arg, KD_TABSZ);
		return;
	case GIO_UNISCRNMAP: case PIO_UNISCRNMAP:
		if (is_error(f)) {
			print_ptr(f, arg);
			return;
		}
		print_array(f, arg, KD_TABSZ, sizeof(unsigned short),
			    print_scrmap_elem, NULL);
		return;
	case KDGKBMODE: case KDSKBMODE:
		kd_uint(f, arg, code == KDGKBMODE, &kd_kbd_modes, true);
		return;
	case KDGKBENT: case KDSKBENT:
		kd_kbentry(f, arg, code == KDGKBENT);
		return;
	case KDGKBSENT: case KDSKBSENT:
		kd_kbsentry(f, arg, code == KDGKBSENT);
		return;
	case KDGKBDIACR: case KDSKBDIACR:
		kd_diacr(f, arg, false);
		return;
	case KDGKBDIACRUC: case KDSKBDIACRUC:
		kd_diacr(f, arg, true);
		return;
	case KDGETKEYCODE: case KDSETKEYCODE:
		kd_keycode(f, arg, code == KDGETKEYCODE);
		return;
	case KDSIGACCEPT:
		if (arg < 0x7fffffff)
			print_signo(f->b, (int)arg);
		else
			pb_printf(f->b, "%llu", (unsigned long long)arg);
		return;
	case KDKBDREP:
		kd_kbdrep(f, arg);
		return;
	case GIO_FONT: case PIO_FONT:
		kd_hexstr(f, arg, 8192);
		return;
	case KDGKBMETA: case KDSKBMETA:
		kd_uint(f, arg, code == KDGKBMETA, &kd_meta_vals, false);
		return;
	case PIO_UNIMAPCLR:
		kd_unimapclr(f, arg);
		return;
	case GIO_CMAP: case PIO_CMAP:
		kd_hexstr(f, arg, 3 * 16);
		return;
	case GIO_UNIMAP: case PIO_UNIMAP:
		kd_unimap(f, arg, code == GIO_UNIMAP);
		return;
	case GIO_FONTX: case PIO_FONTX:
		kd_fontx(f, arg, code == GIO_FONTX);
		return;
	case KDFONTOP:
		kd_fontop(f, arg);
		return;
	}
}

const struct ioctl_family ioctl_kd_family = {
	.type = 'K',
	.names = &kd_ioctl_cmds,
	.when = kd_when,
	.arg = kd_arg,
};
