/* SPDX-License-Identifier: MIT */
/*
 * sys_prctl.c: prctl and arch_prctl, as strace 6.1 prints them. Each
 * option decides how many of prctl's five arguments are shown and how:
 * constants through the shared printers (so -X raw/abbrev/verbose apply),
 * values the kernel writes (PR_GET_NAME's name, PR_GET_TSC's mode,
 * ARCH_GET_FS's base) at exit, and some options' return values with their
 * meaning after them: "= 0x1 (PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_NONE)".
 */
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <linux/prctl.h>
#include <linux/seccomp.h>
#include <linux/securebits.h>
#include <string.h>
#include <sys/syscall.h>

#include "decoders.h"

/* arch/x86/include/uapi/asm/prctl.h of kernels newer than the headers. */
#ifndef ARCH_GET_XCOMP_SUPP
#define ARCH_GET_XCOMP_SUPP 0x1021
#define ARCH_GET_XCOMP_PERM 0x1022
#define ARCH_REQ_XCOMP_PERM 0x1023
#endif
#ifndef ARCH_GET_XCOMP_GUEST_PERM
#define ARCH_GET_XCOMP_GUEST_PERM 0x1024
#define ARCH_REQ_XCOMP_GUEST_PERM 0x1025
#endif
#ifndef ARCH_MAP_VDSO_X32
#define ARCH_MAP_VDSO_X32 0x2001
#define ARCH_MAP_VDSO_32 0x2002
#define ARCH_MAP_VDSO_64 0x2003
#endif
/* PR_SVE_* and PR_SME_*: bits above the vector length (16 bits). */
#define VL_LEN_MASK 0xffffULL
/* Only in the kernel's include/linux/pid.h. */
#define KPIDTYPE_PID 0
#define KPIDTYPE_TGID 1
#define KPIDTYPE_PGID 2
#define KPIDTYPE_SID 3

XLAT_TABLE(prctl_opts, "PR_???", XLAT(PR_SET_PDEATHSIG),
	   XLAT(PR_GET_PDEATHSIG), XLAT(PR_GET_DUMPABLE), XLAT(PR_SET_DUMPABLE),
	   XLAT(PR_GET_UNALIGN), XLAT(PR_SET_UNALIGN), XLAT(PR_GET_KEEPCAPS),
	   XLAT(PR_SET_KEEPCAPS), XLAT(PR_GET_FPEMU), XLAT(PR_SET_FPEMU),
	   XLAT(PR_GET_FPEXC), XLAT(PR_SET_FPEXC), XLAT(PR_GET_TIMING),
	   XLAT(PR_SET_TIMING), XLAT(PR_SET_NAME), XLAT(PR_GET_NAME),
	   XLAT(PR_GET_ENDIAN), XLAT(PR_SET_ENDIAN), XLAT(PR_GET_SECCOMP),
	   XLAT(PR_SET_SECCOMP), XLAT(PR_CAPBSET_READ), XLAT(PR_CAPBSET_DROP),
	   XLAT(PR_GET_TSC), XLAT(PR_SET_TSC), XLAT(PR_GET_SECUREBITS),
	   XLAT(PR_SET_SECUREBITS), XLAT(PR_SET_TIMERSLACK),
	   XLAT(PR_GET_TIMERSLACK), XLAT(PR_TASK_PERF_EVENTS_DISABLE),
	   XLAT(PR_TASK_PERF_EVENTS_ENABLE), XLAT(PR_MCE_KILL),
	   XLAT(PR_MCE_KILL_GET), XLAT(PR_SET_MM), XLAT(PR_SET_CHILD_SUBREAPER),
	   XLAT(PR_GET_CHILD_SUBREAPER), XLAT(PR_SET_NO_NEW_PRIVS),
	   XLAT(PR_GET_NO_NEW_PRIVS), XLAT(PR_GET_TID_ADDRESS),
	   XLAT(PR_SET_THP_DISABLE), XLAT(PR_GET_THP_DISABLE),
	   XLAT(PR_MPX_ENABLE_MANAGEMENT), XLAT(PR_MPX_DISABLE_MANAGEMENT),
	   XLAT(PR_SET_FP_MODE), XLAT(PR_GET_FP_MODE), XLAT(PR_CAP_AMBIENT),
	   XLAT(PR_SVE_SET_VL), XLAT(PR_SVE_GET_VL),
	   XLAT(PR_GET_SPECULATION_CTRL), XLAT(PR_SET_SPECULATION_CTRL),
	   XLAT(PR_PAC_RESET_KEYS), XLAT(PR_SET_TAGGED_ADDR_CTRL),
	   XLAT(PR_GET_TAGGED_ADDR_CTRL), XLAT(PR_SET_IO_FLUSHER),
	   XLAT(PR_GET_IO_FLUSHER), XLAT(PR_SET_SYSCALL_USER_DISPATCH),
	   XLAT(PR_PAC_SET_ENABLED_KEYS), XLAT(PR_PAC_GET_ENABLED_KEYS),
	   XLAT(PR_SCHED_CORE), XLAT(PR_SME_SET_VL), XLAT(PR_SME_GET_VL),
	   XLAT(PR_SET_VMA), XLAT(PR_SET_PTRACER));
