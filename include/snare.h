/* SPDX-License-Identifier: MIT */
/*
 * snare.h: the whole public API of libsnare, a library for building debuggers
 * and tracers on Linux over ptrace.
 *
 * This header is the specification. Conventions (see docs/design.md):
 *  - Fallible functions return int: 0 (or a documented non-negative value) on
 *    success, a negative errno or a SNARE_E* code on failure. snare_strerror()
 *    names a code; snare_errmsg() gives one line of context for the last
 *    failure in a session.
 *  - Out-parameters first, the subject next, callback and `void *user` last.
 *  - Option structs carry a version field; initialise them with their _INIT
 *    macro before setting fields. A program built against an older
 *    snare.h keeps working with a newer library (its option structs get
 *    defaults for the fields its version lacks, and the structs the
 *    library fills are never larger than it expects); a version newer
 *    than the library's is refused with -EINVAL. See docs/design.md, "ABI".
 *  - The session owns every object created under it. snare_session_free()
 *    leaves nothing behind: spawned tracees are killed and reaped, attached
 *    ones are detached and keep running.
 *  - ptrace binds a tracee to the thread that attached it, so every call on a
 *    session must come from the thread that created it (SNARE_EWRONGTHREAD
 *    otherwise), except snare_session_interrupt(), which is async-signal-safe
 *    and may be called from any thread or from a signal handler.
 *  - The library never prints, never exits and never installs signal
 *    handlers. It reaps the tracer thread's children with
 *    waitpid(-1, __WALL | __WNOTHREAD): do not run other child processes
 *    from the tracer thread while a session exists, or their exit status
 *    may be consumed by snare. Sessions in different threads of one
 *    process are independent.
 *  - Lifetimes (docs/design.md, "Lifetimes"): a process handle from
 *    snare_spawn() or snare_attach() lives until snare_session_free(). A
 *    handle the session found itself (a followed child process, any thread
 *    but a process's leader) is freed once its exit (PROC_EXIT,
 *    THREAD_EXIT) has been reported: right after the callbacks that saw it
 *    have returned, or, when snare_run() returned an event of that
 *    dispatch to the caller, at the next snare_run() (in SNARE_RUN_ONCE
 *    mode, once all events of that dispatch have been returned). An
 *    event's pointers (path, siginfo, old_value, new_value) are valid
 *    during a callback and, for the event snare_run()
 *    returned, until the next snare_run() or snare_session_free().
 *
 * C99 and C++ compatible.
 */
#ifndef SNARE_H
#define SNARE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "snare/x86_64.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SNARE_VERSION_MAJOR 0
#define SNARE_VERSION_MINOR 2
#define SNARE_VERSION_PATCH 0

/* ------------------------------------------------------------------ */
/* Errors                                                             */
/* ------------------------------------------------------------------ */

/* Library error codes, next to the negative errnos the API returns. */
enum snare_error {
	SNARE_EINTERNAL = -4000,    /* an invariant of the library broke */
	SNARE_EWRONGTHREAD = -4001, /* called from a thread that is not the session's */
	SNARE_EEXITED = -4002,      /* the process or thread has exited */
	SNARE_ERUNNING = -4003,     /* the thread must be stopped for this call */
	SNARE_EHIJACKLOOP = -4004,  /* a recursive syscall/signal hijack loops */
	SNARE_EDETACHED = -4005,    /* the process was detached */
	SNARE_ESECCOMP = -4006,     /* refused: a seccomp filter would outlive the tracer */
	SNARE_EEOF = -4050,         /* process I/O: end of the stream */
	SNARE_ESTOPPED = -4051,     /* process I/O: the event loop has an event
				       for the caller; snare_run() returns it */
};

/*
 * Name of an error code: a negative errno ("No such process") or a SNARE_E*
 * code. Never NULL; the string is static.
 */
const char *snare_strerror(int err);

/* ------------------------------------------------------------------ */
/* Sessions                                                           */
/* ------------------------------------------------------------------ */

/*
 * The version of the library that runs (which may be newer than the
 * SNARE_VERSION_* macros the program was built with): a static string
 * such as "0.2.0", and the numbers in the non-NULL out-parameters.
 */
const char *snare_version(int *major, int *minor, int *patch);

typedef struct snare_session snare_session;
typedef struct snare_proc snare_proc;
typedef struct snare_thread snare_thread;
typedef struct snare_hook snare_hook;
typedef struct snare_sighook snare_sighook;
typedef struct snare_bp snare_bp;

/* What a callback asks the event loop to do next. */
enum snare_action {
	SNARE_CONTINUE = 0, /* resume the thread and keep running */
	SNARE_STOP = 1,     /* stop every thread and return control from snare_run() */
	SNARE_DETACH = 2,   /* detach from this thread's process and keep running */
};

/* Log levels passed to the log callback. */
enum snare_log_level {
	SNARE_LOG_ERROR = 0,
	SNARE_LOG_WARN = 1,
	SNARE_LOG_INFO = 2,
	SNARE_LOG_DEBUG = 3,
};

typedef void (*snare_log_fn)(int level, const char *msg, void *user);

struct snare_event;
/*
 * Called for every event the loop reports (see enum snare_event_kind), from
 * inside snare_run(), with only the event's thread stopped. Its return value
 * is an enum snare_action.
 */
typedef int (*snare_event_fn)(snare_session *s, const struct snare_event *ev,
			      void *user);

#define SNARE_SESSION_OPTS_VERSION 1
typedef struct snare_session_opts {
	unsigned version;
	/* Trace fork/vfork/clone children as new processes (default 1). */
	int follow_forks;
	/*
	 * Answer a tracee's ptrace(PTRACE_TRACEME) with success instead of
	 * EPERM, to defeat the common anti-debugging check (default 0).
	 */
	int fake_traceme;
	/* Optional log sink; messages are single lines without newline. */
	snare_log_fn log;
	void *log_user;
	int log_level; /* highest level passed to log (default SNARE_LOG_INFO) */
	/* Optional observer of every event; see snare_event_fn. */
	snare_event_fn on_event;
	void *event_user;
	/*
	 * Co-locate: pin the tracer thread and every tracee of the session to
	 * one CPU (the one the tracer runs on at the first spawn or attach).
	 * A ptrace stop then costs two context switches on one CPU instead of
	 * cross-CPU wake-ups, which hypervisors make expensive (see
	 * docs/benchmarks.md). Trade-offs: a multithreaded tracee loses its
	 * parallelism, the tracee can observe its affinity (sched_getaffinity,
	 * nproc), and the calling thread's affinity is changed (default 0).
	 */
	int colocate;
	/*
	 * Read syscall stops with GETREGS instead of PTRACE_GET_SYSCALL_INFO,
	 * inferring entry and exit from the stops before each one, as on
	 * kernels older than 5.3 (where the session switches to this by
	 * itself at the first syscall stop). For testing that path; costs
	 * one GETREGS per syscall stop instead of one GET_SYSCALL_INFO
	 * (default 0).
	 */
	int legacy_syscall_info;
} snare_session_opts;
#define SNARE_SESSION_OPTS_INIT                                             \
	{ SNARE_SESSION_OPTS_VERSION, 1, 0, NULL, NULL, SNARE_LOG_INFO, NULL, \
	  NULL, 0, 0 }

/*
 * Create a session in *out. opts may be NULL for the defaults. The calling
 * thread becomes the session's tracer thread.
 * Errors: -EINVAL (opts version 0 or newer than the library's: there is
 * no session to hold a message), -ENOMEM.
 */
int snare_session_new(snare_session **out, const snare_session_opts *opts);

/*
 * 1 while syscall stops are read with PTRACE_GET_SYSCALL_INFO, 0 once the
 * session uses the GETREGS fallback (forced by opts.legacy_syscall_info,
 * or because the kernel answered EIO at a syscall stop). -EINVAL for NULL.
 */
int snare_session_syscall_info(const snare_session *s);

/*
 * Free a session and everything it owns: spawned processes are killed and
 * reaped, attached ones detached (every patched byte restored) and left
 * running as before. NULL-safe. Must be called from the session's thread.
 */
void snare_session_free(snare_session *s);

/*
 * One line of context for the last error returned by a call on this session
 * ("spawn ./prog: No such file or directory"). Empty string when none.
 * Valid until the next call on the session.
 */
const char *snare_errmsg(const snare_session *s);

/* ------------------------------------------------------------------ */
/* Processes: spawn, attach, detach, kill                             */
/* ------------------------------------------------------------------ */

/* How one of the child's standard streams is set up. */
enum snare_stdio_kind {
	SNARE_STDIO_INHERIT = 0, /* the tracer's own fd */
	SNARE_STDIO_PIPE,        /* a pipe; the tracer end: snare_proc_stdio_fd() */
	SNARE_STDIO_FILE,        /* open(path, flags, 0644) */
	SNARE_STDIO_NULL,        /* /dev/null */
	SNARE_STDIO_FD,          /* dup2 of the caller's fd */
	SNARE_STDIO_PTY,         /* a pseudo-terminal, the child's controlling
				    terminal (one for all the streams that ask);
				    the tracer end: snare_proc_stdio_fd() (see
				    "Process I/O and polling") */
};

typedef struct snare_stdio {
	int kind;         /* enum snare_stdio_kind */
	const char *path; /* SNARE_STDIO_FILE */
	int flags;        /* SNARE_STDIO_FILE: O_* flags (0: O_RDONLY for stdin,
			     O_WRONLY|O_CREAT|O_TRUNC for stdout/stderr) */
	int fd;           /* SNARE_STDIO_FD */
} snare_stdio;

/* Where snare_spawn() returns control. */
enum snare_spawn_stop {
	SNARE_SPAWN_STOP_EXEC = 0,  /* first instruction (the dynamic loader) */
	SNARE_SPAWN_STOP_ENTRY = 1, /* the program's entry point (AT_ENTRY) */
};

#define SNARE_SPAWN_OPTS_VERSION 1
typedef struct snare_spawn_opts {
	unsigned version;
	char *const *envp;  /* NULL: the tracer's environ */
	const char *cwd;    /* NULL: the tracer's cwd */
	snare_stdio stdio[3];
	int no_aslr;        /* personality(ADDR_NO_RANDOMIZE) in the child */
	int stop_at;        /* enum snare_spawn_stop */
	/*
	 * seccomp fast path: when seccomp_nrs is non-NULL, a seccomp filter
	 * installed before exec makes only these syscall numbers stop the
	 * tracee (n_seccomp_nrs of them; 0 means "no syscall stops"). Hooks on
	 * other syscalls still work, through PTRACE_SYSCALL. A filtered tracee
	 * is killed when the tracer goes away, and detaching it is refused
	 * unless forced (the filter would make those syscalls fail with
	 * ENOSYS). Needs follow_forks: a fork child outside the tracer would
	 * inherit the filter.
	 */
	const int *seccomp_nrs;
	size_t n_seccomp_nrs;
} snare_spawn_opts;
#define SNARE_SPAWN_OPTS_INIT                                                 \
	{ SNARE_SPAWN_OPTS_VERSION, NULL, NULL,                               \
	  { { 0, NULL, 0, -1 }, { 0, NULL, 0, -1 }, { 0, NULL, 0, -1 } }, 0, 0, \
	  NULL, 0 }

/*
 * Start `path` with argv (NULL-terminated; argv[0] is passed as is) under
 * the tracer and return it stopped, as opts->stop_at says, in *out. path is
 * searched in PATH when it has no '/'. opts may be NULL.
 * Errors: the exec errno (-ENOENT, -EACCES, -ENOEXEC...) with a message
 * naming the program; -EINVAL for bad options; -EPERM when ptrace is denied.
 * No child is left behind on failure.
 */
int snare_spawn(snare_proc **out, snare_session *s, const char *path,
		char *const argv[], const snare_spawn_opts *opts);

/*
 * Attach to a running process and all its threads, and return it stopped.
 * Works when the leader is a zombie. A process stopped by a stop signal
 * stays stopped; the next snare_run() reports SNARE_EV_GROUP_STOP for each
 * of its threads. Errors: -ESRCH (no such process),
 * -EPERM with the reason in snare_errmsg() (ptrace_scope, other user,
 * non-dumpable, already traced by pid N), -EINVAL (own pid, pid <= 0).
 */
int snare_attach(snare_proc **out, snare_session *s, pid_t pid);

/*
 * Detach from a process: every thread continues exactly as before (a
 * pending signal is delivered, a group-stopped process stays stopped).
 * Refused with SNARE_ESECCOMP for a process under a snare seccomp filter
 * unless force is non-zero. After detach the handle only answers
 * snare_proc_pid(), snare_proc_state() and, for a spawned process (it
 * stays the tracer's child), snare_proc_exit_status() once the session
 * has reaped it while waiting for its tracees.
 */
int snare_proc_detach(snare_proc *p, int force);

/*
 * Kill a process with SIGKILL and reap it, whatever state its threads are
 * in. The exit event is reported by the next snare_run(); the status is
 * readable at once with snare_proc_exit_status().
 */
int snare_proc_kill(snare_proc *p);

/* State of a process. */
enum snare_proc_state {
	SNARE_PROC_RUNNING = 0, /* some thread runs */
	SNARE_PROC_STOPPED,     /* all threads stopped, held by snare */
	SNARE_PROC_EXITED,      /* exited or killed; status known */
	SNARE_PROC_DETACHED,
};

pid_t snare_proc_pid(const snare_proc *p);
int snare_proc_state(const snare_proc *p); /* enum snare_proc_state */
snare_session *snare_proc_session(const snare_proc *p);
/* The parent process for a followed fork child, NULL otherwise. */
snare_proc *snare_proc_parent(const snare_proc *p);

/*
 * Post-mortem. Returns 1 and fills the non-NULL out-parameters once the
 * process has exited: *code is the exit code (or 0), *signo the terminating
 * signal (or 0), *core 1 when a core was dumped. Returns 0 while alive,
 * and for a detached process whose exit the session has not reaped (a
 * detached spawned process is still the caller's child: waitpid() it
 * once snare_run() no longer runs).
 */
int snare_proc_exit_status(int *code, int *signo, int *core,
			   const snare_proc *p);

/*
 * The tracer's end of a SNARE_STDIO_PIPE stream (0, 1 or 2) of a spawned
 * process (for SNARE_STDIO_PTY, a dup of the master, one per stream),
 * or -1. The fd stays owned by the process handle (closed at
 * session free) unless taken with snare_proc_take_stdio_fd(). CLOEXEC.
 */
int snare_proc_stdio_fd(const snare_proc *p, int stream);
/* Like snare_proc_stdio_fd() but the caller now owns (and closes) the fd. */
int snare_proc_take_stdio_fd(snare_proc *p, int stream);

/*
 * Threads of a live process, leader first. Fills up to cap handles into
 * out and returns the total count (which may exceed cap).
 */
size_t snare_proc_threads(snare_thread **out, size_t cap, const snare_proc *p);
/* The thread with this tid in p, or NULL. */
snare_thread *snare_proc_thread(const snare_proc *p, pid_t tid);

/* ------------------------------------------------------------------ */
/* Threads                                                            */
/* ------------------------------------------------------------------ */

