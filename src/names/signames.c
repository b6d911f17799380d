/* SPDX-License-Identifier: MIT */
/*
 * signames.c: signal and errno names, spelt as strace prints them.
 *
 * Every number comes from a <signal.h> or <errno.h> macro through an XLAT
 * table, except the real-time signals (the kernel's SIGRTMIN is 32; glibc's
 * SIGRTMIN macro is a function returning 34, after the two it keeps for
 * itself) and the kernel-internal restart codes, which no userspace header
 * defines. Real-time signals are named like strace names them: SIGRTMIN for
 * 32, then SIGRT_1 .. SIGRT_32.
 */
#define _GNU_SOURCE /* strerrordesc_np() */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "core/internal.h"
#include "names/names.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * The kernel's first real-time signal (arch/x86/include/uapi/asm/signal.h).
 * glibc exports it as __SIGRTMIN; SIGRTMIN itself is not a constant.
 */
#ifdef __SIGRTMIN
#define KERNEL_SIGRTMIN __SIGRTMIN
#else
#define KERNEL_SIGRTMIN 32
#endif
#define KERNEL_NRT 32 /* SIGRTMIN .. SIGRTMIN + 32 = SIGRTMAX */
#define KERNEL_SIGRTMAX (KERNEL_SIGRTMIN + KERNEL_NRT)

_Static_assert(KERNEL_SIGRTMAX == _NSIG - 1,
	       "x86_64 has 64 signals, the last one real-time");

#define SIGNAME(x) [x] = #x
#define SIGRT(n) [KERNEL_SIGRTMIN + n] = "SIGRT_" #n

/* Names by number, as strace prints them (SIGIO, not SIGPOLL, for 29). */
static const char *const signal_names[_NSIG] = {
	SIGNAME(SIGHUP),    SIGNAME(SIGINT),    SIGNAME(SIGQUIT),
	SIGNAME(SIGILL),    SIGNAME(SIGTRAP),   SIGNAME(SIGABRT),
	SIGNAME(SIGBUS),    SIGNAME(SIGFPE),    SIGNAME(SIGKILL),
	SIGNAME(SIGUSR1),   SIGNAME(SIGSEGV),   SIGNAME(SIGUSR2),
	SIGNAME(SIGPIPE),   SIGNAME(SIGALRM),   SIGNAME(SIGTERM),
	SIGNAME(SIGSTKFLT), SIGNAME(SIGCHLD),   SIGNAME(SIGCONT),
	SIGNAME(SIGSTOP),   SIGNAME(SIGTSTP),   SIGNAME(SIGTTIN),
	SIGNAME(SIGTTOU),   SIGNAME(SIGURG),    SIGNAME(SIGXCPU),
	SIGNAME(SIGXFSZ),   SIGNAME(SIGVTALRM), SIGNAME(SIGPROF),
	SIGNAME(SIGWINCH),  SIGNAME(SIGIO),     SIGNAME(SIGPWR),
	SIGNAME(SIGSYS),
	[KERNEL_SIGRTMIN] = "SIGRTMIN",
	SIGRT(1),  SIGRT(2),  SIGRT(3),  SIGRT(4),  SIGRT(5),  SIGRT(6),
	SIGRT(7),  SIGRT(8),  SIGRT(9),  SIGRT(10), SIGRT(11), SIGRT(12),
	SIGRT(13), SIGRT(14), SIGRT(15), SIGRT(16), SIGRT(17), SIGRT(18),
	SIGRT(19), SIGRT(20), SIGRT(21), SIGRT(22), SIGRT(23), SIGRT(24),
	SIGRT(25), SIGRT(26), SIGRT(27), SIGRT(28), SIGRT(29), SIGRT(30),
	SIGRT(31), SIGRT(32),
};

struct xlat {
	int val;
	const char *name;
};

#define XLAT(x) { x, #x }

/* Other spellings snare_signal_nr() accepts. */
static const struct xlat signal_aliases[] = {
	XLAT(SIGIOT),
	XLAT(SIGPOLL),
	XLAT(SIGCLD),
	{ KERNEL_SIGRTMAX, "SIGRTMAX" },
};

SNARE_EXPORT const char *
snare_signal_name(int signo)
{
	if (signo <= 0 || signo >= (int)ARRAY_SIZE(signal_names))
		return NULL;
	return signal_names[signo];
}

static char
ascii_upper(char c)
{
	return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
}

