/* SPDX-License-Identifier: MIT */
/*
 * call.c: calls into the program (Thread.call, Debugger.call and their
 * call_continue/call_abandon) over snare_thread_call*, the CallResult and
 * Float32 types, and return watches (Thread.on_return) over
 * snare_thread_on_return.
 *
 * Arguments: int (and None, a NULL pointer) go in integer registers,
 * float as a double, Float32 as a float; str (UTF-8), bytes (a NUL is
 * added) and bytearray are copied into the call's frame and passed by
 * address. A bytearray is also copied back after the call: the library
 * writes straight into it through a memoryview (which keeps it from being
 * resized), so the views of a call still pending (stopped on a breakpoint
 * inside the function) stay in d->call_bufs until it ends.
 */
#include "snare_py.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <structmember.h>

/* ------------------------------------------------------------------ */
/* Float32: a float passed as a C float                               */
/* ------------------------------------------------------------------ */

PyTypeObject PyFloat32_Type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "snare.Float32",
	.tp_basicsize = sizeof(PyFloatObject),
	.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
	.tp_doc = "Float32(x): a float that Debugger.call() passes as a C "
		  "float (a plain float goes as a double).",
	.tp_base = &PyFloat_Type,
};

/* ------------------------------------------------------------------ */
/* CallResult                                                         */
/* ------------------------------------------------------------------ */

typedef struct {
	PyObject_HEAD
	PyObject *thread;       /* the Thread */
	PyObject *breakpoint;   /* None or the Breakpoint */
	snare_call_result r;
} PyCallRes;

static const char *const status_names[] = {
	[SNARE_CALL_RETURNED] = "returned",
	[SNARE_CALL_BREAKPOINT] = "breakpoint",
	[SNARE_CALL_SIGNAL] = "signal",
	[SNARE_CALL_TIMEOUT] = "timeout",
};

static PyObject *
callres_new(PyDbg *d, PyThr *th, const snare_call_result *r)
{
	PyCallRes *c = PyObject_GC_New(PyCallRes, &PyCallRes_Type);
	PyObject *bp = Py_None;

	if (!c)
		return NULL;
	if (r->bp) {
		snare_bp_opts o = SNARE_BP_OPTS_INIT;

		if (snare_bp_get_opts(&o, r->bp) == 0 && o.user)
			bp = o.user;
	}
	Py_INCREF(th);
	c->thread = (PyObject *)th;
	Py_INCREF(bp);
	c->breakpoint = bp;
	c->r = *r;
	PyObject_GC_Track(c);
	return (PyObject *)c;
}

static int
callres_traverse(PyCallRes *c, visitproc visit, void *arg)
{
	Py_VISIT(c->thread);
	Py_VISIT(c->breakpoint);
	return 0;
}

static int
callres_clear(PyCallRes *c)
{
	Py_CLEAR(c->thread);
	Py_CLEAR(c->breakpoint);
	return 0;
}

static void
callres_dealloc(PyCallRes *c)
{
	PyObject_GC_UnTrack(c);
	callres_clear(c);
	PyObject_GC_Del(c);
}

static PyObject *
callres_get_status(PyCallRes *c, void *u)
{
	int s = c->r.status;

	return PyUnicode_FromString(s >= 0 && s <= SNARE_CALL_TIMEOUT ?
					    status_names[s] : "unknown");
}

static PyObject *
callres_get_returned(PyCallRes *c, void *u)
{
	return PyBool_FromLong(c->r.status == SNARE_CALL_RETURNED);
}

/* A value of the function's return: None unless it returned. */
#define RETURNED_GETTER(name, expr)					\
	static PyObject *						\
	callres_get_##name(PyCallRes *c, void *u)			\
	{								\
		if (c->r.status != SNARE_CALL_RETURNED)			\
			Py_RETURN_NONE;					\
		return expr;						\
	}

