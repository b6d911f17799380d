/* SPDX-License-Identifier: MIT */
/*
 * module.c: the snare._snare module: exceptions, error helpers, module-level
 * functions and type registration.
 */
#include "snare_py.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

PyObject *SnareError, *SnareTimeout, *SnareEOF, *SnareExited, *SnareStopped;

/* The errno an error code maps to, or 0 for the library's own codes. */
static int
errno_of(int code)
{
	switch (code) {
	case SNARE_EEXITED:
	case SNARE_EDETACHED:
		return ESRCH;
	case SNARE_ERUNNING:
		return EBUSY;
	case SNARE_EWRONGTHREAD:
		return EPERM;
	case SNARE_EEOF:
	case SNARE_ESTOPPED:
	case SNARE_EINTERNAL:
	case SNARE_EHIJACKLOOP:
	case SNARE_ESECCOMP:
		return 0;
	}
	return code < 0 && code > -4000 ? -code : 0;
}

static PyObject *
class_of(int code)
{
	switch (code) {
	case -ETIMEDOUT:
		return SnareTimeout;
	case SNARE_EEOF:
		return SnareEOF;
	case SNARE_EEXITED:
		return SnareExited;
	case SNARE_ESTOPPED:
		return SnareStopped;
	}
	return SnareError;
}

static PyObject *
raise_msg(int code, const char *msg)
{
	PyObject *cls = class_of(code), *e, *c;
	int en = errno_of(code);

	if (en)
		e = PyObject_CallFunction(cls, "is", en, msg);
	else
		e = PyObject_CallFunction(cls, "Os", Py_None, msg);
	if (!e)
		return NULL;
	c = PyLong_FromLong(code);
	if (c) {
		PyObject_SetAttrString(e, "code", c);
		Py_DECREF(c);
	}
	PyErr_SetObject(cls, e);
	Py_DECREF(e);
	return NULL;
}

/*
 * Raise the exception for a library error code, with the session's
 * one-line message when it has one, else ctx and the code's name.
 */
PyObject *
sp_err(PyDbg *d, int code, const char *ctx)
{
	char buf[512];
	const char *m = d && d->s ? snare_errmsg(d->s) : "";

	if (m && *m)
		snprintf(buf, sizeof(buf), "%s", m);
	else if (ctx)
		snprintf(buf, sizeof(buf), "%s: %s", ctx, snare_strerror(code));
	else
		snprintf(buf, sizeof(buf), "%s", snare_strerror(code));
	return raise_msg(code, buf);
}

PyObject *
sp_errf(int code, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return raise_msg(code, buf);
}

int
sp_check_owner(PyDbg *d)
{
	if (PyThread_get_thread_ident() != d->owner) {
		sp_errf(SNARE_EWRONGTHREAD,
			"the debugger belongs to the thread that created it "
			"(ptrace binds a tracee to one thread)");
		return -1;
	}
	return 0;
}

/* timeout in seconds (None: forever) into milliseconds (-1: forever). */
int
sp_parse_timeout(PyObject *o, int *ms)
{
	double t;

	if (!o || o == Py_None) {
		*ms = -1;
		return 0;
	}
	t = PyFloat_AsDouble(o);
	if (t == -1.0 && PyErr_Occurred())
		return -1;
	if (t < 0 || t > 2000000) {
		PyErr_SetString(PyExc_ValueError,
				"timeout must be None or 0..2e6 seconds");
		return -1;
	}
	*ms = (int)(t * 1000.0 + 0.5);
	return 0;
}

/* An int (negative ones as two's complement) into a uint64_t. */
int
sp_u64(PyObject *o, uint64_t *out)
{
	unsigned long long v;

	if (!PyLong_Check(o)) {
		PyErr_Format(PyExc_TypeError, "expected an int, got %s",
			     Py_TYPE(o)->tp_name);
		return -1;
	}
	v = PyLong_AsUnsignedLongLong(o);
	if (v == (unsigned long long)-1 && PyErr_Occurred()) {
		long long sv;

		PyErr_Clear();
		sv = PyLong_AsLongLong(o);
		if (sv == -1 && PyErr_Occurred()) {
			PyErr_SetString(PyExc_OverflowError,
					"value does not fit 64 bits");
			return -1;
		}
		v = (unsigned long long)sv;
	}
	*out = v;
	return 0;
}

static PyObject *
m_syscall_name(PyObject *self, PyObject *arg)
{
	long nr = PyLong_AsLong(arg);
	const char *n;

	if (nr == -1 && PyErr_Occurred())
		return NULL;
	n = snare_syscall_name(nr);
	if (!n)
		Py_RETURN_NONE;
	return PyUnicode_FromString(n);
}

static PyObject *
m_syscall_nr(PyObject *self, PyObject *arg)
{
	const char *n = PyUnicode_AsUTF8(arg);
	long nr;

	if (!n)
		return NULL;
	nr = snare_syscall_nr(n);
	if (nr < 0)
		return sp_errf(-ENOENT, "unknown syscall \"%s\"", n);
	return PyLong_FromLong(nr);
}

static PyObject *
m_signal_name(PyObject *self, PyObject *arg)
{
	long nr = PyLong_AsLong(arg);
	const char *n;

	if (nr == -1 && PyErr_Occurred())
		return NULL;
	n = nr > 0 && nr < 65 ? snare_signal_name((int)nr) : NULL;
	if (!n)
		Py_RETURN_NONE;
	return PyUnicode_FromString(n);
}

