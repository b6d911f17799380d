/* SPDX-License-Identifier: MIT */
/*
 * sys_admin.c: decoders of administrative and tuning syscalls, as strace
 * 6.1 prints them: syslog, reboot, adjtimex/clock_adjtime (struct timex,
 * the clock state as return value), futex_waitv's waiters and
 * perf_event_open's attributes (abbreviated as strace does without -v),
 * the module calls, settimeofday, userfaultfd, io_setup.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/futex.h>
#include <linux/perf_event.h>
#include <linux/reboot.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/timex.h>

#include "decoders.h"

XLAT_TABLE(syslog_actions, "SYSLOG_ACTION_???",
	   XLAT_PAIR(0, "SYSLOG_ACTION_CLOSE"), XLAT_PAIR(1, "SYSLOG_ACTION_OPEN"),
	   XLAT_PAIR(2, "SYSLOG_ACTION_READ"), XLAT_PAIR(3, "SYSLOG_ACTION_READ_ALL"),
	   XLAT_PAIR(4, "SYSLOG_ACTION_READ_CLEAR"),
	   XLAT_PAIR(5, "SYSLOG_ACTION_CLEAR"),
	   XLAT_PAIR(6, "SYSLOG_ACTION_CONSOLE_OFF"),
	   XLAT_PAIR(7, "SYSLOG_ACTION_CONSOLE_ON"),
	   XLAT_PAIR(8, "SYSLOG_ACTION_CONSOLE_LEVEL"),
	   XLAT_PAIR(9, "SYSLOG_ACTION_SIZE_UNREAD"),
	   XLAT_PAIR(10, "SYSLOG_ACTION_SIZE_BUFFER"));
XLAT_TABLE(syslog_levels, "LOGLEVEL_???", XLAT_PAIR(0, "LOGLEVEL_EMERG"),
	   XLAT_PAIR(1, "LOGLEVEL_ALERT"), XLAT_PAIR(2, "LOGLEVEL_CRIT"),
	   XLAT_PAIR(3, "LOGLEVEL_ERR"), XLAT_PAIR(4, "LOGLEVEL_WARNING"),
	   XLAT_PAIR(5, "LOGLEVEL_NOTICE"), XLAT_PAIR(6, "LOGLEVEL_INFO"),
	   XLAT_PAIR(7, "LOGLEVEL_DEBUG"), XLAT_PAIR(8, "LOGLEVEL_DEBUG+1"));
XLAT_TABLE(reboot_magic1, "LINUX_REBOOT_MAGIC_???", XLAT(LINUX_REBOOT_MAGIC1));
XLAT_TABLE(reboot_magic2, "LINUX_REBOOT_MAGIC_???", XLAT(LINUX_REBOOT_MAGIC2),
	   XLAT(LINUX_REBOOT_MAGIC2A), XLAT(LINUX_REBOOT_MAGIC2B),
	   XLAT(LINUX_REBOOT_MAGIC2C));
XLAT_TABLE(reboot_cmds, "LINUX_REBOOT_CMD_???", XLAT(LINUX_REBOOT_CMD_RESTART),
	   XLAT(LINUX_REBOOT_CMD_HALT), XLAT(LINUX_REBOOT_CMD_CAD_ON),
	   XLAT(LINUX_REBOOT_CMD_CAD_OFF), XLAT(LINUX_REBOOT_CMD_POWER_OFF),
	   XLAT(LINUX_REBOOT_CMD_RESTART2), XLAT(LINUX_REBOOT_CMD_SW_SUSPEND),
	   XLAT(LINUX_REBOOT_CMD_KEXEC));
XLAT_TABLE(adjtimex_modes, "ADJ_???", XLAT_PAIR(0xa001, "ADJ_OFFSET_SS_READ"),
	   XLAT_PAIR(0x8001, "ADJ_OFFSET_SINGLESHOT"), XLAT_PAIR(0x0001, "ADJ_OFFSET"),
	   XLAT_PAIR(0x0002, "ADJ_FREQUENCY"), XLAT_PAIR(0x0004, "ADJ_MAXERROR"),
	   XLAT_PAIR(0x0008, "ADJ_ESTERROR"), XLAT_PAIR(0x0010, "ADJ_STATUS"),
	   XLAT_PAIR(0x0020, "ADJ_TIMECONST"), XLAT_PAIR(0x0080, "ADJ_TAI"),
	   XLAT_PAIR(0x0100, "ADJ_SETOFFSET"), XLAT_PAIR(0x1000, "ADJ_MICRO"),
	   XLAT_PAIR(0x2000, "ADJ_NANO"), XLAT_PAIR(0x4000, "ADJ_TICK"));
XLAT_TABLE(adjtimex_status, "STA_???", XLAT(STA_PLL), XLAT(STA_PPSFREQ),
	   XLAT(STA_PPSTIME), XLAT(STA_FLL), XLAT(STA_INS), XLAT(STA_DEL),
	   XLAT(STA_UNSYNC), XLAT(STA_FREQHOLD), XLAT(STA_PPSSIGNAL),
	   XLAT(STA_PPSJITTER), XLAT(STA_PPSWANDER), XLAT(STA_PPSERROR),
	   XLAT(STA_CLOCKERR), XLAT(STA_NANO), XLAT(STA_MODE), XLAT(STA_CLK));
XLAT_TABLE(adjtimex_states, NULL, XLAT_PAIR(0, "TIME_OK"),
	   XLAT_PAIR(1, "TIME_INS"), XLAT_PAIR(2, "TIME_DEL"),
	   XLAT_PAIR(3, "TIME_OOP"), XLAT_PAIR(4, "TIME_WAIT"),
	   XLAT_PAIR(5, "TIME_ERROR"));
XLAT_TABLE(futex_waiter_flags, "FUTEX_???", XLAT_PAIR(2, "FUTEX_32"),
	   XLAT_PAIR(128, "FUTEX_PRIVATE_FLAG"));
XLAT_TABLE(perf_types, "PERF_TYPE_???", XLAT(PERF_TYPE_HARDWARE),
	   XLAT(PERF_TYPE_SOFTWARE), XLAT(PERF_TYPE_TRACEPOINT),
	   XLAT(PERF_TYPE_HW_CACHE), XLAT(PERF_TYPE_RAW),
	   XLAT(PERF_TYPE_BREAKPOINT));
XLAT_TABLE(perf_attr_sizes, "PERF_ATTR_SIZE_???",
	   XLAT_PAIR(64, "PERF_ATTR_SIZE_VER0"), XLAT_PAIR(72, "PERF_ATTR_SIZE_VER1"),
	   XLAT_PAIR(80, "PERF_ATTR_SIZE_VER2"), XLAT_PAIR(96, "PERF_ATTR_SIZE_VER3"),
	   XLAT_PAIR(104, "PERF_ATTR_SIZE_VER4"),
	   XLAT_PAIR(112, "PERF_ATTR_SIZE_VER5"),
	   XLAT_PAIR(120, "PERF_ATTR_SIZE_VER6"),
	   XLAT_PAIR(128, "PERF_ATTR_SIZE_VER7"));
XLAT_TABLE(perf_hw_ids, "PERF_COUNT_HW_???", XLAT(PERF_COUNT_HW_CPU_CYCLES),
	   XLAT(PERF_COUNT_HW_INSTRUCTIONS), XLAT(PERF_COUNT_HW_CACHE_REFERENCES),
	   XLAT(PERF_COUNT_HW_CACHE_MISSES),
	   XLAT(PERF_COUNT_HW_BRANCH_INSTRUCTIONS),
	   XLAT(PERF_COUNT_HW_BRANCH_MISSES), XLAT(PERF_COUNT_HW_BUS_CYCLES),
	   XLAT(PERF_COUNT_HW_STALLED_CYCLES_FRONTEND),
	   XLAT(PERF_COUNT_HW_STALLED_CYCLES_BACKEND),
	   XLAT(PERF_COUNT_HW_REF_CPU_CYCLES));
XLAT_TABLE(perf_sw_ids, "PERF_COUNT_SW_???", XLAT(PERF_COUNT_SW_CPU_CLOCK),
	   XLAT(PERF_COUNT_SW_TASK_CLOCK), XLAT(PERF_COUNT_SW_PAGE_FAULTS),
	   XLAT(PERF_COUNT_SW_CONTEXT_SWITCHES), XLAT(PERF_COUNT_SW_CPU_MIGRATIONS),
	   XLAT(PERF_COUNT_SW_PAGE_FAULTS_MIN), XLAT(PERF_COUNT_SW_PAGE_FAULTS_MAJ),
	   XLAT(PERF_COUNT_SW_ALIGNMENT_FAULTS),
	   XLAT(PERF_COUNT_SW_EMULATION_FAULTS), XLAT(PERF_COUNT_SW_DUMMY),
	   XLAT(PERF_COUNT_SW_BPF_OUTPUT), XLAT_PAIR(11,
	   "PERF_COUNT_SW_CGROUP_SWITCHES"));
XLAT_TABLE(perf_cache_ids, "PERF_COUNT_HW_CACHE_???",
	   XLAT(PERF_COUNT_HW_CACHE_L1D), XLAT(PERF_COUNT_HW_CACHE_L1I),
	   XLAT(PERF_COUNT_HW_CACHE_LL), XLAT(PERF_COUNT_HW_CACHE_DTLB),
	   XLAT(PERF_COUNT_HW_CACHE_ITLB), XLAT(PERF_COUNT_HW_CACHE_BPU),
	   XLAT(PERF_COUNT_HW_CACHE_NODE));
XLAT_TABLE(perf_cache_ops, "PERF_COUNT_HW_CACHE_OP_???",
	   XLAT(PERF_COUNT_HW_CACHE_OP_READ), XLAT(PERF_COUNT_HW_CACHE_OP_WRITE),
	   XLAT(PERF_COUNT_HW_CACHE_OP_PREFETCH));
XLAT_TABLE(perf_cache_results, "PERF_COUNT_HW_CACHE_RESULT_???",
	   XLAT(PERF_COUNT_HW_CACHE_RESULT_ACCESS),
	   XLAT(PERF_COUNT_HW_CACHE_RESULT_MISS));
XLAT_TABLE(perf_sample_format, "PERF_SAMPLE_???",
	   XLAT_PAIR(1U << 0, "PERF_SAMPLE_IP"), XLAT_PAIR(1U << 1, "PERF_SAMPLE_TID"),
	   XLAT_PAIR(1U << 2, "PERF_SAMPLE_TIME"), XLAT_PAIR(1U << 3, "PERF_SAMPLE_ADDR"),
	   XLAT_PAIR(1U << 4, "PERF_SAMPLE_READ"),
	   XLAT_PAIR(1U << 5, "PERF_SAMPLE_CALLCHAIN"),
	   XLAT_PAIR(1U << 6, "PERF_SAMPLE_ID"), XLAT_PAIR(1U << 7, "PERF_SAMPLE_CPU"),
	   XLAT_PAIR(1U << 8, "PERF_SAMPLE_PERIOD"),
	   XLAT_PAIR(1U << 9, "PERF_SAMPLE_STREAM_ID"),
	   XLAT_PAIR(1U << 10, "PERF_SAMPLE_RAW"),
	   XLAT_PAIR(1U << 11, "PERF_SAMPLE_BRANCH_STACK"),
	   XLAT_PAIR(1U << 12, "PERF_SAMPLE_REGS_USER"),
	   XLAT_PAIR(1U << 13, "PERF_SAMPLE_STACK_USER"),
	   XLAT_PAIR(1U << 14, "PERF_SAMPLE_WEIGHT"),
	   XLAT_PAIR(1U << 15, "PERF_SAMPLE_DATA_SRC"),
	   XLAT_PAIR(1U << 16, "PERF_SAMPLE_IDENTIFIER"),
	   XLAT_PAIR(1U << 17, "PERF_SAMPLE_TRANSACTION"),
	   XLAT_PAIR(1U << 18, "PERF_SAMPLE_REGS_INTR"),
	   XLAT_PAIR(1U << 19, "PERF_SAMPLE_PHYS_ADDR"),
	   XLAT_PAIR(1U << 20, "PERF_SAMPLE_AUX"),
	   XLAT_PAIR(1U << 21, "PERF_SAMPLE_CGROUP"),
	   XLAT_PAIR(1U << 22, "PERF_SAMPLE_DATA_PAGE_SIZE"),
	   XLAT_PAIR(1U << 23, "PERF_SAMPLE_CODE_PAGE_SIZE"),
	   XLAT_PAIR(1U << 24, "PERF_SAMPLE_WEIGHT_STRUCT"));
XLAT_TABLE(perf_read_format, "PERF_FORMAT_???",
	   XLAT_PAIR(1U << 0, "PERF_FORMAT_TOTAL_TIME_ENABLED"),
	   XLAT_PAIR(1U << 1, "PERF_FORMAT_TOTAL_TIME_RUNNING"),
	   XLAT_PAIR(1U << 2, "PERF_FORMAT_ID"), XLAT_PAIR(1U << 3, "PERF_FORMAT_GROUP"),
	   XLAT_PAIR(1U << 4, "PERF_FORMAT_LOST"));
XLAT_TABLE(perf_branch_sample_types, "PERF_SAMPLE_BRANCH_???",
	   XLAT_PAIR(1U << 0, "PERF_SAMPLE_BRANCH_USER"),
	   XLAT_PAIR(1U << 1, "PERF_SAMPLE_BRANCH_KERNEL"),
	   XLAT_PAIR(1U << 2, "PERF_SAMPLE_BRANCH_HV"),
	   XLAT_PAIR(1U << 3, "PERF_SAMPLE_BRANCH_ANY"),
	   XLAT_PAIR(1U << 4, "PERF_SAMPLE_BRANCH_ANY_CALL"),
	   XLAT_PAIR(1U << 5, "PERF_SAMPLE_BRANCH_ANY_RETURN"),
	   XLAT_PAIR(1U << 6, "PERF_SAMPLE_BRANCH_IND_CALL"),
	   XLAT_PAIR(1U << 7, "PERF_SAMPLE_BRANCH_ABORT_TX"),
	   XLAT_PAIR(1U << 8, "PERF_SAMPLE_BRANCH_IN_TX"),
	   XLAT_PAIR(1U << 9, "PERF_SAMPLE_BRANCH_NO_TX"),
	   XLAT_PAIR(1U << 10, "PERF_SAMPLE_BRANCH_COND"),
	   XLAT_PAIR(1U << 11, "PERF_SAMPLE_BRANCH_CALL_STACK"),
	   XLAT_PAIR(1U << 12, "PERF_SAMPLE_BRANCH_IND_JUMP"),
	   XLAT_PAIR(1U << 13, "PERF_SAMPLE_BRANCH_CALL"),
	   XLAT_PAIR(1U << 14, "PERF_SAMPLE_BRANCH_NO_FLAGS"),
	   XLAT_PAIR(1U << 15, "PERF_SAMPLE_BRANCH_NO_CYCLES"),
	   XLAT_PAIR(1U << 16, "PERF_SAMPLE_BRANCH_TYPE_SAVE"),
	   XLAT_PAIR(1U << 17, "PERF_SAMPLE_BRANCH_HW_INDEX"),
	   XLAT_PAIR(1U << 18, "PERF_SAMPLE_BRANCH_PRIV_SAVE"));
/* A breakpoint type: the same names, two words for the unknown. */
#define HW_BP_TYPES                                                        \
	XLAT_PAIR(0, "HW_BREAKPOINT_EMPTY"), XLAT_PAIR(1, "HW_BREAKPOINT_R"), \
	XLAT_PAIR(2, "HW_BREAKPOINT_W"), XLAT_PAIR(3, "HW_BREAKPOINT_RW"),   \
	XLAT_PAIR(4, "HW_BREAKPOINT_X")