RETURNED_GETTER(value, PyLong_FromUnsignedLongLong(c->r.rax))
RETURNED_GETTER(signed, PyLong_FromLongLong((long long)c->r.rax))
RETURNED_GETTER(rdx, PyLong_FromUnsignedLongLong(c->r.rdx))
RETURNED_GETTER(double, PyFloat_FromDouble(c->r.d))
RETURNED_GETTER(float, PyFloat_FromDouble((double)c->r.f))
RETURNED_GETTER(xmm0, PyBytes_FromStringAndSize((const char *)c->r.xmm0, 16))
RETURNED_GETTER(xmm1, PyBytes_FromStringAndSize((const char *)c->r.xmm1, 16))

static PyObject *
callres_get_pc(PyCallRes *c, void *u)
{
	if (c->r.status == SNARE_CALL_RETURNED)
		Py_RETURN_NONE;
	return PyLong_FromUnsignedLongLong(c->r.pc);
}

static PyObject *
callres_get_signal(PyCallRes *c, void *u)
{
	if (c->r.status != SNARE_CALL_SIGNAL)
		Py_RETURN_NONE;
	return PyLong_FromLong(c->r.signo);
}

static PyObject *
callres_get_pending(PyCallRes *c, void *u)
{
	return PyBool_FromLong(c->r.pending != 0);
}

static PyObject *
callres_repr(PyCallRes *c)
{
	char buf[64];
	int s = c->r.status;

	if (s == SNARE_CALL_RETURNED)
		snprintf(buf, sizeof(buf), "returned 0x%llx",
			 (unsigned long long)c->r.rax);
	else
		snprintf(buf, sizeof(buf), "%s at 0x%llx%s",
			 s >= 0 && s <= SNARE_CALL_TIMEOUT ? status_names[s] : "?",
			 (unsigned long long)c->r.pc,
			 c->r.pending ? " (pending)" : "");
	return PyUnicode_FromFormat("<snare.CallResult %s>", buf);
}

