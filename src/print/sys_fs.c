/* SPDX-License-Identifier: MIT */
/*
 * sys_fs.c: decoders of filesystem syscalls, as strace 6.1 prints them:
 * mount (which arguments are strings depends on the flags), swapon,
 * openat2's struct open_how, fanotify, file handles,
 * landlock, the new mount API (fsopen, fsconfig, fsmount, fspick,
 * move_mount, open_tree, mount_setattr).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/fanotify.h>
#include <linux/landlock.h>
#include <linux/mount.h>
#include <linux/openat2.h>
#include <string.h>
#include <sys/syscall.h>

#include "decoders.h"

#define KMS_MGC_VAL 0xC0ED0000U
#define KMS_MGC_MSK 0xffff0000U
#define FAN_CLASS_BITS 0x0000000cU

XLAT_TABLE(mount_flags, "MS_???", XLAT_PAIR(1U << 0, "MS_RDONLY"),
	   XLAT_PAIR(1U << 1, "MS_NOSUID"), XLAT_PAIR(1U << 2, "MS_NODEV"),
	   XLAT_PAIR(1U << 3, "MS_NOEXEC"), XLAT_PAIR(1U << 4, "MS_SYNCHRONOUS"),
	   XLAT_PAIR(1U << 5, "MS_REMOUNT"), XLAT_PAIR(1U << 6, "MS_MANDLOCK"),
	   XLAT_PAIR(1U << 7, "MS_DIRSYNC"), XLAT_PAIR(1U << 8, "MS_NOSYMFOLLOW"),
	   XLAT_PAIR(1U << 10, "MS_NOATIME"), XLAT_PAIR(1U << 11, "MS_NODIRATIME"),
	   XLAT_PAIR(1U << 12, "MS_BIND"), XLAT_PAIR(1U << 13, "MS_MOVE"),
	   XLAT_PAIR(1U << 14, "MS_REC"), XLAT_PAIR(1U << 15, "MS_SILENT"),
	   XLAT_PAIR(1U << 16, "MS_POSIXACL"), XLAT_PAIR(1U << 17, "MS_UNBINDABLE"),
	   XLAT_PAIR(1U << 18, "MS_PRIVATE"), XLAT_PAIR(1U << 19, "MS_SLAVE"),
	   XLAT_PAIR(1U << 20, "MS_SHARED"), XLAT_PAIR(1U << 21, "MS_RELATIME"),
	   XLAT_PAIR(1U << 22, "MS_KERNMOUNT"), XLAT_PAIR(1U << 23, "MS_I_VERSION"),
	   XLAT_PAIR(1U << 24, "MS_STRICTATIME"), XLAT_PAIR(1U << 25, "MS_LAZYTIME"),
	   XLAT_PAIR(1U << 26, "MS_SUBMOUNT"), XLAT_PAIR(1U << 27, "MS_NOREMOTELOCK"),
	   XLAT_PAIR(1U << 28, "MS_NOSEC"), XLAT_PAIR(1U << 29, "MS_BORN"),
	   XLAT_PAIR(1U << 30, "MS_ACTIVE"), XLAT_PAIR(1U << 31, "MS_NOUSER"));
XLAT_TABLE(mount_propagation, "MS_???", XLAT_PAIR(1U << 17, "MS_UNBINDABLE"),
	   XLAT_PAIR(1U << 18, "MS_PRIVATE"), XLAT_PAIR(1U << 19, "MS_SLAVE"),
	   XLAT_PAIR(1U << 20, "MS_SHARED"));
XLAT_TABLE(swap_flags, "SWAP_FLAG_???", XLAT_PAIR(0x8000, "SWAP_FLAG_PREFER"),
	   XLAT_PAIR(0x10000, "SWAP_FLAG_DISCARD"),
	   XLAT_PAIR(0x20000, "SWAP_FLAG_DISCARD_ONCE"),
	   XLAT_PAIR(0x40000, "SWAP_FLAG_DISCARD_PAGES"));
XLAT_TABLE(resolve_flags, "RESOLVE_???", XLAT(RESOLVE_NO_XDEV),
	   XLAT(RESOLVE_NO_MAGICLINKS), XLAT(RESOLVE_NO_SYMLINKS),
	   XLAT(RESOLVE_BENEATH), XLAT(RESOLVE_IN_ROOT), XLAT_PAIR(0x20,
	   "RESOLVE_CACHED"));
XLAT_TABLE(fan_classes, "FAN_CLASS_???", XLAT(FAN_CLASS_NOTIF),
	   XLAT(FAN_CLASS_CONTENT), XLAT(FAN_CLASS_PRE_CONTENT));
XLAT_TABLE(fan_init_flags, "FAN_???", XLAT_PAIR(0x1, "FAN_CLOEXEC"),
	   XLAT_PAIR(0x2, "FAN_NONBLOCK"), XLAT_PAIR(0x10, "FAN_UNLIMITED_QUEUE"),
	   XLAT_PAIR(0x20, "FAN_UNLIMITED_MARKS"),
	   XLAT_PAIR(0x40, "FAN_ENABLE_AUDIT"), XLAT_PAIR(0x80, "FAN_REPORT_PIDFD"),
	   XLAT_PAIR(0x100, "FAN_REPORT_TID"), XLAT_PAIR(0x200, "FAN_REPORT_FID"),
	   XLAT_PAIR(0x400, "FAN_REPORT_DIR_FID"),
	   XLAT_PAIR(0x800, "FAN_REPORT_NAME"),
	   XLAT_PAIR(0x1000, "FAN_REPORT_TARGET_FID"));
XLAT_TABLE(fan_mark_flags, "FAN_MARK_???", XLAT_PAIR(0x1, "FAN_MARK_ADD"),
	   XLAT_PAIR(0x2, "FAN_MARK_REMOVE"), XLAT_PAIR(0x4, "FAN_MARK_DONT_FOLLOW"),
	   XLAT_PAIR(0x8, "FAN_MARK_ONLYDIR"), XLAT_PAIR(0x10, "FAN_MARK_MOUNT"),
	   XLAT_PAIR(0x20, "FAN_MARK_IGNORED_MASK"),
	   XLAT_PAIR(0x40, "FAN_MARK_IGNORED_SURV_MODIFY"),
	   XLAT_PAIR(0x80, "FAN_MARK_FLUSH"), XLAT_PAIR(0x100, "FAN_MARK_FILESYSTEM"),
	   XLAT_PAIR(0x200, "FAN_MARK_EVICTABLE"), XLAT_PAIR(0x400, "FAN_MARK_IGNORE"));
XLAT_TABLE(fan_events, "FAN_???", XLAT_PAIR(0x1, "FAN_ACCESS"),
	   XLAT_PAIR(0x2, "FAN_MODIFY"), XLAT_PAIR(0x4, "FAN_ATTRIB"),
	   XLAT_PAIR(0x8, "FAN_CLOSE_WRITE"), XLAT_PAIR(0x10, "FAN_CLOSE_NOWRITE"),
	   XLAT_PAIR(0x20, "FAN_OPEN"), XLAT_PAIR(0x40, "FAN_MOVED_FROM"),
	   XLAT_PAIR(0x80, "FAN_MOVED_TO"), XLAT_PAIR(0x100, "FAN_CREATE"),
	   XLAT_PAIR(0x200, "FAN_DELETE"), XLAT_PAIR(0x400, "FAN_DELETE_SELF"),
	   XLAT_PAIR(0x800, "FAN_MOVE_SELF"), XLAT_PAIR(0x1000, "FAN_OPEN_EXEC"),
	   XLAT_PAIR(0x4000, "FAN_Q_OVERFLOW"), XLAT_PAIR(0x8000, "FAN_FS_ERROR"),
	   XLAT_PAIR(0x10000, "FAN_OPEN_PERM"), XLAT_PAIR(0x20000, "FAN_ACCESS_PERM"),
	   XLAT_PAIR(0x40000, "FAN_OPEN_EXEC_PERM"),
	   XLAT_PAIR(0x80000, "FAN_DIR_MODIFY"), XLAT_PAIR(0x40000000, "FAN_ONDIR"),
	   XLAT_PAIR(0x08000000, "FAN_EVENT_ON_CHILD"),
	   XLAT_PAIR(0x10000000, "FAN_RENAME"));
XLAT_TABLE(handle_at_flags, "AT_???", XLAT(AT_SYMLINK_FOLLOW),
	   XLAT(AT_EMPTY_PATH));
XLAT_TABLE(landlock_access_fs, "LANDLOCK_ACCESS_FS_???",
	   XLAT_PAIR(1ULL << 0, "LANDLOCK_ACCESS_FS_EXECUTE"),
	   XLAT_PAIR(1ULL << 1, "LANDLOCK_ACCESS_FS_WRITE_FILE"),
	   XLAT_PAIR(1ULL << 2, "LANDLOCK_ACCESS_FS_READ_FILE"),
	   XLAT_PAIR(1ULL << 3, "LANDLOCK_ACCESS_FS_READ_DIR"),
	   XLAT_PAIR(1ULL << 4, "LANDLOCK_ACCESS_FS_REMOVE_DIR"),
	   XLAT_PAIR(1ULL << 5, "LANDLOCK_ACCESS_FS_REMOVE_FILE"),
	   XLAT_PAIR(1ULL << 6, "LANDLOCK_ACCESS_FS_MAKE_CHAR"),
	   XLAT_PAIR(1ULL << 7, "LANDLOCK_ACCESS_FS_MAKE_DIR"),
	   XLAT_PAIR(1ULL << 8, "LANDLOCK_ACCESS_FS_MAKE_REG"),
	   XLAT_PAIR(1ULL << 9, "LANDLOCK_ACCESS_FS_MAKE_SOCK"),
	   XLAT_PAIR(1ULL << 10, "LANDLOCK_ACCESS_FS_MAKE_FIFO"),
	   XLAT_PAIR(1ULL << 11, "LANDLOCK_ACCESS_FS_MAKE_BLOCK"),
	   XLAT_PAIR(1ULL << 12, "LANDLOCK_ACCESS_FS_MAKE_SYM"),
	   XLAT_PAIR(1ULL << 13, "LANDLOCK_ACCESS_FS_REFER"));
XLAT_TABLE(landlock_create_flags, "LANDLOCK_CREATE_RULESET_???",
	   XLAT_PAIR(1, "LANDLOCK_CREATE_RULESET_VERSION"));
XLAT_TABLE(landlock_rule_types, "LANDLOCK_RULE_???",
	   XLAT_PAIR(1, "LANDLOCK_RULE_PATH_BENEATH"));
XLAT_TABLE(fsopen_flags, "FSOPEN_???", XLAT(FSOPEN_CLOEXEC));
XLAT_TABLE(fsmount_flags, "FSMOUNT_???", XLAT(FSMOUNT_CLOEXEC));
XLAT_TABLE(fsmount_attr_flags, "MOUNT_ATTR_???", XLAT(MOUNT_ATTR_RDONLY),
	   XLAT(MOUNT_ATTR_NOSUID), XLAT(MOUNT_ATTR_NODEV),
	   XLAT(MOUNT_ATTR_NOEXEC), XLAT(MOUNT_ATTR_NOATIME),
	   XLAT(MOUNT_ATTR_STRICTATIME), XLAT(MOUNT_ATTR_NODIRATIME));
XLAT_TABLE(mount_attr_attr, "MOUNT_ATTR_???", XLAT(MOUNT_ATTR_RDONLY),
	   XLAT(MOUNT_ATTR_NOSUID), XLAT(MOUNT_ATTR_NODEV),
	   XLAT(MOUNT_ATTR_NOEXEC), XLAT(MOUNT_ATTR_NOATIME),
	   XLAT(MOUNT_ATTR_STRICTATIME), XLAT(MOUNT_ATTR_NODIRATIME),
	   XLAT_PAIR(0x00100000, "MOUNT_ATTR_IDMAP"),
	   XLAT_PAIR(0x00200000, "MOUNT_ATTR_NOSYMFOLLOW"));
XLAT_TABLE(mount_setattr_flags, "AT_???", XLAT(AT_SYMLINK_NOFOLLOW),
	   XLAT(AT_NO_AUTOMOUNT), XLAT(AT_EMPTY_PATH), XLAT(AT_RECURSIVE));
XLAT_TABLE(fspick_flags, "FSPICK_???", XLAT(FSPICK_CLOEXEC),
	   XLAT(FSPICK_SYMLINK_NOFOLLOW), XLAT(FSPICK_NO_AUTOMOUNT),
	   XLAT(FSPICK_EMPTY_PATH));
XLAT_TABLE(move_mount_flags, "MOVE_MOUNT_???", XLAT(MOVE_MOUNT_F_SYMLINKS),
	   XLAT(MOVE_MOUNT_F_AUTOMOUNTS), XLAT(MOVE_MOUNT_F_EMPTY_PATH),
	   XLAT(MOVE_MOUNT_T_SYMLINKS), XLAT(MOVE_MOUNT_T_AUTOMOUNTS),
	   XLAT(MOVE_MOUNT_T_EMPTY_PATH), XLAT_PAIR(0x100, "MOVE_MOUNT_SET_GROUP"));
XLAT_TABLE(open_tree_flags, "OPEN_TREE_???", XLAT(OPEN_TREE_CLONE),
	   XLAT(OPEN_TREE_CLOEXEC), XLAT(AT_SYMLINK_NOFOLLOW),
	   XLAT(AT_REMOVEDIR), XLAT(AT_SYMLINK_FOLLOW), XLAT(AT_NO_AUTOMOUNT),
	   XLAT(AT_EMPTY_PATH), XLAT(AT_RECURSIVE));
XLAT_TABLE(fsconfig_cmds, "FSCONFIG_???", XLAT(FSCONFIG_SET_FLAG),
	   XLAT(FSCONFIG_SET_STRING), XLAT(FSCONFIG_SET_BINARY),
	   XLAT(FSCONFIG_SET_PATH), XLAT(FSCONFIG_SET_PATH_EMPTY),
	   XLAT(FSCONFIG_SET_FD), XLAT(FSCONFIG_CMD_CREATE),
	   XLAT(FSCONFIG_CMD_RECONFIGURE));
/* mount: strace skips the type for a remount, the type and the data
   for a bind, move or propagation change (printed as addresses). */
