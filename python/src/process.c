/* SPDX-License-Identifier: MIT */
/*
 * process.c: the Process, Thread and Registers types.
 */
#include "snare_py.h"

#include <errno.h>
#include <string.h>
#include <structmember.h>

/* ------------------------------------------------------------------ */
/* Liveness                                                           */
/* ------------------------------------------------------------------ */

int
proc_alive(PyProc *pp)
{
	if (!pp->dbg || !pp->dbg->s || !pp->p) {
		sp_errf(SNARE_EEXITED, "the process %d is gone", pp->pid);
		return -1;
	}
	if (sp_check_owner(pp->dbg) < 0)
		return -1;
	if (pp->detached) {
		sp_errf(SNARE_EDETACHED, pp->handed_off ?
			"the process %d is handed off: takeback() first" :
			"the process %d was detached", pp->pid);
		return -1;
	}
	if (pp->exited) {
		sp_errf(SNARE_EEXITED, "the process %d has exited", pp->pid);
		return -1;
	}
	return 0;
}

int
thr_alive(PyThr *th)
{
	if (proc_alive(th->proc) < 0)
		return -1;
	if (!th->t) {
		sp_errf(SNARE_EEXITED, "the thread %d has exited", th->tid);
		return -1;
	}
	return 0;
}

void
thr_mark_exited(PyThr *th, int code, int signo)
{
	PyObject *k;

	if (th->t) {
		snare_thread_set_user(th->t, NULL);
		th->t = NULL;
	}
	if (!th->exited) {
		th->exited = 1;
		th->code = code;
		th->signo = signo;
	}
	/* Drop it from the live threads (the object may live on). */
	k = PyLong_FromLong(th->tid);
	if (k && th->proc->threads &&
	    PyDict_GetItemWithError(th->proc->threads, k) == (PyObject *)th)
		PyDict_DelItem(th->proc->threads, k);
	Py_XDECREF(k);
	PyErr_Clear();
}

void
proc_mark_exited(PyProc *pp, int code, int signo)
{
	PyObject *l;

	if (!pp->exited) {
		pp->exited = 1;
		pp->code = code;
		pp->signo = signo;
	}
	if (!pp->threads)
		return;
	l = PyDict_Values(pp->threads);
	if (!l) {
		PyErr_Clear();
		return;
	}
	for (Py_ssize_t i = 0; i < PyList_GET_SIZE(l); i++)
		thr_mark_exited((PyThr *)PyList_GET_ITEM(l, i), code, signo);
	Py_DECREF(l);
}

/* The session is gone: no object may reach into it. */
void
dbg_forget_all(PyDbg *d)
{
	PyObject *k, *v;
	Py_ssize_t pos = 0;

	while (d->procs && PyDict_Next(d->procs, &pos, &k, &v)) {
		PyProc *pp = (PyProc *)v;
		PyObject *tk, *tv;
		Py_ssize_t tpos = 0;

		while (pp->threads && PyDict_Next(pp->threads, &tpos, &tk, &tv))
			((PyThr *)tv)->t = NULL;
		if (!pp->exited && !pp->detached)
			pp->detached = 1;
		pp->p = NULL;
	}
	for (Py_ssize_t i = 0; d->bps && i < PyList_GET_SIZE(d->bps); i++)
		bp_forget(PyList_GET_ITEM(d->bps, i));
	for (Py_ssize_t i = 0; d->hooks && i < PyList_GET_SIZE(d->hooks); i++)
		hook_forget(PyList_GET_ITEM(d->hooks, i));
}