static PyObject *
m_signal_nr(PyObject *self, PyObject *arg)
{
	int n = sp_signo(arg);

	if (n < 0)
		return NULL;
	return PyLong_FromLong(n);
}

static PyObject *
m_version(PyObject *self, PyObject *unused)
{
	return PyUnicode_FromString(snare_version(NULL, NULL, NULL));
}

static PyMethodDef module_methods[] = {
	{ "syscall_name", m_syscall_name, METH_O,
	  "syscall_name(nr) -> str | None: the x86_64 name of a syscall number." },
	{ "syscall_number", m_syscall_nr, METH_O,
	  "syscall_number(name) -> int: the number of a syscall (SnareError if unknown)." },
	{ "signal_name", m_signal_name, METH_O,
	  "signal_name(signo) -> str | None: \"SIGUSR1\" for 10." },
	{ "signal_number", m_signal_nr, METH_O,
	  "signal_number(name) -> int: 10 for \"SIGUSR1\", \"USR1\" or \"10\"." },
	{ "library_version", m_version, METH_NOARGS,
	  "library_version() -> str: the version of the libsnare that runs." },
	{ NULL, NULL, 0, NULL },
};

static struct PyModuleDef module_def = {
	PyModuleDef_HEAD_INIT, "_snare",
	"The C core of the snare package: libsnare's debugger objects.", -1,
	module_methods, NULL, NULL, NULL, NULL,
};

/* The interpreter's main thread, the one its signal handlers run in. */
static int
main_thread_ident(void)
{
	PyObject *th = PyImport_ImportModule("threading"), *mt = NULL, *id = NULL;

	if (th)
		mt = PyObject_CallMethod(th, "main_thread", NULL);
	if (mt)
		id = PyObject_GetAttrString(mt, "ident");
	if (id)
		sp_main_thread = PyLong_AsUnsignedLong(id);
	Py_XDECREF(th);
	Py_XDECREF(mt);
	Py_XDECREF(id);
	return id && !PyErr_Occurred() ? 0 : -1;
}

static int
add_exc(PyObject *m, PyObject **slot, const char *name, PyObject *bases,
	const char *doc)
{
	*slot = PyErr_NewExceptionWithDoc(name, doc, bases, NULL);
	if (!*slot)
		return -1;
	Py_INCREF(*slot);
	return PyModule_AddObject(m, strrchr(name, '.') + 1, *slot);
}

PyMODINIT_FUNC
PyInit__snare(void)
{
	PyTypeObject *types[] = {
		&PyDbg_Type, &PyProc_Type, &PyThr_Type, &PyRegs_Type,
		&PyMem_Type, &PyBp_Type, &PyHook_Type, &PySyscall_Type,
		&PySigHook_Type, &PySigInfo_Type, &PyIO_Type, &PyEvent_Type,
		&PySymbols_Type, &PySnap_Type, &PyFloat32_Type, &PyCallRes_Type,
	};
	PyObject *m, *b;

	m = PyModule_Create(&module_def);
	if (!m)
		return NULL;
	if (main_thread_ident() < 0)
		goto fail;
	if (mem_types_init() < 0)
		goto fail;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		if (PyType_Ready(types[i]) < 0)
			goto fail;
		Py_INCREF(types[i]);
		if (PyModule_AddObject(m, strrchr(types[i]->tp_name, '.') + 1,
				       (PyObject *)types[i]) < 0)
			goto fail;
	}
	Py_INCREF(SpMap_Type);
	PyModule_AddObject(m, "MemoryMap", (PyObject *)SpMap_Type);
	Py_INCREF(SpSym_Type);
	PyModule_AddObject(m, "Symbol", (PyObject *)SpSym_Type);
	if (snapshot_types_init(m) < 0)
		goto fail;
	if (add_exc(m, &SnareError, "snare.SnareError", PyExc_OSError,
		    "An error of libsnare: errno is the errno it maps to (None "
		    "for the library's own codes), code the library's code, "
		    "and the message the library's one line of context.") < 0)
		goto fail;
	b = PyTuple_Pack(2, SnareError, PyExc_TimeoutError);
	if (!b || add_exc(m, &SnareTimeout, "snare.SnareTimeout", b,
			  "The time given (timeout=) ran out.") < 0)
		goto fail;
	Py_DECREF(b);
	b = PyTuple_Pack(2, SnareError, PyExc_EOFError);
	if (!b || add_exc(m, &SnareEOF, "snare.SnareEOF", b,
			  "The program's output stream ended.") < 0)
		goto fail;
	Py_DECREF(b);
	if (add_exc(m, &SnareExited, "snare.ProcessExited", SnareError,
		    "The process or thread has exited.") < 0 ||
	    add_exc(m, &SnareStopped, "snare.Stopped", SnareError,
		    "A stop for the user (breakpoint, caught signal, interrupt) "
		    "came while an I/O call waited: call wait() to see it.") < 0)
		goto fail;
	PyModule_AddIntConstant(m, "CONTINUE", SNARE_CONTINUE);
	PyModule_AddIntConstant(m, "STOP", SNARE_STOP);
	return m;
fail:
	Py_DECREF(m);
	return NULL;
}
