/* SPDX-License-Identifier: MIT */
/*
 * ioctl_kd_keys.c: the names of the console's keys (linux/keyboard.h)
 * for ioctl_kd.c: a keymap entry's value with the key's name (K_F5) or
 * its type and value (K(KT_LATIN, 'a')) in a comment, and KDGKBSENT's
 * function keys (KVAL(K_F1)).
 */
#include <linux/keyboard.h>
#include <stdio.h>

#include "ioctl_kd.h"

static const char *const kd_key_types[] = {
	"KT_LATIN", "KT_FN",    "KT_SPEC",   "KT_PAD",   "KT_DEAD",
	"KT_CONS",  "KT_CUR",   "KT_SHIFT",  "KT_META",  "KT_ASCII",
	"KT_LOCK",  "KT_LETTER", "KT_SLOCK", "KT_DEAD2", "KT_BRL",
};

/* The names of the keys of each type, by KVAL (linux/keyboard.h). */
static const char *const spec_keys[] = {
	"K_HOLE", "K_ENTER", "K_SH_REGS", "K_SH_MEM", "K_SH_STAT",
	"K_BREAK", "K_CONS", "K_CAPS", "K_NUM", "K_HOLD", "K_SCROLLFORW",
	"K_SCROLLBACK", "K_BOOT", "K_CAPSON", "K_COMPOSE", "K_SAK",
	"K_DECRCONSOLE", "K_INCRCONSOLE", "K_SPAWNCONSOLE", "K_BARENUMLOCK",
};
static const char *const pad_keys[] = {
	"K_P0", "K_P1", "K_P2", "K_P3", "K_P4", "K_P5", "K_P6", "K_P7",
	"K_P8", "K_P9", "K_PPLUS", "K_PMINUS", "K_PSTAR", "K_PSLASH",
	"K_PENTER", "K_PCOMMA", "K_PDOT", "K_PPLUSMINUS", "K_PPARENL",
	"K_PPARENR",
};
static const char *const dead_keys[] = {
	"K_DGRAVE", "K_DACUTE", "K_DCIRCM", "K_DTILDE", "K_DDIERE",
	"K_DCEDIL", "K_DMACRON", "K_DBREVE", "K_DABDOT", "K_DABRING",
	"K_DDBACUTE", "K_DCARON", "K_DOGONEK", "K_DIOTA", "K_DVOICED",
	"K_DSEMVOICED", "K_DBEDOT", "K_DHOOK", "K_DHORN", "K_DSTROKE",
	"K_DABCOMMA", "K_DABREVCOMMA", "K_DDBGRAVE", "K_DINVBREVE",
	"K_DBECOMMA", "K_DCURRENCY", "K_DGREEK",
};
static const char *const cur_keys[] = {
	"K_DOWN", "K_LEFT", "K_RIGHT", "K_UP",
};
static const char *const shift_names[] = {
	"SHIFT", "ALTGR", "CTRL", "ALT", "SHIFTL", "SHIFTR", "CTRLL",
	"CTRLR", "CAPSSHIFT",
};
static const char *const brl_keys[] = {
	"K_BRL_BLANK", "K_BRL_DOT1", "K_BRL_DOT2", "K_BRL_DOT3",
	"K_BRL_DOT4", "K_BRL_DOT5", "K_BRL_DOT6", "K_BRL_DOT7",
	"K_BRL_DOT8", "K_BRL_DOT9", "K_BRL_DOT10",
};

#define NAME_AT(tab, i) ((i) < ARRAY_SIZE(tab) ? (tab)[i] : NULL)

/* The name of a function key's KVAL: K_F1 ... K_F20, K_FIND ... K_PAUSE,
   K_F21 ... K_F245, K_UNDO. */
