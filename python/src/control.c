/* SPDX-License-Identifier: MIT */
/*
 * control.c: Debugger methods that act on a stopped process: stepping,
 * kill, detach, close, backtrace, snapshot.
 */
#include "snare_py.h"

#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <structmember.h>
#include <sys/wait.h>

/* ------------------------------------------------------------------ */
/* Stepping                                                           */
/* ------------------------------------------------------------------ */

/* The thread a call without thread= acts on: that of the last stop when it
   is in the main process and alive, else the main process's first. */
PyObject *
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

/* The Thread a Debugger-level command acts on (th, else the current one),
   stopped and alive (strong). */
PyThr *
dbg_thread_arg(PyDbg *d, PyObject *th)
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
	PyThr *th = dbg_thread_arg(d, th_o);
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

PyObject *
dbg_step(PyDbg *d, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "thread", NULL };
	PyObject *th = NULL;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:step", kwlist, &th))
		return NULL;
	return do_step(d, ST_STEP, th, NULL, 0);
}

PyObject *
dbg_next(PyDbg *d, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "thread", NULL };
	PyObject *th = NULL;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:next", kwlist, &th))
		return NULL;
	return do_step(d, ST_NEXT, th, NULL, 0);
}

PyObject *
dbg_finish(PyDbg *d, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "thread", NULL };
	PyObject *th = NULL;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:finish", kwlist, &th))
		return NULL;
	return do_step(d, ST_FINISH, th, NULL, 0);
}

PyObject *
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

PyObject *
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

PyObject *
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

PyObject *
dbg_close_m(PyDbg *d, PyObject *unused)
{
	if (sp_check_owner(d) < 0)
		return NULL;
	if (d->cb_depth)
		return sp_errf(-EBUSY, "close() cannot be called from a callback");
	dbg_close(d);
	Py_RETURN_NONE;
}

PyObject *
dbg_enter_ctx(PyObject *self, PyObject *unused)
{
	Py_INCREF(self);
	return self;
}

PyObject *
dbg_exit_ctx(PyObject *self, PyObject *args)
{
	return dbg_close_m((PyDbg *)self, NULL);
}

PyObject *
dbg_backtrace(PyDbg *d, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "as_names", "thread", NULL };
	PyObject *th = NULL, *r;
	int names = 0;
	PyThr *t;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "|pO:backtrace", kwlist,
					 &names, &th))
		return NULL;
	t = dbg_thread_arg(d, th);
	if (!t)
		return NULL;
	r = backtrace_list(t, names);
	Py_DECREF(t);
	return r;
}

PyObject *
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
