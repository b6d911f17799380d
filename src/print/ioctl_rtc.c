/* SPDX-License-Identifier: MIT */
/*
 * ioctl_rtc.c: the real-time clock's ioctls (linux/rtc.h, type 'p') as
 * strace 6.1 prints them. struct rtc_time shows its first six fields and
 * "..." unless -v; RTC_PARAM_GET prints the parameter asked for at entry
 * and its value after " => " at exit.
 */
#include <linux/nvram.h>
#include <linux/rtc.h>

#include "ioctl.h"

XLAT_TABLE(rtc_ioctl_cmds, NULL, XLAT(RTC_AIE_ON), XLAT(RTC_AIE_OFF),
	   XLAT(RTC_UIE_ON), XLAT(RTC_UIE_OFF), XLAT(RTC_PIE_ON),
	   XLAT(RTC_PIE_OFF), XLAT(RTC_WIE_ON), XLAT(RTC_WIE_OFF),
	   XLAT(RTC_ALM_SET), XLAT(RTC_ALM_READ), XLAT(RTC_RD_TIME),
	   XLAT(RTC_SET_TIME), XLAT(RTC_IRQP_READ), XLAT(RTC_IRQP_SET),
	   XLAT(RTC_EPOCH_READ), XLAT(RTC_EPOCH_SET), XLAT(RTC_WKALM_SET),
	   XLAT(RTC_WKALM_RD), XLAT(RTC_PLL_GET), XLAT(RTC_PLL_SET),
	   XLAT(RTC_PARAM_GET), XLAT(RTC_PARAM_SET), XLAT(RTC_VL_READ),
	   XLAT(RTC_VL_CLR), XLAT(NVRAM_INIT), XLAT(NVRAM_SETCKS));
XLAT_TABLE(rtc_vl_flags, "RTC_VL_???", XLAT(RTC_VL_DATA_INVALID),
	   XLAT(RTC_VL_BACKUP_LOW), XLAT(RTC_VL_BACKUP_EMPTY),
	   XLAT(RTC_VL_ACCURACY_LOW), XLAT(RTC_VL_BACKUP_SWITCH));
XLAT_TABLE(rtc_params, "RTC_PARAM_???", XLAT(RTC_PARAM_FEATURES),
	   XLAT(RTC_PARAM_CORRECTION), XLAT(RTC_PARAM_BACKUP_SWITCH_MODE));
XLAT_TABLE(rtc_features, "1<<RTC_FEATURE_???",
	   XLAT_PAIR(1 << RTC_FEATURE_ALARM, "1<<RTC_FEATURE_ALARM"),
	   XLAT_PAIR(1 << RTC_FEATURE_ALARM_RES_MINUTE,
		     "1<<RTC_FEATURE_ALARM_RES_MINUTE"),
	   XLAT_PAIR(1 << RTC_FEATURE_NEED_WEEK_DAY,
		     "1<<RTC_FEATURE_NEED_WEEK_DAY"),
	   XLAT_PAIR(1 << RTC_FEATURE_ALARM_RES_2S,
		     "1<<RTC_FEATURE_ALARM_RES_2S"),
	   XLAT_PAIR(1 << RTC_FEATURE_UPDATE_INTERRUPT,
		     "1<<RTC_FEATURE_UPDATE_INTERRUPT"),
	   XLAT_PAIR(1 << RTC_FEATURE_CORRECTION, "1<<RTC_FEATURE_CORRECTION"),
	   XLAT_PAIR(1 << RTC_FEATURE_BACKUP_SWITCH_MODE,
		     "1<<RTC_FEATURE_BACKUP_SWITCH_MODE"),
	   XLAT_PAIR(1 << RTC_FEATURE_ALARM_WAKEUP_ONLY,
		     "1<<RTC_FEATURE_ALARM_WAKEUP_ONLY"));
XLAT_TABLE(rtc_bsm_modes, "RTC_BSM_???", XLAT(RTC_BSM_DISABLED),
	   XLAT(RTC_BSM_DIRECT), XLAT(RTC_BSM_LEVEL), XLAT(RTC_BSM_STANDBY));

static enum ioctl_when
rtc_when(const struct fmt *f, unsigned code)
{
	(void)f;
	switch (code) {
	case RTC_ALM_READ: case RTC_RD_TIME: case RTC_IRQP_READ:
	case RTC_EPOCH_READ: case RTC_WKALM_RD: case RTC_PLL_GET:
	case RTC_VL_READ:
		return IOCTL_EXIT;
	case RTC_ALM_SET: case RTC_SET_TIME: case RTC_IRQP_SET:
	case RTC_EPOCH_SET: case RTC_WKALM_SET: case RTC_PLL_SET:
	case RTC_PARAM_SET:
		return IOCTL_ENTRY;
	case RTC_PARAM_GET:
		return IOCTL_SPLIT;
	case RTC_AIE_ON: case RTC_AIE_OFF: case RTC_UIE_ON: case RTC_UIE_OFF:
	case RTC_PIE_ON: case RTC_PIE_OFF: case RTC_WIE_ON: case RTC_WIE_OFF:
	case RTC_VL_CLR:
		return IOCTL_NONE;
	}
	return IOCTL_HEX;
}

