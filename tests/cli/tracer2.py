#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""More of the tracer's behaviour where strace 6.1's test suite checks it.

    tracer2.py SNARE TRACEES FAMILY

summary:    -c counts a syscall's system (CPU) time, so a sleep costs
            nothing; -w counts the wall clock; -O/--summary-syscall-overhead
            takes a fixed time (us without a unit; s, ms, us, ns) off each
            call; a bad -O is refused in strace's words.
"""
import os
import re
import subprocess
import sys

SNARE, TRACEES, FAMILY = sys.argv[1], sys.argv[2], sys.argv[3]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)
    return cond


def run(argv, **kw):
    kw.setdefault("timeout", 60)
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, **kw)


def prog(name):
    return os.path.join(TRACEES, name)


def nanosleep_seconds(opts):
    """The seconds column of nanosleep's -c row, or None."""
    r = run([SNARE, "trace"] + opts + ["-e", "trace=nanosleep", "--",
                                       prog("cli_tracer2"), "sleep", "300"])
    if not check(r.returncode == 0, "%s: rc %d %r" % (opts, r.returncode,
                                                      r.stderr)):
        return None
    m = re.search(r"^ *[0-9.]+ +([0-9.]+) +[0-9]+ +1 +nanosleep$",
                  r.stderr, re.M)
    if not check(m, "%s: no nanosleep row in %r" % (opts, r.stderr)):
        return None
    return float(m.group(1))


def family_summary():
    # A 300 ms sleep uses next to no CPU: strace's -c shows 0.0x.
    s = nanosleep_seconds(["-c"])
    check(s is not None and s < 0.1, "-c: %r (want CPU time)" % s)
    s = nanosleep_seconds(["-C"])
    check(s is not None and s < 0.1, "-C: %r (want CPU time)" % s)
    s = nanosleep_seconds(["-c", "-w"])
    check(s is not None and 0.29 <= s < 2, "-cw: %r (want wall)" % s)
    for o in ("-O150ms", "--summary-syscall-overhead=0.15s", "-O1.5e5",
              "-O150000us", "-O150000000ns"):
        s = nanosleep_seconds(["-cw", o])
        check(s is not None and 0.14 <= s < 0.29, "-cw %s: %r" % (o, s))
    # More overhead than the call took: 0, not negative.
    s = nanosleep_seconds(["-cw", "-O5s"])
    check(s == 0, "-cw -O5s: %r" % s)
    for bad, msg in (("-Ox", "invalid -O argument: 'x'"),
                     ("-O-1", "invalid -O argument: '-1'"),
                     ("-O1h", "invalid -O argument: '1h'"),
                     ("--summary-syscall-overhead=", "invalid "
                      "--summary-syscall-overhead argument: ''")):
        r = run([SNARE, "trace", "-c", bad, "true"])
        check(r.returncode == 1 and msg in r.stderr,
              "%s: rc %d %r" % (bad, r.returncode, r.stderr))


def main():
    fn = globals().get("family_" + FAMILY)
    if not fn:
        print("no family", FAMILY)
        return 2
    fn()
    print("FAILED" if failures else "ok", FAMILY)
    return 1 if failures else 0


sys.exit(main())
