/* SPDX-License-Identifier: MIT */
/*
 * debugger.c: the Debugger type (snare.debugger()): spawn or attach, the
 * run/cont/wait/interrupt cycle, stepping, kill and detach, the event
 * observer that keeps Process and Thread objects in step with the library's
 * handles, and the Event type.
 */
#include "snare_py.h"

#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <structmember.h>
#include <sys/wait.h>

enum { STDIO_PIPE, STDIO_PTY, STDIO_INHERIT };

/*
 * Open sessions of the calling thread. The library reaps the tracer
 * thread's children with waitpid(-1): a second session in the same
 * thread would take the first one's reports, so a thread has one open
 * Debugger at a time (close() the other, or use `with`).
 */
static PyDbg *open_dbgs; /* under the GIL */

static PyDbg *
open_in_thread(unsigned long owner)
{
	for (PyDbg *o = open_dbgs; o; o = o->next_open)
		if (o->owner == owner)
			return o;
	return NULL;
}

/* Whether d started a process that is still traced (or never started
   one: its run() is still to come). */
static int
dbg_has_live(PyDbg *d)
{
	PyObject *k, *v;
	Py_ssize_t pos = 0;

	if (!d->main || !d->procs)
		return 1;
	while (PyDict_Next(d->procs, &pos, &k, &v)) {
		PyProc *pp = (PyProc *)v;

		if (!pp->exited && (!pp->detached || pp->handed_off))
			return 1;
	}
	return 0;
}

static void
unlink_open(PyDbg *d)
{
	for (PyDbg **pp = &open_dbgs; *pp; pp = &(*pp)->next_open)
		if (*pp == d) {
			*pp = d->next_open;
			break;
		}
	d->next_open = NULL;
}

/* ------------------------------------------------------------------ */
/* Running the loop                                                   */
/* ------------------------------------------------------------------ */

/* Release the GIL around a library call that may run callbacks. */
/*
 * Ctrl-C while the library waits: the interpreter's SIGINT handler only
 * sets a flag, and the library goes on waiting. So on the main thread,
 * for the time of the wait, SIGINT goes first to a handler of ours that
 * asks the session to stop (snare_session_interrupt() is async-signal-
 * safe), then to the interpreter's; the call then raises
 * KeyboardInterrupt with every thread of the program stopped.
 */
static snare_session *volatile sigint_session;
static struct sigaction sigint_old;
static int sigint_depth;
unsigned long sp_main_thread;

static void
on_sigint(int sig, siginfo_t *si, void *uc)
{
	snare_session *s = sigint_session;

	if (s)
		snare_session_interrupt(s);
	if (sigint_old.sa_flags & SA_SIGINFO) {
		if (sigint_old.sa_sigaction)
			sigint_old.sa_sigaction(sig, si, uc);
	} else if (sigint_old.sa_handler == SIG_DFL) {
		sigaction(SIGINT, &sigint_old, NULL);
		raise(SIGINT); /* delivered when this handler returns */
	} else if (sigint_old.sa_handler != SIG_IGN) {
		sigint_old.sa_handler(sig);
	}
}

static void
sigint_arm(PyDbg *d)
{
	struct sigaction sa;

	if (PyThread_get_thread_ident() != sp_main_thread || sigint_depth++)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigint;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGINT, &sa, &sigint_old) < 0)
		return;
	if (!(sigint_old.sa_flags & SA_SIGINFO) &&
	    sigint_old.sa_handler == SIG_IGN) {
		sigaction(SIGINT, &sigint_old, NULL); /* ignored: stays so */
		return;
	}
	sigint_session = d->s;
}

static void
sigint_disarm(void)
{
	if (PyThread_get_thread_ident() != sp_main_thread || !sigint_depth ||
	    --sigint_depth)
		return;
	if (sigint_session) {
		sigint_session = NULL;
		sigaction(SIGINT, &sigint_old, NULL);
	}
}