static PyGetSetDef callres_getset[] = {
	{ "status", (getter)callres_get_status, NULL,
	  "\"returned\", \"breakpoint\" (stopped on one inside the function), "
	  "\"signal\" (the function faulted) or \"timeout\".", NULL },
	{ "returned", (getter)callres_get_returned, NULL,
	  "True when the function returned.", NULL },
	{ "value", (getter)callres_get_value, NULL,
	  "returned: rax as an unsigned 64-bit int, else None.", NULL },
	{ "signed", (getter)callres_get_signed, NULL,
	  "returned: rax as a signed 64-bit int, else None.", NULL },
	{ "rdx", (getter)callres_get_rdx, NULL,
	  "returned: rdx (the upper half of a 128-bit result).", NULL },
	{ "double", (getter)callres_get_double, NULL,
	  "returned: xmm0 as a double.", NULL },
	{ "float", (getter)callres_get_float, NULL,
	  "returned: xmm0 as a float.", NULL },
	{ "xmm0", (getter)callres_get_xmm0, NULL, "returned: xmm0's 16 bytes.", NULL },
	{ "xmm1", (getter)callres_get_xmm1, NULL, "returned: xmm1's 16 bytes.", NULL },
	{ "pc", (getter)callres_get_pc, NULL,
	  "breakpoint, signal, timeout: where the function was.", NULL },
	{ "signal", (getter)callres_get_signal, NULL,
	  "signal: the signal the function got (not delivered).", NULL },
	{ "pending", (getter)callres_get_pending, NULL,
	  "True while the call is still in progress (breakpoint): "
	  "call_continue() or call_abandon() it.", NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

static PyMemberDef callres_members[] = {
	{ "thread", T_OBJECT, offsetof(PyCallRes, thread), READONLY,
	  "The Thread that made the call." },
	{ "breakpoint", T_OBJECT, offsetof(PyCallRes, breakpoint), READONLY,
	  "breakpoint: the Breakpoint that stopped the call, else None." },
	{ NULL, 0, 0, 0, NULL },
};

PyTypeObject PyCallRes_Type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "snare.CallResult",
	.tp_basicsize = sizeof(PyCallRes),
	.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
	.tp_doc = "How a call into the program ended (Debugger.call()).",
	.tp_dealloc = (destructor)callres_dealloc,
	.tp_traverse = (traverseproc)callres_traverse,
	.tp_clear = (inquiry)callres_clear,
	.tp_repr = (reprfunc)callres_repr,
	.tp_getset = callres_getset,
	.tp_members = callres_members,
};

/* ------------------------------------------------------------------ */
/* Making a call                                                      */
/* ------------------------------------------------------------------ */

/*
 * Convert args[first:] into *out (PyMem, nargs entries). keep receives
 * the objects the arguments point into (encoded strings, memoryviews of
 * bytearrays); views the memoryviews alone.
 */
static int
call_args(PyObject *args, Py_ssize_t first, snare_call_arg **out,
	  size_t *nargs, PyObject *keep, PyObject *views)
{
	Py_ssize_t n = PyTuple_GET_SIZE(args) - first;
	snare_call_arg *a;

	*out = NULL;
	*nargs = 0;
	if (n <= 0)
		return 0;
	a = PyMem_Calloc((size_t)n, sizeof(*a));
	if (!a) {
		PyErr_NoMemory();
		return -1;
	}
	for (Py_ssize_t i = 0; i < n; i++) {
		PyObject *o = PyTuple_GET_ITEM(args, first + i), *k = NULL;

		if (o == Py_None) {
			a[i].kind = SNARE_ARG_INT;
		} else if (PyLong_Check(o)) {
			a[i].kind = SNARE_ARG_INT;
			if (sp_u64(o, &a[i].i) < 0)
				goto fail;
		} else if (PyObject_TypeCheck(o, &PyFloat32_Type)) {
			a[i].kind = SNARE_ARG_FLOAT;
			a[i].f = (float)PyFloat_AS_DOUBLE(o);
		} else if (PyFloat_Check(o)) {
			a[i].kind = SNARE_ARG_DOUBLE;
			a[i].d = PyFloat_AS_DOUBLE(o);
		} else if (PyUnicode_Check(o) || PyBytes_Check(o)) {
			k = PyUnicode_Check(o) ? PyUnicode_AsUTF8String(o) : o;
			if (!k)
				goto fail;
			if (k == o)
				Py_INCREF(k);
			a[i].kind = SNARE_ARG_BUFFER;
			a[i].data = PyBytes_AS_STRING(k);
			a[i].len = (size_t)PyBytes_GET_SIZE(k) + 1; /* its NUL */
		} else if (PyByteArray_Check(o)) {
			Py_buffer *b;

			k = PyMemoryView_FromObject(o);
			if (!k)
				goto fail;
			b = PyMemoryView_GET_BUFFER(k);
			a[i].kind = SNARE_ARG_BUFFER;
			a[i].data = b->buf;
			a[i].out = b->buf;
			a[i].len = (size_t)b->len;
			if (PyList_Append(views, k) < 0) {
				Py_DECREF(k);
				goto fail;
			}
		} else {
			PyErr_Format(PyExc_TypeError,
				     "call argument %zd: an int, float, Float32, "
				     "str, bytes, bytearray or None, not %s",
				     i + 1, Py_TYPE(o)->tp_name);
			goto fail;
		}
		if (k) {
			int r = PyList_Append(keep, k);

			Py_DECREF(k);
			if (r < 0)
				goto fail;
		}
	}
	*out = a;
	*nargs = (size_t)n;
	return 0;
fail:
	PyMem_Free(a);
	return -1;
}

static int
call_opts(snare_call_opts *o, PyObject *timeout, int through, int unwind)
{
	int ms;

	if (sp_parse_timeout(timeout, &ms) < 0)
		return -1;
	o->timeout_ms = ms < 0 ? 0 : ms == 0 ? 1 : (unsigned)ms;
	o->flags = (through ? SNARE_CALL_THROUGH_BREAKPOINTS : 0) |
		   (unwind ? SNARE_CALL_UNWIND : 0);
	return 0;
}

/* The memoryviews of th's innermost pending call: kept, or taken back. */
static int
bufs_push(PyDbg *d, PyThr *th, PyObject *views)
{
	PyObject *e;
	int r;

	if (!d->call_bufs) {
		d->call_bufs = PyList_New(0);
		if (!d->call_bufs)
			return -1;
	}
	e = PyTuple_Pack(2, (PyObject *)th, views);
	if (!e)
		return -1;
	r = PyList_Append(d->call_bufs, e);
	Py_DECREF(e);
	return r;
}

static PyObject *
bufs_pop(PyDbg *d, PyThr *th)
{
	Py_ssize_t i;

	for (i = d->call_bufs ? PyList_GET_SIZE(d->call_bufs) - 1 : -1; i >= 0;
	     i--) {
		PyObject *e = PyList_GET_ITEM(d->call_bufs, i);

		if (PyTuple_GET_ITEM(e, 0) == (PyObject *)th) {
			PyObject *v = PyTuple_GET_ITEM(e, 1);

			Py_INCREF(v);
			if (PySequence_DelItem(d->call_bufs, i) < 0) {
				Py_DECREF(v);
				return NULL;
			}
			return v;
		}
	}
	return PyList_New(0);
}

/* The Thread a Debugger-level call acts on, stopped, alive (strong). */
static PyThr *
call_thread(PyDbg *d, PyObject *th)
{
	if (dbg_usable(d) < 0 || need_main(d) < 0)
		return NULL;
	return dbg_thread_arg(d, th);
}

/* A Thread-level call's checks: its debugger open, stopped, th alive. */
static int
thr_usable(PyThr *th)
{
	PyDbg *d = th->proc->dbg;

	if (!d) {
		sp_errf(SNARE_EEXITED, "the debugger was closed");
		return -1;
	}
	return dbg_check_stopped(d) < 0 || thr_alive(th) < 0 ? -1 : 0;
}

/* After a library call of this file: a callback's exception, the error,
   or the result. views are kept while the call is pending. */
static PyObject *
call_done(PyDbg *d, PyThr *th, int r, const snare_call_result *res,
	  PyObject *views, const char *what)
{
	if (d->exc) {
		/* A breakpoint's callback raised inside the function: the
		   call is given up, the thread put back, and that raises. */
		if (r == 0 && res->pending)
			snare_call_abandon(th->t);
		dbg_take_exc(d);
		return NULL;
	}
	if (r < 0)
		return sp_err(d, r, what);
	if (res->pending && PyList_GET_SIZE(views) &&
	    bufs_push(d, th, views) < 0)
		return NULL;
	return callres_new(d, th, res);
}

/* d set: a Debugger's call (thread= among the keywords); else th's. */
static PyObject *
do_call(PyDbg *d, PyThr *th, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "timeout", "through_breakpoints", "unwind",
				  "thread", NULL };
	static char *thr_kwlist[] = { "timeout", "through_breakpoints",
				      "unwind", NULL };
	PyObject *timeout = Py_None, *thr_o = Py_None, *fn, *keep = NULL,
		 *views = NULL, *empty, *ret = NULL;
	snare_call_opts o = SNARE_CALL_OPTS_INIT;
	snare_call_result res;
	snare_call_arg *a = NULL;
	int through = 0, unwind = 0, r;
	PyThreadState *saved;
	size_t nargs;
	int with_thread = d != NULL;

	if (PyTuple_GET_SIZE(args) < 1) {
		PyErr_SetString(PyExc_TypeError,
				"call() needs the function: an address or a "
				"location string");
		return NULL;
	}
	empty = PyTuple_New(0);
	if (!empty)
		return NULL;
	if (!PyArg_ParseTupleAndKeywords(empty, kw,
					 with_thread ? "|$OppO:call" : "|$Opp:call",
					 with_thread ? kwlist : thr_kwlist, &timeout, &through, &unwind,
					 &thr_o)) {
		Py_DECREF(empty);
		return NULL;
	}
	Py_DECREF(empty);
	fn = PyTuple_GET_ITEM(args, 0);
	if (!PyLong_Check(fn) && !PyUnicode_Check(fn)) {
		PyErr_SetString(PyExc_TypeError,
				"the function is an address (int) or a location "
				"string");
		return NULL;
	}
	if (call_opts(&o, timeout, through, unwind) < 0)
		return NULL;
	if (with_thread) {
		th = call_thread(d, thr_o);
	} else {
		if (thr_usable(th) < 0)
			return NULL;
		Py_INCREF(th);
	}
	if (!th)
		return NULL;
	d = th->proc->dbg;
	keep = PyList_New(0);
	views = PyList_New(0);
	if (!keep || !views ||
	    call_args(args, 1, &a, &nargs, keep, views) < 0)
		goto out;
	memset(&res, 0, sizeof(res));
	if (PyLong_Check(fn)) {
		uint64_t addr;

		if (sp_u64(fn, &addr) < 0)
			goto out;
		dbg_enter(d, &saved);
		r = snare_thread_call(&res, th->t, addr, a, nargs, &o);
		dbg_leave(d, saved);
	} else {
		const char *loc = PyUnicode_AsUTF8(fn);

		if (!loc)
			goto out;
		dbg_enter(d, &saved);
		r = snare_thread_call_at(&res, th->t, loc, a, nargs, &o);
		dbg_leave(d, saved);
	}
	ret = call_done(d, th, r, &res, views, "call");
out:
	PyMem_Free(a);
	Py_XDECREF(keep);
	Py_XDECREF(views);
	Py_DECREF(th);
	return ret;
}

