/* SPDX-License-Identifier: MIT */
/*
 * termios.c: the terminal structures of ioctl as strace 6.1 prints them:
 * struct termios (TCGETS, TCSETS, TCSETSW, TCSETSF), in full under -v
 * (c_line and c_cc), and struct winsize (TIOCGWINSZ, TIOCSWINSZ).
 *
 * The kernel's struct termios (asm/termbits.h) is not glibc's: 19 control
 * characters and no speed fields. strace's quirks are kept: a flag word
 * of 0 prints as nothing ("c_iflag=,"), leftover bits follow as "|0x..."
 * without a comment, c_oflag starts with its six delay fields and c_cflag
 * with its speeds and character size, each followed by '|' even when
 * nothing follows ("c_cflag=B0|CS5|").
 */
#include <asm/termbits.h>
#include <linux/tty.h>
#include <stdio.h>
#include <string.h>

#include "print.h"

/* Names joined by '|', then the leftover bits; nothing at all for 0. */
static void
print_tflags(struct pbuf *b, const struct xlat *x, uint32_t val)
{
	uint32_t left = val;
	bool any = false;
	size_t i;

	for (i = 0; i < x->n && left; i++) {
		uint32_t v = (uint32_t)x->data[i].val;

		if (!v || (left & v) != v)
			continue;
		pb_printf(b, "%s%s", any ? "|" : "", x->data[i].str);
		left &= ~v;
		any = true;
	}
	if (left)
		pb_printf(b, "%s%#x", any ? "|" : "", left);
}

XLAT_TABLE(term_iflags, NULL, XLAT(IGNBRK), XLAT(BRKINT), XLAT(IGNPAR),
	   XLAT(PARMRK), XLAT(INPCK), XLAT(ISTRIP), XLAT(INLCR), XLAT(IGNCR),
	   XLAT(ICRNL), XLAT(IUCLC), XLAT(IXON), XLAT(IXANY), XLAT(IXOFF),
	   XLAT(IMAXBEL), XLAT(IUTF8));
XLAT_TABLE(term_oflags, NULL, XLAT(OPOST), XLAT(OLCUC), XLAT(ONLCR),
	   XLAT(OCRNL), XLAT(ONOCR), XLAT(ONLRET), XLAT(OFILL), XLAT(OFDEL));
XLAT_TABLE(term_cflags, NULL, XLAT(CSTOPB), XLAT(CREAD), XLAT(PARENB),
	   XLAT(PARODD), XLAT(HUPCL), XLAT(CLOCAL), XLAT(CMSPAR),
	   XLAT(CRTSCTS));
/* strace's order, not the values'. */
XLAT_TABLE(term_lflags, NULL, XLAT(ISIG), XLAT(ICANON), XLAT(XCASE),
	   XLAT(ECHO), XLAT(ECHOE), XLAT(ECHOK), XLAT(ECHONL), XLAT(NOFLSH),
	   XLAT(IEXTEN), XLAT(ECHOCTL), XLAT(ECHOPRT), XLAT(ECHOKE),
	   XLAT(FLUSHO), XLAT(PENDIN), XLAT(TOSTOP), XLAT(EXTPROC));

XLAT_TABLE(nl_delays, "NL?", XLAT(NL0), XLAT(NL1));
XLAT_TABLE(cr_delays, "CR?", XLAT(CR0), XLAT(CR1), XLAT(CR2), XLAT(CR3));
XLAT_TABLE(tab_delays, "TAB?", XLAT(TAB0), XLAT(TAB1), XLAT(TAB2),
	   XLAT(XTABS));
XLAT_TABLE(bs_delays, "BS?", XLAT(BS0), XLAT(BS1));
XLAT_TABLE(vt_delays, "VT?", XLAT(VT0), XLAT(VT1));
XLAT_TABLE(ff_delays, "FF?", XLAT(FF0), XLAT(FF1));
XLAT_TABLE(bauds, "B???", XLAT(B0), XLAT(B50), XLAT(B75), XLAT(B110),
	   XLAT(B134), XLAT(B150), XLAT(B200), XLAT(B300), XLAT(B600),
	   XLAT(B1200), XLAT(B1800), XLAT(B2400), XLAT(B4800), XLAT(B9600),
	   XLAT(B19200), XLAT(B38400), XLAT(BOTHER), XLAT(B57600),
	   XLAT(B115200), XLAT(B230400), XLAT(B460800), XLAT(B500000),
	   XLAT(B576000), XLAT(B921600), XLAT(B1000000), XLAT(B1152000),
	   XLAT(B1500000), XLAT(B2000000), XLAT(B2500000), XLAT(B3000000),
	   XLAT(B3500000), XLAT(B4000000));
XLAT_TABLE(char_sizes, "CS?", XLAT(CS5), XLAT(CS6), XLAT(CS7), XLAT(CS8));

/* Line disciplines (include/uapi/linux/tty.h), by number. */
#define LD(name) [name] = #name
static const char *const line_discs[] = {
	LD(N_TTY), LD(N_SLIP), LD(N_MOUSE), LD(N_PPP), LD(N_STRIP),
	LD(N_AX25), LD(N_X25), LD(N_6PACK), LD(N_MASC), LD(N_R3964),
	LD(N_PROFIBUS_FDL), LD(N_IRDA), LD(N_SMSBLOCK), LD(N_HDLC),
	LD(N_SYNC_PPP), LD(N_HCI), LD(N_GIGASET_M101), LD(N_SLCAN),
	LD(N_PPS), LD(N_V253), LD(N_CAIF), LD(N_GSM0710), LD(N_TI_WL),
	LD(N_TRACESINK), LD(N_TRACEROUTER), LD(N_NCI), LD(N_SPEAKUP),
	LD(N_NULL), LD(N_MCTP), LD(N_DEVELOPMENT), LD(N_CAN327),
};

