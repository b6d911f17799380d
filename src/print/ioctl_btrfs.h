/* SPDX-License-Identifier: MIT */
/*
 * ioctl_btrfs.h: what the two halves of the btrfs decoders share: the
 * tables of names (ioctl_btrfs_names.c) and the printers of the fields
 * that strace prints its own way (UINT64_MAX, tree object ids, UUIDs).
 */
#ifndef SNARE_PRINT_IOCTL_BTRFS_H
#define SNARE_PRINT_IOCTL_BTRFS_H

#include "ioctl.h"
#include "ioctl_fam.h"

extern const struct xlat btrfs_balance_args_flags, btrfs_balance_ctl_cmds,
	btrfs_balance_flags, btrfs_balance_state, btrfs_compress_types,
	btrfs_cont_reading_modes, btrfs_csum_types, btrfs_defrag_flags,
	btrfs_dev_replace_cmds, btrfs_dev_replace_results,
	btrfs_dev_replace_state, btrfs_dev_stats_flags,
	btrfs_dev_stats_values, btrfs_features_compat,
	btrfs_features_compat_ro, btrfs_features_incompat,
	btrfs_fs_info_flags, btrfs_key_types, btrfs_logical_ino_flags,
	btrfs_qgroup_ctl_cmds, btrfs_qgroup_inherit_flags,
	btrfs_qgroup_limit_flags, btrfs_scrub_flags, btrfs_send_flags,
	btrfs_snap_flags_v2, btrfs_block_group_flags, btrfs_space_info_flags,
	btrfs_tree_objectids;

/* ", name=" and a u64 that names UINT64_MAX (strace's PRINT_FIELD_U64). */
void btrfs_field_u64(struct fmt *f, const char *name, uint64_t v);
/* A number named from a table when it is in it, else in decimal
   (strace's XLAT_STYLE_FMT_U): tree ids, key types. */
void btrfs_print_xval_u(struct pbuf *b, const struct xlat *x, uint64_t v);
void btrfs_field_xval_u(struct fmt *f, const char *name,
			const struct xlat *x, uint64_t v);
/* 16 bytes as 01234567-89ab-cdef-fedc-ba9876543210. */
void btrfs_print_uuid(struct pbuf *b, const unsigned char *u);

/*
 * The entry half of a command that prints its structure both ways, or
 * the exit half of a call that succeeded (" => " first); false for the
 * exit half of a failed call or when the structure cannot be read.
 */
bool btrfs_split_read(struct fmt *f, void *out, uint64_t arg, size_t len);

/* The printers of ioctl_btrfs2.c. */
void btrfs_dev_info(struct fmt *f, uint64_t arg);
void btrfs_dev_replace(struct fmt *f, uint64_t arg);
void btrfs_fs_info(struct fmt *f, uint64_t arg);
void btrfs_dev_stats(struct fmt *f, uint64_t arg);
void btrfs_ino_lookup(struct fmt *f, uint64_t arg);
void btrfs_received_subvol(struct fmt *f, uint64_t arg);
void btrfs_scrub(struct fmt *f, uint64_t arg, bool progress);
void btrfs_send(struct fmt *f, uint64_t arg);
void btrfs_space_info(struct fmt *f, uint64_t arg);
void btrfs_dedupe_range(struct fmt *f, uint64_t arg);

#endif
