/* SPDX-License-Identifier: MIT */
/*
 * ifunc_calls: calls glibc's indirect functions (STT_GNU_IFUNC) a known
 * number of times each and prints the counts. strlen, memcpy, strcmp,
 * memset and strchr are called through volatile function pointers, so the
 * compiler can neither inline nor fold them (the pointers come from the
 * GOT, bound at load time); strstr is called directly, through the PLT,
 * which glibc binds lazily at the first call (libc itself never calls
 * strstr, so it has no IRELATIVE slot for it). Output goes through
 * write(), never stdio, so no call of libc's own reaches these functions
 * on the program's behalf.
 *
 *   ifunc_calls        one round of calls, then the counts line:
 *                      "counts strlen=3 memcpy=4 strcmp=5 memset=6
 *                      strchr=7 strstr=2 sum=N"
 *   ifunc_calls wait   a round first, then "ready", then waits for a line
 *                      on stdin, then a second round; the counts line
 *                      counts the second round only.
 * sum is a checksum of the results: the same in every correct run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { N_STRLEN = 3, N_MEMCPY = 4, N_STRCMP = 5, N_MEMSET = 6,
       N_STRCHR = 7, N_STRSTR = 2 };

static size_t (*volatile p_strlen)(const char *) = strlen;
static void *(*volatile p_memcpy)(void *, const void *, size_t) = memcpy;
static int (*volatile p_strcmp)(const char *, const char *) = strcmp;
static void *(*volatile p_memset)(void *, int, size_t) = memset;
static char *(*volatile p_strchr)(const char *, int) = strchr;

static volatile char text[] = "indirect functions";
static volatile char needle[] = "func";

static void
say(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	if (write(1, s, n) < 0)
		exit(3);
}

static long
round_of_calls(void)
{
	char buf[64], hay[32], nd[8];
	long sum = 0;
	int i;

	for (i = 0; i < (int)sizeof(hay) - 1 && text[i]; i++)
		hay[i] = text[i];
	hay[i] = '\0';
	for (i = 0; needle[i]; i++)
		nd[i] = needle[i];
	nd[i] = '\0';
	for (i = 0; i < N_STRLEN; i++)
		sum += (long)p_strlen(hay + i);
	for (i = 0; i < N_MEMCPY; i++)
		sum += *(char *)p_memcpy(buf, hay + i, 8);
	for (i = 0; i < N_STRCMP; i++)
		sum += p_strcmp(hay, hay + i) != 0;
	for (i = 0; i < N_MEMSET; i++)
		sum += *(char *)p_memset(buf, 'a' + i, 16);
	for (i = 0; i < N_STRCHR; i++)
		sum += p_strchr(hay, 'a' + i) != NULL;
	for (i = 0; i < N_STRSTR; i++)
		sum += strstr(hay + i, nd) - hay;
	return sum;
}

int
main(int argc, char **argv)
{
	char line[256];
	long sum = round_of_calls();

	if (argc > 1 && strcmp(argv[1], "wait") == 0) {
		say("ready\n");
		if (read(0, line, sizeof(line)) <= 0)
			return 2;
		sum = round_of_calls();
	}
	snprintf(line, sizeof(line),
		 "counts strlen=%d memcpy=%d strcmp=%d memset=%d strchr=%d strstr=%d sum=%ld\n",
		 N_STRLEN, N_MEMCPY, N_STRCMP, N_MEMSET, N_STRCHR, N_STRSTR, sum);
	say(line);
	return 0;
}