static void
fn_key_name(char *out, size_t cap, unsigned kval)
{
	static const char *const edit[] = {
		"FIND", "INSERT", "REMOVE", "SELECT", "PGUP", "PGDN",
		"MACRO", "HELP", "DO", "PAUSE",
	};

	if (kval < 20)
		snprintf(out, cap, "K_F%u", kval + 1);
	else if (kval < 30)
		snprintf(out, cap, "K_%s", edit[kval - 20]);
	else if (kval < 255)
		snprintf(out, cap, "K_F%u", kval - 9);
	else
		snprintf(out, cap, "K_UNDO");
}

/* A key's name from its type and value, or false. */
static bool
key_name(char *out, size_t cap, unsigned type, unsigned kval)
{
	const char *s = NULL;

	switch (type) {
	case KT_FN:
		fn_key_name(out, cap, kval);
		return true;
	case KT_SPEC:
		s = kval == 126 ? "K_ALLOCATED"
		    : kval == 127 ? "K_NOSUCHMAP" : NAME_AT(spec_keys, kval);
		break;
	case KT_PAD:
		s = NAME_AT(pad_keys, kval);
		break;
	case KT_DEAD:
		s = NAME_AT(dead_keys, kval);
		break;
	case KT_CUR:
		s = NAME_AT(cur_keys, kval);
		break;
	case KT_SHIFT: case KT_LOCK: case KT_SLOCK:
		if (kval >= ARRAY_SIZE(shift_names))
			return false;
		snprintf(out, cap, "K_%s%s", shift_names[kval],
			 type == KT_SHIFT ? "" : type == KT_LOCK ? "LOCK"
							: "_SLOCK");
		return true;
	case KT_ASCII:
		if (kval < 10)
			snprintf(out, cap, "K_ASC%u", kval);
		else if (kval < 26)
			snprintf(out, cap, "K_HEX%x", kval - 10);
		else
			return false;
		return true;
	case KT_BRL:
		s = NAME_AT(brl_keys, kval);
		break;
	}
	if (!s)
		return false;
	snprintf(out, cap, "%s", s);
	return true;
}

/* A value with a known name, through the shared -X printer. */
static void
print_named(struct pbuf *b, uint64_t val, const char *name)
{
	const struct xlat_data d = { val, name };
	const struct xlat x = { &d, 1, NULL };

	print_xval(b, &x, val, false);
}

/* A byte as strace's print_char() with quotes and \t-style escapes. */
void
kd_print_kchar(struct pbuf *b, unsigned char c)
{
	static const char ws[] = "tnvfr";

	if (c >= ' ' && c < 0x7f)
		pb_printf(b, c == '\'' || c == '\\' ? "'\\%c'" : "'%c'", c);
	else if (c >= '\t' && c <= '\r')
		pb_printf(b, "'\\%c'", ws[c - '\t']);
	else
		pb_printf(b, "'\\x%02x'", c);
}

void
kd_print_kb_value(struct fmt *f, unsigned short v)
{
	unsigned type = KTYP(v), kval = KVAL(v);
	char name[32];

	pb_printf(f->b, v ? "kb_value=%#hx" : "kb_value=0", v);
	if (f->b->xstyle == 1)
		return;
	if (key_name(name, sizeof(name), type, kval)) {
		pb_printf(f->b, " /* %s */", name);
		return;
	}
	pb_puts(f->b, " /* K(");
	if (type < ARRAY_SIZE(kd_key_types))
		pb_puts(f->b, kd_key_types[type]);
	else
		pb_printf(f->b, "%#x", type);
	pb_puts(f->b, ", ");
	switch (type) {
	case KT_LATIN: case KT_META: case KT_LETTER: case KT_DEAD2:
		kd_print_kchar(f->b, (unsigned char)kval);
		break;
	default:
		ioctl_print_hex(f->b, kval);
	}
	pb_puts(f->b, ") */");
}

void
kd_print_kb_func(struct pbuf *b, unsigned char func)
{
	char name[32], full[40];

	fn_key_name(name, sizeof(name), func);
	snprintf(full, sizeof(full), "KVAL(%s)", name);
	print_named(b, func, full);
}

