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
void
dbg_enter(PyDbg *d, PyThreadState **saved)
{
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
	d->io_running = 0;
	if (r < 0) {
		if (dbg_take_exc(d) < 0)
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
	return dbg_take_exc(d);
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

static int
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

static PyObject *
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
	if (open_in_thread(d->owner)) {
		PyDbg *o = open_in_thread(d->owner);

		sp_errf(-EBUSY,
			"this thread already has an open debugger (of pid %d): "
			"close() it first (a thread traces with one session "
			"at a time)",
			o->main ? o->main->pid : 0);
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
static void
dbg_close(PyDbg *d)
{
	if (!d->s)
		return;
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

static void
dbg_finalize(PyObject *self)
{
	PyObject *type, *val, *tb;

	PyErr_Fetch(&type, &val, &tb);
	dbg_close((PyDbg *)self);
	PyErr_Restore(type, val, tb);
}

static int
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
	return 0;
}

static int
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
	return 0;
}

static void
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

static void
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

static PyObject *
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

static PyObject *
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

static int
main_alive(PyDbg *d)
{
	if (need_main(d) < 0)
		return -1;
	if (d->main->exited) {
		sp_errf(SNARE_EEXITED, "the process %d has exited", d->main->pid);
		return -1;
	}
	if (d->main->detached) {
		sp_errf(SNARE_EDETACHED, "the process %d was detached",
			d->main->pid);
		return -1;
	}
	return 0;
}

static PyObject *
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
	if (ev.kind != SNARE_EV_NONE) {
		d->pending = ev;
		d->have_pending = 1;
	}
	if (d->exc) {
		/* A callback raised at once: the loop stopped for it. */
		d->have_pending = 0;
		d->running = 0;
		set_event(d, &ev);
		dbg_take_exc(d);
		return NULL;
	}
	Py_RETURN_NONE;
}

static PyObject *
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

static PyObject *
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

/* ------------------------------------------------------------------ */
/* Stepping                                                           */
/* ------------------------------------------------------------------ */

/* The thread a call without thread= acts on: that of the last stop when it
   is in the main process and alive, else the main process's first. */
static PyObject *
cur_thread(PyDbg *d)
{
	if (need_main(d) < 0)
		return NULL;
	if (d->event != Py_None) {
		PyObject *t = PyObject_GetAttrString(d->event, "thread");

		if (!t)
			return NULL;
		if (t != Py_None && ((PyThr *)t)->proc == d->main &&
		    ((PyThr *)t)->t)
			return t;
		Py_DECREF(t);
	}
	return proc_regs_thread(d->main);
}

static PyThr *
step_thread(PyDbg *d, PyObject *th)
{
	if (dbg_check_stopped(d) < 0)
		return NULL;
	if (th && th != Py_None) {
		if (!PyObject_TypeCheck(th, &PyThr_Type)) {
			PyErr_SetString(PyExc_TypeError,
					"thread must be a snare Thread");
			return NULL;
		}
		Py_INCREF(th);
	} else {
		th = cur_thread(d);
		if (!th)
			return NULL;
	}
	if (thr_alive((PyThr *)th) < 0) {
		Py_DECREF(th);
		return NULL;
	}
	return (PyThr *)th;
}

enum { ST_STEP, ST_NEXT, ST_FINISH, ST_UNTIL };

static PyObject *
do_step(PyDbg *d, int how, PyObject *th_o, PyObject *loc, Py_ssize_t max)
{
	PyThreadState *saved;
	PyThr *th = step_thread(d, th_o);
	uint64_t addr = 0;
	int r = 0;

	if (!th)
		return NULL;
	if (how == ST_UNTIL && sp_resolve(th->proc, loc, &addr) < 0) {
		Py_DECREF(th);
		return NULL;
	}
	dbg_enter(d, &saved);
	switch (how) {
	case ST_STEP:
		r = snare_thread_step(th->t);
		break;
	case ST_NEXT:
		r = snare_thread_next(th->t);
		break;
	case ST_FINISH:
		r = snare_thread_finish(th->t);
		break;
	case ST_UNTIL:
		r = snare_thread_step_until(th->t, addr, (size_t)max);
		break;
	}
	dbg_leave(d, saved);
	Py_DECREF(th);
	if (dbg_take_exc(d) < 0)
		return NULL;
	if (r < 0)
		return sp_err(d, r, "step");
	Py_RETURN_NONE;
}

static PyObject *
dbg_step(PyDbg *d, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "thread", NULL };
	PyObject *th = NULL;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:step", kwlist, &th))
		return NULL;
	return do_step(d, ST_STEP, th, NULL, 0);
}