pid_t snare_thread_tid(const snare_thread *t);
snare_proc *snare_thread_proc(const snare_thread *t);
/* 1 while the thread is alive (running or stopped), 0 once it exited. */
int snare_thread_alive(const snare_thread *t);
/*
 * Exit status of a thread that exited: returns 1 and sets *code (exit code)
 * and *signo (killing signal, or 0); 0 while alive.
 */
int snare_thread_exit_status(int *code, int *signo, const snare_thread *t);

/*
 * A pointer of the caller's, kept with the thread (or process) handle and
 * never touched by the library: per-thread state for a tracer without a
 * tid table of its own. NULL until set. Valid as long as the handle is
 * (see snare_proc_threads()).
 */
void snare_thread_set_user(snare_thread *t, void *user);
void *snare_thread_user(const snare_thread *t);
void snare_proc_set_user(snare_proc *p, void *user);
void *snare_proc_user(const snare_proc *p);

/* ------------------------------------------------------------------ */
/* Thread handles across the session                                  */
/* ------------------------------------------------------------------ */

/*
 * The handle of thread tid in any process of the session: a live thread,
 * else a thread that died but whose handle is still held (its exit not
 * reported yet, or the leader of a process handle the caller owns), or
 * NULL. After an exec from a non-leader thread the exec'ing thread's
 * handle has the leader's tid, and is still found by its former tid
 * (SNARE_EV_EXEC's old_tid) while no other thread has it.
 */
snare_thread *snare_session_thread(const snare_session *s, pid_t tid);
/*
 * The live threads of every process of the session, process by process,
 * leader first. Same convention as snare_proc_threads(): fills up to cap
 * handles into out (may be NULL with cap 0) and returns the total count.
 */
size_t snare_session_threads(snare_thread **out, size_t cap,
			     const snare_session *s);
/*
 * Called when the library frees a thread handle whose user pointer is set
 * (snare_thread_set_user()), so the caller can free its per-thread data:
 * after the thread's exit was reported (see docs/design.md, "Lifetimes";
 * a handle named by an event returned to the caller lives until the next
 * snare_run()), when its process handle is released (a followed child's
 * exit, a detach), and in snare_session_free(). thread_user is the
 * handle's user pointer; the handle itself may only be given to
 * snare_thread_tid() and snare_thread_user(), and fn must not call other
 * functions of the session. Once per handle, never for one whose user
 * pointer is NULL. One callback per session; fn NULL removes it. Returns
 * 0, -EINVAL (s NULL) or SNARE_EWRONGTHREAD.
 */
typedef void (*snare_thread_free_fn)(snare_thread *t, void *thread_user,
				     void *user);
int snare_session_on_thread_free(snare_session *s, snare_thread_free_fn fn,
				 void *user);

/* ------------------------------------------------------------------ */
/* The event loop                                                     */
/* ------------------------------------------------------------------ */

/* What happened. Every kind is passed to the session's on_event observer. */
enum snare_event_kind {
	SNARE_EV_NONE = 0,      /* nothing (SNARE_RUN_NOWAIT with nothing pending) */
	SNARE_EV_ALL_EXITED,    /* no traced process is left */
	SNARE_EV_INTERRUPT,     /* snare_session_interrupt() was honoured */
	SNARE_EV_PROC_EXIT,     /* a process exited: code, signo, core */
	SNARE_EV_PROC_NEW,      /* a followed fork/vfork/clone child: proc, parent */
	SNARE_EV_PROC_DETACHED, /* a callback returned SNARE_DETACH */
	SNARE_EV_EXEC,          /* execve succeeded: path, old_tid */
	SNARE_EV_THREAD_NEW,    /* a new thread: thread */
	SNARE_EV_THREAD_EXIT,   /* a thread exited: code, signo */
	SNARE_EV_SIGNAL,        /* a signal is about to be delivered: signo */
	SNARE_EV_GROUP_STOP,    /* the process entered a group-stop: signo */
	SNARE_EV_SYSCALL_ENTER, /* a hooked syscall is entered: syscall_nr, hook */
	SNARE_EV_SYSCALL_EXIT,  /* a hooked syscall returns: syscall_nr, retval */
	SNARE_EV_BREAKPOINT,    /* a breakpoint was hit: bp, pc (its address) */
	SNARE_EV_WATCHPOINT,    /* a watched location was accessed: bp, pc
				   (after the access), insn_addr */
	SNARE_EV_STEP,          /* a step/step_until/finish/next completed: pc */
	SNARE_EV_RETURN,        /* a return watched with snare_thread_on_return():
				   pc (the return address) */
	SNARE_EV_TIMEOUT,       /* snare_run_timeout(): the time ran out */
	SNARE_EV_STRAY_EXIT,    /* snare_session_report_strays(): pid, code,
				   signo, core */
	SNARE_EV_STRAY_DETACHED, /* snare_session_report_strays(): pid */
};

typedef struct snare_event {
	int kind;             /* enum snare_event_kind */
	snare_proc *proc;     /* the process, when there is one */
	snare_thread *thread; /* the thread, when there is one */
	pid_t pid, tid;
	int signo;            /* SIGNAL, GROUP_STOP, PROC_EXIT/THREAD_EXIT (killed by) */
	int code;             /* PROC_EXIT/THREAD_EXIT exit code */
	int core;             /* PROC_EXIT: a core was dumped */
	pid_t old_tid;        /* EXEC: tid that called execve (differs from pid
				 for an exec from a non-leader thread) */
	const char *path;     /* EXEC: the new program (see Lifetimes) */
	snare_proc *parent;   /* PROC_NEW */
	long syscall_nr;      /* SYSCALL_* */
	int64_t retval;       /* SYSCALL_EXIT */
	snare_hook *hook;     /* SYSCALL_*: the hook that stopped */
	const struct snare_siginfo *siginfo; /* SIGNAL (see Lifetimes) */
	snare_bp *bp;         /* BREAKPOINT, WATCHPOINT */
	uint64_t pc;          /* BREAKPOINT, WATCHPOINT, STEP, RETURN */
	uint64_t insn_addr;   /* WATCHPOINT: the accessing instruction (exact
				 for page protection; for debug registers
				 decoded backwards from pc, 0 if unsure) */
	/* WATCHPOINT: the watched bytes before and after the access
	   (value_len of each; see Lifetimes), and the address accessed
	   (page protection; 0 when unknown, as for debug registers). */
	const void *old_value, *new_value;
	size_t value_len;
	uint64_t access_addr;
	/* Zero. Room for the fields of later versions, so that the size of
	   snare_event stays the same (docs/design.md, "ABI"). */
	uint64_t reserved[8];
} snare_event;

enum snare_run_mode {
	/* Run until a stop the user asked for (a callback returned STOP, a
	   hook without callback, an interrupt) or until no process is left. */
	SNARE_RUN_DEFAULT = 0,
	/* Like DEFAULT, but also return after each reportable event: every
	   event is returned, in order, one per call (those of one dispatch
	   are kept and returned by the following calls without running). */
	SNARE_RUN_ONCE = 1,
	/* Handle what is pending without blocking; SNARE_EV_NONE when nothing. */
	SNARE_RUN_NOWAIT = 2,
};

/*
 * Resume every stopped thread and run the event loop. Returns 0 and fills
 * *ev (may be NULL) with the event that returned control; at that point
 * every thread of every traced process is stopped (all-stop), and events
 * other threads produced meanwhile stay queued for the next run. Errors:
 * SNARE_EWRONGTHREAD, -EINVAL. ev->kind is SNARE_EV_ALL_EXITED when nothing
 * is left to trace.
 */
int snare_run(snare_event *ev, snare_session *s, int mode);

/*
 * Ask a running snare_run() to stop every thread and return with
 * SNARE_EV_INTERRUPT as soon as possible. Async-signal-safe and callable
 * from any thread or signal handler (it sets a flag and, if the loop is
 * blocked waiting, wakes it through a small child process of the session;
 * no tracee is ever sent a signal for it).
 * From inside a callback it takes effect when the callback returns. When no
 * snare_run() is in progress, the next one returns at once.
 */
void snare_session_interrupt(snare_session *s);

/* ------------------------------------------------------------------ */
/* Processes the session does not trace                               */
/* ------------------------------------------------------------------ */

/*
 * Report (on != 0) or drop silently (0, the default) what the session
 * meets of processes it does not trace, as strace reports them:
 *  - SNARE_EV_STRAY_EXIT: a child of the tracer thread that no session
 *    object stands for exited and was reaped by the session's wait (a
 *    grandchild made with CLONE_PARENT, a child the program inherited
 *    across exec): ev->pid, ev->code, ev->signo, ev->core. Never for a
 *    thread or process the session traced or detached.
 *  - SNARE_EV_STRAY_DETACHED: with follow_forks off, a child the kernel
 *    attached to us because its parent's clone() or clone3() asked for
 *    CLONE_PTRACE was let go untouched: ev->pid (the child's tid).
 * No STRAY_EXIT comes for a child of the tracer born while a process of
 * the session was handed off (snare_proc_handoff()): that process ran
 * outside the session then, and so did what it forked.
 * Both have no proc or thread; they go to the on_event observer (and,
 * with SNARE_RUN_ONCE, return from snare_run()) before the stops of the
 * same wait. Errors: -EINVAL (s NULL), SNARE_EWRONGTHREAD.
 */
int snare_session_report_strays(snare_session *s, int on);

/* ------------------------------------------------------------------ */
/* Process I/O and polling                                            */
/* ------------------------------------------------------------------ */

/*
 * Every call of this section that waits keeps the session's event loop
 * running meanwhile: stops are dispatched as snare_run() would (breakpoint
 * callbacks, hooks, observers run, from the calling thread). A wait ends
 * early when the loop has an event for the caller (a callback returned
 * SNARE_STOP, a hook without callback, snare_session_interrupt()): then
 * every thread is stopped (all-stop) and the call returns SNARE_ESTOPPED;
 * the event is kept, and the next snare_run() returns it. Otherwise the
 * threads are left running when the call returns (as SNARE_RUN_NOWAIT
 * leaves them); the next snare_run() or waiting call goes on from there.
 * A process that is stopped when a wait starts is resumed. Not from a
 * callback (-EBUSY). See docs/design.md, "Polling and I/O".
 */

/*
 * A file descriptor that becomes readable (POLLIN) when the session has
 * stops to handle, for the caller's poll/select/epoll loop. Owned by the
 * session (do not close it; closed at snare_session_free()). The first
 * call starts a helper thread of the session that waits, without
 * consuming anything, for its tracees' reports (waitid(WNOWAIT), signals
 * blocked in it); no signal handler is installed and the caller's signal
 * mask is untouched. When the fd is readable, call
 * snare_session_dispatch(). A child of another thread of the program
 * that is not reaped may make it readable with nothing to handle: then
 * it is armed again after a short delay, up to 100 ms, so a
 * program with such children costs a few wake-ups a second.
 * snare_session_interrupt() makes it readable too.
 * Errors: -errno (eventfd, thread creation), SNARE_EWRONGTHREAD.
 */
int snare_session_fd(snare_session *s);

/*
 * Handle what is pending without blocking, running the callbacks, as
 * snare_run(ev, s, SNARE_RUN_NOWAIT), and arm snare_session_fd() again.
 * Call it when the fd is readable, and once at the start: it resumes the
 * stopped threads (after snare_spawn(), after an event). Returns 0 with
 * ev->kind SNARE_EV_NONE while the threads keep running; any other kind
 * is an event for the caller, with every thread stopped until the next
 * snare_session_dispatch() or snare_run() resumes them; SNARE_EV_ALL_EXITED
 * when nothing is left to trace. Errors: as snare_run().
 */
int snare_session_dispatch(snare_event *ev, snare_session *s);

/*
 * snare_run() with a time limit: mode SNARE_RUN_DEFAULT or SNARE_RUN_ONCE;
 * timeout_ms < 0 waits forever (snare_run()). When the time runs out
 * first, every thread is stopped (all-stop, as for any return of
 * snare_run()) and ev->kind is SNARE_EV_TIMEOUT. Uses snare_session_fd().
 * Errors: as snare_run().
 */
int snare_run_timeout(snare_event *ev, snare_session *s, int mode,
		      int timeout_ms);

/*
 * Process I/O on a process made by snare_spawn() with a SNARE_STDIO_PIPE
 * or SNARE_STDIO_PTY stream. A pty is set up raw (cfmakeraw: no echo of
 * what is sent, no line editing, no special characters such as ^C or
 * ^D, no "\r\n" translation of the output: bytes pass unchanged), 24 rows
 * by 80 columns; isatty() is true in the program, so its stdio flushes
 * stdout at each line. stdout and stderr on one pty are one stream (read
 * either). Its master fd is snare_proc_stdio_fd(p, 1).
 *
 * Received bytes are kept by the process handle (freed with it): what a
 * call reads past what it returns, and what a call that failed (timeout,
 * EOF, event) had received, are returned by the next calls. Do not read
 * the fd directly in between. stream is 1 (stdout) or 2 (stderr).
 * timeout_ms < 0 waits forever; 0 takes only what is there.
 *
 * Results of the receiving calls: the number of bytes (> 0), or
 *  -ETIMEDOUT      the time ran out;
 *  SNARE_EEOF      the stream ended (every writer closed it) before what
 *                  was asked for came;
 *  SNARE_EEXITED   the process exited, no traced process is left (a
 *                  followed child holding the stream is waited for), and
 *                  the stream has nothing more now, though an untraced
 *                  process may still hold it open;
 *  SNARE_ESTOPPED  the loop has an event for the caller (see above);
 *  -EINVAL (NULL, no such stream), -ENOSPC (recvline/recvuntil: cap-1
 *  bytes came without the delimiter; they stay kept), -EBUSY, -ENOMEM,
 *  or the read()'s error.
 */

/* Up to cap bytes, as soon as at least one is there. */
ssize_t snare_proc_recv(void *buf, size_t cap, snare_proc *p, int stream,
			int timeout_ms);
/*
 * Bytes up to and including the first occurrence of delim (dlen bytes),
 * at most cap-1 of them, NUL-terminated in buf.
 */
ssize_t snare_proc_recvuntil(char *buf, size_t cap, snare_proc *p, int stream,
			     const void *delim, size_t dlen, int timeout_ms);
/* snare_proc_recvuntil() with "\n": one line, its newline included. */
ssize_t snare_proc_recvline(char *buf, size_t cap, snare_proc *p, int stream,
			    int timeout_ms);

/*
 * Write len bytes to the program's stdin (pipe or pty), keeping the loop
 * running while the pipe is full, so a program stopped at a breakpoint
 * cannot deadlock the write. Returns len. A SIGPIPE from a pipe whose
 * reader is gone is blocked in the calling thread during the write (and
 * taken, if it was not pending before) and the call returns -EPIPE.
 * Errors: as the receiving calls (on -ETIMEDOUT part of buf may have been
 * written), -EPIPE, -EIO (the pty has no reader left).
 */
ssize_t snare_proc_send(snare_proc *p, const void *buf, size_t len,
			int timeout_ms);
/* snare_proc_send() of line and a "\n". Returns the bytes written. */
ssize_t snare_proc_sendline(snare_proc *p, const char *line, int timeout_ms);
/*
 * Wait for delim on stream (what came up to and including it is
 * consumed), then send len bytes of buf; timeout_ms bounds the whole.
 * Returns len. Errors: as snare_proc_recvuntil() (without -ENOSPC) and
 * snare_proc_send().
 */
