/* SPDX-License-Identifier: MIT */
/*
 * io.c: the I/O object run() returns: recv/recvline/recvuntil/send/
 * sendline/sendafter/interactive over the library's process I/O, which
 * keeps the event loop (and the callbacks) running while it waits.
 */
#include "snare_py.h"

#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct {
	PyObject_HEAD
	PyProc *proc;
} PyIO;

PyObject *
io_new(PyProc *pp)
{
	PyIO *io = PyObject_GC_New(PyIO, &PyIO_Type);

	if (!io)
		return NULL;
	Py_INCREF(pp);
	io->proc = pp;
	PyObject_GC_Track(io);
	return (PyObject *)io;
}

static int
io_traverse(PyIO *io, visitproc visit, void *arg)
{
	Py_VISIT(io->proc);
	return 0;
}

static int
io_clear(PyIO *io)
{
	Py_CLEAR(io->proc);
	return 0;
}

static void
io_dealloc(PyIO *io)
{
	PyObject_GC_UnTrack(io);
	io_clear(io);
	PyObject_GC_Del(io);
}

/* The process's handle stays valid after its exit (kept bytes can still
   be read): only a closed session or a detach stops I/O. */
static int
io_ready(PyIO *io)
{
	PyProc *pp = io->proc;

	if (!pp || !pp->dbg || !pp->dbg->s || !pp->p) {
		sp_errf(SNARE_EEXITED, "the process is gone");
		return -1;
	}
	if (sp_check_owner(pp->dbg) < 0)
		return -1;
	if (pp->dbg->cb_depth) {
		sp_errf(-EBUSY, "process I/O cannot wait inside a callback");
		return -1;
	}
	if (pp->detached) {
		sp_errf(SNARE_EDETACHED, "the process %d was detached", pp->pid);
		return -1;
	}
	return 0;
}

/* After a call that kept the loop running: the state it left, the
   exception a callback raised, or the error r. */
static int
io_done(PyIO *io, ssize_t r, const char *what)
{
	PyDbg *d = io->proc->dbg;

	if (!d->running)
		d->io_running = 1;
	if (dbg_take_exc(d) < 0 || PyErr_CheckSignals() < 0)
		return -1;
	if (r < 0) {
		if (r == SNARE_ESTOPPED)
			sp_errf((int)r, "%s: the process stopped for you "
				"(breakpoint, signal, interrupt): call wait()",
				what);
		else if (r == -ETIMEDOUT)
			sp_errf((int)r, "%s: timed out", what);
		else if (r == SNARE_EEOF)
			sp_errf((int)r, "%s: end of the program's output", what);
		else if (r == SNARE_EEXITED)
			sp_errf((int)r, "%s: the process exited", what);
		else
			sp_err(d, (int)r, what);
		return -1;
	}
	return 0;
}

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
left_ms(int64_t deadline)
{
	int64_t l;

	if (deadline < 0)
		return -1;
	l = deadline - now_ms();
	return l < 0 ? 0 : (int)l;
}

static PyObject *
recv_impl(PyIO *io, int stream, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "numb", "timeout", NULL };
	Py_ssize_t n = 4096;
	PyObject *to = NULL, *b;
	PyThreadState *saved;
	ssize_t r;
	int ms;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "|nO:recv", kwlist, &n, &to))
		return NULL;
	if (n < 1) {
		PyErr_SetString(PyExc_ValueError, "numb must be positive");
		return NULL;
	}
	if (sp_parse_timeout(to, &ms) < 0 || io_ready(io) < 0)
		return NULL;
	b = PyBytes_FromStringAndSize(NULL, n);
	if (!b)
		return NULL;
	io->proc->dbg->in_io++;
	dbg_enter(io->proc->dbg, &saved);
	r = snare_proc_recv(PyBytes_AS_STRING(b), (size_t)n, io->proc->p,
			    stream, ms);
	dbg_leave(io->proc->dbg, saved);
	io->proc->dbg->in_io--;
	if (io_done(io, r, "recv") < 0) {
		Py_DECREF(b);
		return NULL;
	}
	_PyBytes_Resize(&b, r);
	return b;
}

