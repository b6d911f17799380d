/* SPDX-License-Identifier: MIT */
/*
 * syscalls.c: syscall hooks (SyscallHandler, the Syscall a callback gets),
 * syscall hijacks, signal hooks (SignalCatcher, SigInfo), signal hijacks,
 * and pprint_syscalls (strace lines from the library's decoder).
 */
#include "snare_py.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <structmember.h>
#include <unistd.h>

/* ------------------------------------------------------------------ */
/* pprint_syscalls                                                    */
/* ------------------------------------------------------------------ */

static void
put(const char *buf, size_t len)
{
	while (len) {
		ssize_t w = write(2, buf, len);

		if (w <= 0)
			return;
		buf += w;
		len -= (size_t)w;
	}
}

static size_t
prefix(char *buf, size_t cap, PyDbg *d, snare_thread *t)
{
	pid_t tid = snare_thread_tid(t);

	if (d->main && tid == d->main->pid)
		return 0;
	return (size_t)snprintf(buf, cap, "[pid %5d] ", (int)tid);
}

static bool
pp_bit(const unsigned long *set, long nr)
{
	const size_t w = 8 * sizeof(unsigned long);

	return nr >= 0 && nr < PP_NRS && (set[nr / w] >> (nr % w)) & 1;
}

/* syscalls_to_pprint / syscalls_to_not_pprint let nr be printed. */
static bool
pp_shown(const PyDbg *d, long nr)
{
	if (d->pp_only_set && !pp_bit(d->pp_only, nr))
		return false;
	return !pp_bit(d->pp_not, nr);
}

/* The filter as libdebug shows it: a list of names, or None (unset). */
PyObject *
dbg_get_pp_filter(PyDbg *d, int only)
{
	const unsigned long *set = only ? d->pp_only : d->pp_not;
	PyObject *l;

	if (only && !d->pp_only_set)
		Py_RETURN_NONE;
	l = PyList_New(0);
	for (long nr = 0; l && nr < PP_NRS; nr++) {
		const char *name;
		PyObject *o;

		if (!pp_bit(set, nr))
			continue;
		name = snare_syscall_name(nr);
		o = name ? PyUnicode_FromString(name) : PyLong_FromLong(nr);
		if (!o || PyList_Append(l, o) < 0)
			Py_CLEAR(l);
		Py_XDECREF(o);
	}
	if (!only && l && PyList_GET_SIZE(l) == 0) {
		Py_DECREF(l);
		Py_RETURN_NONE;
	}
	return l;
}

/* Set it from None or an iterable of names and numbers. */
int
dbg_set_pp_filter(PyDbg *d, PyObject *v, int only)
{
	unsigned long want[PP_WORDS] = { 0 };
	const size_t w = 8 * sizeof(unsigned long);
	PyObject *it, *o;

	if (!v) {
		PyErr_SetString(PyExc_AttributeError, "cannot delete");
		return -1;
	}
	if (v != Py_None) {
		if (PyUnicode_Check(v) || PyLong_Check(v)) {
			PyErr_SetString(PyExc_TypeError, "a list of syscall "
					"names or numbers, or None");
			return -1;
		}
		it = PyObject_GetIter(v);
		if (!it)
			return -1;
		while ((o = PyIter_Next(it))) {
			long nr;

			if (PyUnicode_Check(o)) {
				nr = snare_syscall_nr(PyUnicode_AsUTF8(o));
				if (nr < 0)
					sp_errf(-ENOENT, "unknown syscall %R", o);
			} else {
				nr = PyLong_AsLong(o);
				if (!PyErr_Occurred() && (nr < 0 || nr >= PP_NRS))
					sp_errf(-EINVAL, "syscall number %ld out "
						"of range", nr);
			}
			Py_DECREF(o);
			if (PyErr_Occurred()) {
				Py_DECREF(it);
				return -1;
			}
			want[nr / w] |= 1UL << (nr % w);
		}
		Py_DECREF(it);
		if (PyErr_Occurred())
			return -1;
	}
	memcpy(only ? d->pp_only : d->pp_not, want, sizeof(want));
	if (only)
		d->pp_only_set = v != Py_None;
	return 0;
}

