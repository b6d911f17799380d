/* SPDX-License-Identifier: MIT */
/*
 * print_iface.h: the narrow interface the print layer (src/print/) has to
 * the core, instead of the core's internal header: the public API, the
 * names, and the two things a formatter needs from a stopped process.
 */
#ifndef SNARE_PRINT_IFACE_H
#define SNARE_PRINT_IFACE_H

#include <stdint.h>

#include "snare.h"
#include "names/names.h"

#define SNARE_EXPORT __attribute__((visibility("default")))
#define SNARE_PRINTF(a, b) __attribute__((format(printf, a, b)))

/*
 * The formatter's per-process slot (lengths noted between the two halves of
 * a syscall). The print layer allocates what it points to; the process frees
 * it with free() when it goes.
 */
void **snare__proc_fmt_slot(snare_proc *p);

/*
 * The thread of p stopped at the entry of syscall nr with these six
 * arguments, or NULL (the formatter runs from that thread's stop and wants
 * its registers).
 */
snare_thread *snare__proc_thread_in_syscall(snare_proc *p, long nr,
					    const uint64_t args[6]);

/*
 * Tracee memory as strace reads it, for the decoders (src/core/mem.c):
 * through process_vm_readv, so PROT_NONE and other unreadable pages fail
 * where /proc/PID/mem would read them; the program's view (breakpoints
 * hidden, software watches' pages as the program reads them). peek reads all
 * len bytes or fails (-EFAULT on a short read). peek_str reads a string
 * of at most cap - 1 bytes page by page into buf (terminated) and returns
 * its length (cap - 1 when no NUL came), or -EFAULT when an unreadable
 * page comes first, whatever was read before it.
 */
int snare__mem_peek(void *buf, snare_proc *p, uint64_t addr, size_t len);
ssize_t snare__mem_peek_str(char *buf, size_t cap, snare_proc *p,
			    uint64_t addr);

/*
 * Bring an option struct of any version the header has had up to the
 * current one (src/core/abi.c): *to gets the defaults, then the fields
 * the caller's version has, and version = nversions. sizes[v - 1] is
 * the size of version v (offsetof the first field v + 1 added; the
 * current one is sizeof). -EINVAL, with one line in msg, for version 0
 * or one newer than nversions.
 */
int snare__opts_import(void *to, const void *from, const void *defaults,
		       const size_t *sizes, unsigned nversions,
		       const char *what, char *msg, size_t msgcap);
/* The versions a sizes array describes. */
#define SNARE_OPTS_NVERSIONS(sizes) (sizeof(sizes) / sizeof((sizes)[0]))
/* snare__opts_import(), with nversions taken from the sizes array. */
#define SNARE_OPTS_IMPORT(to, from, defaults, sizes, what, msg, msgcap)     \
	snare__opts_import((to), (from), (defaults), (sizes),              \
			   (unsigned)SNARE_OPTS_NVERSIONS(sizes), (what),   \
			   (msg), (msgcap))

#endif
