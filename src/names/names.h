/* SPDX-License-Identifier: MIT */
/*
 * names.h: internal name tables of libsnare, for messages and printers.
 *
 * The public lookups (snare_syscall_name(), snare_signal_name() ...) are in
 * snare.h; these are the helpers the rest of the library uses to explain
 * itself: close syscall names for a typo, a note on syscalls that glibc
 * replaces with another, and errno names and messages as strace prints
 * them. sysnames.c implements the syscall ones, signames.c the others.
 * Every string returned is static.
 */
#ifndef SNARE_NAMES_H
#define SNARE_NAMES_H

#include <stddef.h>

/*
 * Write up to 3 known syscall names close to `name` (an unknown one) into
 * buf as "open, openat, openat2", best first: small edit distance (typos,
 * swapped letters) or a name that `name` nearly begins. buf is always
 * NUL-terminated when cap > 0; names that do not fit whole are left out.
 * Returns how many names were written (0: nothing close, buf is "").
 */
size_t snare__syscall_suggest(char *buf, size_t cap, const char *name);

/*
 * A short note for syscall nr when glibc (2.36, x86_64) rarely or never
 * issues it from the function of the same name, e.g. for open: "glibc's
 * open() calls openat"; NULL when there is nothing to say.
 */
const char *snare__syscall_note(long nr);

/*
 * Name of an errno value, as strace prints it: 2 (or -2) gives "ENOENT".
 * Covers <errno.h> and the kernel-internal codes a tracer sees in a
 * syscall-exit-stop (ERESTARTSYS 512 ...). NULL when unknown.
 */
const char *snare__errno_name(int err);

/*
 * The text strace prints after the name: strerror's text for the
 * <errno.h> codes, and strace's own for the four restart codes
 * ("To be restarted if SA_RESTART is set" for ERESTARTSYS). NULL when
 * there is none (other kernel-internal codes; strace prints "Unknown
 * error N" for those). Accepts err or -err.
 */
const char *snare__errno_msg(int err);

#endif /* SNARE_NAMES_H */