XLAT_TABLE(hw_bp_types, "HW_BREAKPOINT_???", HW_BP_TYPES);
XLAT_TABLE(hw_bp_types_invalid, "HW_BREAKPOINT_INVALID", HW_BP_TYPES);
XLAT_TABLE(perf_open_flags, "PERF_FLAG_???",
	   XLAT_PAIR(1, "PERF_FLAG_FD_NO_GROUP"), XLAT_PAIR(2, "PERF_FLAG_FD_OUTPUT"),
	   XLAT_PAIR(4, "PERF_FLAG_PID_CGROUP"), XLAT_PAIR(8, "PERF_FLAG_FD_CLOEXEC"));

XLAT_TABLE(delete_module_flags, "O_???", XLAT(O_NONBLOCK), XLAT(O_TRUNC));
XLAT_TABLE(module_init_flags, "MODULE_INIT_???",
	   XLAT_PAIR(1, "MODULE_INIT_IGNORE_MODVERSIONS"),
	   XLAT_PAIR(2, "MODULE_INIT_IGNORE_VERMAGIC"),
	   XLAT_PAIR(4, "MODULE_INIT_COMPRESSED_FILE"));
XLAT_TABLE(uffd_flags, "UFFD_???", XLAT_PAIR(1, "UFFD_USER_MODE_ONLY"),
	   XLAT(O_NONBLOCK), XLAT(O_CLOEXEC));