PyObject *
dbg_call(PyDbg *d, PyObject *args, PyObject *kw)
{
	if (dbg_usable(d) < 0)
		return NULL;
	return do_call(d, NULL, args, kw);
}

PyObject *
thr_call(PyThr *th, PyObject *args, PyObject *kw)
{
	return do_call(NULL, th, args, kw);
}

static PyObject *
do_continue(PyThr *th, PyObject *timeout, int through, int unwind)
{
	snare_call_opts o = SNARE_CALL_OPTS_INIT;
	snare_call_result res;
	PyThreadState *saved;
	PyDbg *d = th->proc->dbg;
	PyObject *views, *ret;
	int r;

	if (call_opts(&o, timeout, through, unwind) < 0)
		return NULL;
	views = bufs_pop(d, th);
	if (!views)
		return NULL;
	memset(&res, 0, sizeof(res));
	dbg_enter(d, &saved);
	r = snare_call_continue(&res, th->t, &o);
	dbg_leave(d, saved);
	ret = call_done(d, th, r, &res, views, "call_continue");
	Py_DECREF(views);
	return ret;
}

static PyObject *
do_abandon(PyThr *th)
{
	PyDbg *d = th->proc->dbg;
	PyObject *views;
	int r;

	views = bufs_pop(d, th);
	if (!views)
		return NULL;
	r = snare_call_abandon(th->t);
	Py_DECREF(views);
	if (r < 0)
		return sp_err(d, r, "call_abandon");
	Py_RETURN_NONE;
}

