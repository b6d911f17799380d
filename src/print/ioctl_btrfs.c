/* SPDX-License-Identifier: MIT */
/*
 * ioctl_btrfs.c: btrfs's ioctls (linux/btrfs.h, type 0x94, with the
 * generic FICLONERANGE, FIDEDUPERANGE and FS_IOC_[GS]ETFSLABEL of the
 * same type) as strace 6.1 prints them. A structure passed in is shown
 * at entry; what the kernel writes back follows " => " at exit; the
 * "get" commands print at exit only. Without -v the arrays that can be
 * long (qgroups, clone sources, search results) are left out.
 */
#include <errno.h>
#include <linux/btrfs.h>
#include <linux/btrfs_tree.h>
#include <linux/fs.h>
#include <stddef.h>
#include <string.h>

#include "ioctl_btrfs.h"

/* How a command's argument prints. */
enum btrfs_when { BW_NONE, BW_IN, BW_OUT, BW_SPLIT, BW_HEX };

static enum btrfs_when
btrfs_when(unsigned cmd)
{
	switch (cmd) {
	case BTRFS_IOC_TRANS_START: case BTRFS_IOC_TRANS_END:
	case BTRFS_IOC_SYNC: case BTRFS_IOC_SCRUB_CANCEL:
	case BTRFS_IOC_QUOTA_RESCAN_WAIT: case BTRFS_IOC_DEFRAG:
	case BTRFS_IOC_BALANCE:
		return BW_NONE;
	case BTRFS_IOC_BALANCE_CTL: case BTRFS_IOC_DEFAULT_SUBVOL:
	case BTRFS_IOC_WAIT_SYNC: case BTRFS_IOC_SUBVOL_SETFLAGS:
	case BTRFS_IOC_DEFRAG_RANGE: case BTRFS_IOC_SET_FEATURES:
	case BTRFS_IOC_QGROUP_ASSIGN: case BTRFS_IOC_QGROUP_CREATE:
	case BTRFS_IOC_QUOTA_CTL: case BTRFS_IOC_QUOTA_RESCAN:
	case BTRFS_IOC_SEND: case BTRFS_IOC_SNAP_CREATE:
	case BTRFS_IOC_RESIZE: case BTRFS_IOC_SCAN_DEV:
	case BTRFS_IOC_FORGET_DEV: case BTRFS_IOC_ADD_DEV:
	case BTRFS_IOC_RM_DEV: case BTRFS_IOC_SUBVOL_CREATE:
	case BTRFS_IOC_SNAP_DESTROY: case BTRFS_IOC_DEVICES_READY:
	case FICLONERANGE: case FS_IOC_SETFSLABEL:
		return BW_IN;
	case BTRFS_IOC_START_SYNC: case BTRFS_IOC_SUBVOL_GETFLAGS:
	case BTRFS_IOC_BALANCE_PROGRESS: case BTRFS_IOC_GET_FEATURES:
	case BTRFS_IOC_GET_SUPPORTED_FEATURES: case BTRFS_IOC_FS_INFO:
	case BTRFS_IOC_QGROUP_LIMIT: case BTRFS_IOC_QUOTA_RESCAN_STATUS:
	case FS_IOC_GETFSLABEL:
		return BW_OUT;
	case BTRFS_IOC_BALANCE_V2: case BTRFS_IOC_DEV_INFO:
	case BTRFS_IOC_DEV_REPLACE: case BTRFS_IOC_GET_DEV_STATS:
	case BTRFS_IOC_INO_LOOKUP: case BTRFS_IOC_INO_PATHS:
	case BTRFS_IOC_LOGICAL_INO: case BTRFS_IOC_SET_RECEIVED_SUBVOL:
	case BTRFS_IOC_SCRUB: case BTRFS_IOC_SCRUB_PROGRESS:
	case BTRFS_IOC_TREE_SEARCH: case BTRFS_IOC_TREE_SEARCH_V2:
	case BTRFS_IOC_SPACE_INFO: case BTRFS_IOC_SNAP_CREATE_V2:
	case BTRFS_IOC_SUBVOL_CREATE_V2: case FIDEDUPERANGE:
		return BW_SPLIT;
	}
	return BW_HEX;
}