XLAT_TABLE(kexec_file_flags, "KEXEC_FILE_???", XLAT_PAIR(1, "KEXEC_FILE_UNLOAD"),
	   XLAT_PAIR(2, "KEXEC_FILE_ON_CRASH"),
	   XLAT_PAIR(4, "KEXEC_FILE_NO_INITRAMFS"));

/* Flags of an unsigned int: strace drops the upper half. */
#define FLAGS_ARG(name, table)                                     \
	void name(struct fmt *f, uint64_t v, int i)                 \
	{                                                           \
		(void)i;                                            \
		print_flags(f->b, &(table), (uint32_t)v);           \
	}
FLAGS_ARG(print_delete_module_flags, delete_module_flags)
FLAGS_ARG(print_module_init_flags, module_init_flags)
FLAGS_ARG(print_uffd_flags, uffd_flags)

/* kexec_file_load's flags are an unsigned long: all 64 bits. */
void
print_kexec_file_flags(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_flags(f->b, &kexec_file_flags, v);
}

XLAT_TABLE(kexec_arches, "KEXEC_ARCH_???", XLAT_PAIR(0U << 16,
	   "KEXEC_ARCH_DEFAULT"), XLAT_PAIR(3U << 16, "KEXEC_ARCH_386"),
	   XLAT_PAIR(4U << 16, "KEXEC_ARCH_68K"),
	   XLAT_PAIR(15U << 16, "KEXEC_ARCH_PARISC"),
	   XLAT_PAIR(62U << 16, "KEXEC_ARCH_X86_64"),
	   XLAT_PAIR(20U << 16, "KEXEC_ARCH_PPC"),
	   XLAT_PAIR(21U << 16, "KEXEC_ARCH_PPC64"),
	   XLAT_PAIR(50U << 16, "KEXEC_ARCH_IA_64"),
	   XLAT_PAIR(40U << 16, "KEXEC_ARCH_ARM"),
	   XLAT_PAIR(22U << 16, "KEXEC_ARCH_S390"),
	   XLAT_PAIR(42U << 16, "KEXEC_ARCH_SH"),
	   XLAT_PAIR(10U << 16, "KEXEC_ARCH_MIPS_LE"),
	   XLAT_PAIR(8U << 16, "KEXEC_ARCH_MIPS"),
	   XLAT_PAIR(183U << 16, "KEXEC_ARCH_AARCH64"),
	   XLAT_PAIR(243U << 16, "KEXEC_ARCH_RISCV"),
	   XLAT_PAIR(258U << 16, "KEXEC_ARCH_LOONGARCH"));