XLAT_TABLE(pr_fp_modes, "PR_FP_MODE_???", XLAT(PR_FP_MODE_FR),
	   XLAT(PR_FP_MODE_FRE));
XLAT_TABLE(pr_mce_kill, "PR_MCE_KILL_???", XLAT(PR_MCE_KILL_CLEAR),
	   XLAT(PR_MCE_KILL_SET));
XLAT_TABLE(pr_mce_policy, "PR_MCE_KILL_???", XLAT(PR_MCE_KILL_LATE),
	   XLAT(PR_MCE_KILL_EARLY), XLAT(PR_MCE_KILL_DEFAULT));
XLAT_TABLE(pr_pac_enabled, "PR_PAC_???", XLAT(PR_PAC_APIAKEY),
	   XLAT(PR_PAC_APIBKEY), XLAT(PR_PAC_APDAKEY), XLAT(PR_PAC_APDBKEY));
/* PR_PAC_RESET_KEYS names the generic key too. */
XLAT_TABLE(pr_pac_all, "PR_PAC_???", XLAT(PR_PAC_APIAKEY),
	   XLAT(PR_PAC_APIBKEY), XLAT(PR_PAC_APDAKEY), XLAT(PR_PAC_APDBKEY),
	   XLAT(PR_PAC_APGAKEY));
XLAT_TABLE(pr_sched_core_cmds, "PR_SCHED_CORE_???", XLAT(PR_SCHED_CORE_GET),
	   XLAT(PR_SCHED_CORE_CREATE), XLAT(PR_SCHED_CORE_SHARE_TO),
	   XLAT(PR_SCHED_CORE_SHARE_FROM));
XLAT_TABLE(pr_pidtypes, "PIDTYPE_???", XLAT_PAIR(KPIDTYPE_PID, "PIDTYPE_PID"),
	   XLAT_PAIR(KPIDTYPE_TGID, "PIDTYPE_TGID"),
	   XLAT_PAIR(KPIDTYPE_PGID, "PIDTYPE_PGID"),
	   XLAT_PAIR(KPIDTYPE_SID, "PIDTYPE_SID"));
XLAT_TABLE(pr_set_mm, "PR_SET_MM_???", XLAT(PR_SET_MM_START_CODE),
	   XLAT(PR_SET_MM_END_CODE), XLAT(PR_SET_MM_START_DATA),
	   XLAT(PR_SET_MM_END_DATA), XLAT(PR_SET_MM_START_STACK),
	   XLAT(PR_SET_MM_START_BRK), XLAT(PR_SET_MM_BRK),
	   XLAT(PR_SET_MM_ARG_START), XLAT(PR_SET_MM_ARG_END),
	   XLAT(PR_SET_MM_ENV_START), XLAT(PR_SET_MM_ENV_END),
	   XLAT(PR_SET_MM_AUXV), XLAT(PR_SET_MM_EXE_FILE), XLAT(PR_SET_MM_MAP),
	   XLAT(PR_SET_MM_MAP_SIZE));
XLAT_TABLE(pr_set_vma, "PR_SET_VMA_???", XLAT(PR_SET_VMA_ANON_NAME));
XLAT_TABLE(pr_sve_flags, NULL, XLAT(PR_SVE_SET_VL_ONEXEC),
	   XLAT(PR_SVE_VL_INHERIT));
XLAT_TABLE(pr_sme_flags, NULL, XLAT(PR_SME_SET_VL_ONEXEC),
	   XLAT(PR_SME_VL_INHERIT));
XLAT_TABLE(pr_spec_cmds, "PR_SPEC_???", XLAT(PR_SPEC_STORE_BYPASS),
	   XLAT(PR_SPEC_INDIRECT_BRANCH), XLAT(PR_SPEC_L1D_FLUSH));