ssize_t snare_proc_sendafter(snare_proc *p, int stream, const void *delim,
			     size_t dlen, const void *buf, size_t len,
			     int timeout_ms);

/*
 * Set the pty's window size (the program gets SIGWINCH). -ENOTTY when p
 * has no pty.
 */
int snare_proc_set_winsize(snare_proc *p, unsigned short rows,
			   unsigned short cols);

/*
 * Copy bytes between the caller and the program until the program's
 * output ends: what comes from in_fd (a terminal, a pipe) is sent to its
 * stdin, what it writes (stdout and stderr, kept bytes first) goes to
 * out_fd. At EOF of in_fd the program's stdin pipe is closed (a pty is
 * left open: raw mode has no end-of-file character). The loop keeps
 * running. Returns 0 when the output ended or the process exited,
 * SNARE_ESTOPPED, or an error of the calls above or of read/write on
 * the caller's fds. The caller sets its terminal's mode.
 */
int snare_proc_interactive(snare_proc *p, int in_fd, int out_fd);

/* ------------------------------------------------------------------ */
/* Registers (thread must be stopped)                                 */
/* ------------------------------------------------------------------ */

/*
 * Copy the thread's general registers into *out. Read once per stop and
 * cached. Errors: SNARE_ERUNNING, SNARE_EEXITED, -ESRCH.
 */
int snare_regs_get(snare_regs *out, snare_thread *t);
/* Replace the general registers; written back once, when the thread resumes. */
int snare_regs_set(snare_thread *t, const snare_regs *in);
/*
 * Read/write one register by name ("rax", "eflags", "fs_base", "orig_rax"
 * ..., also "pc", "sp" and "fp" for rip, rsp and rbp), or a part of one:
 * "eax", "ax", "al", "ah" (and ebx..edx, bh..dh), "esi"/"si"/"sil",
 * "edi"/"di"/"dil", "ebp"/"bp"/"bpl", "esp"/"spl", "r8d"/"r8w"/"r8b"
 * .. "r15d"/"r15w"/"r15b" ("r8l" too, as gdb spells it), "eip"/"ip".
 * ("sp" stays the stack pointer, as in gdb: there is no 16-bit name for
 * it.) A part reads as its bits, zero-extended. Writes follow the CPU:
 * a 32-bit part zero-extends into the whole register (eax = 1 clears the
 * top half of rax, where gdb's "set $eax" keeps it), a 16- or 8-bit part
 * keeps the other bits. The value
 * must fit the part, zero- or sign-extended ((uint64_t)-1 writes
 * 0xffffffff into eax); -EINVAL otherwise, nothing written. Writing the
 * pc (rip, eip, ip) inside a syscall sets orig_rax to -1 (no restart).
 * Errors: -EINVAL for an unknown name (message names it), plus those of
 * snare_regs_get().
 */
int snare_reg_get(uint64_t *out, snare_thread *t, const char *name);
int snare_reg_set(snare_thread *t, const char *name, uint64_t value);
/* Program counter and stack pointer shortcuts. */
int snare_thread_pc(uint64_t *out, snare_thread *t);
int snare_thread_set_pc(snare_thread *t, uint64_t pc);
int snare_thread_sp(uint64_t *out, snare_thread *t);

/*
 * The x87/SSE state (FXSAVE layout: x87, MXCSR, XMM0-15) with one
 * PTRACE_GETFPREGS; set writes it at once with PTRACE_SETFPREGS. Errors:
 * -EINVAL, SNARE_ERUNNING, SNARE_EEXITED, -ESRCH.
 */
int snare_fpregs_get(snare_fpregs *out, snare_thread *t);
int snare_fpregs_set(snare_thread *t, const snare_fpregs *in);
/*
 * One FP or vector register by name, from the thread's XSAVE area
 * (PTRACE_GETREGSET NT_X86_XSTATE): "xmm0".."xmm31" (16 bytes), "ymm0"..
 * "ymm31" (32), "zmm0".."zmm31" (64), "k0".."k7" (8), "st0".."st7" (10: the
 * 80-bit x87 register, physical order), "mm0".."mm7" (8: the MMX
 * register, the low 64 bits of x87 physical register i, found through
 * the TOP field of the status word), "mxcsr" (4). Registers 16-31 and
 * zmm/k need AVX-512, ymm AVX. The bytes are copied into buf as they sit
 * in the register (little-endian, lane 0 first); returns the size. A
 * component in its initial state reads as zeros. Errors: -EINVAL (unknown
 * name; the message lists the names), -ENOSPC (cap smaller than the
 * register, nothing copied), -ENOTSUP (the CPU or the thread does not have
 * that state), SNARE_ERUNNING, SNARE_EEXITED, -ESRCH.
 */
int snare_vreg_get(void *buf, size_t cap, snare_thread *t, const char *name);
/*
 * Write one register by name; len must be its size (-EINVAL otherwise).
 * Written at once (one GETREGSET and one SETREGSET). A write of mmN also
 * does what an MMX instruction does to that register: bits 64-79 of the
 * x87 register all ones and its tag valid (gdb writes the low 64 bits
 * only). Errors as snare_vreg_get().
 */
int snare_vreg_set(snare_thread *t, const char *name, const void *buf,
		   size_t len);

/* ------------------------------------------------------------------ */
/* Inspecting threads and the session                                 */
/* ------------------------------------------------------------------ */

/* Defined below, with the hooks and breakpoints they describe. */
struct snare_bp_opts;
struct snare_hook_opts;
struct snare_sighook_opts;

/*
 * The general registers t had at its last stop, readable after it died:
 * the pc and registers of a crash. Kept when t leaves a stop whose
 * registers were read (by the caller or the library), or a stop that
 * delivers a signal whose default action kills (SIGSEGV, SIGABRT, ...:
 * then they are read once there, one PTRACE_GETREGS and one
 * PTRACE_GETFPREGS, whether or not the program handles it); a stop that
 * runs no code (the exit stop, a group-stop) keeps what was kept. So for
 * a thread killed by a fault, it is the fault's signal-delivery-stop,
 * with rip at the faulting instruction. Valid as long as the handle (see Lifetimes), including in
 * the THREAD_EXIT and PROC_EXIT callbacks. Errors: -EINVAL (NULL),
 * SNARE_ERUNNING (t runs), -EBUSY (t is alive and stopped: use
 * snare_regs_get()), -ENODATA (nothing kept: its last stop delivered no
 * fatal signal and its registers were not read there, e.g. a thread
 * killed by another thread's crash), SNARE_EWRONGTHREAD.
 */
int snare_thread_last_regs(snare_regs *out, const snare_thread *t);
/*
 * The x87/SSE state (FXSAVE layout) at the same stop, kept only when that
 * stop delivered a signal whose default action kills (read there with one
 * PTRACE_GETFPREGS). Errors: those of snare_thread_last_regs(), and
 * -ENODATA when the registers were kept from another kind of stop.
 */
int snare_thread_last_fpregs(snare_fpregs *out, const snare_thread *t);

/*
 * Send signo to t when it next resumes from snare_run() (or from
 * snare_thread_finish()/next()), whatever it is stopped at: a breakpoint,
 * a syscall stop, after a step or an interrupt, a signal-delivery-stop
 * (where it comes after the signal being delivered; to replace that one,
 * use snare_thread_set_signal()). A single step (snare_thread_step())
 * does not send it. It is sent with tgkill(2) just before the resume, so
 * the thread alone gets it, once, as a signal from the tracer (si_code
 * SI_TKILL, si_pid the tracer's pid): it goes through signal hooks, the
 * block list and the on_event observer as any signal, and the program's
 * handler runs once. A thread in group-stop gets it when it leaves the
 * group-stop. Queuing a signal already queued does nothing more (one
 * delivery). Queued signals go with the thread: none is sent if it exits
 * or is detached first. Errors: -EINVAL (NULL, signo outside 1..64),
 * SNARE_ERUNNING (t runs), SNARE_EEXITED (t exited or is exiting),
 * SNARE_EDETACHED, SNARE_EWRONGTHREAD; the message says which.
 */
int snare_thread_queue_signal(snare_thread *t, int signo);

/*
 * The breakpoints and watchpoints the caller set on p (snare_bp_add(),
 * snare_bp_add_at()), oldest first: pending and disabled ones included,
 * removed ones and the library's own (finish/next targets, return
 * watches) not. Fills up to cap handles into out (may be NULL with cap 0)
 * and returns the total count, which may exceed cap. A fork child's
 * inherited copies are the child's. 0 for NULL or an exited process.
 * The handles are valid as snare_bp_add() says.
 */
size_t snare_proc_bps(snare_bp **out, size_t cap, const snare_proc *p);
/* The same for every process of the session, process by process. */
size_t snare_session_bps(snare_bp **out, size_t cap, const snare_session *s);
/*
 * The session's syscall hooks not removed: the SNARE_HOOK_ALL one first,
 * then by syscall number. Same convention as snare_proc_bps().
 */
size_t snare_session_hooks(snare_hook **out, size_t cap, const snare_session *s);
/*
 * The session's signal hooks not removed: the SNARE_SIG_ALL one first,
 * then by signal number. Same convention as snare_proc_bps().
 */
size_t snare_session_sighooks(snare_sighook **out, size_t cap,
			      const snare_session *s);

/* 1 when the breakpoint is enabled, 0 when not; -EINVAL for NULL. */
int snare_bp_enabled(const snare_bp *bp);
/*
 * 1 while the breakpoint waits for its location to be loaded
 * (snare_bp_add_at(); snare_bp_addr() is 0 then), 0 once armed; -EINVAL.
 */
int snare_bp_pending(const snare_bp *bp);
/* Bytes watched by a watchpoint (1 for a breakpoint); 0 for NULL. */
size_t snare_bp_len(const snare_bp *bp);
/*
 * The options the breakpoint was set with (current version, flags 0 for
 * version 1 options): kind, len, condition, on_hit, user, flags. 0, or
 * -EINVAL for NULL.
 */
int snare_bp_get_opts(struct snare_bp_opts *out, const snare_bp *bp);
/*
 * The hooked syscall number, SNARE_HOOK_ALL for a hook of every syscall
 * (name it with snare_syscall_name()); -EINVAL for NULL.
 */
long snare_hook_nr(const snare_hook *h);
/* 1 when the hook is enabled (snare_hook_enable()), 0 when not; -EINVAL. */
int snare_hook_enabled(const snare_hook *h);
/*
 * The options the hook was set with: on_enter and on_exit say where it
 * acts (a hook with neither stops at both), user, recursive. 0 or -EINVAL.
 */
int snare_hook_get_opts(struct snare_hook_opts *out, const snare_hook *h);
/* The hooked signal, SNARE_SIG_ALL for every signal; -EINVAL for NULL. */
int snare_sighook_signo(const snare_sighook *h);
/* The options the signal hook was set with. 0 or -EINVAL. */
int snare_sighook_get_opts(struct snare_sighook_opts *out,
			   const snare_sighook *h);

/* ------------------------------------------------------------------ */
/* Memory                                                             */
/* ------------------------------------------------------------------ */

/*
 * Read len bytes at addr of the process into buf, as the program sees
 * them: under a software breakpoint, the original byte, not the int3.
 * Works on any mapping readable by the program or by a debugger (pages
 * protected for a software watchpoint included); the process may be
 * running. len is capped at 1 GiB. Returns 0, or -EFAULT (with the first
 * failing address in the message), -EINVAL (wrap-around, len too large),
 * SNARE_EEXITED.
 */
int snare_mem_read(void *buf, snare_proc *p, uint64_t addr, size_t len);
/*
 * The bytes really in memory, int3s of breakpoints included. As
 * snare_mem_read() otherwise.
 */
int snare_mem_read_raw(void *buf, snare_proc *p, uint64_t addr, size_t len);
/*
 * Write len bytes at addr, including into read-only text (through
 * /proc/PID/mem). A write over a software breakpoint changes the
 * instruction it covers and keeps the breakpoint: the new byte is saved
 * under the int3 (snare_bp_remove() puts it back), and the covered
 * instruction is decoded again. If the new bytes are no longer a valid
 * instruction there, the breakpoint is disabled (and its int3 taken out)
 * rather than run garbage; snare_bp_enable() says why. Errors as
 * snare_mem_read().
 */
int snare_mem_write(snare_proc *p, uint64_t addr, const void *buf, size_t len);
/*
 * Read a NUL-terminated string of at most cap-1 bytes into buf (always
 * terminated). Returns its length, or a negative error. Stops at an
 * unreadable page with what was read so far; -EFAULT if nothing could be.
 */
ssize_t snare_mem_read_str(char *buf, size_t cap, snare_proc *p, uint64_t addr);

/* One line of /proc/PID/maps. */
typedef struct snare_map {
	uint64_t start, end, offset;
	int prot;          /* PROT_READ | PROT_WRITE | PROT_EXEC */
	int shared;        /* 1 for MAP_SHARED ('s') */
	uint64_t inode;
	unsigned dev_major, dev_minor;
	char *path;        /* "" for anonymous, "[stack]", ... */
} snare_map;

/*
 * Parse the process's memory maps into a new array of *n entries in *out.
 * prot is the program's own protection, also for pages a software
 * watchpoint protects (mprotect splits those into entries of their own).
 * The caller frees it with snare_maps_free(). Errors: SNARE_EEXITED, -ENOMEM.
 */
int snare_proc_maps(snare_map **out, size_t *n, snare_proc *p);
/* Parse maps text (the format of /proc/PID/maps); for tests and tools. */
int snare_maps_parse(snare_map **out, size_t *n, const char *text, size_t len);
void snare_maps_free(snare_map *maps, size_t n);

/* ------------------------------------------------------------------ */
/* Searching memory and addresses                                     */
/* ------------------------------------------------------------------ */

/*
 * Map filters. Wherever a function takes `maps` (a search's maps, a
 * pointer search's targets), it is a comma-separated list of any of:
 *   NULL, "" or "*"     every map
 *   "[heap]", "[stack]", "[vdso]"...  the maps with that name
 *   "[anon]"            anonymous maps (no name in /proc/PID/maps)
 *   "/full/path"        the maps of that file
 *   "libc.so.6", "libc" the maps of the file with that basename, or whose
 *                       basename starts with it followed by '.' or '-';
 *                       the full path wins over a basename, a basename
 *                       over a prefix; two files at the best rank are
 *                       ambiguous (-EINVAL naming both)
 *   "0x1000-0x2000"     the bytes of every map within [0x1000, 0x2000)
 * A name that matches no map is -ENOENT. Searches read only maps the
 * program can read (its own protection: pages a software watchpoint
 * protects count as readable) and skip, without error, pages that still
 * cannot be read (guard pages, [vvar], a file mapping past its file's
 * end). The process may be running (a consistent picture needs it
 * stopped) but must be traced: SNARE_EEXITED, SNARE_EDETACHED otherwise.
 */

/* snare_search_opts.flags */
#define SNARE_SEARCH_WRITABLE 0x1u  /* only maps the program can write */
#define SNARE_SEARCH_RAW 0x2u       /* the bytes in memory, int3s of breakpoints
				       included (default: the program's view,
				       as snare_mem_read() shows it) */
