/* SPDX-License-Identifier: MIT */
/*
 * event.c: the Event type, what returned control to the caller of
 * wait().
 */
#include "snare_py.h"

#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <structmember.h>
#include <sys/wait.h>

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
