/* SPDX-License-Identifier: MIT */
/*
 * bp.c: the Breakpoint type (breakpoints and watchpoints) and its C
 * trampolines: the library calls bp_hit()/bp_cond() with the Breakpoint
 * object as user pointer, which call the Python callable with
 * (thread, bp) through vectorcall (no tuple).
 */
#include "snare_py.h"

#include <errno.h>
#include <string.h>
#include <structmember.h>

typedef struct {
	PyObject_HEAD
	PyDbg *dbg;             /* strong */
	PyProc *proc;           /* strong */
	snare_bp *bp;           /* NULL once forgotten (session or process gone) */
	PyObject *callback;     /* None or a callable */
	PyObject *condition;    /* None or a callable */
	PyObject *location;     /* as given */
	int kind;               /* enum snare_bp_kind */
	int removed;
	uint64_t hits;          /* the count when the handle was let go */
} PyBp;

static int
bp_hit(snare_thread *t, snare_bp *bp, void *user)
{
	PyBp *b = user;
	PyDbg *d = b->dbg;
	PyThreadState *ts;
	PyObject *args[2], *res;
	int action;

	if (d->exc)
		return SNARE_STOP;
	ts = cb_enter(d);
	args[0] = (PyObject *)thr_of(d, t);
	args[1] = (PyObject *)b;
	if (!args[0] || b->callback == Py_None)
		res = NULL;
	else
		res = PyObject_Vectorcall(b->callback, args, 2, NULL);
	action = cb_result(d, res);
	cb_leave(d, ts);
	return action;
}

static int
bp_cond(snare_thread *t, snare_bp *bp, void *user)
{
	PyBp *b = user;
	PyDbg *d = b->dbg;
	PyThreadState *ts;
	PyObject *args[2], *res;
	int hit = 1;

	if (d->exc)
		return 1;
	ts = cb_enter(d);
	args[0] = (PyObject *)thr_of(d, t);
	args[1] = (PyObject *)b;
	res = args[0] ? PyObject_Vectorcall(b->condition, args, 2, NULL) : NULL;
	if (res) {
		hit = PyObject_IsTrue(res);
		Py_DECREF(res);
		if (hit < 0)
			res = NULL;
	}
	if (!res) {
		/* Keep the exception; counting the hit makes the loop stop
		   (bp_hit sees it, or the hit has no callback). */
		cb_result(d, NULL);
		hit = 1;
	}
	cb_leave(d, ts);
	return hit;
}

/* Let go of the handle (it is freed by the library), keeping the count:
   before the session is freed, or at once after a removal. */
void
bp_forget(PyObject *o)
{
	PyBp *b = (PyBp *)o;

	if (b->bp && b->dbg && b->dbg->s)
		b->hits = snare_bp_hits(b->bp);
	b->bp = NULL;
}

int
bp_listed(PyObject *o)
{
	PyBp *b = (PyBp *)o;

	return b->bp && !b->removed;
}

static int
bp_alive(PyBp *b)
{
	if (b->removed) {
		sp_errf(-EINVAL, "the breakpoint was removed");
		return -1;
	}
	if (!b->bp || !b->dbg || !b->dbg->s) {
		sp_errf(SNARE_EEXITED, "the breakpoint's process is gone");
		return -1;
	}
	return sp_check_owner(b->dbg);
}

static int
check_callable(PyObject *o, const char *what)
{
	if (o != Py_None && !PyCallable_Check(o)) {
		PyErr_Format(PyExc_TypeError, "%s must be callable or None", what);
		return -1;
	}
	return 0;
}

