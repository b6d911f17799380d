/* SPDX-License-Identifier: MIT */
/*
 * snapshot.c: Debugger.snapshot() and the Snapshot type over
 * snare_snapshot_*: save a stopped process's registers and private memory,
 * put them back as often as wanted (a fuzzing loop restarts a function).
 */
#include "snare_py.h"

#include <errno.h>

typedef struct {
	PyObject_HEAD
	PyProc *proc;           /* strong */
	snare_snapshot *snap;
} PySnap;

static int
snap_traverse(PySnap *s, visitproc visit, void *arg)
{
	Py_VISIT(s->proc);
	return 0;
}

static int
snap_clear(PySnap *s)
{
	Py_CLEAR(s->proc);
	return 0;
}

static void
snap_dealloc(PySnap *s)
{
	PyObject_GC_UnTrack(s);
	/* Touches no process: safe after the session is gone too. */
	snare_snapshot_free(s->snap);
	s->snap = NULL;
	snap_clear(s);
	PyObject_GC_Del(s);
}

PyObject *
snapshot_take(PyProc *pp, int full_compare)
{
	snare_snapshot_opts o = SNARE_SNAPSHOT_OPTS_INIT;
	PySnap *s;
	int r;

	if (pp->dbg && pp == pp->dbg->main && dbg_check_stopped(pp->dbg) < 0)
		return NULL;
	if (proc_alive(pp) < 0)
		return NULL;
	o.full_compare = full_compare;
	s = PyObject_GC_New(PySnap, &PySnap_Type);
	if (!s)
		return NULL;
	Py_INCREF(pp);
	s->proc = pp;
	s->snap = NULL;
	PyObject_GC_Track(s);
	r = snare_snapshot_take(&s->snap, pp->p, &o);
	if (r < 0) {
		s->snap = NULL;
		Py_DECREF(s);
		return sp_err(pp->dbg, r, "snapshot");
	}
	return (PyObject *)s;
}

static PyObject *
snap_restore(PySnap *s, PyObject *u)
{
	snare_snapshot_stats st;
	PyProc *pp = s->proc;
	int r;

	if (pp->dbg && pp == pp->dbg->main && dbg_check_stopped(pp->dbg) < 0)
		return NULL;
	if (proc_alive(pp) < 0)
		return NULL;
	r = snare_snapshot_restore(s->snap, &st);
	if (r < 0)
		return sp_err(pp->dbg, r, "restore");
	if (pp->dbg)
		pp->dbg->have_pending = 0;
	return Py_BuildValue("{sn,sn,sn,sn,sn,si,si}",
			     "pages_checked", (Py_ssize_t)st.pages_checked,
			     "pages_written", (Py_ssize_t)st.pages_written,
			     "maps_unmapped", (Py_ssize_t)st.maps_unmapped,
			     "maps_mapped", (Py_ssize_t)st.maps_mapped,
			     "maps_protected", (Py_ssize_t)st.maps_protected,
			     "brk_moved", st.brk_moved,
			     "incremental", st.incremental);
}

static PyObject *
snap_get_size(PySnap *s, void *c)
{
	return PyLong_FromSize_t(snare_snapshot_size(s->snap));
}

static PyObject *
snap_get_incremental(PySnap *s, void *c)
{
	return PyBool_FromLong(snare_snapshot_incremental(s->snap) == 1);
}

/* ------------------------------------------------------------------ */
/* Diffs                                                              */
/* ------------------------------------------------------------------ */

PyTypeObject *SpChange_Type;

static PyStructSequence_Field change_fields[] = {
	{ "kind", "\"reg\", \"vreg\", \"mem\", \"map_added\", \"map_removed\", "
		  "\"map_prot\", \"thread_added\" or \"thread_removed\"" },
	{ "tid", "reg, vreg, thread_*: the thread; else None" },
	{ "name", "reg, vreg: the register (\"rax\", \"xmm0\"); else None" },
	{ "address", "mem, map_*: the first address; else None" },
	{ "length", "mem, map_*: bytes; vreg: the register's size; else None" },
	{ "old", "reg: int; vreg, mem: bytes; map_prot: PROT_* flags; else None" },
	{ "new", "the same, in the newer state" },
	{ "prot", "map_added, map_removed: PROT_* flags; else None" },
	{ "path", "map_added, map_removed: the file (\"\" for anonymous)" },
	{ NULL, NULL },
};

static PyStructSequence_Desc change_desc = {
	"snare.Change", "One difference between two states of a process "
	"(Snapshot.diff()).", change_fields, 9,
};

int
snapshot_types_init(PyObject *m)
{
	SpChange_Type = PyStructSequence_NewType(&change_desc);
	if (!SpChange_Type)
		return -1;
	Py_INCREF(SpChange_Type);
	return PyModule_AddObject(m, "Change", (PyObject *)SpChange_Type);
}

static const char *const change_kinds[] = {
	[SNARE_CHANGE_REG] = "reg",
	[SNARE_CHANGE_VREG] = "vreg",
	[SNARE_CHANGE_MEM] = "mem",
	[SNARE_CHANGE_MAP_ADDED] = "map_added",
	[SNARE_CHANGE_MAP_REMOVED] = "map_removed",
	[SNARE_CHANGE_MAP_PROT] = "map_prot",
	[SNARE_CHANGE_THREAD_ADDED] = "thread_added",
	[SNARE_CHANGE_THREAD_REMOVED] = "thread_removed",
};