XLAT_TABLE(pr_spec_get_flags, "PR_SPEC_???", XLAT(PR_SPEC_NOT_AFFECTED),
	   XLAT(PR_SPEC_PRCTL), XLAT(PR_SPEC_ENABLE), XLAT(PR_SPEC_DISABLE),
	   XLAT(PR_SPEC_FORCE_DISABLE), XLAT(PR_SPEC_DISABLE_NOEXEC));
XLAT_TABLE(pr_spec_set_flags, "PR_SPEC_???", XLAT(PR_SPEC_ENABLE),
	   XLAT(PR_SPEC_DISABLE), XLAT(PR_SPEC_FORCE_DISABLE),
	   XLAT(PR_SPEC_DISABLE_NOEXEC));
XLAT_TABLE(pr_sud_cmds, "PR_SYS_DISPATCH_???", XLAT(PR_SYS_DISPATCH_OFF),
	   XLAT(PR_SYS_DISPATCH_ON));
XLAT_TABLE(pr_tagged_enable, NULL, XLAT_PAIR(0, "!PR_TAGGED_ADDR_ENABLE"),
	   XLAT(PR_TAGGED_ADDR_ENABLE));
XLAT_TABLE(pr_mte_tcf, NULL, XLAT(PR_MTE_TCF_NONE), XLAT(PR_MTE_TCF_SYNC),
	   XLAT(PR_MTE_TCF_ASYNC), XLAT(PR_MTE_TCF_MASK));
XLAT_TABLE(pr_tsc, "PR_TSC_???", XLAT(PR_TSC_ENABLE), XLAT(PR_TSC_SIGSEGV));
XLAT_TABLE(pr_unalign, "PR_UNALIGN_???", XLAT(PR_UNALIGN_NOPRINT),
	   XLAT(PR_UNALIGN_SIGBUS));
XLAT_TABLE(pr_ptracer_any, NULL,
	   XLAT_PAIR((uint32_t)PR_SET_PTRACER_ANY, "PR_SET_PTRACER_ANY"));
XLAT_TABLE(seccomp_modes, "SECCOMP_MODE_???", XLAT(SECCOMP_MODE_DISABLED),
	   XLAT(SECCOMP_MODE_STRICT), XLAT(SECCOMP_MODE_FILTER));

XLAT_TABLE(arch_prctl_opts, "ARCH_???", XLAT(ARCH_SET_GS), XLAT(ARCH_SET_FS),
	   XLAT(ARCH_GET_FS), XLAT(ARCH_GET_GS), XLAT(ARCH_GET_CPUID),
	   XLAT(ARCH_SET_CPUID), XLAT(ARCH_GET_XCOMP_SUPP),
	   XLAT(ARCH_GET_XCOMP_PERM), XLAT(ARCH_REQ_XCOMP_PERM),
	   XLAT(ARCH_GET_XCOMP_GUEST_PERM), XLAT(ARCH_REQ_XCOMP_GUEST_PERM),
	   XLAT(ARCH_MAP_VDSO_X32), XLAT(ARCH_MAP_VDSO_32),
	   XLAT(ARCH_MAP_VDSO_64));
/* arch/x86/include/asm/fpu/types.h: the XSAVE components, by number. */
XLAT_TABLE(xfeature_bits, "XFEATURE_???", XLAT_PAIR(0, "XFEATURE_FP"),
	   XLAT_PAIR(1, "XFEATURE_SSE"), XLAT_PAIR(2, "XFEATURE_YMM"),
	   XLAT_PAIR(3, "XFEATURE_BNDREGS"), XLAT_PAIR(4, "XFEATURE_BNDCSR"),
	   XLAT_PAIR(5, "XFEATURE_OPMASK"), XLAT_PAIR(6, "XFEATURE_ZMM_Hi256"),
	   XLAT_PAIR(7, "XFEATURE_Hi16_ZMM"),
	   XLAT_PAIR(8, "XFEATURE_PT_UNIMPLEMENTED_SO_FAR"),
	   XLAT_PAIR(9, "XFEATURE_PKRU"), XLAT_PAIR(10, "XFEATURE_PASID"),
	   XLAT_PAIR(15, "XFEATURE_LBR"), XLAT_PAIR(17, "XFEATURE_XTILE_CFG"),
	   XLAT_PAIR(18, "XFEATURE_XTILE_DATA"));
