/* SPDX-License-Identifier: MIT */
/*
 * snare_py.h: internal header of the Python extension module snare._snare.
 *
 * Object graph: a Debugger owns one snare_session (created by the thread
 * that made the Debugger: ptrace binds tracees to it). Process and Thread
 * objects wrap the library's handles and are found again from a handle
 * through its user pointer (snare_proc_user(), snare_thread_user()); the
 * Debugger's dict of processes and each Process's dict of threads hold the
 * strong references. A handle the library frees (a thread or child that
 * exited) is cleared from its object by the session's event observer, so a
 * Python object never points to freed memory: it answers "exited".
 *
 * Callbacks: the library calls C trampolines from inside snare_run() (or a
 * waiting I/O or stepping call), on the debugger's thread. While the
 * library runs, the GIL is released (dbg->ts holds the thread state); a
 * trampoline takes it back for the Python call. A callback that raises
 * keeps its exception in the Debugger and makes the loop stop
 * (SNARE_STOP); the call that ran the loop raises it.
 */
#ifndef SNARE_PY_H
#define SNARE_PY_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <snare.h>

typedef struct PyDbg PyDbg;
typedef struct PyProc PyProc;
typedef struct PyThr PyThr;

#define PP_NRS 1024 /* syscall numbers the print filters know */
#define PP_WORDS (PP_NRS / (8 * sizeof(unsigned long)))

struct PyDbg {
	PyObject_HEAD
	snare_session *s;
	unsigned long owner;    /* thread ident of the session's thread */
	PyThreadState *ts;      /* saved while the library runs with no GIL */
	int release_gil;        /* release the GIL while the loop waits */
	PyObject *argv;         /* list of str */
	PyObject *env;          /* None or a mapping */
	int aslr, escape_antidebug, follow_children, stdio_kind;
	int stop_at_exec;       /* run() stops at the loader's first insn */
	PyProc *main;           /* the process run() or attach() made */
	PyObject *procs;        /* dict pid -> Process (every one seen) */
	PyObject *children;     /* list of Process: followed children */
	PyObject *bps;          /* list of Breakpoint */
	PyObject *hooks;        /* list of SyscallHandler / SignalCatcher */
	PyObject *io;           /* the I/O object of the last run() */
	PyObject *event;        /* the Event that returned control last */
	PyObject *exc;          /* exception a callback raised (pending) */
	int running;            /* cont() resumed it; wait() not done */
	int io_running;         /* an I/O call left it running */
	int in_io;              /* an I/O call waits (the exit of the main
				   process does not end it: its output may
				   still be read) */
	int have_pending;       /* cont() already met a stop for the user */
	snare_event pending;    /* that stop */
	int cb_depth;           /* inside a Python callback */
	int pprint;             /* pprint_syscalls */
	snare_hook *pprint_hook;
	/* syscalls_to_pprint (only these, when pp_only_set) and
	   syscalls_to_not_pprint: a bit per syscall number */
	int pp_only_set;
	unsigned long pp_only[PP_WORDS], pp_not[PP_WORDS];
	unsigned long sig_blocked[2]; /* signals_to_block, bit per signal */
	int exit_reported;      /* wait() returned the main process's exit */
	PyDbg *next_open;       /* the list of open debuggers */
	PyObject *call_bufs;    /* NULL or list of (Thread, [memoryview]):
				   buffers of pending calls (call.c) */
	PyObject *lib_watchers; /* NULL or list of [callback, Debugger]
				   (handoff.c) */
};

struct PyProc {
	PyObject_HEAD
	PyDbg *dbg;             /* strong */
	snare_proc *p;          /* NULL once the library freed the handle */
	pid_t pid;
	int exited, code, signo, detached;
	int handed_off;         /* detached for another debugger, to be
				   taken back (handoff.c) */
	PyObject *threads;      /* dict tid -> Thread */
	PyObject *mem;          /* cached Memory */
};

struct PyThr {
	PyObject_HEAD
	PyProc *proc;           /* strong */
	snare_thread *t;        /* NULL once it exited */
	pid_t tid;
	int exited, code, signo;
	PyObject *regs;         /* cached Registers */
};

