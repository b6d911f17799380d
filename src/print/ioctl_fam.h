/* SPDX-License-Identifier: MIT */
/*
 * ioctl_fam.h: the storage and filesystem ioctl families, one file each
 * (ioctl_<family>.c), behind the two entries of decoders.h:
 * ioctl_fam_name() and ioctl_fam_args(). A family's *_args() sets the
 * kind of the third argument (a[2]) and the count of arguments for the
 * commands it decodes, and returns false for the others.
 */
#ifndef SNARE_PRINT_IOCTL_FAM_H
#define SNARE_PRINT_IOCTL_FAM_H

#include <linux/ioctl.h>

#include "decoders.h"

typedef bool ioctl_fam_fn(unsigned cmd, int *nargs, struct argspec *a);

ioctl_fam_fn ioctl_fs_f_args, ioctl_fs_x_args, ioctl_inotify_args,
	ioctl_nsfs_args, ioctl_nbd_args, ioctl_loop_args, ioctl_block_args,
	ioctl_seccomp_args, ioctl_perf_args, ioctl_uffdio_args,
	ioctl_ubi_args, ioctl_mtd_args, ioctl_scsi_args, ioctl_dm_args,
	ioctl_btrfs_args;

/* At exit: the struct at addr into out, or the address (on an error
   too, as strace's umove_or_printaddr()) and false. */
bool ioctl_read_out(struct fmt *f, void *out, uint64_t addr, size_t len);
/* A field of the common kinds: ", name=" then the value. */
void ioctl_field_u(struct fmt *f, const char *name, uint64_t v);
void ioctl_field_x(struct fmt *f, const char *name, uint64_t v);
void ioctl_field_flags(struct fmt *f, const char *name,
		       const struct xlat *x, uint64_t v);

/* A char array meant to hold a C string (ioctl_loop.c). */
void ioctl_print_cstring(struct fmt *f, const char *s, size_t size);

/* A table of names private to one file, as XLAT_TABLE. */
#define IOCTL_XLAT(name, unk, ...)                                          \
	static const struct xlat_data name##_data[] = { __VA_ARGS__ };     \
	static const struct xlat name = { name##_data,                       \
					  ARRAY_SIZE(name##_data), unk }

/* An argument spec of a kind (IOA(HEX)) or of a function. */
#define IOA(k) ((struct argspec){ .kind = A_##k })
#define IOA_FN(k, func) ((struct argspec){ .kind = A_##k, .fn = (func) })

#endif