#define SNARE_SEARCH_UNALIGNED 0x4u /* pointer search: at every byte, not only
				       at 8-byte aligned addresses */

#define SNARE_SEARCH_OPTS_VERSION 1
typedef struct snare_search_opts {
	unsigned version;
	const char *maps; /* the maps to read (filter above); NULL: all */
	unsigned flags;   /* SNARE_SEARCH_* */
} snare_search_opts;
#define SNARE_SEARCH_OPTS_INIT { SNARE_SEARCH_OPTS_VERSION, NULL, 0 }

/* One result of a search. */
typedef struct snare_mem_hit {
	uint64_t addr;           /* the match; pointer search: where the
				    pointer is stored */
	uint64_t value;          /* pointer search: the pointer; else 0 */
	const snare_map *map;    /* the map holding addr */
	const snare_map *target; /* pointer search: the map value points
				    into; else NULL */
} snare_mem_hit;

/*
 * Called for each hit, in address order; the hit and its maps are valid
 * during the call only. Return 0 to go on; any other value ends the
 * search and is what the search returns (make it negative to tell it
 * from a count).
 */
typedef int (*snare_mem_hit_fn)(const snare_mem_hit *hit, void *user);

/*
 * Find every occurrence of the len bytes at `bytes` (1..4096) in the maps
 * opts->maps selects (opts may be NULL: every readable map, the
 * program's view). mask (NULL: every bit counts) has len bytes: a byte of
 * memory m matches when (m & mask[i]) == (bytes[i] & mask[i]); at least
 * one mask byte must be non-zero. Memory is read in chunks of 1 MiB;
 * matches across chunk borders and between adjacent maps are found,
 * overlapping ones are all reported ("aa" twice in "aaa"). Returns the
 * number of hits, or cb's non-zero value. Errors: -EINVAL (NULL p, bytes
 * or cb, len 0 or over 4096, a mask of zeros, bad opts version or
 * filter), -ENOENT (a filter names no map), SNARE_EEXITED,
 * SNARE_EDETACHED, -ENOMEM; the message is in snare_errmsg().
 */
int snare_mem_search(snare_proc *p, const snare_search_opts *opts,
		     const void *bytes, const void *mask, size_t len,
		     snare_mem_hit_fn cb, void *user);

/*
 * Parse a byte pattern written as text into bytes and mask (cap bytes
 * each): hex bytes, spaces optional ("48 8b 44 24", "488b4424"); "??" or
 * "?" for any byte, "4?" or "?8" for one known nibble; a C string in
 * double quotes for its bytes ("\"flag{\" ?? 7d": escapes \n \t \r \0
 * \\ \" \xHH). Returns the length (>= 1). Errors: -EINVAL (bad syntax,
 * an empty pattern, or one of wildcards only), -ENOSPC (longer than
 * cap).
 */
int snare_pattern_parse(uint8_t *bytes, uint8_t *mask, size_t cap,
			const char *text);

/*
 * snare_mem_search() for a pattern in the text form of
 * snare_pattern_parse(); a bad pattern is -EINVAL with the position in
 * snare_errmsg().
 */
int snare_mem_search_pattern(snare_proc *p, const snare_search_opts *opts,
			     const char *pattern, snare_mem_hit_fn cb,
			     void *user);

/*
 * Find pointers: every 8-byte little-endian value, stored at an 8-byte
 * aligned address (any address with SNARE_SEARCH_UNALIGNED) in the maps
 * opts->maps selects, that points into a map selected by `to` (the same
 * filter grammar; NULL: any map, readable or not). hit->addr is where the
 * value is stored, hit->value the value, hit->target its map. Returns
 * and errors as snare_mem_search().
 */
int snare_mem_find_pointers(snare_proc *p, const snare_search_opts *opts,
			    const char *to, snare_mem_hit_fn cb, void *user);

/*
 * Hits kept in an array: pass snare_mem_hits_add as the callback and a
 * zeroed snare_mem_hits as user; free with snare_mem_hits_free(). Each
 * hit's map and target point to copies owned by the array. The callback
 * returns 0, or -ENOMEM (which ends the search).
 */
typedef struct snare_mem_hits {
	snare_mem_hit *v;
	size_t n;
	snare_map **maps; /* private: the copied maps */
	size_t nmaps, cap, maps_cap;
} snare_mem_hits;
int snare_mem_hits_add(const snare_mem_hit *hit, void *hits);
/* Free what the array holds and zero it. NULL-safe. */
void snare_mem_hits_free(snare_mem_hits *hits);

/*
 * Resolve an address expression of a live process into *addr:
 *   "[heap]+0x10", "[stack]-0x20", "[vdso]"   a named map's lowest
 *                       address, plus or minus an offset
 *   "libc.so.6+0x1234", "/usr/lib/.../libc.so.6+0x10"   a file's load
 *                       base (its lowest mapping) plus an offset; the
 *                       file named by full path or basename (no prefix)
 *   every location of snare_symtab_resolve(): "main+0x10",
 *                       "libc.so.6:printf", "0x7f...", "file.c:42"...
 * OFF is decimal or 0x-hex. A bracketed name or a full path is looked
 * for among the maps first; a bare NAME[+OFF] is a symbol first and a
 * file's base only when no symbol has that name, so every form of
 * snare_symtab_resolve() keeps its meaning (which also accepts the map
 * forms, as snare_bp_add_at() does: a watchpoint on "[heap]+0x10").
 * Errors: -EINVAL (NULL, bad syntax, offset overflow, ambiguous name),
 * -ENOENT (no such map or symbol), SNARE_EEXITED, SNARE_EDETACHED; the
 * message is in snare_errmsg().
 */
int snare_proc_resolve(uint64_t *addr, snare_proc *p, const char *expr);

/*
 * The reverse: name addr relative to its map, "[heap]+0x10",
 * "[stack]+0x1f30", "libc.so.6+0x1234" (from the file's lowest mapping;
 * the full path when two mapped files share the basename), "[vdso]" at
 * the base; snare_proc_resolve() gives addr back. buf always receives a
 * NUL-terminated string: "0x7f..." for an address in an anonymous map
 * or in none, with -ENOENT. Returns 0; -ENOENT; -ERANGE (cap too small,
 * truncated); -EINVAL (NULL, cap 0); SNARE_EEXITED; SNARE_EDETACHED.
 */
int snare_proc_describe(char *buf, size_t cap, snare_proc *p, uint64_t addr);

/* Symbol kinds for snare_symtab_list(), as a mask. */
#define SNARE_SYM_FUNC 0x1u   /* functions (and GNU indirect functions) */
#define SNARE_SYM_OBJECT 0x2u /* data objects (variables, tables) */

/* One symbol of a listing. */
typedef struct snare_sym {
	const char *name; /* as in the symbol table ("memcpy@@GLIBC_2.14") */
	const char *file; /* the file's short name, as locations write it
			     ("libc.so.6", "[vdso]") */
	const char *path; /* the file's full path */
	uint64_t addr;    /* live address (link-time for an ELF file); for a
			     GNU indirect function the chosen implementation
			     when it can be read, else the resolver */
	uint64_t size;    /* st_size, 0 when unknown */
	unsigned type;    /* SNARE_SYM_FUNC or SNARE_SYM_OBJECT */
	int global;       /* 1: global or weak; 0: local */
	int ifunc;        /* 1: a GNU indirect function */
} snare_sym;

typedef int (*snare_sym_fn)(const snare_sym *sym, void *user);

/*
 * List the defined symbols of every mapped file, or of one (`file`, named
 * as for snare_symtab_resolve()'s LIB; NULL for all), whose name matches
 * `name`: a shell pattern (fnmatch(3)) when it has '*', '?' or '[', else
 * a substring; NULL or "" for all. A name's "@VERSION" is not part of
 * the match unless the pattern has an '@'; a pattern with "::" also
 * matches demangled C++ names. types: a mask of SNARE_SYM_* (0: both).
 * Every name is reported, aliases too; files come program first, then
 * by address; symbols by address, then name. The symbol and its strings
 * are valid during the call. cb returns 0 to go on; any other value ends
 * the walk and is returned. Returns the number listed. Errors: -EINVAL
 * (NULL st or cb, types outside the mask), -ENOENT (file names no mapped
 * file), -ENOMEM; the message in snare_symtab_errmsg(). Does not refresh
 * (see snare_symtab_glob()).
 */
struct snare_symtab; /* snare_symtab, "Symbols and source lines" below */
int snare_symtab_list(struct snare_symtab *st, const char *file,
		      const char *name, unsigned types, snare_sym_fn cb,
		      void *user);

/*
 * Symbols kept in an array: pass snare_syms_add as the callback and a
 * zeroed snare_syms as user (strings copied, owned by the array); free
 * with snare_syms_free(). The callback returns 0 or -ENOMEM.
 */
typedef struct snare_syms {
	snare_sym *v;
	size_t n, cap;
} snare_syms;
int snare_syms_add(const snare_sym *sym, void *syms);
/* Free what the array holds and zero it. NULL-safe. */
void snare_syms_free(snare_syms *syms);

/* ------------------------------------------------------------------ */
/* Syscall hooks                                                      */
/* ------------------------------------------------------------------ */

/*
 * Syscall numbers and names (x86_64 table generated from the kernel
 * headers). snare_syscall_name() returns NULL for an unknown number.
 * snare_syscall_nr() returns the number, or -ENOENT for an unknown name.
 */
const char *snare_syscall_name(long nr);
long snare_syscall_nr(const char *name);
/* Highest syscall number in the table plus one. */
long snare_syscall_count(void);

/*
 * What strace's table says of a syscall besides its name: its classes,
 * the groups of `-e trace=%CLASS` (bits below; a syscall may be in
 * several), its argument count, and which arguments name a path or an fd
 * as strace's -P sees them. The same table drives the printer
 * (snare_format_syscall_enter()) and `snare trace`.
 */
#define SNARE_SC_DESC         (1u << 0)  /* %desc: takes or returns an fd */
#define SNARE_SC_FILE         (1u << 1)  /* %file: takes a file name */
#define SNARE_SC_IPC          (1u << 2)  /* %ipc: SysV IPC */
#define SNARE_SC_NETWORK      (1u << 3)  /* %network, %net */
#define SNARE_SC_PROCESS      (1u << 4)  /* %process: process lifetime */
#define SNARE_SC_SIGNAL       (1u << 5)  /* %signal */
#define SNARE_SC_MEMORY       (1u << 6)  /* %memory: memory mappings */
#define SNARE_SC_CREDS        (1u << 7)  /* %creds: user/group ids, caps */
#define SNARE_SC_CLOCK        (1u << 8)  /* %clock: read or set clocks */
#define SNARE_SC_STAT         (1u << 9)  /* %stat */
#define SNARE_SC_LSTAT        (1u << 10) /* %lstat */
#define SNARE_SC_FSTAT        (1u << 11) /* %fstat */
#define SNARE_SC_STAT_LIKE    (1u << 12) /* %%stat: any stat variant */
#define SNARE_SC_STATFS       (1u << 13) /* %statfs */
#define SNARE_SC_FSTATFS      (1u << 14) /* %fstatfs */
#define SNARE_SC_STATFS_LIKE  (1u << 15) /* %%statfs */
#define SNARE_SC_PURE         (1u << 16) /* %pure: no arguments, never fail */
/* The classes of syscall nr: 0 for none or an unknown number. */
unsigned snare_syscall_classes(long nr);
/* The bit of a class named as -e trace= names it ("%file", "%net",
   "%%stat"), or 0 for an unknown name or NULL. */
unsigned snare_syscall_class_named(const char *name);
/* The number of arguments of syscall nr, or -ENOENT for an unknown one. */
int snare_syscall_nargs(long nr);
/* Roles of snare_syscall_arg_roles(). */
enum snare_arg_role {
	SNARE_ARG_OTHER = 0,
	SNARE_ARG_PATH,      /* a NUL-terminated path */
	SNARE_ARG_FD,        /* a file descriptor (AT_FDCWD included) */
	SNARE_ARG_FD_SET,    /* select's fd_set, of args[0] bits */
	SNARE_ARG_POLL_FDS,  /* a struct pollfd array of args[i + 1] entries */
};
/*
 * Fill roles[0..5] with the role of each argument of syscall nr for these
 * argument values (args may be NULL; fsconfig's roles depend on its
 * command), every other slot SNARE_ARG_OTHER. Syscalls that make an fd
 * out of nothing (socket, pipe...) have none. Returns the argument
 * count, -ENOENT for an unknown number, -EINVAL for a NULL roles.
 */
int snare_syscall_arg_roles(unsigned char roles[6], long nr,
			    const uint64_t args[6]);

/* The syscall a hook is looking at, valid inside a hook callback. */
typedef struct snare_syscall {
	long nr;            /* number (may be changed in on_enter: hijack) */
	uint64_t args[6];   /* arguments (may be changed in on_enter) */
	int64_t retval;     /* on_exit: return value, -errno on error */
	int skip;           /* on_enter: set to 1 to skip, returning retval */
} snare_syscall;

/*
 * Hook callbacks. Changes made to *sc are applied to the thread when the
 * callback returns. Return an enum snare_action.
 */
typedef int (*snare_syscall_fn)(snare_thread *t, snare_syscall *sc, void *user);

#define SNARE_HOOK_ALL (-1L) /* hook every syscall */

#define SNARE_HOOK_OPTS_VERSION 1
typedef struct snare_hook_opts {
	unsigned version;
	snare_syscall_fn on_enter; /* may be NULL */
	snare_syscall_fn on_exit;  /* may be NULL */
	void *user;
	/* A hijack (nr changed in on_enter) into another hooked syscall runs
	   that hook's on_enter too. A loop is reported as SNARE_EHIJACKLOOP. */
	int recursive;
} snare_hook_opts;
#define SNARE_HOOK_OPTS_INIT { SNARE_HOOK_OPTS_VERSION, NULL, NULL, NULL, 0 }

/*
 * Hook syscall nr (or SNARE_HOOK_ALL) in every process of the session,
 * present and future. A hook with neither callback stops the process at
 * enter and at exit (snare_run() returns SNARE_EV_SYSCALL_ENTER/EXIT).
 * One hook per number. Errors: -EINVAL (bad nr; exit_group/exit have no
 * on_exit), -EEXIST (already hooked). An exit/exit_group skipped at entry
 * (sc->skip) returns, so a SNARE_HOOK_ALL hook gets its on_exit.
 */
int snare_hook_syscall(snare_hook **out, snare_session *s, long nr,
		       const snare_hook_opts *opts);
/* Same by name ("openat"); -ENOENT with close names in the message. */
int snare_hook_syscall_name(snare_hook **out, snare_session *s,
			    const char *name, const snare_hook_opts *opts);
/* Remove a hook; safe from its own callback (removal is deferred). */
int snare_hook_remove(snare_hook *h);
/* Enable (1) or disable (0) a hook without removing it. */
int snare_hook_enable(snare_hook *h, int enabled);
/*
 * Also run on_exit (report 1) at an exit the kernel will restart: retval
 * -512 (ERESTARTSYS), -513 (ERESTARTNOINTR), -514 (ERESTARTNOHAND) or -516
 * (ERESTART_RESTARTBLOCK), seen when a signal (or a stop) interrupts a
 * blocking syscall. The call is not complete: it is not counted in the
 * hits, and it runs again after the signal's handler (as the same
 * syscall, or as restart_syscall) or returns EINTR then; changes made to
 * *sc there are ignored. Off by default. Errors: -EINVAL for NULL or a
 * removed hook.
 */