/* Registers of a thread; Symbols of a process. */
typedef struct {
	PyObject_HEAD
	PyThr *thr;
} PyRegs;

typedef struct {
	PyObject_HEAD
	PyProc *proc;
} PySymbols;

/* Types. */
extern PyTypeObject PyDbg_Type, PyProc_Type, PyThr_Type, PyRegs_Type,
	PyMem_Type, PyBp_Type, PyHook_Type, PySyscall_Type, PySigHook_Type,
	PySigInfo_Type, PyIO_Type, PyEvent_Type, PySymbols_Type, PySnap_Type,
	PyFloat32_Type, PyCallRes_Type;
extern PyTypeObject *SpMap_Type, *SpSym_Type, *SpChange_Type;

/* Exceptions (module.c). */
extern PyObject *SnareError, *SnareTimeout, *SnareEOF, *SnareExited,
	*SnareStopped;

/* The interpreter's main thread (debugger.c: Ctrl-C while waiting). */
extern unsigned long sp_main_thread;

/* module.c: errors and helpers. */
PyObject *sp_err(PyDbg *d, int code, const char *ctx);
PyObject *sp_errf(int code, const char *fmt, ...);
int sp_check_owner(PyDbg *d);
int sp_parse_timeout(PyObject *o, int *ms);
int sp_u64(PyObject *o, uint64_t *out);

/* debugger.c: the loop, the object registry, the Debugger's life and its
   run/attach/cont/wait/interrupt; control.c: the methods on a stopped
   process; dbgtype.c: properties and the type object. */
PyObject *dbg_new(PyTypeObject *type, PyObject *args, PyObject *kw);
void dbg_finalize(PyObject *self);
int dbg_traverse(PyDbg *d, visitproc visit, void *arg);
int dbg_clear(PyDbg *d);
void dbg_dealloc(PyDbg *d);
void dbg_close(PyDbg *d);
void kill_previous(PyDbg *d);
int need_main(PyDbg *d);
int main_alive(PyDbg *d);
PyObject *cur_thread(PyDbg *d);
PyObject *dbg_run(PyDbg *d, PyObject *unused);
PyObject *dbg_attach(PyDbg *d, PyObject *arg);
PyObject *dbg_cont(PyDbg *d, PyObject *unused);
PyObject *dbg_wait_m(PyDbg *d, PyObject *unused);
PyObject *dbg_interrupt(PyDbg *d, PyObject *unused);
PyObject *dbg_step(PyDbg *d, PyObject *args, PyObject *kw);
PyObject *dbg_next(PyDbg *d, PyObject *args, PyObject *kw);
PyObject *dbg_finish(PyDbg *d, PyObject *args, PyObject *kw);
PyObject *dbg_step_until(PyDbg *d, PyObject *args, PyObject *kw);
PyObject *dbg_kill(PyDbg *d, PyObject *unused);
PyObject *dbg_detach(PyDbg *d, PyObject *unused);
PyObject *dbg_close_m(PyDbg *d, PyObject *unused);
PyObject *dbg_enter_ctx(PyObject *self, PyObject *unused);
PyObject *dbg_exit_ctx(PyObject *self, PyObject *args);
PyObject *dbg_backtrace(PyDbg *d, PyObject *args, PyObject *kw);
PyObject *dbg_snapshot(PyDbg *d, PyObject *args, PyObject *kw);
int bp_listed(PyObject *bp);
int dbg_usable(PyDbg *d);
int dbg_check_stopped(PyDbg *d);
void dbg_enter(PyDbg *d, PyThreadState **saved);
void dbg_leave(PyDbg *d, PyThreadState *saved);
int dbg_take_exc(PyDbg *d);
PyProc *proc_of(PyDbg *d, snare_proc *p);
PyThr *thr_of(PyDbg *d, snare_thread *t);
PyObject *event_new(PyDbg *d, const snare_event *ev);
int dbg_wait_pending(PyDbg *d);
int dbg_event_observer(snare_session *s, const snare_event *ev, void *user);

/* Callback entry and exit from a trampoline: take the GIL if the loop had
   released it. */
