/* SPDX-License-Identifier: MIT */
/*
 * internal.h: the data model shared by the files of libsnare.
 *
 * A session owns processes; a process owns threads (the ptrace tracees).
 * Every thread is in the session's tid table. wait.c collects wait statuses
 * into the session's stop queue, fixing up bookkeeping that must happen at
 * stop time (new tids, exec tid changes, exits); loop.c dispatches them one
 * by one and resumes threads with typed requests.
 */
#ifndef SNARE_INTERNAL_H
#define SNARE_INTERNAL_H

#include <sys/ptrace.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "snare.h"
#include "arch/arch.h"

/* An internal action: keep the thread stopped, return nothing to the user. */
#define SNARE__HOLD 3

#include "core/print_iface.h" /* SNARE_EXPORT, SNARE_PRINTF */


/* Thread states as the library sees them. */
enum thread_state {
	TS_RUNNING = 0, /* resumed (or new, its first stop not seen yet) */
	TS_STOPPED,     /* in a ptrace-stop held by us */
	TS_EXITING,     /* past PTRACE_EVENT_EXIT: only its death is to come */
	TS_DEAD,        /* reaped, or vanished (exec by another thread) */
};

/*
 * The kind of one stop, classified once from the wait status (wait.c).
 * Each comment says what dispatch (loop.c) must do with it.
 */
enum stop_kind {
	STOP_NONE = 0,
	STOP_SYSCALL,      /* syscall enter/exit/seccomp: read info, run hooks */
	STOP_SIGNAL,       /* signal-delivery-stop: hooks, block list, deliver */
	STOP_GROUP,        /* group-stop (EVENT_STOP + stop signal): report, LISTEN */
	STOP_EVENT_STOP,   /* EVENT_STOP + SIGTRAP: our interrupt, a new thread's
			      first stop, or SIGCONT waking a LISTEN: resume */
	STOP_CLONE,        /* EVENT_CLONE/FORK/VFORK: child already registered at
			      collect time; report it, resume */
	STOP_EXEC,         /* EVENT_EXEC: tids fixed at collect time; report */
	STOP_EXIT_EVENT,   /* EVENT_EXIT: the thread is exiting; resume */
	STOP_SECCOMP,      /* EVENT_SECCOMP: a syscall entry (seccomp path) */
	STOP_EXITED,       /* WIFEXITED/WIFSIGNALED: report thread/proc exit */
	STOP_VFORK_DONE,   /* EVENT_VFORK_DONE: the vfork parent runs again */
	/* SIGTRAP signal-delivery-stops that are ours, told apart by si_code
	   at collection (rule 2): */
	STOP_BREAKPOINT,   /* int3 of a breakpoint (SI_KERNEL): pc already
			      rewound at collection; run its hit, then step
			      over it on resume; never deliver the SIGTRAP */
	STOP_LATE_TRAP,    /* int3 of a removed breakpoint: pc rewound;
			      resume silently */
	STOP_HWBKPT,       /* TRAP_HWBKPT on an execution debug register:
			      run its hit; resume (RF is set by the kernel) */
	STOP_WATCH,        /* TRAP_HWBKPT on a watch debug register (DR6
			      decoded and cleared at collection): run its hit */
	STOP_STEP,         /* TRAP_TRACE while we single-step the thread:
			      completes the step continuation */
	/* SIGSEGV (SEGV_ACCERR) on a page protected for a software watch
	   (events/swwatch.c): run the access with the page open; never
	   delivered to the program */
	STOP_SWWATCH,
	STOP_SWREPORT,     /* not from the kernel: a software watch fired
			      during a step (queued by swwatch.c) */
	STOP_KIND_COUNT
};

/*
 * One stop, as collected and classified once (wait.c). Queued stops keep
 * their record; dispatch reads it and never looks at the status again.
 */
