/* SPDX-License-Identifier: MIT */
/*
 * memsearch: puts a secret made at run time (16 bytes from the pid and
 * the clock) in known places and prints them: its stack, its heap (a
 * buffer of the brk heap), an anonymous map of its own (a copy across
 * the map's first MiB, where a search reads its second chunk) and a
 * private file mapping three pages long over a file of one page (the
 * last two pages cannot be read). Its stack also holds a pointer to the
 * heap buffer, aligned, and another at an odd address. Prints all that,
 * calls getppid() (the checkpoint the test hooks), then
 * memsearch_marker(), then writes the heap buffer's first byte (for a
 * watchpoint on "[heap]+OFF") and exits.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define MIB (1ul << 20)

int memsearch_object[12] = { 1, 2, 3 };

__attribute__((noinline)) int
memsearch_marker(int x)
{
	return x * 3 + memsearch_object[x & 7];
}

int
main(int argc, char **argv)
{
	unsigned char secret[16];
	unsigned char odd[24];
	char *volatile heapptr;
	char path[] = "/tmp/snare-memsearch-XXXXXX";
	struct timespec ts;
	uint64_t x;
	unsigned char *region, *file;
	char *heap;
	int i, fd;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	x = (uint64_t)getpid() * 0x9e3779b97f4a7c15ull ^ (uint64_t)ts.tv_nsec;
	for (i = 0; i < 16; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		secret[i] = (unsigned char)(x >> 24);
	}
	secret[0] = 0xa5; /* never 0: a search anchors on a non-zero byte */

	/* The brk heap, not a map of its own. */
	heap = malloc(4096);
	if (!heap)
		return 2;
	memset(heap, 0, 4096);
	memcpy(heap + 100, secret, 16);
	heapptr = heap;
	memcpy(odd + 3, &heap, sizeof(heap));

	/* Guard pages around it keep the region a map of its own. */
	region = mmap(NULL, 3 * MIB + 8192, PROT_NONE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (region == MAP_FAILED)
		return 2;
	region += 4096;
	if (mprotect(region, 3 * MIB, PROT_READ | PROT_WRITE))
		return 2;
	memcpy(region + MIB - 7, secret, 16);

	fd = mkstemp(path);
	if (fd < 0 || write(fd, heap, 4096) != 4096)
		return 2;
	file = mmap(NULL, 3 * 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	if (file == MAP_FAILED)
		return 2;
	close(fd);
	unlink(path); /* the map now says "(deleted)" */

	printf("secret ");
	for (i = 0; i < 16; i++)
		printf("%02x", secret[i]);
	printf("\nstack %p\nheap %p\nheapptr %p\nodd %p\nregion %p\nfile %p\n"
	       "marker %p\nobject %p\n",
	       (void *)secret, (void *)heap, (void *)&heapptr,
	       (void *)(odd + 3), (void *)region, (void *)file,
	       (void *)memsearch_marker, (void *)memsearch_object);
	fflush(stdout);
	getppid();
	i = memsearch_marker(argc);
	heap[0] = 'X';
	printf("%d %d\n", i, heapptr[0] + odd[5] + secret[1] + file[0]);
	return argv[0][0] == 0;
}
