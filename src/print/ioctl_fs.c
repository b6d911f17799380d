/* SPDX-License-Identifier: MIT */
/*
 * ioctl_fs.c: the entries of the storage and filesystem ioctl families
 * (decoders.h): the command's name under the -X styles, the dispatch by
 * the command's type to the family files; and the small families of
 * files themselves, as strace 6.1 prints them: 'f' (FS_IOC_FIEMAP, the
 * inode flags), 'X' (FITRIM, FS_IOC_FS[GS]ETXATTR, FIFREEZE/FITHAW),
 * inotify's 'I', nsfs's 0xb7 and nbd's 0xab.
 */
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <linux/nbd.h>
#include <linux/nsfs.h>
#include <string.h>

#include "ioctl_fam.h"

#ifndef FS_IOC32_GETFLAGS
#define FS_IOC32_GETFLAGS _IOR('f', 1, int)
#define FS_IOC32_SETFLAGS _IOW('f', 2, int)
#endif
#ifndef INOTIFY_IOC_SETNEXTWD
#define INOTIFY_IOC_SETNEXTWD _IOW('I', 0, int32_t)
#endif

/* A command without a name: _IOC(_IOC_READ|_IOC_WRITE, 0x4c, 0xed, 0x10). */
static void
print_ioc_fields(struct pbuf *b, unsigned cmd)
{
	static const char *const dirs[] = { "_IOC_NONE", "_IOC_WRITE",
					    "_IOC_READ",
					    "_IOC_READ|_IOC_WRITE" };

	pb_printf(b, "_IOC(%s, %#x, %#x, %#x)", dirs[_IOC_DIR(cmd) & 3],
		  _IOC_TYPE(cmd), _IOC_NR(cmd), _IOC_SIZE(cmd));
}

void
print_ioctl_fam_cmd(struct fmt *f, uint64_t v, int i)
{
	char buf[160];
	unsigned cmd = (uint32_t)v;
	struct xlat_data d = { cmd, NULL };
	struct xlat x = { &d, 1, NULL };

	(void)i;
	d.str = ioctl_fam_name(cmd, buf, sizeof(buf));
	if (d.str) {
		print_xval(f->b, &x, cmd, false);
		return;
	}
	if (f->b->xstyle == 1 || f->b->xstyle == 2)
		pb_printf(f->b, "%#x", cmd);
	if (f->b->xstyle == 1)
		return;
	if (f->b->xstyle == 2)
		pb_puts(f->b, " /* ");
	print_ioc_fields(f->b, cmd);
	if (f->b->xstyle == 2)
		pb_puts(f->b, " */");
}

bool
ioctl_fam_args(const struct fmt *f, int *nargs, struct argspec *a)
{
	unsigned cmd = (uint32_t)f->args[1];
	ioctl_fam_fn *fn;

	switch (_IOC_TYPE(cmd)) {
	case 'f': fn = ioctl_fs_f_args; break;
	case 'X': fn = ioctl_fs_x_args; break;
	case 'I': fn = ioctl_inotify_args; break;
	case 0xb7: fn = ioctl_nsfs_args; break;
	case 0xab: fn = ioctl_nbd_args; break;
	case 'L': fn = ioctl_loop_args; break;
	case 0x12: fn = ioctl_block_args; break;
	case '$': fn = ioctl_perf_args; break;
	case 0xaa: fn = ioctl_uffdio_args; break;
	case '!': fn = ioctl_seccomp_args; break;
	case 'O': case 'o': fn = ioctl_ubi_args; break;
	case 'M': fn = ioctl_mtd_args; break;
	case '"': fn = ioctl_scsi_args; break;
	case 0xfd: fn = ioctl_dm_args; break;
	case 0x94: fn = ioctl_btrfs_args; break;
	default: return false;
	}
	a[1] = IOA_FN(FN, print_ioctl_fam_cmd);
	if (fn(cmd, nargs, a))
		return true;
	/* A command of these types that is not decoded: its argument
	   in hex, as strace prints it. */
	a[2] = IOA(HEX);
	return true;
}

bool
ioctl_read_out(struct fmt *f, void *out, uint64_t addr, size_t len)
{
	if (is_error(f)) {
		print_ptr(f, addr);
		return false;
	}
	return read_or_addr(f, out, addr, len);
}

