/* SPDX-License-Identifier: MIT */
/*
 * dbgtype.c: the Debugger type: its properties, method table and type
 * object (the methods are in debugger.c and control.c).
 */
#include "snare_py.h"

#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <structmember.h>
#include <sys/wait.h>

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

/* pprint_maps(): the maps as /proc/PID/maps lists them, on stdout. */
static PyObject *
dbg_pprint_maps(PyDbg *d, PyObject *unused)
{
	PyObject *maps = get_maps(d, NULL);
	Py_ssize_t i;

	if (!maps)
		return NULL;
	for (i = 0; i < PyList_GET_SIZE(maps); i++) {
		PyObject *m = PyList_GET_ITEM(maps, i);
		unsigned long long start, end, off;
		const char *perms, *file;

		start = PyLong_AsUnsignedLongLong(PyTuple_GET_ITEM(m, 0));
		end = PyLong_AsUnsignedLongLong(PyTuple_GET_ITEM(m, 1));
		perms = PyUnicode_AsUTF8(PyTuple_GET_ITEM(m, 2));
		off = PyLong_AsUnsignedLongLong(PyTuple_GET_ITEM(m, 4));
		file = PyUnicode_AsUTF8(PyTuple_GET_ITEM(m, 5));
		if (PyErr_Occurred() || !perms || !file) {
			Py_DECREF(maps);
			return NULL;
		}
		PySys_WriteStdout("0x%012llx-0x%012llx %s 0x%08llx %s\n",
				  start, end, perms, off, file);
	}
	Py_DECREF(maps);
	Py_RETURN_NONE;
}

static PyObject *
get_pp_only(PyDbg *d, void *c)
{
	return dbg_get_pp_filter(d, 1);
}

static int
set_pp_only(PyDbg *d, PyObject *v, void *c)
{
	return dbg_set_pp_filter(d, v, 1);
}

static PyObject *
get_pp_not(PyDbg *d, void *c)
{
	return dbg_get_pp_filter(d, 0);
}

static int
set_pp_not(PyDbg *d, PyObject *v, void *c)
{
	return dbg_set_pp_filter(d, v, 0);
}