/* Make and arm a Breakpoint on the main process. */
static PyObject *
bp_make(PyDbg *d, PyObject *loc, int kind, size_t len, unsigned flags,
	PyObject *cb, PyObject *cond)
{
	snare_bp_opts o = SNARE_BP_OPTS_INIT;
	PyBp *b;
	int r;

	if (dbg_usable(d) < 0)
		return NULL;
	if (!d->main)
		return sp_errf(-ESRCH, "no process: call run() or attach() first");
	if (proc_alive(d->main) < 0)
		return NULL;
	if (!PyLong_Check(loc) && !PyUnicode_Check(loc)) {
		PyErr_SetString(PyExc_TypeError, "a location is an int or a str");
		return NULL;
	}
	if (check_callable(cb, "callback") < 0 ||
	    check_callable(cond, "condition") < 0)
		return NULL;
	b = PyObject_GC_New(PyBp, &PyBp_Type);
	if (!b)
		return NULL;
	Py_INCREF(d);
	b->dbg = d;
	Py_INCREF(d->main);
	b->proc = d->main;
	b->bp = NULL;
	Py_INCREF(cb);
	b->callback = cb;
	Py_INCREF(cond);
	b->condition = cond;
	Py_INCREF(loc);
	b->location = loc;
	b->kind = kind;
	b->removed = 0;
	b->hits = 0;
	PyObject_GC_Track(b);
	o.kind = kind;
	o.len = len;
	o.flags = flags;
	o.user = b;
	o.on_hit = cb != Py_None ? bp_hit : NULL;
	o.condition = cond != Py_None ? bp_cond : NULL;
	if (PyLong_Check(loc)) {
		uint64_t addr;

		if (sp_u64(loc, &addr) < 0) {
			Py_DECREF(b);
			return NULL;
		}
		r = snare_bp_add(&b->bp, d->main->p, addr, &o);
	} else {
		const char *s = PyUnicode_AsUTF8(loc);

		if (!s) {
			Py_DECREF(b);
			return NULL;
		}
		r = snare_bp_add_at(&b->bp, d->main->p, s, &o);
	}
	if (r < 0) {
		b->bp = NULL;
		Py_DECREF(b);
		return sp_err(d, r, kind >= SNARE_WATCH_WRITE ? "watchpoint" :
								"breakpoint");
	}
	if (PyList_Append(d->bps, (PyObject *)b) < 0) {
		snare_bp_remove(b->bp);
		b->bp = NULL;
		Py_DECREF(b);
		return NULL;
	}
	return (PyObject *)b;
}

static int
watch_kind(const char *cond, int *kind)
{
	if (!strcmp(cond, "w")) {
		*kind = SNARE_WATCH_WRITE;
	} else if (!strcmp(cond, "rw")) {
		*kind = SNARE_WATCH_RW;
	} else {
		PyErr_Format(PyExc_ValueError,
			     "a watchpoint's condition is \"w\" or \"rw\", not \"%s\""
			     " (reads alone cannot be watched on x86)", cond);
		return -1;
	}
	return 0;
}

PyObject *
dbg_breakpoint(PyDbg *d, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "location", "callback", "hardware",
				  "condition", "length", NULL };
	PyObject *loc, *cb = Py_None, *cond = Py_None;
	Py_ssize_t len = 1;
	int hw = 0, kind;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OpOn:breakpoint", kwlist,
					 &loc, &cb, &hw, &cond, &len))
		return NULL;
	if (PyUnicode_Check(cond)) {
		/* libdebug's spelling: condition="x" | "w" | "rw". */
		const char *c = PyUnicode_AsUTF8(cond);

		if (!c)
			return NULL;
		if (!strcmp(c, "x"))
			return bp_make(d, loc, SNARE_BP_HARDWARE, 0, 0, cb, Py_None);
		if (watch_kind(c, &kind) < 0)
			return NULL;
		if (len < 1) {
			PyErr_SetString(PyExc_ValueError, "length must be positive");
			return NULL;
		}
		return bp_make(d, loc, kind, (size_t)len, SNARE_WATCH_HARDWARE,
			       cb, Py_None);
	}
	return bp_make(d, loc, hw ? SNARE_BP_HARDWARE : SNARE_BP_SOFTWARE, 0, 0,
		       cb, cond);
}

PyObject *
dbg_watchpoint(PyDbg *d, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "location", "length", "condition", "callback",
				  "hardware", NULL };
	PyObject *loc, *cb = Py_None, *hw = Py_None;
	Py_ssize_t len = 1;
	const char *cond = "w";
	unsigned flags = 0;
	int kind;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "O|nsOO:watchpoint", kwlist,
					 &loc, &len, &cond, &cb, &hw))
		return NULL;
	if (watch_kind(cond, &kind) < 0)
		return NULL;
	if (len < 1) {
		PyErr_SetString(PyExc_ValueError, "length must be positive");
		return NULL;
	}
	if (hw != Py_None) {
		int h = PyObject_IsTrue(hw);

		if (h < 0)
			return NULL;
		flags = h ? SNARE_WATCH_HARDWARE : SNARE_WATCH_SOFTWARE;
	}
	return bp_make(d, loc, kind, (size_t)len, flags, cb, Py_None);
}