void
dbg_enter(PyDbg *d, PyThreadState **saved)
{
	sigint_arm(d);
	*saved = d->ts;
	d->ts = d->release_gil ? PyEval_SaveThread() : NULL;
}

void
dbg_leave(PyDbg *d, PyThreadState *saved)
{
	PyThreadState *ts = d->ts;

	d->ts = saved;
	if (ts)
		PyEval_RestoreThread(ts);
	sigint_disarm();
}


/* Raise the exception a callback left, if any: -1 then. */
int
dbg_take_exc(PyDbg *d)
{
	PyObject *e = d->exc;

	if (!e)
		return 0;
	d->exc = NULL;
	/* With the callback's frames in its traceback. */
	Py_INCREF(Py_TYPE(e));
	PyErr_Restore((PyObject *)Py_TYPE(e), e, PyException_GetTraceback(e));
	return -1;
}

int
cb_result(PyDbg *d, PyObject *res)
{
	int action = SNARE_CONTINUE;

	if (!res) {
		PyObject *type, *val, *tb;

		PyErr_Fetch(&type, &val, &tb);
		PyErr_NormalizeException(&type, &val, &tb);
		if (tb && val)
			PyException_SetTraceback(val, tb);
		if (!d->exc && val) {
			d->exc = val;
			val = NULL;
		}
		Py_XDECREF(type);
		Py_XDECREF(val);
		Py_XDECREF(tb);
		return SNARE_STOP;
	}
	/* A callback may return snare.STOP to stop the session. */
	if (PyLong_CheckExact(res) && PyLong_AsLong(res) == SNARE_STOP)
		action = SNARE_STOP;
	Py_DECREF(res);
	if (d->exc)
		action = SNARE_STOP;
	return action;
}

int
dbg_usable(PyDbg *d)
{
	if (sp_check_owner(d) < 0)
		return -1;
	if (!d->s) {
		sp_errf(SNARE_EEXITED, "the debugger was closed");
		return -1;
	}
	return 0;
}

static void
set_event(PyDbg *d, const snare_event *ev)
{
	PyObject *e = event_new(d, ev);

	if (!e) {
		PyErr_Clear();
		return;
	}
	Py_XSETREF(d->event, e);
}

/* Run the loop until a stop for the user (wait()). */
static int
dbg_wait(PyDbg *d)
{
	PyThreadState *saved;
	snare_event ev;
	int r = 0;

	if (!d->running && !d->io_running)
		return 0;
	if (d->have_pending) {
		ev = d->pending;
		d->have_pending = 0;
	} else {
		dbg_enter(d, &saved);
		r = snare_run(&ev, d->s, SNARE_RUN_DEFAULT);
		dbg_leave(d, saved);
	}
	d->running = 0;
	d->io_running = 0;
	if (r < 0) {
		if (dbg_take_exc(d) < 0 || PyErr_CheckSignals() < 0)
			return -1;
		sp_err(d, r, "wait");
		return -1;
	}
	if (d->main && d->main->exited) {
		/* Its exit is reported once, as "exit", also when an I/O
		   call ran the loop through it. */
		if (ev.kind == SNARE_EV_PROC_EXIT && ev.pid == d->main->pid)
			d->exit_reported = 1;
		if (ev.kind == SNARE_EV_ALL_EXITED && !d->exit_reported) {
			memset(&ev, 0, sizeof(ev));
			ev.kind = SNARE_EV_PROC_EXIT;
			ev.pid = ev.tid = d->main->pid;
			ev.proc = d->main->p;
			ev.code = d->main->code;
			ev.signo = d->main->signo;
			d->exit_reported = 1;
		}
	}
	set_event(d, &ev);
	if (dbg_take_exc(d) < 0)
		return -1;
	/* Ctrl-C: the stop is the interrupt it asked for. */
	return PyErr_CheckSignals();
}

int
dbg_wait_pending(PyDbg *d)
{
	return d->cb_depth ? 0 : dbg_wait(d);
}