/* The same as masks; the groups first, as strace names them. */
XLAT_TABLE(xfeature_masks, "XFEATURE_MASK_???",
	   XLAT_PAIR(0x3, "XFEATURE_MASK_FPSSE"),
	   XLAT_PAIR(1 << 0, "XFEATURE_MASK_FP"),
	   XLAT_PAIR(1 << 1, "XFEATURE_MASK_SSE"),
	   XLAT_PAIR(1 << 2, "XFEATURE_MASK_YMM"),
	   XLAT_PAIR(1 << 3, "XFEATURE_MASK_BNDREGS"),
	   XLAT_PAIR(1 << 4, "XFEATURE_MASK_BNDCSR"),
	   XLAT_PAIR(0xe0, "XFEATURE_MASK_AVX512"),
	   XLAT_PAIR(1 << 5, "XFEATURE_MASK_OPMASK"),
	   XLAT_PAIR(1 << 6, "XFEATURE_MASK_ZMM_Hi256"),
	   XLAT_PAIR(1 << 7, "XFEATURE_MASK_Hi16_ZMM"),
	   XLAT_PAIR(1 << 8, "XFEATURE_MASK_PT"),
	   XLAT_PAIR(1 << 9, "XFEATURE_MASK_PKRU"),
	   XLAT_PAIR(1 << 10, "XFEATURE_MASK_PASID"),
	   XLAT_PAIR(1 << 15, "XFEATURE_MASK_LBR"),
	   XLAT_PAIR(0x60000, "XFEATURE_MASK_XTILE"),
	   XLAT_PAIR(1 << 17, "XFEATURE_MASK_XTILE_CFG"),
	   XLAT_PAIR(1 << 18, "XFEATURE_MASK_XTILE_DATA"));

/*
 * The names of v's bits joined by '|' and the bits left in hex, whatever
 * the -X style (strace prints these parts of a value as names always).
 * Nothing when no bit has a name, unless hex_alone: then v in hex. A
 * table's entry for 0 names 0.
 */
static bool
flag_names(struct pbuf *b, const struct xlat *x, uint64_t v, bool hex_alone)
{
	uint64_t left = v;
	bool any = false;
	size_t i;

	if (!v) {
		if (x->n && x->data[0].val == 0) {
			pb_puts(b, x->data[0].str);
			return true;
		}
		return false;
	}
	for (i = 0; i < x->n && left; i++) {
		uint64_t bits = x->data[i].val;

		if (!bits || (left & bits) != bits)
			continue;
		pb_printf(b, "%s%s", any ? "|" : "", x->data[i].str);
		left &= ~bits;
		any = true;
	}
	if (left && (any || hex_alone))
		pb_printf(b, "%s%#llx", any ? "|" : "", (unsigned long long)left);
	return any || (left && hex_alone);
}

/* " (NAME|NAME)" after a return value, as strace's auxstr: nothing under
 * -X raw or when no bit has a name. */
static void
aux_flags(struct pbuf *b, const struct xlat *x, uint64_t v)
{
	char tmp[1024];
	struct pbuf t;

	if (b->xstyle == 1)
		return;
	pb_init(&t, tmp, sizeof(tmp));
	if (flag_names(&t, x, v, false) && t.len < sizeof(tmp))
		pb_printf(b, " (%s)", tmp);
}

static void
print_hex(struct pbuf *b, uint64_t v)
{
	pb_printf(b, "%#llx", (unsigned long long)v);
}

/* PR_SVE_SET_VL's and PR_SME_SET_VL's argument: flags|length; with aux
 * (a return value's comment) nothing when there are no flags. */
static void
print_vl(struct pbuf *b, const struct xlat *flags_x, uint64_t v, bool aux)
{
	uint64_t flags = v & ~VL_LEN_MASK;
	bool verbose = !aux && flags && b->xstyle == 2;

	if (b->xstyle == 1) {
		if (!aux)
			print_hex(b, v);
		return;
	}
	if (!flags && aux)
		return;
	if (aux)
		pb_puts(b, " (");
	if (verbose) {
		print_hex(b, v);
		pb_puts(b, " /* ");
	}
	if (flag_names(b, flags_x, flags, true))
		pb_putc(b, '|');
	print_hex(b, v & VL_LEN_MASK);
	if (verbose)
		pb_puts(b, " */");
	if (aux)
		pb_putc(b, ')');
}

/* PR_SET_TAGGED_ADDR_CTRL's argument and PR_GET_TAGGED_ADDR_CTRL's
 * return value (aux): the enable bit, the MTE fault mode, the tag mask. */