int snare_hook_set_restarts(snare_hook *h, int report);
/* Completed syscalls counted by this hook. */
uint64_t snare_hook_hits(const snare_hook *h);

/* ------------------------------------------------------------------ */
/* Signal hooks                                                       */
/* ------------------------------------------------------------------ */

/* Signal names: "SIGUSR1" for 10; NULL for an unknown number. */
const char *snare_signal_name(int signo);
/* Signal number from "SIGUSR1", "USR1" or "10"; -EINVAL when unknown. */
int snare_signal_nr(const char *name);

/* Siginfo fields a signal hook sees and may change. */
typedef struct snare_siginfo {
	int signo;   /* may be changed (hijack) or set to 0 (suppress) */
	int code;    /* si_code */
	int errnum;  /* si_errno */
	pid_t pid;   /* si_pid (sender), when the code carries one;
			SI_TIMER: the timer's id (si_timerid) */
	uint64_t addr; /* si_addr for SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP */
	int status;  /* si_status for SIGCHLD */
	uint32_t uid;  /* si_uid (sender's uid), when the code carries one;
			  SI_TIMER: the overrun count (si_overrun) */
	int64_t utime, stime; /* SIGCHLD: child's user/system time (ticks) */
	int64_t value; /* si_value (sival_ptr) for SI_QUEUE, SI_TIMER, SI_MESGQ */
} snare_siginfo;

typedef int (*snare_signal_fn)(snare_thread *t, snare_siginfo *si, void *user);

#define SNARE_SIGHOOK_OPTS_VERSION 1
typedef struct snare_sighook_opts {
	unsigned version;
	snare_signal_fn on_signal; /* NULL: stop and return control */
	void *user;
	int recursive; /* a changed signal runs the hook of the new signal too */
} snare_sighook_opts;
#define SNARE_SIGHOOK_OPTS_INIT { SNARE_SIGHOOK_OPTS_VERSION, NULL, NULL, 0 }

#define SNARE_SIG_ALL 0 /* hook every signal */

/*
 * Hook signal signo (1..64, or SNARE_SIG_ALL) at its signal-delivery-stop.
 * Signals the library causes itself never reach hooks. SIGKILL cannot be
 * hooked (-EINVAL). Errors: -EINVAL, -EEXIST.
 */
int snare_hook_signal(snare_sighook **out, snare_session *s, int signo,
		      const snare_sighook_opts *opts);
int snare_sighook_remove(snare_sighook *h);
uint64_t snare_sighook_hits(const snare_sighook *h);

/*
 * Never deliver signo to any tracee of the session (it is suppressed at its
 * signal-delivery-stop, after hooks ran). block=0 lifts it. SIGKILL and
 * SIGSTOP cannot be blocked (-EINVAL).
 */
int snare_signal_block(snare_session *s, int signo, int block);

/*
 * The signal t will be given when it next resumes: at a signal-delivery
 * stop that returned control (SNARE_EV_SIGNAL with a hook that stopped),
 * the signal about to be delivered, after hooks and the block list; 0 for
 * none, and 0 while t runs.
 */
int snare_thread_signal(const snare_thread *t);
/*
 * Replace the signal t gets when it next resumes; 0 suppresses it. Only at
 * a signal-delivery-stop, or at a syscall-exit-stop (a hook's on_exit,
 * SNARE_EV_SYSCALL_EXIT): there the kernel sends it as its own (si_code
 * SI_KERNEL), as
 * strace's -e inject=...:signal= does (to send one from the tracer, use
 * tgkill(2)). Errors: -EINVAL (NULL, signo outside
 * 0..64), -EBUSY (t running, or stopped for something else: the message
 * says what), SNARE_EWRONGTHREAD.
 */
int snare_thread_set_signal(snare_thread *t, int signo);

/* ------------------------------------------------------------------ */
/* Breakpoints and watchpoints                                        */
/* ------------------------------------------------------------------ */

enum snare_bp_kind {
	/* int3 patched into the code. The displaced instruction runs out of
	   line (a copy in a scratch page of the tracee, rip-relative operands
	   fixed up) or is emulated, so a hit costs one stop and the int3 never
	   leaves memory: no thread can run through it unseen. */
	SNARE_BP_SOFTWARE = 0,
	/* Debug register (DR0-DR3) execution breakpoint, on every thread; no
	   code is patched. A hit costs one stop plus a debug exception. */
	SNARE_BP_HARDWARE = 1,
	/* Watchpoints: stop after a write (or any access) to [addr, addr+len).
	   Through a debug register when one fires on this machine, is free,
	   and the range is 1, 2, 4 or 8 aligned bytes; otherwise by page
	   protection (any length up to 16 MiB): the watched pages lose write
	   (or all) access, each fault is run once with the page open while
	   every other thread of the process is held, then the page is
	   protected again. Accesses to the rest of a watched page cost time,
	   never a report. A syscall reading or writing watched memory runs
	   with the pages open and never sees EFAULT; its change is reported
	   at its return, the syscall instruction as the accessor. While a
	   page-protection watch is set, every syscall of the process stops
	   twice (entry and exit). The program's own mprotect() of a watched
	   page is followed; munmap() ends the watch on that page. */
	SNARE_WATCH_WRITE = 2,
	SNARE_WATCH_RW = 3,
};

/* snare_bp_opts.flags: how a watchpoint is implemented. */
#define SNARE_WATCH_SOFTWARE 1u /* page protection even where debug
				   registers would do */
#define SNARE_WATCH_HARDWARE 2u /* debug registers or fail (-ENOTSUP,
				   -ENOSPC, -EINVAL), never page protection */

/* What a breakpoint or watchpoint uses (snare_bp_method()). */
enum snare_bp_method {
	SNARE_METHOD_INT3 = 0,     /* int3 patched into the code */
	SNARE_METHOD_DEBUGREG = 1, /* a debug register */
	SNARE_METHOD_PAGE = 2,     /* page protection */
};

/*
 * Breakpoint callback, run with the hitting thread stopped at the
 * breakpoint's address (for watchpoints: after the accessing instruction).
 * Returns an enum snare_action. May remove or disable any breakpoint,
 * itself included.
 */
typedef int (*snare_bp_fn)(snare_thread *t, snare_bp *bp, void *user);
/* Condition: the hit counts (and on_hit runs) only when it returns non-zero. */
typedef int (*snare_bp_cond_fn)(snare_thread *t, snare_bp *bp, void *user);

/* Version 1 had no flags (still accepted: flags are then 0). */
#define SNARE_BP_OPTS_VERSION 2
typedef struct snare_bp_opts {
	unsigned version;
	int kind;                  /* enum snare_bp_kind */
	size_t len;                /* watchpoints: bytes watched */
	snare_bp_cond_fn condition; /* NULL: every hit counts */
	snare_bp_fn on_hit;        /* NULL: a hit stops and returns control */
	void *user;
	unsigned flags;            /* SNARE_WATCH_SOFTWARE, SNARE_WATCH_HARDWARE */
} snare_bp_opts;
#define SNARE_BP_OPTS_INIT { SNARE_BP_OPTS_VERSION, SNARE_BP_SOFTWARE, 0, NULL, NULL, NULL, 0 }

/*
 * Set a breakpoint or watchpoint at addr in process p (stopped or not: a
 * running process is stopped for the change and resumed by the next
 * snare_run()). Errors: -EFAULT (address not mapped, or not executable for a
 * software breakpoint), -EEXIST (same kind already at addr), -ENOSPC (the
 * four debug registers are taken), -EINVAL (watchpoint length or
 * alignment; message says which), -ENOTSUP (hardware kinds on a machine
 * whose hypervisor does not deliver debug-register exceptions: probed once
 * per session with a throwaway child), SNARE_EEXITED. out may be NULL
 * when the handle is not needed (the breakpoint lives until its process
 * ends or the session is freed).
 */
int snare_bp_add(snare_bp **out, snare_proc *p, uint64_t addr,
		 const snare_bp_opts *opts);
/*
 * Remove a breakpoint; the original bytes are restored at once. Safe from
 * any callback, its own included (the handle stays valid until the next
 * snare_run()).
 */
int snare_bp_remove(snare_bp *bp);
/* Enable (1) or disable (0): a disabled software breakpoint is unpatched. */
int snare_bp_enable(snare_bp *bp, int enabled);
uint64_t snare_bp_hits(const snare_bp *bp);
/* Where it is armed; 0 while pending (snare_bp_add_at()). */
uint64_t snare_bp_addr(const snare_bp *bp);
int snare_bp_kind(const snare_bp *bp);
/* enum snare_bp_method: int3, debug register or page protection;
   -EINVAL for NULL. A pending breakpoint tells what it will use. */
int snare_bp_method(const snare_bp *bp);
snare_proc *snare_bp_proc(const snare_bp *bp);

/* ------------------------------------------------------------------ */
/* Stepping (thread stopped; other threads stay stopped meanwhile)    */
/* ------------------------------------------------------------------ */

/*
 * These may also be called from a callback on the thread the callback got
 * (or any other thread that is stopped with no event pending): only that
 * thread moves, and other threads' stops wait. Stops met on the way are
 * handled as in snare_run(): a new thread is reported, a signal goes
 * through the hooks and the block list, an exec, a breakpoint of another
 * kind or a group-stop ends the step and is reported by the next run.
 */

/*
 * Execute one instruction of t. A breakpoint at the pc is stepped over; a
 * signal arriving mid-step is delivered and the step ends at the first
 * instruction of its handler; a `syscall` instruction completes. Returns 0
 * with t stopped after the instruction, SNARE_EEXITED if the thread died,
 * SNARE_ERUNNING if it is not stopped.
 */
int snare_thread_step(snare_thread *t);
/*
 * Step until the pc equals addr, at most max_steps instructions. Returns 0
 * when reached, -ETIME after max_steps.
 */
int snare_thread_step_until(snare_thread *t, uint64_t addr, size_t max_steps);
/*
 * Run t until the current function returns to its caller: a temporary
 * breakpoint at the return address that fires only when the stack pointer
 * is above the current frame (correct for recursion). Call it at a
 * function's first instruction or anywhere in its body after the frame is
 * set up with a frame pointer. Returns 0 with t stopped in the caller.
 */
int snare_thread_finish(snare_thread *t);
/*
 * One instruction, stepping over calls (the call runs to its return).
 */
int snare_thread_next(snare_thread *t);

/* ------------------------------------------------------------------ */
/* Calls into the program                                             */
/* ------------------------------------------------------------------ */

/*
 * Call a function of the program in a stopped thread, as the SysV x86-64
 * ABI says, and get its return value. Only the calling thread is resumed
 * for the call: every other thread stays stopped (after snare_run()
 * returned, all of them; from a callback, threads that were running go
 * on). A function that waits for another thread, or a lock a stopped
 * thread holds, never returns: use a timeout. The arguments go in rdi, rsi, rdx, rcx, r8, r9 (integers and
 * pointers) and xmm0-7 (double, float), the rest on the stack; al holds the
 * number of vector registers used (for variadic callees such as printf).
 * The frame is built below the red zone (128 bytes under rsp), 16-byte
 * aligned at the call, with a return address in an unmappable page
 * (0xca11, under vm.mmap_min_addr): the return is caught as that fault,
 * which is never delivered. Afterwards the thread's general registers and
 * whole FP/vector state (XSAVE area) are put back exactly, and so are its
 * stop: a pending signal is still delivered at its next resume, a syscall
 * interrupted with -ERESTART* is still restarted, and at a syscall-entry
 * stop the syscall has not run yet (the call skips it; it is entered again,
 * without a new report, before the call returns). Memory the function
 * changed stays changed.
 *
 * Callable at a breakpoint, signal, syscall-entry or -exit, step or
 * interrupt stop, also from a callback (nested dispatch, as the stepping
 * calls), and from a callback during a call. Refused in a group-stop, at a
 * seccomp, exec, clone, vfork-done or exit event stop, and with an event of
 * the thread still queued.
 *
 * While the function runs, the session dispatches what the thread does: a
 * breakpoint's callback runs and its hit counts; if it asks to stop (or
 * has no callback), the call ends with SNARE_CALL_BREAKPOINT, the thread
 * stopped on that breakpoint inside the function, unless
 * SNARE_CALL_THROUGH_BREAKPOINTS is set. The caller may then look at the
 * thread and snare_call_continue() or snare_call_abandon() the call (or
 * pass SNARE_CALL_UNWIND to abandon at once). A synchronous signal (the
 * function faults) ends the call with SNARE_CALL_SIGNAL, the thread
 * restored and the signal not delivered; other signals that arrive are
 * held and sent again to the thread after the call. The function's
 * syscalls are not reported to syscall hooks. Errors end a call with
 * the thread restored where it can be (an exec or the thread's death
 * during the call: SNARE_EEXITED or -ECANCELED, the event queued for
 * snare_run()).
 */

/* snare_call_arg.kind */
enum snare_call_arg_kind {
	SNARE_ARG_INT = 0,   /* .i: an integer or pointer */
	SNARE_ARG_DOUBLE,    /* .d: a double */
	SNARE_ARG_FLOAT,     /* .f: a float */
	/* .data/.len copied into the call's frame on the program's stack
	   (16-byte aligned); the argument is its address. After the call
	   the bytes are copied back into .out when it is not NULL. */
	SNARE_ARG_BUFFER,
};

typedef struct snare_call_arg {
	int kind;            /* enum snare_call_arg_kind */
	uint64_t i;
	double d;
	float f;
	const void *data;
	size_t len;
	void *out;
} snare_call_arg;

#define SNARE_CALL_INT(v) \
	((snare_call_arg){ .kind = SNARE_ARG_INT, .i = (uint64_t)(v) })
#define SNARE_CALL_DOUBLE(v) \
	((snare_call_arg){ .kind = SNARE_ARG_DOUBLE, .d = (v) })
#define SNARE_CALL_FLOAT(v) \
	((snare_call_arg){ .kind = SNARE_ARG_FLOAT, .f = (v) })
/* A C string (with its NUL) copied into the frame (needs <string.h>). */
#define SNARE_CALL_STR(str) \
	((snare_call_arg){ .kind = SNARE_ARG_BUFFER, .data = (str), \
			   .len = strlen(str) + 1 })
/* A buffer of n bytes copied in from in (may be NULL: zeros) and out to
   out (may be NULL) after the call. As the first argument, it is the
   hidden pointer of a function that returns a struct in memory. */
#define SNARE_CALL_BUF(in, outp, n) \
	((snare_call_arg){ .kind = SNARE_ARG_BUFFER, .data = (in), \
			   .out = (outp), .len = (n) })

/* snare_call_opts.flags */
#define SNARE_CALL_UNWIND (1u << 0)  /* abandon at once when a breakpoint
					ends the call */
#define SNARE_CALL_THROUGH_BREAKPOINTS (1u << 1) /* breakpoints' callbacks
					run, hits count, the call goes on */