struct snare__stop {
	int kind;               /* enum stop_kind */
	int status;             /* raw wait status */
	int sig;                /* WSTOPSIG (without the 0x80 syscall bit) */
	int event;              /* PTRACE_EVENT_*, 0 for none */
	snare_bp *bp;           /* BREAKPOINT, HWBKPT, WATCH: whose */
	uint64_t pc;            /* BREAKPOINT, HWBKPT, WATCH: where */
	uint64_t insn;          /* SWREPORT: the accessing instruction */
	uint64_t access;        /* SWREPORT: the address accessed */
	void *vals;             /* SWREPORT: old and new value (malloc'd,
				   freed when the stop is dispatched) */
	bool has_si;            /* si is valid (signal-delivery-stops) */
	bool interrupted;       /* the first stop after our PTRACE_INTERRUPT */
	siginfo_t si;
};

struct snare_thread {
	snare_proc *proc;
	pid_t tid;
	int state;              /* enum thread_state */
	snare_thread *hnext;    /* tid hash chain */
	snare_thread *pnext;    /* process thread list */

	/* The current or queued stop. */
	int status;             /* raw wait status */
	struct snare__stop stop; /* the last stop collected */
	int queued;             /* a stop waits in the session queue */
	bool stepping;          /* a single-step of ours is in flight */
	int interrupt_pending;  /* a PTRACE_INTERRUPT (or first stop) to come */
	int group_stop;         /* in group-stop: resume with LISTEN */
	int resume_sig;         /* signal to deliver at the next resume */
	siginfo_t resume_si;    /* its siginfo, when stops of ours came since */
	bool resume_si_valid;
	int first_stop_seen;
	int reported_new;       /* its parent's clone/fork event was seen */
	int announced;          /* THREAD_NEW/PROC_NEW emitted (may precede
				   reported_new: see announce_early()) */

	/* Register cache: one GETREGS per stop at most, SETREGS if dirty. */
	snare_regs regs;
	bool regs_valid, regs_dirty;

	/* Syscall state, per thread (never per hook). */
	bool sc_in;             /* between syscall entry and exit */
	bool sc_want_exit;      /* the exit stop is needed */
	bool sc_restart;        /* the last exit was -ERESTART*: not complete */
	long sc_nr;             /* number at entry (after hijack) */
	long sc_orig_nr;        /* number the program asked for */
	uint64_t sc_args[6];
	snare_hook *sc_hook;    /* the hook whose on_exit runs */
	/* Without PTRACE_GET_SYSCALL_INFO (Linux < 5.3, or forced), whether
	   a syscall stop is an entry or an exit is inferred from the stops
	   before it: see snare__sc_track(). */
	bool sc_kin;            /* the next syscall stop will be an exit */
	bool sc_stop_exit;      /* the current syscall stop is an exit */

	bool vfork_wait;        /* vfork parent waiting for its child */
	bool exiting_stop;      /* the current stop is PTRACE_EVENT_EXIT */
	pid_t event_child;      /* tid from the last clone event */
	snare_thread *event_child_t; /* its record (it may be dead already) */
	pid_t exec_old_tid;     /* tid that called execve, at an exec stop */

	/* Breakpoints: the pc is cached apart from the full registers, so
	   a hit costs one PEEKUSER and one POKEUSER (PERF-NOTES 3.3). */
	uint64_t pc;
	bool pc_valid, pc_dirty;
	snare_bp *at_bp;        /* stopped on this breakpoint (pc rewound) */
	/* Software watchpoints (swwatch.c): pages opened for this thread's
	   access or syscall, with the address each was accessed at. */
	uint64_t sww_open[4], sww_acc[4];
	unsigned nsww_open;
	int sww_sc;             /* syscall: 0, skipped to open, re-entering, open */
	long sww_sc_nr;
	int sww_sc_mode;        /* it reads (1) or may write (2) the pages */
	bool sww_held;          /* stopped while another thread's access ran */
	bool sww_seen;          /* known at the last hold (else born since) */
	bool sww_busy;          /* opening or closing pages */
	uint64_t sww_insn;      /* the instruction whose access runs */
	uint64_t sww_retry_pc, sww_retry_addr;
	unsigned dr_gen;        /* debug registers written for this gen */
	int exit_code, exit_sig;
	void *user;             /* snare_thread_set_user() */
	unsigned long nstops;   /* stops collected so far (tells stops apart) */
	struct snare__ret *rets; /* retbp.c: pending returns, innermost first */
	struct snare__call *call; /* call.c: calls in progress, innermost first */
	/* state.c: the registers t had when it last left a stop, if they
	   were read there or it delivered a fatal signal (the FP registers
	   only then); signals queued
	   for its next resume (bit signo-1). */
	snare_regs last_regs;
	bool last_regs_valid;
	snare_fpregs last_fpregs;  /* only at a fatal signal's stop */
	bool last_fpregs_valid;
	uint64_t queued_sigs;
};