static void
print_tagged_addr(struct pbuf *b, uint64_t v, bool aux)
{
	uint64_t tcf = v & PR_MTE_TCF_MASK, tag = v & PR_MTE_TAG_MASK;
	uint64_t rest = v & ~((uint64_t)PR_TAGGED_ADDR_ENABLE |
			      PR_MTE_TCF_MASK | PR_MTE_TAG_MASK);
	int style = b->xstyle;

	if (!aux && style != 0)
		print_hex(b, v);
	if (style == 1)
		return;
	pb_puts(b, aux ? " (" : style == 2 ? " /* " : "");
	flag_names(b, &pr_tagged_enable, v & PR_TAGGED_ADDR_ENABLE, true);
	pb_putc(b, '|');
	/* Every value of the two bits has a name. */
	pb_puts(b, xlat_name(&pr_mte_tcf, tcf));
	if (tag)
		pb_printf(b, "|%#llx<<PR_MTE_TAG_SHIFT",
			  (unsigned long long)(tag >> PR_MTE_TAG_SHIFT));
	if (rest)
		pb_printf(b, "|%#llx", (unsigned long long)rest);
	pb_puts(b, aux ? ")" : style == 2 ? " */" : "");
}

/* At exit, what the kernel wrote at addr: true with it in out, or false
 * with the address printed (on failure, NULL, or an unreadable page). */
static bool
read_out(struct fmt *f, uint64_t addr, void *out, size_t len)
{
	if (is_error(f)) {
		print_ptr(f, addr);
		return false;
	}
	return read_or_addr(f, out, addr, len);
}

/* A pointer the kernel wrote at addr: [NULL], [0x7f...]. */
static void
print_kptr_out(struct fmt *f, uint64_t addr)
{
	uint64_t v;

	if (!read_out(f, addr, &v, sizeof(v)))
		return;
	pb_putc(f->b, '[');
	print_ptr(f, v);
	pb_putc(f->b, ']');
}

/* PR_SET_NAME's name: the kernel takes at most 15 bytes, so strace reads
 * no more and marks a name as cut when it has no NUL within them. */
static void
print_set_name(struct fmt *f, uint64_t addr)
{
	size_t max = f->o->strsize >= 0 && f->o->strsize < 15 ?
			     (size_t)f->o->strsize : 15;
	char s[16];
	ssize_t n;

	if (!addr) {
		pb_puts(f->b, "NULL");
		return;
	}
	n = f->p ? snare__mem_peek_str(s, max + 1, f->p, addr) : -1;
	if (n < 0) {
		print_ptr(f, addr);
		return;
	}
	pb_quote(f->b, (const unsigned char *)s, (size_t)n, f->o->xflag,
		 QUOTE_CSTRING);
	if ((size_t)n == max)
		pb_puts(f->b, "...");
}

/* strace prints some constants as verbose whatever -X says, except raw. */
static void
print_xval_verbose(struct pbuf *b, const struct xlat *x, uint64_t v)
{
	int saved = b->xstyle;

	if (b->xstyle != 1)
		b->xstyle = 2;
	print_xval(b, x, v, false);
	b->xstyle = saved;
}

static void
print_flags_verbose(struct pbuf *b, const struct xlat *x, uint64_t v)
{
	int saved = b->xstyle;

	if (b->xstyle != 1)
		b->xstyle = 2;
	print_flags(b, x, v);
	b->xstyle = saved;
}

/* prctl's arguments printed at entry, by option and position. */
/*
 * PR_SCHED_CORE's id: its kind comes from the next argument (a thread, a
 * process, a group or a session); an unknown kind is a plain number.
 */
static void
print_sched_core_pid(struct fmt *f, int pid, uint32_t type)
{
	switch (type) {
	case KPIDTYPE_PID: print_pid_as(f, pid, PIDK_TID); break;
	case KPIDTYPE_TGID: print_pid_as(f, pid, PIDK_TGID); break;
	case KPIDTYPE_PGID: print_pid_as(f, pid, PIDK_PGID); break;
	case KPIDTYPE_SID: print_pid_as(f, pid, PIDK_SID); break;
	default: pb_printf(f->b, "%d", pid); break;
	}
}