/* Control characters by index; 17 and 18 have no name. */
static const char *const cc_names[] = {
	LD(VINTR), LD(VQUIT), LD(VERASE), LD(VKILL), LD(VEOF), LD(VTIME),
	LD(VMIN), LD(VSWTC), LD(VSTART), LD(VSTOP), LD(VSUSP), LD(VEOL),
	LD(VREPRINT), LD(VDISCARD), LD(VWERASE), LD(VLNEXT), LD(VEOL2),
};
#undef LD

static void
print_oflag(struct pbuf *b, uint32_t v)
{
	static const struct {
		const struct xlat *x;
		uint32_t mask;
	} delays[] = {
		{ &nl_delays, NLDLY }, { &cr_delays, CRDLY },
		{ &tab_delays, TABDLY }, { &bs_delays, BSDLY },
		{ &vt_delays, VTDLY }, { &ff_delays, FFDLY },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(delays); i++) {
		print_xval(b, delays[i].x, v & delays[i].mask, false);
		pb_putc(b, '|');
		v &= ~delays[i].mask;
	}
	print_tflags(b, &term_oflags, v);
}

static void
print_cflag(struct pbuf *b, uint32_t v)
{
	print_xval(b, &bauds, v & CBAUD, false);
	pb_putc(b, '|');
	if (v & CIBAUD) {
		print_xval(b, &bauds, (v & CIBAUD) >> IBSHIFT, false);
		pb_puts(b, "<<IBSHIFT|");
	}
	print_xval(b, &char_sizes, v & CSIZE, false);
	pb_putc(b, '|');
	print_tflags(b, &term_cflags, v & ~(uint32_t)(CBAUD | CIBAUD | CSIZE));
}

/* The kernel's struct termio (asm-generic/termios.h, which clashes with
   glibc's headers): 16-bit flag words and 8 control characters. */
struct kernel_termio {
	unsigned short c_iflag, c_oflag, c_cflag, c_lflag;
	unsigned char c_line;
	unsigned char c_cc[8];
};

/* struct termios, termios2 (with the two speeds) or termio at addr. */
void
print_termios_kind(struct fmt *f, uint64_t addr, enum termios_kind kind)
{
	struct termios2 t;
	struct kernel_termio old;
	struct pbuf *b = f->b;
	size_t i, ncc = NCCS;

	memset(&t, 0, sizeof(t));
	if (kind == TERMIO) {
		if (!read_or_addr(f, &old, addr, sizeof(old)))
			return;
		t.c_iflag = old.c_iflag;
		t.c_oflag = old.c_oflag;
		t.c_cflag = old.c_cflag;
		t.c_lflag = old.c_lflag;
		t.c_line = old.c_line;
		memcpy(t.c_cc, old.c_cc, sizeof(old.c_cc));
		ncc = sizeof(old.c_cc);
	} else if (!read_or_addr(f, &t, addr, kind == TERMIOS2
				 ? sizeof(struct termios2)
				 : sizeof(struct termios))) {
		return;
	}
	pb_puts(b, "{c_iflag=");
	print_tflags(b, &term_iflags, t.c_iflag);
	pb_puts(b, ", c_oflag=");
	print_oflag(b, t.c_oflag);
	pb_puts(b, ", c_cflag=");
	print_cflag(b, t.c_cflag);
	pb_puts(b, ", c_lflag=");
	print_tflags(b, &term_lflags, t.c_lflag);
	if (!f->o->verbose) {
		pb_puts(b, ", ...}");
		return;
	}
	pb_puts(b, ", c_line=");
	if (t.c_line < ARRAY_SIZE(line_discs) && line_discs[t.c_line])
		pb_puts(b, line_discs[t.c_line]);
	else
		pb_printf(b, "%#x /* N_??? */", t.c_line);
	pb_puts(b, ", c_cc=[");
	for (i = 0; i < ncc; i++) {
		if (i < ARRAY_SIZE(cc_names) && cc_names[i])
			pb_printf(b, "%s[%s]=", i ? ", " : "", cc_names[i]);
		else
			pb_printf(b, "%s[%zu]=", i ? ", " : "", i);
		pb_printf(b, t.c_cc[i] ? "%#x" : "%u", t.c_cc[i]);
	}
	pb_putc(b, ']');
	if (kind == TERMIOS2)
		pb_printf(b, ", c_ispeed=%u, c_ospeed=%u", t.c_ispeed,
			  t.c_ospeed);
	pb_putc(b, '}');
}

void
print_termios(struct fmt *f, uint64_t addr)
{
	print_termios_kind(f, addr, TERMIOS);
}

void
print_winsize(struct fmt *f, uint64_t addr)
{
	/* struct winsize (asm-generic/termios.h): four unsigned shorts. */
	unsigned short ws[4];

	if (!read_or_addr(f, ws, addr, sizeof(ws)))
		return;
	pb_printf(f->b, "{ws_row=%u, ws_col=%u, ws_xpixel=%u, ws_ypixel=%u}",
		  ws[0], ws[1], ws[2], ws[3]);
}