/* One delimited piece (delim included), growing the buffer as needed. */
static PyObject *
until_one(PyIO *io, int stream, const char *delim, size_t dlen, int64_t deadline)
{
	PyThreadState *saved;
	size_t cap = 4096;
	ssize_t r;
	char *buf;
	PyObject *b;

	for (;;) {
		buf = PyMem_Malloc(cap);
		if (!buf)
			return PyErr_NoMemory();
		io->proc->dbg->in_io++;
		dbg_enter(io->proc->dbg, &saved);
		r = snare_proc_recvuntil(buf, cap, io->proc->p, stream, delim,
					 dlen, left_ms(deadline));
		dbg_leave(io->proc->dbg, saved);
		io->proc->dbg->in_io--;
		if (r == -ENOSPC && cap < ((size_t)1 << 30) && !io->proc->dbg->exc) {
			PyMem_Free(buf);
			cap *= 4;
			continue;
		}
		if (io_done(io, r, "recvuntil") < 0) {
			PyMem_Free(buf);
			return NULL;
		}
		b = PyBytes_FromStringAndSize(buf, r);
		PyMem_Free(buf);
		return b;
	}
}

static PyObject *
until_impl(PyIO *io, int stream, const char *delim, size_t dlen,
	   Py_ssize_t times, int drop, PyObject *to, int join_drop)
{
	PyObject *acc, *piece;
	int64_t deadline = -1;
	int ms;

	if (times < 1) {
		PyErr_SetString(PyExc_ValueError, "the count must be positive");
		return NULL;
	}
	if (dlen == 0) {
		PyErr_SetString(PyExc_ValueError, "an empty delimiter");
		return NULL;
	}
	if (sp_parse_timeout(to, &ms) < 0 || io_ready(io) < 0)
		return NULL;
	if (ms >= 0)
		deadline = now_ms() + ms;
	acc = PyBytes_FromStringAndSize(NULL, 0);
	for (Py_ssize_t i = 0; acc && i < times; i++) {
		piece = until_one(io, stream, delim, dlen, deadline);
		if (!piece) {
			Py_CLEAR(acc);
			break;
		}
		if (drop && (join_drop || i == times - 1)) {
			/* without the delimiter; lines keep a "\n" between */
			PyObject *p2 = PyBytes_FromStringAndSize(
				PyBytes_AS_STRING(piece),
				PyBytes_GET_SIZE(piece) - (Py_ssize_t)dlen);

			Py_DECREF(piece);
			piece = p2;
			if (piece && join_drop && i < times - 1) {
				PyBytes_Concat(&piece, PyBytes_FromStringAndSize("\n", 1));
			}
		}
		PyBytes_ConcatAndDel(&acc, piece);
	}
	return acc;
}

static int
bytes_arg(PyObject *o, Py_buffer *v)
{
	if (PyUnicode_Check(o)) {
		PyObject *b = PyUnicode_AsUTF8String(o);
		int r;

		if (!b)
			return -1;
		r = PyObject_GetBuffer(b, v, PyBUF_SIMPLE);
		Py_DECREF(b); /* the view keeps it */
		return r;
	}
	return PyObject_GetBuffer(o, v, PyBUF_SIMPLE);
}

static PyObject *
recvuntil_impl(PyIO *io, int stream, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "delims", "occurences", "drop", "timeout", NULL };
	PyObject *dl, *to = NULL, *r;
	Py_ssize_t occ = 1;
	int drop = 0;
	Py_buffer v;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "O|npO:recvuntil", kwlist,
					 &dl, &occ, &drop, &to))
		return NULL;
	if (bytes_arg(dl, &v) < 0)
		return NULL;
	r = until_impl(io, stream, v.buf, (size_t)v.len, occ, drop, to, 0);
	PyBuffer_Release(&v);
	return r;
}