/* An address from an int or a location string of the process. */
int
sp_resolve(PyProc *pp, PyObject *loc, uint64_t *addr)
{
	const char *s;
	int r;

	if (PyLong_Check(loc))
		return sp_u64(loc, addr);
	if (!PyUnicode_Check(loc)) {
		PyErr_Format(PyExc_TypeError,
			     "a location is an int or a str, not %s",
			     Py_TYPE(loc)->tp_name);
		return -1;
	}
	if (proc_alive(pp) < 0)
		return -1;
	s = PyUnicode_AsUTF8(loc);
	if (!s)
		return -1;
	r = snare_proc_resolve(addr, pp->p, s);
	if (r < 0) {
		sp_err(pp->dbg, r, "resolve");
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Process                                                            */
/* ------------------------------------------------------------------ */

PyObject *
proc_new(PyDbg *d, snare_proc *p)
{
	PyProc *pp = PyObject_GC_New(PyProc, &PyProc_Type);

	if (!pp)
		return NULL;
	Py_INCREF(d);
	pp->dbg = d;
	pp->p = p;
	pp->pid = snare_proc_pid(p);
	pp->exited = pp->code = pp->signo = pp->detached = 0;
	pp->handed_off = 0;
	pp->mem = NULL;
	pp->threads = PyDict_New();
	PyObject_GC_Track(pp);
	if (!pp->threads) {
		Py_DECREF(pp);
		return NULL;
	}
	snare_proc_set_user(p, pp);
	return (PyObject *)pp;
}

/* The first live thread of the process (a new reference). */
PyObject *
proc_regs_thread(PyProc *pp)
{
	snare_thread *t;

	if (proc_alive(pp) < 0)
		return NULL;
	if (snare_proc_threads(&t, 1, pp->p) == 0)
		return sp_errf(SNARE_EEXITED, "the process %d has no thread",
			       pp->pid);
	PyObject *th = (PyObject *)thr_of(pp->dbg, t);

	Py_XINCREF(th);
	return th;
}

static int
proc_traverse(PyProc *pp, visitproc visit, void *arg)
{
	Py_VISIT(pp->dbg);
	Py_VISIT(pp->threads);
	Py_VISIT(pp->mem);
	return 0;
}

static int
proc_clear(PyProc *pp)
{
	Py_CLEAR(pp->threads);
	Py_CLEAR(pp->mem);
	Py_CLEAR(pp->dbg);
	return 0;
}

static void
proc_dealloc(PyProc *pp)
{
	PyObject_GC_UnTrack(pp);
	if (pp->p && pp->dbg && pp->dbg->s &&
	    snare_proc_user(pp->p) == (void *)pp)
		snare_proc_set_user(pp->p, NULL);
	proc_clear(pp);
	PyObject_GC_Del(pp);
}

static PyObject *
proc_repr(PyProc *pp)
{
	return PyUnicode_FromFormat("<snare.Process %d%s>", pp->pid,
				    pp->exited ? " exited" :
				    pp->detached ? " detached" : "");
}

static void
refresh_exit(PyProc *pp)
{
	int code, signo;

	if (!pp->exited && pp->p && pp->dbg && pp->dbg->s &&
	    snare_proc_exit_status(&code, &signo, NULL, pp->p) == 1)
		proc_mark_exited(pp, code, signo);
}

static PyObject *
proc_get_threads(PyProc *pp, void *c)
{
	snare_thread *buf[256], **v = buf;
	size_t n, cap = 256;
	PyObject *l;

	if (proc_alive(pp) < 0)
		return NULL;
	n = snare_proc_threads(v, cap, pp->p);
	if (n > cap) {
		v = PyMem_Calloc(n, sizeof(*v));
		if (!v)
			return PyErr_NoMemory();
		cap = n;
		n = snare_proc_threads(v, cap, pp->p);
		if (n > cap)
			n = cap;
	}
	l = PyList_New(0);
	for (size_t i = 0; l && i < n; i++) {
		PyObject *th = (PyObject *)thr_of(pp->dbg, v[i]);

		if (!th || PyList_Append(l, th) < 0)
			Py_CLEAR(l);
	}
	if (v != buf)
		PyMem_Free(v);
	return l;
}

static PyObject *
proc_get_memory(PyProc *pp, void *c)
{
	if (!pp->mem) {
		pp->mem = mem_new(pp);
		if (!pp->mem)
			return NULL;
	}
	Py_INCREF(pp->mem);
	return pp->mem;
}

static PyObject *
proc_get_maps(PyProc *pp, void *c)
{
	return maps_list(pp);
}

static PyObject *
proc_get_symbols(PyProc *pp, void *c)
{
	return symbols_new(pp);
}

static PyObject *
proc_get_regs(PyProc *pp, void *c)
{
	PyObject *th, *r;

	if (pp->dbg && pp == pp->dbg->main && dbg_check_stopped(pp->dbg) < 0)
		return NULL;
	th = proc_regs_thread(pp);
	if (!th)
		return NULL;
	r = PyObject_GetAttrString(th, "regs");
	Py_DECREF(th);
	return r;
}

static PyObject *
proc_get_exit_code(PyProc *pp, void *c)
{
	refresh_exit(pp);
	if (!pp->exited || pp->signo)
		Py_RETURN_NONE;
	return PyLong_FromLong(pp->code);
}

static PyObject *
proc_get_exit_signal(PyProc *pp, void *c)
{
	refresh_exit(pp);
	if (!pp->exited || !pp->signo)
		Py_RETURN_NONE;
	return PyLong_FromLong(pp->signo);
}

static PyObject *
proc_get_dead(PyProc *pp, void *c)
{
	refresh_exit(pp);
	return PyBool_FromLong(pp->exited || pp->detached || !pp->p);
}

static PyObject *
proc_get_parent(PyProc *pp, void *c)
{
	snare_proc *par;
	PyObject *o;

	if (!pp->p || !pp->dbg || !pp->dbg->s)
		Py_RETURN_NONE;
	par = snare_proc_parent(pp->p);
	o = par ? snare_proc_user(par) : NULL;
	if (!o)
		Py_RETURN_NONE;
	Py_INCREF(o);
	return o;
}

static PyObject *
proc_kill(PyProc *pp, PyObject *unused)
{
	int r, code = 0, sig = 0;

	if (proc_alive(pp) < 0)
		return NULL;
	r = snare_proc_kill(pp->p);
	if (r < 0)
		return sp_err(pp->dbg, r, "kill");
	if (snare_proc_exit_status(&code, &sig, NULL, pp->p) == 1)
		proc_mark_exited(pp, code, sig);
	Py_RETURN_NONE;
}

static PyObject *
proc_detach(PyProc *pp, PyObject *unused)
{
	int r;

	if (proc_alive(pp) < 0)
		return NULL;
	if (pp->dbg->cb_depth)
		return sp_errf(-EBUSY, "detach() cannot be called from a callback");
	r = snare_proc_detach(pp->p, 0);
	if (r < 0)
		return sp_err(pp->dbg, r, "detach");
	pp->detached = 1;
	Py_RETURN_NONE;
}

static PyMethodDef proc_methods[] = {
	{ "kill", (PyCFunction)proc_kill, METH_NOARGS,
	  "kill(): kill this process with SIGKILL and reap it." },
	{ "detach", (PyCFunction)proc_detach, METH_NOARGS,
	  "detach(): let this process go on untraced." },
	{ "dump_core", (PyCFunction)(void (*)(void))proc_dump_core,
	  METH_VARARGS | METH_KEYWORDS,
	  "dump_core(path, thread=None, all_mappings=False): write an ELF "
	  "core file of this stopped process (it goes on traced)." },
	{ NULL, NULL, 0, NULL },
};

static PyGetSetDef proc_getset[] = {
	{ "threads", (getter)proc_get_threads, NULL, "Live threads (list of Thread).", NULL },
	{ "memory", (getter)proc_get_memory, NULL, "Memory of the process.", NULL },
	{ "maps", (getter)proc_get_maps, NULL, "list of MemoryMap.", NULL },
	{ "symbols", (getter)proc_get_symbols, NULL, "Symbols of the process.", NULL },
	{ "regs", (getter)proc_get_regs, NULL, "Registers of the first thread.", NULL },
	{ "exit_code", (getter)proc_get_exit_code, NULL, "Exit code, or None.", NULL },
	{ "exit_signal", (getter)proc_get_exit_signal, NULL, "Killing signal, or None.", NULL },
	{ "dead", (getter)proc_get_dead, NULL, "True once exited or detached.", NULL },
	{ "parent", (getter)proc_get_parent, NULL,
	  "The parent Process of a followed child, else None.", NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

static PyMemberDef proc_members[] = {
	{ "pid", T_INT, offsetof(PyProc, pid), READONLY, "The pid." },
	{ NULL, 0, 0, 0, NULL },
};

PyTypeObject PyProc_Type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "snare.Process",
	.tp_basicsize = sizeof(PyProc),
	.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
	.tp_doc = "A traced process (the main one, or a followed child).",
	.tp_dealloc = (destructor)proc_dealloc,
	.tp_traverse = (traverseproc)proc_traverse,
	.tp_clear = (inquiry)proc_clear,
	.tp_repr = (reprfunc)proc_repr,
	.tp_methods = proc_methods,
	.tp_getset = proc_getset,
	.tp_members = proc_members,
};

/* ------------------------------------------------------------------ */
/* Thread                                                             */
/* ------------------------------------------------------------------ */

PyObject *
thr_new(PyProc *pp, snare_thread *t)
{
	PyThr *th = PyObject_GC_New(PyThr, &PyThr_Type);

	if (!th)
		return NULL;
	Py_INCREF(pp);
	th->proc = pp;
	th->t = t;
	th->tid = snare_thread_tid(t);
	th->exited = th->code = th->signo = 0;
	th->regs = NULL;
	PyObject_GC_Track(th);
	snare_thread_set_user(t, th);
	return (PyObject *)th;
}

static int
thr_traverse(PyThr *th, visitproc visit, void *arg)
{
	Py_VISIT(th->proc);
	Py_VISIT(th->regs);
	return 0;
}

static int
thr_clear(PyThr *th)
{
	Py_CLEAR(th->regs);
	Py_CLEAR(th->proc);
	return 0;
}

static void
thr_dealloc(PyThr *th)
{
	PyObject_GC_UnTrack(th);
	if (th->t && th->proc && th->proc->dbg && th->proc->dbg->s &&
	    snare_thread_user(th->t) == (void *)th)
		snare_thread_set_user(th->t, NULL);
	thr_clear(th);
	PyObject_GC_Del(th);
}

static PyObject *
thr_repr(PyThr *th)
{
	return PyUnicode_FromFormat("<snare.Thread %d%s>", th->tid,
				    th->t ? "" : " exited");
}

static PyObject *
thr_get_regs(PyThr *th, void *c)
{
	if (!th->regs) {
		PyRegs *r = PyObject_GC_New(PyRegs, &PyRegs_Type);

		if (!r)
			return NULL;
		Py_INCREF(th);
		r->thr = th;
		PyObject_GC_Track(r);
		th->regs = (PyObject *)r;
	}
	Py_INCREF(th->regs);
	return th->regs;
}

static PyObject *
thr_get_memory(PyThr *th, void *c)
{
	return PyObject_GetAttrString((PyObject *)th->proc, "memory");
}

static PyObject *
thr_get_process(PyThr *th, void *c)
{
	Py_INCREF(th->proc);
	return (PyObject *)th->proc;
}

static PyObject *
thr_get_dead(PyThr *th, void *c)
{
	return PyBool_FromLong(!th->t || th->proc->exited || !th->proc->p);
}

static PyObject *
thr_get_exit_code(PyThr *th, void *c)
{
	if (!th->exited || th->signo)
		Py_RETURN_NONE;
	return PyLong_FromLong(th->code);
}

static PyObject *
thr_get_pc(PyThr *th, void *c)
{
	uint64_t pc;
	int r;

	if (thr_alive(th) < 0)
		return NULL;
	r = snare_thread_pc(&pc, th->t);
	if (r < 0)
		return sp_err(th->proc->dbg, r, "pc");
	return PyLong_FromUnsignedLongLong(pc);
}

static PyObject *
thr_get_signal(PyThr *th, void *c)
{
	int s;

	if (thr_alive(th) < 0)
		return NULL;
	s = snare_thread_signal(th->t);
	if (s <= 0)
		Py_RETURN_NONE;
	return PyLong_FromLong(s);
}

static int
thr_set_signal(PyThr *th, PyObject *v, void *c)
{
	int s = 0, r;

	if (!v) {
		PyErr_SetString(PyExc_AttributeError, "cannot delete");
		return -1;
	}
	if (v != Py_None && (s = sp_signo(v)) < 0)
		return -1;
	if (thr_alive(th) < 0)
		return -1;
	r = snare_thread_set_signal(th->t, s);
	if (r < 0) {
		sp_err(th->proc->dbg, r, "signal");
		return -1;
	}
	return 0;
}

/* Thread methods delegate to the Debugger's, with thread=self. */
static PyObject *
thr_delegate(PyThr *th, const char *name, PyObject *args, PyObject *kw)
{
	PyObject *m, *kw2, *r;

	if (!th->proc->dbg)
		return sp_errf(SNARE_EEXITED, "the debugger is gone");
	m = PyObject_GetAttrString((PyObject *)th->proc->dbg, name);
	if (!m)
		return NULL;
	kw2 = kw ? PyDict_Copy(kw) : PyDict_New();
	if (!kw2 || PyDict_SetItemString(kw2, "thread", (PyObject *)th) < 0) {
		Py_DECREF(m);
		Py_XDECREF(kw2);
		return NULL;
	}
	r = PyObject_Call(m, args, kw2);
	Py_DECREF(m);
	Py_DECREF(kw2);
	return r;
}

#define DELEGATE(fn, name)                                                 \
	static PyObject *fn(PyThr *th, PyObject *a, PyObject *k)           \
	{                                                                  \
		return thr_delegate(th, name, a, k);                       \
	}
DELEGATE(thr_step, "step")
DELEGATE(thr_next, "next")
DELEGATE(thr_finish, "finish")
DELEGATE(thr_step_until, "step_until")
DELEGATE(thr_backtrace, "backtrace")

static PyMethodDef thr_methods[] = {
	{ "step", (PyCFunction)(void (*)(void))thr_step, METH_VARARGS | METH_KEYWORDS,
	  "step(): one instruction of this thread." },
	{ "next", (PyCFunction)(void (*)(void))thr_next, METH_VARARGS | METH_KEYWORDS,
	  "next(): one instruction, over calls." },
	{ "finish", (PyCFunction)(void (*)(void))thr_finish, METH_VARARGS | METH_KEYWORDS,
	  "finish(): run to the return of the current function." },
	{ "step_until", (PyCFunction)(void (*)(void))thr_step_until,
	  METH_VARARGS | METH_KEYWORDS, "step_until(location, max_steps=1000000)." },
	{ "backtrace", (PyCFunction)(void (*)(void))thr_backtrace,
	  METH_VARARGS | METH_KEYWORDS, "backtrace(as_names=False) -> list." },
	{ "call", (PyCFunction)(void (*)(void))thr_call,
	  METH_VARARGS | METH_KEYWORDS,
	  "call(function, *args, timeout=None, through_breakpoints=False, "
	  "unwind=False) -> CallResult: call a function of the program in "
	  "this thread (see Debugger.call())." },
	{ "call_continue", (PyCFunction)(void (*)(void))thr_call_continue,
	  METH_VARARGS | METH_KEYWORDS,
	  "call_continue(timeout=None, through_breakpoints=False, "
	  "unwind=False) -> CallResult: go on with this thread's pending call." },
	{ "call_abandon", (PyCFunction)thr_call_abandon, METH_NOARGS,
	  "call_abandon(): give up this thread's pending call; the thread "
	  "is put back as before it." },
	{ "on_return", (PyCFunction)(void (*)(void))thr_on_return,
	  METH_VARARGS | METH_KEYWORDS,
	  "on_return(callback=None): at a function's first instruction, "
	  "watch its return (see Debugger.on_return())." },
	{ NULL, NULL, 0, NULL },
};

static PyGetSetDef thr_getset[] = {
	{ "regs", (getter)thr_get_regs, NULL,
	  "Registers: general ones by name (rax, eax, al, rip, pc...) as int, "
	  "and FP/vector ones (xmm0, ymm0, st0, mxcsr...) as int.", NULL },
	{ "memory", (getter)thr_get_memory, NULL, "Memory of its process.", NULL },
	{ "process", (getter)thr_get_process, NULL, "Its Process.", NULL },
	{ "dead", (getter)thr_get_dead, NULL, "True once it exited.", NULL },
	{ "exit_code", (getter)thr_get_exit_code, NULL, "Exit code, or None.", NULL },
	{ "pc", (getter)thr_get_pc, NULL, "The program counter.", NULL },
	{ "instruction_pointer", (getter)thr_get_pc, NULL, "The program counter.", NULL },
	{ "signal", (getter)thr_get_signal, (setter)thr_set_signal,
	  "The signal it gets when it resumes (None for none); settable at a "
	  "signal stop (None suppresses it).", NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

static PyMemberDef thr_members[] = {
	{ "tid", T_INT, offsetof(PyThr, tid), READONLY, "The thread id." },
	{ "thread_id", T_INT, offsetof(PyThr, tid), READONLY, "The thread id." },
	{ NULL, 0, 0, 0, NULL },
};

PyTypeObject PyThr_Type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "snare.Thread",
	.tp_basicsize = sizeof(PyThr),
	.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
	.tp_doc = "A thread of a traced process.",
	.tp_dealloc = (destructor)thr_dealloc,
	.tp_traverse = (traverseproc)thr_traverse,
	.tp_clear = (inquiry)thr_clear,
	.tp_repr = (reprfunc)thr_repr,
	.tp_methods = thr_methods,
	.tp_getset = thr_getset,
	.tp_members = thr_members,
};