int
pprint_enter(PyDbg *d, snare_thread *t, const snare_syscall *sc)
{
	char buf[4096];
	size_t n;

	if (!pp_shown(d, sc->nr))
		return SNARE_CONTINUE;
	n = prefix(buf, sizeof(buf), d, t);

	n += snare_format_syscall_enter(buf + n, sizeof(buf) - n,
					snare_thread_proc(t), sc->nr, sc->args,
					NULL);
	if (n >= sizeof(buf) - 1)
		n = sizeof(buf) - 2;
	if (sc->nr == 231 || sc->nr == 60) /* exit_group, exit: no exit half */
		buf[n++] = '\n';
	put(buf, n);
	return SNARE_CONTINUE;
}

void
pprint_exit(PyDbg *d, snare_thread *t, const snare_syscall *sc)
{
	char buf[4096];
	size_t n;

	if (!pp_shown(d, sc->nr))
		return;
	n = snare_format_syscall_exit(buf, sizeof(buf) - 1, snare_thread_proc(t),
				      sc->nr, sc->args, sc->retval, NULL);
	if (n >= sizeof(buf) - 1)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	put(buf, n);
}

static int
pp_enter(snare_thread *t, snare_syscall *sc, void *user)
{
	return pprint_enter(user, t, sc);
}

static int
pp_exit(snare_thread *t, snare_syscall *sc, void *user)
{
	pprint_exit(user, t, sc);
	return SNARE_CONTINUE;
}