struct snare_proc {
	snare_session *s;
	pid_t pid;
	int state;              /* enum snare_proc_state */
	snare_proc *next;       /* session list */
	snare_proc *parent;
	snare_thread *threads;  /* live and recently dead threads */
	size_t nthreads;        /* live ones */
	bool spawned;           /* kill (not detach) at session free */
	bool user_owned;        /* from snare_spawn/snare_attach: lives until
				   snare_session_free (else retired after its
				   exit was reported) */
	bool seccomp;           /* a snare seccomp filter is installed */
	bool exit_reported;
	bool seized_all;
	int exit_code, exit_sig, core;
	int stdio_fd[3];
	unsigned char pty_streams; /* bit i: stream i is the pty (src/io) */
	struct snare__io *io;   /* src/io: received bytes kept, or NULL */
	int memfd;              /* /proc/PID/mem, opened lazily */
	unsigned char *filter;  /* seccomp filtered syscalls bitmap, or NULL */
	unsigned wants_gen;     /* hooks_gen the cached wants_syscall is for */
	bool wants_syscall;     /* threads need SYSCALL resumes */
	bool hidden;            /* not followed: traced only to clean up */
	bool vforked;           /* a vfork child sharing its parent's memory */
	bool clone_ptrace;      /* hidden, made by a clone with CLONE_PTRACE */
	bool compat_logged;     /* said once that its i386 syscalls are unhooked */
	bool traceme_done;      /* fake_traceme: PTRACE_TRACEME answered once */
	void *user;             /* snare_proc_set_user() */
	void *fmt_notes;        /* print/net.c: lengths between syscall halves */

	snare_bp *bps;          /* breakpoints and watchpoints */
	snare_bp *dr[SNARE_ARCH_NDEBUGREG]; /* debug register owners */
	unsigned dr_gen;        /* bumped when a debug register changes */
	uint64_t moribund[16];  /* recently removed int3 addresses (rule 8) */
	unsigned nmoribund;
	struct sww_page *swpages; /* pages protected for software watches */
	size_t nswpages, swpages_cap;
	unsigned nsww;          /* software watchpoints armed */
	unsigned sww_sc_open;   /* threads in a syscall with the pages open */
	int sww_sc_mode;        /* how far open: 1 readable, 2 as the program's */
	bool sww_holding;       /* threads held for one thread's access */
	uint64_t sww_recent[16]; /* pages recently given back (a fault may
				    still be on its way) */
	unsigned nsww_recent;
	uint64_t syscall_insn;  /* a `syscall` of the vDSO, for injection */
	uint64_t *xol_pages;    /* scratch pages for out-of-line copies */
	size_t nxol, xol_used;  /* pages; slots used in the last page */

	snare_symtab *symtab;   /* snare_proc_symtab(), made on first use */
	bool libs_loaded;       /* the dynamic loader has reached the entry */
	snare_bp *ldso_bp;      /* on _dl_debug_state: libraries changed */
	snare_bp *entry_bp;     /* on AT_ENTRY: the loader is done */
	struct snare__retsites *retsites; /* retbp.c: return addresses armed */
	struct snare__libwatch *libwatch; /* libwatch.c: on_libraries watchers */
	bool exit_seen;         /* detached, then reaped: exit_code, exit_sig */
	bool handed_off;        /* given to another debugger (state/handoff.c) */
	unsigned long long handoff_switches; /* its threads' context switches
						once stopped for the hand-off */
	unsigned snap_gen;      /* state/snapshot.c: soft-dirty bits cleared for */
};