static void
prctl_arg(struct fmt *f, uint64_t v, int i)
{
	struct pbuf *b = f->b;
	uint32_t op = (uint32_t)f->args[0];

	if (i == 0) {
		print_xval(b, &prctl_opts, (uint32_t)v, false);
		return;
	}
	switch (op) {
	case PR_SVE_SET_VL: print_vl(b, &pr_sve_flags, v, false); break;
	case PR_SME_SET_VL: print_vl(b, &pr_sme_flags, v, false); break;
	case PR_GET_SPECULATION_CTRL: print_xval(b, &pr_spec_cmds, v, false); break;
	case PR_SET_SPECULATION_CTRL:
		if (i == 1)
			print_xval(b, &pr_spec_cmds, v, false);
		else if (f->args[1] <= PR_SPEC_L1D_FLUSH)
			print_xval(b, &pr_spec_set_flags, v, false);
		else
			print_hex(b, v);
		break;
	case PR_SET_TAGGED_ADDR_CTRL: print_tagged_addr(b, v, false); break;
	case PR_SET_DUMPABLE: print_xval(b, &suid_dump_modes, v, false); break;
	case PR_CAPBSET_DROP: case PR_CAPBSET_READ:
		print_xval(b, &capabilities, v, false);
		break;
	case PR_CAP_AMBIENT:
		if (i == 1)
			print_xval(b, &cap_ambient_ops, v, false);
		else
			print_xval(b, &capabilities, v, false);
		break;
	case PR_MCE_KILL:
		if (i == 1)
			print_xval(b, &pr_mce_kill, v, false);
		else
			print_xval(b, &pr_mce_policy, v, false);
		break;
	case PR_SET_VMA: print_xval(b, &pr_set_vma, v, false); break;
	case PR_SET_MM: print_xval(b, &pr_set_mm, (uint32_t)v, false); break;
	case PR_SET_PDEATHSIG:
		if (v > 128)
			pb_printf(b, "%llu", (unsigned long long)v);
		else
			print_signo(b, (int)v);
		break;
	case PR_SET_PTRACER:
		if ((int)v == -1)
			print_xval(b, &pr_ptracer_any, (uint32_t)v, true);
		else
			print_pid(f, (int)v);
		break;
	case PR_SET_SECCOMP:
		if (i == 1)
			print_xval(b, &seccomp_modes, v, false);
		else
			print_cbpf_fprog(f, v, true);
		break;
	case PR_SET_SECUREBITS: print_flags(b, &securebits, v); break;
	case PR_SET_NAME: print_set_name(f, v); break;
	case PR_SET_TSC: print_xval(b, &pr_tsc, (uint32_t)v, false); break;
	case PR_SET_UNALIGN: print_flags(b, &pr_unalign, (uint32_t)v); break;
	case PR_SET_FP_MODE: print_flags(b, &pr_fp_modes, (uint32_t)v); break;
	case PR_PAC_RESET_KEYS: print_flags(b, &pr_pac_all, v); break;
	case PR_PAC_SET_ENABLED_KEYS: print_flags(b, &pr_pac_enabled, v); break;
	case PR_SET_SYSCALL_USER_DISPATCH: print_xval(b, &pr_sud_cmds, v, false); break;
	case PR_SCHED_CORE:
		if (i == 1)
			print_xval(b, &pr_sched_core_cmds, (uint32_t)v, false);
		else if (i == 2)
			print_sched_core_pid(f, (int)v, (uint32_t)f->args[3]);
		else
			print_xval_verbose(b, &pr_pidtypes, (uint32_t)v);
		break;
	default: print_hex(b, v); break;
	}
}

/* prctl's arguments printed at exit: what the kernel wrote. */
static void
prctl_out(struct fmt *f, uint64_t v, int i)
{
	struct pbuf *b = f->b;
	uint32_t n;
	uint64_t cookie;

	(void)i;
	switch ((uint32_t)f->args[0]) {
	case PR_GET_TID_ADDRESS:
		print_kptr_out(f, v);
		return;
	case PR_SCHED_CORE:
		if (read_out(f, v, &cookie, sizeof(cookie)))
			pb_printf(b, "[%#llx]", (unsigned long long)cookie);
		return;
	}
	if (!read_out(f, v, &n, sizeof(n)))
		return;
	pb_putc(b, '[');
	switch ((uint32_t)f->args[0]) {
	case PR_GET_TSC: print_xval(b, &pr_tsc, n, false); break;
	case PR_GET_UNALIGN: print_flags(b, &pr_unalign, n); break;
	default: pb_printf(b, "%u", n); break;
	}
	pb_putc(b, ']');
}

#define K(k) { .kind = A_##k }
#define SET(k) (a[i] = (struct argspec)k)