static PyObject *
dbg_next(PyDbg *d, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "thread", NULL };
	PyObject *th = NULL;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:next", kwlist, &th))
		return NULL;
	return do_step(d, ST_NEXT, th, NULL, 0);
}

static PyObject *
dbg_finish(PyDbg *d, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "thread", NULL };
	PyObject *th = NULL;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:finish", kwlist, &th))
		return NULL;
	return do_step(d, ST_FINISH, th, NULL, 0);
}

static PyObject *
dbg_step_until(PyDbg *d, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "location", "max_steps", "thread", NULL };
	PyObject *loc, *th = NULL;
	Py_ssize_t max = 1000000;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "O|nO:step_until", kwlist,
					 &loc, &max, &th))
		return NULL;
	if (max <= 0) {
		PyErr_SetString(PyExc_ValueError, "max_steps must be positive");
		return NULL;
	}
	return do_step(d, ST_UNTIL, th, loc, max);
}

/* ------------------------------------------------------------------ */
/* kill, detach                                                       */
/* ------------------------------------------------------------------ */

static PyObject *
dbg_kill(PyDbg *d, PyObject *unused)
{
	if (dbg_usable(d) < 0)
		return NULL;
	if (d->cb_depth)
		return sp_errf(-EBUSY, "kill() cannot be called from a callback");
	if (need_main(d) < 0)
		return NULL;
	if (d->main->exited && !d->running)
		return sp_errf(SNARE_EEXITED, "kill: the process %d has exited",
			       d->main->pid);
	if (d->main->detached)
		return sp_errf(SNARE_EDETACHED, "kill: the process %d was detached",
			       d->main->pid);
	kill_previous(d);
	Py_RETURN_NONE;
}

static PyObject *
dbg_detach(PyDbg *d, PyObject *unused)
{
	int r;

	if (dbg_usable(d) < 0)
		return NULL;
	if (d->cb_depth)
		return sp_errf(-EBUSY, "detach() cannot be called from a callback");
	if (main_alive(d) < 0)
		return NULL;
	d->running = 0;
	d->io_running = 0;
	d->have_pending = 0;
	r = snare_proc_detach(d->main->p, 0);
	if (r < 0)
		return sp_err(d, r, "detach");
	d->main->detached = 1;
	Py_RETURN_NONE;
}

static PyObject *
dbg_close_m(PyDbg *d, PyObject *unused)
{
	if (sp_check_owner(d) < 0)
		return NULL;
	if (d->cb_depth)
		return sp_errf(-EBUSY, "close() cannot be called from a callback");
	dbg_close(d);
	Py_RETURN_NONE;
}

static PyObject *
dbg_enter_ctx(PyObject *self, PyObject *unused)
{
	Py_INCREF(self);
	return self;
}

static PyObject *
dbg_exit_ctx(PyObject *self, PyObject *args)
{
	return dbg_close_m((PyDbg *)self, NULL);
}

static PyObject *
dbg_backtrace(PyDbg *d, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "as_names", "thread", NULL };
	PyObject *th = NULL, *r;
	int names = 0;
	PyThr *t;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "|pO:backtrace", kwlist,
					 &names, &th))
		return NULL;
	t = step_thread(d, th);
	if (!t)
		return NULL;
	r = backtrace_list(t, names);
	Py_DECREF(t);
	return r;
}

