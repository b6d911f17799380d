#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""More of the tracer's behaviour where strace 6.1's test suite checks it.

    tracer2.py SNARE TRACEES FAMILY

summary:    -c counts a syscall's system (CPU) time, so a sleep costs
            nothing; -w counts the wall clock; -O/--summary-syscall-overhead
            takes a fixed time (us without a unit; s, ms, us, ns) off each
            call; a bad -O is refused in strace's words. -U/--summary-columns
            picks and orders the columns (the name always shows).
"""
import os
import re
import sys

from clitest import check, families_of, run_family, run_text as run

SNARE, TRACEES, FAMILY = sys.argv[1], sys.argv[2], sys.argv[3]


def prog(name):
    return os.path.join(TRACEES, name)


def nanosleep_seconds(opts):
    """The seconds column of nanosleep's -c row, or None."""
    r = run([SNARE, "trace"] + opts + ["-e", "trace=nanosleep", "--",
                                       prog("cli_tracer2"), "sleep", "200"])
    if not check(r.returncode == 0, "%s: rc %d %r" % (opts, r.returncode,
                                                      r.stderr)):
        return None
    m = re.search(r"^ *[0-9.]+ +([0-9.]+) +[0-9]+ +1 +nanosleep$",
                  r.stderr, re.M)
    if not check(m, "%s: no nanosleep row in %r" % (opts, r.stderr)):
        return None
    return float(m.group(1))


def family_summary():
    # A 200 ms sleep uses next to no CPU: strace's -c shows 0.0x.
    s = nanosleep_seconds(["-c"])
    check(s is not None and s < 0.1, "-c: %r (want CPU time)" % s)
    s = nanosleep_seconds(["-C"])
    check(s is not None and s < 0.1, "-C: %r (want CPU time)" % s)
    s = nanosleep_seconds(["-c", "-w"])
    check(s is not None and s >= 0.19, "-cw: %r (want wall)" % s)
    # Ten seconds, spelt in every unit, is more than the call took: 0
    # (never negative); a millisecond leaves most of it.
    for o in ("-O10s", "--summary-syscall-overhead=1e4ms", "-O1e7",
              "-O10000000us", "-O1e10ns", "-O0.01e3s"):
        s = nanosleep_seconds(["-cw", o])
        check(s == 0, "-cw %s: %r" % (o, s))
    for o in ("-O1ms", "-O1000", "-O1e6ns", "-O1000us", "-O0.001s"):
        s = nanosleep_seconds(["-cw", o])
        check(s is not None and s >= 0.19, "-cw %s: %r" % (o, s))
    for bad, msg in (("-Ox", "invalid -O argument: 'x'"),
                     ("-O-1", "invalid -O argument: '-1'"),
                     ("-O1h", "invalid -O argument: '1h'"),
                     ("--summary-syscall-overhead=", "invalid "
                      "--summary-syscall-overhead argument: ''")):
        r = run([SNARE, "trace", "-c", bad, "true"])
        check(r.returncode == 1 and msg in r.stderr,
              "%s: rc %d %r" % (bad, r.returncode, r.stderr))
    r = run([SNARE, "trace", "-c", "-U", "time,time-max,calls",
             "-S", "max_time", "-e", "trace=nanosleep,getpid", "--",
             prog("cli_tracer2"), "sleep", "20"])
    lines = r.stderr.splitlines()
    check(r.returncode == 0 and len(lines) == 5, "-U: %r" % r.stderr)
    if lines:
        check(lines[0] == "% time  longest     calls syscall",
              "-U header: %r" % lines[0])
    if len(lines) == 5:
        check(lines[1] == "------ -------- --------- ----------------",
              "-U dashes: %r" % lines[1])
        check(re.match(r"^100\.00 +[0-9]+\.[0-9]{6} +1 nanosleep$",
                       lines[2]), "-U row: %r" % lines[2])
        check(re.match(r"^100\.00 +[0-9]+\.[0-9]{6} +1 total$", lines[4]),
              "-U total: %r" % lines[4])
    for bad, msg in (("time,bogus", "unknown column name: 'bogus'"),
                     ("calls,name,count", "call summary column has been "
                      "provided more than once: 'count' (-U option "
                      "residual: 'count')")):
        r = run([SNARE, "trace", "-c", "--summary-columns=" + bad, "true"])
        check(r.returncode == 1 and r.stderr.startswith("snare: %s\n" % msg),
              "-U %s: rc %d %r" % (bad, r.returncode, r.stderr))


sys.exit(run_family(families_of(globals()), FAMILY))
