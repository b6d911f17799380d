/* SPDX-License-Identifier: MIT */
/*
 * regs.c: the Registers type: general registers and their parts, FP and
 * vector registers, by name, as attributes.
 */
#include "snare_py.h"

#include <errno.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Registers                                                          */
/* ------------------------------------------------------------------ */

static int
regs_traverse(PyRegs *r, visitproc visit, void *arg)
{
	Py_VISIT(r->thr);
	return 0;
}

static int
regs_clear(PyRegs *r)
{
	Py_CLEAR(r->thr);
	return 0;
}

static void
regs_dealloc(PyRegs *r)
{
	PyObject_GC_UnTrack(r);
	regs_clear(r);
	PyObject_GC_Del(r);
}

static PyObject *
regs_getattro(PyRegs *r, PyObject *name)
{
	const char *n = PyUnicode_AsUTF8(name);
	uint8_t buf[64];
	uint64_t v;
	int rc;

	if (!n)
		return NULL;
	if (n[0] == '_')
		return PyObject_GenericGetAttr((PyObject *)r, name);
	if (thr_alive(r->thr) < 0)
		return NULL;
	rc = snare_reg_get(&v, r->thr->t, n);
	if (rc == 0)
		return PyLong_FromUnsignedLongLong(v);
	if (rc != -EINVAL)
		return sp_err(r->thr->proc->dbg, rc, n);
	rc = snare_vreg_get(buf, sizeof(buf), r->thr->t, n);
	if (rc >= 0)
		return _PyLong_FromByteArray(buf, (size_t)rc, 1, 0);
	if (rc != -EINVAL)
		return sp_err(r->thr->proc->dbg, rc, n);
	return PyObject_GenericGetAttr((PyObject *)r, name);
}

static int
regs_setattro(PyRegs *r, PyObject *name, PyObject *val)
{
	const char *n = PyUnicode_AsUTF8(name);
	uint8_t buf[64];
	uint64_t v;
	int rc, size;

	if (!n)
		return -1;
	if (!val) {
		PyErr_SetString(PyExc_AttributeError, "registers cannot be deleted");
		return -1;
	}
	if (thr_alive(r->thr) < 0)
		return -1;
	if (PyLong_Check(val)) {
		if (sp_u64(val, &v) == 0) {
			rc = snare_reg_set(r->thr->t, n, v);
			if (rc == 0)
				return 0;
			if (rc != -EINVAL || snare_reg_get(&v, r->thr->t, n) == 0) {
				sp_err(r->thr->proc->dbg, rc, n);
				return -1;
			}
		} else {
			PyErr_Clear();
		}
	} else if (!PyBytes_Check(val)) {
		PyErr_Format(PyExc_TypeError,
			     "a register takes an int (or bytes for a vector "
			     "register), not %s", Py_TYPE(val)->tp_name);
		return -1;
	}
	/* A vector or FP register: its size first. */
	size = snare_vreg_get(buf, sizeof(buf), r->thr->t, n);
	if (size == -EINVAL) {
		PyErr_Format(PyExc_AttributeError, "no register named \"%s\"", n);
		return -1;
	}
	if (size < 0) {
		sp_err(r->thr->proc->dbg, size, n);
		return -1;
	}
	if (PyBytes_Check(val)) {
		if (PyBytes_GET_SIZE(val) != size) {
			PyErr_Format(PyExc_ValueError,
				     "%s takes %d bytes, not %zd", n, size,
				     PyBytes_GET_SIZE(val));
			return -1;
		}
		memcpy(buf, PyBytes_AS_STRING(val), (size_t)size);
	} else {
		/* An int of the register's size; negative ones as two's
		   complement. */
		PyObject *zero = PyLong_FromLong(0), *meth, *args, *kw, *b;
		int neg = zero ? PyObject_RichCompareBool(val, zero, Py_LT) : -1;

		Py_XDECREF(zero);
		if (neg < 0)
			return -1;
		meth = PyObject_GetAttrString(val, "to_bytes");
		args = Py_BuildValue("(is)", size, "little");
		kw = Py_BuildValue("{sO}", "signed", neg ? Py_True : Py_False);
		b = meth && args && kw ? PyObject_Call(meth, args, kw) : NULL;
		Py_XDECREF(meth);
		Py_XDECREF(args);
		Py_XDECREF(kw);
		if (!b)
			return -1;
		memcpy(buf, PyBytes_AS_STRING(b), (size_t)size);
		Py_DECREF(b);
	}
	rc = snare_vreg_set(r->thr->t, n, buf, (size_t)size);
	if (rc < 0) {
		sp_err(r->thr->proc->dbg, rc, n);
		return -1;
	}
	return 0;
}

static PyObject *
regs_repr(PyRegs *r)
{
	return PyUnicode_FromFormat("<snare.Registers of thread %d>", r->thr->tid);
}

PyTypeObject PyRegs_Type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "snare.Registers",
	.tp_basicsize = sizeof(PyRegs),
	.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
	.tp_doc = "A thread's registers by name: regs.rax, regs.eax = 1, "
		  "regs.xmm0 (an int of 16 bytes), regs.st0 ...",
	.tp_dealloc = (destructor)regs_dealloc,
	.tp_traverse = (traverseproc)regs_traverse,
	.tp_clear = (inquiry)regs_clear,
	.tp_getattro = (getattrofunc)regs_getattro,
	.tp_setattro = (setattrofunc)regs_setattro,
	.tp_repr = (reprfunc)regs_repr,
};