/* A page protected for software watchpoints. */
struct sww_page {
	uint64_t addr;
	int orig_prot;          /* the program's protection */
	int prot;               /* ours, applied */
};

struct snare_bp {
	snare_proc *p;
	snare_bp *next;
	uint64_t addr;
	int kind;               /* enum snare_bp_kind */
	size_t len;
	snare_bp_opts opts;
	bool enabled, inserted, removed;
	bool internal;          /* finish/next: not reported, not counted */
	uint64_t min_sp;        /* internal: fires only when rsp >= min_sp */
	bool fired;             /* internal: it fired */
	uint64_t hits;
	uint8_t orig;           /* software: the byte under the int3 */
	struct insn_plan plan;  /* software: how the covered insn runs */
	uint64_t slot;          /* software: out-of-line copy, 0 until used */
	int dr;                 /* hardware: debug register index */
	char location[256];     /* set by location: resolved again after exec */
	bool pending;           /* location not resolvable yet (library) */
	bool bad_insn;          /* a write left no instruction under it */
	bool sw;                /* watch by page protection (swwatch.c) */
	uint8_t *shadow;        /* watch: the value as last reported */
	uint8_t *ev_vals;       /* watch: old and new value of the last hit */
	bool sys;               /* the library's own: sys_fn runs, no report */
	int (*sys_fn)(snare_thread *t, snare_bp *bp);
	/* The file mapping it was placed in (bpsym.c): device, inode and
	   load base (start - offset). Nothing is written at addr once that
	   file is not mapped there at that base (rule 9: an unloaded
	   library). map_known: placed in a file mapping; map_lost: that
	   mapping went away, and addr is never written again. */
	bool map_known, map_lost;
	unsigned map_dev_major, map_dev_minor;
	uint64_t map_ino, map_base;
};

struct snare_hook {
	snare_session *s;
	long nr;
	snare_hook_opts opts;
	bool enabled, removed;
	bool restarts;          /* on_exit sees exits the kernel restarts */
	int busy;               /* callbacks running: removal is deferred */
	uint64_t hits;
};

struct snare_sighook {
	snare_session *s;
	int signo;
	snare_sighook_opts opts;
	bool removed;
	int busy;
	uint64_t hits;
};

/*
 * The handler interface (docs/design.md): what the events layer registers
 * for the core. Collection-time bookkeeping, one dispatch handler per stop
 * kind (an action back), and the services resumes, spawn and teardown need.
 */
struct snare__events {
	int (*classify_trap)(snare_thread *t, struct snare__stop *st);
	void (*track_syscall)(snare_thread *t, int kind);
	int (*write_debugregs)(snare_thread *t);
	void (*exec)(snare_proc *p);
	int (*inherit)(snare_proc *child, snare_proc *parent);
	int (*stop[STOP_KIND_COUNT])(snare_thread *t, struct snare__stop *st);
	int (*signal_filter)(snare_thread *t, struct snare__stop *st);
	int (*step_over)(snare_thread *t);
	bool (*wants_syscall)(snare_proc *p);
	int (*syscall_info)(snare_thread *t, int kind,
			    struct __ptrace_syscall_info *info);
	int (*seccomp_build)(void **prog_out, size_t *len_out, const int *nrs,
			     size_t n, char *err, size_t errcap);
	void (*fixup_pc)(snare_thread *t);
	int (*unmap_scratch)(snare_proc *p);
	void (*unpatch_all)(snare_proc *p);
	void (*free_all)(snare_proc *p);
	/* The program's view of memory under breakpoints (mem.c). */
	void (*mem_view)(snare_proc *p, uint64_t addr, void *buf, size_t len);
	int (*mem_write)(snare_proc *p, uint64_t addr, const void *buf,
			 size_t len);
	/* Collection: a SIGSEGV of a software watch's page? */
	void (*classify_fault)(snare_thread *t, struct snare__stop *st);
	/* A step met a software watch's page: open it and go on (0). */
	int (*sww_step_fault)(snare_thread *t, struct snare__stop *st);
	/* A step is done: close the pages it opened. */
	void (*sww_step_done)(snare_thread *t, bool completed);
	/* The program's protection of a page a software watch protects. */
	int (*prot_view)(snare_proc *p, uint64_t addr, int prot);
	/* A thread is no longer traced (reaped, vanished, detached): what
	   the events layer keeps for it goes. Never writes tracee memory. */
	void (*thread_gone)(snare_thread *t);
};
extern const struct snare__events snare__event_handlers;

