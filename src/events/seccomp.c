/* SPDX-License-Identifier: MIT */
/*
 * seccomp.c: the seccomp-bpf fast path. The filter is built with libseccomp
 * in the tracer (DESIGN.md 2) and exported as raw BPF, so the child only has
 * to call prctl before exec. Listed syscalls return SECCOMP_RET_TRACE (a
 * PTRACE_EVENT_SECCOMP stop); everything else is allowed and costs no stop.
 * Other architectures (int 0x80 from a 64-bit process) are allowed too.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/internal.h"

int
snare__seccomp_build(void **prog_out, size_t *len_out, const int *nrs,
		     size_t n, char *err, size_t errcap)
{
	scmp_filter_ctx ctx;
	void *buf = NULL;
	off_t len;
	size_t i;
	int fd = -1, r;

	*prog_out = NULL;
	*len_out = 0;
	ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (!ctx) {
		snprintf(err, errcap, "seccomp_init failed");
		return -ENOMEM;
	}
	r = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_ALLOW);
	if (r < 0) {
		snprintf(err, errcap, "cannot allow foreign arches: %s", strerror(-r));
		goto out;
	}
	for (i = 0; i < n; i++) {
		/* Numbers without a name here (holes, newer kernels) are
		   still numbers the kernel may know. */
		if (nrs[i] < 0 || nrs[i] >= snare_syscall_count()) {
			snprintf(err, errcap, "no syscall number %d", nrs[i]);
			r = -EINVAL;
			goto out;
		}
		r = seccomp_rule_add(ctx, SCMP_ACT_TRACE(0), nrs[i], 0);
		if (r < 0 && r != -EEXIST) {
			snprintf(err, errcap, "rule for syscall %d: %s", nrs[i],
				 strerror(-r));
			goto out;
		}
	}
	fd = memfd_create("snare-bpf", MFD_CLOEXEC);
	if (fd < 0) {
		r = -errno;
		snprintf(err, errcap, "memfd_create: %s", strerror(errno));
		goto out;
	}
	r = seccomp_export_bpf(ctx, fd);
	if (r < 0) {
		snprintf(err, errcap, "export: %s", strerror(-r));
		goto out;
	}
	len = lseek(fd, 0, SEEK_END);
	if (len <= 0 || !(buf = malloc((size_t)len)) ||
	    pread(fd, buf, (size_t)len, 0) != len) {
		r = -EIO;
		snprintf(err, errcap, "cannot read the exported filter back");
		free(buf);
		goto out;
	}
	*prog_out = buf;
	*len_out = (size_t)len;
	r = 0;
out:
	if (fd >= 0)
		close(fd);
	seccomp_release(ctx);
	return r;
}