#define SNARE_CALL_OPTS_VERSION 1
typedef struct snare_call_opts {
	unsigned version;
	unsigned flags;       /* SNARE_CALL_* */
	unsigned timeout_ms;  /* 0: none; else the call ends with
				 SNARE_CALL_TIMEOUT, the thread restored */
	size_t max_buffer;    /* bytes of SNARE_ARG_BUFFER in all; 0: 1 MiB */
} snare_call_opts;
#define SNARE_CALL_OPTS_INIT { SNARE_CALL_OPTS_VERSION, 0, 0, 0 }

/* snare_call_result.status */
enum snare_call_status {
	SNARE_CALL_RETURNED = 0, /* rax, rdx, xmm0, xmm1 hold the result */
	SNARE_CALL_BREAKPOINT,   /* stopped on a breakpoint in the function:
				    event_kind, bp, pc; pending unless
				    SNARE_CALL_UNWIND */
	SNARE_CALL_SIGNAL,       /* the function got signo (not delivered):
				    siginfo, pc; the thread is restored */
	SNARE_CALL_TIMEOUT,      /* timeout_ms passed: pc where it was; the
				    thread is restored */
};

typedef struct snare_call_result {
	int status;             /* enum snare_call_status */
	uint64_t rax, rdx;      /* RETURNED: integer return */
	double d;               /* RETURNED: xmm0 as a double */
	float f;                /* RETURNED: xmm0 as a float */
	uint8_t xmm0[16], xmm1[16];
	int event_kind;         /* BREAKPOINT: SNARE_EV_BREAKPOINT or
				   SNARE_EV_WATCHPOINT */
	snare_bp *bp;           /* BREAKPOINT */
	uint64_t pc;            /* BREAKPOINT, SIGNAL, TIMEOUT: where */
	int signo;              /* SIGNAL */
	snare_siginfo siginfo;  /* SIGNAL */
	int pending;            /* 1: the call is still in progress (the
				   thread is inside the function) */
} snare_call_result;

/*
 * Call fn in t with nargs arguments (args may be NULL when nargs is 0);
 * opts may be NULL (defaults). Returns 0 with *out filled (out may not be
 * NULL), the thread restored unless out->pending. Errors: -EINVAL (bad
 * argument, more than 1024 arguments, unknown opts version or flags,
 * buffers over max_buffer), -EBUSY (a stop the call cannot start from, an event queued),
 * SNARE_ERUNNING, SNARE_EEXITED, SNARE_EWRONGTHREAD, -EFAULT (the stack
 * cannot be written), -ENOTSUP (the return page 0xca11 is mapped), and
 * those of the wait; the message says which.
 */
int snare_thread_call(snare_call_result *out, snare_thread *t, uint64_t fn,
		      const snare_call_arg *args, size_t nargs,
		      const snare_call_opts *opts);
/*
 * The same, with fn named by a location string of snare_symtab_resolve()
 * ("strlen", "libc.so.6:puts", "main+0x10") in the process's symbol
 * table; an indirect function is called at the implementation the
 * process chose once it can be read (else its resolver, see
 * snare_symtab_ifunc()). Errors: as snare_thread_call() and
 * snare_symtab_resolve().
 */
int snare_thread_call_at(snare_call_result *out, snare_thread *t,
			 const char *location, const snare_call_arg *args,
			 size_t nargs, const snare_call_opts *opts);
/*
 * Go on with t's innermost pending call (after SNARE_CALL_BREAKPOINT),
 * from where the thread is, with opts for the rest of it (NULL:
 * defaults). Fills *out as snare_thread_call() does. Errors: -ENOENT (no
 * pending call), and those of snare_thread_call().
 */
int snare_call_continue(snare_call_result *out, snare_thread *t,
			const snare_call_opts *opts);
/*
 * Abandon t's innermost pending call: the thread gets back its registers,
 * FP state and stop as before the call, as if the call never ran (memory
 * the function changed stays changed). A pending call left when t is
 * resumed by snare_run() ends at its return, silently; one left at detach
 * is abandoned. Errors: -ENOENT (no pending call), SNARE_ERUNNING,
 * SNARE_EEXITED, SNARE_EWRONGTHREAD.
 */
int snare_call_abandon(snare_thread *t);

/* ------------------------------------------------------------------ */
/* Function returns                                                   */
/* ------------------------------------------------------------------ */

/*
 * Called when a watched function returns, with t stopped at the return
 * address in the caller (rax, xmm0... hold the return value; see
 * snare_format_return()). Returns an enum snare_action, as a breakpoint
 * callback does; SNARE_STOP makes snare_run() return SNARE_EV_RETURN.
 * Called exactly once per watch: when the watch is dropped without its
 * return (below), t is NULL and the return value is ignored; that call
 * may come from inside any library call or stop collection and must only
 * release what user holds (no library calls).
 */
typedef int (*snare_ret_fn)(snare_thread *t, void *user);

/*
 * Watch the return of the function t has just entered: call this with t
 * stopped at the function's first instruction (typically from the
 * callback of a breakpoint set there), where [rsp] is the return address.
 * fn runs when t comes back to that address with the stack pointer one
 * slot above the entry's: the same thread and the same frame, so other
 * threads running through the same code, and deeper levels of a
 * recursion returning to the same address, do not fire it. A tail call
 * (f jumps to g, which returns to f's caller) fires the watches of both,
 * innermost first, when the call into f was direct, through a PLT stub
 * or a GOT slot; after a call through a register, f's watch is dropped
 * at g's entry (that cannot be told from a call made again from the same
 * place after a longjmp). Watches of one
 * return address share one int3 (with any breakpoint there too); it stays
 * until the link map changes, so calls from the same place cost no new
 * breakpoint. Registering twice at one stop makes two watches.
 *
 * A watch whose return will never come is dropped (fn called with t
 * NULL): the thread exits, execs, is detached or its session is freed;
 * the frame was abandoned (a longjmp or an exception unwound past it:
 * seen at the thread's next watched entry above the frame's slot, or in
 * it from a call that is not a tail call, or at its next watched return
 * above it). A thread that switches stacks
 * (coroutines, an alternate signal stack above the thread's stack) can
 * therefore lose watches of the other stack. Not in a vfork child (its
 * memory is its parent's). A fork child inherits none (its copies of the
 * int3s are removed when it meets them).
 * Errors: -EINVAL (NULL), SNARE_ERUNNING, SNARE_EEXITED,
 * SNARE_EWRONGTHREAD, -EFAULT (the return address cannot be read, or is
 * not in executable memory: t is not at a function's entry), -ENOTSUP
 * (vfork child), -ENOMEM.
 */
int snare_thread_on_return(snare_thread *t, snare_ret_fn fn, void *user);

/* ------------------------------------------------------------------ */
/* Symbols and source lines (libelf/libdw)                            */
/* ------------------------------------------------------------------ */

/*
 * A symbol table (snare_symtab) covers every file mapped by one process:
 * the program, the dynamic loader, its shared libraries and the vDSO, each
 * at its load bias (PIE, ASLR). Separate debug information is found by
 * build-id and .gnu_debuglink under /usr/lib/debug, as gdb does. Files are
 * opened lazily, the first time a lookup needs them.
 *
 * Location strings accepted by snare_symtab_resolve(), tried in this order:
 *   0x401000, *0x401000   an absolute address (hex only: "42" is refused)
 *   FILE@0x1234           ELF virtual address 0x1234 of the mapped FILE,
 *                         plus that file's load bias (works on stripped
 *                         files: the address readelf/objdump show)
 *   FILE.c:42             the lowest is_stmt address of source line 42 (or
 *                         of the next line with code) of FILE.c, matched by
 *                         path suffix ("symbols.c", "tracees/symbols.c"),
 *                         as gdb's "break symbols.c:42" picks for optimised
 *                         code; the program is searched before libraries
 *   LIB:SYM[+OFF]         SYM defined in the mapped file LIB, named by full
 *                         path, basename ("libc.so.6") or basename prefix
 *                         ("libc", "libc.so"); ambiguity is an error
 *   SYM[+OFF]             SYM in the program; else the first library, in
 *                         the dynamic linker's search order (LD_PRELOAD
 *                         ones, then DT_NEEDED ones, the loader, then
 *                         dlopen()ed ones; by address for an ELF file),
 *                         that exports it (a global or weak symbol: the
 *                         definition a call from the program binds to);
 *                         else the first library with a local symbol of
 *                         that name. So "strlen" is libc's, not the
 *                         dynamic loader's private copy, which
 *                         "ld-linux-x86-64.so.2:strlen" names.
 * OFF is decimal or 0x-hex. SYM is a raw symbol name ("_ZN2ns1fEi",
 * "printf", "memcpy@GLIBC_2.2.5") or a demangled C++/Rust name, with or
 * without parameters ("ns::f(int)", "ns::f"); spaces in demangled names do
 * not matter. "memcpy" also names "memcpy@@GLIBC_2.14" (the default
 * version) before "memcpy@GLIBC_2.2.5". Global symbols win over local
 * ones; several matches at different addresses are an error that names
 * them. Thread-local symbols are refused.
 *
 * GNU indirect functions (STT_GNU_IFUNC: glibc's strlen, memcpy, strcmp,
 * memset, strchr...) are a resolver that the dynamic loader calls to pick
 * an implementation for the CPU (__strlen_avx2). For a live process, SYM
 * (without +OFF) gives that implementation once the process has chosen it
 * and the choice can be read from its memory (the library's relocated
 * IRELATIVE slot, or a bound GOT slot of any file), without running
 * anything; before that (the library not relocated yet), and for an ELF
 * file, it gives the resolver's address, as nm does. snare_symtab_ifunc()
 * tells which; snare_bp_add_at() always breaks on the implementation.
 *
 * A symtab made with snare_symtab_new() belongs to the caller: it only
 * reads /proc/PID and files, may be used from any thread but not
 * concurrently, and must be freed before the session that owns its
 * process. snare_proc_symtab() gives the process's own, owned by it.
 * Errors are a negative errno, with one line of context in
 * snare_symtab_errmsg().
 *
 */
typedef struct snare_symtab snare_symtab;

/*
 * Build in *out the symbol table of a live traced process from its memory
 * maps (/proc/PID/maps, auxv). The process may be running or stopped; stop
 * it for a consistent picture. Keeps p: free the symtab before p's session.
 * Errors: SNARE_EEXITED or -ESRCH (the process is gone), -EACCES, -ENOMEM,
 * -EINVAL (NULL argument). Nothing is allocated on failure.
 */
int snare_symtab_new(snare_symtab **out, snare_proc *p);

/*
 * Build in *out the symbol table of one ELF executable or shared object on
 * disk, at its unrelocated (link-time) addresses: no process is needed.
 * Every lookup of this header works on it; FILE and LIB match the file's
 * basename. Errors: -ENOENT, -EACCES (open), -EINVAL (not a regular file),
 * -ENOEXEC (not an ELF executable or shared object, or a damaged one),
 * -ENOMEM.
 */
int snare_symtab_open_elf(snare_symtab **out, const char *path);

/* Free a symtab and every file it opened. NULL-safe. */
void snare_symtab_free(snare_symtab *st);

/*
 * Re-read the process's maps after dlopen/dlclose or exec. Files still
 * mapped at the same place keep their loaded tables; after an exec (a new
 * program or entry point) everything is rebuilt. On failure the previous
 * state is kept (unless the process dies halfway through).
 * snare_symtab_resolve() refreshes once by itself when a
 * name is not found; symbolizing never does (it must stay cheap).
 * Errors: as snare_symtab_new(); -EINVAL for a symtab from an ELF file.
 */
int snare_symtab_refresh(snare_symtab *st);

/*
 * One line of context for the last failure of a call on st
 * ("no symbol 'foo' in symbols or its libraries"); "" when none. Valid
 * until the next call on st. Never NULL (also for st == NULL).
 */
const char *snare_symtab_errmsg(const snare_symtab *st);

/*
 * Resolve a location string (grammar above) to an address in *addr: a
 * runtime address for a process, a link-time one for an ELF file.
 * Errors: -EINVAL (bad syntax, ambiguous name, thread-local symbol,
 * offset overflow), -ENOENT (no such symbol, file, line or debug info;
 * address outside FILE), -ENOMEM. The message says which.
 */
int snare_symtab_resolve(uint64_t *addr, snare_symtab *st,
			 const char *location);

/*
 * Whether a location names a GNU indirect function (grammar and IFUNC
 * rules above). For one, returns 1 with its resolver's address in
 * *resolver and, in *impl, the implementation the process chose, or 0
 * while that cannot be read yet (not relocated; always for an ELF file).
 * For anything else, returns 0 with both set to the location's address.
 * Runs nothing in the process. Errors: as snare_symtab_resolve().
 */
int snare_symtab_ifunc(uint64_t *impl, uint64_t *resolver, snare_symtab *st,
		       const char *location);

/*
 * Name addr as "SYM+0xOFF", demangled, without "+0x0", prefixed by
 * "LIB:" (basename) when addr is not in the main program: "main+0x10",
 * "libc.so.6:printf+0x4", "[vdso]:__vdso_time". buf always receives a
 * NUL-terminated string that snare_symtab_resolve() accepts back: without a
 * covering symbol it is "FILE@0xVADDR", outside any file "0xADDR", and
 * the return value is -ENOENT. Returns 0; -ENOENT; -ERANGE when cap was
 * too small (buf holds a truncated string); -EINVAL (NULL or cap 0).
 * Does not refresh: call snare_symtab_refresh() after dlopen.
 */
int snare_symtab_symbolize(char *buf, size_t cap, snare_symtab *st,
			   uint64_t addr);

/*
 * Name addr as a tool without debug info does (strace -k, addr2line on a
 * stripped file): after the closest symbol at or below it in the file's own
 * table (.symtab when the file has one, else .dynsym; separate debug info is
 * not read); of aliases a global or weak one, then the first in table
 * order. A static function of a stripped library gets the closest exported
 * name below it ("libc.so.6:__libc_init_first+0x8a"). Format, prefix, return values and
 * errors as snare_symtab_symbolize(). Tables are read once per file and kept
 * until the next refresh.
 */
int snare_symtab_symbolize_nearest(char *buf, size_t cap, snare_symtab *st,
				   uint64_t addr);

/*
 * Source position of addr from DWARF: the source file path as recorded in
 * the debug info (usually absolute) into file_buf (cap bytes, always
 * terminated) and the line number into *line. For a return address, pass
 * the address minus one to name the call. Returns 0; -ENOENT when no line
 * covers addr (no debug info, or not in any file); -ERANGE when the path
 * was truncated; -EINVAL (NULL or cap 0).
 */
int snare_symtab_addr_line(char *file_buf, size_t cap, int *line,
			   snare_symtab *st, uint64_t addr);

/* How a parameter is passed and shown (System V x86_64 classes). */
enum snare_param_kind {
	SNARE_PARAM_INT = 0,  /* signed integer or enum: an integer register */
	SNARE_PARAM_UINT = 1, /* unsigned integer, bool, char */
	SNARE_PARAM_PTR = 2,  /* pointer or reference */
	SNARE_PARAM_STR = 3,  /* pointer to char: a C string */
	SNARE_PARAM_FLOAT = 4,/* float or double: an xmm register */
	SNARE_PARAM_OTHER = 5,/* struct, union, long double... by value */
	SNARE_PARAM_VOID = 6, /* no value (a function's return type only) */
};