static PyObject *
none_ref(void)
{
	Py_INCREF(Py_None);
	return Py_None;
}

static PyObject *
change_new(const snare_change *c)
{
	PyObject *o = PyStructSequence_New(SpChange_Type), *v[9];
	int k = c->kind;
	int reg = k == SNARE_CHANGE_REG, vreg = k == SNARE_CHANGE_VREG,
	    mem = k == SNARE_CHANGE_MEM, prot = k == SNARE_CHANGE_MAP_PROT,
	    map = k == SNARE_CHANGE_MAP_ADDED || k == SNARE_CHANGE_MAP_REMOVED ||
		  prot,
	    thr = reg || vreg || k == SNARE_CHANGE_THREAD_ADDED ||
		  k == SNARE_CHANGE_THREAD_REMOVED;

	if (!o)
		return NULL;
	v[0] = PyUnicode_FromString(k >= 0 && k <= SNARE_CHANGE_THREAD_REMOVED ?
					    change_kinds[k] : "unknown");
	v[1] = thr ? PyLong_FromLong(c->tid) : none_ref();
	v[2] = reg || vreg ? PyUnicode_FromString(c->name) : none_ref();
	v[3] = mem || map ? PyLong_FromUnsignedLongLong(c->addr) : none_ref();
	v[4] = mem || map || vreg ? PyLong_FromSize_t(c->len) : none_ref();
	if (reg || prot) {
		v[5] = PyLong_FromUnsignedLongLong(c->old_value);
		v[6] = PyLong_FromUnsignedLongLong(c->new_value);
	} else if ((mem || vreg) && c->old_bytes && c->new_bytes) {
		v[5] = PyBytes_FromStringAndSize((const char *)c->old_bytes,
						 (Py_ssize_t)c->len);
		v[6] = PyBytes_FromStringAndSize((const char *)c->new_bytes,
						 (Py_ssize_t)c->len);
	} else {
		v[5] = none_ref();
		v[6] = none_ref();
	}
	v[7] = map && !prot ? PyLong_FromLong(c->prot) : none_ref();
	v[8] = map && !prot ? PyUnicode_DecodeFSDefault(c->path ? c->path : "") :
			      none_ref();
	for (int i = 0; i < 9; i++) {
		if (!v[i]) {
			for (int j = 0; j < 9; j++)
				Py_XDECREF(v[j]);
			Py_DECREF(o);
			return NULL;
		}
		PyStructSequence_SET_ITEM(o, i, v[i]);
	}
	return o;
}

static PyObject *
snap_diff(PySnap *s, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "other", NULL };
	PyObject *other = Py_None, *l;
	snare_change *ch = NULL;
	PyProc *pp = s->proc;
	size_t n = 0;
	int r;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:diff", kwlist, &other))
		return NULL;
	if (other != Py_None) {
		if (!PyObject_TypeCheck(other, &PySnap_Type)) {
			PyErr_SetString(PyExc_TypeError,
					"other must be a Snapshot or None");
			return NULL;
		}
		/* Saved data only: no process is touched. */
		r = snare_snapshot_diff(&ch, &n, s->snap,
					((PySnap *)other)->snap);
	} else {
		if (pp->dbg && pp == pp->dbg->main &&
		    dbg_check_stopped(pp->dbg) < 0)
			return NULL;
		if (proc_alive(pp) < 0)
			return NULL;
		r = snare_snapshot_diff_live(&ch, &n, s->snap);
	}
	if (r < 0)
		return sp_err(pp->dbg, r, "diff");
	l = PyList_New((Py_ssize_t)n);
	for (size_t i = 0; l && i < n; i++) {
		PyObject *c = change_new(&ch[i]);

		if (!c) {
			Py_CLEAR(l);
			break;
		}
		PyList_SET_ITEM(l, (Py_ssize_t)i, c);
	}
	snare_changes_free(ch, n);
	return l;
}

static PyMethodDef snap_methods[] = {
	{ "diff", (PyCFunction)(void (*)(void))snap_diff,
	  METH_VARARGS | METH_KEYWORDS,
	  "diff(other=None) -> list[Change]: what changed from this snapshot "
	  "(the older state) to other (a later Snapshot), or to the process "
	  "as it is now (None; stopped): threads, registers, maps, then "
	  "memory ranges by address." },
	{ "restore", (PyCFunction)snap_restore, METH_NOARGS,
	  "restore() -> dict: put the process back as it was (registers of "
	  "every thread, private memory, the layout of its maps); the "
	  "snapshot can be restored again. Returns what it did." },
	{ NULL, NULL, 0, NULL },
};

static PyGetSetDef snap_getset[] = {
	{ "size", (getter)snap_get_size, NULL, "Bytes of memory saved.", NULL },
	{ "incremental", (getter)snap_get_incremental, NULL,
	  "True when restore writes only the pages the kernel saw dirty.", NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

PyTypeObject PySnap_Type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "snare.Snapshot",
	.tp_basicsize = sizeof(PySnap),
	.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
	.tp_doc = "A saved state of a stopped process (Debugger.snapshot()).",
	.tp_dealloc = (destructor)snap_dealloc,
	.tp_traverse = (traverseproc)snap_traverse,
	.tp_clear = (inquiry)snap_clear,
	.tp_methods = snap_methods,
	.tp_getset = snap_getset,
};