/* For calls that need the process stopped: wait first when it runs. */
int
dbg_check_stopped(PyDbg *d)
{
	if (dbg_usable(d) < 0)
		return -1;
	if (d->cb_depth)
		return 0;
	if (d->running)
		return dbg_wait(d);
	if (d->io_running) {
		/* An I/O call left it running: stop it for the caller. */
		snare_session_interrupt(d->s);
		return dbg_wait(d);
	}
	return 0;
}

int
need_main(PyDbg *d)
{
	if (!d->main) {
		sp_errf(-ESRCH, "no process: call run() or attach() first");
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Registry of Process and Thread objects                             */
/* ------------------------------------------------------------------ */

PyProc *
proc_of(PyDbg *d, snare_proc *p)
{
	PyProc *pp;
	PyObject *k;

	if (!p)
		return NULL;
	pp = snare_proc_user(p);
	if (pp)
		return pp;
	pp = (PyProc *)proc_new(d, p);
	if (!pp)
		return NULL;
	k = PyLong_FromLong(pp->pid);
	if (!k || PyDict_SetItem(d->procs, k, (PyObject *)pp) < 0) {
		Py_XDECREF(k);
		snare_proc_set_user(p, NULL);
		Py_DECREF(pp);
		return NULL;
	}
	Py_DECREF(k);
	Py_DECREF(pp); /* the dict holds it */
	return pp;
}

PyThr *
thr_of(PyDbg *d, snare_thread *t)
{
	PyThr *th;
	PyProc *pp;
	PyObject *k;

	if (!t)
		return NULL;
	th = snare_thread_user(t);
	if (th)
		return th;
	pp = proc_of(d, snare_thread_proc(t));
	if (!pp)
		return NULL;
	th = (PyThr *)thr_new(pp, t);
	if (!th)
		return NULL;
	k = PyLong_FromLong(th->tid);
	if (!k || PyDict_SetItem(pp->threads, k, (PyObject *)th) < 0) {
		Py_XDECREF(k);
		snare_thread_set_user(t, NULL);
		Py_DECREF(th);
		return NULL;
	}
	Py_DECREF(k);
	Py_DECREF(th);
	return th;
}

/*
 * The session's observer: keeps objects in step with handles the library
 * frees (threads and followed children that exited), collects children,
 * and stops the loop when the main process exits.
 */
int
dbg_event_observer(snare_session *s, const snare_event *ev, void *user)
{
	PyDbg *d = user;
	PyThreadState *ts;
	int action = SNARE_CONTINUE;

	if (ev->kind != SNARE_EV_THREAD_EXIT && ev->kind != SNARE_EV_PROC_EXIT &&
	    ev->kind != SNARE_EV_PROC_NEW)
		return SNARE_CONTINUE;
	ts = cb_enter(d);
	if (ev->kind == SNARE_EV_THREAD_EXIT && ev->thread) {
		PyThr *th = snare_thread_user(ev->thread);

		if (th)
			thr_mark_exited(th, ev->code, ev->signo);
	} else if (ev->kind == SNARE_EV_PROC_EXIT && ev->proc) {
		PyProc *pp = snare_proc_user(ev->proc);

		if (pp) {
			proc_mark_exited(pp, ev->code, ev->signo);
			if (pp != d->main)
				pp->p = NULL; /* the library frees the handle */
			else if (!d->in_io)
				action = SNARE_STOP;
		}
		if (pp != d->main)
			snare_proc_set_user(ev->proc, NULL);
	} else if (ev->kind == SNARE_EV_PROC_NEW && ev->proc) {
		PyProc *pp = proc_of(d, ev->proc);

		if (!pp || PyList_Append(d->children, (PyObject *)pp) < 0)
			PyErr_Clear();
	}
	cb_leave(d, ts);
	return action;
}

/* ------------------------------------------------------------------ */
/* Debugger: construction and destruction                             */
/* ------------------------------------------------------------------ */

PyObject *
dbg_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "argv", "env", "aslr", "escape_antidebug",
				  "follow_children", "stdio", "release_gil",
				  NULL };
	PyObject *argv = Py_None, *env = Py_None;
	int aslr = 0, anti = 0, follow = 1, rel = 1;
	const char *stdio = "pipe";
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	PyDbg *d;
	int r;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "|OOpppsp:debugger", kwlist,
					 &argv, &env, &aslr, &anti, &follow,
					 &stdio, &rel))
		return NULL;
	d = (PyDbg *)type->tp_alloc(type, 0);
	if (!d)
		return NULL;
	d->owner = PyThread_get_thread_ident();
	d->aslr = aslr;
	d->escape_antidebug = anti;
	d->follow_children = follow;
	d->release_gil = rel;
	d->procs = PyDict_New();
	d->children = PyList_New(0);
	d->bps = PyList_New(0);
	d->hooks = PyList_New(0);
	Py_INCREF(Py_None);
	d->io = Py_None;
	Py_INCREF(Py_None);
	d->event = Py_None;
	if (!d->procs || !d->children || !d->bps || !d->hooks)
		goto fail;
	if (!strcmp(stdio, "pipe"))
		d->stdio_kind = STDIO_PIPE;
	else if (!strcmp(stdio, "pty"))
		d->stdio_kind = STDIO_PTY;
	else if (!strcmp(stdio, "inherit"))
		d->stdio_kind = STDIO_INHERIT;
	else {
		PyErr_Format(PyExc_ValueError,
			     "stdio must be \"pipe\", \"pty\" or \"inherit\", not \"%s\"",
			     stdio);
		goto fail;
	}
	if (argv == Py_None) {
		d->argv = PyList_New(0);
	} else if (PyUnicode_Check(argv) || PyBytes_Check(argv)) {
		d->argv = PyList_New(1);
		if (d->argv) {
			Py_INCREF(argv);
			PyList_SET_ITEM(d->argv, 0, argv);
		}
	} else {
		d->argv = PySequence_List(argv);
	}
	if (!d->argv)
		goto fail;
	for (Py_ssize_t i = 0; i < PyList_GET_SIZE(d->argv); i++) {
		PyObject *a = PyList_GET_ITEM(d->argv, i);

		if (!PyUnicode_Check(a) && !PyBytes_Check(a)) {
			PyErr_SetString(PyExc_TypeError,
					"argv must be a str or a list of str");
			goto fail;
		}
	}
	if (env != Py_None && !PyMapping_Check(env)) {
		PyErr_SetString(PyExc_TypeError, "env must be a mapping or None");
		goto fail;
	}
	Py_INCREF(env);
	d->env = env;
	/* A finished debugger (every process it traced exited or was
	   detached) is closed for the new one: its results stay readable. */
	if (open_in_thread(d->owner) && !dbg_has_live(open_in_thread(d->owner)))
		dbg_close(open_in_thread(d->owner));
	if (open_in_thread(d->owner)) {
		PyDbg *o = open_in_thread(d->owner);

		if (o->main)
			sp_errf(-EBUSY,
				"this thread already has an open debugger, "
				"still tracing pid %d: close() it first (a "
				"thread traces with one session at a time)",
				o->main->pid);
		else
			sp_errf(-EBUSY,
				"this thread already has an open debugger that "
				"has not run yet: close() it first (a thread "
				"traces with one session at a time)");
		goto fail;
	}
	so.follow_forks = follow;
	so.fake_traceme = anti;
	so.on_event = dbg_event_observer;
	so.event_user = d;
	r = snare_session_new(&d->s, &so);
	if (r < 0) {
		sp_err(NULL, r, "session");
		goto fail;
	}
	d->next_open = open_dbgs;
	open_dbgs = d;
	return (PyObject *)d;