static void
print_balance_args(struct fmt *f, const char *name,
		   const struct btrfs_balance_args *a)
{
	pb_printf(f->b, ", %s={profiles=", name);
	print_flags(f->b, &btrfs_block_group_flags, a->profiles);
	btrfs_field_u64(f, "usage", a->usage);
	pb_puts(f->b, ", devid=");
	print_dev(f->b, a->devid);
	btrfs_field_u64(f, "pstart", a->pstart);
	btrfs_field_u64(f, "pend", a->pend);
	btrfs_field_u64(f, "vstart", a->vstart);
	btrfs_field_u64(f, "vend", a->vend);
	btrfs_field_u64(f, "target", a->target);
	ioctl_field_flags(f, "flags", &btrfs_balance_args_flags, a->flags);
	pb_putc(f->b, '}');
}

static void
print_balance(struct fmt *f, const struct btrfs_ioctl_balance_args *b,
	      bool out)
{
	pb_puts(f->b, "{flags=");
	print_flags(f->b, &btrfs_balance_flags, b->flags);
	if (out)
		ioctl_field_flags(f, "state", &btrfs_balance_state, b->state);
	if (b->flags & BTRFS_BALANCE_DATA)
		print_balance_args(f, "data", &b->data);
	if (b->flags & BTRFS_BALANCE_METADATA)
		print_balance_args(f, "meta", &b->meta);
	if (b->flags & BTRFS_BALANCE_SYSTEM)
		print_balance_args(f, "sys", &b->sys);
	pb_putc(f->b, '}');
}

static void
print_features(struct fmt *f, const struct btrfs_ioctl_feature_flags *x)
{
	pb_puts(f->b, "{compat_flags=");
	print_flags(f->b, &btrfs_features_compat, x->compat_flags);
	ioctl_field_flags(f, "compat_ro_flags", &btrfs_features_compat_ro,
			  x->compat_ro_flags);
	ioctl_field_flags(f, "incompat_flags", &btrfs_features_incompat,
			  x->incompat_flags);
	pb_putc(f->b, '}');
}

static void
print_qgroup_limit(struct fmt *f, const struct btrfs_qgroup_limit *l)
{
	pb_puts(f->b, "lim={flags=");
	print_flags(f->b, &btrfs_qgroup_limit_flags, l->flags);
	ioctl_field_u(f, "max_rfer", l->max_rfer);
	ioctl_field_u(f, "max_excl", l->max_excl);
	ioctl_field_u(f, "rsv_rfer", l->rsv_rfer);
	ioctl_field_u(f, "rsv_excl", l->rsv_excl);
	pb_putc(f->b, '}');
}

static bool
print_u64_elem(struct fmt *f, const void *elem, void *data)
{
	uint64_t v;

	memcpy(&v, elem, sizeof(v));
	if (data)
		btrfs_print_xval_u(f->b, &btrfs_tree_objectids, v);
	else
		pb_printf(f->b, "%llu", (unsigned long long)v);
	return true;
}

static void
print_qgroup_inherit(struct fmt *f, uint64_t addr)
{
	struct btrfs_qgroup_inherit q;

	if (!read_or_addr(f, &q, addr, sizeof(q)))
		return;
	pb_puts(f->b, "{flags=");
	print_flags(f->b, &btrfs_qgroup_inherit_flags, q.flags);
	ioctl_field_u(f, "num_qgroups", q.num_qgroups);
	ioctl_field_u(f, "num_ref_copies", q.num_ref_copies);
	ioctl_field_u(f, "num_excl_copies", q.num_excl_copies);
	pb_puts(f->b, ", ");
	print_qgroup_limit(f, &q.lim);
	if (!ioctl_verbose(f)) {
		pb_puts(f->b, ", ...}");
		return;
	}
	pb_puts(f->b, ", qgroups=");
	print_array(f, addr + offsetof(struct btrfs_qgroup_inherit, qgroups),
		    q.num_qgroups, sizeof(uint64_t), print_u64_elem, NULL);
	pb_putc(f->b, '}');
}

