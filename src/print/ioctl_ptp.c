/* SPDX-License-Identifier: MIT */
/*
 * ioctl_ptp.c: the PTP hardware clock's ioctls (linux/ptp_clock.h, type
 * '=') as strace 6.1 prints them. Clock times that are dates carry the
 * date in a comment (not under -X raw); reserved fields show only when
 * not zero; the offset requests print their sample count at entry and
 * the samples at exit.
 */
#include <linux/ptp_clock.h>
#include <string.h>

#include "ioctl.h"

XLAT_TABLE(ptp_ioctl_cmds, NULL, XLAT(PTP_CLOCK_GETCAPS),
	   XLAT(PTP_EXTTS_REQUEST), XLAT(PTP_PEROUT_REQUEST),
	   XLAT(PTP_ENABLE_PPS), XLAT(PTP_SYS_OFFSET), XLAT(PTP_PIN_GETFUNC),
	   XLAT(PTP_PIN_SETFUNC), XLAT(PTP_SYS_OFFSET_PRECISE),
	   XLAT(PTP_SYS_OFFSET_EXTENDED), XLAT(PTP_CLOCK_GETCAPS2),
	   XLAT(PTP_EXTTS_REQUEST2), XLAT(PTP_PEROUT_REQUEST2),
	   XLAT(PTP_ENABLE_PPS2), XLAT(PTP_SYS_OFFSET2), XLAT(PTP_PIN_GETFUNC2),
	   XLAT(PTP_PIN_SETFUNC2), XLAT(PTP_SYS_OFFSET_PRECISE2),
	   XLAT(PTP_SYS_OFFSET_EXTENDED2));
XLAT_TABLE(ptp_extts_flags, "PTP_???", XLAT(PTP_ENABLE_FEATURE),
	   XLAT(PTP_RISING_EDGE), XLAT(PTP_FALLING_EDGE),
	   XLAT(PTP_STRICT_FLAGS));
XLAT_TABLE(ptp_perout_flags, "PTP_PEROUT_???", XLAT(PTP_PEROUT_ONE_SHOT),
	   XLAT(PTP_PEROUT_DUTY_CYCLE), XLAT(PTP_PEROUT_PHASE));
XLAT_TABLE(ptp_pin_funcs, "PTP_PF_???", XLAT(PTP_PF_NONE),
	   XLAT(PTP_PF_EXTTS), XLAT(PTP_PF_PEROUT), XLAT(PTP_PF_PHYSYNC));

static enum ioctl_when
ptp_when(const struct fmt *f, unsigned code)
{
	(void)f;
	switch (code) {
	case PTP_CLOCK_GETCAPS: case PTP_CLOCK_GETCAPS2:
	case PTP_SYS_OFFSET_PRECISE: case PTP_SYS_OFFSET_PRECISE2:
		return IOCTL_EXIT;
	case PTP_EXTTS_REQUEST: case PTP_EXTTS_REQUEST2:
	case PTP_PEROUT_REQUEST: case PTP_PEROUT_REQUEST2:
	case PTP_ENABLE_PPS: case PTP_ENABLE_PPS2:
	case PTP_PIN_SETFUNC: case PTP_PIN_SETFUNC2:
		return IOCTL_ENTRY;
	case PTP_SYS_OFFSET: case PTP_SYS_OFFSET2:
	case PTP_SYS_OFFSET_EXTENDED: case PTP_SYS_OFFSET_EXTENDED2:
	case PTP_PIN_GETFUNC: case PTP_PIN_GETFUNC2:
		return IOCTL_SPLIT;
	}
	return IOCTL_HEX;
}

static void
print_time(struct pbuf *b, const struct ptp_clock_time *t, bool date)
{
	pb_printf(b, "{sec=%lld, nsec=%u", (long long)t->sec, t->nsec);
	if (t->reserved)
		pb_printf(b, ", reserved=%#x", t->reserved);
	pb_putc(b, '}');
	if (date && b->xstyle != 1)
		print_time_comment(b, t->sec, t->nsec, 9);
}