typedef struct snare_param {
	char name[64];  /* as in the source; "" when unnamed */
	char type[64];  /* "const char *", "size_t", "struct stat *" */
	int kind;       /* enum snare_param_kind */
	int size;       /* bytes of the value */
} snare_param;

/*
 * The formal parameters of the function that starts at addr, from its
 * DWARF debug info (separate debug files included, e.g. libc6-dbg). Fills
 * up to cap entries of out and returns how many the function has (which
 * may exceed cap); *variadic (may be NULL) is set to 1 for a "...".
 * Errors: -ENOENT when the debug info does not describe the parameters:
 * none for a function starting at addr, a function of an assembler
 * compile unit (glibc's syscall wrappers such as kill, its string
 * functions), or a C function without a prototype (`int f()`), whose
 * DWARF lists no parameters it may have (the symtab's message says
 * which); -EINVAL.
 */
int snare_symtab_params(snare_param *out, size_t cap, int *variadic,
			snare_symtab *st, uint64_t addr);

/*
 * The return type of the function that starts at addr, from DWARF, into
 * *out (name "", type such as "char *", kind and size as for a
 * parameter; kind SNARE_PARAM_VOID and type "void" when it returns
 * nothing). Returns 0. Errors: -ENOENT (no debug info for a function
 * starting at addr, or an assembler compile unit), -EINVAL.
 */
int snare_symtab_return_type(snare_param *out, snare_symtab *st,
			     uint64_t addr);

/*
 * Every function symbol whose name matches a shell pattern (fnmatch(3):
 * "str*", "*alloc", "ns::f*" for demangled C++ names), in every mapped
 * file or, for "LIB:PATTERN", in the file LIB (named as for
 * snare_symtab_resolve(): full path, basename or basename prefix). A
 * name's "@VERSION" is not part of the match unless the pattern has an
 * '@'. Symbols that are not functions (objects, TLS, sections, files,
 * undefined ones) are skipped. Aliases (symbols at one address: malloc
 * and __libc_malloc, strlen and strlen_ifunc, versioned duplicates) give
 * one call, named by the best of the matching names: fewer leading
 * underscores, no "@VERSION", global before local, shorter. For each, cb
 * gets a location string in the form snare_symtab_symbolize() uses
 * ("counter", "libc.so.6:strlen": snare_symtab_resolve() accepts it back
 * unless the name is ambiguous there) and the address to break on: for a
 * GNU indirect function, the implementation the process chose (as
 * snare_symtab_ifunc() reads it); one whose choice cannot be read yet
 * (its library not relocated) is left out of this walk.
 * Files come program first, then by address; symbols by address.
 * cb returns 0 to go on; any other value ends the walk and is returned
 * (make it negative to tell it from a count). Returns the number of
 * functions reported, 0 when nothing matches. Errors: -EINVAL (NULL,
 * empty pattern), -ENOENT (LIB names no mapped file), -ENOMEM. Does not
 * refresh: call snare_symtab_refresh() after dlopen, or use it from a
 * snare_proc_on_libraries() watcher.
 */
int snare_symtab_glob(snare_symtab *st, const char *pattern,
		      int (*cb)(const char *location, uint64_t addr,
				void *user),
		      void *user);

/*
 * Shortcut for tools: the link-time address of `symbol` (any form that
 * snare_symtab_resolve() accepts as SYM[+OFF]) in the ELF file at
 * elf_path, the value readelf/nm print. Errors: as
 * snare_symtab_open_elf() and snare_symtab_resolve(); no message.
 */
int snare_elf_symbol(uint64_t *addr, const char *elf_path,
		     const char *symbol);

/*
 * Demangle a C++ (Itanium) or Rust (legacy or v0) symbol name for display,
 * with parameters: "_ZN2ns1fEi" gives "ns::f(int)". Returns 1 when name was
 * demangled, 0 when it is not a mangled name (buf gets a copy), -ERANGE
 * when cap was too small (truncated), -EINVAL (NULL or cap 0), -ENOMEM.
 */
int snare_demangle(char *buf, size_t cap, const char *name);

/*
 * The process's own symbol table, made on first use and refreshed by the
 * library after exec and library loads; owned by p (do not free it).
 * NULL with the reason in snare_errmsg() when it cannot be built.
 */
snare_symtab *snare_proc_symtab(snare_proc *p);

/*
 * Set a breakpoint at a location string (the grammar of
 * snare_symtab_resolve(): "main", "main+0x10", "libc.so.6:printf",
 * "prog@0x1234", "file.c:42", "0x401000"). A location in a library that is
 * not loaded yet, or a symbol that is not the program's while the dynamic
 * loader has not finished (a process stopped at its first instruction),
 * makes a pending breakpoint: snare_bp_addr() is 0 until the library is
 * mapped, when the library arms it (it watches the dynamic loader's
 * _dl_debug_state). Until the loader has finished, a name without a file
 * is looked for only among the symbols the program and its libraries
 * export, so "strlen" waits for libc instead of taking the loader's own.
 *
 * A GNU indirect function (strlen, memcpy, strcmp, memset, strchr... in
 * glibc) breaks on the implementation the process's resolver chose
 * (__strlen_avx2), pending or not: the choice is read from the process
 * (see snare_symtab_ifunc()); until it can be, the breakpoint is pending
 * and the library catches the resolver's return when the loader calls
 * it, and arms the breakpoint there before the implementation can run.
 * The resolver is never run by the library. Not caught: an
 * implementation the program obtained before the breakpoint was set and
 * kept where no GOT slot shows it (a dlsym() result in a variable); the
 * breakpoint then waits for the resolver's next call.
 *
 * When the library a breakpoint is in is unloaded (dlclose), the
 * breakpoint goes back to pending (snare_bp_addr() 0) and is armed again
 * at its next load, wherever it lands, as gdb does; one set by absolute
 * address ("0x7f..." here, or snare_bp_add()) cannot be resolved again
 * and is disabled instead, keeping its address (enabling it again fails
 * with -EFAULT). Nothing is ever written into memory that is no longer
 * the file the breakpoint was placed in (anonymous memory, such as JIT
 * code, is not checked). After an exec, breakpoints set by location are
 * resolved again in the new program.
 * Errors: as snare_bp_add(), plus those of snare_symtab_resolve(). out
 * may be NULL, as for snare_bp_add().
 */
int snare_bp_add_at(snare_bp **out, snare_proc *p, const char *location,
		    const snare_bp_opts *opts);

/* Called after the set of libraries of p may have changed. */
typedef void (*snare_libs_fn)(snare_proc *p, void *user);

/*
 * Call fn after each change of the link map of p: when the dynamic
 * loader has mapped or unmapped libraries (its _dl_debug_state(), called
 * around every dlopen and dlclose and at start-up), and when the program
 * reaches its entry point (the loader is done); after an exec, from the
 * new program's loader. It runs from inside snare_run() with a thread of
 * p stopped; the process's symbol table (snare_proc_symtab()) is already
 * refreshed, and pending breakpoints (snare_bp_add_at()) were armed just
 * before. Typical use: expand a pattern with snare_symtab_glob() and set
 * breakpoints on what is new. fn is not called for what is loaded when
 * it is registered: look at that first. A static program calls it at its
 * entry point only. A fork child inherits the watchers of its parent;
 * an exec keeps them. The same fn and user can be registered once.
 * Errors: -EINVAL, -EEXIST, SNARE_EEXITED, SNARE_EWRONGTHREAD, -ENOMEM.
 */
int snare_proc_on_libraries(snare_proc *p, snare_libs_fn fn, void *user);
/* Stop calling fn (with that user) for p; from fn too. -ENOENT if absent. */
int snare_proc_off_libraries(snare_proc *p, snare_libs_fn fn, void *user);
/*
 * 1 once the dynamic loader of p has loaded the program's libraries (p
 * reached its entry point, or was attached), 0 before (a process spawned
 * with SNARE_SPAWN_STOP_EXEC, or just after an exec); -EINVAL for NULL.
 * Before that, a name that only the loader defines (its own memcpy,
 * strlen) is not the one the program will call.
 */
int snare_proc_libs_loaded(const snare_proc *p);

/*
 * The location string a breakpoint was set with by snare_bp_add_at(),
 * exactly as given ("strlen" also when it is armed on __strlen_avx2); ""
 * for one set by address. Valid as long as the handle.
 */
const char *snare_bp_location(const snare_bp *bp);

/*
 * Unwind the stack of a stopped thread (CFI from .eh_frame/.debug_frame,
 * via libdw): the pc of each frame, innermost first, into pcs (at most
 * cap). A frame in a file mapped since the process's symbols were last
 * read (a library the loader or dlopen() just mapped) makes it reread
 * /proc/PID/maps once (snare_symtab_refresh) and walk again, so such a
 * stack is whole. Returns the number of frames, or a negative error.
 */
int snare_thread_backtrace(uint64_t *pcs, size_t cap, snare_thread *t);

/* ------------------------------------------------------------------ */
/* strace-style formatting                                            */
/* ------------------------------------------------------------------ */

#define SNARE_FORMAT_OPTS_VERSION 3
typedef struct snare_format_opts {
	unsigned version;
	int strsize;  /* -s: bytes of a string shown before "..." (default 32) */
	int xflag;    /* 0; 1 (-x): non-ASCII strings in hex; 2 (-xx): all in hex;
			 3: only the unprintable bytes in hex */
	int yflag;    /* 1 (-y): fds printed with their path, "3</etc/passwd>";
			 2 (-yy): sockets with their endpoints, devices, pidfds */
	int raw;      /* 1: every argument as a raw number (strace -e raw=all) */
	int verbose;  /* 1 (-v): structures and arrays in full */
	/* Version 2. */
	int xlat_style; /* named constants, as strace's -X: 0 (abbrev)
			   "O_RDONLY|O_CLOEXEC"; 1 (raw) "0x80000"; 2
			   (verbose) the number, then the names in a C
			   comment. Other values: the "<...>" message. */
	int decode_pids; /* SNARE_DECODE_PIDS_* bits (strace --decode-pids) */
	/* Version 3. */
	int decode_fds; /* SNARE_DECODE_FDS_* bits (strace --decode-fds): what
			   follows an fd; 0: as yflag says (1: PATH, 2: all) */
	int terse;      /* 1: structures and arrays behind pointers print as
			   their addresses (strace -e verbose=none, for the
			   calls outside the set) */
} snare_format_opts;
#define SNARE_FORMAT_OPTS_INIT                                              \
	{ SNARE_FORMAT_OPTS_VERSION, 32, 0, 0, 0, 0, 0, 0, 0, 0 }
/*
 * decode_pids: COMM (strace -Y) follows a process or thread id argument
 * or return value with the command of that process, "1234<cat>" (from
 * /proc/PID/comm when printing; nothing once it is gone). PIDNS (strace
 * --pidns-translation): an id of a tracee in another pid namespace than
 * the caller's is followed by a comment with the id in the caller's
 * namespace when it differs: 2, then "4242 in strace's PID NS" between
 * C comment markers.
 * Both look the id up in /proc (every /proc/PID/status when it is not
 * among the few remembered for the process), so they cost a scan of
 * /proc for an id that names no process.
 */
#define SNARE_DECODE_PIDS_COMM 1
#define SNARE_DECODE_PIDS_PIDNS 2
/*
 * decode_fds, each bit one kind of fd described between '<' and '>' after
 * its number (when none of the chosen kinds fits, nothing is added; PATH
 * also annotates AT_FDCWD with the working directory): PATH the target of
 * /proc/PID/fd/N, "3</etc/passwd>"; SOCKET a socket's protocol and
 * endpoints, "3<TCP:[127.0.0.1:42->127.0.0.1:80]>"; DEV a device with its
 * numbers, "3</dev/null<char 1:3>>"; PIDFD the process of a pidfd,
 * "3<pid:42>". ALL is yflag 2 (-yy).
 */
#define SNARE_DECODE_FDS_PATH 1
#define SNARE_DECODE_FDS_SOCKET 2
#define SNARE_DECODE_FDS_DEV 4
#define SNARE_DECODE_FDS_PIDFD 8
#define SNARE_DECODE_FDS_ALL 15

/*
 * Decode a syscall the way strace 6.1 prints it, in two halves. At entry:
 * the name and the arguments known at entry, "openat(AT_FDCWD, \"/etc\",
 * O_RDONLY" (arguments the kernel fills in are left for the exit half). At
 * exit: the remaining arguments, the closing parenthesis and the return
 * value: ") = 3", ", {st_mode=S_IFREG|0644, st_size=42, ...}) = 0",
 * ") = -1 ENOENT (No such file or directory)". Concatenated they make
 * strace's line. p is read for strings and structures (p may be NULL: then
 * pointers print as addresses). Unknown numbers print as syscall_0x1c8(...).
 * Each writes at most cap-1 bytes plus a NUL into buf and returns the length
 * the full text would have (like snprintf). opts may be NULL. Options of a
 * version newer than the library's (or 0) give a one-line message between
 * '<' and '>' instead of the text.
 */
size_t snare_format_syscall_enter(char *buf, size_t cap, snare_proc *p,
				  long nr, const uint64_t args[6],
				  const snare_format_opts *opts);
size_t snare_format_syscall_exit(char *buf, size_t cap, snare_proc *p,
				 long nr, const uint64_t args[6], int64_t retval,
				 const snare_format_opts *opts);
/*
 * As snare_format_syscall_exit(), for a return value that is a success
 * whatever its value: one a tracer made the syscall return (strace's -e
 * inject=SET:retval=N). A value in -4095..-1 is then no error: it prints
 * as strace prints it, as an unsigned number where strace does
 * ("geteuid() = 18446744073709551614"), and the arguments the call fills
 * in are decoded. Same return convention.
 */
size_t snare_format_syscall_exit_success(char *buf, size_t cap,
					 snare_proc *p, long nr,
					 const uint64_t args[6],
					 int64_t retval,
					 const snare_format_opts *opts);
/*
 * What strace writes between the entry half and " <unfinished ...>" (or
 * " <detached ...>") when a call is left open: ", " when the next argument
 * is one the kernel fills in ("wait4(-1, "), nothing otherwise
 * ("clone3({...}" whose update follows at exit). Reads no memory. Same
 * return convention.
 */
size_t snare_format_syscall_unfinished(char *buf, size_t cap, long nr,
				       const uint64_t args[6],
				       const snare_format_opts *opts);
/*
 * A siginfo as strace prints it after "--- SIGCHLD ": "{si_signo=SIGCHLD,
 * si_code=CLD_EXITED, si_pid=42, si_uid=0, si_status=0, si_utime=0,
 * si_stime=0}". Same return convention.
 */
size_t snare_format_siginfo(char *buf, size_t cap, const snare_siginfo *si);
/*
 * snare_format_siginfo() for a signal of process p (NULL: as
 * snare_format_siginfo()), with opts (NULL: the defaults): si_pid is
 * decorated as opts->decode_pids asks: under PIDNS a sender's id in p's
 * pid namespace is followed by a comment with its id in the caller's
 * ("4242 in strace's PID NS"), under COMM by its command ("42<cat>").
 * Same return convention as snare_format_syscall_enter().
 */