static void
print_search_key(struct fmt *f, const struct btrfs_ioctl_search_key *k)
{
	bool all = ioctl_verbose(f);

	pb_puts(f->b, "key={");
	if (f->exiting) {
		pb_printf(f->b, "nr_items=%u}", k->nr_items);
		return;
	}
	pb_puts(f->b, "tree_id=");
	btrfs_print_xval_u(f->b, &btrfs_tree_objectids, k->tree_id);
	if (k->min_objectid != BTRFS_FIRST_FREE_OBJECTID || all)
		btrfs_field_xval_u(f, "min_objectid", &btrfs_tree_objectids,
				   k->min_objectid);
	if (k->max_objectid != BTRFS_LAST_FREE_OBJECTID || all)
		btrfs_field_xval_u(f, "max_objectid", &btrfs_tree_objectids,
				   k->max_objectid);
	btrfs_field_u64(f, "min_offset", k->min_offset);
	btrfs_field_u64(f, "max_offset", k->max_offset);
	btrfs_field_u64(f, "min_transid", k->min_transid);
	btrfs_field_u64(f, "max_transid", k->max_transid);
	btrfs_field_xval_u(f, "min_type", &btrfs_key_types, k->min_type);
	btrfs_field_xval_u(f, "max_type", &btrfs_key_types, k->max_type);
	pb_printf(f->b, ", nr_items=%u}", k->nr_items);
}

/* At exit, the headers of the items found in buf. */
static void
print_search_buf(struct fmt *f, uint64_t buf, uint64_t size, unsigned n)
{
	size_t max = array_max(f);
	struct btrfs_ioctl_search_header sh;
	uint64_t off = 0, at;
	unsigned i;

	if (!f->exiting)
		return;
	if (!ioctl_verbose(f)) {
		pb_puts(f->b, ", ...");
		return;
	}
	pb_puts(f->b, ", buf=[");
	for (i = 0; i < n; i++) {
		if (i)
			pb_puts(f->b, ", ");
		at = buf + off;
		if (at < buf || off + sizeof(sh) > size || i > max) {
			pb_puts(f->b, "...");
			break;
		}
		if (!read_mem(f, &sh, at, sizeof(sh))) {
			pb_printf(f->b, "... /* %#llx */", (unsigned long long)at);
			break;
		}
		pb_printf(f->b, "{transid=%llu, objectid=",
			  (unsigned long long)sh.transid);
		btrfs_print_xval_u(f->b, &btrfs_tree_objectids, sh.objectid);
		pb_printf(f->b, ", offset=%llu, type=",
			  (unsigned long long)sh.offset);
		btrfs_print_xval_u(f->b, &btrfs_key_types, sh.type);
		pb_printf(f->b, ", len=%u}", sh.len);
		off += sizeof(sh) + sh.len;
	}
	pb_putc(f->b, ']');
}

static void
tree_search(struct fmt *f, uint64_t arg, bool v2)
{
	struct btrfs_ioctl_search_args_v2 a;
	size_t len = v2 ? sizeof(a) : sizeof(a.key);

	if (v2 && f->exiting && f->rv == -EOVERFLOW) {
		/* The size the results would need. */
		if (read_mem(f, &a, arg, sizeof(a)))
			pb_printf(f->b, " => {buf_size=%llu}",
				  (unsigned long long)a.buf_size);
		return;
	}
	if (!btrfs_split_read(f, &a, arg, len))
		return;
	pb_putc(f->b, '{');
	print_search_key(f, &a.key);
	if (v2) {
		ioctl_field_u(f, "buf_size", a.buf_size);
		print_search_buf(f, arg + offsetof(typeof(a), buf), a.buf_size,
				 a.key.nr_items);
	} else {
		print_search_buf(f, arg + offsetof(struct btrfs_ioctl_search_args,
						   buf),
				 BTRFS_SEARCH_ARGS_BUFSIZE, a.key.nr_items);
	}
	pb_putc(f->b, '}');
}

