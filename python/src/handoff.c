/* SPDX-License-Identifier: MIT */
/*
 * handoff.c: Debugger methods over the process as a whole: the hand-off
 * to gdb and taking the process back (gdb(), handoff(), takeback()), core
 * dumps (dump_core()), and library load watchers (on_libraries(),
 * off_libraries()).
 */
#include "snare_py.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

/* Release the GIL around a library call that may drop return watches
   (their trampoline takes it back through d->ts), without our SIGINT
   handler: Ctrl-C belongs to gdb meanwhile. */
static void
plain_enter(PyDbg *d, PyThreadState **saved)
{
	*saved = d->ts;
	d->ts = d->release_gil ? PyEval_SaveThread() : NULL;
}

static void
plain_leave(PyDbg *d, PyThreadState *saved)
{
	PyThreadState *ts = d->ts;

	d->ts = saved;
	if (ts)
		PyEval_RestoreThread(ts);
}

/* The main process, stopped and traced, for a hand-off or a dump. */
static int
main_stopped(PyDbg *d, const char *what)
{
	if (dbg_usable(d) < 0)
		return -1;
	if (d->cb_depth) {
		sp_errf(-EBUSY, "%s() cannot be called from a callback", what);
		return -1;
	}
	if (dbg_check_stopped(d) < 0 || main_alive(d) < 0)
		return -1;
	return 0;
}

/*
 * The thread handles of a handed-off process die (the take-back seizes
 * the threads anew): their objects answer "exited" from now on, and the
 * threads are looked up again as new objects.
 */
static void
drop_threads(PyProc *pp)
{
	PyObject *k, *v;
	Py_ssize_t pos = 0;

	while (PyDict_Next(pp->threads, &pos, &k, &v)) {
		PyThr *th = (PyThr *)v;

		if (th->t)
			snare_thread_set_user(th->t, NULL);
		th->t = NULL;
		th->exited = 1;
	}
	PyDict_Clear(pp->threads);
}

static void
mark_handed_off(PyDbg *d)
{
	d->running = 0;
	d->io_running = 0;
	d->have_pending = 0;
	d->main->detached = 1;
	d->main->handed_off = 1;
	drop_threads(d->main);
	Py_INCREF(Py_None);
	Py_XSETREF(d->event, Py_None);
}

PyObject *
dbg_handoff(PyDbg *d, PyObject *unused)
{
	char cmd[64];
	PyThreadState *saved;
	int r;

	if (main_stopped(d, "handoff") < 0)
		return NULL;
	plain_enter(d, &saved);
	r = snare_proc_handoff(cmd, sizeof(cmd), d->main->p);
	plain_leave(d, saved);
	if (r < 0)
		return sp_err(d, r, "handoff");
	mark_handed_off(d);
	return PyUnicode_FromString(cmd);
}

PyObject *
dbg_takeback(PyDbg *d, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "wait_attach", "timeout", NULL };
	PyObject *timeout = Py_None;
	PyThreadState *saved;
	int wait_attach = 0, ms, r;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "|pO:takeback", kwlist,
					 &wait_attach, &timeout))
		return NULL;
	if (dbg_usable(d) < 0 || need_main(d) < 0)
		return NULL;
	if (d->cb_depth)
		return sp_errf(-EBUSY, "takeback() cannot be called from a callback");
	if (sp_parse_timeout(timeout, &ms) < 0)
		return NULL;
	if (!d->main->p || d->main->exited)
		return sp_errf(SNARE_EEXITED, "takeback: the process %d has exited",
			       d->main->pid);
	/* An interrupt() from another thread ends a wait for gdb to come. */
	dbg_enter(d, &saved);
	r = snare_proc_takeback(d->main->p, wait_attach, ms);
	dbg_leave(d, saved);
	if (r == SNARE_EEXITED) {
		int code = 0, sig = 0;

		if (snare_proc_exit_status(&code, &sig, NULL, d->main->p) == 1) {
			proc_mark_exited(d->main, code, sig);
			d->main->detached = 0;
			d->main->handed_off = 0;
		}
	} else if (r == 0 || snare_proc_state(d->main->p) != SNARE_PROC_DETACHED) {
		/* Taken back (a breakpoint that could not be armed again is
		   disabled and its error raised, the process traced). */
		d->main->detached = 0;
		d->main->handed_off = 0;
	}
	if (r < 0)
		return sp_err(d, r, "takeback");
	Py_RETURN_NONE;
}