/* One collected stop waiting to be dispatched. */
struct queued_stop {
	snare_thread *t;
	struct snare__stop stop;
};

/* An event kept for a later snare_run (SNARE_RUN_ONCE returns them one
   by one), with copies of what its pointers point to. */
/* A stray (see snare_session_report_strays()) waiting to be reported. */
struct snare__stray {
	int kind;               /* SNARE_EV_STRAY_EXIT or _DETACHED */
	pid_t pid;
	int status;             /* STRAY_EXIT: the wait status */
};

struct queued_event {
	snare_event ev;
	snare_siginfo si;
	char *path;             /* malloc'd copy, or NULL */
	void *vals;             /* WATCHPOINT: copy of old and new value */
};

#define TID_BUCKETS 1024
#define MAX_SIG 65

struct snare_session {
	pthread_t owner;
	const struct snare__events *ev; /* the events layer's handlers */
	snare_session_opts opts;
	char errmsg[512];

	snare_proc *procs;
	snare_proc *procs_last;   /* tail of procs, for O(1) appends */
	snare_thread *tids[TID_BUCKETS];
	snare_thread *dead_ring[256]; /* recently dead, for late clone events */
	unsigned ndead;
	size_t nrunning;        /* threads in TS_RUNNING */

	struct queued_stop *queue;
	size_t qhead, qlen, qcap;

	/* Syscall hooks by number; SNARE_HOOK_ALL in hook_all. */
	snare_hook **hooks;
	size_t nhooks_cap;
	snare_hook *hook_all;
	size_t nhooks;          /* enabled hooks, for the resume decision */
	unsigned hooks_gen;     /* bumped on every hook change */
	snare_hook *fake_traceme;

	/* snare_session_report_strays(): what was met of processes the
	   session does not trace, reported at the next dispatch. */
	bool report_strays;
	struct snare__stray *strays;
	size_t nstrays, strays_cap;
	/* Hand-offs (core/strays.c): how many processes are handed off,
	   the tracer thread's children when the first began, and the
	   children born of hand-offs since, whose exits are no strays. */
	unsigned nhanded;
	bool handoff_kids_known;
	pid_t *handoff_kids;
	size_t nhandoff_kids;
	pid_t *quiet;
	size_t nquiet, quiet_cap;

	snare_sighook *sighooks[MAX_SIG];
	snare_sighook *sighook_all;
	uint64_t blocked;       /* bit signo-1 */

	/* Deferred frees: hooks and breakpoints removed (until the next
	   snare_run), retired threads and processes (see retired_free). */
	void **garbage;
	size_t ngarbage, garbage_cap;
	struct snare__retired *retired;
	size_t nretired, retired_cap;
	/* snare_session_on_thread_free() */
	snare_thread_free_fn thread_free;
	void *thread_free_user;

	/* snare_session_interrupt(): async-signal-safe part. A blocked
	   waitpid is woken by the exit of a small child of ours (the
	   waker), which polls a pipe the interrupt writes to: no tracee
	   ever gets a signal it could see (docs/design.md, "Interrupts"). */
	atomic_int interrupt;
	int wake_pipe[2];       /* interrupt writes to [1]; -1 when closed */
	pid_t waker;            /* the waker child, 0 when none */
	struct snare__watch *watch; /* src/io/pollfd.c: snare_session_fd() */
	unsigned long ncollected;   /* stops collected so far (wait.c) */

