#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`snare trace` against strace 6.1 on two process-level events.

    execln.py SNARE TRACEE_DIR FAMILY

exec: a thread other than the leader execs while the leader blocks in
pause() (tracees/cli_exec_pause.c). strace ends the leader's call
"<... pause resumed>) = ?", prints "+++ superseded by execve in pid N +++"
and the execve's return on the leader's pid; with -ff the exec'ing
thread's own file ends " <pid changed to N ...>". The lines must be
strace's, pids and addresses aside, with -f -o, -f on stderr and -ff; the
--json objects must say the same (no return value for the pause).

stopped: attaching (-p) to a process already stopped by SIGSTOP
(tracees/stopme.c): strace prints "--- stopped by SIGSTOP ---" and the
process stays stopped until SIGCONT. The traces must be the same.

Synchronisation is by pipes, the tracee's own /proc polling and /proc
state, never by sleeping. Without strace: skipped (exit 77).
"""
import json
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import time

from clitest import ENV, check, run, run_family, skip_without_strace, tracer_argv

SNARE, TRACEES, FAMILY = sys.argv[1], sys.argv[2], sys.argv[3]
TMP = tempfile.mkdtemp(prefix="snare-execln-")
TRACE_SET = "trace=execve,pause,exit_group"


def normalise(lines):
    """Pids by order of appearance (P1, P2...), addresses, env counts;
    the tracers' own messages left out."""
    pids, out = {}, []
    for line in lines:
        if re.match(r"^(\S*/)?(strace|snare): ", line):
            continue
        line = re.sub(r"0x[0-9a-f]{5,}", "ADDR", line)
        line = re.sub(r"/\* \d+ vars \*/", "/* N vars */", line)
        line = re.sub(r"(^|\[pid +|in pid |si_pid=|changed to )(\d+)",
                      lambda m: m.group(1) + "P%d" % pids.setdefault(
                          m.group(2), len(pids) + 1), line)
        out.append(line)
    return out


def same(label, ref, got):
    if check(ref == got, "%s: snare's lines differ from strace's" % label):
        return
    for a, b in zip(ref + [""] * len(got), got + [""] * len(ref)):
        if a != b:
            print("  strace %r\n  snare  %r" % (a, b))


def fam_exec():
    prog = os.path.join(TRACEES, "cli_exec_pause")
    # -f -o FILE: "PID " on every line; -f on stderr: "[pid N] " while two
    # threads are traced, none on the lines after the leader's.
    # A leader spinning in user code has no call to end: the execve line
    # ends " <pid changed to N ...>".
    for opts, label, args in ((["-f", "-o"], "-f -o", []),
                              (["-q", "-f"], "-f stderr", []),
                              (["-f", "-o"], "spin", ["spin"])):
        res = {}
        for tool in ("strace", "snare"):
            out = os.path.join(TMP, tool + ".out")
            argv = tracer_argv(tool, SNARE) + ["-e", TRACE_SET] + opts
            if opts[-1] == "-o":
                argv.append(out)
            p = run(argv + ["--", prog] + args)
            check(p.returncode == 0, "%s %s: exit %d" % (tool, label,
                                                        p.returncode))
            if opts[-1] == "-o":
                with open(out) as f:
                    text = f.read()
            else:
                text = p.stderr.decode()
            res[tool] = normalise(text.splitlines())
        same(label, res["strace"], res["snare"])
        check(any("superseded by execve in pid" in l for l in res["snare"]),
              "%s: no superseded line" % label)
    # -ff: one file per thread; the leader's holds the supersession and
    # the execve's return, the thread's ends " <pid changed to N ...>".
    files = {}
    for tool in ("strace", "snare"):
        d = os.path.join(TMP, tool)
        os.mkdir(d)
        p = run(tracer_argv(tool, SNARE) + ["-e", TRACE_SET, "-ff", "-o",
                                os.path.join(d, "t"), "--", prog])
        check(p.returncode == 0, "%s -ff: exit %d" % (tool, p.returncode))
        names = sorted(os.listdir(d), key=lambda n: int(n.split(".")[1]))
        texts = []
        for n in names:
            with open(os.path.join(d, n)) as f:
                texts.append(f.read().splitlines())
        # The leader's file first (the program's own execve opens it).
        texts.sort(key=lambda t: not t or "done" in t[0])
        files[tool] = normalise(sum(texts, []))
        check(len(names) == 2, "%s -ff: %d files" % (tool, len(names)))
    same("-ff", files["strace"], files["snare"])
    # --json: the leader's pause has no return value, then "superseded",
    # then the execve's return on the leader's tid.
    p = run([SNARE, "trace", "--json", "-f", "-e", TRACE_SET, "--", prog])
    objs = [json.loads(l) for l in p.stderr.decode().splitlines()
            if l.startswith("{")]
    check(p.returncode == 0, "--json: exit %d" % p.returncode)
    leader = objs[0]["pid"] if objs else 0
    seq = [(o["type"], o.get("name"), o.get("retval"), o.get("text"),
            o.get("unfinished")) for o in objs
           if o["tid"] == leader and o["type"] != "attached"]
    sup = [o for o in objs if o["type"] == "superseded"]
    check(len(sup) == 1 and sup[0]["tid"] == leader and
          sup[0]["by"] != leader and
          any(o["tid"] == sup[0]["by"] for o in objs),
          "--json: superseded %r" % sup)
    pause = [s for s in seq if s[1] == "pause"]
    check(pause == [("syscall", "pause", None, "pause() = ?", True)],
          "--json: pause %r" % pause)
    check(len(seq) >= 4 and seq[1][1] == "pause" and
          seq[2][0] == "superseded" and seq[3][1] == "execve" and
          seq[3][2] == 0 and "done" in seq[3][3],
          "--json: the leader's objects %r" % seq[:5])
    check(not any(o.get("name") == "execve" and o.get("unfinished")
                  for o in objs), "--json: an execve without a return")


