/* SPDX-License-Identifier: MIT */
/*
 * symbols.c: memory maps, the Symbols type, and backtraces.
 */
#include "snare_py.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

/* ------------------------------------------------------------------ */
/* Maps                                                               */
/* ------------------------------------------------------------------ */

PyObject *
maps_list(PyProc *pp)
{
	snare_map *maps;
	size_t n;
	PyObject *l;
	int r;

	if (proc_alive(pp) < 0)
		return NULL;
	r = snare_proc_maps(&maps, &n, pp->p);
	if (r < 0)
		return sp_err(pp->dbg, r, "maps");
	l = PyList_New((Py_ssize_t)n);
	for (size_t i = 0; l && i < n; i++) {
		PyObject *o = PyStructSequence_New(SpMap_Type);
		char perm[5];

		if (!o) {
			Py_CLEAR(l);
			break;
		}
		perm[0] = maps[i].prot & PROT_READ ? 'r' : '-';
		perm[1] = maps[i].prot & PROT_WRITE ? 'w' : '-';
		perm[2] = maps[i].prot & PROT_EXEC ? 'x' : '-';
		perm[3] = maps[i].shared ? 's' : 'p';
		perm[4] = 0;
		PyStructSequence_SET_ITEM(o, 0, PyLong_FromUnsignedLongLong(maps[i].start));
		PyStructSequence_SET_ITEM(o, 1, PyLong_FromUnsignedLongLong(maps[i].end));
		PyStructSequence_SET_ITEM(o, 2, PyUnicode_FromString(perm));
		PyStructSequence_SET_ITEM(o, 3, PyLong_FromUnsignedLongLong(
							maps[i].end - maps[i].start));
		PyStructSequence_SET_ITEM(o, 4, PyLong_FromUnsignedLongLong(maps[i].offset));
		PyStructSequence_SET_ITEM(o, 5, PyUnicode_DecodeFSDefault(maps[i].path));
		PyList_SET_ITEM(l, (Py_ssize_t)i, o);
		if (PyErr_Occurred())
			Py_CLEAR(l);
	}
	snare_maps_free(maps, n);
	return l;
}

/* ------------------------------------------------------------------ */
/* Symbols                                                            */
/* ------------------------------------------------------------------ */

PyObject *
symbols_new(PyProc *pp)
{
	PySymbols *s;

	if (proc_alive(pp) < 0)
		return NULL;
	s = PyObject_GC_New(PySymbols, &PySymbols_Type);
	if (!s)
		return NULL;
	Py_INCREF(pp);
	s->proc = pp;
	PyObject_GC_Track(s);
	return (PyObject *)s;
}

static int
sym_traverse(PySymbols *s, visitproc visit, void *arg)
{
	Py_VISIT(s->proc);
	return 0;
}

static int
sym_clear(PySymbols *s)
{
	Py_CLEAR(s->proc);
	return 0;
}

static void
sym_dealloc(PySymbols *s)
{
	PyObject_GC_UnTrack(s);
	sym_clear(s);
	PyObject_GC_Del(s);
}

static snare_symtab *
symtab_of(PyProc *pp)
{
	snare_symtab *st;

	if (proc_alive(pp) < 0)
		return NULL;
	st = snare_proc_symtab(pp->p);
	if (!st)
		sp_err(pp->dbg, -ENOENT, "symbols");
	return st;
}

static PyObject *
sym_resolve(PySymbols *s, PyObject *name)
{
	snare_symtab *st = symtab_of(s->proc);
	const char *n;
	uint64_t addr;
	int r;

	if (!st)
		return NULL;
	if (!PyUnicode_Check(name)) {
		PyErr_SetString(PyExc_TypeError, "a symbol name is a str");
		return NULL;
	}
	n = PyUnicode_AsUTF8(name);
	if (!n)
		return NULL;
	r = snare_symtab_resolve(&addr, st, n);
	if (r < 0) {
		if (r == -ENOENT) {
			PyErr_Format(PyExc_KeyError, "%s", snare_symtab_errmsg(st));
			return NULL;
		}
		return sp_errf(r, "%s", snare_symtab_errmsg(st));
	}
	return PyLong_FromUnsignedLongLong(addr);
}

static int
sym_contains(PySymbols *s, PyObject *name)
{
	PyObject *r = sym_resolve(s, name);

	if (r) {
		Py_DECREF(r);
		return 1;
	}
	if (PyErr_ExceptionMatches(PyExc_KeyError)) {
		PyErr_Clear();
		return 0;
	}
	return -1;
}

static PyObject *
sym_name(PySymbols *s, PyObject *arg)
{
	snare_symtab *st = symtab_of(s->proc);
	uint64_t addr;
	char buf[1024];

	if (!st || sp_u64(arg, &addr) < 0)
		return NULL;
	snare_symtab_symbolize(buf, sizeof(buf), st, addr);
	return PyUnicode_FromString(buf);
}