static PyObject *
dbg_snapshot(PyDbg *d, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "full_compare", NULL };
	int full = 0;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "|p:snapshot", kwlist, &full))
		return NULL;
	if (dbg_usable(d) < 0 || need_main(d) < 0)
		return NULL;
	return snapshot_take(d->main, full);
}

static PyObject *
m_breakpoint(PyDbg *d, PyObject *a, PyObject *k)
{
	return dbg_breakpoint(d, a, k);
}
static PyObject *
m_watchpoint(PyDbg *d, PyObject *a, PyObject *k)
{
	return dbg_watchpoint(d, a, k);
}
static PyObject *
m_handle_syscall(PyDbg *d, PyObject *a, PyObject *k)
{
	return dbg_handle_syscall(d, a, k);
}
static PyObject *
m_hijack_syscall(PyDbg *d, PyObject *a, PyObject *k)
{
	return dbg_hijack_syscall(d, a, k);
}
static PyObject *
m_catch_signal(PyDbg *d, PyObject *a, PyObject *k)
{
	return dbg_catch_signal(d, a, k);
}
static PyObject *
m_hijack_signal(PyDbg *d, PyObject *a, PyObject *k)
{
	return dbg_hijack_signal(d, a, k);
}

/* ------------------------------------------------------------------ */
/* Properties                                                         */
/* ------------------------------------------------------------------ */

static PyObject *
get_regs(PyDbg *d, void *c)
{
	PyObject *t, *r;

	if (dbg_check_stopped(d) < 0)
		return NULL;
	t = cur_thread(d);
	if (!t)
		return NULL;
	r = PyObject_GetAttrString(t, "regs");
	Py_DECREF(t);
	return r;
}

static PyObject *
get_memory(PyDbg *d, void *c)
{
	if (dbg_usable(d) < 0 || need_main(d) < 0)
		return NULL;
	return PyObject_GetAttrString((PyObject *)d->main, "memory");
}

static PyObject *
get_maps(PyDbg *d, void *c)
{
	if (dbg_usable(d) < 0 || need_main(d) < 0)
		return NULL;
	return maps_list(d->main);
}

static PyObject *
get_symbols(PyDbg *d, void *c)
{
	if (dbg_usable(d) < 0 || need_main(d) < 0)
		return NULL;
	return symbols_new(d->main);
}

static PyObject *
get_threads(PyDbg *d, void *c)
{
	if (dbg_usable(d) < 0 || need_main(d) < 0)
		return NULL;
	return PyObject_GetAttrString((PyObject *)d->main, "threads");
}

static PyObject *
get_children(PyDbg *d, void *c)
{
	return PyList_GetSlice(d->children, 0, PY_SSIZE_T_MAX);
}

static PyObject *
get_exit(PyDbg *d, int sig)
{
	if (!d->main)
		Py_RETURN_NONE;
	if (!d->main->exited && d->main->p && d->s) {
		int code, signo;

		if (snare_proc_exit_status(&code, &signo, NULL, d->main->p) == 1)
			proc_mark_exited(d->main, code, signo);
	}
	if (!d->main->exited)
		Py_RETURN_NONE;
	if (sig)
		return d->main->signo ? PyLong_FromLong(d->main->signo) :
					(Py_INCREF(Py_None), Py_None);
	return d->main->signo ? (Py_INCREF(Py_None), Py_None) :
				PyLong_FromLong(d->main->code);
}

static PyObject *
get_exit_code(PyDbg *d, void *c)
{
	return get_exit(d, 0);
}

static PyObject *
get_exit_signal(PyDbg *d, void *c)
{
	return get_exit(d, 1);
}

static PyObject *
get_pid(PyDbg *d, void *c)
{
	if (!d->main)
		Py_RETURN_NONE;
	return PyLong_FromLong(d->main->pid);
}

static PyObject *
get_process(PyDbg *d, void *c)
{
	PyObject *o = d->main ? (PyObject *)d->main : Py_None;

	Py_INCREF(o);
	return o;
}

static PyObject *
get_pprint(PyDbg *d, void *c)
{
	return PyBool_FromLong(d->pprint);
}