static PyObject *
recvline_impl(PyIO *io, int stream, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "numlines", "drop", "timeout", NULL };
	PyObject *to = NULL;
	Py_ssize_t n = 1;
	int drop = 1;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "|npO:recvline", kwlist, &n,
					 &drop, &to))
		return NULL;
	return until_impl(io, stream, "\n", 1, n, drop, to, 1);
}

#define STREAMS(name)                                                       \
	static PyObject *io_##name(PyIO *io, PyObject *a, PyObject *k)     \
	{                                                                   \
		return name##_impl(io, 1, a, k);                            \
	}                                                                   \
	static PyObject *io_##name##err(PyIO *io, PyObject *a, PyObject *k) \
	{                                                                   \
		return name##_impl(io, 2, a, k);                            \
	}
STREAMS(recv)
STREAMS(recvuntil)
STREAMS(recvline)

static PyObject *
send_buf(PyIO *io, const void *buf, size_t len, int ms)
{
	PyThreadState *saved;
	ssize_t r;

	io->proc->dbg->in_io++;
	dbg_enter(io->proc->dbg, &saved);
	r = snare_proc_send(io->proc->p, buf, len, ms);
	dbg_leave(io->proc->dbg, saved);
	io->proc->dbg->in_io--;
	if (io_done(io, r, "send") < 0)
		return NULL;
	return PyLong_FromSsize_t(r);
}

static PyObject *
send_impl(PyIO *io, PyObject *args, PyObject *kw, int nl)
{
	static char *kwlist[] = { "data", "timeout", NULL };
	PyObject *data, *to = NULL, *r;
	Py_buffer v;
	int ms;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "O|O:send", kwlist, &data, &to))
		return NULL;
	if (sp_parse_timeout(to, &ms) < 0 || io_ready(io) < 0)
		return NULL;
	if (bytes_arg(data, &v) < 0)
		return NULL;
	if (nl) {
		char *b = PyMem_Malloc((size_t)v.len + 1);

		if (!b) {
			PyBuffer_Release(&v);
			return PyErr_NoMemory();
		}
		memcpy(b, v.buf, (size_t)v.len);
		b[v.len] = '\n';
		r = send_buf(io, b, (size_t)v.len + 1, ms);
		PyMem_Free(b);
	} else {
		r = send_buf(io, v.buf, (size_t)v.len, ms);
	}
	PyBuffer_Release(&v);
	return r;
}

static PyObject *
io_send(PyIO *io, PyObject *a, PyObject *k)
{
	return send_impl(io, a, k, 0);
}

static PyObject *
io_sendline(PyIO *io, PyObject *a, PyObject *k)
{
	return send_impl(io, a, k, 1);
}

/* recvuntil(delims) then send(data): returns what was received. */
static PyObject *
after_impl(PyIO *io, PyObject *args, PyObject *kw, int nl)
{
	static char *kwlist[] = { "delims", "data", "occurences", "drop",
				  "timeout", NULL };
	PyObject *dl, *data, *to = NULL, *got, *r;
	Py_ssize_t occ = 1;
	int drop = 0;
	Py_buffer v;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "OO|npO:sendafter", kwlist,
					 &dl, &data, &occ, &drop, &to))
		return NULL;
	if (bytes_arg(dl, &v) < 0)
		return NULL;
	got = until_impl(io, 1, v.buf, (size_t)v.len, occ, drop, to, 0);
	PyBuffer_Release(&v);
	if (!got)
		return NULL;
	{
		PyObject *a2 = PyTuple_Pack(1, data);
		PyObject *k2 = to ? Py_BuildValue("{sO}", "timeout", to) : NULL;

		r = a2 ? send_impl(io, a2, k2, nl) : NULL;
		Py_XDECREF(a2);
		Py_XDECREF(k2);
	}
	if (!r) {
		Py_DECREF(got);
		return NULL;
	}
	Py_DECREF(r);
	return got;
}

