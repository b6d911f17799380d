/* SPDX-License-Identifier: MIT */
/*
 * memory.c: the Memory type (memory[addr, n], searches), memory maps,
 * the Symbols type and backtraces.
 */
#include "snare_py.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

PyTypeObject *SpMap_Type, *SpSym_Type;

typedef struct {
	PyObject_HEAD
	PyProc *proc;
} PyMem;

static PyStructSequence_Field map_fields[] = {
	{ "start", "first address" },
	{ "end", "address past the end" },
	{ "permissions", "\"r-xp\" as /proc/PID/maps writes it" },
	{ "size", "end - start" },
	{ "offset", "offset in the file" },
	{ "backing_file", "the file's path, \"[heap]\", \"[stack]\", or \"\"" },
	{ NULL, NULL },
};
static PyStructSequence_Desc map_desc = {
	"snare.MemoryMap", "One mapping of a process (a line of /proc/PID/maps).",
	map_fields, 6,
};

static PyStructSequence_Field sym_fields[] = {
	{ "name", "the symbol's name" },
	{ "file", "short name of its file (\"libc.so.6\")" },
	{ "address", "its address in the process" },
	{ "size", "st_size (0 when unknown)" },
	{ "type", "\"func\" or \"object\"" },
	{ NULL, NULL },
};
static PyStructSequence_Desc sym_desc = {
	"snare.Symbol", "A symbol of a file mapped in a process.", sym_fields, 5,
};