static int
set_pprint(PyDbg *d, PyObject *v, void *c)
{
	int on;

	if (!v) {
		PyErr_SetString(PyExc_AttributeError, "cannot delete");
		return -1;
	}
	on = PyObject_IsTrue(v);
	if (on < 0 || dbg_usable(d) < 0)
		return -1;
	return dbg_set_pprint(d, on);
}

static PyObject *
get_block(PyDbg *d, void *c)
{
	PyObject *l = PyList_New(0);

	for (int s = 1; l && s <= 64; s++)
		if (d->sig_blocked[(s - 1) / 64 ? 1 : 0] & (1UL << ((s - 1) % 64))) {
			PyObject *n = PyLong_FromLong(s);

			if (!n || PyList_Append(l, n) < 0) {
				Py_XDECREF(n);
				Py_CLEAR(l);
			} else {
				Py_DECREF(n);
			}
		}
	return l;
}

static int
set_block(PyDbg *d, PyObject *v, void *c)
{
	unsigned long want = 0;
	PyObject *it, *o;
	int r;

	if (!v) {
		PyErr_SetString(PyExc_AttributeError, "cannot delete");
		return -1;
	}
	if (dbg_usable(d) < 0)
		return -1;
	it = PyObject_GetIter(v);
	if (!it)
		return -1;
	while ((o = PyIter_Next(it))) {
		int s = sp_signo(o);

		Py_DECREF(o);
		if (s < 0) {
			Py_DECREF(it);
			return -1;
		}
		want |= 1UL << (s - 1);
	}
	Py_DECREF(it);
	if (PyErr_Occurred())
		return -1;
	for (int s = 1; s <= 64; s++) {
		unsigned long bit = 1UL << (s - 1);

		if ((want & bit) == (d->sig_blocked[0] & bit))
			continue;
		r = snare_signal_block(d->s, s, (want & bit) != 0);
		if (r < 0) {
			sp_err(d, r, "signals_to_block");
			return -1;
		}
		d->sig_blocked[0] ^= bit;
	}
	return 0;
}

int bp_listed(PyObject *bp);

static PyObject *
get_breakpoints(PyDbg *d, void *c)
{
	PyObject *l = PyList_New(0);

	for (Py_ssize_t i = 0; l && i < PyList_GET_SIZE(d->bps); i++) {
		PyObject *b = PyList_GET_ITEM(d->bps, i);

		if (bp_listed(b) && PyList_Append(l, b) < 0)
			Py_CLEAR(l);
	}
	return l;
}

static PyObject *
get_handlers(PyDbg *d, void *c)
{
	return PyList_GetSlice(d->hooks, 0, PY_SSIZE_T_MAX);
}

static PyObject *
get_running(PyDbg *d, void *c)
{
	return PyBool_FromLong(d->running);
}

static PyObject *
get_dead(PyDbg *d, void *c)
{
	PyObject *e = get_exit_code(d, NULL);
	int dead;

	if (!e)
		return NULL;
	dead = !d->main || d->main->exited || d->main->detached || !d->s;
	Py_DECREF(e);
	return PyBool_FromLong(dead);
}

static PyObject *
get_event(PyDbg *d, void *c)
{
	Py_INCREF(d->event);
	return d->event;
}

static PyObject *
get_io(PyDbg *d, void *c)
{
	Py_INCREF(d->io);
	return d->io;
}

static PyObject *
get_argv(PyDbg *d, void *c)
{
	return PyList_GetSlice(d->argv, 0, PY_SSIZE_T_MAX);
}

