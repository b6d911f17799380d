/* SPDX-License-Identifier: MIT */
/*
 * cli_decode6: a deterministic tracee for the "decode6" golden family:
 * the calls whose -X raw and -X verbose forms strace 6.1 prints its own
 * way (io_uring_register by opcode, NUMA policy modes with flags,
 * move_pages' status, fanotify's FAN_NOFD, mount's old magic, an unknown
 * map type of remap_file_pages, st_dev under -v). Every call is safe as
 * root: bad fds, paths that do not exist, invalid values; the calls that
 * succeed change nothing that matters (a probe of a ring of our own, the
 * default memory policy set again, pages that stay where they are).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/io_uring.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#define HIGH 0xdefaced00000000ULL
#define MPOL_F_STATIC_NODES_ (1 << 15)
#define MPOL_F_RELATIVE_NODES_ (1 << 14)
#define MPOL_MF_MOVE_ 2
#define FAN_NOFD_ (-1)
#define MS_MGC_VAL_ 0xc0ed0000UL

static long
reg(int fd, unsigned op, const void *arg, unsigned n)
{
	return syscall(__NR_io_uring_register, fd, op, arg, n);
}

static void
uring(void)
{
	struct io_uring_params params;
	struct iovec iov[2];
	int32_t fds[4] = { 0, -1, -2, -3 };
	uint64_t tags[4] = { 1, 0, 0xdead, 0xfacefeedbadc0dedULL };
	uint32_t words[12];
	uint32_t workers[2] = { 0, 0 };
	uint64_t probe[(16 + 8 * 8) / 8];
	unsigned char cpus[2] = { 0x5, 0x80 };
	int ring;

	/* A probe of a ring: zeroed, so it shows at exit, with its ops. */
	memset(&params, 0, sizeof(params));
	ring = (int)syscall(__NR_io_uring_setup, 2, &params);
	memset(probe, 0, sizeof(probe));
	reg(ring, IORING_REGISTER_PROBE, probe, 8);
	if (ring >= 0)
		close(ring);
	/* A probe that is not zeroed shows at entry. */
	memset(probe, 0, sizeof(probe));
	probe[0] = 0xff0000000000ff01ULL;
	probe[2] = 0xdeadbeef002f00ffULL;
	reg(-1, IORING_REGISTER_PROBE, probe, 2);

	iov[0].iov_base = (void *)0xfacefeedUL;
	iov[0].iov_len = 16;
	iov[1].iov_base = fds;
	iov[1].iov_len = sizeof(fds);
	reg(-1, IORING_REGISTER_BUFFERS, iov, 2);
	reg(-1, IORING_REGISTER_FILES, fds, 4);
	/* A files update: -2 is IORING_REGISTER_FILES_SKIP. */
	memset(words, 0, sizeof(words));
	words[0] = 7;
	memcpy(&words[2], &(uint64_t){ (uintptr_t)fds }, 8);
	reg(-1, IORING_REGISTER_FILES_UPDATE, words, 4);
	/* Restrictions: a register op, an sqe op, sqe flags, unknown. */
	memset(words, 0, sizeof(words));
	words[0] = 0 | (IORING_REGISTER_PROBE << 16);
	words[4] = 1 | (IORING_OP_READV << 16);
	words[8] = 2 | ((IOSQE_IO_LINK | IOSQE_ASYNC) << 16) | (5U << 24);
	reg(-1, IORING_REGISTER_RESTRICTIONS, words, 3);
	/* FILES2: nr, flags (SPARSE and an unknown bit), resv2, data, tags. */
	memset(words, 0, sizeof(words));
	words[0] = 4;
	words[1] = 3;
	memcpy(&words[4], &(uint64_t){ (uintptr_t)fds }, 8);
	memcpy(&words[6], &(uint64_t){ (uintptr_t)tags }, 8);
	reg(-1, IORING_REGISTER_FILES2, words, 32);
	reg(-1, IORING_REGISTER_FILES2, words, 16);
	/* BUFFERS_UPDATE: offset, resv, data, tags, nr. */
	memset(words, 0, sizeof(words));
	words[0] = 1;
	words[1] = 0xbad;
	memcpy(&words[2], &(uint64_t){ (uintptr_t)iov }, 8);
	memcpy(&words[4], &(uint64_t){ (uintptr_t)tags }, 8);
	words[6] = 2;
	reg(-1, IORING_REGISTER_BUFFERS_UPDATE, words, 32);
	words[1] = 0;
	memcpy(&words[2], &(uint64_t){ (uintptr_t)fds }, 8);
	words[6] = 4;
	reg(-1, IORING_REGISTER_FILES_UPDATE2, words, 40);
	reg(-1, IORING_REGISTER_IOWQ_AFF, cpus, 2);
	/* The counts are read back: " => " at entry. */
	reg(-1, IORING_REGISTER_IOWQ_MAX_WORKERS, workers, 2);
	reg(-1, IORING_REGISTER_IOWQ_MAX_WORKERS, workers, 0);
	/* Ring fds: {offset, resv, data}. */
	memset(words, 0, sizeof(words));
	words[0] = UINT32_MAX;
	words[2] = 0;
	words[4] = 3;
	words[5] = 0x303;
	words[6] = UINT32_MAX;
	words[7] = UINT32_MAX;
	reg(-1, IORING_REGISTER_RING_FDS, words, 2);
	reg(-1, IORING_UNREGISTER_RING_FDS, words, 2);
	/* A provided buffer ring: ring_addr, ring_entries, bgid. */
	memset(words, 0, sizeof(words));
	memcpy(&words[0], &(uint64_t){ 0x1000 }, 8);
	words[2] = 8 | (3U << 16);
	reg(-1, IORING_REGISTER_PBUF_RING, words, 0);
	reg(-1, IORING_REGISTER_PERSONALITY, NULL, 0);
	reg(-1, 0x42, words, 1);
}