fail:
	Py_DECREF(d);
	return NULL;
}

/* Free the session: spawned processes killed and reaped, attached ones
   detached; every object that pointed into it is told. */
void
dbg_close(PyDbg *d)
{
	if (!d->s)
		return;
	/* Counts are read while the handles are valid. */
	for (Py_ssize_t i = 0; d->bps && i < PyList_GET_SIZE(d->bps); i++)
		bp_forget(PyList_GET_ITEM(d->bps, i));
	for (Py_ssize_t i = 0; d->hooks && i < PyList_GET_SIZE(d->hooks); i++)
		hook_forget(PyList_GET_ITEM(d->hooks, i));
	if (PyThread_get_thread_ident() == d->owner) {
		snare_session_free(d->s);
	} else if (d->procs) {
		/* Not the tracer thread: the session cannot be freed here.
		   Kill what we spawned and reap it (any thread of the
		   process may); the session's memory is lost. */
		PyObject *k, *v;
		Py_ssize_t pos = 0;

		while (PyDict_Next(d->procs, &pos, &k, &v)) {
			PyProc *pp = (PyProc *)v;

			if (!pp->exited && !pp->detached && pp->pid > 0) {
				kill(pp->pid, SIGKILL);
				waitpid(pp->pid, NULL, __WALL);
			}
		}
	}
	d->s = NULL;
	d->pprint_hook = NULL;
	unlink_open(d);
	dbg_forget_all(d);
}