int
mem_types_init(void)
{
	SpMap_Type = PyStructSequence_NewType(&map_desc);
	SpSym_Type = PyStructSequence_NewType(&sym_desc);
	return SpMap_Type && SpSym_Type ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* Memory                                                             */
/* ------------------------------------------------------------------ */

PyObject *
mem_new(PyProc *pp)
{
	PyMem *m = PyObject_GC_New(PyMem, &PyMem_Type);

	if (!m)
		return NULL;
	Py_INCREF(pp);
	m->proc = pp;
	PyObject_GC_Track(m);
	return (PyObject *)m;
}

static int
mem_traverse(PyMem *m, visitproc visit, void *arg)
{
	Py_VISIT(m->proc);
	return 0;
}

static int
mem_clear(PyMem *m)
{
	Py_CLEAR(m->proc);
	return 0;
}

static void
mem_dealloc(PyMem *m)
{
	PyObject_GC_UnTrack(m);
	mem_clear(m);
	PyObject_GC_Del(m);
}

/* The basename of the program's file (/proc/PID/exe). */
static int
program_name(PyProc *pp, char *buf, size_t cap)
{
	char link[64], path[4096];
	const char *b;
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/%d/exe", (int)pp->pid);
	n = readlink(link, path, sizeof(path) - 1);
	if (n <= 0) {
		sp_errf(-errno, "the program's file of %d: %s", (int)pp->pid,
			strerror(errno));
		return -1;
	}
	path[n] = 0;
	b = strrchr(path, '/');
	snprintf(buf, cap, "%s", b ? b + 1 : path);
	return 0;
}

/* An address from loc (int or location string), relative to file unless
   file is None, "absolute" or "hybrid"; "binary" names the program. */
static int
mem_addr(PyProc *pp, PyObject *loc, PyObject *file, uint64_t *addr)
{
	char prog[4096], expr[8192];
	const char *f;
	int r;

	if (!file || file == Py_None)
		return sp_resolve(pp, loc, addr);
	if (!PyUnicode_Check(file)) {
		PyErr_SetString(PyExc_TypeError, "the file must be a str");
		return -1;
	}
	f = PyUnicode_AsUTF8(file);
	if (!f)
		return -1;
	if (!strcmp(f, "absolute") || !strcmp(f, "hybrid"))
		return sp_resolve(pp, loc, addr);
	if (proc_alive(pp) < 0)
		return -1;
	if (!strcmp(f, "binary")) {
		if (program_name(pp, prog, sizeof(prog)) < 0)
			return -1;
		f = prog;
	}
	if (PyLong_Check(loc)) {
		uint64_t off;

		if (sp_u64(loc, &off) < 0)
			return -1;
		snprintf(expr, sizeof(expr), "%s+0x%llx", f,
			 (unsigned long long)off);
	} else if (PyUnicode_Check(loc)) {
		snprintf(expr, sizeof(expr), "%s:%s", f, PyUnicode_AsUTF8(loc));
	} else {
		PyErr_SetString(PyExc_TypeError, "a location is an int or a str");
		return -1;
	}
	r = snare_proc_resolve(addr, pp->p, expr);
	if (r < 0) {
		sp_err(pp->dbg, r, "resolve");
		return -1;
	}
	return 0;
}

/* key: addr | "sym" | (loc, n) | (loc, n, file) | slice(a, b). */
static int
mem_key(PyMem *m, PyObject *key, uint64_t *addr, Py_ssize_t *len, int need_len)
{
	PyObject *loc = key, *file = NULL;

	*len = need_len ? 1 : -1;
	if (PySlice_Check(key)) {
		PySliceObject *sl = (PySliceObject *)key;
		uint64_t a, b;

		if (sl->step != Py_None || sl->start == Py_None ||
		    sl->stop == Py_None) {
			PyErr_SetString(PyExc_ValueError,
					"memory[start:stop] needs both ends and no step");
			return -1;
		}
		if (mem_addr(m->proc, sl->start, NULL, &a) < 0 ||
		    mem_addr(m->proc, sl->stop, NULL, &b) < 0)
			return -1;
		if (b < a) {
			PyErr_SetString(PyExc_ValueError, "memory[start:stop]: stop < start");
			return -1;
		}
		*addr = a;
		*len = (Py_ssize_t)(b - a);
		return 0;
	}
	if (PyTuple_Check(key)) {
		Py_ssize_t n = PyTuple_GET_SIZE(key);

		if (n < 1 || n > 3) {
			PyErr_SetString(PyExc_ValueError,
					"memory[location, length[, file]]");
			return -1;
		}
		loc = PyTuple_GET_ITEM(key, 0);
		if (n >= 2) {
			*len = PyLong_AsSsize_t(PyTuple_GET_ITEM(key, 1));
			if (*len == -1 && PyErr_Occurred())
				return -1;
			if (*len < 0) {
				PyErr_SetString(PyExc_ValueError,
						"a negative length");
				return -1;
			}
		}
		if (n == 3)
			file = PyTuple_GET_ITEM(key, 2);
	}
	return mem_addr(m->proc, loc, file, addr);
}

static PyObject *
mem_read_at(PyProc *pp, uint64_t addr, Py_ssize_t len, int raw)
{
	PyObject *b;
	int r;

	if (proc_alive(pp) < 0)
		return NULL;
	b = PyBytes_FromStringAndSize(NULL, len);
	if (!b)
		return NULL;
	r = raw ? snare_mem_read_raw(PyBytes_AS_STRING(b), pp->p, addr, (size_t)len) :
		  snare_mem_read(PyBytes_AS_STRING(b), pp->p, addr, (size_t)len);
	if (r < 0) {
		Py_DECREF(b);
		return sp_err(pp->dbg, r, "read");
	}
	return b;
}

static int
mem_write_at(PyProc *pp, uint64_t addr, PyObject *data)
{
	Py_buffer view;
	int r;

	if (PyUnicode_Check(data)) {
		PyErr_SetString(PyExc_TypeError,
				"memory takes bytes, not str (encode it)");
		return -1;
	}
	if (PyObject_GetBuffer(data, &view, PyBUF_SIMPLE) < 0)
		return -1;
	if (proc_alive(pp) < 0) {
		PyBuffer_Release(&view);
		return -1;
	}
	r = snare_mem_write(pp->p, addr, view.buf, (size_t)view.len);
	PyBuffer_Release(&view);
	if (r < 0) {
		sp_err(pp->dbg, r, "write");
		return -1;
	}
	return 0;
}

static PyObject *
mem_subscript(PyMem *m, PyObject *key)
{
	uint64_t addr;
	Py_ssize_t len;

	if (mem_key(m, key, &addr, &len, 1) < 0)
		return NULL;
	return mem_read_at(m->proc, addr, len, 0);
}

static int
mem_ass_subscript(PyMem *m, PyObject *key, PyObject *val)
{
	uint64_t addr;
	Py_ssize_t len;

	if (!val) {
		PyErr_SetString(PyExc_TypeError, "memory cannot be deleted");
		return -1;
	}
	if (mem_key(m, key, &addr, &len, 0) < 0)
		return -1;
	if (len >= 0 && PyObject_Length(val) != len) {
		if (!PyErr_Occurred())
			PyErr_Format(PyExc_ValueError,
				     "%zd bytes given for %zd", PyObject_Length(val),
				     len);
		return -1;
	}
	return mem_write_at(m->proc, addr, val);
}

static PyObject *
mem_read(PyMem *m, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "address", "size", "raw", NULL };
	PyObject *loc;
	Py_ssize_t len;
	int raw = 0;
	uint64_t addr;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "On|p:read", kwlist, &loc,
					 &len, &raw))
		return NULL;
	if (len < 0) {
		PyErr_SetString(PyExc_ValueError, "a negative size");
		return NULL;
	}
	if (sp_resolve(m->proc, loc, &addr) < 0)
		return NULL;
	return mem_read_at(m->proc, addr, len, raw);
}

