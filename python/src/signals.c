/* SPDX-License-Identifier: MIT */
/*
 * signals.c: signal hooks (SignalCatcher, the SigInfo a callback gets),
 * signal hijacks, and signal names or numbers from Python values.
 */
#include "snare_py.h"

#include <errno.h>
#include <string.h>
#include <structmember.h>

/* ------------------------------------------------------------------ */
/* SigInfo and SignalCatcher                                          */
/* ------------------------------------------------------------------ */

int
sp_signo(PyObject *o)
{
	long n;

	if (PyUnicode_Check(o)) {
		const char *s = PyUnicode_AsUTF8(o);

		if (!s)
			return -1;
		n = snare_signal_nr(s);
		if (n <= 0) {
			sp_errf(-EINVAL, "unknown signal \"%s\"", s);
			return -1;
		}
		return (int)n;
	}
	n = PyLong_AsLong(o);
	if (n == -1 && PyErr_Occurred())
		return -1;
	if (n < 1 || n > 64) {
		sp_errf(-EINVAL, "no signal %ld (1..64)", n);
		return -1;
	}
	return (int)n;
}

typedef struct {
	PyObject_HEAD
	snare_siginfo *si;
} PySigInfo;

static int
si_valid(PySigInfo *s)
{
	if (!s->si) {
		sp_errf(-EINVAL, "a SigInfo is valid only during its callback");
		return -1;
	}
	return 0;
}

#define SI_INT(fn, field)                                                  \
	static PyObject *fn(PySigInfo *s, void *c)                         \
	{                                                                  \
		if (si_valid(s) < 0)                                       \
			return NULL;                                       \
		return PyLong_FromLongLong((long long)s->si->field);       \
	}
SI_INT(si_signo, signo)
SI_INT(si_code, code)
SI_INT(si_errno, errnum)
SI_INT(si_pid, pid)
SI_INT(si_status, status)
SI_INT(si_uid, uid)
SI_INT(si_value, value)

static PyObject *
si_addr(PySigInfo *s, void *c)
{
	if (si_valid(s) < 0)
		return NULL;
	return PyLong_FromUnsignedLongLong(s->si->addr);
}

static int
si_set_signo(PySigInfo *s, PyObject *v, void *c)
{
	int n = 0;

	if (!v || si_valid(s) < 0) {
		if (!v)
			PyErr_SetString(PyExc_AttributeError, "cannot delete");
		return -1;
	}
	if (v != Py_None && !(PyLong_Check(v) && PyLong_AsLong(v) == 0) &&
	    (n = sp_signo(v)) < 0)
		return -1;
	s->si->signo = n;
	return 0;
}

static PyObject *
si_name(PySigInfo *s, void *c)
{
	const char *n;

	if (si_valid(s) < 0)
		return NULL;
	n = s->si->signo ? snare_signal_name(s->si->signo) : NULL;
	if (!n)
		Py_RETURN_NONE;
	return PyUnicode_FromString(n);
}

static PyGetSetDef si_getset[] = {
	{ "signo", (getter)si_signo, (setter)si_set_signo,
	  "The signal; set another one (number or name) to deliver it instead, "
	  "0 or None to suppress it.", NULL },
	{ "name", (getter)si_name, NULL, "\"SIGUSR1\"...", NULL },
	{ "code", (getter)si_code, NULL, "si_code", NULL },
	{ "errno", (getter)si_errno, NULL, "si_errno", NULL },
	{ "pid", (getter)si_pid, NULL, "si_pid (sender)", NULL },
	{ "uid", (getter)si_uid, NULL, "si_uid", NULL },
	{ "addr", (getter)si_addr, NULL, "si_addr (faults)", NULL },
	{ "status", (getter)si_status, NULL, "si_status (SIGCHLD)", NULL },
	{ "value", (getter)si_value, NULL, "si_value (sigqueue, timers)", NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

PyTypeObject PySigInfo_Type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "snare.SigInfo",
	.tp_basicsize = sizeof(PySigInfo),
	.tp_flags = Py_TPFLAGS_DEFAULT,
	.tp_doc = "The signal a catch_signal() callback sees (valid during the "
		  "callback).",
	.tp_getset = si_getset,
};

typedef struct {
	PyObject_HEAD
	PyDbg *dbg;
	snare_sighook *h;       /* NULL once removed or the session is gone */
	PyObject *callback;
	int signo, hijack, removed;
	uint64_t hits;          /* the count when the handle was let go */
} PySigHook;

static int
sig_cb(snare_thread *t, snare_siginfo *si, void *user)
{
	PySigHook *h = user;
	PyDbg *d = h->dbg;
	PyThreadState *ts;
	PyObject *args[2], *res = NULL;
	PySigInfo *s;
	int action;

	if (h->hijack > 0) {
		si->signo = h->hijack;
		return SNARE_CONTINUE;
	}
	if (d->exc)
		return SNARE_STOP;
	ts = cb_enter(d);
	args[0] = (PyObject *)thr_of(d, t);
	s = args[0] ? PyObject_New(PySigInfo, &PySigInfo_Type) : NULL;
	if (s) {
		s->si = si;
		args[1] = (PyObject *)s;
		res = PyObject_Vectorcall(h->callback, args, 2, NULL);
		s->si = NULL;
		Py_DECREF(s);
	}
	action = cb_result(d, res);
	cb_leave(d, ts);
	return action;
}

static PyObject *
sighook_make(PyDbg *d, int signo, PyObject *cb, int hijack, int recursive)
{
	snare_sighook_opts o = SNARE_SIGHOOK_OPTS_INIT;
	PySigHook *h;
	int r;

	if (dbg_usable(d) < 0)
		return NULL;
	if (cb != Py_None && !PyCallable_Check(cb)) {
		PyErr_SetString(PyExc_TypeError, "callback must be callable or None");
		return NULL;
	}
	h = PyObject_GC_New(PySigHook, &PySigHook_Type);
	if (!h)
		return NULL;
	Py_INCREF(d);
	h->dbg = d;
	h->h = NULL;
	Py_INCREF(cb);
	h->callback = cb;
	h->signo = signo;
	h->hijack = hijack;
	h->removed = 0;
	h->hits = 0;
	PyObject_GC_Track(h);
	if (cb != Py_None || hijack > 0)
		o.on_signal = sig_cb;
	o.user = h;
	o.recursive = recursive;
	r = snare_hook_signal(&h->h, d->s, signo, &o);
	if (r < 0) {
		h->h = NULL;
		Py_DECREF(h);
		return sp_err(d, r, "catch_signal");
	}
	if (PyList_Append(d->hooks, (PyObject *)h) < 0) {
		snare_sighook_remove(h->h);
		h->h = NULL;
		Py_DECREF(h);
		return NULL;
	}
	return (PyObject *)h;
}

static int
signal_of(PyObject *o)
{
	if (PyUnicode_Check(o)) {
		const char *s = PyUnicode_AsUTF8(o);

		if (s && (!strcmp(s, "*") || !strcmp(s, "all")))
			return SNARE_SIG_ALL;
	}
	return sp_signo(o);
}

PyObject *
dbg_catch_signal(PyDbg *d, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "signal", "callback", "recursive", NULL };
	PyObject *which, *cb = Py_None;
	int rec = 0, s;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "O|Op:catch_signal", kwlist,
					 &which, &cb, &rec))
		return NULL;
	s = signal_of(which);
	if (s < 0)
		return NULL;
	return sighook_make(d, s, cb, 0, rec);
}