static char *cont_kwlist[] = { "timeout", "through_breakpoints", "unwind",
			       "thread", NULL };
static char *thr_cont_kwlist[] = { "timeout", "through_breakpoints",
				   "unwind", NULL };

PyObject *
dbg_call_continue(PyDbg *d, PyObject *args, PyObject *kw)
{
	PyObject *timeout = Py_None, *th_o = Py_None, *ret;
	int through = 0, unwind = 0;
	PyThr *th;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "|$OppO:call_continue",
					 cont_kwlist, &timeout, &through,
					 &unwind, &th_o))
		return NULL;
	th = call_thread(d, th_o);
	if (!th)
		return NULL;
	ret = do_continue(th, timeout, through, unwind);
	Py_DECREF(th);
	return ret;
}

PyObject *
thr_call_continue(PyThr *th, PyObject *args, PyObject *kw)
{
	PyObject *timeout = Py_None;
	int through = 0, unwind = 0;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "|$Opp:call_continue",
					 thr_cont_kwlist, &timeout, &through,
					 &unwind))
		return NULL;
	if (thr_usable(th) < 0)
		return NULL;
	return do_continue(th, timeout, through, unwind);
}

PyObject *
dbg_call_abandon(PyDbg *d, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "thread", NULL };
	PyObject *th_o = Py_None, *ret;
	PyThr *th;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:call_abandon", kwlist,
					 &th_o))
		return NULL;
	th = call_thread(d, th_o);
	if (!th)
		return NULL;
	ret = do_abandon(th);
	Py_DECREF(th);
	return ret;
}