XLAT_TABLE(kexec_load_flags, "KEXEC_???", XLAT_PAIR(1, "KEXEC_ON_CRASH"),
	   XLAT_PAIR(2, "KEXEC_PRESERVE_CONTEXT"));

/* kexec_load: the segments (at most 16), the arch then the flags. */
static bool
print_kexec_seg(struct fmt *f, const void *elem, void *data)
{
	uint64_t seg[4];

	(void)data;
	memcpy(seg, elem, sizeof(seg));
	pb_puts(f->b, "{buf=");
	print_ptr(f, seg[0]);
	pb_printf(f->b, ", bufsz=%llu, mem=", (unsigned long long)seg[1]);
	print_ptr(f, seg[2]);
	pb_printf(f->b, ", memsz=%llu}", (unsigned long long)seg[3]);
	return true;
}

void
print_kexec_segments(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	if (f->args[1] > 16)
		print_ptr(f, v);
	else
		print_array(f, v, f->args[1], 4 * sizeof(uint64_t),
			    print_kexec_seg, NULL);
}

void
print_kexec_flags(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_xval(f->b, &kexec_arches, v & 0xffff0000ULL, false);
	v &= ~0xffff0000ULL;
	if (v) {
		pb_putc(f->b, '|');
		print_flags(f->b, &kexec_load_flags, v);
	}
}