	/* Events returned to the caller, oldest first (RUN_ONCE). */
	struct queued_event *evq;
	size_t evq_head, evq_len, evq_cap;
	/* The payload of the event snare_run returned last: valid until
	   the next snare_run or snare_session_free. */
	snare_siginfo ret_si;
	char *ret_path;
	void *ret_vals;         /* old and new value of the returned watch hit */

	int hw_ok;              /* debug registers fire: 0 unknown, 1, -1 */
	bool legacy_sc;         /* no PTRACE_GET_SYSCALL_INFO: GETREGS instead */
	int colocate_cpu;       /* CPU for opts.colocate, -1 until chosen */
	bool in_run;
	bool stop_requested;    /* control returns after this dispatch */
	int run_error;          /* error to return from snare_run */
	int run_mode;
};

/* session.c */
int snare__colocate_cpu(snare_session *s);
int snare__err(snare_session *s, int err, const char *fmt, ...) SNARE_PRINTF(3, 4);
void snare__log(snare_session *s, int level, const char *fmt, ...) SNARE_PRINTF(3, 4);
bool snare__owner_ok(snare_session *s);
int snare__garbage_add(snare_session *s, void *p);
/* A retired record; thread records get the thread-free callback. */
struct snare__retired {
	void *mem;
	bool thread;
};
int snare__retired_add(snare_session *s, void *p);
int snare__retired_add_thread(snare_session *s, snare_thread *t);
void snare__retired_free(snare_session *s);
/* Free a thread record (the thread-free callback first). */
void snare__thread_free(snare_thread *t);

/* thread.c */
snare_thread *snare__thread_find(snare_session *s, pid_t tid);
snare_thread *snare__thread_new(snare_proc *p, pid_t tid, int state);
void snare__thread_unhash(snare_thread *t);
void snare__thread_set_state(snare_thread *t, int state);
void snare__thread_dead(snare_thread *t);
snare_proc *snare__proc_new(snare_session *s, pid_t pid);
void snare__proc_free(snare_proc *p);
void snare__proc_unlink(snare_session *s, snare_proc *p);
void snare__thread_retire(snare_thread *t);
bool snare__detached_exit(snare_session *s, pid_t pid, int status);
void snare__stray_add(snare_session *s, int kind, pid_t pid, int status);
void snare__strays_emit(snare_session *s);
void snare__handoff_begin(snare_session *s);
void snare__handoff_end(snare_session *s);
bool snare__stray_quiet(snare_session *s, pid_t pid);
pid_t snare__proc_mm_tid(const snare_proc *p);

/* procfs.c: a whole file (of /proc) into *text, NUL-terminated, malloc'd
 * (the caller frees it); 0 or -errno (-EFBIG past SNARE__READ_FILE_MAX). */
#define SNARE__READ_FILE_MAX (256ul << 20)
int snare__read_file(const char *path, char **text, size_t *len);
void snare__proc_retire(snare_proc *p);

/* wait.c */
pid_t snare__waitpid(pid_t pid, int *status, int flags);
int snare__collect(snare_session *s, pid_t tid, int status, bool allstop);
snare_thread *snare__collect_stop(snare_session *s, pid_t tid, int status,
				  struct snare__stop *st);
int snare__wait_one(snare_session *s, pid_t which, int flags, bool allstop);
int snare__wait_thread(snare_thread *t, struct snare__stop *st);
pid_t snare__wait_any(snare_session *s, snare_thread **tp,
		      struct snare__stop *st);
int snare__classify(int status);
void snare__register_child(snare_thread *t, int event);
int snare__waker_start(snare_session *s);
void snare__waker_stop(snare_session *s);

/* resume.c: the only place a thread is resumed. */
enum resume_req {
	RESUME_CONT,            /* continue */
	RESUME_SYSCALL,         /* continue to the next syscall stop */
	RESUME_STEP,            /* one instruction */
	RESUME_LISTEN,          /* out of a group-stop, job control kept */
};
int snare__resume_tid(pid_t tid, int req, int sig);
int snare__resume_as(snare_thread *t, int req, int sig);
int snare__resume(snare_thread *t);
int snare__step(snare_thread *t, int *sig_out, bool defer_signals);