int
dbg_set_pprint(PyDbg *d, int on)
{
	snare_hook_opts o = SNARE_HOOK_OPTS_INIT;
	int r;

	if (on && !d->pprint_hook) {
		o.on_enter = pp_enter;
		o.on_exit = pp_exit;
		o.user = d;
		r = snare_hook_syscall(&d->pprint_hook, d->s, SNARE_HOOK_ALL, &o);
		if (r < 0) {
			d->pprint_hook = NULL;
			sp_err(d, r, "pprint_syscalls");
			return -1;
		}
	} else if (!on && d->pprint_hook) {
		snare_hook_remove(d->pprint_hook);
		d->pprint_hook = NULL;
	}
	d->pprint = on;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Syscall: what a hook callback sees                                 */
/* ------------------------------------------------------------------ */

typedef struct {
	PyObject_HEAD
	snare_syscall *sc;      /* valid during the callback only */
	int at_exit;
} PySyscall;

static int
sc_valid(PySyscall *s)
{
	if (!s->sc) {
		sp_errf(-EINVAL, "a Syscall is valid only during its callback");
		return -1;
	}
	return 0;
}

static PyObject *
sc_get_nr(PySyscall *s, void *c)
{
	if (sc_valid(s) < 0)
		return NULL;
	return PyLong_FromLong(s->sc->nr);
}

static int
sc_set_nr(PySyscall *s, PyObject *v, void *c)
{
	long nr;

	if (!v || sc_valid(s) < 0) {
		if (!v)
			PyErr_SetString(PyExc_AttributeError, "cannot delete");
		return -1;
	}
	if (PyUnicode_Check(v)) {
		nr = snare_syscall_nr(PyUnicode_AsUTF8(v));
		if (nr < 0) {
			sp_errf(-ENOENT, "unknown syscall %R", v);
			return -1;
		}
	} else {
		nr = PyLong_AsLong(v);
		if (nr == -1 && PyErr_Occurred())
			return -1;
	}
	if (s->at_exit) {
		sp_errf(-EINVAL, "the syscall number can only change at entry");
		return -1;
	}
	s->sc->nr = nr;
	return 0;
}

static PyObject *
sc_get_name(PySyscall *s, void *c)
{
	const char *n;

	if (sc_valid(s) < 0)
		return NULL;
	n = snare_syscall_name(s->sc->nr);
	if (!n)
		Py_RETURN_NONE;
	return PyUnicode_FromString(n);
}

static PyObject *
sc_get_args(PySyscall *s, void *c)
{
	if (sc_valid(s) < 0)
		return NULL;
	return Py_BuildValue("(KKKKKK)", (unsigned long long)s->sc->args[0],
			     (unsigned long long)s->sc->args[1],
			     (unsigned long long)s->sc->args[2],
			     (unsigned long long)s->sc->args[3],
			     (unsigned long long)s->sc->args[4],
			     (unsigned long long)s->sc->args[5]);
}

static int
sc_set_args(PySyscall *s, PyObject *v, void *c)
{
	uint64_t a[6];
	PyObject *seq;
	Py_ssize_t n;

	if (!v || sc_valid(s) < 0) {
		if (!v)
			PyErr_SetString(PyExc_AttributeError, "cannot delete");
		return -1;
	}
	seq = PySequence_Fast(v, "args must be a sequence of ints");
	if (!seq)
		return -1;
	n = PySequence_Fast_GET_SIZE(seq);
	if (n > 6) {
		Py_DECREF(seq);
		PyErr_SetString(PyExc_ValueError, "a syscall has 6 arguments");
		return -1;
	}
	memcpy(a, s->sc->args, sizeof(a));
	for (Py_ssize_t i = 0; i < n; i++)
		if (sp_u64(PySequence_Fast_GET_ITEM(seq, i), &a[i]) < 0) {
			Py_DECREF(seq);
			return -1;
		}
	Py_DECREF(seq);
	memcpy(s->sc->args, a, sizeof(a));
	return 0;
}

static PyObject *
sc_get_arg(PySyscall *s, void *c)
{
	if (sc_valid(s) < 0)
		return NULL;
	return PyLong_FromUnsignedLongLong(s->sc->args[(intptr_t)c]);
}

static int
sc_set_arg(PySyscall *s, PyObject *v, void *c)
{
	uint64_t a;

	if (!v || sc_valid(s) < 0) {
		if (!v)
			PyErr_SetString(PyExc_AttributeError, "cannot delete");
		return -1;
	}
	if (sp_u64(v, &a) < 0)
		return -1;
	s->sc->args[(intptr_t)c] = a;
	return 0;
}

static PyObject *
sc_get_retval(PySyscall *s, void *c)
{
	if (sc_valid(s) < 0)
		return NULL;
	if (!s->at_exit && !s->sc->skip)
		Py_RETURN_NONE;
	return PyLong_FromLongLong(s->sc->retval);
}

static int
sc_set_retval(PySyscall *s, PyObject *v, void *c)
{
	long long r;

	if (!v || sc_valid(s) < 0) {
		if (!v)
			PyErr_SetString(PyExc_AttributeError, "cannot delete");
		return -1;
	}
	r = PyLong_AsLongLong(v);
	if (r == -1 && PyErr_Occurred())
		return -1;
	s->sc->retval = r;
	/* At entry a return value means: do not run it, return this. */
	if (!s->at_exit)
		s->sc->skip = 1;
	return 0;
}

static PyObject *
sc_get_skip(PySyscall *s, void *c)
{
	if (sc_valid(s) < 0)
		return NULL;
	return PyBool_FromLong(s->sc->skip);
}

static int
sc_set_skip(PySyscall *s, PyObject *v, void *c)
{
	int on;

	if (!v || sc_valid(s) < 0) {
		if (!v)
			PyErr_SetString(PyExc_AttributeError, "cannot delete");
		return -1;
	}
	on = PyObject_IsTrue(v);
	if (on < 0)
		return -1;
	if (s->at_exit) {
		sp_errf(-EINVAL, "a syscall can only be skipped at entry");
		return -1;
	}
	s->sc->skip = on;
	return 0;
}

static PyObject *
sc_get_at_exit(PySyscall *s, void *c)
{
	return PyBool_FromLong(s->at_exit);
}

static PyObject *
sc_repr(PySyscall *s)
{
	if (!s->sc)
		return PyUnicode_FromString("<snare.Syscall (done)>");
	return PyUnicode_FromFormat("<snare.Syscall %s nr=%ld>",
				    snare_syscall_name(s->sc->nr) ?
					    snare_syscall_name(s->sc->nr) : "?",
				    s->sc->nr);
}

#define ARG(i) { "arg" #i, (getter)sc_get_arg, (setter)sc_set_arg, \
		 "Argument " #i ".", (void *)(intptr_t)i }
static PyGetSetDef sc_getset[] = {
	{ "nr", (getter)sc_get_nr, (setter)sc_set_nr,
	  "The syscall number; set it (int or name) at entry to run another.", NULL },
	{ "syscall_number", (getter)sc_get_nr, (setter)sc_set_nr,
	  "Same as nr.", NULL },
	{ "name", (getter)sc_get_name, NULL, "The syscall's name.", NULL },
	{ "args", (getter)sc_get_args, (setter)sc_set_args,
	  "The six arguments (a tuple; set a sequence of up to six).", NULL },
	ARG(0), ARG(1), ARG(2), ARG(3), ARG(4), ARG(5),
	{ "retval", (getter)sc_get_retval, (setter)sc_set_retval,
	  "At exit: the return value (-errno on error), settable. Setting it "
	  "at entry skips the syscall and returns that value.", NULL },
	{ "skip", (getter)sc_get_skip, (setter)sc_set_skip,
	  "At entry: True skips the syscall (it returns retval).", NULL },
	{ "at_exit", (getter)sc_get_at_exit, NULL, "True in on_exit.", NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

PyTypeObject PySyscall_Type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "snare.Syscall",
	.tp_basicsize = sizeof(PySyscall),
	.tp_flags = Py_TPFLAGS_DEFAULT,
	.tp_doc = "The syscall a hook callback is looking at (valid during the "
		  "callback).",
	.tp_repr = (reprfunc)sc_repr,
	.tp_getset = sc_getset,
};

/* ------------------------------------------------------------------ */
/* SyscallHandler                                                     */
/* ------------------------------------------------------------------ */

typedef struct {
	PyObject_HEAD
	PyDbg *dbg;
	snare_hook *h;          /* NULL once removed or the session is gone */
	PyObject *on_enter, *on_exit;
	PySyscall *sc;          /* reused when the callback kept no reference */
	long nr;
	long hijack;            /* >= 0: the syscall it runs instead */
	int removed;
	uint64_t hits;          /* the count when the handle was let go */
} PyHook;

static PySyscall *
sc_for(PyHook *h, snare_syscall *sc, int at_exit)
{
	PySyscall *s = h->sc;

	if (s && Py_REFCNT(s) == 1) {
		Py_INCREF(s);
	} else {
		s = PyObject_New(PySyscall, &PySyscall_Type);
		if (!s)
			return NULL;
		Py_XSETREF(h->sc, s);
		Py_INCREF(s);
	}
	s->sc = sc;
	s->at_exit = at_exit;
	return s;
}

static int
hook_call(PyHook *h, PyObject *fn, snare_thread *t, snare_syscall *sc,
	  int at_exit)
{
	PyDbg *d = h->dbg;
	PyThreadState *ts;
	PyObject *args[2], *res = NULL;
	PySyscall *s;
	int action;

	if (d->exc)
		return SNARE_STOP;
	ts = cb_enter(d);
	args[0] = (PyObject *)thr_of(d, t);
	s = args[0] ? sc_for(h, sc, at_exit) : NULL;
	if (s) {
		args[1] = (PyObject *)s;
		res = PyObject_Vectorcall(fn, args, 2, NULL);
		s->sc = NULL;
		Py_DECREF(s);
	}
	action = cb_result(d, res);
	cb_leave(d, ts);
	return action;
}

static int
hook_enter(snare_thread *t, snare_syscall *sc, void *user)
{
	PyHook *h = user;
	int action = SNARE_CONTINUE;

	if (h->hijack >= 0)
		sc->nr = h->hijack;
	else if (h->on_enter != Py_None)
		action = hook_call(h, h->on_enter, t, sc, 0);
	if (h->dbg->pprint)
		pprint_enter(h->dbg, t, sc);
	return action;
}

static int
hook_exit(snare_thread *t, snare_syscall *sc, void *user)
{
	PyHook *h = user;
	int action = SNARE_CONTINUE;

	if (h->on_exit != Py_None)
		action = hook_call(h, h->on_exit, t, sc, 1);
	if (h->dbg->pprint)
		pprint_exit(h->dbg, t, sc);
	return action;
}

static long
syscall_of(PyObject *o)
{
	long nr;

	if (PyUnicode_Check(o)) {
		const char *n = PyUnicode_AsUTF8(o);

		if (!n)
			return -2;
		if (!strcmp(n, "*") || !strcmp(n, "all"))
			return SNARE_HOOK_ALL;
		nr = snare_syscall_nr(n);
		if (nr < 0) {
			sp_errf(-ENOENT, "unknown syscall \"%s\"", n);
			return -2;
		}
		return nr;
	}
	nr = PyLong_AsLong(o);
	if (nr == -1 && PyErr_Occurred())
		return -2;
	if (nr < 0 || !snare_syscall_name(nr)) {
		sp_errf(-EINVAL, "no syscall number %ld on x86_64", nr);
		return -2;
	}
	return nr;
}

static PyObject *
hook_make(PyDbg *d, long nr, PyObject *on_enter, PyObject *on_exit,
	  long hijack, int recursive)
{
	snare_hook_opts o = SNARE_HOOK_OPTS_INIT;
	PyHook *h;
	int r, callbacks;

	if (dbg_usable(d) < 0)
		return NULL;
	if ((on_enter != Py_None && !PyCallable_Check(on_enter)) ||
	    (on_exit != Py_None && !PyCallable_Check(on_exit))) {
		PyErr_SetString(PyExc_TypeError,
				"on_enter and on_exit must be callable or None");
		return NULL;
	}
	h = PyObject_GC_New(PyHook, &PyHook_Type);
	if (!h)
		return NULL;
	Py_INCREF(d);
	h->dbg = d;
	h->h = NULL;
	Py_INCREF(on_enter);
	h->on_enter = on_enter;
	Py_INCREF(on_exit);
	h->on_exit = on_exit;
	h->sc = NULL;
	h->nr = nr;
	h->hijack = hijack;
	h->removed = 0;
	h->hits = 0;
	PyObject_GC_Track(h);
	callbacks = hijack >= 0 || on_enter != Py_None || on_exit != Py_None;
	if (callbacks) {
		o.on_enter = hook_enter;
		/* exit and exit_group never return. */
		if (nr != 60 && nr != 231)
			o.on_exit = hook_exit;
		if (o.on_exit && on_exit == Py_None && hijack < 0 &&
		    on_enter != Py_None && !d->pprint)
			o.on_exit = NULL;
	}
	o.user = h;
	o.recursive = recursive;
	r = snare_hook_syscall(&h->h, d->s, nr, &o);
	if (r < 0) {
		h->h = NULL;
		Py_DECREF(h);
		return sp_err(d, r, "hook");
	}
	if (PyList_Append(d->hooks, (PyObject *)h) < 0) {
		snare_hook_remove(h->h);
		h->h = NULL;
		Py_DECREF(h);
		return NULL;
	}
	return (PyObject *)h;
}

PyObject *
dbg_handle_syscall(PyDbg *d, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "syscall", "on_enter", "on_exit", "recursive",
				  NULL };
	PyObject *which, *en = Py_None, *ex = Py_None;
	int rec = 0;
	long nr;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OOp:handle_syscall", kwlist,
					 &which, &en, &ex, &rec))
		return NULL;
	nr = syscall_of(which);
	if (nr == -2)
		return NULL;
	return hook_make(d, nr, en, ex, -1, rec);
}