static PyMethodDef dbg_methods[] = {
	{ "run", (PyCFunction)dbg_run, METH_NOARGS,
	  "run() -> IO | None: start the program, stopped at its entry point "
	  "(libraries loaded), and return its I/O object (None with "
	  "stdio=\"inherit\"). A process of an earlier run() is killed." },
	{ "attach", (PyCFunction)dbg_attach, METH_O,
	  "attach(pid): trace a running process and every thread of it, "
	  "stopped." },
	{ "cont", (PyCFunction)dbg_cont, METH_NOARGS,
	  "cont(): resume the process (after waiting for the previous cont())." },
	{ "wait", (PyCFunction)dbg_wait_m, METH_NOARGS,
	  "wait() -> Event: run the session until a stop for the user "
	  "(breakpoint or hook without callback, caught signal without "
	  "callback, interrupt, exit of the process) and return it. Callbacks "
	  "run meanwhile; one that raises stops the session and its exception "
	  "is raised here." },
	{ "interrupt", (PyCFunction)dbg_interrupt, METH_NOARGS,
	  "interrupt(): stop every thread. From the debugger's thread the "
	  "stop is collected at once (the Event is returned); from any other "
	  "thread it ends the wait() in progress." },
	{ "step", (PyCFunction)(void (*)(void))dbg_step, METH_VARARGS | METH_KEYWORDS,
	  "step(thread=None): one instruction." },
	{ "next", (PyCFunction)(void (*)(void))dbg_next, METH_VARARGS | METH_KEYWORDS,
	  "next(thread=None): one instruction, running calls to their return." },
	{ "finish", (PyCFunction)(void (*)(void))dbg_finish, METH_VARARGS | METH_KEYWORDS,
	  "finish(thread=None): run until the current function returns." },
	{ "step_until", (PyCFunction)(void (*)(void))dbg_step_until,
	  METH_VARARGS | METH_KEYWORDS,
	  "step_until(location, max_steps=1000000, thread=None): single-step "
	  "until the pc is at location (an address or a location string)." },
	{ "kill", (PyCFunction)dbg_kill, METH_NOARGS,
	  "kill(): kill the process (and its followed children) and reap it." },
	{ "detach", (PyCFunction)dbg_detach, METH_NOARGS,
	  "detach(): let the process go on untraced, every patch removed." },
	{ "close", (PyCFunction)dbg_close_m, METH_NOARGS,
	  "close(): free the session: spawned processes are killed and "
	  "reaped, attached ones detached. Also done by garbage collection." },
	{ "__enter__", dbg_enter_ctx, METH_NOARGS, NULL },
	{ "__exit__", dbg_exit_ctx, METH_VARARGS, NULL },
	{ "backtrace", (PyCFunction)(void (*)(void))dbg_backtrace,
	  METH_VARARGS | METH_KEYWORDS,
	  "backtrace(as_names=False, thread=None) -> list: the pc of each "
	  "frame, innermost first (names such as \"main+0x10\" with as_names)." },
	{ "snapshot", (PyCFunction)(void (*)(void))dbg_snapshot,
	  METH_VARARGS | METH_KEYWORDS,
	  "snapshot(full_compare=False) -> Snapshot: save the stopped "
	  "process (registers, private memory, maps) to restore() later." },
	{ "breakpoint", (PyCFunction)(void (*)(void))m_breakpoint,
	  METH_VARARGS | METH_KEYWORDS,
	  "breakpoint(location, callback=None, hardware=False, condition=None) "
	  "-> Breakpoint. location: an address or a location string (\"main\", "
	  "\"main+0x10\", \"libc.so.6:puts\", \"file.c:42\"). callback(thread, "
	  "bp) runs at each hit; without one a hit stops the process (wait() "
	  "returns). condition: a callable(thread, bp) -> bool (a hit counts "
	  "only when true), or \"x\", \"w\", \"rw\" as libdebug spells a "
	  "hardware breakpoint or a watchpoint." },
	{ "watchpoint", (PyCFunction)(void (*)(void))m_watchpoint,
	  METH_VARARGS | METH_KEYWORDS,
	  "watchpoint(location, length=1, condition=\"w\", callback=None, "
	  "hardware=None) -> Breakpoint: stop (or call callback(thread, bp)) "
	  "after a write (\"w\") or any access (\"rw\") to the bytes. "
	  "hardware=None picks debug registers when they work, else page "
	  "protection; True or False forces one." },
	{ "handle_syscall", (PyCFunction)(void (*)(void))m_handle_syscall,
	  METH_VARARGS | METH_KEYWORDS,
	  "handle_syscall(syscall, on_enter=None, on_exit=None) -> "
	  "SyscallHandler: hook a syscall (name or number; \"*\" for all) in "
	  "every process. Callbacks get (thread, syscall) with settable nr, "
	  "args, retval; without callbacks the process stops at entry and exit." },
	{ "hijack_syscall", (PyCFunction)(void (*)(void))m_hijack_syscall,
	  METH_VARARGS | METH_KEYWORDS,
	  "hijack_syscall(original, new, recursive=False) -> SyscallHandler: "
	  "run syscall new whenever the program calls original." },
	{ "catch_signal", (PyCFunction)(void (*)(void))m_catch_signal,
	  METH_VARARGS | METH_KEYWORDS,
	  "catch_signal(signal, callback=None) -> SignalCatcher: callback("
	  "thread, siginfo) runs before the signal is delivered (set "
	  "siginfo.signo to change it, 0 to suppress it); without callback "
	  "the process stops there." },
	{ "hijack_signal", (PyCFunction)(void (*)(void))m_hijack_signal,
	  METH_VARARGS | METH_KEYWORDS,
	  "hijack_signal(original, new, recursive=False) -> SignalCatcher: "
	  "deliver signal new instead of original." },
	{ NULL, NULL, 0, NULL },
};