static void
print_rtc_time(struct fmt *f, const struct rtc_time *t)
{
	pb_printf(f->b, "{tm_sec=%d, tm_min=%d, tm_hour=%d, tm_mday=%d"
		  ", tm_mon=%d, tm_year=%d", t->tm_sec, t->tm_min, t->tm_hour,
		  t->tm_mday, t->tm_mon, t->tm_year);
	if (ioctl_verbose(f))
		pb_printf(f->b, ", tm_wday=%d, tm_yday=%d, tm_isdst=%d}",
			  t->tm_wday, t->tm_yday, t->tm_isdst);
	else
		pb_puts(f->b, ", ...}");
}

static void
print_param_value(struct pbuf *b, const struct rtc_param *p)
{
	switch (p->param) {
	case RTC_PARAM_FEATURES:
		pb_puts(b, "uvalue=");
		print_flags(b, &rtc_features, p->uvalue);
		break;
	case RTC_PARAM_CORRECTION:
		pb_printf(b, "svalue=%lld", (long long)p->svalue);
		break;
	case RTC_PARAM_BACKUP_SWITCH_MODE:
		pb_puts(b, "uvalue=");
		print_xval(b, &rtc_bsm_modes, p->uvalue, false);
		break;
	default:
		pb_puts(b, "uvalue=");
		ioctl_print_hex(b, p->uvalue);
	}
}

static void
print_param(struct fmt *f, uint64_t arg, bool get)
{
	struct rtc_param p;
	struct pbuf *b = f->b;

	if (f->exiting) {
		/* Nothing when the entry half could not read it either. */
		if (!arg || !read_mem(f, &p, arg, sizeof(p)))
			return;
		pb_puts(b, " => ");
		if (is_error(f)) {
			print_ptr(f, arg);
			return;
		}
		pb_putc(b, '{');
		print_param_value(b, &p);
	} else {
		if (!read_or_addr(f, &p, arg, sizeof(p)))
			return;
		pb_puts(b, "{param=");
		print_xval(b, &rtc_params, p.param, false);
		if (!get) {
			pb_puts(b, ", ");
			print_param_value(b, &p);
		}
		pb_printf(b, ", index=%u", p.index);
	}
	if (p.__pad)
		pb_printf(b, ", __pad=%#x", p.__pad);
	pb_putc(b, '}');
}

static void
rtc_arg(struct fmt *f, unsigned code, uint64_t arg)
{
	union {
		struct rtc_time t;
		struct rtc_wkalrm wk;
		struct rtc_pll_info pll;
		unsigned long ul;
		unsigned u;
	} u;
	struct pbuf *b = f->b;

	switch (code) {
	case RTC_IRQP_SET: case RTC_EPOCH_SET:
		pb_printf(b, "%llu", (unsigned long long)arg);
		return;
	case RTC_PARAM_GET: case RTC_PARAM_SET:
		print_param(f, arg, code == RTC_PARAM_GET);
		return;
	}
	if (!ioctl_read(f, &u, arg, _IOC_SIZE(code) < sizeof(u)
					    ? _IOC_SIZE(code) : sizeof(u)))
		return;
	switch (code) {
	case RTC_ALM_READ: case RTC_RD_TIME: case RTC_ALM_SET:
	case RTC_SET_TIME:
		print_rtc_time(f, &u.t);
		return;
	case RTC_IRQP_READ: case RTC_EPOCH_READ:
		pb_printf(b, "[%lu]", u.ul);
		return;
	case RTC_WKALM_RD: case RTC_WKALM_SET:
		pb_printf(b, "{enabled=%u, pending=%u, time=", u.wk.enabled,
			  u.wk.pending);
		print_rtc_time(f, &u.wk.time);
		pb_putc(b, '}');
		return;
	case RTC_PLL_GET: case RTC_PLL_SET:
		pb_printf(b, "{pll_ctrl=%d, pll_value=%d, pll_max=%d"
			  ", pll_min=%d, pll_posmult=%d, pll_negmult=%d"
			  ", pll_clock=%ld}", u.pll.pll_ctrl, u.pll.pll_value,
			  u.pll.pll_max, u.pll.pll_min, u.pll.pll_posmult,
			  u.pll.pll_negmult, u.pll.pll_clock);
		return;
	case RTC_VL_READ:
		pb_putc(b, '[');
		print_flags(b, &rtc_vl_flags, u.u);
		pb_putc(b, ']');
		return;
	}
}

const struct ioctl_family ioctl_rtc_family = {
	.type = 'p',
	.names = &rtc_ioctl_cmds,
	.when = rtc_when,
	.arg = rtc_arg,
};