static void
mount_ignores(uint64_t flags, bool *type, bool *data)
{
	if ((flags & KMS_MGC_MSK) == KMS_MGC_VAL)
		flags &= ~(uint64_t)KMS_MGC_MSK;
	*type = *data = false;
	if (flags & MS_REMOUNT)
		*type = true;
	else if (flags & (MS_BIND | MS_MOVE | MS_SHARED | MS_PRIVATE |
			  MS_SLAVE | MS_UNBINDABLE))
		*type = *data = true;
}

void
print_mount_type(struct fmt *f, uint64_t v, int i)
{
	bool type, data;

	(void)i;
	mount_ignores(f->args[3], &type, &data);
	if (type)
		print_ptr(f, v);
	else
		print_str(f, v, -1, 0);
}

void
print_mount_data(struct fmt *f, uint64_t v, int i)
{
	bool type, data;

	(void)i;
	mount_ignores(f->args[3], &type, &data);
	if (data)
		print_ptr(f, v);
	else
		print_str(f, v, -1, 0);
}

void
print_mount_flags(struct fmt *f, uint64_t v, int i)
{
	bool magic = (v & KMS_MGC_MSK) == KMS_MGC_VAL;

	(void)i;
	if (magic) {
		v &= ~(uint64_t)KMS_MGC_MSK;
		print_const(f->b, KMS_MGC_VAL, "MS_MGC_VAL", false);
		if (v)
			pb_putc(f->b, '|');
	}
	if (v || !magic)
		print_flags(f->b, &mount_flags, v);
}