/* ", rsv=[...]" of reserved words, when one is not zero. */
static void
print_rsv(struct fmt *f, const unsigned *rsv, size_t n)
{
	size_t i, max = array_max(f);

	for (i = 0; i < n && !rsv[i]; i++)
		;
	if (i == n)
		return;
	pb_puts(f->b, ", rsv=[");
	for (i = 0; i < n; i++) {
		if (i)
			pb_puts(f->b, ", ");
		if (i >= max) {
			pb_puts(f->b, "...");
			break;
		}
		pb_printf(f->b, "%#x", rsv[i]);
	}
	pb_putc(f->b, ']');
}

/* n clock times (in groups of per), each with its date. */
static void
print_times(struct fmt *f, const struct ptp_clock_time *t, size_t n,
	    size_t per)
{
	size_t i, j, max = array_max(f);

	pb_puts(f->b, ", ts=[");
	for (i = 0; i < n; i++) {
		if (i)
			pb_puts(f->b, ", ");
		if (i >= max) {
			pb_puts(f->b, "...");
			break;
		}
		if (per > 1)
			pb_putc(f->b, '[');
		for (j = 0; j < per; j++) {
			if (j)
				pb_puts(f->b, ", ");
			print_time(f->b, &t[i * per + j], true);
		}
		if (per > 1)
			pb_putc(f->b, ']');
	}
	pb_puts(f->b, "]}");
}

static void
print_split(struct fmt *f, unsigned code, uint64_t arg, void *u, size_t size)
{
	struct pbuf *b = f->b;

	if (!f->exiting) {
		const struct ptp_sys_offset *so = u;
		const struct ptp_sys_offset_extended *se = u;
		const struct ptp_pin_desc *pd = u;

		if (!read_or_addr(f, u, arg, size))
			return;
		switch (code) {
		case PTP_SYS_OFFSET: case PTP_SYS_OFFSET2:
			pb_printf(b, "{n_samples=%u", so->n_samples);
			print_rsv(f, so->rsv, 3);
			break;
		case PTP_SYS_OFFSET_EXTENDED: case PTP_SYS_OFFSET_EXTENDED2:
			pb_printf(b, "{n_samples=%u", se->n_samples);
			print_rsv(f, se->rsv, 3);
			break;
		default:
			pb_printf(b, "{index=%u", pd->index);
			if (code == PTP_PIN_GETFUNC2)
				print_rsv(f, pd->rsv, 5);
		}
		return;
	}
	/* Nothing when the entry half could not read it either. */
	if (!arg || !read_mem(f, u, arg, size))
		return;
	if (is_error(f)) {
		pb_putc(b, '}');
		return;
	}
	switch (code) {
	case PTP_SYS_OFFSET: case PTP_SYS_OFFSET2: {
		const struct ptp_sys_offset *so = u;
		unsigned n = so->n_samples < PTP_MAX_SAMPLES ? so->n_samples
							     : PTP_MAX_SAMPLES;

		print_times(f, so->ts, 2 * n + 1, 1);
		return;
	}
	case PTP_SYS_OFFSET_EXTENDED: case PTP_SYS_OFFSET_EXTENDED2: {
		const struct ptp_sys_offset_extended *se = u;
		unsigned n = se->n_samples < PTP_MAX_SAMPLES ? se->n_samples
							     : PTP_MAX_SAMPLES;

		print_times(f, &se->ts[0][0], n, 3);
		return;
	}
	default: {
		const struct ptp_pin_desc *pd = u;

		pb_puts(b, ", name=");
		ioctl_print_cstr(f, pd->name, sizeof(pd->name));
		pb_puts(b, ", func=");
		print_xval(b, &ptp_pin_funcs, pd->func, false);
		pb_printf(b, ", chan=%u}", pd->chan);
	}
	}
}

