/* SPDX-License-Identifier: MIT */
/*
 * cli_ioctl_fs: a deterministic tracee for the "ioctlfs" golden family:
 * the storage and filesystem ioctls (FS_IOC_FIEMAP, the inode flags,
 * FITRIM, the fsxattr, FIFREEZE, loop, block, nbd, perf, userfaultfd,
 * inotify), each on fd -1: the kernel fails them with EBADF before it
 * looks at the argument, and the tracers still show the argument decoded.
 * Fixed values only (no addresses in the decoded text). No sleeps.
 *
 *   cli_ioctl_fs
 */
#define _GNU_SOURCE
#include <linux/blkpg.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <linux/loop.h>
#include <linux/nbd.h>
#include <linux/perf_event.h>
#include <linux/userfaultfd.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#ifndef INOTIFY_IOC_SETNEXTWD
#define INOTIFY_IOC_SETNEXTWD _IOW('I', 0, int32_t)
#endif

static void
io(unsigned long cmd, const void *arg)
{
	ioctl(-1, cmd, arg);
}

int
main(void)
{
	struct {
		struct fiemap m;
		struct fiemap_extent e[2];
	} fm;
	struct fstrim_range range = { 0x1000, 1 << 20, 512 };
	struct fsxattr fsx;
	struct loop_info64 li;
	struct blkpg_partition part;
	struct blkpg_ioctl_arg blkpg;
	struct uffdio_api api = { UFFD_API, 0, 0 };
	struct uffdio_register reg;
	uint64_t pair[2] = { 4096, 8192 };
	unsigned flags = FS_IMMUTABLE_FL | FS_NOATIME_FL;

	memset(&fm, 0, sizeof(fm));
	fm.m.fm_start = 0;
	fm.m.fm_length = 1 << 16;
	fm.m.fm_flags = FIEMAP_FLAG_SYNC | 0x100;
	fm.m.fm_extent_count = 2;
	io(FS_IOC_FIEMAP, &fm);
	io(FS_IOC_SETFLAGS, &flags);
	io(FS_IOC_GETFLAGS, &flags);
	io(FITRIM, &range);
	memset(&fsx, 0, sizeof(fsx));
	fsx.fsx_xflags = FS_XFLAG_IMMUTABLE | FS_XFLAG_NODUMP;
	fsx.fsx_extsize = 4096;
	fsx.fsx_projid = 42;
	io(FS_IOC_FSSETXATTR, &fsx);
	io(FS_IOC_FSGETXATTR, &fsx);
	io(FIFREEZE, NULL);
	io(_IOC(_IOC_READ, 'f', 0xfe, 8), NULL); /* no name: _IOC(...) */

	memset(&li, 0, sizeof(li));
	li.lo_offset = 0x200;
	li.lo_number = 3;
	li.lo_flags = LO_FLAGS_READ_ONLY | LO_FLAGS_AUTOCLEAR;
	strcpy((char *)li.lo_file_name, "/tmp/disk.img");
	io(LOOP_SET_STATUS64, &li);
	io(LOOP_GET_STATUS64, &li);
	io(LOOP_SET_FD, (void *)7);
	io(LOOP_CLR_FD, NULL);

	io(BLKBSZGET, NULL);
	io(BLKDISCARD, pair);
	memset(&part, 0, sizeof(part));
	part.start = 2048;
	part.length = 1 << 20;
	part.pno = 1;
	strcpy(part.devname, "sda1");
	blkpg.op = BLKPG_ADD_PARTITION;
	blkpg.flags = 0;
	blkpg.datalen = sizeof(part);
	blkpg.data = &part;
	io(BLKPG, &blkpg);
	io(BLKRRPART, NULL);

	io(NBD_SET_SIZE, (void *)4096);
	io(NBD_SET_FLAGS, (void *)(NBD_FLAG_HAS_FLAGS | NBD_FLAG_READ_ONLY));
	io(NBD_DISCONNECT, NULL);

	io(PERF_EVENT_IOC_ENABLE, (void *)PERF_IOC_FLAG_GROUP);
	io(PERF_EVENT_IOC_REFRESH, (void *)2);

	io(UFFDIO_API, &api);
	reg.range.start = 0x3000;
	reg.range.len = 0x2000;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	reg.ioctls = 0;
	io(UFFDIO_REGISTER, &reg);

	io(INOTIFY_IOC_SETNEXTWD, (void *)5);
	return 0;
}