/* swapon: SWAP_FLAG_PREFER|5, the priority last. */
void
print_swap_flags(struct fmt *f, uint64_t v, int i)
{
	uint32_t flags = (uint32_t)v, prio = flags & 0x7fff;

	(void)i;
	flags &= ~0x7fffU;
	if (flags) {
		print_flags(f->b, &swap_flags, flags);
		pb_putc(f->b, '|');
	}
	pb_printf(f->b, "%u", prio);
}

/* openat2's struct open_how. */
void
print_open_how(struct fmt *f, uint64_t v, int i)
{
	struct open_how how;
	uint64_t size = f->args[i + 1];

	if (size < 24) {
		print_ptr(f, v);
		return;
	}
	memset(&how, 0, sizeof(how));
	if (!read_or_addr(f, &how, v, size < sizeof(how) ? size : sizeof(how)))
		return;
	pb_puts(f->b, "{flags=");
	print_open_flags(f->b, how.flags); /* all 64 bits */
	if ((how.flags & (O_CREAT | KERNEL___O_TMPFILE)) || how.mode) {
		pb_puts(f->b, ", mode=");
		print_octal(f->b, how.mode);
	}
	pb_puts(f->b, ", resolve=");
	print_flags(f->b, &resolve_flags, how.resolve);
	if (size > sizeof(how))
		print_nonzero_tail(f, ", ", v, sizeof(how), size);
	pb_putc(f->b, '}');
}