static PyObject *
mem_write(PyMem *m, PyObject *args)
{
	PyObject *loc, *data;
	uint64_t addr;

	if (!PyArg_ParseTuple(args, "OO:write", &loc, &data))
		return NULL;
	if (sp_resolve(m->proc, loc, &addr) < 0 ||
	    mem_write_at(m->proc, addr, data) < 0)
		return NULL;
	Py_RETURN_NONE;
}

static PyObject *
mem_string(PyMem *m, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "address", "max_size", NULL };
	PyObject *loc, *b;
	Py_ssize_t max = 4096;
	uint64_t addr;
	char *buf;
	ssize_t r;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "O|n:string", kwlist, &loc,
					 &max))
		return NULL;
	if (max < 1 || max > (1 << 30)) {
		PyErr_SetString(PyExc_ValueError, "max_size must be 1..2**30");
		return NULL;
	}
	if (sp_resolve(m->proc, loc, &addr) < 0 || proc_alive(m->proc) < 0)
		return NULL;
	buf = PyMem_Malloc((size_t)max + 1);
	if (!buf)
		return PyErr_NoMemory();
	r = snare_mem_read_str(buf, (size_t)max + 1, m->proc->p, addr);
	if (r < 0) {
		PyMem_Free(buf);
		return sp_err(m->proc->dbg, (int)r, "string");
	}
	b = PyBytes_FromStringAndSize(buf, r);
	PyMem_Free(buf);
	return b;
}

struct hits {
	PyObject *list;
	int pointers;
};

static int
hit_cb(const snare_mem_hit *h, void *user)
{
	struct hits *hs = user;
	PyObject *o;

	o = hs->pointers ? Py_BuildValue("(KK)", (unsigned long long)h->addr,
					 (unsigned long long)h->value) :
			   PyLong_FromUnsignedLongLong(h->addr);
	if (!o || PyList_Append(hs->list, o) < 0) {
		Py_XDECREF(o);
		return -ENOMEM;
	}
	Py_DECREF(o);
	return 0;
}

/* The maps filter of a search: maps=, or start=/end= as a range. */
static int
search_opts(snare_search_opts *so, char *buf, size_t cap, PyObject *maps,
	    PyObject *start, PyObject *end, int writable)
{
	so->flags = writable ? SNARE_SEARCH_WRITABLE : 0;
	so->maps = NULL;
	if (maps && maps != Py_None) {
		if (!PyUnicode_Check(maps)) {
			PyErr_SetString(PyExc_TypeError,
					"maps is a filter string such as \"[heap]\"");
			return -1;
		}
		so->maps = PyUnicode_AsUTF8(maps);
		if (!so->maps)
			return -1;
		if (!strcmp(so->maps, "all"))
			so->maps = NULL;
	}
	if ((start && start != Py_None) || (end && end != Py_None)) {
		uint64_t a = 0, b = UINT64_MAX;

		if (so->maps) {
			PyErr_SetString(PyExc_ValueError,
					"give maps= or start=/end=, not both");
			return -1;
		}
		if ((start && start != Py_None && sp_u64(start, &a) < 0) ||
		    (end && end != Py_None && sp_u64(end, &b) < 0))
			return -1;
		snprintf(buf, cap, "0x%llx-0x%llx", (unsigned long long)a,
			 (unsigned long long)b);
		so->maps = buf;
	}
	return 0;
}

static PyObject *
mem_find(PyMem *m, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "value", "maps", "start", "end", "writable",
				  NULL };
	PyObject *val, *maps = NULL, *start = NULL, *end = NULL, *b = NULL;
	snare_search_opts so = SNARE_SEARCH_OPTS_INIT;
	struct hits hs = { NULL, 0 };
	char range[64];
	int writable = 0, r;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OOOp:find", kwlist, &val,
					 &maps, &start, &end, &writable))
		return NULL;
	if (PyUnicode_Check(val)) {
		b = PyUnicode_AsUTF8String(val);
	} else if (PyLong_Check(val)) {
		uint64_t v;

		if (sp_u64(val, &v) < 0)
			return NULL;
		b = PyBytes_FromStringAndSize((const char *)&v, 8);
	} else {
		b = PyBytes_FromObject(val);
	}
	if (!b)
		return NULL;
	if (PyBytes_GET_SIZE(b) == 0 || PyBytes_GET_SIZE(b) > 4096) {
		Py_DECREF(b);
		PyErr_SetString(PyExc_ValueError, "find: 1 to 4096 bytes");
		return NULL;
	}
	if (search_opts(&so, range, sizeof(range), maps, start, end, writable) < 0 ||
	    proc_alive(m->proc) < 0) {
		Py_DECREF(b);
		return NULL;
	}
	hs.list = PyList_New(0);
	if (!hs.list) {
		Py_DECREF(b);
		return NULL;
	}
	r = snare_mem_search(m->proc->p, &so, PyBytes_AS_STRING(b), NULL,
			     (size_t)PyBytes_GET_SIZE(b), hit_cb, &hs);
	Py_DECREF(b);
	if (r < 0) {
		Py_DECREF(hs.list);
		if (PyErr_Occurred())
			return NULL;
		return sp_err(m->proc->dbg, r, "find");
	}
	return hs.list;
}