/* settimeofday's struct timezone. */
void
print_timezone(struct fmt *f, uint64_t v, int i)
{
	int32_t tz[2];

	(void)i;
	if (read_or_addr(f, tz, v, sizeof(tz)))
		pb_printf(f->b, "{tz_minuteswest=%d, tz_dsttime=%d}", tz[0],
			  tz[1]);
}

/* io_setup's context, at exit: [0x7f...]. */
void
print_aio_ctx_out(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_ulong_ptr(f, v, true);
}

/* A buffer the call filled: its bytes at exit, the address on error. */
void
print_str_out(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	if (is_error(f))
		print_ptr(f, v);
	else
		print_str(f, v, (long)f->rv, 0);
}

/* syslog: "10 /- SYSLOG_ACTION_SIZE_BUFFER -/"; the buffer and length
   only for the commands that use them. */
static void
print_verbose_dec(struct pbuf *b, const struct xlat *x, int v)
{
	const char *name = xlat_name(x, (uint64_t)(int64_t)v);

	pb_printf(b, "%d /* %s */", v, name ? name : x->unknown);
}

void
print_syslog_type(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_verbose_dec(f->b, &syslog_actions, (int)v);
}

static void
print_syslog_level(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_verbose_dec(f->b, &syslog_levels, (int)v);
}

void
fix_syslog(const struct fmt *f, int *nargs, struct argspec *a)
{
	switch ((int)f->args[0]) {
	case 0: case 1: case 5: case 6: case 7: case 9: case 10:
		*nargs = 1;
		break;
	case 2: case 3: case 4: /* READ, READ_ALL, READ_CLEAR */
		a[1] = (struct argspec)FN_OUT(print_str_out);
		break;
	case 8: /* CONSOLE_LEVEL */
		a[2] = (struct argspec)FN(print_syslog_level);
		break;
	}
}

/* reboot. */
void
print_reboot_magic1(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_xval(f->b, &reboot_magic1, (uint32_t)v, false);
}

void
print_reboot_magic2(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_xval(f->b, &reboot_magic2, (uint32_t)v, false);
}

void
print_reboot_cmd(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_xval(f->b, &reboot_cmds, (uint32_t)v, false);
}

/* LINUX_REBOOT_CMD_RESTART2's command: the kernel copies at most 255
   bytes of it. */
void
print_reboot_arg(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_str_nul(f, v, 255);
}

void
fix_reboot(const struct fmt *f, int *nargs, struct argspec *a)
{
	(void)a;
	if ((uint32_t)f->args[2] != LINUX_REBOOT_CMD_RESTART2)
		*nargs = 3;
}

/* adjtimex/clock_adjtime: the struct timex at exit; the clock state. */
void
print_timex_out(struct fmt *f, uint64_t v, int i)
{
	struct timex tx;

	(void)i;
	if (is_error(f)) {
		print_ptr(f, v);
		return;
	}
	if (!read_or_addr(f, &tx, v, sizeof(tx)))
		return;
	pb_puts(f->b, "{modes=");
	print_flags(f->b, &adjtimex_modes, tx.modes);
	pb_printf(f->b, ", offset=%lld, freq=%lld, maxerror=%lld, "
		  "esterror=%lld, status=", (long long)tx.offset,
		  (long long)tx.freq, (long long)tx.maxerror,
		  (long long)tx.esterror);
	print_flags(f->b, &adjtimex_status, (uint32_t)tx.status);
	pb_printf(f->b, ", constant=%lld, precision=%lld, tolerance=%lld, "
		  "time={tv_sec=%lld, tv_usec=%llu}, tick=%lld, ppsfreq=%lld, "
		  "jitter=%lld, shift=%d, stabil=%lld, jitcnt=%lld, "
		  "calcnt=%lld, errcnt=%lld, stbcnt=%lld, tai=%d}",
		  (long long)tx.constant, (long long)tx.precision,
		  (long long)tx.tolerance, (long long)tx.time.tv_sec,
		  (unsigned long long)tx.time.tv_usec, (long long)tx.tick,
		  (long long)tx.ppsfreq, (long long)tx.jitter, tx.shift,
		  (long long)tx.stabil, (long long)tx.jitcnt,
		  (long long)tx.calcnt, (long long)tx.errcnt,
		  (long long)tx.stbcnt, tx.tai);
}

