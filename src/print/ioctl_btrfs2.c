/* SPDX-License-Identifier: MIT */
/*
 * ioctl_btrfs2.c: the second half of btrfs's ioctls (see ioctl_btrfs.c):
 * devices (info, replace, statistics), the filesystem's info, inode
 * lookups, received subvolumes, scrubs, sends, space info and
 * FIDEDUPERANGE.
 */
#include <linux/btrfs.h>
#include <linux/btrfs_tree.h>
#include <linux/fs.h>
#include <stddef.h>
#include <string.h>

#include "ioctl_btrfs.h"

static bool
is_zero(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static void
field_uuid(struct fmt *f, const char *name, const unsigned char *u)
{
	pb_printf(f->b, "%s=", name);
	btrfs_print_uuid(f->b, u);
}

void
btrfs_dev_info(struct fmt *f, uint64_t arg)
{
	struct btrfs_ioctl_dev_info_args a;
	bool uuid;

	if (!btrfs_split_read(f, &a, arg, sizeof(a)))
		return;
	uuid = !is_zero(a.uuid, sizeof(a.uuid));
	pb_putc(f->b, '{');
	if (!f->exiting) {
		pb_puts(f->b, "devid=");
		print_dev(f->b, a.devid);
		if (uuid) {
			pb_puts(f->b, ", ");
			field_uuid(f, "uuid", a.uuid);
		}
		pb_putc(f->b, '}');
		return;
	}
	if (uuid) {
		field_uuid(f, "uuid", a.uuid);
		pb_puts(f->b, ", ");
	}
	pb_printf(f->b, "bytes_used=%llu, total_bytes=%llu, path=",
		  (unsigned long long)a.bytes_used,
		  (unsigned long long)a.total_bytes);
	ioctl_print_cstr(f, (const char *)a.path, sizeof(a.path));
	pb_putc(f->b, '}');
}

/* A time in seconds with its date in a comment. */
static void
field_time(struct fmt *f, const char *name, uint64_t sec)
{
	ioctl_field_u(f, name, sec);
	print_time_comment(f->b, (int64_t)sec, 0, 9);
}

void
btrfs_dev_replace(struct fmt *f, uint64_t arg)
{
	struct btrfs_ioctl_dev_replace_args a;
	const struct btrfs_ioctl_dev_replace_status_params *s = &a.status;

	if (!btrfs_split_read(f, &a, arg, sizeof(a)))
		return;
	if (!f->exiting) {
		pb_puts(f->b, "{cmd=");
		print_xval(f->b, &btrfs_dev_replace_cmds, a.cmd, false);
		if (a.cmd == BTRFS_IOCTL_DEV_REPLACE_CMD_START) {
			pb_puts(f->b, ", start={srcdevid=");
			print_dev(f->b, a.start.srcdevid);
			pb_puts(f->b, ", cont_reading_from_srcdev_mode=");
			print_xval(f->b, &btrfs_cont_reading_modes,
				   a.start.cont_reading_from_srcdev_mode,
				   false);
			pb_puts(f->b, ", srcdev_name=");
			ioctl_print_cstr(f, (const char *)a.start.srcdev_name,
					 sizeof(a.start.srcdev_name));
			pb_puts(f->b, ", tgtdev_name=");
			ioctl_print_cstr(f, (const char *)a.start.tgtdev_name,
					 sizeof(a.start.tgtdev_name));
			pb_putc(f->b, '}');
		}
		pb_putc(f->b, '}');
		return;
	}
	pb_puts(f->b, "{result=");
	print_xval(f->b, &btrfs_dev_replace_results, a.result, false);
	if (a.cmd == BTRFS_IOCTL_DEV_REPLACE_CMD_STATUS) {
		pb_puts(f->b, ", status={replace_state=");
		print_xval(f->b, &btrfs_dev_replace_state, s->replace_state,
			   false);
		ioctl_field_u(f, "progress_1000", s->progress_1000);
		if (s->progress_1000 <= 1000)
			pb_printf(f->b, " /* %u.%u%% */",
				  (unsigned)s->progress_1000 / 10,
				  (unsigned)s->progress_1000 % 10);
		field_time(f, "time_started", s->time_started);
		field_time(f, "time_stopped", s->time_stopped);
		ioctl_field_u(f, "num_write_errors", s->num_write_errors);
		ioctl_field_u(f, "num_uncorrectable_read_errors",
			      s->num_uncorrectable_read_errors);
		pb_putc(f->b, '}');
	}
	pb_putc(f->b, '}');
}

void
btrfs_fs_info(struct fmt *f, uint64_t arg)
{
	struct btrfs_ioctl_fs_info_args a;

	if (!ioctl_read(f, &a, arg, sizeof(a)))
		return;
	pb_printf(f->b, "{max_id=%llu, num_devices=%llu, ",
		  (unsigned long long)a.max_id,
		  (unsigned long long)a.num_devices);
	field_uuid(f, "fsid", a.fsid);
	ioctl_field_u(f, "nodesize", a.nodesize);
	ioctl_field_u(f, "sectorsize", a.sectorsize);
	ioctl_field_u(f, "clone_alignment", a.clone_alignment);
	if (a.flags & BTRFS_FS_INFO_FLAG_CSUM_INFO) {
		pb_puts(f->b, ", csum_type=");
		print_xval(f->b, &btrfs_csum_types, a.csum_type, false);
		ioctl_field_u(f, "csum_size", a.csum_size);
	}
	ioctl_field_flags(f, "flags", &btrfs_fs_info_flags, a.flags);
	if (a.flags & BTRFS_FS_INFO_FLAG_GENERATION)
		ioctl_field_u(f, "generation", a.generation);
	if (a.flags & BTRFS_FS_INFO_FLAG_METADATA_UUID) {
		pb_puts(f->b, ", ");
		field_uuid(f, "metadata_uuid", a.metadata_uuid);
	}
	pb_putc(f->b, '}');
}

void
btrfs_dev_stats(struct fmt *f, uint64_t arg)
{
	struct btrfs_ioctl_get_dev_stats a;
	uint64_t i;

	if (!btrfs_split_read(f, &a, arg, sizeof(a)))
		return;
	pb_putc(f->b, '{');
	if (!f->exiting) {
		pb_puts(f->b, "devid=");
		print_dev(f->b, a.devid);
		pb_puts(f->b, ", ");
	}
	pb_printf(f->b, "nr_items=%llu", (unsigned long long)a.nr_items);
	ioctl_field_flags(f, "flags", &btrfs_dev_stats_flags, a.flags);
	if (!f->exiting) {
		pb_putc(f->b, '}');
		return;
	}
	/* nr_items is the kernel's: no more than the array holds. */
	pb_puts(f->b, ", [");
	for (i = 0; i < a.nr_items; i++) {
		if (i)
			pb_puts(f->b, ", ");
		if (i >= ARRAY_SIZE(a.values)) {
			pb_puts(f->b, "...");
			break;
		}
		pb_putc(f->b, '[');
		btrfs_print_xval_u(f->b, &btrfs_dev_stats_values, i);
		pb_printf(f->b, "]=%llu", (unsigned long long)a.values[i]);
	}
	pb_puts(f->b, "]}");
}

void
btrfs_ino_lookup(struct fmt *f, uint64_t arg)
{
	struct btrfs_ioctl_ino_lookup_args a;
	int64_t containing = 0;

	if (f->exiting && !note_get(f, arg, &containing, true))
		containing = 0;
	if (!btrfs_split_read(f, &a, arg, sizeof(a)))
		return;
	pb_putc(f->b, '{');
	if (!f->exiting) {
		/* treeid 0: the subvolume of the fd, which the kernel
		   writes back. */
		if (a.treeid == 0)
			note_put(f, arg, 1);
		pb_puts(f->b, "treeid=");
		btrfs_print_xval_u(f->b, &btrfs_tree_objectids, a.treeid);
		btrfs_field_xval_u(f, "objectid", &btrfs_tree_objectids,
				   a.objectid);
		pb_putc(f->b, '}');
		return;
	}
	if (containing) {
		pb_puts(f->b, "treeid=");
		btrfs_print_xval_u(f->b, &btrfs_tree_objectids, a.treeid);
		pb_puts(f->b, ", ");
	}
	pb_puts(f->b, "name=");
	ioctl_print_cstr(f, a.name, sizeof(a.name));
	pb_putc(f->b, '}');
}

static void
field_timespec(struct fmt *f, const char *name,
	       const struct btrfs_ioctl_timespec *t)
{
	pb_printf(f->b, "%s={sec=%llu, nsec=%u}", name,
		  (unsigned long long)t->sec, t->nsec);
	print_time_comment(f->b, (int64_t)t->sec, t->nsec, 9);
}

void
btrfs_received_subvol(struct fmt *f, uint64_t arg)
{
	struct btrfs_ioctl_received_subvol_args a;

	if (!btrfs_split_read(f, &a, arg, sizeof(a)))
		return;
	if (f->exiting) {
		pb_printf(f->b, "{rtransid=%llu, ",
			  (unsigned long long)a.rtransid);
		field_timespec(f, "rtime", &a.rtime);
		pb_putc(f->b, '}');
		return;
	}
	pb_putc(f->b, '{');
	field_uuid(f, "uuid", (const unsigned char *)a.uuid);
	pb_printf(f->b, ", stransid=%llu, ", (unsigned long long)a.stransid);
	field_timespec(f, "stime", &a.stime);
	pb_printf(f->b, ", flags=%llu}", (unsigned long long)a.flags);
}

void
btrfs_scrub(struct fmt *f, uint64_t arg, bool progress)
{
	struct btrfs_ioctl_scrub_args a;
	const struct btrfs_scrub_progress *p = &a.progress;

	if (!btrfs_split_read(f, &a, arg, sizeof(a)))
		return;
	if (!f->exiting) {
		pb_puts(f->b, "{devid=");
		print_dev(f->b, a.devid);
		if (!progress) {
			ioctl_field_u(f, "start", a.start);
			btrfs_field_u64(f, "end", a.end);
			ioctl_field_flags(f, "flags", &btrfs_scrub_flags,
					  a.flags);
		}
		pb_putc(f->b, '}');
		return;
	}
	pb_printf(f->b, "{progress={data_extents_scrubbed=%llu",
		  (unsigned long long)p->data_extents_scrubbed);
	ioctl_field_u(f, "tree_extents_scrubbed", p->tree_extents_scrubbed);
	ioctl_field_u(f, "data_bytes_scrubbed", p->data_bytes_scrubbed);
	ioctl_field_u(f, "tree_bytes_scrubbed", p->tree_bytes_scrubbed);
	ioctl_field_u(f, "read_errors", p->read_errors);
	ioctl_field_u(f, "csum_errors", p->csum_errors);
	ioctl_field_u(f, "verify_errors", p->verify_errors);
	ioctl_field_u(f, "no_csum", p->no_csum);
	ioctl_field_u(f, "csum_discards", p->csum_discards);
	ioctl_field_u(f, "super_errors", p->super_errors);
	ioctl_field_u(f, "malloc_errors", p->malloc_errors);
	ioctl_field_u(f, "uncorrectable_errors", p->uncorrectable_errors);
	ioctl_field_u(f, "corrected_errors", p->corrected_errors);
	ioctl_field_u(f, "last_physical", p->last_physical);
	ioctl_field_u(f, "unverified_errors", p->unverified_errors);
	pb_puts(f->b, "}}");
}

static bool
print_objectid_elem(struct fmt *f, const void *elem, void *data)
{
	uint64_t v;

	(void)data;
	memcpy(&v, elem, sizeof(v));
	btrfs_print_xval_u(f->b, &btrfs_tree_objectids, v);
	return true;
}

void
btrfs_send(struct fmt *f, uint64_t arg)
{
	struct btrfs_ioctl_send_args a;
	uint64_t src;

	if (!read_or_addr(f, &a, arg, sizeof(a)))
		return;
	src = (uint64_t)(uintptr_t)a.clone_sources;
	pb_puts(f->b, "{send_fd=");
	print_fd(f, (int)a.send_fd);
	ioctl_field_u(f, "clone_sources_count", a.clone_sources_count);
	pb_puts(f->b, ", clone_sources=");
	if (ioctl_verbose(f))
		print_array(f, src, a.clone_sources_count, sizeof(uint64_t),
			    print_objectid_elem, NULL);
	else
		print_ptr(f, src);
	btrfs_field_xval_u(f, "parent_root", &btrfs_tree_objectids,
			   a.parent_root);
	ioctl_field_flags(f, "flags", &btrfs_send_flags, a.flags);
	pb_putc(f->b, '}');
}

static bool
print_space_elem(struct fmt *f, const void *elem, void *data)
{
	struct btrfs_ioctl_space_info s;

	(void)data;
	memcpy(&s, elem, sizeof(s));
	pb_puts(f->b, "{flags=");
	print_flags(f->b, &btrfs_space_info_flags, s.flags);
	pb_printf(f->b, ", total_bytes=%llu, used_bytes=%llu}",
		  (unsigned long long)s.total_bytes,
		  (unsigned long long)s.used_bytes);
	return true;
}

void
btrfs_space_info(struct fmt *f, uint64_t arg)
{
	struct btrfs_ioctl_space_args a;

	if (!btrfs_split_read(f, &a, arg, sizeof(a)))
		return;
	if (!f->exiting) {
		pb_printf(f->b, "{space_slots=%llu}",
			  (unsigned long long)a.space_slots);
		return;
	}
	pb_printf(f->b, "{total_spaces=%llu",
		  (unsigned long long)a.total_spaces);
	/* Only the count was asked for. */
	if (a.space_slots == 0 && a.total_spaces) {
		pb_putc(f->b, '}');
		return;
	}
	if (!ioctl_verbose(f)) {
		pb_puts(f->b, ", ...}");
		return;
	}
	pb_puts(f->b, ", spaces=");
	print_array(f, arg + offsetof(struct btrfs_ioctl_space_args, spaces),
		    a.total_spaces, sizeof(struct btrfs_ioctl_space_info),
		    print_space_elem, NULL);
	pb_putc(f->b, '}');
}

/* FIDEDUPERANGE's destinations: at most two without -v. */
static bool
print_dedupe_elem(struct fmt *f, const void *elem, void *data)
{
	struct file_dedupe_range_info r;
	unsigned *left = data;

	if (left) {
		if (!*left) {
			pb_puts(f->b, "...");
			return false;
		}
		--*left;
	}
	memcpy(&r, elem, sizeof(r));
	if (f->exiting) {
		pb_printf(f->b, "{bytes_deduped=%llu, status=%d}",
			  (unsigned long long)r.bytes_deduped, r.status);
		return true;
	}
	pb_puts(f->b, "{dest_fd=");
	print_fd(f, (int)r.dest_fd);
	pb_printf(f->b, ", dest_offset=%llu}",
		  (unsigned long long)r.dest_offset);
	return true;
}

/*
 * Whether the entry half showed the destinations whole (as far as -s or
 * the limit of two let it): strace shows them again at exit only then.
 */
static bool
dedupe_shown(struct fmt *f, uint64_t arg, const struct file_dedupe_range *r)
{
	uint64_t n = r->dest_count, max = array_max(f) + 1;
	unsigned char b[sizeof(struct file_dedupe_range_info)];
	uint64_t at = arg + offsetof(struct file_dedupe_range, info), i;

	if (!ioctl_verbose(f) && n > 2)
		n = 3;
	if (n > max)
		n = max;
	for (i = 0; i < n; i++)
		if (!read_mem(f, b, at + i * sizeof(b), sizeof(b)))
			return false;
	return n > 0;
}

void
btrfs_dedupe_range(struct fmt *f, uint64_t arg)
{
	struct file_dedupe_range r;
	unsigned left = 2;

	if (f->exiting && (is_error(f) || !read_mem(f, &r, arg, sizeof(r)) ||
			   !dedupe_shown(f, arg, &r)))
		return;
	if (!btrfs_split_read(f, &r, arg, sizeof(r)))
		return;
	pb_putc(f->b, '{');
	if (!f->exiting)
		pb_printf(f->b, "src_offset=%llu, src_length=%llu"
			  ", dest_count=%u, ",
			  (unsigned long long)r.src_offset,
			  (unsigned long long)r.src_length, r.dest_count);
	pb_puts(f->b, "info=");
	print_array(f, arg + offsetof(struct file_dedupe_range, info),
		    r.dest_count, sizeof(struct file_dedupe_range_info),
		    print_dedupe_elem,
		    !ioctl_verbose(f) && r.dest_count > left ? &left : NULL);
	pb_putc(f->b, '}');
}