/* Case-insensitive comparison of the first n chars of a with b (ASCII). */
static int
ascii_prefix_eq(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (ascii_upper(a[i]) != ascii_upper(b[i]) || b[i] == '\0')
			return 0;
	}
	return 1;
}

static int
ascii_eq(const char *a, const char *b)
{
	size_t n = strlen(a);

	return strlen(b) == n && ascii_prefix_eq(a, b, n);
}

/*
 * A small decimal number ("10"): its value, or -1 when s has anything else
 * or more than 3 digits.
 */
static int
parse_small_decimal(const char *s)
{
	int v = 0;
	size_t i;

	if (s[0] == '\0')
		return -1;
	for (i = 0; s[i]; i++) {
		if (i >= 3 || s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* "RTMIN+3" and "RTMAX-2" (the "SIG" already stripped), or -1. */
static int
parse_rt_offset(const char *s)
{
	int off;

	if (ascii_prefix_eq(s, "RTMIN+", 6)) {
		off = parse_small_decimal(s + 6);
		if (off >= 0 && off <= KERNEL_NRT)
			return KERNEL_SIGRTMIN + off;
	} else if (ascii_prefix_eq(s, "RTMAX-", 6)) {
		off = parse_small_decimal(s + 6);
		if (off >= 0 && off <= KERNEL_NRT)
			return KERNEL_SIGRTMAX - off;
	}
	return -1;
}

SNARE_EXPORT int
snare_signal_nr(const char *name)
{
	const char *bare;
	int nr = -EINVAL, v;
	size_t i;

	if (!name)
		goto out;
	v = parse_small_decimal(name);
	if (v >= 0) {
		if (v >= 1 && v < (int)ARRAY_SIZE(signal_names))
			nr = v;
		goto out;
	}
	/* "SIGUSR1", "sigusr1", "USR1" and "usr1" are the same signal. */
	bare = ascii_prefix_eq(name, "SIG", 3) ? name + 3 : name;
	if (bare[0] == '\0')
		goto out;
	for (i = 1; i < ARRAY_SIZE(signal_names); i++) {
		if (signal_names[i] && ascii_eq(signal_names[i] + 3, bare)) {
			nr = (int)i;
			goto out;
		}
	}
	for (i = 0; i < ARRAY_SIZE(signal_aliases); i++) {
		if (ascii_eq(signal_aliases[i].name + 3, bare)) {
			nr = signal_aliases[i].val;
			goto out;
		}
	}
	v = parse_rt_offset(bare);
	if (v > 0)
		nr = v;
out:
	return nr;
}

/*
 * errno names from <errno.h>, one per number (EAGAIN, not EWOULDBLOCK).
 * The POSIX ones are unguarded; the Linux-only ones are guarded so that a
 * C library without them still builds.
 */
#define ERRNO(x) [x] = #x

static const char *const errno_names[] = {
	ERRNO(EPERM),
	ERRNO(ENOENT),
	ERRNO(ESRCH),
	ERRNO(EINTR),
	ERRNO(EIO),
	ERRNO(ENXIO),
	ERRNO(E2BIG),
	ERRNO(ENOEXEC),
	ERRNO(EBADF),
	ERRNO(ECHILD),
	ERRNO(EAGAIN),
	ERRNO(ENOMEM),
	ERRNO(EACCES),
	ERRNO(EFAULT),
#ifdef ENOTBLK
	ERRNO(ENOTBLK),
#endif
	ERRNO(EBUSY),
	ERRNO(EEXIST),
	ERRNO(EXDEV),
	ERRNO(ENODEV),
	ERRNO(ENOTDIR),
	ERRNO(EISDIR),
	ERRNO(EINVAL),
	ERRNO(ENFILE),
	ERRNO(EMFILE),
	ERRNO(ENOTTY),
	ERRNO(ETXTBSY),
	ERRNO(EFBIG),
	ERRNO(ENOSPC),
	ERRNO(ESPIPE),
	ERRNO(EROFS),
	ERRNO(EMLINK),
	ERRNO(EPIPE),
	ERRNO(EDOM),
	ERRNO(ERANGE),
	ERRNO(EDEADLK),
	ERRNO(ENAMETOOLONG),
	ERRNO(ENOLCK),
	ERRNO(ENOSYS),
	ERRNO(ENOTEMPTY),
	ERRNO(ELOOP),
	ERRNO(ENOMSG),
	ERRNO(EIDRM),
#ifdef ECHRNG
	ERRNO(ECHRNG),
#endif
#ifdef EL2NSYNC
	ERRNO(EL2NSYNC),
#endif
#ifdef EL3HLT
	ERRNO(EL3HLT),
#endif
#ifdef EL3RST
	ERRNO(EL3RST),
#endif
#ifdef ELNRNG
	ERRNO(ELNRNG),
#endif
#ifdef EUNATCH
	ERRNO(EUNATCH),
#endif
#ifdef ENOCSI
	ERRNO(ENOCSI),
#endif
#ifdef EL2HLT
	ERRNO(EL2HLT),
#endif
#ifdef EBADE
	ERRNO(EBADE),
#endif
#ifdef EBADR
	ERRNO(EBADR),
#endif
#ifdef EXFULL
	ERRNO(EXFULL),
#endif
#ifdef ENOANO
	ERRNO(ENOANO),
#endif
#ifdef EBADRQC
	ERRNO(EBADRQC),
#endif
#ifdef EBADSLT
	ERRNO(EBADSLT),
#endif
#ifdef EBFONT
	ERRNO(EBFONT),
#endif
	ERRNO(ENOSTR),
	ERRNO(ENODATA),
	ERRNO(ETIME),
	ERRNO(ENOSR),
#ifdef ENONET
	ERRNO(ENONET),
#endif
#ifdef ENOPKG
	ERRNO(ENOPKG),
#endif
#ifdef EREMOTE
	ERRNO(EREMOTE),
#endif
	ERRNO(ENOLINK),
#ifdef EADV
	ERRNO(EADV),
#endif
#ifdef ESRMNT
	ERRNO(ESRMNT),
#endif
#ifdef ECOMM
	ERRNO(ECOMM),
#endif
	ERRNO(EPROTO),
	ERRNO(EMULTIHOP),
#ifdef EDOTDOT
	ERRNO(EDOTDOT),
#endif
	ERRNO(EBADMSG),
	ERRNO(EOVERFLOW),
#ifdef ENOTUNIQ
	ERRNO(ENOTUNIQ),
#endif
#ifdef EBADFD
	ERRNO(EBADFD),
#endif
#ifdef EREMCHG
	ERRNO(EREMCHG),
#endif
#ifdef ELIBACC
	ERRNO(ELIBACC),
#endif
#ifdef ELIBBAD
	ERRNO(ELIBBAD),
#endif
#ifdef ELIBSCN
	ERRNO(ELIBSCN),
#endif
#ifdef ELIBMAX
	ERRNO(ELIBMAX),
#endif
#ifdef ELIBEXEC
	ERRNO(ELIBEXEC),
#endif
	ERRNO(EILSEQ),
#ifdef ERESTART
	ERRNO(ERESTART),
#endif
#ifdef ESTRPIPE
	ERRNO(ESTRPIPE),
#endif
#ifdef EUSERS
	ERRNO(EUSERS),
#endif
	ERRNO(ENOTSOCK),
	ERRNO(EDESTADDRREQ),
	ERRNO(EMSGSIZE),
	ERRNO(EPROTOTYPE),
	ERRNO(ENOPROTOOPT),
	ERRNO(EPROTONOSUPPORT),
#ifdef ESOCKTNOSUPPORT
	ERRNO(ESOCKTNOSUPPORT),
#endif
	ERRNO(EOPNOTSUPP),
#ifdef EPFNOSUPPORT
	ERRNO(EPFNOSUPPORT),
#endif
	ERRNO(EAFNOSUPPORT),
	ERRNO(EADDRINUSE),
	ERRNO(EADDRNOTAVAIL),
	ERRNO(ENETDOWN),
	ERRNO(ENETUNREACH),
	ERRNO(ENETRESET),
	ERRNO(ECONNABORTED),
	ERRNO(ECONNRESET),
	ERRNO(ENOBUFS),
	ERRNO(EISCONN),
	ERRNO(ENOTCONN),
#ifdef ESHUTDOWN
	ERRNO(ESHUTDOWN),
#endif
#ifdef ETOOMANYREFS
	ERRNO(ETOOMANYREFS),
#endif
	ERRNO(ETIMEDOUT),
	ERRNO(ECONNREFUSED),
#ifdef EHOSTDOWN
	ERRNO(EHOSTDOWN),
#endif
	ERRNO(EHOSTUNREACH),
	ERRNO(EALREADY),
	ERRNO(EINPROGRESS),
	ERRNO(ESTALE),
#ifdef EUCLEAN
	ERRNO(EUCLEAN),
#endif
#ifdef ENOTNAM
	ERRNO(ENOTNAM),
#endif
#ifdef ENAVAIL
	ERRNO(ENAVAIL),
#endif
#ifdef EISNAM
	ERRNO(EISNAM),
#endif
#ifdef EREMOTEIO
	ERRNO(EREMOTEIO),
#endif
	ERRNO(EDQUOT),
#ifdef ENOMEDIUM
	ERRNO(ENOMEDIUM),
#endif
#ifdef EMEDIUMTYPE
	ERRNO(EMEDIUMTYPE),
#endif
	ERRNO(ECANCELED),
#ifdef ENOKEY
	ERRNO(ENOKEY),
#endif
#ifdef EKEYEXPIRED
	ERRNO(EKEYEXPIRED),
#endif
#ifdef EKEYREVOKED
	ERRNO(EKEYREVOKED),
#endif
#ifdef EKEYREJECTED
	ERRNO(EKEYREJECTED),
#endif
	ERRNO(EOWNERDEAD),
	ERRNO(ENOTRECOVERABLE),
#ifdef ERFKILL
	ERRNO(ERFKILL),
#endif
#ifdef EHWPOISON
	ERRNO(EHWPOISON),
#endif
};

/*
 * Codes the kernel uses internally (include/linux/errno.h). A tracer sees
 * them in rax at a syscall-exit-stop when a signal interrupted the call
 * (the restart codes: see the "restart" comments in kernel/signal.c and
 * arch/x86/kernel/signal.c), and a few leak out of drivers. No userspace
 * header defines them, so the numbers are copied from the kernel. The
 * messages of the restart codes are strace's (src/syscall.c); for the
 * others strace prints strerror's "Unknown error N".
 */
struct kernel_errno {
	int val;
	const char *name;
	const char *msg;
};

static const struct kernel_errno kernel_errnos[] = {
	{ 512, "ERESTARTSYS", "To be restarted if SA_RESTART is set" },
	{ 513, "ERESTARTNOINTR", "To be restarted" },
	{ 514, "ERESTARTNOHAND", "To be restarted if no handler" },
	{ 515, "ENOIOCTLCMD", NULL },
	{ 516, "ERESTART_RESTARTBLOCK", "Interrupted by signal" },
	{ 517, "EPROBE_DEFER", NULL },
	{ 518, "EOPENSTALE", NULL },
	{ 519, "ENOPARAM", NULL },
	{ 521, "EBADHANDLE", NULL },
	{ 522, "ENOTSYNC", NULL },
	{ 523, "EBADCOOKIE", NULL },
	{ 524, "ENOTSUPP", NULL },
	{ 525, "ETOOSMALL", NULL },
	{ 526, "ESERVERFAULT", NULL },
	{ 527, "EBADTYPE", NULL },
	{ 528, "EJUKEBOX", NULL },
	{ 529, "EIOCBQUEUED", NULL },
	{ 530, "ERECALLCONFLICT", NULL },
	{ 531, "ENOGRACE", NULL },
};

/* err or -err as a positive errno, or -1 when out of any table's range. */
static int
errno_abs(int err)
{
	if (err < 0) {
		if (err <= -4096) /* not an error code (see MAX_ERRNO) */
			return -1;
		err = -err;
	}
	return err > 0 && err < 4096 ? err : -1;
}

static const struct kernel_errno *
kernel_errno_find(int err)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kernel_errnos); i++)
		if (kernel_errnos[i].val == err)
			return &kernel_errnos[i];
	return NULL;
}

const char *
snare__errno_name(int err)
{
	const struct kernel_errno *k;

	err = errno_abs(err);
	if (err < 0)
		return NULL;
	if ((size_t)err < ARRAY_SIZE(errno_names))
		return errno_names[err];
	k = kernel_errno_find(err);
	return k ? k->name : NULL;
}

const char *
snare__errno_msg(int err)
{
	const struct kernel_errno *k;

	err = errno_abs(err);
	if (err < 0)
		return NULL;
	if ((size_t)err < ARRAY_SIZE(errno_names)) {
		if (!errno_names[err])
			return NULL;
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 32)
		/* Static, untranslated English: what strace prints in C. */
		return strerrordesc_np(err);
#else
		return strerror(err);
#endif
	}
	k = kernel_errno_find(err);
	return k ? k->msg : NULL;
}