void
dbg_finalize(PyObject *self)
{
	PyObject *type, *val, *tb;

	PyErr_Fetch(&type, &val, &tb);
	dbg_close((PyDbg *)self);
	PyErr_Restore(type, val, tb);
}

int
dbg_traverse(PyDbg *d, visitproc visit, void *arg)
{
	Py_VISIT(d->argv);
	Py_VISIT(d->env);
	Py_VISIT(d->main);
	Py_VISIT(d->procs);
	Py_VISIT(d->children);
	Py_VISIT(d->bps);
	Py_VISIT(d->hooks);
	Py_VISIT(d->io);
	Py_VISIT(d->event);
	Py_VISIT(d->exc);
	Py_VISIT(d->call_bufs);
	Py_VISIT(d->lib_watchers);
	return 0;
}

int
dbg_clear(PyDbg *d)
{
	Py_CLEAR(d->argv);
	Py_CLEAR(d->env);
	Py_CLEAR(d->main);
	Py_CLEAR(d->procs);
	Py_CLEAR(d->children);
	Py_CLEAR(d->bps);
	Py_CLEAR(d->hooks);
	Py_CLEAR(d->io);
	Py_CLEAR(d->event);
	Py_CLEAR(d->exc);
	Py_CLEAR(d->call_bufs);
	Py_CLEAR(d->lib_watchers);
	return 0;
}

void
dbg_dealloc(PyDbg *d)
{
	if (PyObject_CallFinalizerFromDealloc((PyObject *)d) < 0)
		return;
	PyObject_GC_UnTrack(d);
	dbg_clear(d);
	Py_TYPE(d)->tp_free((PyObject *)d);
}

/* ------------------------------------------------------------------ */
/* run, attach                                                        */
/* ------------------------------------------------------------------ */

static char **
env_array(PyObject *env, PyObject **keep)
{
	PyObject *items = PyMapping_Items(env), *l;
	Py_ssize_t n;
	char **envp;

	if (!items)
		return NULL;
	n = PyList_GET_SIZE(items);
	l = PyList_New(n);
	envp = PyMem_Calloc((size_t)n + 1, sizeof(char *));
	if (!l || !envp)
		goto fail;
	for (Py_ssize_t i = 0; i < n; i++) {
		PyObject *kv = PyList_GET_ITEM(items, i), *s;

		s = PyUnicode_FromFormat("%S=%S", PyTuple_GET_ITEM(kv, 0),
					 PyTuple_GET_ITEM(kv, 1));
		if (!s)
			goto fail;
		PyList_SET_ITEM(l, i, s);
		envp[i] = (char *)PyUnicode_AsUTF8(s);
		if (!envp[i])
			goto fail;
	}
	Py_DECREF(items);
	*keep = l;
	return envp;
fail:
	Py_DECREF(items);
	Py_XDECREF(l);
	PyMem_Free(envp);
	if (!PyErr_Occurred())
		PyErr_NoMemory();
	return NULL;
}