/* struct btrfs_data_container at exit: INO_PATHS' paths, LOGICAL_INO's
   inodes. */
struct container_at {
	uint64_t val;
	bool paths;
};

static bool
print_container_elem(struct fmt *f, const void *elem, void *data)
{
	const struct container_at *c = data;
	uint64_t v[3];

	if (c->paths) {
		memcpy(v, elem, sizeof(v[0]));
		print_path(f, c->val + v[0]);
		return true;
	}
	memcpy(v, elem, sizeof(v));
	pb_printf(f->b, "{inum=%llu, offset=%llu, root=%llu}",
		  (unsigned long long)v[0], (unsigned long long)v[1],
		  (unsigned long long)v[2]);
	return true;
}

static void
print_container(struct fmt *f, const char *name, uint64_t addr, bool paths)
{
	struct btrfs_data_container c;
	struct container_at at;

	pb_printf(f->b, "%s=", name);
	if (!read_or_addr(f, &c, addr, sizeof(c)))
		return;
	pb_printf(f->b, "{bytes_left=%u, bytes_missing=%u, elem_cnt=%u"
		  ", elem_missed=%u", c.bytes_left, c.bytes_missing,
		  c.elem_cnt, c.elem_missed);
	if (!ioctl_verbose(f)) {
		pb_puts(f->b, ", ...}");
		return;
	}
	at.val = addr + offsetof(struct btrfs_data_container, val);
	at.paths = paths;
	pb_puts(f->b, ", val=");
	print_array(f, at.val, paths ? c.elem_cnt : c.elem_cnt / 3,
		    paths ? sizeof(uint64_t) : 3 * sizeof(uint64_t),
		    print_container_elem, &at);
	pb_putc(f->b, '}');
}

static void
ino_paths(struct fmt *f, uint64_t arg)
{
	struct btrfs_ioctl_ino_path_args a;

	if (!btrfs_split_read(f, &a, arg, sizeof(a)))
		return;
	pb_putc(f->b, '{');
	if (f->exiting) {
		print_container(f, "fspath", a.fspath, true);
	} else {
		pb_printf(f->b, "inum=%llu, size=%llu, fspath=",
			  (unsigned long long)a.inum,
			  (unsigned long long)a.size);
		print_ptr(f, a.fspath);
	}
	pb_putc(f->b, '}');
}

static void
logical_ino(struct fmt *f, uint64_t arg)
{
	struct btrfs_ioctl_logical_ino_args a;
	size_t i;

	if (!btrfs_split_read(f, &a, arg, sizeof(a)))
		return;
	pb_putc(f->b, '{');
	if (f->exiting) {
		print_container(f, "inodes", a.inodes, false);
		pb_putc(f->b, '}');
		return;
	}
	pb_printf(f->b, "logical=%llu, size=%llu",
		  (unsigned long long)a.logical, (unsigned long long)a.size);
	if (a.reserved[0] || a.reserved[1] || a.reserved[2]) {
		pb_puts(f->b, ", reserved=[");
		for (i = 0; i < ARRAY_SIZE(a.reserved); i++) {
			if (i)
				pb_puts(f->b, ", ");
			ioctl_print_hex(f->b, a.reserved[i]);
		}
		pb_putc(f->b, ']');
	}
	ioctl_field_flags(f, "flags", &btrfs_logical_ino_flags, a.flags);
	pb_puts(f->b, ", inodes=");
	print_ptr(f, a.inodes);
	pb_putc(f->b, '}');
}