void
rv_adjtimex(struct fmt *f)
{
	const char *name = xlat_name(&adjtimex_states, (uint64_t)f->rv);
	struct timex tx;
	uint64_t addr = f->args[f->nr == SYS_clock_adjtime ? 1 : 0];

	pb_printf(f->b, "%lld", (long long)f->rv);
	/* strace names the state only when it could show the struct. */
	if (name && read_mem(f, &tx, addr, sizeof(tx)))
		pb_printf(f->b, " (%s)", name);
}

/* futex_waitv's waiters. */
static bool
print_waiter(struct fmt *f, const void *elem, void *data)
{
	uint64_t w[3];
	uint32_t flags, reserved;
	unsigned *count = data;

	/* The kernel takes at most 128 waiters (FUTEX_WAITV_MAX). */
	if ((*count)++ >= 128) {
		pb_puts(f->b, "...");
		return false;
	}
	memcpy(w, elem, sizeof(w));
	memcpy(&flags, (const char *)elem + 16, sizeof(flags));
	memcpy(&reserved, (const char *)elem + 20, sizeof(reserved));
	pb_printf(f->b, w[0] ? "{val=%#llx, uaddr=" : "{val=%llu, uaddr=",
		  (unsigned long long)w[0]);
	print_ptr(f, w[1]);
	pb_puts(f->b, ", flags=");
	print_flags(f->b, &futex_waiter_flags, flags);
	if (reserved)
		pb_printf(f->b, ", __reserved=%#x", reserved);
	pb_putc(f->b, '}');
	return true;
}

void
print_futex_waitv(struct fmt *f, uint64_t v, int i)
{
	unsigned count = 0;

	(void)i;
	print_array(f, v, (uint32_t)f->args[1], 24, print_waiter, &count);
}

XLAT_TABLE(futex_wake_ops, NULL, XLAT_PAIR(0, "FUTEX_OP_SET"),
	   XLAT_PAIR(1, "FUTEX_OP_ADD"), XLAT_PAIR(2, "FUTEX_OP_OR"),
	   XLAT_PAIR(3, "FUTEX_OP_ANDN"), XLAT_PAIR(4, "FUTEX_OP_XOR"));
XLAT_TABLE(futex_wake_cmps, NULL, XLAT_PAIR(0, "FUTEX_OP_CMP_EQ"),
	   XLAT_PAIR(1, "FUTEX_OP_CMP_NE"), XLAT_PAIR(2, "FUTEX_OP_CMP_LT"),
	   XLAT_PAIR(3, "FUTEX_OP_CMP_LE"), XLAT_PAIR(4, "FUTEX_OP_CMP_GT"),
	   XLAT_PAIR(5, "FUTEX_OP_CMP_GE"));

/* One field of FUTEX_WAKE_OP's operation, named or in hex with a
   comment, then its shift. */
static void
print_wake_op_part(struct pbuf *b, const struct xlat *x, unsigned v,
		   int shift, const char *unknown)
{
	bool known = xlat_name(x, v) != NULL;

	if (known)
		print_xval(b, x, v, false);
	else
		pb_printf(b, v ? "%#x" : "0", v);
	pb_printf(b, "<<%d", shift);
	if (!known)
		pb_printf(b, " /* %s */", unknown);
}

/* FUTEX_WAKE_OP's val3: the operation, its argument, the comparison
   and its argument, as FUTEX_OP() builds them. */
void
print_futex_wake_op(struct fmt *f, uint64_t v, int i)
{
	unsigned op = (uint32_t)v;

	(void)i;
	if ((op >> 28) & FUTEX_OP_OPARG_SHIFT)
		pb_puts(f->b, "FUTEX_OP_OPARG_SHIFT<<28|");
	print_wake_op_part(f->b, &futex_wake_ops, (op >> 28) & 7, 28,
			   "FUTEX_OP_???");
	pb_printf(f->b, (op >> 12) & 0xfff ? "|%#x<<12|" : "|0<<12|",
		  (op >> 12) & 0xfff);
	print_wake_op_part(f->b, &futex_wake_cmps, (op >> 24) & 0xf, 24,
			   "FUTEX_OP_CMP_???");
	pb_printf(f->b, op & 0xfff ? "|%#x" : "|0", op & 0xfff);
}

/* perf_event_open's attributes, as strace shows them without -v: up to
   the flags, the flags that are set, then "...". */