void
ioctl_field_u(struct fmt *f, const char *name, uint64_t v)
{
	pb_printf(f->b, ", %s=%llu", name, (unsigned long long)v);
}

void
ioctl_field_x(struct fmt *f, const char *name, uint64_t v)
{
	pb_printf(f->b, v ? ", %s=%#llx" : ", %s=0", name,
		  (unsigned long long)v);
}

void
ioctl_field_flags(struct fmt *f, const char *name, const struct xlat *x,
		  uint64_t v)
{
	pb_printf(f->b, ", %s=", name);
	print_flags(f->b, x, v);
}

/* 'f': FS_IOC_FIEMAP, FS_IOC_[GS]ETFLAGS. */

IOCTL_XLAT(fiemap_flags, "FIEMAP_FLAG_???", XLAT(FIEMAP_FLAG_SYNC),
	   XLAT(FIEMAP_FLAG_XATTR), XLAT(FIEMAP_FLAG_CACHE));
IOCTL_XLAT(fiemap_extent_flags, "FIEMAP_EXTENT_???",
	   XLAT(FIEMAP_EXTENT_LAST), XLAT(FIEMAP_EXTENT_UNKNOWN),
	   XLAT(FIEMAP_EXTENT_DELALLOC), XLAT(FIEMAP_EXTENT_ENCODED),
	   XLAT(FIEMAP_EXTENT_DATA_ENCRYPTED), XLAT(FIEMAP_EXTENT_NOT_ALIGNED),
	   XLAT(FIEMAP_EXTENT_DATA_INLINE), XLAT(FIEMAP_EXTENT_DATA_TAIL),
	   XLAT(FIEMAP_EXTENT_UNWRITTEN), XLAT(FIEMAP_EXTENT_MERGED),
	   XLAT(FIEMAP_EXTENT_SHARED));
IOCTL_XLAT(fs_ioc_flags, "FS_???_FL", XLAT(FS_SECRM_FL),
	   XLAT(FS_UNRM_FL), XLAT(FS_COMPR_FL), XLAT(FS_SYNC_FL),
	   XLAT(FS_IMMUTABLE_FL), XLAT(FS_APPEND_FL), XLAT(FS_NODUMP_FL),
	   XLAT(FS_NOATIME_FL), XLAT(FS_DIRTY_FL), XLAT(FS_COMPRBLK_FL),
	   XLAT(FS_NOCOMP_FL), XLAT(FS_ENCRYPT_FL), XLAT(FS_INDEX_FL),
	   XLAT(FS_IMAGIC_FL), XLAT(FS_JOURNAL_DATA_FL), XLAT(FS_NOTAIL_FL),
	   XLAT(FS_DIRSYNC_FL), XLAT(FS_TOPDIR_FL), XLAT(FS_HUGE_FILE_FL),
	   XLAT(FS_EXTENT_FL), XLAT(FS_VERITY_FL), XLAT(FS_EA_INODE_FL),
	   XLAT(FS_EOFBLOCKS_FL), XLAT(FS_NOCOW_FL), XLAT(FS_DAX_FL),
	   XLAT(FS_INLINE_DATA_FL), XLAT(FS_PROJINHERIT_FL),
	   XLAT(FS_CASEFOLD_FL), XLAT(FS_RESERVED_FL));

static bool
print_fiemap_extent(struct fmt *f, const void *elem, void *data)
{
	struct fiemap_extent e;

	(void)data;
	memcpy(&e, elem, sizeof(e));
	pb_printf(f->b, "{fe_logical=%llu", (unsigned long long)e.fe_logical);
	ioctl_field_u(f, "fe_physical", e.fe_physical);
	ioctl_field_u(f, "fe_length", e.fe_length);
	ioctl_field_flags(f, "fe_flags", &fiemap_extent_flags, e.fe_flags);
	pb_putc(f->b, '}');
	return true;
}

/* {fm_start=..., fm_extent_count=N} at entry; " => {fm_flags=...,
   fm_mapped_extents=N, fm_extents=[...]}" at exit, "..." for the
   extents without -v. */
