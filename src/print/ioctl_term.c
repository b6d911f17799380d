/* SPDX-License-Identifier: MIT */
/*
 * ioctl_term.c: the terminal ioctls (type 'T') that termios.c and
 * args.c's kinds do not print, as strace 6.1 prints them: the modem
 * control lines of TIOCMGET, TIOCMBIS, TIOCMBIC and TIOCMSET, struct
 * termios2 (TCGETS2, TCSETS2...), struct termio (TCGETA, TCSETA...) and
 * the locked termios (TIOCGLCKTRMIOS, TIOCSLCKTRMIOS).
 */
#include <asm/termbits.h>
#include <sys/ioctl.h>

#include "ioctl.h"

/* asm-generic/termios.h, which clashes with glibc's <sys/ioctl.h>. */
#define KERNEL_TIOCM_OUT1 0x2000
#define KERNEL_TIOCM_OUT2 0x4000
#define KERNEL_TIOCM_LOOP 0x8000

XLAT_TABLE(term_ioctl_cmds, NULL, XLAT(TIOCMGET), XLAT(TIOCMBIS),
	   XLAT(TIOCMBIC), XLAT(TIOCMSET), XLAT(TCGETS2), XLAT(TCSETS2),
	   XLAT(TCSETSW2), XLAT(TCSETSF2), XLAT(TCGETA), XLAT(TCSETA),
	   XLAT(TCSETAW), XLAT(TCSETAF), XLAT(TIOCGLCKTRMIOS),
	   XLAT(TIOCSLCKTRMIOS));
XLAT_TABLE(modem_flags, "TIOCM_???", XLAT(TIOCM_LE), XLAT(TIOCM_DTR),
	   XLAT(TIOCM_RTS), XLAT(TIOCM_ST), XLAT(TIOCM_SR), XLAT(TIOCM_CTS),
	   XLAT(TIOCM_CAR), XLAT(TIOCM_RNG), XLAT(TIOCM_DSR), XLAT_PAIR(KERNEL_TIOCM_OUT1, "TIOCM_OUT1"),
	   XLAT_PAIR(KERNEL_TIOCM_OUT2, "TIOCM_OUT2"),
	   XLAT_PAIR(KERNEL_TIOCM_LOOP, "TIOCM_LOOP"));

static enum ioctl_when
term_when(const struct fmt *f, unsigned code)
{
	(void)f;
	switch (code) {
	case TIOCMGET: case TCGETS2: case TCGETA: case TIOCGLCKTRMIOS:
		return IOCTL_EXIT;
	case TIOCMBIS: case TIOCMBIC: case TIOCMSET: case TCSETS2:
	case TCSETSW2: case TCSETSF2: case TCSETA: case TCSETAW: case TCSETAF:
	case TIOCSLCKTRMIOS:
		return IOCTL_ENTRY;
	}
	return IOCTL_HEX;
}

static void
term_arg(struct fmt *f, unsigned code, uint64_t arg)
{
	unsigned v;

	switch (code) {
	case TCGETS2: case TCSETS2: case TCSETSW2: case TCSETSF2:
	case TCGETA: case TCSETA: case TCSETAW: case TCSETAF:
	case TIOCGLCKTRMIOS: case TIOCSLCKTRMIOS:
		if (is_error(f) && f->exiting) {
			print_ptr(f, arg);
			return;
		}
		print_termios_kind(f, arg, code == TCGETA || code == TCSETA ||
				   code == TCSETAW || code == TCSETAF ? TERMIO
				   : code == TIOCGLCKTRMIOS ||
				   code == TIOCSLCKTRMIOS ? TERMIOS : TERMIOS2);
		return;
	}
	if (!ioctl_read(f, &v, arg, sizeof(v)))
		return;
	pb_putc(f->b, '[');
	print_flags(f->b, &modem_flags, v);
	pb_putc(f->b, ']');
}

const struct ioctl_family ioctl_term_family = {
	.type = 'T',
	.names = &term_ioctl_cmds,
	.when = term_when,
	.arg = term_arg,
};