static inline PyThreadState *
cb_enter(PyDbg *d)
{
	PyThreadState *ts = d->ts;

	if (ts) {
		d->ts = NULL;
		PyEval_RestoreThread(ts);
	}
	d->cb_depth++;
	return ts;
}

static inline void
cb_leave(PyDbg *d, PyThreadState *ts)
{
	d->cb_depth--;
	if (ts)
		d->ts = PyEval_SaveThread();
}

/* A callback's result: keep the first exception and ask to stop. */
int cb_result(PyDbg *d, PyObject *res);

/* process.c */
PyObject *proc_new(PyDbg *d, snare_proc *p);
PyObject *thr_new(PyProc *proc, snare_thread *t);
void proc_mark_exited(PyProc *pp, int code, int signo);
void thr_mark_exited(PyThr *th, int code, int signo);
void dbg_forget_all(PyDbg *d);
PyObject *proc_regs_thread(PyProc *pp);
int thr_alive(PyThr *th);
int proc_alive(PyProc *pp);
int sp_resolve(PyProc *pp, PyObject *loc, uint64_t *addr);

/* memory.c */
PyObject *mem_new(PyProc *pp);
PyObject *maps_list(PyProc *pp);
PyObject *symbols_new(PyProc *pp);
PyObject *backtrace_list(PyThr *th, int names);
int mem_types_init(void);

/* bp.c */
PyObject *dbg_breakpoint(PyDbg *d, PyObject *args, PyObject *kw);
PyObject *dbg_watchpoint(PyDbg *d, PyObject *args, PyObject *kw);
void bp_forget(PyObject *bp);

/* syscalls.c */
PyObject *dbg_handle_syscall(PyDbg *d, PyObject *args, PyObject *kw);
PyObject *dbg_hijack_syscall(PyDbg *d, PyObject *args, PyObject *kw);
PyObject *dbg_catch_signal(PyDbg *d, PyObject *args, PyObject *kw);
PyObject *dbg_hijack_signal(PyDbg *d, PyObject *args, PyObject *kw);
int dbg_set_pprint(PyDbg *d, int on);
PyThr *dbg_thread_arg(PyDbg *d, PyObject *th);
void hook_forget(PyObject *h);
void sighook_forget(PyObject *h);
int pprint_enter(PyDbg *d, snare_thread *t, const snare_syscall *sc);
PyObject *dbg_get_pp_filter(PyDbg *d, int only);
int dbg_set_pp_filter(PyDbg *d, PyObject *v, int only);
void pprint_exit(PyDbg *d, snare_thread *t, const snare_syscall *sc);
int sp_signo(PyObject *o);

/* snapshot.c */
PyObject *snapshot_take(PyProc *pp, int full_compare);
int snapshot_types_init(PyObject *m);

/* call.c: calls into the program and return watches. */
PyObject *dbg_call(PyDbg *d, PyObject *args, PyObject *kw);
PyObject *dbg_call_continue(PyDbg *d, PyObject *args, PyObject *kw);
PyObject *dbg_call_abandon(PyDbg *d, PyObject *args, PyObject *kw);
PyObject *dbg_on_return(PyDbg *d, PyObject *args, PyObject *kw);
PyObject *thr_call(PyThr *th, PyObject *args, PyObject *kw);
PyObject *thr_call_continue(PyThr *th, PyObject *args, PyObject *kw);
PyObject *thr_call_abandon(PyThr *th, PyObject *unused);
PyObject *thr_on_return(PyThr *th, PyObject *args, PyObject *kw);

/* handoff.c: gdb hand-off, core dumps, library load watchers. */
PyObject *dbg_gdb(PyDbg *d, PyObject *args, PyObject *kw);
PyObject *dbg_handoff(PyDbg *d, PyObject *unused);
PyObject *dbg_takeback(PyDbg *d, PyObject *args, PyObject *kw);
PyObject *dbg_dump_core(PyDbg *d, PyObject *args, PyObject *kw);
PyObject *proc_dump_core(PyProc *pp, PyObject *args, PyObject *kw);
PyObject *dbg_on_libraries(PyDbg *d, PyObject *cb);
PyObject *dbg_off_libraries(PyDbg *d, PyObject *cb);

/* io.c */
PyObject *io_new(PyProc *pp);

#endif