PyObject *
dbg_gdb(PyDbg *d, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "argv", NULL };
	PyObject *argv_o = Py_None, *seq = NULL, *keep = NULL;
	struct sigaction ign, old;
	PyThreadState *saved;
	char **argv = NULL;
	int r, on_main;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:gdb", kwlist, &argv_o))
		return NULL;
	if (main_stopped(d, "gdb") < 0)
		return NULL;
	if (argv_o != Py_None) {
		Py_ssize_t n;

		if (PyUnicode_Check(argv_o) || PyBytes_Check(argv_o)) {
			PyErr_SetString(PyExc_TypeError,
					"argv is a list of str (the command and its "
					"arguments), or None for gdb -p PID");
			return NULL;
		}
		seq = PySequence_Fast(argv_o, "argv must be a sequence of str");
		if (!seq)
			return NULL;
		n = PySequence_Fast_GET_SIZE(seq);
		if (n == 0) {
			Py_DECREF(seq);
			return sp_errf(-EINVAL, "gdb: argv is empty");
		}
		keep = PyList_New(n);
		argv = PyMem_Calloc((size_t)n + 1, sizeof(char *));
		if (!keep || !argv) {
			PyErr_NoMemory();
			goto out;
		}
		for (Py_ssize_t i = 0; i < n; i++) {
			PyObject *b = NULL;

			if (!PyUnicode_FSConverter(PySequence_Fast_GET_ITEM(seq, i),
						   &b))
				goto out;
			PyList_SET_ITEM(keep, i, b);
			argv[i] = PyBytes_AS_STRING(b);
		}
	}
	/* As system() does: Ctrl-C goes to gdb alone. */
	on_main = PyThread_get_thread_ident() == sp_main_thread;
	if (on_main) {
		memset(&ign, 0, sizeof(ign));
		ign.sa_handler = SIG_IGN;
		sigemptyset(&ign.sa_mask);
		sigaction(SIGINT, &ign, &old);
	}
	plain_enter(d, &saved);
	r = snare_proc_handoff_gdb(d->main->p, argv);
	plain_leave(d, saved);
	if (on_main)
		sigaction(SIGINT, &old, NULL);
	if (r != SNARE_ESECCOMP && r != -EBUSY && r != -EINVAL) {
		/* Handed off: the handles of the threads died there. */
		d->running = 0;
		d->io_running = 0;
		d->have_pending = 0;
		drop_threads(d->main);
		Py_INCREF(Py_None);
		Py_XSETREF(d->event, Py_None);
	}
	if (r == SNARE_EEXITED) {
		int code = 0, sig = 0;

		if (snare_proc_exit_status(&code, &sig, NULL, d->main->p) == 1)
			proc_mark_exited(d->main, code, sig);
	} else if (snare_proc_state(d->main->p) == SNARE_PROC_DETACHED) {
		/* Still handed off (gdb did not let go in time): takeback()
		   may be tried again. */
		d->main->detached = 1;
		d->main->handed_off = 1;
	}
	if (r < 0)
		sp_err(d, r, "gdb");
out:
	PyMem_Free(argv);
	Py_XDECREF(keep);
	Py_XDECREF(seq);
	if (PyErr_Occurred())
		return NULL;
	Py_RETURN_NONE;
}

/* ------------------------------------------------------------------ */
/* Core dumps                                                         */
/* ------------------------------------------------------------------ */

PyObject *
proc_dump_core(PyProc *pp, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "path", "thread", "all_mappings", NULL };
	PyObject *path = NULL, *th_o = Py_None;
	snare_thread *first = NULL;
	PyThreadState *saved;
	int all = 0, r;
	PyDbg *d = pp->dbg;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "O&|Op:dump_core", kwlist,
					 PyUnicode_FSConverter, &path, &th_o,
					 &all))
		return NULL;
	if (!d || dbg_usable(d) < 0 || (!d->cb_depth && dbg_check_stopped(d) < 0) ||
	    proc_alive(pp) < 0)
		goto fail;
	if (th_o != Py_None) {
		PyThr *th = (PyThr *)th_o;

		if (!PyObject_TypeCheck(th_o, &PyThr_Type)) {
			PyErr_SetString(PyExc_TypeError,
					"thread must be a snare Thread or None");
			goto fail;
		}
		if (thr_alive(th) < 0)
			goto fail;
		if (th->proc != pp) {
			sp_errf(-EINVAL, "dump_core: thread %d is not in process %d",
				th->tid, pp->pid);
			goto fail;
		}
		first = th->t;
	}
	dbg_enter(d, &saved);
	r = snare_proc_dump_core(pp->p, PyBytes_AS_STRING(path), first,
				 all ? SNARE_CORE_ALL_MAPPINGS : 0);
	dbg_leave(d, saved);
	Py_DECREF(path);
	if (r < 0)
		return sp_err(d, r, "dump_core");
	Py_RETURN_NONE;
