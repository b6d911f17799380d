#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Compare `snare trace -f` with `strace -f` on real programs.

    realworld.py SNARE TRACEE_DIR

For each program, both tracers write -o files; the traces are compared per
process (pids in creation order), events aligned in order, with pids,
addresses, times and random bytes normalised. Prints the share of events
whose syscall name and return value match strace's (target >= 99%) and
the share whose whole text is identical (target >= 90%), per program and
overall, and fails below either target. Exit 77 when strace is missing.

Left out of both traces: futex calls and calls the kernel restarts. How
many there are depends on the tracee's own timing (lock contention between
Python's threads, a shell's wait4 racing with SIGCHLD), not on the tracer:
two strace runs differ there too.
"""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tracecmp import compare_traces, parse, timing_dependent  # noqa: E402
from clitest import ENV, skip_without_strace, tracer_argv  # noqa: E402

SNARE = sys.argv[1]
NAME_TARGET, TEXT_TARGET = 99.0, 90.0
TIMING = {"futex"}


def kept(lines):
    """The events compared (see the module comment)."""
    return [e for e in parse(lines)
            if not timing_dependent(e, TIMING, restarts=False)]

THREADS_PY = """
import threading
def work(i):
    open('/dev/null').close()
ts = [threading.Thread(target=work, args=(i,)) for i in range(3)]
for t in ts:
    t.start()
    t.join()
"""


def programs(tmp):
    src = os.path.join(tmp, "dir")
    os.mkdir(src)
    for i in range(3):
        with open(os.path.join(src, "f%d.txt" % i), "w") as f:
            f.write("line %d\n" % i * 50)
    tgz = os.path.join(tmp, "out.tar.gz")
    return [
        ("ls", ["ls", "-l", src]),
        ("pipeline", ["sh", "-c", "echo hi | tr a-z A-Z"]),
        ("python3", ["python3", "-c", "pass"]),
        ("find", ["find", "/usr/include", "-maxdepth", "1", "-name", "*.h"]),
        ("tar+gzip", ["sh", "-c", "tar cf - -C %s dir | gzip -c > %s"
                      % (tmp, tgz)]),
        ("threads", ["python3", "-c", THREADS_PY]),
    ]


def trace(tool, argv, out):
    cmd = tracer_argv(tool, SNARE) + ["-f", "-o", out, "--"] + argv
    env = dict(ENV, PYTHONDONTWRITEBYTECODE="1")
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, env=env, timeout=30)
    with open(out, "rb") as f:
        return p.returncode, f.read().decode("utf-8", "replace").splitlines()


def main():
    skip_without_strace()
    tmp = tempfile.mkdtemp(prefix="snare-realworld-")
    total = names = texts = 0
    failed = False
    verbose = os.environ.get("SNARE_REALWORLD_VERBOSE")
    try:
        for label, argv in programs(tmp):
            rs, ls = trace("strace", argv, os.path.join(tmp, "s.out"))
            rn, ln = trace("snare", argv, os.path.join(tmp, "n.out"))
            pct, tpct, diffs = compare_traces(ls, ln, ignore=TIMING,
                                              restarts=False)
            n = max(len(kept(ls)), len(kept(ln)))
            total += n
            names += pct * n / 100
            texts += tpct * n / 100
            print("%-9s %5d events  name+retval %6.2f%%  text %6.2f%%  "
                  "exit %d/%d" % (label, n, pct, tpct, rn, rs))
            if rn != rs:
                print("  exit status differs: snare %d, strace %d" % (rn, rs))
                failed = True
            for a, b in diffs[:int(verbose or 3)]:
                print("    strace: %s\n    snare:  %s" % (a[:160], b[:160]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    npct = 100.0 * names / total if total else 100.0
    tpct = 100.0 * texts / total if total else 100.0
    print("overall: %d events, name+retval %.2f%% (target %.0f%%), "
          "identical text %.2f%% (target %.0f%%)"
          % (total, npct, NAME_TARGET, tpct, TEXT_TARGET))
    ok = not failed and npct >= NAME_TARGET and tpct >= TEXT_TARGET
    print("realworld: %d passed, %d failed" % (ok, not ok))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