PyObject *
thr_call_abandon(PyThr *th, PyObject *unused)
{
	if (thr_usable(th) < 0)
		return NULL;
	return do_abandon(th);
}

/* ------------------------------------------------------------------ */
/* Return watches                                                     */
/* ------------------------------------------------------------------ */

struct ret_watch {
	PyDbg *d;               /* borrowed: the session dies first */
	PyObject *callback;     /* None: stop (wait() returns "return") */
};

/*
 * The library calls this exactly once per watch: at the return (t set)
 * or when the watch is dropped (t NULL). Either way from the debugger's
 * thread, inside a library call made with the GIL held or released by
 * dbg_enter(): cb_enter() takes it back in both cases.
 */
static int
ret_fired(snare_thread *t, void *user)
{
	struct ret_watch *w = user;
	PyDbg *d = w->d;
	PyThreadState *ts = cb_enter(d);
	int action = SNARE_CONTINUE;

	if (t) {
		PyObject *th = (PyObject *)thr_of(d, t), *res;

		if (d->exc) {
			action = SNARE_STOP;
		} else if (w->callback == Py_None) {
			action = th ? SNARE_STOP : cb_result(d, NULL);
		} else {
			res = th ? PyObject_Vectorcall(w->callback, &th, 1, NULL) :
				   NULL;
			action = cb_result(d, res);
		}
	}
	Py_DECREF(w->callback);
	PyMem_RawFree(w);
	cb_leave(d, ts);
	return action;
}

static PyObject *
on_return(PyThr *th, PyObject *cb)
{
	struct ret_watch *w;
	PyDbg *d = th->proc->dbg;
	int r;

	if (cb != Py_None && !PyCallable_Check(cb)) {
		PyErr_SetString(PyExc_TypeError, "callback must be callable or None");
		return NULL;
	}
	if (thr_usable(th) < 0)
		return NULL;
	w = PyMem_RawMalloc(sizeof(*w));
	if (!w)
		return PyErr_NoMemory();
	w->d = d;
	Py_INCREF(cb);
	w->callback = cb;
	r = snare_thread_on_return(th->t, ret_fired, w);
	if (r < 0) {
		Py_DECREF(cb);
		PyMem_RawFree(w);
		return sp_err(d, r, "on_return");
	}
	Py_RETURN_NONE;
}

PyObject *
thr_on_return(PyThr *th, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "callback", NULL };
	PyObject *cb = Py_None;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:on_return", kwlist, &cb))
		return NULL;
	return on_return(th, cb);
}

PyObject *
dbg_on_return(PyDbg *d, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "callback", "thread", NULL };
	PyObject *cb = Py_None, *th_o = Py_None, *ret;
	PyThr *th;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "|OO:on_return", kwlist, &cb,
					 &th_o))
		return NULL;
	th = call_thread(d, th_o);
	if (!th)
		return NULL;
	ret = on_return(th, cb);
	Py_DECREF(th);
	return ret;
}