struct kperf_attr {
	uint32_t type, size;
	uint64_t config, sample, sample_type, read_format, flags;
};

static void
print_perf_config(struct pbuf *b, const struct kperf_attr *a)
{
	uint64_t c = a->config;

	switch (a->type) {
	case PERF_TYPE_HARDWARE:
		if (c >> 32)
			pb_printf(b, "%#llx<<32|", (unsigned long long)(c >> 32));
		print_xval(b, &perf_hw_ids, c & 0xffffffffULL, false);
		break;
	case PERF_TYPE_SOFTWARE:
		print_xval(b, &perf_sw_ids, c, false);
		break;
	case PERF_TYPE_TRACEPOINT:
		pb_printf(b, "%llu", (unsigned long long)c);
		break;
	case PERF_TYPE_HW_CACHE:
		if (c >> 32)
			pb_printf(b, "%#llx<<32|", (unsigned long long)(c >> 32));
		if ((c & 0xffffffffULL) >> 24)
			pb_printf(b, "%#llx<<24|",
				  (unsigned long long)((c & 0xffffffffULL) >> 24));
		print_xval(b, &perf_cache_results, (c >> 16) & 0xff, false);
		pb_puts(b, "<<16|");
		print_xval(b, &perf_cache_ops, (c >> 8) & 0xff, false);
		pb_puts(b, "<<8|");
		print_xval(b, &perf_cache_ids, c & 0xff, false);
		break;
	default:
		pb_printf(b, c ? "%#llx" : "0", (unsigned long long)c);
		break;
	}
}

static uint64_t
pa_u64(const unsigned char *d, size_t off)
{
	uint64_t x;

	memcpy(&x, d + off, sizeof(x));
	return x;
}

static uint32_t
pa_u32(const unsigned char *d, size_t off)
{
	uint32_t x;

	memcpy(&x, d + off, sizeof(x));
	return x;
}

static void
pa_hex(struct pbuf *b, const char *name, uint64_t x)
{
	pb_printf(b, x ? ", %s=%#llx" : ", %s=%llu", name,
		  (unsigned long long)x);
}

/* Under -v, the fields past the flags, as far as the size passed
   (strace's print_perf_event_attr: at most 128 bytes, 0 meaning 64). */
static void
perf_attr_tail(struct fmt *f, const struct kperf_attr *a, uint64_t v)
{
	unsigned char d[128];
	uint32_t size = a->size ? a->size : 64, bp;
	uint16_t res2;
	bool bpt = a->type == PERF_TYPE_BREAKPOINT;

	if (size > sizeof(d))
		size = sizeof(d);
	memset(d, 0, sizeof(d));
	if (!read_mem(f, d, v, size))
		return;
	pb_printf(f->b, (a->flags >> 14) & 1 ? ", wakeup_watermark=%u" :
		  ", wakeup_events=%u", pa_u32(d, 48));
	if (bpt) {
		bp = pa_u32(d, 52);
		pb_puts(f->b, ", bp_type=");
		print_xval(f->b, bp <= 7 ? &hw_bp_types_invalid : &hw_bp_types,
			   bp, false);
		pa_hex(f->b, "bp_addr", pa_u64(d, 56));
	} else {
		pa_hex(f->b, "config1", pa_u64(d, 56));
	}
	if (size <= 64)
		goto out;
	if (bpt)
		pb_printf(f->b, ", bp_len=%llu",
			  (unsigned long long)pa_u64(d, 64));
	else
		pa_hex(f->b, "config2", pa_u64(d, 64));
	if (size <= 72)
		goto out;
	if (a->sample_type & PERF_SAMPLE_BRANCH_STACK) {
		pb_puts(f->b, ", branch_sample_type=");
		print_flags(f->b, &perf_branch_sample_types, pa_u64(d, 72));
	}
	if (size <= 80)
		goto out;
	pa_hex(f->b, "sample_regs_user", pa_u64(d, 80));
	if (size <= 88)
		goto out;
	if (a->sample_type & PERF_SAMPLE_STACK_USER)
		pa_hex(f->b, "sample_stack_user", pa_u32(d, 88));
	if ((a->flags >> 25) & 1) { /* use_clockid */
		if (size <= 92)
			goto out;
		pb_puts(f->b, ", clockid=");
		print_xval(f->b, &clock_ids, pa_u32(d, 92), false);
	}
	if (size <= 96)
		goto out;
	pa_hex(f->b, "sample_regs_intr", pa_u64(d, 96));
	if (size <= 104)
		goto out;
	pb_printf(f->b, ", aux_watermark=%u", pa_u32(d, 104));
	if (size <= 108)
		goto out;
	memcpy(&res2, d + 108, sizeof(res2));
	pb_printf(f->b, ", sample_max_stack=%u", res2);
	if (size <= 110)
		goto out;
	memcpy(&res2, d + 110, sizeof(res2));
	if (res2)
		pb_printf(f->b, " /* bytes 110..111: %#x */", res2);
	if (size <= 112)
		goto out;
	pb_printf(f->b, ", aux_sample_size=%u", pa_u32(d, 112));
	if (size <= 116)
		goto out;
	if (pa_u32(d, 116))
		pb_printf(f->b, " /* bytes 116..119: %#x */", pa_u32(d, 116));
	if (size <= 120)
		goto out;
	pa_hex(f->b, "sig_data", pa_u64(d, 120));
out:
	if (a->size && a->size > size)
		pb_puts(f->b, ", ...");
}