/* loop.c */
int snare__stop_all(snare_session *s);

/* src/io: polling and process I/O (docs/design.md, "Polling and I/O"). */
int snare__run(snare_event *evp, snare_session *s, int mode, bool nowait);
int snare__evq_unget(snare_session *s, const snare_event *ev);
void snare__watch_poke(snare_session *s);   /* async-signal-safe */
void snare__watch_stop(snare_session *s);
int snare__pty_open(snare_session *s, int *master, int *slave);
void snare__io_free(snare_proc *p);
int snare__stop_proc(snare_proc *p);
int snare__queue_push(snare_session *s, snare_thread *t,
		      const struct snare__stop *st);
void snare__queue_drop(snare_session *s, snare_proc *p, snare_thread *t);
int snare__emit(snare_session *s, snare_event *ev);
void snare__request_stop(snare_session *s, const snare_event *ev);
int snare__dispatch_queued(snare_session *s, snare_thread *t);
void snare__report_stop(snare_thread *t, struct snare__stop *st);
void snare__evq_free(snare_session *s);
void snare__proc_check_exit(snare_proc *p);

/* state.c */
void snare__regs_keep(snare_thread *t, int req, int sig);
void snare__send_queued_signals(snare_thread *t);

/* regs.c */
int snare__check_stopped(snare_thread *t);
int snare__regs_fetch(snare_thread *t);
int snare__regs_flush(snare_thread *t);
int snare__get_pc(uint64_t *pc, snare_thread *t);
void snare__set_pc(snare_thread *t, uint64_t pc);

/* bp.c: the breakpoint records and their arming */
snare_bp *snare__bp_owner(snare_proc *p, uint64_t addr);
snare_bp *snare__bp_find_sw(snare_proc *p, uint64_t addr);
int snare__bp_opts_copy(snare_bp_opts *to, const snare_bp_opts *from, char *msg,
			size_t msgcap);
int snare__bp_add_internal(snare_bp **out, snare_proc *p, uint64_t addr,
			   uint64_t min_sp);
int snare__bp_new(snare_bp **out, snare_proc *p, uint64_t addr,
		  const snare_bp_opts *o, bool internal);
int snare__bp_activate(snare_bp *bp, uint64_t addr);
/* for bpsym.c */
void snare__bp_unplace(snare_bp *bp, bool to_pending);

/* bphit.c: breakpoint and watchpoint stops */
int snare__bp_classify(snare_thread *t, struct snare__stop *st);
int snare__bp_stop(snare_thread *t, struct snare__stop *st);

/* bplife.c: breakpoints across detach, exec, fork and free */
void snare__bp_unpatch_all(snare_proc *p);
void snare__bp_exec(snare_proc *p);
int snare__bp_inherit(snare_proc *child, snare_proc *parent);
void snare__bp_free_all(snare_proc *p);

/* bpmem.c: the program's view of memory under int3s */
void snare__bp_mem_view(snare_proc *p, uint64_t addr, void *buf, size_t len);
int snare__bp_mem_write(snare_proc *p, uint64_t addr, const void *buf,
			size_t len);

/* swwatch.c, swwfault.c, swwsys.c: watchpoints by page protection */
int snare__sww_arm(snare_bp *bp);
int snare__sww_prot(snare_proc *p, uint64_t addr, int prot);
int snare__sww_disarm(snare_bp *bp);
void snare__sww_classify(snare_thread *t, struct snare__stop *st);
int snare__sww_stop(snare_thread *t, struct snare__stop *st);
int snare__sww_step_fault(snare_thread *t, struct snare__stop *st);
void snare__sww_step_done(snare_thread *t, bool completed);
int snare__sww_sc_enter(snare_thread *t, long nr, const uint64_t args[6]);
int snare__sww_sc_exit(snare_thread *t, int64_t rval);
void snare__sww_sc_abort(snare_thread *t);
int snare__sww_release(snare_proc *p);
void snare__sww_forget(snare_proc *p);
int snare__sww_inherit(snare_proc *c, snare_proc *parent);