static PyObject *
mem_find_pattern(PyMem *m, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "pattern", "maps", "writable", NULL };
	PyObject *maps = NULL;
	const char *pat;
	snare_search_opts so = SNARE_SEARCH_OPTS_INIT;
	struct hits hs = { NULL, 0 };
	char range[64];
	int writable = 0, r;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "s|Op:find_pattern", kwlist,
					 &pat, &maps, &writable))
		return NULL;
	if (search_opts(&so, range, sizeof(range), maps, NULL, NULL, writable) < 0 ||
	    proc_alive(m->proc) < 0)
		return NULL;
	hs.list = PyList_New(0);
	if (!hs.list)
		return NULL;
	r = snare_mem_search_pattern(m->proc->p, &so, pat, hit_cb, &hs);
	if (r < 0) {
		Py_DECREF(hs.list);
		if (PyErr_Occurred())
			return NULL;
		return sp_err(m->proc->dbg, r, "find_pattern");
	}
	return hs.list;
}

static PyObject *
mem_find_pointers(PyMem *m, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "to", "maps", NULL };
	PyObject *maps = NULL;
	const char *to = NULL;
	snare_search_opts so = SNARE_SEARCH_OPTS_INIT;
	struct hits hs = { NULL, 1 };
	char range[64];
	int r;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "|zO:find_pointers", kwlist,
					 &to, &maps))
		return NULL;
	if (search_opts(&so, range, sizeof(range), maps, NULL, NULL, 0) < 0 ||
	    proc_alive(m->proc) < 0)
		return NULL;
	hs.list = PyList_New(0);
	if (!hs.list)
		return NULL;
	r = snare_mem_find_pointers(m->proc->p, &so, to, hit_cb, &hs);
	if (r < 0) {
		Py_DECREF(hs.list);
		if (PyErr_Occurred())
			return NULL;
		return sp_err(m->proc->dbg, r, "find_pointers");
	}
	return hs.list;
}

static PyMethodDef mem_methods[] = {
	{ "read", (PyCFunction)(void (*)(void))mem_read, METH_VARARGS | METH_KEYWORDS,
	  "read(address, size, raw=False) -> bytes (raw: int3s of breakpoints "
	  "included)." },
	{ "write", (PyCFunction)mem_write, METH_VARARGS,
	  "write(address, data): write bytes (read-only code included)." },
	{ "string", (PyCFunction)(void (*)(void))mem_string, METH_VARARGS | METH_KEYWORDS,
	  "string(address, max_size=4096) -> bytes: a NUL-terminated string." },
	{ "find", (PyCFunction)(void (*)(void))mem_find, METH_VARARGS | METH_KEYWORDS,
	  "find(value, maps=None, start=None, end=None, writable=False) -> "
	  "list of addresses: value is bytes, a str (UTF-8) or an int (8 bytes, "
	  "little-endian); maps a filter (\"[heap]\", \"libc.so.6\", "
	  "\"[stack],[heap]\"), start/end a range." },
	{ "find_pattern", (PyCFunction)(void (*)(void))mem_find_pattern,
	  METH_VARARGS | METH_KEYWORDS,
	  "find_pattern(pattern, maps=None, writable=False) -> list: a byte "
	  "pattern with wildcards, \"48 8b ?? 24\", or \"\\\"flag{\\\" ??\"." },
	{ "find_pointers", (PyCFunction)(void (*)(void))mem_find_pointers,
	  METH_VARARGS | METH_KEYWORDS,
	  "find_pointers(to=None, maps=None) -> list of (where, value): "
	  "aligned 8-byte values pointing into the maps `to` selects." },
	{ NULL, NULL, 0, NULL },
};

static PyMappingMethods mem_mapping = {
	NULL, (binaryfunc)mem_subscript, (objobjargproc)mem_ass_subscript,
};

PyTypeObject PyMem_Type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "snare.Memory",
	.tp_basicsize = sizeof(PyMem),
	.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
	.tp_doc = "A process's memory as the program sees it: memory[addr, n], "
		  "memory[\"symbol\", n], memory[\"sym\", n, \"libc.so.6\"], "
		  "memory[start:stop]; memory[addr] = b\"...\".",
	.tp_dealloc = (destructor)mem_dealloc,
	.tp_traverse = (traverseproc)mem_traverse,
	.tp_clear = (inquiry)mem_clear,
	.tp_as_mapping = &mem_mapping,
	.tp_methods = mem_methods,
};