void
print_perf_attr(struct fmt *f, uint64_t v, int i)
{
	static const char *const bits[] = {
		"disabled", "inherit", "pinned", "exclusive", "exclude_user",
		"exclude_kernel", "exclude_hv", "exclude_idle", "mmap", "comm",
		"freq", "inherit_stat", "enable_on_exec", "task", "watermark",
		NULL, NULL, "mmap_data", "sample_id_all", "exclude_host",
		"exclude_guest", "exclude_callchain_kernel",
		"exclude_callchain_user", "mmap2", "comm_exec", "use_clockid",
		"context_switch", "write_backward", "namespaces", "ksymbol",
		"bpf_event", "aux_output", "cgroup", "text_poke", "build_id",
		"inherit_thread", "remove_on_exec", "sigtrap",
	};
	static const char *const precise[] = {
		"arbitrary skid", "constant skid", "requested to have 0 skid",
		"must have 0 skid",
	};
	struct kperf_attr a;
	uint32_t size, new_size;
	int64_t noted;
	size_t k;

	(void)i;
	if (!f->exiting) {
		/* The size the caller passed: E2BIG overwrites it. */
		if (read_mem(f, &size, v + 4, sizeof(size)))
			note_put(f, v, size);
		return;
	}
	if (!note_get(f, v, &noted, true) || ((uint32_t)noted > 0 &&
	    (uint32_t)noted < 64)) {
		print_ptr(f, v);
		return;
	}
	size = (uint32_t)noted;
	if (!read_or_addr(f, &a, v, sizeof(a)))
		return;
	a.size = size;
	pb_puts(f->b, "{type=");
	print_xval(f->b, &perf_types, a.type, false);
	pb_puts(f->b, ", size=");
	print_xval(f->b, &perf_attr_sizes, a.size, false);
	if (f->rv == -7 /* E2BIG */ && read_mem(f, &new_size, v + 4, 4)) {
		pb_puts(f->b, " => ");
		print_xval(f->b, &perf_attr_sizes, new_size, false);
	}
	pb_puts(f->b, ", config=");
	print_perf_config(f->b, &a);
	pb_printf(f->b, (a.flags >> 10) & 1 ? ", sample_freq=%llu" :
		  ", sample_period=%llu", (unsigned long long)a.sample);
	pb_puts(f->b, ", sample_type=");
	print_flags(f->b, &perf_sample_format, a.sample_type);
	pb_puts(f->b, ", read_format=");
	print_flags(f->b, &perf_read_format, a.read_format);
	for (k = 0; k < ARRAY_SIZE(bits); k++) {
		if (k == 15)
			pb_printf(f->b, ", precise_ip=%u /* %s */",
				  (unsigned)(a.flags >> 15) & 3,
				  precise[(a.flags >> 15) & 3]);
		/* -v shows the bits that are clear too. */
		if (bits[k] && (f->o->verbose || (a.flags >> k) & 1))
			pb_printf(f->b, ", %s=%u", bits[k],
				  (unsigned)(a.flags >> k) & 1);
	}
	if (a.flags >> 38)
		pb_printf(f->b, ", __reserved_1=%#llx /* Bits 63..38 */",
			  (unsigned long long)(a.flags >> 38));
	if (!f->o->verbose) {
		/* Without -v, strace reads up to wakeup_events (48 bytes). */
		if ((a.size && a.size > 48) || !a.size)
			pb_puts(f->b, ", ...");
	} else {
		perf_attr_tail(f, &a, v);
	}
	pb_putc(f->b, '}');
}

void
print_perf_flags(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_flags(f->b, &perf_open_flags, v);
}

/* The return values printed by the decoders of the sys_*.c files. */
void
print_rv_fn(struct fmt *f)
{
	switch (f->nr) {
	case SYS_membarrier: rv_membarrier(f); break;
	case SYS_landlock_create_ruleset: rv_landlock(f); break;
	case SYS_adjtimex: case SYS_clock_adjtime: rv_adjtimex(f); break;
	case SYS_modify_ldt: rv_modify_ldt(f); break;
	case SYS_set_thread_area: rv_set_thread_area(f); break;
	case SYS_bpf: rv_bpf(f); break;
	case SYS_personality: rv_personality(f); break;
	case SYS_rt_sigtimedwait: rv_sigtimedwait(f); break;
	case SYS_prctl: rv_prctl(f); break;
	case SYS_arch_prctl: rv_arch_prctl(f); break;
	case SYS_ioctl: print_ioctl_rv(f); break;
	default: pb_printf(f->b, "%lld", (long long)f->rv); break;
	}
}