/* debugregs.c */
bool snare__bp_is_watch(const snare_bp *bp);
bool snare__bp_uses_dr(const snare_bp *bp);
int snare__hw_probe(snare_session *s);
int snare__dr_alloc(snare_bp *bp);
int snare__dr_free(snare_bp *bp);
int snare__bp_write_drs(snare_thread *t);

/* xol.c: out-of-line steps, syscalls run in the tracee */
int snare__bp_step_over(snare_thread *t);
void snare__xol_fixup_pc(snare_thread *t);
int snare__xol_unmap(snare_proc *p);
int snare__inject_syscall(snare_thread *t, long nr, const uint64_t args[6],
			  uint64_t *ret);
bool snare__injectable(const snare_thread *t, bool last_resort);

/* resume.c */
int snare__to_syscall_exit(snare_thread *t);

/* bpsym.c */
void snare__bpsym_exec(snare_proc *p);
void snare__bpsym_free(snare_proc *p);
void snare__bp_placed(snare_bp *bp);
int snare__bp_guard(snare_bp *bp, bool patching);
int snare__bpsym_watch(snare_proc *p);

/* step.c */

/* callrun.c (trap), callsave.c (fixup, gone): calls into the program;
   xol.c: syscall_insn */
bool snare__call_trap(snare_thread *t, struct snare__stop *st);
void snare__call_fixup(snare_thread *t);
void snare__call_gone(snare_thread *t);
int snare__syscall_insn(snare_proc *p, uint64_t *out);

/* retbp.c: pending returns (snare_thread_on_return) */
void snare__retbp_thread_gone(snare_thread *t);
void snare__retbp_exec(snare_proc *p);
void snare__retbp_free(snare_proc *p);
void snare__retbp_libs_changed(snare_proc *p);

/* libwatch.c: snare_proc_on_libraries() */
void snare__libs_changed(snare_proc *p);
bool snare__libs_watched(const snare_proc *p);
int snare__libwatch_inherit(snare_proc *child, snare_proc *parent);
void snare__libwatch_free(snare_proc *p);

/* mem.c */
void snare__mem_close(snare_proc *p);
int snare__mem_read_raw(void *buf, snare_proc *p, uint64_t addr, size_t len);
int snare__mem_write_raw(snare_proc *p, uint64_t addr, const void *buf,
			 size_t len);

/* spawn.c */
uint64_t snare__auxv(pid_t pid, unsigned long type);

/* attach.c */
unsigned long snare__ptrace_options(bool spawned, const snare_session *s);
int snare__kill_proc(snare_proc *p);
int snare__detach_proc(snare_proc *p, bool force);
int snare__attach_explain(char *buf, size_t cap, pid_t pid, int err,
			  int yama_scope);
int snare__seize_tasks(snare_proc *p, int *first_err);

/* syscall.c */
void snare__sc_track(snare_thread *t, int kind);
int snare__syscall_info(snare_thread *t, int kind,
			struct __ptrace_syscall_info *info);
int snare__syscall_stop(snare_thread *t, int kind);
bool snare__proc_wants_syscall(snare_proc *p);
bool snare__hooked_any(snare_session *s);

/* signal.c */
int snare__signal_stop(snare_thread *t, struct snare__stop *st);
int snare__signal_filter(snare_thread *t, struct snare__stop *st);

/* seccomp.c */
int snare__seccomp_build(void **prog_out, size_t *len_out, const int *nrs,
			 size_t n, char *err, size_t errcap);

/* names (sysnames.c, signames.c) */
#include "names/names.h"

/* ptrace with the request typed as glibc wants it. */
static inline long
snare__ptrace(int req, pid_t tid, void *addr, void *data)
{
	return ptrace((enum __ptrace_request)req, tid, addr, data);
}

#endif