/* ------------------------------------------------------------------ */
/* The Breakpoint type                                                */
/* ------------------------------------------------------------------ */

static int
bpo_traverse(PyBp *b, visitproc visit, void *arg)
{
	Py_VISIT(b->dbg);
	Py_VISIT(b->proc);
	Py_VISIT(b->callback);
	Py_VISIT(b->condition);
	return 0;
}

static int
bpo_clear(PyBp *b)
{
	Py_CLEAR(b->callback);
	Py_CLEAR(b->condition);
	Py_CLEAR(b->proc);
	Py_CLEAR(b->dbg);
	return 0;
}

static void
bpo_dealloc(PyBp *b)
{
	PyObject_GC_UnTrack(b);
	bpo_clear(b);
	Py_CLEAR(b->location);
	PyObject_GC_Del(b);
}

static PyObject *
bpo_repr(PyBp *b)
{
	uint64_t a = b->bp && b->dbg && b->dbg->s ? snare_bp_addr(b->bp) : 0;
	char buf[32];

	snprintf(buf, sizeof(buf), "0x%llx", (unsigned long long)a);
	return PyUnicode_FromFormat("<snare.Breakpoint %R at %s%s>", b->location,
				    buf, !b->bp ? " (gone)" :
					 b->removed ? " (removed)" : "");
}

static PyObject *
bpo_enable_impl(PyBp *b, int on)
{
	int r;

	if (bp_alive(b) < 0)
		return NULL;
	r = snare_bp_enable(b->bp, on);
	if (r < 0)
		return sp_err(b->dbg, r, on ? "enable" : "disable");
	Py_RETURN_NONE;
}

static PyObject *
bpo_enable(PyBp *b, PyObject *u)
{
	return bpo_enable_impl(b, 1);
}

static PyObject *
bpo_disable(PyBp *b, PyObject *u)
{
	return bpo_enable_impl(b, 0);
}

static PyObject *
bpo_remove(PyBp *b, PyObject *u)
{
	int r;

	if (bp_alive(b) < 0)
		return NULL;
	b->hits = snare_bp_hits(b->bp);
	r = snare_bp_remove(b->bp);
	if (r < 0)
		return sp_err(b->dbg, r, "remove");
	/* The handle lives until the next run only. */
	b->bp = NULL;
	b->removed = 1;
	Py_RETURN_NONE;
}

static PyObject *
bpo_hit_on(PyBp *b, PyObject *th)
{
	PyObject *ev = b->dbg ? b->dbg->event : NULL, *ebp, *eth;
	int yes = 0;

	if (!ev || ev == Py_None)
		Py_RETURN_FALSE;
	ebp = PyObject_GetAttrString(ev, "breakpoint");
	eth = PyObject_GetAttrString(ev, "thread");
	if (ebp && eth)
		yes = ebp == (PyObject *)b &&
		      (th == Py_None || th == (PyObject *)b->dbg || eth == th);
	Py_XDECREF(ebp);
	Py_XDECREF(eth);
	if (PyErr_Occurred())
		return NULL;
	return PyBool_FromLong(yes);
}

static PyObject *
bpo_get_address(PyBp *b, void *c)
{
	if (!b->bp || !b->dbg->s)
		Py_RETURN_NONE;
	return PyLong_FromUnsignedLongLong(snare_bp_addr(b->bp));
}

static PyObject *
bpo_get_hits(PyBp *b, void *c)
{
	if (!b->bp || !b->dbg || !b->dbg->s)
		return PyLong_FromUnsignedLongLong(b->hits);
	return PyLong_FromUnsignedLongLong(snare_bp_hits(b->bp));
}

static PyObject *
bpo_get_enabled(PyBp *b, void *c)
{
	if (!b->bp || !b->dbg->s || b->removed)
		Py_RETURN_FALSE;
	return PyBool_FromLong(snare_bp_enabled(b->bp) == 1);
}

static int
bpo_set_enabled(PyBp *b, PyObject *v, void *c)
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
	r = bpo_enable_impl(b, on);
	Py_XDECREF(r);
	return r ? 0 : -1;
}