static void
vol_args(struct fmt *f, uint64_t arg)
{
	struct btrfs_ioctl_vol_args a;

	if (!read_or_addr(f, &a, arg, sizeof(a)))
		return;
	pb_puts(f->b, "{fd=");
	print_fd(f, (int)a.fd);
	pb_puts(f->b, ", name=");
	ioctl_print_cstr(f, a.name, sizeof(a.name));
	pb_putc(f->b, '}');
}

static void
vol_args_v2(struct fmt *f, uint64_t arg)
{
	struct btrfs_ioctl_vol_args_v2 a;

	if (!btrfs_split_read(f, &a, arg, sizeof(a)))
		return;
	if (f->exiting) {
		pb_printf(f->b, "{transid=%llu}",
			  (unsigned long long)a.transid);
		return;
	}
	pb_puts(f->b, "{fd=");
	print_fd(f, (int)a.fd);
	ioctl_field_flags(f, "flags", &btrfs_snap_flags_v2, a.flags);
	if (a.flags & BTRFS_SUBVOL_QGROUP_INHERIT) {
		ioctl_field_u(f, "size", a.size);
		pb_puts(f->b, ", qgroup_inherit=");
		print_qgroup_inherit(f, (uint64_t)(uintptr_t)a.qgroup_inherit);
	}
	pb_puts(f->b, ", name=");
	ioctl_print_cstr(f, a.name, sizeof(a.name));
	pb_putc(f->b, '}');
}

static void
print_u64_at(struct fmt *f, uint64_t arg, bool flags)
{
	uint64_t v;

	if (!ioctl_read(f, &v, arg, sizeof(v)))
		return;
	if (flags) {
		print_flags(f->b, &btrfs_snap_flags_v2, v);
		return;
	}
	pb_printf(f->b, "[%llu]", (unsigned long long)v);
}

static void
balance_v2(struct fmt *f, uint64_t arg, bool progress)
{
	struct btrfs_ioctl_balance_args b;

	if (progress) {
		if (ioctl_read(f, &b, arg, sizeof(b)))
			print_balance(f, &b, true);
		return;
	}
	/* Unlike the other commands, shown after " => " at exit even when
	   the entry half could only print its address. */
	if (f->exiting) {
		if (is_error(f))
			return;
		pb_puts(f->b, " => ");
	}
	if (read_or_addr(f, &b, arg, sizeof(b)))
		print_balance(f, &b, f->exiting);
}

static void
features(struct fmt *f, uint64_t arg, unsigned n)
{
	static const char *const notes[] = {
		" /* supported */", " /* safe to set */",
		" /* safe to clear */",
	};
	struct btrfs_ioctl_feature_flags x[3];
	unsigned i;

	if (!ioctl_read(f, x, arg, n * sizeof(x[0])))
		return;
	if (n == 1) {
		print_features(f, &x[0]);
		return;
	}
	pb_putc(f->b, '[');
	for (i = 0; i < n; i++) {
		if (i)
			pb_puts(f->b, ", ");
		print_features(f, &x[i]);
		if (n == 3)
			pb_puts(f->b, notes[i]);
	}
	pb_putc(f->b, ']');
}

static void
defrag_range(struct fmt *f, uint64_t arg)
{
	struct btrfs_ioctl_defrag_range_args a;

	if (!read_or_addr(f, &a, arg, sizeof(a)))
		return;
	pb_printf(f->b, "{start=%llu", (unsigned long long)a.start);
	btrfs_field_u64(f, "len", a.len);
	ioctl_field_flags(f, "flags", &btrfs_defrag_flags, a.flags);
	ioctl_field_u(f, "extent_thresh", a.extent_thresh);
	pb_puts(f->b, ", compress_type=");
	print_xval(f->b, &btrfs_compress_types, a.compress_type, false);
	pb_putc(f->b, '}');
}

