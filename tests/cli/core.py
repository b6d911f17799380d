#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`snare core -p PID` and `snare trace --break LOC --gdb`.

    core.py SNARE TRACEE_DIR core|handoff

core: a core file of a running process, which goes on.
The `threads 3 hold` tracee has three threads blocked in thread_main
(reading stdin) while main joins them. snare core attaches, writes the
core and detaches: gdb -batch shows four threads, three in thread_main and
one in main; the process is untraced and, once its stdin is closed, exits 0
with its usual output. Bad usage and a core that cannot be written are
errors (exit 1) that leave the process as it was.

handoff: `snare trace -e trace=none --break checkpoint --gdb` on
`core_threads 3` (stdin not a terminal) prints a gdb command at each of the
three hits; each time `gdb -batch -p PID -ex 'info registers rip' -ex
detach` finds the process at checkpoint, snare takes it back and goes on:
three hit lines, three hand-offs, and the program's output and exit status
are unchanged.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

from clitest import check, failures

SNARE, TRACEES, FAMILY = sys.argv[1], sys.argv[2], sys.argv[3]
PROG = os.path.join(TRACEES, "threads")
GDB = ["gdb", "-nx", "-batch", "-iex", "set debuginfod enabled off",
       "-iex", "set debug-file-directory /nonexistent"]


def tracer_pid(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("TracerPid:"):
                return int(line.split()[1])
    return -1


def gdb_threads(core):
    out = subprocess.run(
        ["gdb", "-nx", "-batch", "-iex", "set debuginfod enabled off",
         "-iex", "set debug-file-directory /nonexistent",
         "-ex", "thread apply all bt", PROG, core],
        capture_output=True, text=True, timeout=60).stdout
    threads, cur = [], None
    for line in out.splitlines():
        if line.startswith("Thread "):
            cur = []
            threads.append(cur)
        elif line.startswith("#") and cur is not None:
            m = re.match(r"#\d+\s+(?:0x[0-9a-f]+ in )?(\S+) \(", line)
            if m:
                cur.append(m.group(1))
    return threads, out


def handoff():
    prog = os.path.join(TRACEES, "core_threads")
    s = subprocess.Popen([SNARE, "trace", "-e", "trace=none", "--break",
                          "checkpoint", "--gdb", "--", prog, "3"],
                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    err = []
    try:
        for n in range(1, 4):
            pid = None
            while pid is None:
                line = s.stderr.readline()
                if not line:
                    break
                err.append(line)
                m = re.search(r"handed off at [^:]*: run 'gdb -p (\d+)'", line)
                if m:
                    pid = int(m.group(1))
            check(pid is not None, "hand-off %d announced: %r" % (n, err))
            if pid is None:
                break
            check(tracer_pid(pid) == 0, "untraced while handed off")
            out = subprocess.run(GDB + ["-p", str(pid), "-ex", "info registers rip",
                                        "-ex", "detach"],
                                 capture_output=True, text=True, timeout=60).stdout
            check("<checkpoint" in out, "gdb finds it at checkpoint:\n" + out[-2000:])
        out, rest = s.communicate(timeout=60)
        err.append(rest)
    finally:
        if s.poll() is None:
            s.kill()
            s.wait()
    text = "".join(err)
    check(s.returncode == 0, "exit 0: %d\n%s" % (s.returncode, text))
    check(out == "alpha 1\nbeta 20\ngamma 300\ntotal 321 marker 24307\n",
          "program output: %r" % out)
    check(len(re.findall(r"checkpoint\(\d", text)) == 3, "three hit lines:\n" + text)
    check(text.count("taken back from gdb") == 3, "three take-backs:\n" + text)
    r = subprocess.run([SNARE, "trace", "--gdb", "--", prog], capture_output=True,
                       text=True, timeout=60)
    check(r.returncode == 1 and "--gdb needs a --break" in r.stderr,
          "--gdb without --break: %r" % r.stderr)


def main():
    if not shutil.which("gdb"):
        print("gdb not found: skipped")
        return 77
    if FAMILY == "handoff":
        handoff()
        print("%d failure(s)" % len(failures))
        return 1 if failures else 0
    tmp = tempfile.mkdtemp(prefix="snare-core-cli-")
    t = subprocess.Popen([PROG, "3", "hold"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, text=True)
    try:
        check(t.stdout.readline() == "ready 3\n", "tracee ready")
        core = os.path.join(tmp, "core")
        r = subprocess.run([SNARE, "core", "-p", str(t.pid), "-o", core],
                           capture_output=True, text=True, timeout=60)
        check(r.returncode == 0, "snare core exit 0: %r" % r.stderr)
        check(("wrote " + core) in r.stderr, "says where: %r" % r.stderr)
        check(tracer_pid(t.pid) == 0, "detached after the dump")
        threads, out = gdb_threads(core)
        check(len(threads) == 4, "gdb sees 4 threads:\n" + out[-3000:])
        check(sum("thread_main" in f for f in threads) == 3,
              "three threads in thread_main:\n" + out[-3000:])
        check(sum("main" in f and "thread_main" not in f for f in threads) == 1,
              "one thread in main:\n" + out[-3000:])

        # Errors: usage, no such process, an unwritable file.
        r = subprocess.run([SNARE, "core"], capture_output=True, text=True)
        check(r.returncode == 1 and "-p PID" in r.stderr, "no -p: %r" % r.stderr)
        r = subprocess.run([SNARE, "core", "-p", "x1"], capture_output=True,
                           text=True)
        check(r.returncode == 1 and "bad pid" in r.stderr, "bad pid: %r" % r.stderr)
        bad = os.path.join(tmp, "no", "such", "dir", "core")
        r = subprocess.run([SNARE, "core", "-p", str(t.pid), "-o", bad],
                           capture_output=True, text=True, timeout=60)
        check(r.returncode == 1 and bad in r.stderr,
              "unwritable file: %r" % r.stderr)
        check(tracer_pid(t.pid) == 0, "detached after a failed dump")
        r = subprocess.run([SNARE, "core", "--help"], capture_output=True,
                           text=True)
        check(r.returncode == 0 and "Usage: snare core" in r.stdout, "--help")

        t.stdin.close()
        rest = t.stdout.read()
        check(t.wait(timeout=60) == 0, "tracee exits 0")
        check(rest == "threads 3 ran 3\n", "tracee output: %r" % rest)
    finally:
        if t.poll() is None:
            t.kill()
            t.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d failure(s)" % len(failures))
    return 1 if failures else 0


sys.exit(main())