static PyObject *
bpo_get_pending(PyBp *b, void *c)
{
	if (!b->bp || !b->dbg->s)
		Py_RETURN_FALSE;
	return PyBool_FromLong(snare_bp_pending(b->bp) == 1);
}

static PyObject *
bpo_get_hardware(PyBp *b, void *c)
{
	if (!b->bp || !b->dbg->s)
		Py_RETURN_NONE;
	return PyBool_FromLong(snare_bp_method(b->bp) == SNARE_METHOD_DEBUGREG);
}

static PyObject *
bpo_get_method(PyBp *b, void *c)
{
	static const char *const names[] = { "int3", "debugreg", "page" };
	int m;

	if (!b->bp || !b->dbg->s)
		Py_RETURN_NONE;
	m = snare_bp_method(b->bp);
	if (m < 0 || m > 2)
		Py_RETURN_NONE;
	return PyUnicode_FromString(names[m]);
}

static PyObject *
bpo_get_kind(PyBp *b, void *c)
{
	static const char *const names[] = { "software", "hardware", "watch_w",
					     "watch_rw" };

	return PyUnicode_FromString(names[b->kind & 3]);
}

static PyObject *
bpo_get_length(PyBp *b, void *c)
{
	if (!b->bp || !b->dbg->s)
		Py_RETURN_NONE;
	return PyLong_FromSize_t(snare_bp_len(b->bp));
}

static PyObject *
bpo_get_callback(PyBp *b, void *c)
{
	Py_INCREF(b->callback);
	return b->callback;
}

static PyMethodDef bpo_methods[] = {
	{ "enable", (PyCFunction)bpo_enable, METH_NOARGS, "enable(): arm it again." },
	{ "disable", (PyCFunction)bpo_disable, METH_NOARGS,
	  "disable(): no more hits (a software one is unpatched)." },
	{ "remove", (PyCFunction)bpo_remove, METH_NOARGS,
	  "remove(): take it out; the original bytes are restored." },
	{ "hit_on", (PyCFunction)bpo_hit_on, METH_O,
	  "hit_on(thread) -> bool: the last stop (wait()) was this "
	  "breakpoint, in that thread (or the debugger: any thread)." },
	{ NULL, NULL, 0, NULL },
};

static PyGetSetDef bpo_getset[] = {
	{ "address", (getter)bpo_get_address, NULL,
	  "Where it is armed (0 while pending, None once gone).", NULL },
	{ "hit_count", (getter)bpo_get_hits, NULL, "Hits counted.", NULL },
	{ "enabled", (getter)bpo_get_enabled, (setter)bpo_set_enabled,
	  "Enabled or not (settable).", NULL },
	{ "pending", (getter)bpo_get_pending, NULL,
	  "True while its library is not loaded yet.", NULL },
	{ "hardware", (getter)bpo_get_hardware, NULL,
	  "True when it uses a debug register.", NULL },
	{ "method", (getter)bpo_get_method, NULL,
	  "\"int3\", \"debugreg\" or \"page\" (page protection).", NULL },
	{ "kind", (getter)bpo_get_kind, NULL,
	  "\"software\", \"hardware\", \"watch_w\" or \"watch_rw\".", NULL },
	{ "length", (getter)bpo_get_length, NULL, "Bytes watched (1 for a breakpoint).", NULL },
	{ "callback", (getter)bpo_get_callback, NULL, "The callback or None.", NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

static PyMemberDef bpo_members[] = {
	{ "location", T_OBJECT, offsetof(PyBp, location), READONLY,
	  "The location as given." },
	{ NULL, 0, 0, 0, NULL },
};

PyTypeObject PyBp_Type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "snare.Breakpoint",
	.tp_basicsize = sizeof(PyBp),
	.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
	.tp_doc = "A breakpoint or watchpoint (Debugger.breakpoint(), "
		  "Debugger.watchpoint()).",
	.tp_dealloc = (destructor)bpo_dealloc,
	.tp_traverse = (traverseproc)bpo_traverse,
	.tp_clear = (inquiry)bpo_clear,
	.tp_repr = (reprfunc)bpo_repr,
	.tp_methods = bpo_methods,
	.tp_getset = bpo_getset,
	.tp_members = bpo_members,
};