PyObject *
dbg_hijack_syscall(PyDbg *d, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "original", "new", "recursive", NULL };
	PyObject *a, *b;
	int rec = 0;
	long from, to;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "OO|p:hijack_syscall", kwlist,
					 &a, &b, &rec))
		return NULL;
	from = syscall_of(a);
	if (from == -2)
		return NULL;
	to = syscall_of(b);
	if (to == -2)
		return NULL;
	if (from == SNARE_HOOK_ALL || to == SNARE_HOOK_ALL)
		return sp_errf(-EINVAL, "hijack_syscall: name one syscall each");
	if (from == to)
		return sp_errf(-EINVAL, "hijack_syscall: %s into itself",
			       snare_syscall_name(from));
	return hook_make(d, from, Py_None, Py_None, to, rec);
}

static int
hk_traverse(PyHook *h, visitproc visit, void *arg)
{
	Py_VISIT(h->dbg);
	Py_VISIT(h->on_enter);
	Py_VISIT(h->on_exit);
	return 0;
}

static int
hk_clear(PyHook *h)
{
	Py_CLEAR(h->on_enter);
	Py_CLEAR(h->on_exit);
	Py_CLEAR(h->sc);
	Py_CLEAR(h->dbg);
	return 0;
}

static void
hk_dealloc(PyHook *h)
{
	PyObject_GC_UnTrack(h);
	hk_clear(h);
	PyObject_GC_Del(h);
}