static void
quota(struct fmt *f, unsigned cmd, uint64_t arg)
{
	union {
		struct btrfs_ioctl_qgroup_assign_args assign;
		struct btrfs_ioctl_qgroup_create_args create;
		struct btrfs_ioctl_qgroup_limit_args limit;
		struct btrfs_ioctl_quota_ctl_args ctl;
		struct btrfs_ioctl_quota_rescan_args rescan;
	} u;
	size_t len;

	switch (cmd) {
	case BTRFS_IOC_QGROUP_ASSIGN: len = sizeof(u.assign); break;
	case BTRFS_IOC_QGROUP_CREATE: len = sizeof(u.create); break;
	case BTRFS_IOC_QGROUP_LIMIT: len = sizeof(u.limit); break;
	case BTRFS_IOC_QUOTA_CTL: len = sizeof(u.ctl); break;
	default: len = sizeof(u.rescan); break;
	}
	if (!ioctl_read(f, &u, arg, len))
		return;
	switch (cmd) {
	case BTRFS_IOC_QGROUP_ASSIGN:
		pb_printf(f->b, "{assign=%llu, src=%llu, dst=%llu}",
			  (unsigned long long)u.assign.assign,
			  (unsigned long long)u.assign.src,
			  (unsigned long long)u.assign.dst);
		return;
	case BTRFS_IOC_QGROUP_CREATE:
		pb_printf(f->b, "{create=%llu, qgroupid=%llu}",
			  (unsigned long long)u.create.create,
			  (unsigned long long)u.create.qgroupid);
		return;
	case BTRFS_IOC_QGROUP_LIMIT:
		pb_printf(f->b, "{qgroupid=%llu, ",
			  (unsigned long long)u.limit.qgroupid);
		print_qgroup_limit(f, &u.limit.lim);
		pb_putc(f->b, '}');
		return;
	case BTRFS_IOC_QUOTA_CTL:
		pb_puts(f->b, "{cmd=");
		print_xval(f->b, &btrfs_qgroup_ctl_cmds, u.ctl.cmd, false);
		pb_putc(f->b, '}');
		return;
	case BTRFS_IOC_QUOTA_RESCAN:
		pb_printf(f->b, "{flags=%llu}",
			  (unsigned long long)u.rescan.flags);
		return;
	default:
		pb_printf(f->b, "{flags=%llu",
			  (unsigned long long)u.rescan.flags);
		btrfs_field_xval_u(f, "progress", &btrfs_tree_objectids,
				   u.rescan.progress);
		pb_putc(f->b, '}');
	}
}

static void
clone_range(struct fmt *f, uint64_t arg)
{
	struct file_clone_range r;

	if (!read_or_addr(f, &r, arg, sizeof(r)))
		return;
	pb_puts(f->b, "{src_fd=");
	print_fd(f, (int)r.src_fd);
	pb_printf(f->b, ", src_offset=%llu, src_length=%llu"
		  ", dest_offset=%llu}", (unsigned long long)r.src_offset,
		  (unsigned long long)r.src_length,
		  (unsigned long long)r.dest_offset);
}

static void
fslabel(struct fmt *f, uint64_t arg)
{
	char label[FSLABEL_MAX];

	if (ioctl_read(f, label, arg, sizeof(label)))
		ioctl_print_cstr(f, label, sizeof(label));
}