def wait_state(pid, states, deadline=10.0):
    """Poll /proc/PID/stat until its state is one of states."""
    end = time.monotonic() + deadline
    while True:
        with open("/proc/%d/stat" % pid) as f:
            st = f.read().rsplit(")", 1)[1].split()[0]
        if st in states:
            return st
        if time.monotonic() >= end:
            return None
        time.sleep(0.001)


def wait_syscall(pid, nr, deadline=10.0):
    """Poll /proc/PID/syscall until the process blocks in syscall nr."""
    end = time.monotonic() + deadline
    while True:
        with open("/proc/%d/syscall" % pid) as f:
            if f.read().split()[0] == str(nr):
                return True
        if time.monotonic() >= end:
            return False
        time.sleep(0.001)


def read_line(f, deadline=10.0):
    """One line of f, or None at the deadline (no hang on a missing line)."""
    buf = b""
    end = time.monotonic() + deadline
    while not buf.endswith(b"\n"):
        left = end - time.monotonic()
        if left <= 0 or not select.select([f], [], [], left)[0]:
            return None
        c = os.read(f.fileno(), 1)
        if not c:
            break
        buf += c
    return buf.decode()


def attach_stopped(tool):
    """Trace stopme from a stopped state to its exit; returns its lines."""
    t = subprocess.Popen([os.path.join(TRACEES, "stopme")],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    lines = []
    try:
        check(t.stdout.readline() == b"ready\n", "stopme: no ready")
        # Stopped inside its read(2) of stdin, as under both tracers.
        check(wait_syscall(t.pid, 0), "stopme: not in read(2)")
        os.kill(t.pid, signal.SIGSTOP)
        check(wait_state(t.pid, "T") == "T", "stopme: not stopped")
        s = subprocess.Popen(tracer_argv(tool, SNARE) + ["-p", str(t.pid)],
                             stderr=subprocess.PIPE, env=ENV)
        while True:
            line = read_line(s.stderr)
            if not check(line is not None,
                         "%s: no \"--- stopped by SIGSTOP ---\" after the "
                         "attach (got %r)" % (tool, lines)):
                s.kill()
                s.wait()
                return lines
            lines.append(line.rstrip("\n"))
            if line.startswith("---"):
                break
        # Still stopped, now in the tracer's hands: a stop ("t"), not
        # back in read(2) ("S").
        st = wait_state(t.pid, "tT", 0)
        check(st is not None, "%s: the process was resumed" % tool)
        t.stdin.write(b"late\n")
        t.stdin.close()
        os.kill(t.pid, signal.SIGCONT)
        rest = s.stderr.read().decode()
        check(s.wait(timeout=20) == 0, "%s: exit %d" % (tool, s.returncode))
        lines += rest.splitlines()
        out = t.stdout.read()
        check(out == b"echo late\nconts 1\n", "stopme output %r" % out)
    finally:
        if t.poll() is None:
            t.kill()
        t.wait()
    return lines


def fam_stopped():
    ref = attach_stopped("strace")
    got = attach_stopped("snare")
    check(len(got) > 1 and got[1] == "--- stopped by SIGSTOP ---",
          "snare: second line %r" % got[1:2])
    same("stopped", normalise(ref), normalise(got))


FAMILIES = {"exec": fam_exec, "stopped": fam_stopped}

if __name__ == "__main__":
    skip_without_strace()
    sys.exit(run_family(FAMILIES, FAMILY, tmp=TMP))