PyObject *
dbg_hijack_signal(PyDbg *d, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "original", "new", "recursive", NULL };
	PyObject *a, *b;
	int rec = 0, from, to;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "OO|p:hijack_signal", kwlist,
					 &a, &b, &rec))
		return NULL;
	from = sp_signo(a);
	if (from < 0)
		return NULL;
	to = sp_signo(b);
	if (to < 0)
		return NULL;
	if (from == to)
		return sp_errf(-EINVAL, "hijack_signal: a signal into itself");
	return sighook_make(d, from, Py_None, to, rec);
}

static int
sh_traverse(PySigHook *h, visitproc visit, void *arg)
{
	Py_VISIT(h->dbg);
	Py_VISIT(h->callback);
	return 0;
}

static int
sh_clear(PySigHook *h)
{
	Py_CLEAR(h->callback);
	Py_CLEAR(h->dbg);
	return 0;
}

static void
sh_dealloc(PySigHook *h)
{
	PyObject_GC_UnTrack(h);
	sh_clear(h);
	PyObject_GC_Del(h);
}

static PyObject *
sh_remove(PySigHook *h, PyObject *u)
{
	int r;

	if (!h->h || !h->dbg || !h->dbg->s)
		return sp_errf(-EINVAL, "the catcher was removed or the debugger is gone");
	if (sp_check_owner(h->dbg) < 0)
		return NULL;
	h->hits = snare_sighook_hits(h->h);
	r = snare_sighook_remove(h->h);
	if (r < 0)
		return sp_err(h->dbg, r, "remove");
	h->h = NULL;
	h->removed = 1;
	Py_RETURN_NONE;
}

static PyObject *
sh_get_hits(PySigHook *h, void *c)
{
	if (!h->h || !h->dbg || !h->dbg->s)
		return PyLong_FromUnsignedLongLong(h->hits);
	return PyLong_FromUnsignedLongLong(snare_sighook_hits(h->h));
}

static PyMethodDef sh_methods[] = {
	{ "remove", (PyCFunction)sh_remove, METH_NOARGS, "remove()" },
	{ NULL, NULL, 0, NULL },
};

static PyGetSetDef sh_getset[] = {
	{ "hit_count", (getter)sh_get_hits, NULL, "Signals seen.", NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

static PyMemberDef sh_members[] = {
	{ "signal_number", T_INT, offsetof(PySigHook, signo), READONLY,
	  "The signal (0: all)." },
	{ "callback", T_OBJECT, offsetof(PySigHook, callback), READONLY, "callback" },
	{ NULL, 0, 0, 0, NULL },
};

PyTypeObject PySigHook_Type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "snare.SignalCatcher",
	.tp_basicsize = sizeof(PySigHook),
	.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
	.tp_doc = "A signal hook (Debugger.catch_signal(), hijack_signal()).",
	.tp_dealloc = (destructor)sh_dealloc,
	.tp_traverse = (traverseproc)sh_traverse,
	.tp_clear = (inquiry)sh_clear,
	.tp_methods = sh_methods,
	.tp_getset = sh_getset,
	.tp_members = sh_members,
};

/* The session is gone: the handle is no longer valid. */
void
sighook_forget(PyObject *o)
{
	if (Py_TYPE(o) == &PySigHook_Type) {
		PySigHook *h = (PySigHook *)o;

		if (h->h && h->dbg && h->dbg->s)
			h->hits = snare_sighook_hits(h->h);
		h->h = NULL;
	}
}