static const char *
str_of(PyObject *o)
{
	return PyBytes_Check(o) ? PyBytes_AS_STRING(o) : PyUnicode_AsUTF8(o);
}

/* A new main process: forget the previous one (killed by the caller). */
static int
adopt_main(PyDbg *d, snare_proc *p)
{
	PyProc *pp = proc_of(d, p);

	if (!pp)
		return -1;
	Py_INCREF(pp);
	Py_XSETREF(d->main, pp);
	d->exit_reported = 0;
	d->running = 0;
	d->io_running = 0;
	d->have_pending = 0;
	Py_INCREF(Py_None);
	Py_XSETREF(d->event, Py_None);
	return 0;
}

void
kill_previous(PyDbg *d)
{
	PyObject *k, *v;
	Py_ssize_t pos = 0;

	if (!d->main)
		return;
	while (PyDict_Next(d->procs, &pos, &k, &v)) {
		PyProc *pp = (PyProc *)v;

		if (pp->p && !pp->exited && !pp->detached) {
			int code = 0, sig = 0;

			if (snare_proc_kill(pp->p) == 0 &&
			    snare_proc_exit_status(&code, &sig, NULL, pp->p) == 1)
				proc_mark_exited(pp, code, sig);
		}
	}
	/* The Breakpoint objects stay listed (a fork child's copy of a
	   breakpoint names its object) but no longer answer. */
	for (Py_ssize_t i = 0; i < PyList_GET_SIZE(d->bps); i++)
		bp_forget(PyList_GET_ITEM(d->bps, i));
	d->running = 0;
	d->io_running = 0;
	d->have_pending = 0;
}

PyObject *
dbg_run(PyDbg *d, PyObject *unused)
{
	snare_spawn_opts so = SNARE_SPAWN_OPTS_INIT;
	Py_ssize_t n;
	char **argv;
	char **envp = NULL;
	PyObject *keep = NULL, *io;
	snare_proc *p;
	int r, kind;

	if (dbg_usable(d) < 0)
		return NULL;
	if (d->cb_depth)
		return sp_errf(-EBUSY, "run() cannot be called from a callback");
	n = PyList_GET_SIZE(d->argv);
	if (n == 0)
		return sp_errf(-EINVAL, "run: the debugger has no argv to run");
	kill_previous(d);
	argv = PyMem_Calloc((size_t)n + 1, sizeof(char *));
	if (!argv)
		return PyErr_NoMemory();
	for (Py_ssize_t i = 0; i < n; i++) {
		argv[i] = (char *)str_of(PyList_GET_ITEM(d->argv, i));
		if (!argv[i]) {
			PyMem_Free(argv);
			return NULL;
		}
	}
	if (d->env != Py_None) {
		envp = env_array(d->env, &keep);
		if (!envp) {
			PyMem_Free(argv);
			return NULL;
		}
		so.envp = envp;
	}
	kind = d->stdio_kind == STDIO_PIPE  ? SNARE_STDIO_PIPE :
	       d->stdio_kind == STDIO_PTY   ? SNARE_STDIO_PTY :
					      SNARE_STDIO_INHERIT;
	for (int i = 0; i < 3; i++)
		so.stdio[i].kind = kind;
	so.no_aslr = !d->aslr;
	so.stop_at = SNARE_SPAWN_STOP_ENTRY;
	r = snare_spawn(&p, d->s, argv[0], argv, &so);
	PyMem_Free(argv);
	PyMem_Free(envp);
	Py_XDECREF(keep);
	if (r < 0)
		return sp_err(d, r, "run");
	if (adopt_main(d, p) < 0)
		return NULL;
	if (d->stdio_kind == STDIO_INHERIT) {
		io = Py_None;
		Py_INCREF(io);
	} else {
		io = io_new(d->main);
		if (!io)
			return NULL;
	}
	Py_INCREF(io);
	Py_XSETREF(d->io, io);
	return io;
}