static int
hk_alive(PyHook *h)
{
	if (!h->h || !h->dbg || !h->dbg->s) {
		sp_errf(-EINVAL, h->removed ? "the handler was removed" :
					      "the debugger is gone");
		return -1;
	}
	return sp_check_owner(h->dbg);
}

static PyObject *
hk_enable_impl(PyHook *h, int on)
{
	int r;

	if (hk_alive(h) < 0)
		return NULL;
	r = snare_hook_enable(h->h, on);
	if (r < 0)
		return sp_err(h->dbg, r, "enable");
	Py_RETURN_NONE;
}

static PyObject *
hk_enable(PyHook *h, PyObject *u)
{
	return hk_enable_impl(h, 1);
}

static PyObject *
hk_disable(PyHook *h, PyObject *u)
{
	return hk_enable_impl(h, 0);
}

static PyObject *
hk_remove(PyHook *h, PyObject *u)
{
	int r;

	if (hk_alive(h) < 0)
		return NULL;
	h->hits = snare_hook_hits(h->h);
	r = snare_hook_remove(h->h);
	if (r < 0)
		return sp_err(h->dbg, r, "remove");
	h->h = NULL;
	h->removed = 1;
	Py_RETURN_NONE;
}

static PyObject *
hk_get_hits(PyHook *h, void *c)
{
	if (!h->h || !h->dbg || !h->dbg->s)
		return PyLong_FromUnsignedLongLong(h->hits);
	return PyLong_FromUnsignedLongLong(snare_hook_hits(h->h));
}