fail:
	Py_DECREF(path);
	return NULL;
}

PyObject *
dbg_dump_core(PyDbg *d, PyObject *args, PyObject *kw)
{
	if (dbg_usable(d) < 0 || need_main(d) < 0)
		return NULL;
	return proc_dump_core(d->main, args, kw);
}

/* ------------------------------------------------------------------ */
/* Library load watchers                                              */
/* ------------------------------------------------------------------ */

/*
 * A watcher is the list [callback, debugger] given to the library as
 * user pointer and kept in d->lib_watchers until the debugger is freed
 * (a fork child inherits it: it can outlive off_libraries() on the
 * parent, which sets its callback to None).
 */
static void
libs_changed(snare_proc *p, void *user)
{
	PyObject *w = user, *cb, *res;
	PyDbg *d = (PyDbg *)PyList_GET_ITEM(w, 1);
	PyThreadState *ts = cb_enter(d);
	PyProc *pp;

	cb = PyList_GET_ITEM(w, 0);
	if (cb != Py_None && !d->exc) {
		Py_INCREF(cb);
		pp = proc_of(d, p);
		res = pp ? PyObject_Vectorcall(cb, (PyObject **)&pp, 1, NULL) :
			   NULL;
		Py_DECREF(cb);
		/* The callback returns nothing to the library: stop the loop
		   for its exception or its snare.STOP. */
		if (cb_result(d, res) == SNARE_STOP && d->s)
			snare_session_interrupt(d->s);
	}
	cb_leave(d, ts);
}

PyObject *
dbg_on_libraries(PyDbg *d, PyObject *cb)
{
	PyObject *w;
	int r;

	if (!PyCallable_Check(cb)) {
		PyErr_SetString(PyExc_TypeError, "callback must be callable");
		return NULL;
	}
	if (dbg_usable(d) < 0 || main_alive(d) < 0)
		return NULL;
	if (!d->lib_watchers) {
		d->lib_watchers = PyList_New(0);
		if (!d->lib_watchers)
			return NULL;
	}
	for (Py_ssize_t i = 0; i < PyList_GET_SIZE(d->lib_watchers); i++)
		if (PyList_GET_ITEM(PyList_GET_ITEM(d->lib_watchers, i), 0) == cb)
			return sp_errf(-EEXIST,
				       "on_libraries: that callback is registered");
	w = PyList_New(2);
	if (!w)
		return NULL;
	Py_INCREF(cb);
	PyList_SET_ITEM(w, 0, cb);
	Py_INCREF(d);
	PyList_SET_ITEM(w, 1, (PyObject *)d);
	if (PyList_Append(d->lib_watchers, w) < 0) {
		Py_DECREF(w);
		return NULL;
	}
	Py_DECREF(w); /* the list holds it */
	r = snare_proc_on_libraries(d->main->p, libs_changed, w);
	if (r < 0) {
		PySequence_DelItem(d->lib_watchers,
				   PyList_GET_SIZE(d->lib_watchers) - 1);
		return sp_err(d, r, "on_libraries");
	}
	Py_RETURN_NONE;
}

PyObject *
dbg_off_libraries(PyDbg *d, PyObject *cb)
{
	if (dbg_usable(d) < 0 || main_alive(d) < 0)
		return NULL;
	for (Py_ssize_t i = 0;
	     d->lib_watchers && i < PyList_GET_SIZE(d->lib_watchers); i++) {
		PyObject *w = PyList_GET_ITEM(d->lib_watchers, i);
		int r;

		if (PyList_GET_ITEM(w, 0) != cb)
			continue;
		r = snare_proc_off_libraries(d->main->p, libs_changed, w);
		Py_INCREF(Py_None);
		PyList_SetItem(w, 0, Py_None);
		if (r < 0)
			return sp_err(d, r, "off_libraries");
		Py_RETURN_NONE;
	}
	return sp_errf(-ENOENT, "off_libraries: that callback is not registered");
}
