/* SPDX-License-Identifier: MIT */
/*
 * ioctl_seccomp.c: the seccomp user notification commands ('!'), as
 * strace 6.1 prints them: struct seccomp_notif (printed at entry only
 * when the caller filled it, then " => " and the kernel's at exit),
 * seccomp_notif_resp, seccomp_notif_addfd and the id of ID_VALID.
 */
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <string.h>

#include "snare.h"
#include "ioctl_fam.h"

#ifndef SECCOMP_IOCTL_NOTIF_ADDFD
#define SECCOMP_IOCTL_NOTIF_ADDFD SECCOMP_IOW(3, struct seccomp_notif_addfd)
#endif
#define NOTIF_ID_VALID_WRONG_DIR SECCOMP_IOR(2, uint64_t)

IOCTL_XLAT(audit_archs, "AUDIT_ARCH_???", XLAT(AUDIT_ARCH_AARCH64),
	   XLAT(AUDIT_ARCH_ARM), XLAT(AUDIT_ARCH_I386), XLAT(AUDIT_ARCH_MIPS),
	   XLAT(AUDIT_ARCH_MIPS64), XLAT(AUDIT_ARCH_MIPSEL),
	   XLAT(AUDIT_ARCH_MIPSEL64), XLAT(AUDIT_ARCH_PPC),
	   XLAT(AUDIT_ARCH_PPC64), XLAT(AUDIT_ARCH_PPC64LE),
	   XLAT(AUDIT_ARCH_RISCV64), XLAT(AUDIT_ARCH_S390X),
	   XLAT(AUDIT_ARCH_SPARC64), XLAT(AUDIT_ARCH_X86_64));
IOCTL_XLAT(notif_resp_flags, "SECCOMP_USER_NOTIF_FLAG_???",
	   XLAT_PAIR(1, "SECCOMP_USER_NOTIF_FLAG_CONTINUE"));
IOCTL_XLAT(addfd_flags, "SECCOMP_ADDFD_FLAG_???",
	   XLAT_PAIR(1, "SECCOMP_ADDFD_FLAG_SETFD"),
	   XLAT_PAIR(2, "SECCOMP_ADDFD_FLAG_SEND"));

/* The syscall's number, named (__NR_gettid) when of this arch. */
static void
print_notif_nr(struct fmt *f, uint32_t nr, uint32_t arch)
{
	const char *name = arch == AUDIT_ARCH_X86_64 ?
				   snare_syscall_name((long)nr) : NULL;

	if (name && XSTYLE_NAMES(f->b)) {
		pb_printf(f->b, "__NR_%s", name);
		return;
	}
	pb_printf(f->b, "%u", nr);
	if (name && f->b->xstyle == 2)
		pb_printf(f->b, " /* __NR_%s */", name);
}

static void
print_notif(struct fmt *f, const struct seccomp_notif *n)
{
	pb_printf(f->b, n->id ? "{id=%#llx" : "{id=0",
		  (unsigned long long)n->id);
	pb_puts(f->b, ", pid=");
	print_pid(f, (int)n->pid);
	ioctl_field_x(f, "flags", n->flags);
	pb_puts(f->b, ", data={nr=");
	print_notif_nr(f, (uint32_t)n->data.nr, n->data.arch);
	pb_puts(f->b, ", arch=");
	print_xval(f->b, &audit_archs, n->data.arch, false);
	pb_puts(f->b, ", instruction_pointer=");
	print_ptr(f, n->data.instruction_pointer);
	pb_puts(f->b, ", args=[");
	for (size_t k = 0; k < 6; k++)
		pb_printf(f->b, n->data.args[k] ? "%s%#llx" : "%s0",
			  k ? ", " : "", (unsigned long long)n->data.args[k]);
	pb_puts(f->b, "]}}");
}

static bool
all_zero(const void *p, size_t n)
{
	const unsigned char *c = p;

	for (size_t k = 0; k < n; k++)
		if (c[k])
			return false;
	return true;
}

static void
print_notif_recv(struct fmt *f, uint64_t v, int i)
{
	struct seccomp_notif n;
	int64_t noted;

	(void)i;
	if (!f->exiting) {
		if (!v || !read_mem(f, &n, v, sizeof(n))) {
			print_ptr(f, v);
			note_put(f, v, 0);
			return;
		}
		/* A struct left zero is the kernel's to fill: not shown. */
		if (all_zero(&n, sizeof(n))) {
			note_put(f, v, 1);
			return;
		}
		print_notif(f, &n);
		pb_puts(f->b, " => ");
		note_put(f, v, 1);
		return;
	}
	if (!note_get(f, v, &noted, true) || !noted)
		return;
	if (ioctl_read_out(f, &n, v, sizeof(n)))
		print_notif(f, &n);
}

static void
print_notif_resp(struct fmt *f, uint64_t v, int i)
{
	struct seccomp_notif_resp r;
	const char *err;

	(void)i;
	if (!read_or_addr(f, &r, v, sizeof(r)))
		return;
	pb_printf(f->b, r.id ? "{id=%#llx" : "{id=0",
		  (unsigned long long)r.id);
	pb_printf(f->b, ", val=%lld, error=", (long long)r.val);
	err = r.error < 0 && r.error > -4096 ? snare_errno_name(-r.error)
					      : NULL;
	if (err && XSTYLE_NAMES(f->b))
		pb_printf(f->b, "-%s", err);
	else
		pb_printf(f->b, "%d", r.error);
	if (err && f->b->xstyle == 2)
		pb_printf(f->b, " /* -%s */", err);
	ioctl_field_flags(f, "flags", &notif_resp_flags, r.flags);
	pb_putc(f->b, '}');
}

static void
print_notif_addfd(struct fmt *f, uint64_t v, int i)
{
	struct seccomp_notif_addfd a;

	(void)i;
	if (!read_or_addr(f, &a, v, sizeof(a)))
		return;
	pb_printf(f->b, a.id ? "{id=%#llx" : "{id=0",
		  (unsigned long long)a.id);
	ioctl_field_flags(f, "flags", &addfd_flags, a.flags);
	pb_puts(f->b, ", srcfd=");
	print_fd(f, (int)a.srcfd);
	pb_printf(f->b, ", newfd=%d", (int)a.newfd);
	ioctl_field_flags(f, "newfd_flags", &open_flags, a.newfd_flags);
	pb_putc(f->b, '}');
}

static void
print_notif_id(struct fmt *f, uint64_t v, int i)
{
	uint64_t id;

	(void)i;
	if (read_or_addr(f, &id, v, sizeof(id)))
		pb_printf(f->b, id ? "[%#llx]" : "[0]", (unsigned long long)id);
}

bool
ioctl_seccomp_args(unsigned cmd, int *nargs, struct argspec *a)
{
	(void)nargs;
	switch (cmd) {
	case SECCOMP_IOCTL_NOTIF_RECV:
		a[2] = IOA_FN(FN_SPLIT, print_notif_recv);
		break;
	case SECCOMP_IOCTL_NOTIF_SEND:
		a[2] = IOA_FN(FN, print_notif_resp);
		break;
	case SECCOMP_IOCTL_NOTIF_ID_VALID: case NOTIF_ID_VALID_WRONG_DIR:
		a[2] = IOA_FN(FN, print_notif_id);
		break;
	case SECCOMP_IOCTL_NOTIF_ADDFD:
		a[2] = IOA_FN(FN, print_notif_addfd);
		break;
	default:
		return false;
	}
	return true;
}