/* fanotify. */
void
print_fanotify_init_flags(struct fmt *f, uint64_t v, int i)
{
	uint32_t flags = (uint32_t)v;

	(void)i;
	print_xval(f->b, &fan_classes, flags & FAN_CLASS_BITS, false);
	flags &= ~FAN_CLASS_BITS;
	if (flags) {
		pb_putc(f->b, '|');
		print_flags(f->b, &fan_init_flags, flags);
	}
}

void
print_fanotify_mark_flags(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_flags(f->b, &fan_mark_flags, (uint32_t)v);
}

void
print_fanotify_mask(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_flags(f->b, &fan_events, v);
}

void
print_fanotify_dirfd(struct fmt *f, uint64_t v, int i)
{
	static const struct argspec dirfd = { .kind = A_DIRFD };

	if ((int)v == FAN_NOFD)
		print_const(f->b, (uint64_t)(int64_t)FAN_NOFD, "FAN_NOFD",
			    true);
	else
		print_arg(f, i, &dirfd);
}

/* name_to_handle_at/open_by_handle_at's struct file_handle. */
static void
print_f_handle(struct fmt *f, uint64_t addr, uint32_t bytes)
{
	unsigned char h[128];
	uint32_t len = bytes < sizeof(h) ? bytes : sizeof(h);

	if (read_mem(f, h, addr + 8, len) || !len) {
		pb_quote(f->b, h, len, 2, QUOTE_FORCE_HEX);
		if (bytes > len)
			pb_puts(f->b, "...");
	} else {
		pb_puts(f->b, "???");
	}
}