static void
numa(void *page)
{
	void *pages[2] = { page, (char *)page + (1UL << 40) };
	int status[2] = { 0, 0 };

	/* The mode is an int to set_mempolicy: the upper half goes. */
	syscall(__NR_set_mempolicy, HIGH | 0, NULL, 0);
	syscall(__NR_set_mempolicy, MPOL_F_STATIC_NODES_ | 1, NULL, 0);
	syscall(__NR_set_mempolicy, 0xffff1fffUL, NULL, 0);
	syscall(__NR_mbind, page, 4096, MPOL_F_STATIC_NODES_ | 0, NULL, 0, 0);
	syscall(__NR_mbind, page, 4096, MPOL_F_RELATIVE_NODES_ | 1, NULL, 0,
		0);
	/* The second page is not mapped: its status is -EFAULT. */
	syscall(__NR_move_pages, 0, 2, pages, NULL, status, MPOL_MF_MOVE_);
	/* No pages: the status is [] even after an error. */
	syscall(__NR_move_pages, 0x7ffffff0, 0, pages, NULL, status,
		MPOL_MF_MOVE_);
}

int
main(void)
{
	struct stat st;
	void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (page == MAP_FAILED)
		return 1;
	*(volatile char *)page = 1;
	uring();
	numa(page);
	syscall(__NR_fanotify_mark, -1, 0, 0, FAN_NOFD_, NULL);
	syscall(__NR_mount, "/snare-none", "/snare-none", "tmpfs",
		MS_MGC_VAL_ | 0x1, NULL);
	syscall(__NR_mount, "/snare-none", "/snare-none", "tmpfs",
		MS_MGC_VAL_, NULL);
	syscall(__NR_remap_file_pages, page, 4096, 0, 0,
		0xf | MAP_FIXED | MAP_NORESERVE);
	/* The call itself: glibc's fstat() is newfstatat. */
	syscall(__NR_fstat, 0, &st);
	munmap(page, 4096);
	return 0;
}