static void
ptp_arg(struct fmt *f, unsigned code, uint64_t arg)
{
	union {
		struct ptp_clock_caps caps;
		struct ptp_extts_request extts;
		struct ptp_perout_request po;
		struct ptp_sys_offset so;
		struct ptp_sys_offset_extended se;
		struct ptp_sys_offset_precise sp;
		struct ptp_pin_desc pd;
	} u;
	size_t size = _IOC_SIZE(code) < sizeof(u) ? _IOC_SIZE(code) : sizeof(u);
	struct pbuf *b = f->b;

	memset(&u, 0, sizeof(u));
	switch (code) {
	case PTP_ENABLE_PPS: case PTP_ENABLE_PPS2:
		ioctl_print_hex(b, arg);
		return;
	}
	if (ptp_when(f, code) == IOCTL_SPLIT) {
		print_split(f, code, arg, &u, size);
		return;
	}
	if (!ioctl_read(f, &u, arg, size))
		return;
	switch (code) {
	case PTP_CLOCK_GETCAPS: case PTP_CLOCK_GETCAPS2:
		pb_printf(b, "{max_adj=%d, n_alarm=%d, n_ext_ts=%d"
			  ", n_per_out=%d, pps=%d, n_pins=%d"
			  ", cross_timestamping=%d, adjust_phase=%d",
			  u.caps.max_adj, u.caps.n_alarm, u.caps.n_ext_ts,
			  u.caps.n_per_out, u.caps.pps, u.caps.n_pins,
			  u.caps.cross_timestamping, u.caps.adjust_phase);
		print_rsv(f, (const unsigned *)u.caps.rsv, 12);
		pb_putc(b, '}');
		return;
	case PTP_EXTTS_REQUEST: case PTP_EXTTS_REQUEST2:
		pb_printf(b, "{index=%u, flags=", u.extts.index);
		print_flags(b, &ptp_extts_flags, u.extts.flags);
		if (code == PTP_EXTTS_REQUEST2)
			print_rsv(f, u.extts.rsv, 2);
		pb_putc(b, '}');
		return;
	case PTP_PEROUT_REQUEST: case PTP_PEROUT_REQUEST2:
		if (u.po.flags & PTP_PEROUT_PHASE) {
			pb_puts(b, "{phase=");
			print_time(b, &u.po.phase, false);
		} else {
			pb_puts(b, "{start=");
			print_time(b, &u.po.start, true);
		}
		pb_puts(b, ", period=");
		print_time(b, &u.po.period, false);
		pb_printf(b, ", index=%u, flags=", u.po.index);
		print_flags(b, &ptp_perout_flags, u.po.flags);
		if (u.po.flags & PTP_PEROUT_DUTY_CYCLE) {
			pb_puts(b, ", on=");
			print_time(b, &u.po.on, false);
		} else if (code == PTP_PEROUT_REQUEST2) {
			print_rsv(f, u.po.rsv, 4);
		}
		pb_putc(b, '}');
		return;
	case PTP_PIN_SETFUNC: case PTP_PIN_SETFUNC2:
		pb_printf(b, "{index=%u, func=", u.pd.index);
		print_xval(b, &ptp_pin_funcs, u.pd.func, false);
		pb_printf(b, ", chan=%u", u.pd.chan);
		if (code == PTP_PIN_SETFUNC2)
			print_rsv(f, u.pd.rsv, 5);
		pb_putc(b, '}');
		return;
	case PTP_SYS_OFFSET_PRECISE: case PTP_SYS_OFFSET_PRECISE2:
		pb_puts(b, "{device=");
		print_time(b, &u.sp.device, true);
		pb_puts(b, ", sys_realtime=");
		print_time(b, &u.sp.sys_realtime, true);
		pb_puts(b, ", sys_monoraw=");
		print_time(b, &u.sp.sys_monoraw, false);
		print_rsv(f, u.sp.rsv, 4);
		pb_putc(b, '}');
		return;
	}
}

const struct ioctl_family ioctl_ptp_family = {
	.type = '=',
	.names = &ptp_ioctl_cmds,
	.when = ptp_when,
	.arg = ptp_arg,
};