static void
print_fiemap(struct fmt *f, uint64_t v, int i)
{
	struct fiemap m;

	(void)i;
	if (!f->exiting) {
		if (!read_or_addr(f, &m, v, sizeof(m)))
			return;
		pb_printf(f->b, "{fm_start=%llu", (unsigned long long)m.fm_start);
		ioctl_field_u(f, "fm_length", m.fm_length);
		ioctl_field_flags(f, "fm_flags", &fiemap_flags, m.fm_flags);
		ioctl_field_u(f, "fm_extent_count", m.fm_extent_count);
		pb_putc(f->b, '}');
		return;
	}
	/* Nothing more after an error, or when the entry showed only the
	   address. */
	if (is_error(f) || !v || !read_mem(f, &m, v, sizeof(m)))
		return;
	pb_puts(f->b, " => {fm_flags=");
	print_flags(f->b, &fiemap_flags, m.fm_flags);
	ioctl_field_u(f, "fm_mapped_extents", m.fm_mapped_extents);
	if (!f->o->verbose) {
		pb_puts(f->b, ", ...}");
		return;
	}
	pb_puts(f->b, ", fm_extents=");
	print_array(f, v + sizeof(m), m.fm_mapped_extents,
		    sizeof(struct fiemap_extent), print_fiemap_extent, NULL);
	pb_putc(f->b, '}');
}

static void
print_fs_ioc_flags(struct fmt *f, uint64_t v, int i)
{
	uint32_t fl;

	(void)i;
	if (!ioctl_read_out(f, &fl, v, sizeof(fl)))
		return;
	pb_putc(f->b, '[');
	print_flags(f->b, &fs_ioc_flags, fl);
	pb_putc(f->b, ']');
}

bool
ioctl_fs_f_args(unsigned cmd, int *nargs, struct argspec *a)
{
	(void)nargs;
	switch (cmd) {
	case FS_IOC_FIEMAP:
		a[2] = IOA_FN(FN_SPLIT, print_fiemap);
		return true;
	case FS_IOC_GETFLAGS: case FS_IOC32_GETFLAGS:
		a[2] = IOA_FN(FN_OUT, print_fs_ioc_flags);
		return true;
	case FS_IOC_SETFLAGS: case FS_IOC32_SETFLAGS:
		a[2] = IOA_FN(FN, print_fs_ioc_flags);
		return true;
	}
	return false;
}

/* 'X': FITRIM, the xattr of XFS, freeze and thaw. */

IOCTL_XLAT(fs_xflags, "FS_XFLAG_???", XLAT(FS_XFLAG_REALTIME),
	   XLAT(FS_XFLAG_PREALLOC), XLAT(FS_XFLAG_IMMUTABLE),
	   XLAT(FS_XFLAG_APPEND), XLAT(FS_XFLAG_SYNC), XLAT(FS_XFLAG_NOATIME),
	   XLAT(FS_XFLAG_NODUMP), XLAT(FS_XFLAG_RTINHERIT),
	   XLAT(FS_XFLAG_PROJINHERIT), XLAT(FS_XFLAG_NOSYMLINKS),
	   XLAT(FS_XFLAG_EXTSIZE), XLAT(FS_XFLAG_EXTSZINHERIT),
	   XLAT(FS_XFLAG_NODEFRAG), XLAT(FS_XFLAG_FILESTREAM),
	   XLAT(FS_XFLAG_DAX), XLAT(FS_XFLAG_COWEXTSIZE),
	   XLAT(FS_XFLAG_HASATTR));

static void
print_fstrim_range(struct fmt *f, uint64_t v, int i)
{
	struct fstrim_range r;

	(void)i;
	if (!read_or_addr(f, &r, v, sizeof(r)))
		return;
	pb_printf(f->b, r.start ? "{start=%#llx" : "{start=0",
		  (unsigned long long)r.start);
	ioctl_field_u(f, "len", r.len);
	ioctl_field_u(f, "minlen", r.minlen);
	pb_putc(f->b, '}');
}

static void
print_fsxattr(struct fmt *f, uint64_t v, bool get)
{
	struct fsxattr x;

	if (!(get ? ioctl_read_out(f, &x, v, sizeof(x))
		  : read_or_addr(f, &x, v, sizeof(x))))
		return;
	pb_puts(f->b, "{fsx_xflags=");
	print_flags(f->b, &fs_xflags, x.fsx_xflags);
	ioctl_field_u(f, "fsx_extsize", x.fsx_extsize);
	if (get)
		ioctl_field_u(f, "fsx_nextents", x.fsx_nextents);
	ioctl_field_x(f, "fsx_projid", x.fsx_projid);
	ioctl_field_u(f, "fsx_cowextsize", x.fsx_cowextsize);
	pb_putc(f->b, '}');
}

