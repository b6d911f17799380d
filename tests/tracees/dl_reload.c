/* SPDX-License-Identifier: MIT */
/*
 * dl_reload: loads, calls and unloads a library three times, for
 * breakpoints in libraries that come and go.
 *
 *   dl_reload DIR [wait]
 *
 * Round i (1..3): dlopen DIR/libsnare_reload.so, look up reload_fn and
 * print "loaded i ADDR"; call reload_fn(i) (3i+1) and print "called i R";
 * dlclose it and print "closed i". After round 1 it also loads
 * DIR/libsnare_other.so (same layout, another reload_fn: (x ^ 0x55) +
 * 100; see tracees/lib/reload_lib.c), which
 * the kernel usually maps where the first library was, so round 2 lands
 * elsewhere; it prints "other ADDR R", keeps it loaded and calls it again
 * at the end. Last line: "done calls 3 total T other_total U bad B", B
 * counting results that were not what the code computes. With "wait",
 * after each of the loaded, closed and other lines it waits for a line on
 * stdin, so a test can look at the process there.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int waiting;

static void
say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#include <stdarg.h>

static void
say(const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	fputs(line, stdout);
	fflush(stdout);
}

static void
pause_here(void)
{
	char line[64];

	if (waiting && !fgets(line, sizeof(line), stdin))
		exit(4);
}

static void *
load(const char *dir, const char *name, int (**fn)(int))
{
	char path[4096];
	void *h;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	h = dlopen(path, RTLD_NOW);
	if (!h) {
		say("dlopen %s: %s\n", path, dlerror());
		exit(2);
	}
	*fn = (int (*)(int))dlsym(h, "reload_fn");
	if (!*fn) {
		say("dlsym: %s\n", dlerror());
		exit(2);
	}
	return h;
}

int
main(int argc, char **argv)
{
	int (*fn)(int), (*other_fn)(int) = NULL;
	long total = 0, other_total = 0;
	int i, r, bad = 0;
	void *h;

	if (argc < 2)
		return 2;
	waiting = argc > 2 && strcmp(argv[2], "wait") == 0;
	for (i = 1; i <= 3; i++) {
		h = load(argv[1], "libsnare_reload.so", &fn);
		say("loaded %d %p\n", i, (void *)fn);
		pause_here();
		r = fn(i);
		bad += r != 3 * i + 1;
		total += r;
		say("called %d %d\n", i, r);
		if (dlclose(h) != 0)
			return 2;
		say("closed %d\n", i);
		pause_here();
		if (i == 1) {
			load(argv[1], "libsnare_other.so", &other_fn);
			r = other_fn(7);
			bad += r != (7 ^ 0x55) + 100;
			other_total += r;
			say("other %p %d\n", (void *)other_fn, r);
			pause_here();
		}
	}
	r = other_fn(9);
	bad += r != (9 ^ 0x55) + 100;
	other_total += r;
	say("done calls 3 total %ld other_total %ld bad %d\n", total,
	    other_total, bad);
	return bad ? 1 : 0;
}
