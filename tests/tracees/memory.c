/* SPDX-License-Identifier: MIT */
/*
 * memory: has a string on its stack, one on its heap, one in .rodata and a
 * noinline function in .text. Prints their addresses and the first bytes of
 * the function, calls getppid() (a checkpoint the test hooks), reads one
 * line of stdin (or EOF), and then prints what the four places hold now, so
 * the test can check that its writes landed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char rodata[32] = "rodata-original";

__attribute__((noinline, aligned(16))) int
text_marker(void)
{
	return 7;
}

int
main(void)
{
	char stack[32] = "stack-original";
	char *heap = malloc(32);
	const char *volatile ro = rodata;
	int (*volatile fn)(void) = text_marker;
	const unsigned char *code = (const unsigned char *)text_marker;
	char line[64];
	int i;

	if (!heap)
		return 2;
	strcpy(heap, "heap-original");
	printf("stack %p\nheap %p\nrodata %p\ntext %p\ntextbytes ",
	       (void *)stack, (void *)heap, (void *)ro, (void *)code);
	for (i = 0; i < 6; i++)
		printf("%02x", code[i]);
	printf("\n");
	fflush(stdout);
	getppid();
	if (!fgets(line, sizeof(line), stdin))
		line[0] = 0;
	printf("stack %s\nheap %s\nrodata %s\ntext %d\n", stack, heap, ro,
	       fn());
	free(heap);
	return 0;
}