static void
print_fsxattr_get(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_fsxattr(f, v, true);
}

static void
print_fsxattr_set(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_fsxattr(f, v, false);
}

bool
ioctl_fs_x_args(unsigned cmd, int *nargs, struct argspec *a)
{
	switch (cmd) {
	case FITRIM: a[2] = IOA_FN(FN, print_fstrim_range); return true;
	case FS_IOC_FSGETXATTR:
		a[2] = IOA_FN(FN_OUT, print_fsxattr_get);
		return true;
	case FS_IOC_FSSETXATTR:
		a[2] = IOA_FN(FN, print_fsxattr_set);
		return true;
	case FIFREEZE: case FITHAW:
		*nargs = 2;
		return true;
	}
	return false;
}

/* 'I': inotify's next watch descriptor, an int in the argument. */
bool
ioctl_inotify_args(unsigned cmd, int *nargs, struct argspec *a)
{
	(void)nargs;
	if (cmd != INOTIFY_IOC_SETNEXTWD)
		return false;
	a[2] = IOA(INT);
	return true;
}

/* 0xb7: the namespace commands. */
static void
print_owner_uid(struct fmt *f, uint64_t v, int i)
{
	uint32_t uid;

	(void)i;
	if (ioctl_read_out(f, &uid, v, sizeof(uid)))
		pb_printf(f->b, "[%d]", (int)uid);
}

bool
ioctl_nsfs_args(unsigned cmd, int *nargs, struct argspec *a)
{
	switch (cmd) {
	case NS_GET_USERNS: case NS_GET_PARENT: case NS_GET_NSTYPE:
		*nargs = 2;
		return true;
	case NS_GET_OWNER_UID:
		a[2] = IOA_FN(FN_OUT, print_owner_uid);
		return true;
	}
	return false;
}

/* 0xab: the network block device. */
IOCTL_XLAT(nbd_flags, "NBD_IOC_FLAG_???",
	   XLAT_PAIR(1 << 0, "NBD_FLAG_HAS_FLAGS"),
	   XLAT_PAIR(1 << 1, "NBD_FLAG_READ_ONLY"),
	   XLAT_PAIR(1 << 2, "NBD_FLAG_SEND_FLUSH"),
	   XLAT_PAIR(1 << 3, "NBD_FLAG_SEND_FUA"),
	   XLAT_PAIR(1 << 4, "NBD_FLAG_ROTATIONAL"),
	   XLAT_PAIR(1 << 5, "NBD_FLAG_SEND_TRIM"),
	   XLAT_PAIR(1 << 6, "NBD_FLAG_SEND_WRITE_ZEROES"),
	   XLAT_PAIR(1 << 7, "NBD_FLAG_SEND_DF"),
	   XLAT_PAIR(1 << 8, "NBD_FLAG_CAN_MULTI_CONN"),
	   XLAT_PAIR(1 << 9, "NBD_FLAG_SEND_RESIZE"),
	   XLAT_PAIR(1 << 10, "NBD_FLAG_SEND_CACHE"));

static void
print_nbd_flags(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_flags(f->b, &nbd_flags, v);
}

bool
ioctl_nbd_args(unsigned cmd, int *nargs, struct argspec *a)
{
	switch (cmd) {
	case NBD_DISCONNECT: case NBD_CLEAR_SOCK: case NBD_DO_IT:
	case NBD_CLEAR_QUE: case NBD_PRINT_DEBUG:
		*nargs = 2;
		return true;
	case NBD_SET_SOCK: a[2] = IOA(FD); return true;
	case NBD_SET_BLKSIZE: case NBD_SET_SIZE: case NBD_SET_SIZE_BLOCKS:
	case NBD_SET_TIMEOUT:
		a[2] = IOA(ULONG);
		return true;
	case NBD_SET_FLAGS: a[2] = IOA_FN(FN, print_nbd_flags); return true;
	}
	return false;
}
