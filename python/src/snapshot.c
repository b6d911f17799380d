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

static PyMethodDef snap_methods[] = {
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