void
print_handle_split(struct fmt *f, uint64_t v, int i)
{
	uint32_t h[2];
	int64_t in;

	(void)i;
	if (!f->exiting) {
		if (!read_or_addr(f, h, v, sizeof(h)))
			return;
		pb_printf(f->b, "{handle_bytes=%u", h[0]);
		note_put(f, v, h[0]);
		return;
	}
	/* Nothing was printed at entry when the handle was unreadable. */
	if (!note_get(f, v, &in, true))
		return;
	if ((!is_error(f) || f->rv == -75 /* EOVERFLOW */) &&
	    read_mem(f, h, v, sizeof(h))) {
		if (h[0] != (uint32_t)in)
			pb_printf(f->b, " => %u", h[0]);
		if (!is_error(f)) {
			pb_printf(f->b, ", handle_type=%d, f_handle=", (int)h[1]);
			print_f_handle(f, v, h[0]);
		}
	}
	pb_putc(f->b, '}');
}

void
print_handle_in(struct fmt *f, uint64_t v, int i)
{
	uint32_t h[2];

	(void)i;
	if (!read_or_addr(f, h, v, sizeof(h)))
		return;
	pb_printf(f->b, "{handle_bytes=%u, handle_type=%d, f_handle=", h[0],
		  (int)h[1]);
	print_f_handle(f, v, h[0]);
	pb_putc(f->b, '}');
}

void
print_mount_id_out(struct fmt *f, uint64_t v, int i)
{
	int32_t id;

	(void)i;
	if (is_error(f)) {
		print_ptr(f, v);
		return;
	}
	if (read_or_addr(f, &id, v, sizeof(id)))
		pb_printf(f->b, "[%d]", id);
}

void
print_handle_at_flags(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_flags(f->b, &handle_at_flags, (uint32_t)v);
}

/* landlock. */
void
print_landlock_attr(struct fmt *f, uint64_t v, int i)
{
	uint64_t size = f->args[1], access;

	(void)i;
	if (size < sizeof(access)) {
		print_ptr(f, v);
		return;
	}
	if (!read_or_addr(f, &access, v, sizeof(access)))
		return;
	pb_puts(f->b, "{handled_access_fs=");
	print_flags(f->b, &landlock_access_fs, access);
	if (size > sizeof(access))
		pb_puts(f->b, ", ...");
	pb_putc(f->b, '}');
}

void
print_landlock_create_flags(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_flags(f->b, &landlock_create_flags, (uint32_t)v);
}

void
print_landlock_rule_type(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_xval(f->b, &landlock_rule_types, (uint32_t)v, false);
}

void
print_landlock_rule(struct fmt *f, uint64_t v, int i)
{
	unsigned char attr[12];
	uint64_t access;
	int32_t fd;

	(void)i;
	if ((uint32_t)f->args[1] != 1) {
		print_ptr(f, v);
		return;
	}
	if (!read_or_addr(f, attr, v, sizeof(attr)))
		return;
	memcpy(&access, attr, sizeof(access));
	memcpy(&fd, attr + 8, sizeof(fd));
	pb_puts(f->b, "{allowed_access=");
	print_flags(f->b, &landlock_access_fs, access);
	pb_puts(f->b, ", parent_fd=");
	print_fd(f, fd);
	pb_putc(f->b, '}');
}

