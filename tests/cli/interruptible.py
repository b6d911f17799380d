#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""-I / --interruptible against strace 6.1: what a signal sent to the tracer
does at each level.

    interruptible.py SNARE LEVEL

The program is `cat`, traced with -o FILE -e trace=read, reading a pipe of
ours; once it sleeps in read(2) under its tracer, the tracer is sent the
signals of the level's case one by one. After each, we wait (polling /proc,
never a fixed delay) until the tracer has dealt with it: it is gone, it is
stopped, or its SigIgn mask holds the signal (the kernel then drops it when
it is sent). Then, if the tracer lives on, a line written to cat must come
back through it (tracing goes on), and the pipe is closed. We are a child
subreaper, so a program its tracer left behind becomes ours and we learn
how it ended. Both tracers must agree on: the tracer's exit (status or
signal), whether it lived on, stopped, passed the line, how the program
ended, and whether the trace ends with "+++ exited with 0 +++".

1 anywhere:   SIGTERM kills the tracer at once.
              (The one difference we keep: the program snare spawned dies
              with it, PTRACE_O_EXITKILL, where strace leaves it running
              untraced.)
2 waiting:    SIGTERM ends tracing: the program gets the same signal and
              is let go; the tracer dies of that signal.
3 never:      SIGTERM, SIGINT, SIGHUP, SIGQUIT are ignored for the whole
              run; SIGTSTP still stops the tracer (we send SIGCONT).
4 never_tstp: the same, and SIGTSTP is ignored too.
"""
import ctypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SNARE = sys.argv[1]
# "2i": level 2 with the tracer started with SIGINT and SIGQUIT ignored,
# as a background job of a script starts it: strace sets its own handlers
# whatever it inherited, so kill -INT still ends it.
IGNORED_AT_START = sys.argv[2].endswith("i")
LEVEL = int(sys.argv[2].rstrip("i"))
STRACE = shutil.which("strace")
PR_SET_CHILD_SUBREAPER = 36
failures = []

CASES = {
    1: [signal.SIGTERM],
    2: [signal.SIGTERM],
    3: [signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT,
        signal.SIGTSTP],
    4: [signal.SIGTSTP, signal.SIGTERM, signal.SIGINT, signal.SIGHUP,
        signal.SIGQUIT],
}


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)
    return cond


def status(pid):
    """/proc/PID/status as a dict, or None once it is gone."""
    try:
        with open("/proc/%d/status" % pid) as f:
            return dict(l.rstrip("\n").split(":\t", 1) for l in f
                        if ":\t" in l)
    except OSError:
        return None


def in_mask(st, field, sig):
    return bool(int(st.get(field, "0"), 16) & (1 << (sig - 1)))


def find_program(tracer, deadline):
    """The traced cat once it sleeps in read(2) (the tracer may have other
    children, as snare's waker)."""
    path = "/proc/%d/task/%d/children" % (tracer.pid, tracer.pid)
    while time.monotonic() < deadline and tracer.poll() is None:
        try:
            kids = [int(k) for k in open(path).read().split()]
        except OSError:
            kids = []
        for k in kids:
            st = status(k)
            try:
                nr = open("/proc/%d/syscall" % k).read().split()[0]
            except (OSError, IndexError):
                continue
            if st and st.get("Name") == "cat" and \
                    st.get("TracerPid") == str(tracer.pid) and nr == "0":
                return k
        time.sleep(0.01)
    return None


def dealt_with(tracer, sig, deadline):
    """Wait until the tracer is gone, stopped, or ignores sig. Returns
    "gone", "stopped" or "ignored"."""
    while time.monotonic() < deadline:
        if tracer.poll() is not None:
            return "gone"
        st = status(tracer.pid)
        if st is None:
            continue
        if st["State"].startswith("T"):
            return "stopped"
        if in_mask(st, "SigIgn", sig) and \
                not in_mask(st, "SigPnd", sig) and \
                not in_mask(st, "ShdPnd", sig):
            return "ignored"
        time.sleep(0.01)
    return "timeout"


def outcome(tool, tmp):
    out = os.path.join(tmp, "%s.%d" % (tool, LEVEL))
    argv = [STRACE] if tool == "strace" else [SNARE, "trace"]
    argv += ["-I", str(LEVEL), "-o", out, "-e", "trace=read", "cat"]
    in_r, in_w = os.pipe()
    out_r, out_w = os.pipe()
    def setup():
        # Its own process group, with us (its parent) outside it in the
        # same session: never an orphaned group, whose SIGTSTP the kernel
        # drops (as under a CI runner started with setsid).
        os.setpgid(0, 0)
        if IGNORED_AT_START:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGQUIT, signal.SIG_IGN)
    tracer = subprocess.Popen(argv, stdin=in_r, stdout=out_w,
                              stderr=subprocess.DEVNULL, preexec_fn=setup)
    os.close(in_r)
    os.close(out_w)
    res = {"steps": []}
    deadline = time.monotonic() + 30
    try:
        prog = find_program(tracer, deadline)
        if not check(prog, "%s: the program never slept in read" % tool):
            return None
        for sig in [signal.SIGINT] if IGNORED_AT_START else CASES[LEVEL]:
            os.kill(tracer.pid, sig)
            step = dealt_with(tracer, sig, deadline)
            res["steps"].append((signal.Signals(sig).name, step))
            if step == "stopped":
                os.kill(tracer.pid, signal.SIGCONT)
                while time.monotonic() < deadline:
                    st = status(tracer.pid)
                    if not st or not st["State"].startswith("T"):
                        break
                    time.sleep(0.01)
            if step != "ignored" and step != "stopped":
                break
        res["echoed"] = None
        if tracer.poll() is None:
            os.write(in_w, b"x\n")
            res["echoed"] = os.read(out_r, 2)
        os.close(in_w)
        in_w = -1
        res["rc"] = tracer.wait(timeout=30)
        try:
            _, st = os.waitpid(prog, 0)
            res["program"] = ("exit %d" % os.WEXITSTATUS(st)
                              if os.WIFEXITED(st)
                              else "signal %d" % os.WTERMSIG(st))
        except ChildProcessError:
            res["program"] = "reaped by its tracer"
    finally:
        if in_w >= 0:
            os.close(in_w)
        os.close(out_r)
        if tracer.poll() is None:
            tracer.kill()
            tracer.wait()
    with open(out) as f:
        res["complete"] = f.read().endswith("+++ exited with 0 +++\n")
    print(tool, res)
    return res


def main():
    if not STRACE:
        print("no strace")
        return 77
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        print("no child subreaper")
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        want = outcome("strace", tmp)
        got = outcome("snare", tmp)
    if want and got:
        if LEVEL == 1:
            # EXITKILL: the spawned program does not outlive snare.
            check(want["program"] == "exit 0", "strace: %r" % want)
            check(got["program"] == "signal %d" % signal.SIGKILL,
                  "snare: %r" % got)
            want = dict(want, program=None)
            got = dict(got, program=None)
        check(got == want, "level %d: strace %r, snare %r" %
              (LEVEL, want, got))
    print("FAILED" if failures else "ok", LEVEL)
    return 1 if failures else 0


sys.exit(main())