void
fix_prctl(const struct fmt *f, int *nargs, struct argspec *a)
{
	static const struct argspec in = FN(prctl_arg);
	static const struct argspec put = FN_OUT(prctl_out);
	uint64_t arg2 = f->args[1];
	int i;

	/* By default, the option and four arguments in hex. */
	*nargs = 5;
	for (i = 0; i < 5; i++)
		a[i] = i ? (struct argspec)K(HEX) : in;
	i = 1;
	switch ((uint32_t)f->args[0]) {
	case PR_GET_KEEPCAPS: case PR_GET_SECCOMP: case PR_GET_TIMERSLACK:
	case PR_GET_TIMING: case PR_GET_DUMPABLE: case PR_GET_SECUREBITS:
	case PR_GET_FP_MODE: case PR_SVE_GET_VL: case PR_SME_GET_VL:
	case PR_TASK_PERF_EVENTS_DISABLE: case PR_TASK_PERF_EVENTS_ENABLE:
		*nargs = 1;
		break;
	case PR_GET_CHILD_SUBREAPER: case PR_GET_ENDIAN: case PR_GET_FPEMU:
	case PR_GET_FPEXC: case PR_GET_TID_ADDRESS: case PR_GET_TSC:
	case PR_GET_UNALIGN:
		*nargs = 2;
		SET(put);
		break;
	case PR_GET_NAME:
		*nargs = 2;
		SET(K(COMM_OUT));
		break;
	case PR_GET_PDEATHSIG:
		*nargs = 2;
		SET(K(SIGPTR_OUT));
		break;
	case PR_SVE_SET_VL: case PR_SME_SET_VL: case PR_GET_SPECULATION_CTRL:
	case PR_SET_DUMPABLE: case PR_CAPBSET_DROP: case PR_CAPBSET_READ:
	case PR_SET_PDEATHSIG: case PR_SET_PTRACER: case PR_SET_SECUREBITS:
	case PR_SET_TSC: case PR_SET_UNALIGN: case PR_SET_FP_MODE:
	case PR_SET_NAME:
		*nargs = 2;
		SET(in);
		break;
	case PR_SET_CHILD_SUBREAPER: case PR_SET_ENDIAN: case PR_SET_FPEMU:
	case PR_SET_FPEXC: case PR_SET_KEEPCAPS: case PR_SET_TIMING:
		*nargs = 2;
		SET(K(ULONG));
		break;
	case PR_SET_TIMERSLACK:
		*nargs = 2;
		SET(K(LONG));
		break;
	case PR_SET_NO_NEW_PRIVS: case PR_SET_THP_DISABLE:
	case PR_SET_IO_FLUSHER:
		SET(K(ULONG));
		break;
	case PR_SET_TAGGED_ADDR_CTRL: case PR_SET_MM: case PR_PAC_RESET_KEYS:
		SET(in);
		break;
	case PR_SET_SPECULATION_CTRL:
		*nargs = 3;
		SET(in);
		i = 2;
		SET(in);
		break;
	case PR_CAP_AMBIENT:
		SET(in);
		i = 2;
		if (arg2 >= PR_CAP_AMBIENT_IS_SET && arg2 <= PR_CAP_AMBIENT_LOWER)
			SET(in);
		break;
	case PR_MCE_KILL:
		SET(in);
		i = 2;
		if (arg2 == PR_MCE_KILL_SET)
			SET(in);
		break;
	case PR_SET_VMA:
		SET(in);
		if (arg2 == PR_SET_VMA_ANON_NAME) {
			a[2] = (struct argspec)K(PTR);
			a[3] = (struct argspec)K(ULONG);
			a[4] = (struct argspec)K(STR);
		}
		break;
	case PR_SET_SECCOMP:
		SET(in);
		if (arg2 == SECCOMP_MODE_STRICT)
			*nargs = 2;
		else if (arg2 == SECCOMP_MODE_FILTER) {
			*nargs = 3;
			i = 2;
			SET(in);
		}
		break;
	case PR_PAC_SET_ENABLED_KEYS:
		SET(in);
		i = 2;
		SET(in);
		break;
	case PR_SET_SYSCALL_USER_DISPATCH:
		SET(in);
		a[4] = (struct argspec)K(PTR);
		break;
	case PR_SCHED_CORE:
		a[1] = a[2] = a[3] = in;
		a[4] = (uint32_t)arg2 == PR_SCHED_CORE_GET ?
			       put : (struct argspec)K(PTR);
		break;
	}
}