static PyObject *
sym_line(PySymbols *s, PyObject *arg)
{
	snare_symtab *st = symtab_of(s->proc);
	uint64_t addr;
	char buf[4096];
	int line, r;

	if (!st || sp_u64(arg, &addr) < 0)
		return NULL;
	r = snare_symtab_addr_line(buf, sizeof(buf), &line, st, addr);
	if (r == -ENOENT)
		Py_RETURN_NONE;
	if (r < 0 && r != -ERANGE)
		return sp_errf(r, "%s", snare_symtab_errmsg(st));
	return Py_BuildValue("(si)", buf, line);
}

static int
list_cb(const snare_sym *sym, void *user)
{
	PyObject *l = user, *o = PyStructSequence_New(SpSym_Type);

	if (!o)
		return -ENOMEM;
	PyStructSequence_SET_ITEM(o, 0, PyUnicode_FromString(sym->name));
	PyStructSequence_SET_ITEM(o, 1, PyUnicode_FromString(sym->file));
	PyStructSequence_SET_ITEM(o, 2, PyLong_FromUnsignedLongLong(sym->addr));
	PyStructSequence_SET_ITEM(o, 3, PyLong_FromUnsignedLongLong(sym->size));
	PyStructSequence_SET_ITEM(o, 4, PyUnicode_FromString(
					     sym->type == SNARE_SYM_FUNC ? "func" :
									   "object"));
	if (PyErr_Occurred() || PyList_Append(l, o) < 0) {
		Py_DECREF(o);
		return -ENOMEM;
	}
	Py_DECREF(o);
	return 0;
}

static PyObject *
sym_list(PySymbols *s, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "name", "file", NULL };
	const char *name = NULL, *file = NULL;
	snare_symtab *st;
	PyObject *l;
	int r;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "|zz:list", kwlist, &name,
					 &file))
		return NULL;
	st = symtab_of(s->proc);
	if (!st)
		return NULL;
	l = PyList_New(0);
	if (!l)
		return NULL;
	r = snare_symtab_list(st, file, name, 0, list_cb, l);
	if (r < 0) {
		Py_DECREF(l);
		if (PyErr_Occurred())
			return NULL;
		return sp_errf(r, "%s", snare_symtab_errmsg(st));
	}
	return l;
}

static PyMethodDef sym_methods[] = {
	{ "resolve", (PyCFunction)sym_resolve, METH_O,
	  "resolve(location) -> int: the address of \"main\", \"libc.so.6:puts\", "
	  "\"main+0x10\", \"file.c:42\"... (KeyError when unknown)." },
	{ "name", (PyCFunction)sym_name, METH_O,
	  "name(address) -> str: \"main+0x10\", \"libc.so.6:printf+0x4\"." },
	{ "line", (PyCFunction)sym_line, METH_O,
	  "line(address) -> (file, line) | None from DWARF." },
	{ "list", (PyCFunction)(void (*)(void))sym_list, METH_VARARGS | METH_KEYWORDS,
	  "list(name=None, file=None) -> list of Symbol: name a substring or a "
	  "shell pattern, file a mapped file (\"libc.so.6\")." },
	{ NULL, NULL, 0, NULL },
};

static PyMappingMethods sym_mapping = { NULL, (binaryfunc)sym_resolve, NULL };
static PySequenceMethods sym_seq = { .sq_contains = (objobjproc)sym_contains };

PyTypeObject PySymbols_Type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "snare.Symbols",
	.tp_basicsize = sizeof(PySymbols),
	.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
	.tp_doc = "The symbols of every file mapped in a process: "
		  "symbols[\"main\"] is its address; \"puts\" in symbols.",
	.tp_dealloc = (destructor)sym_dealloc,
	.tp_traverse = (traverseproc)sym_traverse,
	.tp_clear = (inquiry)sym_clear,
	.tp_as_mapping = &sym_mapping,
	.tp_as_sequence = &sym_seq,
	.tp_methods = sym_methods,
};

/* ------------------------------------------------------------------ */
/* Backtrace                                                          */
/* ------------------------------------------------------------------ */

PyObject *
backtrace_list(PyThr *th, int names)
{
	uint64_t pcs[256];
	snare_symtab *st = NULL;
	PyObject *l;
	int n;

	if (thr_alive(th) < 0)
		return NULL;
	n = snare_thread_backtrace(pcs, 256, th->t);
	if (n < 0)
		return sp_err(th->proc->dbg, n, "backtrace");
	if (n > 256)
		n = 256;
	if (names && !(st = symtab_of(th->proc)))
		return NULL;
	l = PyList_New(n);
	for (int i = 0; l && i < n; i++) {
		PyObject *o;

		if (names) {
			char buf[1024];

			snare_symtab_symbolize(buf, sizeof(buf), st, pcs[i]);
			o = PyUnicode_FromString(buf);
		} else {
			o = PyLong_FromUnsignedLongLong(pcs[i]);
		}
		if (!o) {
			Py_CLEAR(l);
			break;
		}
		PyList_SET_ITEM(l, i, o);
	}
	return l;
}