static PyGetSetDef dbg_getset[] = {
	{ "regs", (getter)get_regs, NULL,
	  "Registers of the current thread (that of the last stop, else the "
	  "first thread).", NULL },
	{ "memory", (getter)get_memory, NULL, "The process's Memory.", NULL },
	{ "maps", (getter)get_maps, NULL, "list of MemoryMap.", NULL },
	{ "symbols", (getter)get_symbols, NULL, "The process's Symbols.", NULL },
	{ "threads", (getter)get_threads, NULL,
	  "The live threads of the process (list of Thread).", NULL },
	{ "children", (getter)get_children, NULL,
	  "Followed child processes (list of Process), in order of birth.", NULL },
	{ "exit_code", (getter)get_exit_code, NULL,
	  "The exit code once the process exited normally, else None.", NULL },
	{ "exit_signal", (getter)get_exit_signal, NULL,
	  "The signal that killed the process, else None.", NULL },
	{ "pid", (getter)get_pid, NULL, "The process's pid (None before run()).", NULL },
	{ "process", (getter)get_process, NULL, "The main Process.", NULL },
	{ "pprint_syscalls", (getter)get_pprint, (setter)set_pprint,
	  "True: print every syscall on stderr as strace does.", NULL },
	{ "signals_to_block", (getter)get_block, (setter)set_block,
	  "Signals never delivered to the program (numbers or names).", NULL },
	{ "breakpoints", (getter)get_breakpoints, NULL, "list of Breakpoint.", NULL },
	{ "handlers", (getter)get_handlers, NULL,
	  "list of SyscallHandler and SignalCatcher.", NULL },
	{ "running", (getter)get_running, NULL,
	  "True between cont() and the wait() that follows.", NULL },
	{ "dead", (getter)get_dead, NULL,
	  "True when there is no live traced process.", NULL },
	{ "event", (getter)get_event, NULL,
	  "The Event of the last stop (None before one).", NULL },
	{ "io", (getter)get_io, NULL, "The I/O object of the last run().", NULL },
	{ "argv", (getter)get_argv, NULL, "The program and its arguments.", NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

static PyMemberDef dbg_members[] = {
	{ "release_gil", T_INT, offsetof(PyDbg, release_gil), 0,
	  "Release the GIL while the debugger waits (default True): other "
	  "Python threads run, and may call interrupt()." },
	{ NULL, 0, 0, 0, NULL },
};

PyTypeObject PyDbg_Type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "snare.Debugger",
	.tp_basicsize = sizeof(PyDbg),
	.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
	.tp_doc = "debugger(argv, env=None, aslr=False, escape_antidebug=False, "
		  "follow_children=True, stdio=\"pipe\", release_gil=True): "
		  "a debugger for one program (argv: a path or a list). "
		  "Every call must come from the thread that created it, "
		  "except interrupt().",
	.tp_new = dbg_new,
	.tp_dealloc = (destructor)dbg_dealloc,
	.tp_finalize = dbg_finalize,
	.tp_traverse = (traverseproc)dbg_traverse,
	.tp_clear = (inquiry)dbg_clear,
	.tp_methods = dbg_methods,
	.tp_getset = dbg_getset,
	.tp_members = dbg_members,
};

/* ------------------------------------------------------------------ */
/* Event                                                              */
/* ------------------------------------------------------------------ */

typedef struct {
	PyObject_HEAD
	PyObject *kind, *thread, *process, *breakpoint, *handler;
	PyObject *pid, *tid, *signal, *syscall, *retval, *exit_code, *pc,
		*address;
} PyEvent;

static const char *const kind_names[] = {
	[SNARE_EV_NONE] = "none",
	[SNARE_EV_ALL_EXITED] = "all_exited",
	[SNARE_EV_INTERRUPT] = "interrupt",
	[SNARE_EV_PROC_EXIT] = "exit",
	[SNARE_EV_PROC_NEW] = "new_process",
	[SNARE_EV_PROC_DETACHED] = "detached",
	[SNARE_EV_EXEC] = "exec",
	[SNARE_EV_THREAD_NEW] = "new_thread",
	[SNARE_EV_THREAD_EXIT] = "thread_exit",
	[SNARE_EV_SIGNAL] = "signal",
	[SNARE_EV_GROUP_STOP] = "group_stop",
	[SNARE_EV_SYSCALL_ENTER] = "syscall_enter",
	[SNARE_EV_SYSCALL_EXIT] = "syscall_exit",
	[SNARE_EV_BREAKPOINT] = "breakpoint",
	[SNARE_EV_WATCHPOINT] = "watchpoint",
	[SNARE_EV_STEP] = "step",
	[SNARE_EV_RETURN] = "return",
	[SNARE_EV_TIMEOUT] = "timeout",
};

static PyObject *
obj_or_none(PyObject *o)
{
	if (!o)
		o = Py_None;
	Py_INCREF(o);
	return o;
}

static PyObject *
long_or_none(int have, long long v)
{
	if (!have)
		Py_RETURN_NONE;
	return PyLong_FromLongLong(v);
}

PyObject *
event_new(PyDbg *d, const snare_event *ev)
{
	PyEvent *e = PyObject_GC_New(PyEvent, &PyEvent_Type);
	int exitk = ev->kind == SNARE_EV_PROC_EXIT ||
		    ev->kind == SNARE_EV_THREAD_EXIT ||
		    ev->kind == SNARE_EV_ALL_EXITED;
	PyObject *th = NULL, *pr = NULL, *bp = NULL, *hk = NULL;
	int k = ev->kind;

	if (!e)
		return NULL;
	if (ev->thread)
		th = exitk ? snare_thread_user(ev->thread) :
			     (PyObject *)thr_of(d, ev->thread);
	if (ev->proc)
		pr = exitk ? snare_proc_user(ev->proc) :
			     (PyObject *)proc_of(d, ev->proc);
	if (!pr && ev->kind == SNARE_EV_PROC_EXIT && d->main &&
	    ev->pid == d->main->pid)
		pr = (PyObject *)d->main;
	if (ev->bp) {
		snare_bp_opts o = SNARE_BP_OPTS_INIT;

		if (snare_bp_get_opts(&o, ev->bp) == 0)
			bp = o.user;
	}
	if (ev->hook) {
		snare_hook_opts o = SNARE_HOOK_OPTS_INIT;

		if (snare_hook_get_opts(&o, ev->hook) == 0)
			hk = o.user;
	}
	PyErr_Clear();
	e->kind = PyUnicode_FromString(
		k >= 0 && k <= SNARE_EV_TIMEOUT ? kind_names[k] : "unknown");
	e->thread = obj_or_none(th);
	e->process = obj_or_none(pr);
	e->breakpoint = obj_or_none(bp);
	e->handler = obj_or_none(hk);
	e->pid = long_or_none(ev->pid > 0, ev->pid);
	e->tid = long_or_none(ev->tid > 0, ev->tid);
	e->signal = long_or_none(ev->signo > 0, ev->signo);
	e->syscall = long_or_none(k == SNARE_EV_SYSCALL_ENTER ||
					  k == SNARE_EV_SYSCALL_EXIT,
				  ev->syscall_nr);
	e->retval = long_or_none(k == SNARE_EV_SYSCALL_EXIT, ev->retval);
	e->exit_code = long_or_none(exitk && !ev->signo &&
					    k != SNARE_EV_ALL_EXITED,
				    ev->code);
	e->pc = long_or_none(ev->pc != 0, (long long)ev->pc);
	e->address = long_or_none(ev->access_addr != 0,
				  (long long)ev->access_addr);
	PyObject_GC_Track(e);
	if (!e->kind || !e->pid || !e->tid || !e->signal || !e->syscall ||
	    !e->retval || !e->exit_code || !e->pc || !e->address) {
		Py_DECREF(e);
		return NULL;
	}
	return (PyObject *)e;
}

static int
ev_traverse(PyEvent *e, visitproc visit, void *arg)
{
	Py_VISIT(e->thread);
	Py_VISIT(e->process);
	Py_VISIT(e->breakpoint);
	Py_VISIT(e->handler);
	return 0;
}

static int
ev_clear(PyEvent *e)
{
	Py_CLEAR(e->thread);
	Py_CLEAR(e->process);
	Py_CLEAR(e->breakpoint);
	Py_CLEAR(e->handler);
	return 0;
}

static void
ev_dealloc(PyEvent *e)
{
	PyObject_GC_UnTrack(e);
	ev_clear(e);
	Py_CLEAR(e->kind);
	Py_CLEAR(e->pid);
	Py_CLEAR(e->tid);
	Py_CLEAR(e->signal);
	Py_CLEAR(e->syscall);
	Py_CLEAR(e->retval);
	Py_CLEAR(e->exit_code);
	Py_CLEAR(e->pc);
	Py_CLEAR(e->address);
	PyObject_GC_Del(e);
}

static PyObject *
ev_repr(PyEvent *e)
{
	return PyUnicode_FromFormat("<snare.Event %S pid=%S tid=%S>", e->kind,
				    e->pid, e->tid);
}

#define EVM(n, doc) { #n, T_OBJECT, offsetof(PyEvent, n), READONLY, doc }
static PyMemberDef ev_members[] = {
	EVM(kind, "\"breakpoint\", \"watchpoint\", \"syscall_enter\", "
		  "\"syscall_exit\", \"signal\", \"interrupt\", \"exit\", "
		  "\"all_exited\", \"step\", \"new_thread\", \"thread_exit\", "
		  "\"new_process\", \"exec\", \"group_stop\", \"detached\"..."),
	EVM(thread, "The Thread, or None."),
	EVM(process, "The Process, or None."),
	EVM(breakpoint, "breakpoint, watchpoint: the Breakpoint."),
	EVM(handler, "syscall_*: the SyscallHandler."),
	EVM(pid, "The process's pid."),
	EVM(tid, "The thread's tid."),
	EVM(signal, "signal, group_stop: the signal; exit: the killing one."),
	EVM(syscall, "syscall_*: the syscall number."),
	EVM(retval, "syscall_exit: the return value."),
	EVM(exit_code, "exit: the exit code."),
	EVM(pc, "breakpoint, watchpoint, step: the pc."),
	EVM(address, "watchpoint: the address accessed (page protection)."),
	{ NULL, 0, 0, 0, NULL },
};

PyTypeObject PyEvent_Type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "snare.Event",
	.tp_basicsize = sizeof(PyEvent),
	.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
	.tp_doc = "What returned control to the caller of wait().",
	.tp_dealloc = (destructor)ev_dealloc,
	.tp_traverse = (traverseproc)ev_traverse,
	.tp_clear = (inquiry)ev_clear,
	.tp_repr = (reprfunc)ev_repr,
	.tp_members = ev_members,
};
