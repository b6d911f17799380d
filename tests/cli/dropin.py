#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`snare trace` as a drop-in for strace: what it does to the program and to
its own exit, with strace 6.1 as the oracle where it runs.

    dropin.py SNARE FAMILY

signals: a signal ignored when snare starts stays ignored in the program
         (nohup snare trace ...); a program killed by signal N kills snare
         with N, as strace re-raises it.
output:  the reader of the trace going away (EPIPE) ends tracing: snare dies
         of SIGPIPE, a spawned program is not traced on to its end, an
         attached one is detached and keeps running; a write error on -o
         FILE is reported once and the program's status is kept.
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile

SNARE, FAMILY = sys.argv[1], sys.argv[2]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def run(cmd, **kw):
    kw.setdefault("capture_output", True)
    kw.setdefault("text", True)
    kw.setdefault("timeout", 60)
    return subprocess.run(cmd, **kw)


def ignoring(sig):
    """preexec_fn: start the child with sig ignored, as nohup does."""
    return lambda: signal.signal(sig, signal.SIG_IGN)


def tracers():
    out = [("snare", [SNARE, "trace"])]
    if shutil.which("strace"):
        out.append(("strace", ["strace"]))
    return out


def family_signals():
    script = 'kill -HUP $$; echo survived'
    for name, tracer in tracers():
        p = run(tracer + ["-o", "/dev/null", "--", "sh", "-c", script],
                preexec_fn=ignoring(signal.SIGHUP))
        check(p.returncode == 0 and p.stdout == "survived\n",
              "%s: ignored SIGHUP reached the program: rc %d, out %r"
              % (name, p.returncode, p.stdout))
    # Ignored SIGINT/SIGQUIT (a background job of a non-interactive shell).
    for sig in (signal.SIGINT, signal.SIGQUIT, signal.SIGTERM):
        p = run([SNARE, "trace", "-o", "/dev/null", "--", "sh", "-c",
                 "kill -%d $$; echo survived" % sig],
                preexec_fn=ignoring(sig))
        check(p.returncode == 0 and p.stdout == "survived\n",
              "ignored signal %d reached the program: rc %d" % (sig, p.returncode))
    # Death by signal is passed on, not turned into an exit code.
    for sig in (signal.SIGTERM, signal.SIGUSR1, signal.SIGKILL):
        got = {}
        for name, tracer in tracers():
            p = run(tracer + ["-o", "/dev/null", "--", "sh", "-c",
                              "kill -%d $$" % sig])
            got[name] = p.returncode
        check(got["snare"] == -sig,
              "killed by %d: snare's status %r, want death by %d"
              % (sig, got["snare"], sig))
        if "strace" in got:
            check(got["snare"] == got["strace"],
                  "killed by %d: snare %r, strace %r" % (sig, got["snare"], got["strace"]))
    # A normal exit code is still passed as is.
    p = run([SNARE, "trace", "-o", "/dev/null", "--", "sh", "-c", "exit 7"])
    check(p.returncode == 7, "exit 7 gave %d" % p.returncode)


def first_line_then_close(cmd, stderr_too=True):
    """Run cmd with its trace on a pipe, read one line, close the pipe (as
    `| head -1`), and return (returncode, line)."""
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    line = p.stderr.readline()
    p.stderr.close()
    try:
        rc = p.wait(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        rc = None
    return rc, line


def family_output():
    tmp = tempfile.mkdtemp(prefix="snare-dropin-")
    try:
        # A spawned program: traced no further once the reader is gone.
        marker = os.path.join(tmp, "done")
        loop = ('i=0; while [ $i -lt 3000 ]; do i=$((i+1)); /bin/true; done; '
                'echo done > %s' % marker)
        rc, line = first_line_then_close([SNARE, "trace", "--", "sh", "-c", loop])
        check(line.startswith("execve("), "spawn: first line %r" % line)
        check(rc == -signal.SIGPIPE, "spawn: status %r, want death by SIGPIPE" % rc)
        check(not os.path.exists(marker),
              "spawn: the program was traced to its end after EPIPE")

        # An attached program: detached, still running, not stopped.
        busy = subprocess.Popen(["sh", "-c", "while :; do /bin/true; done"])
        try:
            rc, line = first_line_then_close([SNARE, "trace", "-p", str(busy.pid)])
            check(rc == -signal.SIGPIPE, "attach: status %r, want death by SIGPIPE" % rc)
            status = open("/proc/%d/status" % busy.pid).read()
            fields = dict(l.split(":", 1) for l in status.splitlines() if ":" in l)
            check(fields["TracerPid"].strip() == "0",
                  "attach: still traced after snare died")
            check(not fields["State"].strip().startswith(("t", "T")),
                  "attach: left stopped: %s" % fields["State"].strip())
            check(busy.poll() is None, "attach: the program died")
        finally:
            busy.kill()
            busy.wait()

        # A full disk: said once, and the program's status is kept.
        for name, tracer in tracers():
            p = run(tracer + ["-o", "/dev/full", "--", "sh", "-c", "exit 3"])
            check(p.returncode == 3, "%s: /dev/full: status %d" % (name, p.returncode))
            check("/dev/full: No space left on device" in p.stderr,
                  "%s: /dev/full: no message: %r" % (name, p.stderr))
        p = run([SNARE, "trace", "-o", "/dev/full", "--", "sh", "-c", "exit 3"])
        check(p.stderr.count("No space left on device") == 1,
              "/dev/full: said %d times" % p.stderr.count("No space left on device"))
    finally:
        shutil.rmtree(tmp)


FAMILIES = {"signals": family_signals, "output": family_output}
FAMILIES[FAMILY]()
if failures:
    print("%d failure(s)" % len(failures))
    sys.exit(1)
print("ok")