PyObject *
dbg_attach(PyDbg *d, PyObject *arg)
{
	long pid = PyLong_AsLong(arg);
	snare_proc *p;
	int r;

	if (pid == -1 && PyErr_Occurred())
		return NULL;
	if (dbg_usable(d) < 0)
		return NULL;
	if (d->cb_depth)
		return sp_errf(-EBUSY, "attach() cannot be called from a callback");
	if (pid <= 0 || pid > INT32_MAX)
		return sp_errf(-EINVAL, "attach: bad pid %ld", pid);
	kill_previous(d);
	r = snare_attach(&p, d->s, (pid_t)pid);
	if (r < 0)
		return sp_err(d, r, "attach");
	if (adopt_main(d, p) < 0)
		return NULL;
	Py_INCREF(Py_None);
	Py_XSETREF(d->io, Py_None);
	Py_RETURN_NONE;
}

/* ------------------------------------------------------------------ */
/* cont, wait, interrupt                                              */
/* ------------------------------------------------------------------ */

int
main_alive(PyDbg *d)
{
	if (need_main(d) < 0)
		return -1;
	if (d->main->exited) {
		sp_errf(SNARE_EEXITED, "the process %d has exited", d->main->pid);
		return -1;
	}
	if (d->main->detached) {
		sp_errf(SNARE_EDETACHED, d->main->handed_off ?
			"the process %d is handed off: takeback() first" :
			"the process %d was detached", d->main->pid);
		return -1;
	}
	return 0;
}

PyObject *
dbg_cont(PyDbg *d, PyObject *unused)
{
	PyThreadState *saved;
	snare_event ev;
	int r;

	if (dbg_usable(d) < 0)
		return NULL;
	if (d->cb_depth)
		return sp_errf(-EBUSY,
			       "cont() cannot be called from a callback: return "
			       "from it to go on");
	if (d->running && dbg_wait(d) < 0)
		return NULL;
	if (main_alive(d) < 0)
		return NULL;
	dbg_enter(d, &saved);
	r = snare_run(&ev, d->s, SNARE_RUN_NOWAIT);
	dbg_leave(d, saved);
	if (r < 0) {
		if (dbg_take_exc(d) < 0)
			return NULL;
		return sp_err(d, r, "cont");
	}
	d->running = 1;
	d->io_running = 0;
	/* A callback that raised at once (the stop was already there) has
	   stopped the loop: its stop and exception are wait()'s to give,
	   as when the hit comes later, so where it surfaces does not depend
	   on timing. */
	if (ev.kind != SNARE_EV_NONE || d->exc) {
		d->pending = ev;
		d->have_pending = 1;
	}
	Py_RETURN_NONE;
}

PyObject *
dbg_wait_m(PyDbg *d, PyObject *unused)
{
	if (dbg_usable(d) < 0)
		return NULL;
	if (d->cb_depth)
		return sp_errf(-EBUSY, "wait() cannot be called from a callback");
	if (need_main(d) < 0)
		return NULL;
	if (dbg_wait(d) < 0)
		return NULL;
	Py_INCREF(d->event);
	return d->event;
}

PyObject *
dbg_interrupt(PyDbg *d, PyObject *unused)
{
	if (!d->s)
		return sp_errf(SNARE_EEXITED, "the debugger was closed");
	snare_session_interrupt(d->s);
	if (PyThread_get_thread_ident() != d->owner || d->cb_depth ||
	    (!d->running && !d->io_running))
		Py_RETURN_NONE;
	/* From the debugger's own thread: collect the stop now. */
	if (dbg_wait(d) < 0)
		return NULL;
	Py_INCREF(d->event);
	return d->event;
}