static PyObject *
io_sendafter(PyIO *io, PyObject *a, PyObject *k)
{
	return after_impl(io, a, k, 0);
}

static PyObject *
io_sendlineafter(PyIO *io, PyObject *a, PyObject *k)
{
	return after_impl(io, a, k, 1);
}

static PyObject *
io_interactive(PyIO *io, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = { "stdin", "stdout", NULL };
	int in = 0, out = 1, r;
	PyThreadState *saved;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "|ii:interactive", kwlist,
					 &in, &out))
		return NULL;
	if (io_ready(io) < 0)
		return NULL;
	io->proc->dbg->in_io++;
	dbg_enter(io->proc->dbg, &saved);
	r = snare_proc_interactive(io->proc->p, in, out);
	dbg_leave(io->proc->dbg, saved);
	io->proc->dbg->in_io--;
	if (io_done(io, r, "interactive") < 0)
		return NULL;
	Py_RETURN_NONE;
}

static PyObject *
io_close_stdin(PyIO *io, PyObject *u)
{
	int fd;

	if (io_ready(io) < 0)
		return NULL;
	fd = snare_proc_take_stdio_fd(io->proc->p, 0);
	if (fd < 0)
		return sp_errf(-EBADF, "the program's stdin is not a pipe we hold");
	close(fd);
	Py_RETURN_NONE;
}

#define KWM(fn, doc) { #fn, (PyCFunction)(void (*)(void))io_##fn, \
		       METH_VARARGS | METH_KEYWORDS, doc }
static PyMethodDef io_methods[] = {
	KWM(recv, "recv(numb=4096, timeout=None) -> bytes: up to numb bytes "
		  "of stdout, as soon as some are there."),
	KWM(recverr, "recverr(numb=4096, timeout=None): the same from stderr."),
	KWM(recvline, "recvline(numlines=1, drop=True, timeout=None) -> bytes: "
		      "lines of stdout (without their newline when drop)."),
	KWM(recvlineerr, "recvlineerr(...): recvline() from stderr."),
	KWM(recvuntil, "recvuntil(delims, occurences=1, drop=False, timeout=None)"
		       " -> bytes: stdout up to and including delims."),
	KWM(recvuntilerr, "recvuntilerr(...): recvuntil() from stderr."),
	KWM(send, "send(data, timeout=None) -> int: write to stdin."),
	KWM(sendline, "sendline(data, timeout=None): data and a newline."),
	KWM(sendafter, "sendafter(delims, data, occurences=1, drop=False, "
		       "timeout=None) -> bytes: recvuntil(delims), then send(data)."),
	KWM(sendlineafter, "sendlineafter(delims, data, ...): the same with a "
			   "newline."),
	KWM(interactive, "interactive(stdin=0, stdout=1): copy between the "
			 "terminal and the program until its output ends."),
	{ "close_stdin", (PyCFunction)io_close_stdin, METH_NOARGS,
	  "close_stdin(): close the program's stdin pipe (it reads EOF)." },
	{ NULL, NULL, 0, NULL },
};

PyTypeObject PyIO_Type = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "snare.IO",
	.tp_basicsize = sizeof(PyIO),
	.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
	.tp_doc = "The program's standard streams (pipes or a pty). Every call "
		  "that waits keeps the debugger running: callbacks run. "
		  "Timeouts are in seconds (None: forever); SnareTimeout, "
		  "SnareEOF, ProcessExited, or Stopped (a stop for the user "
		  "came: call wait()) end a wait early.",
	.tp_dealloc = (destructor)io_dealloc,
	.tp_traverse = (traverseproc)io_traverse,
	.tp_clear = (inquiry)io_clear,
	.tp_methods = io_methods,
};