/* The new mount API. */
#define FLAGS_FN(name, table)                                      \
	void name(struct fmt *f, uint64_t v, int i)                 \
	{                                                           \
		(void)i;                                            \
		print_flags(f->b, &(table), (uint32_t)v);           \
	}
FLAGS_FN(print_fsopen_flags, fsopen_flags)
FLAGS_FN(print_fsmount_flags, fsmount_flags)
FLAGS_FN(print_fsmount_attr_flags, fsmount_attr_flags)
FLAGS_FN(print_fspick_flags, fspick_flags)
FLAGS_FN(print_move_mount_flags, move_mount_flags)
FLAGS_FN(print_open_tree_flags, open_tree_flags)
FLAGS_FN(print_mount_setattr_flags, mount_setattr_flags)

void
print_fsconfig_cmd(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_xval(f->b, &fsconfig_cmds, (uint32_t)v, false);
}

/* fsconfig's key and string value: NUL-terminated within 256 bytes,
   "..." after them when no NUL came (strace reads no further). */
static void
print_fsconfig_str(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_str_nul(f, v, 256);
}

static void
print_fsconfig_blob(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_str(f, v, (long)(int)f->args[4], QUOTE_FORCE_HEX);
}

void
fix_fsconfig(const struct fmt *f, int *nargs, struct argspec *a)
{
	uint32_t cmd = (uint32_t)f->args[1];

	(void)nargs;
	a[2] = (struct argspec){ .kind = A_PTR };
	a[3] = (struct argspec){ .kind = A_PTR };
	a[4] = (struct argspec){ .kind = A_INT };
	if (cmd <= FSCONFIG_SET_FD)
		a[2] = (struct argspec)FN(print_fsconfig_str);
	switch (cmd) {
	case FSCONFIG_SET_STRING:
		a[3] = (struct argspec)FN(print_fsconfig_str);
		break;
	case FSCONFIG_SET_PATH: case FSCONFIG_SET_PATH_EMPTY:
		a[3] = (struct argspec){ .kind = A_PATH };
		a[4] = (struct argspec){ .kind = A_DIRFD };
		break;
	case FSCONFIG_SET_BINARY:
		if ((int)f->args[4] >= 0 && (int)f->args[4] <= 1024 * 1024)
			a[3] = (struct argspec)FN(print_fsconfig_blob);
		break;
	case FSCONFIG_SET_FD:
		a[4] = (struct argspec){ .kind = A_FD };
		break;
	}
}

/* mount_setattr's struct mount_attr. */
void
print_mount_attr(struct fmt *f, uint64_t v, int i)
{
	uint64_t attr[4];
	uint64_t size = f->args[i + 1];

	if (size < 32) {
		print_ptr(f, v);
		return;
	}
	if (!read_or_addr(f, attr, v, sizeof(attr)))
		return;
	pb_puts(f->b, "{attr_set=");
	print_flags(f->b, &mount_attr_attr, attr[0]);
	pb_puts(f->b, ", attr_clr=");
	print_flags(f->b, &mount_attr_attr, attr[1]);
	pb_puts(f->b, ", propagation=");
	print_xval(f->b, &mount_propagation, attr[2], false);
	if (attr[3] > 0x7fffffff ||
	    !((attr[0] | attr[1]) & 0x00100000 /* MOUNT_ATTR_IDMAP */)) {
		pb_printf(f->b, ", userns_fd=%llu", (unsigned long long)attr[3]);
	} else {
		pb_puts(f->b, ", userns_fd=");
		print_fd(f, (int)attr[3]);
	}
	/* A larger struct than the kernel's: its tail when not zeros. */
	if (size > sizeof(attr))
		print_nonzero_tail(f, ", ", v, sizeof(attr), size);
	pb_putc(f->b, '}');
}

/* landlock_create_ruleset returns a version with
   LANDLOCK_CREATE_RULESET_VERSION, else an fd. */
void
rv_landlock(struct fmt *f)
{
	if (f->args[2] & 1)
		pb_printf(f->b, "%lld", (long long)f->rv);
	else
		print_fd(f, (int)f->rv);
}