/* prctl's return value: some options' values with their meaning. */
void
rv_prctl(struct fmt *f)
{
	struct pbuf *b = f->b;
	uint64_t rv = (uint64_t)f->rv;
	const char *name = NULL;

	switch ((uint32_t)f->args[0]) {
	case PR_GET_DUMPABLE: name = xlat_name(&suid_dump_modes, rv); break;
	case PR_MCE_KILL_GET: name = xlat_name(&pr_mce_policy, rv); break;
	case PR_GET_SECUREBITS: case PR_GET_FP_MODE:
	case PR_SVE_SET_VL: case PR_SVE_GET_VL:
	case PR_SME_SET_VL: case PR_SME_GET_VL:
		if (!rv)
			break;
		print_hex(b, rv);
		switch ((uint32_t)f->args[0]) {
		case PR_GET_SECUREBITS: aux_flags(b, &securebits, rv); break;
		case PR_GET_FP_MODE: aux_flags(b, &pr_fp_modes, rv); break;
		case PR_SVE_SET_VL: case PR_SVE_GET_VL:
			print_vl(b, &pr_sve_flags, rv, true);
			break;
		default: print_vl(b, &pr_sme_flags, rv, true); break;
		}
		return;
	case PR_GET_SPECULATION_CTRL:
		if (f->args[1] > PR_SPEC_L1D_FLUSH)
			break;
		print_hex(b, rv);
		aux_flags(b, &pr_spec_get_flags, rv);
		return;
	case PR_GET_TAGGED_ADDR_CTRL:
		print_hex(b, rv);
		print_tagged_addr(b, rv, true);
		return;
	case PR_PAC_GET_ENABLED_KEYS:
		print_hex(b, rv);
		aux_flags(b, &pr_pac_enabled, rv);
		return;
	}
	pb_printf(b, "%lld", (long long)f->rv);
	if (name)
		pb_printf(b, " (%s)", name);
}

/* arch_prctl's second argument, by code: at entry. */
static void
arch_prctl_arg(struct fmt *f, uint64_t v, int i)
{
	struct pbuf *b = f->b;

	if (i == 0) {
		print_xval(b, &arch_prctl_opts, (uint32_t)v, false);
		return;
	}
	switch ((uint32_t)f->args[0]) {
	case ARCH_REQ_XCOMP_PERM: case ARCH_REQ_XCOMP_GUEST_PERM:
		print_xval_verbose(b, &xfeature_bits, v);
		break;
	default:
		print_hex(b, v);
		break;
	}
}

/* At exit: ARCH_GET_FS's base, ARCH_GET_XCOMP_*'s feature mask. */
static void
arch_prctl_out(struct fmt *f, uint64_t v, int i)
{
	uint64_t mask;

	(void)i;
	switch ((uint32_t)f->args[0]) {
	case ARCH_GET_FS: case ARCH_GET_GS:
		print_kptr_out(f, v);
		break;
	default:
		if (!read_out(f, v, &mask, sizeof(mask)))
			return;
		pb_putc(f->b, '[');
		print_flags_verbose(f->b, &xfeature_masks, mask);
		pb_putc(f->b, ']');
		break;
	}
}

void
fix_arch_prctl(const struct fmt *f, int *nargs, struct argspec *a)
{
	*nargs = 2;
	a[0] = (struct argspec)FN(arch_prctl_arg);
	a[1] = (struct argspec)FN(arch_prctl_arg);
	switch ((uint32_t)f->args[0]) {
	case ARCH_GET_CPUID:
		*nargs = 1;
		break;
	case ARCH_GET_FS: case ARCH_GET_GS: case ARCH_GET_XCOMP_SUPP:
	case ARCH_GET_XCOMP_PERM: case ARCH_GET_XCOMP_GUEST_PERM:
		a[1] = (struct argspec)FN_OUT(arch_prctl_out);
		break;
	}
}

/* ARCH_REQ_XCOMP_*: the features now permitted, when any. */
void
rv_arch_prctl(struct fmt *f)
{
	uint32_t op = (uint32_t)f->args[0];

	if ((op == ARCH_REQ_XCOMP_PERM || op == ARCH_REQ_XCOMP_GUEST_PERM) &&
	    f->rv > 0) {
		print_hex(f->b, (uint64_t)f->rv);
		aux_flags(f->b, &xfeature_masks, (uint64_t)f->rv);
		return;
	}
	pb_printf(f->b, "%lld", (long long)f->rv);
}