size_t snare_format_siginfo_of(char *buf, size_t cap, snare_proc *p,
			       const snare_siginfo *si,
			       const snare_format_opts *opts);
/*
 * A call as seen at the function's entry (t stopped there, e.g. at a
 * breakpoint on it): "puts(\"hello\")", "malloc(472)", "f(-1, 2.5,
 * 0x7ffd1000, NULL, ...)". params/nparams from snare_symtab_params(); each
 * value is read from its System V register: integers and enums in decimal,
 * pointers in hex, char pointers as strings (opts->strsize, -x), floats
 * from xmm registers. A parameter passed on the stack or by members'
 * class (a struct by value, the seventh integer) ends the list with
 * "...". nparams < 0 (no debug info): the six integer argument registers
 * in hex. Same return convention as snare_format_syscall_enter().
 */
size_t snare_format_call(char *buf, size_t cap, snare_thread *t,
			 const char *name, const snare_param *params,
			 int nparams, int variadic,
			 const snare_format_opts *opts);
/*
 * A function's return value as a tracer shows it after " = ", with t
 * stopped at the return (a snare_thread_on_return() callback): from the
 * type ret (snare_symtab_return_type()), integers and enums in decimal
 * (signed or not), pointers in hex or NULL, char pointers as strings
 * (opts->strsize, -x), float and double from xmm0; "<void>" for
 * SNARE_PARAM_VOID. ret NULL (no debug info) or SNARE_PARAM_OTHER (a
 * struct, a long double): rax in hex. Same return convention as
 * snare_format_syscall_enter().
 */
size_t snare_format_return(char *buf, size_t cap, snare_thread *t,
			   const snare_param *ret,
			   const snare_format_opts *opts);
/* "ENOENT" for 2 (or -2); NULL when unknown. */
const char *snare_errno_name(int err);

/* ------------------------------------------------------------------ */
/* Core dumps and hand-off to gdb                                     */
/* ------------------------------------------------------------------ */

/* Flags of snare_proc_dump_core(). */
enum snare_core_flags {
	/* Every readable mapping in full, file-backed read-only ones too. */
	SNARE_CORE_ALL_MAPPINGS = 1,
};

/*
 * Write an ELF core file of p to path (created or truncated, mode 0600),
 * as the kernel writes one for a crash, without killing p: gdb PROG CORE
 * and eu-stack show the threads as they are now. Notes: NT_PRSTATUS,
 * NT_FPREGSET and NT_X86_XSTATE per thread, NT_PRPSINFO, NT_AUXV, NT_FILE,
 * and NT_SIGINFO when the first thread's last stop had a siginfo (a
 * breakpoint's SIGTRAP, a signal). Memory is the program's view (original
 * bytes under breakpoints); mappings are chosen as by the kernel's default
 * coredump_filter: anonymous and writable memory in full, a read-only file
 * mapping's ELF header page only, shared file mappings and what the
 * program cannot read ([vvar], PROT_NONE) with no bytes (p_filesz 0);
 * SNARE_CORE_ALL_MAPPINGS dumps every readable mapping. Pages of zeros are
 * holes (a sparse file).
 * first: the thread listed first (gdb's current thread); NULL for the
 * leader. Call it after snare_run() returned (every thread stopped), or
 * from a callback: the process's other threads are then stopped for the
 * dump and resumed after it. p keeps running under the session as before.
 * Errors: -EINVAL, SNARE_EEXITED, SNARE_EDETACHED, -E2BIG (65535 mappings
 * or more), -errno of open/write (the partial file is removed).
 */
int snare_proc_dump_core(snare_proc *p, const char *path, snare_thread *first,
			 unsigned flags);

/*
 * Hand p to another debugger: every int3, debug register and watched-page
 * protection is removed (as by snare_proc_detach()) and p is detached left
 * in group-stop (a SIGSTOP), where it was, for gdb to attach. The
 * breakpoint, watchpoint and hook records stay, and so does the handle,
 * whose state is SNARE_PROC_DETACHED until snare_proc_takeback(). cmd
 * (may be NULL) receives the command to run, "gdb -p PID". Call it after
 * snare_run() returned, not from a callback (-EBUSY).
 * Errors: -EINVAL, -EBUSY, SNARE_EEXITED, SNARE_EDETACHED, SNARE_ESECCOMP
 * (the traced syscalls would fail in the other debugger).
 */
int snare_proc_handoff(char *cmd, size_t cap, snare_proc *p);

/*
 * Take back a process handed off with snare_proc_handoff(): wait until no
 * debugger traces it (with wait_attach, first until one has attached, for
 * a command line printed for a user), polling /proc/PID/status at most
 * every 50 ms, then seize every thread again (new snare_thread handles;
 * those from before the hand-off stay dead), arm the breakpoints again
 * with their covered bytes read anew (the other debugger may have changed
 * code), then the watchpoints; syscall and signal hooks apply again. A
 * thread found at a breakpoint's address steps over it at its next resume
 * (no second report). The process gets a SIGCONT, which ends the
 * hand-off's stop (the program sees it), and a SIGSTOP met then (gdb
 * passes one on at its detach) is dropped. Return watches of
 * snare_thread_on_return() pending at the hand-off are dropped. p is then
 * stopped, as after snare_run(); timeout_ms < 0 waits forever.
 * Errors: -EINVAL (not handed off), -ETIMEDOUT (still traced by the other
 * debugger, or none came), -EINTR (with wait_attach: after
 * snare_session_interrupt()), SNARE_EEXITED (it exited or was killed
 * meanwhile: snare_proc_exit_status() tells how, for a spawned process),
 * -EPERM (cannot trace it again); a breakpoint that cannot be armed again
 * is disabled and its error returned.
 */
int snare_proc_takeback(snare_proc *p, int wait_attach, int timeout_ms);

/*
 * snare_proc_handoff(), then run argv (NULL: gdb -p PID) in a child with
 * the caller's stdio and wait for it to exit, then snare_proc_takeback().
 * The caller should ignore SIGINT meanwhile, as system() does, for Ctrl-C
 * to reach gdb alone. Errors: as those two; -ENOENT when argv[0] could not
 * be run (p is taken back).
 */
int snare_proc_handoff_gdb(snare_proc *p, char *const argv[]);

/* ------------------------------------------------------------------ */
/* Snapshots                                                          */
/* ------------------------------------------------------------------ */

/*
 * A snapshot is the state of one process at a stop: every thread's general
 * and FP/vector (XSAVE) registers, the layout of its memory maps, and the
 * contents of its private writable mappings (and of private readable
 * anonymous ones), as the program sees them (the original bytes under
 * snare's breakpoints). Restoring puts that state back so the program runs
 * again from that point, as fuzzers and time-travel tools need.
 *
 * Restored: registers of every thread; the contents of the saved
 * mappings; the layout: mappings that appeared since the snapshot are
 * unmapped, removed ones are mapped back (anonymous, MAP_FIXED, same
 * address and protection, with the saved contents: a removed file mapping
 * comes back as anonymous memory), changed protections are set back, and
 * the heap is moved back with brk(); all by syscalls the library makes a
 * stopped thread run. The stack mapping is never shrunk (its growth
 * stays, as it would without the snapshot).
 *
 * Not restored, the caller's business: anything outside the process's
 * memory and registers: files and their offsets, sockets, pipes, other
 * processes (the contents of MAP_SHARED mappings are not saved: they are
 * shared with the file or with other processes), signals pending or
 * blocked by the kernel, timers, the brk value inside a page (the heap is
 * restored to the page its mapping ended at). A removed read-only file
 * mapping (a library unloaded with dlclose) is not saved and makes
 * restore fail. The vDSO and vvar are left alone; a snapshot taken before
 * an exec must not be restored after it.
 *
 * Threads: restore needs the same set of threads (tids) as at the
 * snapshot; a thread created or exited since makes it fail with -EBUSY
 * before anything is changed (threads cannot be created or removed from
 * outside).
 *
 * Take and restore need every thread of the process stopped: call them
 * after snare_run() returned (all-stop), or from a callback of a process
 * with a single thread; otherwise SNARE_ERUNNING. Restore from a stop
 * outside a syscall (a breakpoint, a step, an interrupt): at a syscall
 * entry stop it is refused (-EBUSY), and at an exit stop the syscall's
 * restart is dropped. A thread interrupted inside a blocking syscall
 * when the snapshot was taken restarts it after a restore, as it would
 * have.
 * A thread restored at the address of a software breakpoint is treated
 * as stopped on it: resuming runs the instruction, it does not report the
 * breakpoint again. Breakpoints that exist at restore time keep their
 * int3 (the saved byte under it becomes the snapshot's). A signal about
 * to be delivered at the current stop (the SIGSEGV of a crashed run) is
 * dropped: it belongs to the run being undone.
 *
 * Incremental restore: where the kernel has soft-dirty bits
 * (CONFIG_MEM_SOFT_DIRTY; probed at take), taking a snapshot clears them
 * (/proc/PID/clear_refs), and restore writes back only the pages the
 * pagemap marks dirty, then clears the bits again. Otherwise (or with
 * opts.full_compare) restore reads every saved page and writes back those
 * that differ. Only the snapshot that cleared the bits last may use them:
 * with several snapshots of one process, restoring another one does one
 * full comparison first.
 *
 * A snapshot refers to its process: use it while the process handle is
 * valid; snare_snapshot_free() does not touch the process and may be
 * called after snare_session_free().
 */
typedef struct snare_snapshot snare_snapshot;

#define SNARE_SNAPSHOT_OPTS_VERSION 1
typedef struct snare_snapshot_opts {
	unsigned version;
	/* Never use soft-dirty bits: restore compares every saved page
	   (default 0). */
	int full_compare;
} snare_snapshot_opts;
#define SNARE_SNAPSHOT_OPTS_INIT { SNARE_SNAPSHOT_OPTS_VERSION, 0 }

/*
 * Take a snapshot of p into *out (free with snare_snapshot_free()). opts
 * may be NULL. Errors: -EINVAL, SNARE_ERUNNING (a thread runs),
 * SNARE_EEXITED, SNARE_EDETACHED, SNARE_EWRONGTHREAD, -ENOMEM, and those
 * of reading /proc/PID/maps and registers. A page that cannot be read
 * (beyond the end of a mapped file) is left out and never restored.
 */
int snare_snapshot_take(snare_snapshot **out, snare_proc *p,
			const snare_snapshot_opts *opts);
/* Free a snapshot. NULL-safe. */
void snare_snapshot_free(snare_snapshot *snap);
/* The process a snapshot was taken of. */
snare_proc *snare_snapshot_proc(const snare_snapshot *snap);
/*
 * 1 when restore uses the kernel's soft-dirty bits (incremental), 0 when
 * it compares every page; -EINVAL for NULL.
 */
int snare_snapshot_incremental(const snare_snapshot *snap);
/*
 * Bytes of memory the snapshot saved, untouched anonymous pages included
 * (zeros: they take no room until written).
 */
size_t snare_snapshot_size(const snare_snapshot *snap);

/* What a restore did. */
typedef struct snare_snapshot_stats {
	size_t pages_checked;  /* saved pages looked at (dirty bit or compare) */
	size_t pages_written;  /* pages written back */
	size_t maps_unmapped;  /* ranges munmap()ed: appeared since */
	size_t maps_mapped;    /* ranges mapped back: removed since */
	size_t maps_protected; /* ranges mprotect()ed back */
	int brk_moved;         /* 1 when brk() moved the heap back */
	int incremental;       /* 1 when soft-dirty bits chose the pages */
} snare_snapshot_stats;

/*
 * Put the process of snap back in the saved state (see above); stats may
 * be NULL. The snapshot stays valid and can be restored again. Errors:
 * -EINVAL; SNARE_ERUNNING; SNARE_EEXITED; -EBUSY (the set of threads
 * changed, a thread is at a syscall entry or has a pending stop other
 * than a breakpoint's, or no thread can run the syscalls a layout change
 * needs: nothing was changed; pending breakpoint stops of the run being
 * undone are dropped); -ENOTSUP (a removed mapping whose contents were
 * not saved, or another file now at the place of one: nothing was
 * changed); an injected syscall's error (-ENOMEM...) or a write error, in
 * which case the process is partly restored. The message says which.
 */
int snare_snapshot_restore(snare_snapshot *snap, snare_snapshot_stats *stats);

/* What one entry of a diff describes. */
enum snare_change_kind {
	SNARE_CHANGE_REG = 0,     /* general register: tid, name, old_value,
				     new_value */
	SNARE_CHANGE_VREG,        /* FP/vector register ("xmm3", "ymm3", "st0",
				     "mxcsr", "x87": the other x87 state,
				     "xstate": the rest): tid, name, len,
				     old_bytes, new_bytes */
	SNARE_CHANGE_MEM,         /* bytes [addr, addr+len) changed: old_bytes,
				     new_bytes */
	SNARE_CHANGE_MAP_ADDED,   /* [addr, addr+len) mapped only in the newer
				     state: prot, path */
	SNARE_CHANGE_MAP_REMOVED, /* mapped only in the older: prot, path */
	SNARE_CHANGE_MAP_PROT,    /* protection changed: old_value, new_value */
	SNARE_CHANGE_THREAD_ADDED,   /* tid only in the newer state */
	SNARE_CHANGE_THREAD_REMOVED, /* tid only in the older */
};

typedef struct snare_change {
	int kind;               /* enum snare_change_kind */
	pid_t tid;              /* REG, VREG, THREAD_* */
	char name[16];          /* REG, VREG: "rax", "rip", "xmm0" */
	uint64_t old_value, new_value; /* REG; MAP_PROT: PROT_* flags */
	uint64_t addr;          /* MEM, MAP_* */
	size_t len;             /* MEM, MAP_*: bytes; VREG: register size */
	const uint8_t *old_bytes, *new_bytes; /* MEM, VREG (owned by the array) */
	int prot;               /* MAP_ADDED, MAP_REMOVED */
	const char *path;       /* MAP_ADDED, MAP_REMOVED: "" for anonymous
				   (owned by the array) */
} snare_change;

/*
 * The differences from snapshot a (older) to b (newer), in *out (*n
 * entries): threads added and removed, registers by name per thread
 * present in both, mappings added, removed or reprotected, and changed
 * bytes of memory saved in both, coalesced into ranges (equal runs
 * shorter than 16 bytes are part of a range). Order: threads, registers,
 * maps, memory by address. Free with snare_changes_free(). Errors:
 * -EINVAL, -ENOMEM.
 */
int snare_snapshot_diff(snare_change **out, size_t *n, const snare_snapshot *a,
			const snare_snapshot *b);
/*
 * The same from snapshot a to the process as it is now (every thread
 * stopped, as for take). Changes nothing in the process, soft-dirty bits
 * included. Errors: those of snare_snapshot_take() and -EINVAL.
 */
int snare_snapshot_diff_live(snare_change **out, size_t *n,
			     const snare_snapshot *a);
/* Free a diff. NULL-safe. */
void snare_changes_free(snare_change *changes, size_t n);

#ifdef __cplusplus
}
#endif

#endif /* SNARE_H */