static void
btrfs_arg(struct fmt *f, uint64_t arg, int i)
{
	unsigned cmd = (unsigned)f->args[1];

	(void)i;
	switch (cmd) {
	case BTRFS_IOC_BALANCE_CTL:
		print_xval(f->b, &btrfs_balance_ctl_cmds, (unsigned)arg, false);
		return;
	case BTRFS_IOC_START_SYNC: case BTRFS_IOC_DEFAULT_SUBVOL:
	case BTRFS_IOC_WAIT_SYNC:
		print_u64_at(f, arg, false);
		return;
	case BTRFS_IOC_SUBVOL_GETFLAGS: case BTRFS_IOC_SUBVOL_SETFLAGS:
		print_u64_at(f, arg, true);
		return;
	case BTRFS_IOC_BALANCE_V2: case BTRFS_IOC_BALANCE_PROGRESS:
		balance_v2(f, arg, cmd == BTRFS_IOC_BALANCE_PROGRESS);
		return;
	case BTRFS_IOC_DEFRAG_RANGE:
		defrag_range(f, arg);
		return;
	case BTRFS_IOC_DEV_INFO:
		btrfs_dev_info(f, arg);
		return;
	case BTRFS_IOC_DEV_REPLACE:
		btrfs_dev_replace(f, arg);
		return;
	case BTRFS_IOC_GET_FEATURES:
		features(f, arg, 1);
		return;
	case BTRFS_IOC_SET_FEATURES:
		features(f, arg, 2);
		return;
	case BTRFS_IOC_GET_SUPPORTED_FEATURES:
		features(f, arg, 3);
		return;
	case BTRFS_IOC_FS_INFO:
		btrfs_fs_info(f, arg);
		return;
	case BTRFS_IOC_GET_DEV_STATS:
		btrfs_dev_stats(f, arg);
		return;
	case BTRFS_IOC_INO_LOOKUP:
		btrfs_ino_lookup(f, arg);
		return;
	case BTRFS_IOC_INO_PATHS:
		ino_paths(f, arg);
		return;
	case BTRFS_IOC_LOGICAL_INO:
		logical_ino(f, arg);
		return;
	case BTRFS_IOC_QGROUP_ASSIGN: case BTRFS_IOC_QGROUP_CREATE:
	case BTRFS_IOC_QGROUP_LIMIT: case BTRFS_IOC_QUOTA_CTL:
	case BTRFS_IOC_QUOTA_RESCAN: case BTRFS_IOC_QUOTA_RESCAN_STATUS:
		quota(f, cmd, arg);
		return;
	case BTRFS_IOC_SET_RECEIVED_SUBVOL:
		btrfs_received_subvol(f, arg);
		return;
	case BTRFS_IOC_SCRUB: case BTRFS_IOC_SCRUB_PROGRESS:
		btrfs_scrub(f, arg, cmd == BTRFS_IOC_SCRUB_PROGRESS);
		return;
	case BTRFS_IOC_TREE_SEARCH: case BTRFS_IOC_TREE_SEARCH_V2:
		tree_search(f, arg, cmd == BTRFS_IOC_TREE_SEARCH_V2);
		return;
	case BTRFS_IOC_SEND:
		btrfs_send(f, arg);
		return;
	case BTRFS_IOC_SPACE_INFO:
		btrfs_space_info(f, arg);
		return;
	case BTRFS_IOC_SNAP_CREATE_V2: case BTRFS_IOC_SUBVOL_CREATE_V2:
		vol_args_v2(f, arg);
		return;
	case FICLONERANGE:
		clone_range(f, arg);
		return;
	case FIDEDUPERANGE:
		btrfs_dedupe_range(f, arg);
		return;
	case FS_IOC_GETFSLABEL: case FS_IOC_SETFSLABEL:
		fslabel(f, arg);
		return;
	default:
		vol_args(f, arg);
	}
}

bool
ioctl_btrfs_args(unsigned cmd, int *nargs, struct argspec *a)
{
	switch (btrfs_when(cmd)) {
	case BW_NONE:
		*nargs = 2;
		return true;
	case BW_IN:
		a[2] = IOA_FN(FN, btrfs_arg);
		return true;
	case BW_OUT:
		a[2] = IOA_FN(FN_OUT, btrfs_arg);
		return true;
	case BW_SPLIT:
		a[2] = IOA_FN(FN_SPLIT, btrfs_arg);
		return true;
	case BW_HEX:
		break;
	}
	return false;
}
