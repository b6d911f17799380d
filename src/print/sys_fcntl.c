/* SPDX-License-Identifier: MIT */
/*
 * sys_fcntl.c: the fcntl arguments and results that are more than a
 * number, as strace 6.1 prints them: struct flock (F_SETLK and the OFD
 * locks at entry, F_GETLK's at exit with l_pid), struct f_owner_ex,
 * F_NOTIFY's flags, F_SETLEASE's lock type, and the lease type and the
 * signal that F_GETLEASE and F_GETSIG return.
 */
#define _GNU_SOURCE
#include <fcntl.h>

#include "decoders.h"

#ifndef F_OWNER_TID
#define F_OWNER_TID 0
#define F_OWNER_PID 1
#define F_OWNER_PGRP 2
#endif
#ifndef DN_ACCESS
#define DN_ACCESS 0x1
#define DN_MODIFY 0x2
#define DN_CREATE 0x4
#define DN_DELETE 0x8
#define DN_RENAME 0x10
#define DN_ATTRIB 0x20
#define DN_MULTISHOT 0x80000000
#endif

XLAT_TABLE(fcntl_lock_types, "F_???", XLAT_PAIR(0, "F_RDLCK"),
	   XLAT_PAIR(1, "F_WRLCK"), XLAT_PAIR(2, "F_UNLCK"),
	   XLAT_PAIR(4, "F_EXLCK"), XLAT_PAIR(8, "F_SHLCK"));
XLAT_TABLE(fcntl_owner_types, "F_OWNER_???", XLAT(F_OWNER_TID),
	   XLAT(F_OWNER_PID), XLAT(F_OWNER_PGRP));
XLAT_TABLE(fcntl_notify_flags, "DN_???", XLAT(DN_ACCESS), XLAT(DN_MODIFY),
	   XLAT(DN_CREATE), XLAT(DN_DELETE), XLAT(DN_RENAME),
	   XLAT(DN_ATTRIB), XLAT_PAIR(DN_MULTISHOT, "DN_MULTISHOT"));

static void
print_flock_at(struct fmt *f, uint64_t v, bool getlk)
{
	struct flock64 fl;

	if (!read_or_addr(f, &fl, v, sizeof(fl)))
		return;
	pb_puts(f->b, "{l_type=");
	print_xval(f->b, &fcntl_lock_types, (uint16_t)fl.l_type, false);
	pb_puts(f->b, ", l_whence=");
	print_xval(f->b, &seek_whence, (uint16_t)fl.l_whence, false);
	pb_printf(f->b, ", l_start=%lld, l_len=%lld", (long long)fl.l_start,
		  (long long)fl.l_len);
	if (getlk) {
		pb_puts(f->b, ", l_pid=");
		print_pid(f, fl.l_pid);
	}
	pb_putc(f->b, '}');
}

/* F_SETLK, F_SETLKW, F_OFD_SETLK, F_OFD_SETLKW, at entry. */
void
print_flock_in(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_flock_at(f, v, false);
}

/* F_GETLK, F_OFD_GETLK, at exit: the address after an error. */
void
print_flock_out(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	if (is_error(f)) {
		print_ptr(f, v);
		return;
	}
	print_flock_at(f, v, true);
}

/* F_SETOWN_EX at entry, F_GETOWN_EX at exit. */
void
print_f_owner_ex(struct fmt *f, uint64_t v, int i)
{
	struct { int type, pid; } o;
	enum pid_kind kind = PIDK_TGID;

	(void)i;
	if (f->exiting && is_error(f)) {
		print_ptr(f, v);
		return;
	}
	if (!read_or_addr(f, &o, v, sizeof(o)))
		return;
	pb_puts(f->b, "{type=");
	print_xval(f->b, &fcntl_owner_types, (uint32_t)o.type, false);
	pb_puts(f->b, ", pid=");
	switch (o.type) {
	case F_OWNER_TID: kind = PIDK_TID; break;
	case F_OWNER_PID: kind = PIDK_TGID; break;
	case F_OWNER_PGRP: kind = PIDK_PGID; break;
	default:
		pb_printf(f->b, "%d}", o.pid);
		return;
	}
	print_pid_as(f, o.pid, kind);
	pb_putc(f->b, '}');
}

void
print_fcntl_notify(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_flags(f->b, &fcntl_notify_flags, v);
}

void
print_fcntl_lease(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_xval(f->b, &fcntl_lock_types, v, false);
}

/* F_GETLEASE's result: 0x2 (F_UNLCK); F_GETSIG's: 1 (SIGHUP). */
bool
print_fcntl_rv_more(struct fmt *f)
{
	const char *name;

	switch ((int)f->args[1]) {
	case F_GETLEASE:
		pb_printf(f->b, f->rv ? "%#llx" : "0",
			  (unsigned long long)f->rv);
		name = xlat_name(&fcntl_lock_types, (uint64_t)f->rv);
		if (name)
			pb_printf(f->b, " (%s)", name);
		return true;
	case F_GETSIG:
		pb_printf(f->b, "%lld", (long long)f->rv);
		name = f->rv ? snare_signal_name((int)f->rv) : NULL;
		if (name)
			pb_printf(f->b, " (%s)", name);
		return true;
	}
	return false;
}