static PyObject *
hk_get_enabled(PyHook *h, void *c)
{
	if (!h->h || !h->dbg || !h->dbg->s)
		Py_RETURN_FALSE;
	return PyBool_FromLong(snare_hook_enabled(h->h) == 1);
}

static int
hk_set_enabled(PyHook *h, PyObject *v, void *c)
{
	PyObject *r;
	int on;

	if (!v) {
		PyErr_SetString(PyExc_AttributeError, "cannot delete");
		return -1;
	}
	on = PyObject_IsTrue(v);
	if (on < 0)
		return -1;
	r = hk_enable_impl(h, on);
	Py_XDECREF(r);
	return r ? 0 : -1;
}

static PyObject *
hk_get_name(PyHook *h, void *c)
{
	if (h->nr == SNARE_HOOK_ALL)
		return PyUnicode_FromString("*");
	return PyUnicode_FromString(snare_syscall_name(h->nr));
}

static PyObject *
hk_repr(PyHook *h)
{
	return PyUnicode_FromFormat("<snare.SyscallHandler %s%s>",
				    h->nr == SNARE_HOOK_ALL ? "*" :
							      snare_syscall_name(h->nr),
				    h->removed ? " (removed)" : "");
}

static PyMethodDef hk_methods[] = {
	{ "enable", (PyCFunction)hk_enable, METH_NOARGS, "enable()" },
	{ "disable", (PyCFunction)hk_disable, METH_NOARGS, "disable()" },
	{ "remove", (PyCFunction)hk_remove, METH_NOARGS, "remove()" },
	{ NULL, NULL, 0, NULL },
};

static PyGetSetDef hk_getset[] = {
	{ "hit_count", (getter)hk_get_hits, NULL, "Completed syscalls counted.", NULL },
	{ "enabled", (getter)hk_get_enabled, (setter)hk_set_enabled, "Enabled.", NULL },
	{ "name", (getter)hk_get_name, NULL, "The syscall's name (\"*\": all).", NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

static PyMemberDef hk_members[] = {
	{ "syscall_number", T_LONG, offsetof(PyHook, nr), READONLY,
	  "The syscall number (-1: all)." },
	{ "on_enter", T_OBJECT, offsetof(PyHook, on_enter), READONLY, "on_enter" },
	{ "on_exit", T_OBJECT, offsetof(PyHook, on_exit), READONLY, "on_exit" },
	{ NULL, 0, 0, 0, NULL },
};

PyTypeObject PyHook_Type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "snare.SyscallHandler",
	.tp_basicsize = sizeof(PyHook),
	.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
	.tp_doc = "A syscall hook (Debugger.handle_syscall(), hijack_syscall()).",
	.tp_dealloc = (destructor)hk_dealloc,
	.tp_traverse = (traverseproc)hk_traverse,
	.tp_clear = (inquiry)hk_clear,
	.tp_repr = (reprfunc)hk_repr,
	.tp_methods = hk_methods,
	.tp_getset = hk_getset,
	.tp_members = hk_members,
};

/* The session is gone: the handle is no longer valid. */
void
hook_forget(PyObject *o)
{
	if (Py_TYPE(o) == &PyHook_Type) {
		PyHook *h = (PyHook *)o;

		if (h->h && h->dbg && h->dbg->s)
			h->hits = snare_hook_hits(h->h);
		h->h = NULL;
	} else
		sighook_forget(o);
}