/* libdebug's short names for the same methods, so its scripts run. */
#define ALIAS(name, fn, flags, of) \
	{ name, (PyCFunction)(void (*)(void))fn, flags, "alias of " of "()." }

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
	{ "breakpoint", (PyCFunction)(void (*)(void))dbg_breakpoint,
	  METH_VARARGS | METH_KEYWORDS,
	  "breakpoint(location, callback=None, hardware=False, condition=None) "
	  "-> Breakpoint. location: an address or a location string (\"main\", "
	  "\"main+0x10\", \"libc.so.6:puts\", \"file.c:42\"). callback(thread, "
	  "bp) runs at each hit; without one a hit stops the process (wait() "
	  "returns). condition: a callable(thread, bp) -> bool (a hit counts "
	  "only when true), or \"x\", \"w\", \"rw\" as libdebug spells a "
	  "hardware breakpoint or a watchpoint." },
	{ "watchpoint", (PyCFunction)(void (*)(void))dbg_watchpoint,
	  METH_VARARGS | METH_KEYWORDS,
	  "watchpoint(location, length=1, condition=\"w\", callback=None, "
	  "hardware=None) -> Breakpoint: stop (or call callback(thread, bp)) "
	  "after a write (\"w\") or any access (\"rw\") to the bytes. "
	  "hardware=None picks debug registers when they work, else page "
	  "protection; True or False forces one." },
	{ "handle_syscall", (PyCFunction)(void (*)(void))dbg_handle_syscall,
	  METH_VARARGS | METH_KEYWORDS,
	  "handle_syscall(syscall, on_enter=None, on_exit=None) -> "
	  "SyscallHandler: hook a syscall (name or number; \"*\" for all) in "
	  "every process. Callbacks get (thread, syscall) with settable nr, "
	  "args, retval; without callbacks the process stops at entry and exit." },
	{ "hijack_syscall", (PyCFunction)(void (*)(void))dbg_hijack_syscall,
	  METH_VARARGS | METH_KEYWORDS,
	  "hijack_syscall(original, new, recursive=False) -> SyscallHandler: "
	  "run syscall new whenever the program calls original." },
	{ "catch_signal", (PyCFunction)(void (*)(void))dbg_catch_signal,
	  METH_VARARGS | METH_KEYWORDS,
	  "catch_signal(signal, callback=None) -> SignalCatcher: callback("
	  "thread, siginfo) runs before the signal is delivered (set "
	  "siginfo.signo to change it, 0 to suppress it); without callback "
	  "the process stops there." },
	{ "hijack_signal", (PyCFunction)(void (*)(void))dbg_hijack_signal,
	  METH_VARARGS | METH_KEYWORDS,
	  "hijack_signal(original, new, recursive=False) -> SignalCatcher: "
	  "deliver signal new instead of original." },
	{ "call", (PyCFunction)(void (*)(void))dbg_call,
	  METH_VARARGS | METH_KEYWORDS,
	  "call(function, *args, timeout=None, through_breakpoints=False, "
	  "unwind=False, thread=None) -> CallResult: call a function of the "
	  "stopped program (an address or a location string such as "
	  "\"strlen\") in the current thread, as the x86-64 ABI says, and "
	  "put the thread back as it was. args: int or None (a pointer), "
	  "float (a double), Float32 (a float), str or bytes (copied to the "
	  "stack with a NUL, passed by address), bytearray (the same, and "
	  "copied back after the call). A breakpoint hit inside stops the "
	  "call (status \"breakpoint\", pending) unless through_breakpoints; "
	  "unwind abandons it at once. timeout (seconds) ends a call that "
	  "does not return (status \"timeout\")." },
	{ "call_continue", (PyCFunction)(void (*)(void))dbg_call_continue,
	  METH_VARARGS | METH_KEYWORDS,
	  "call_continue(timeout=None, through_breakpoints=False, "
	  "unwind=False, thread=None) -> CallResult: go on with the pending "
	  "call of the thread (stopped on a breakpoint inside it)." },
	{ "call_abandon", (PyCFunction)(void (*)(void))dbg_call_abandon,
	  METH_VARARGS | METH_KEYWORDS,
	  "call_abandon(thread=None): give up the thread's pending call: its "
	  "registers and stop are put back as before the call (memory the "
	  "function wrote stays written)." },
	{ "on_return", (PyCFunction)(void (*)(void))dbg_on_return,
	  METH_VARARGS | METH_KEYWORDS,
	  "on_return(callback=None, thread=None): with the thread stopped at "
	  "a function's first instruction (in a breakpoint's callback), watch "
	  "that call's return: callback(thread) runs there (rax holds the "
	  "value; return snare.STOP to stop); without callback the process "
	  "stops there (wait() returns an Event of kind \"return\")." },
	{ "gdb", (PyCFunction)(void (*)(void))dbg_gdb,
	  METH_VARARGS | METH_KEYWORDS,
	  "gdb(argv=None): hand the stopped process to gdb (argv: the "
	  "command, None for gdb -p PID), wait for it to exit, and take the "
	  "process back, stopped, breakpoints armed again. Ctrl-C goes to "
	  "gdb meanwhile. Thread objects from before are dead: look them up "
	  "again." },
	{ "handoff", (PyCFunction)dbg_handoff, METH_NOARGS,
	  "handoff() -> str: detach the stopped process left in a stop for "
	  "another debugger to attach (the command to run, \"gdb -p PID\"), "
	  "keeping breakpoints and hooks for takeback()." },
	{ "takeback", (PyCFunction)(void (*)(void))dbg_takeback,
	  METH_VARARGS | METH_KEYWORDS,
	  "takeback(wait_attach=False, timeout=None): wait until no debugger "
	  "traces the handed-off process (with wait_attach, first until one "
	  "attached), then trace it again, stopped." },
	{ "dump_core", (PyCFunction)(void (*)(void))dbg_dump_core,
	  METH_VARARGS | METH_KEYWORDS,
	  "dump_core(path, thread=None, all_mappings=False): write an ELF core "
	  "file of the stopped process, as the kernel would for a crash, "
	  "without killing it (gdb PROG CORE reads it). thread: the one "
	  "listed first; all_mappings: every readable mapping in full." },
	{ "on_libraries", (PyCFunction)dbg_on_libraries, METH_O,
	  "on_libraries(callback): callback(process) runs after each change of "
	  "the process's libraries (dlopen, dlclose, start-up), with its "
	  "symbols already refreshed. Return snare.STOP to stop the process." },
	{ "off_libraries", (PyCFunction)dbg_off_libraries, METH_O,
	  "off_libraries(callback): stop calling it." },
	{ "pprint_maps", (PyCFunction)dbg_pprint_maps, METH_NOARGS,
	  "pprint_maps(): print the memory maps on stdout." },
	ALIAS("print_maps", dbg_pprint_maps, METH_NOARGS, "pprint_maps"),
	ALIAS("r", dbg_run, METH_NOARGS, "run"),
	ALIAS("c", dbg_cont, METH_NOARGS, "cont"),
	ALIAS("w", dbg_wait_m, METH_NOARGS, "wait"),
	ALIAS("int", dbg_interrupt, METH_NOARGS, "interrupt"),
	ALIAS("si", dbg_step, METH_VARARGS | METH_KEYWORDS, "step"),
	ALIAS("ni", dbg_next, METH_VARARGS | METH_KEYWORDS, "next"),
	ALIAS("fin", dbg_finish, METH_VARARGS | METH_KEYWORDS, "finish"),
	ALIAS("su", dbg_step_until, METH_VARARGS | METH_KEYWORDS, "step_until"),
	ALIAS("bp", dbg_breakpoint, METH_VARARGS | METH_KEYWORDS, "breakpoint"),
	ALIAS("wp", dbg_watchpoint, METH_VARARGS | METH_KEYWORDS, "watchpoint"),
	ALIAS("terminate", dbg_close_m, METH_NOARGS, "close"),
	ALIAS("create_snapshot", dbg_snapshot, METH_VARARGS | METH_KEYWORDS,
	      "snapshot"),
	{ NULL, NULL, 0, NULL },
};

static PyGetSetDef dbg_getset[] = {
	{ "regs", (getter)get_regs, NULL,
	  "Registers of the current thread (that of the last stop, else the "
	  "first thread).", NULL },
	{ "memory", (getter)get_memory, NULL, "The process's Memory.", NULL },
	{ "mem", (getter)get_memory, NULL, "alias of memory.", NULL },
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
	{ "syscalls_to_pprint", (getter)get_pp_only, (setter)set_pp_only,
	  "With pprint_syscalls, print only these syscalls (names or "
	  "numbers; None: all).", NULL },
	{ "syscalls_to_not_pprint", (getter)get_pp_not, (setter)set_pp_not,
	  "With pprint_syscalls, never print these syscalls (None: none).",
	  NULL },
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
