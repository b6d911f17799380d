#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`snare trace --break` as ltrace, and `-b execve` as strace, one family
per run.

    ltrace.py SNARE TRACEE_DIR FAMILY

The tracee (tests/tracees/retbp_calls.c) prints what it did: the values
malloc gave it, its pid, its tracer... Each family compares those with
the lines snare prints for the same calls: arguments and return values,
the <unfinished ...>/<... resumed> pairs of two threads in one function,
calls that never return, patterns armed before and after their library
is loaded, the register fallback for assembler functions, --json, the
--hw refusal (or hits where debug registers work) and its exit status,
and detach on execve against strace. ltrace is not used. Synchronisation
is by pipes and process exit; the one poll waits for the kernel to show
a process reaped, for which there is no event.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time

import clitest
from clitest import ENV, STRACE, check, run_family, tracer_argv

SNARE, TRACEES, FAMILY = sys.argv[1], sys.argv[2], sys.argv[3]
TMP = tempfile.mkdtemp(prefix="snare-ltrace-")
PROG = os.path.join(TRACEES, "retbp_calls")


def run(argv, **kw):
    """clitest.run() with nothing on stdin by default."""
    kw.setdefault("stdin", subprocess.DEVNULL)
    return clitest.run(argv, **kw)


def trace(opts, prog, **kw):
    """snare trace OPTS -- PROG: (process, trace lines, program stdout)."""
    out = os.path.join(TMP, "trace.out")
    p = run([SNARE, "trace", "-o", out] + opts + ["--"] + prog, **kw)
    with open(out, "rb") as f:
        lines = f.read().decode("utf-8", "replace").splitlines()
    return p, lines, p.stdout.decode()


def attach_then_go(opts, mode):
    """PROG wait MODE, blocked reading its stdin: snare trace OPTS attaches
    to it (-p) and, once attached (the message), the program goes on.
    Returns (tracer, program, the tracer's first line on stderr, the rest
    of its stderr), both processes ended."""
    t = subprocess.Popen([PROG, "wait"] + mode, stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE)
    s = subprocess.Popen([SNARE, "trace"] + opts + ["-p", str(t.pid)],
                         stderr=subprocess.PIPE, env=ENV)
    first = s.stderr.readline().decode()
    t.stdin.write(b"go\n")
    t.stdin.close()
    err = s.stderr.read().decode()
    s.wait(timeout=30)
    t.wait(timeout=30)
    return s, t, first, err


def fam_returns():
    """Arguments and return values, as the program saw them."""
    p, lines, out = trace(["-e", "trace=none", "--break", "libc.so.6:malloc",
                           "-B", "libc.so.6:free"], [PROG, "malloc", "5"])
    check(p.returncode == 0, "malloc: exit %d" % p.returncode)
    got = [l for l in lines if l.startswith("malloc(")]
    want = out.splitlines()
    # Nothing else in the program calls malloc: the same five lines,
    # each on one line with its value.
    check(got == want, "malloc: %r, the program says %r" % (got, want))
    ptrs = [w.split(" = ")[1] for w in want]
    frees = [l for l in lines if l.startswith("free(")]
    check(frees == ["free(%s) = <void>" % x for x in ptrs],
          "free: %r" % frees)
    # Types from DWARF: a string, void, a double, a negative int.
    p, lines, out = trace(["-e", "trace=none", "--break", "dup_upper",
                           "--break", "nothing", "--break", "half",
                           "--break", "negate"], [PROG, "strings", "2"])
    want = ['dup_upper("snare") = "SNARE"', "nothing(0) = <void>",
            "half(0) = 0", "negate(1) = -1", 'dup_upper("snare") = "SNARE"',
            "nothing(1) = <void>", "half(1) = 0.5", "negate(2) = -2"]
    check(lines[:-1] == want and lines[-1] == "+++ exited with 0 +++",
          "types: %r" % lines)
    # A recursion: each level's value on its own resumed line, innermost
    # first, with syscalls traced in between too.
    p, lines, out = trace(["-e", "trace=write", "--break", "sum_to"],
                          [PROG, "recurse", "3"])
    want = ["sum_to(3 <unfinished ...>", "sum_to(2 <unfinished ...>",
            "sum_to(1 <unfinished ...>", "sum_to(0) = 0",
            "<... sum_to resumed>) = 1", "<... sum_to resumed>) = 3",
            "<... sum_to resumed>) = 6"]
    check(lines[:7] == want and lines[7].startswith("write(1, \"sum_to(3) = 6"),
          "recursion: %r" % lines)
    # Calls that never return: exit, a longjmp out of thrower().
    p, lines, out = trace(["-e", "trace=none", "--break", "leave"],
                          [PROG, "exit", "3"])
    check(p.returncode == 3 and
          lines == ["leave(3 <no return ...>", "+++ exited with 3 +++"],
          "exit: %d %r" % (p.returncode, lines))
    p, lines, out = trace(["-e", "trace=none", "--break", "thrower",
                           "--break", "returner"], [PROG, "longjmp", "3"])
    want = []
    for i in range(3):
        want += ["thrower(%d <no return ...>" % i,
                 "returner(%d) = %d" % (i, 3 * i)]
    check(out == "longjmp 3 returner 9\n" and lines[:-1] == want,
          "longjmp: %r" % lines)
    # A tail call (tail_outer is assembly: registers, rax in hex): called
    # directly, both return at once, innermost first; through a pointer,
    # the caller's return cannot be told and is not guessed.
    p, lines, out = trace(["-e", "trace=none", "--break", "tail_outer",
                           "--break", "tail_inner"], [PROG, "tailcall", "1"])
    regs = r"0, (0x[0-9a-f]+|0), (0x[0-9a-f]+|0), (0x[0-9a-f]+|0), " \
           r"(0x[0-9a-f]+|0), (0x[0-9a-f]+|0)"
    check(out == "tailcall 1 = 4\n" and len(lines) == 6 and
          re.match(r"^tail_outer\(" + regs + r" <unfinished \.\.\.>$",
                   lines[0]) is not None and
          lines[1:3] == ["tail_inner(1) = 2", "<... tail_outer resumed>) = 0x2"]
          and re.match(r"^tail_outer\(" + regs + r" <no return \.\.\.>$",
                       lines[3]) is not None and lines[4] == "tail_inner(1) = 2",
          "tail call: %r" % lines)
    # -T: the time spent in each call.
    p, lines, out = trace(["-e", "trace=none", "-T", "--break", "negate"],
                          [PROG, "strings", "1"])
    check(re.match(r"^negate\(1\) = -1 <\d+\.\d{6}>$", lines[0]) is not None,
          "-T: %r" % lines[:1])


def fam_threads():
    """Two threads in work() at once: unfinished and resumed, paired."""
    n = 30
    # Without -f: the threads' syscalls are not traced, their calls are.
    for extra in ([], ["-f"]):
        p, lines, out = trace(["-e", "trace=none", "--break", "work"] + extra,
                              [PROG, "threads", str(n)])
        check(p.returncode == 0, "threads %s: exit %d" % (extra, p.returncode))
        open_call = {}
        calls = resumed = 0
        for l in lines:
            # "[pid N] " prefixes, or with -f -o a "N " column.
            m = re.match(r"^(?:\[pid +(\d+)\] |(\d+) +)(.*)$", l)
            if not m:
                continue
            tid, rest = m.group(1) or m.group(2), m.group(3)
            m = re.match(r"^work\((\d), (\d+)\) = (\d+)$", rest)
            if m:
                calls += 1
                check(int(m.group(3)) == int(m.group(1)) * 100000 +
                      int(m.group(2)), "threads: %r" % l)
                continue
            m = re.match(r"^work\((\d), (\d+) <unfinished \.\.\.>$", rest)
            if m:
                check(tid not in open_call, "threads: two open in %s" % tid)
                open_call[tid] = int(m.group(1)) * 100000 + int(m.group(2))
                continue
            m = re.match(r"^<\.\.\. work resumed>\) = (\d+)$", rest)
            if m:
                # The value of that thread's own call.
                check(open_call.get(tid) == int(m.group(1)),
                      "threads: %r resumes %r" % (l, open_call.get(tid)))
                open_call.pop(tid, None)
                calls += 1
                resumed += 1
        check(calls == 2 * n and not open_call,
              "threads %s: %d calls, open %r in %r" % (extra, calls, open_call,
                                                      lines[:8]))
        # The barrier inside work() makes the other thread print while a
        # call is open.
        check(resumed >= 1, "threads %s: no resumed line" % extra)
        check("work 1: total %d" % (n * 100000 + n * (n - 1) // 2) in out,
              "threads: program %r" % out)


def fam_counted():
    """td_counted's workers hit --break counted without -f (the bug)."""
    out = os.path.join(TMP, "counted.out")
    s = subprocess.Popen([SNARE, "trace", "-o", out, "-e", "trace=none",
                          "--break", "counted", "--",
                          os.path.join(TRACEES, "td_counted"), "2"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         env=ENV)
    ready = s.stdout.readline().decode()
    tids = re.search(r"tids=(\d+),(\d+)", ready)
    # "w": the workers have made progress (counted() ran) under snare.
    s.stdin.write(b"w 1\n")
    s.stdin.flush()
    answer = s.stdout.readline().decode()
    s.stdin.close()
    s.wait(timeout=30)
    with open(out) as f:
        lines = f.read().splitlines()
    check(tids is not None and " ok " in answer, "counted: %r %r"
          % (ready, answer))
    for t in tids.groups() if tids else ():
        mine = [l for l in lines if l.startswith("[pid %5s] " % t)]
        check(any(re.search(r"counted\(0x[0-9a-f]+\) = \d+$|"
                            r"<\.\.\. counted resumed>\) = \d+$", l)
                  for l in mine),
              "counted: no hit of worker %s in %r" % (t, lines[:5]))


def fam_wildcard():
    """Patterns: in a library loaded later, before and after it loads."""
    # libm is dlopen'ed by the program: the pattern waits for it.
    p, lines, out = trace(["-e", "trace=none", "--break", "libm.so.6:cbrt*"],
                          [PROG, "dlopen", "4"])
    got = [l for l in lines if l.startswith("cbrt")]
    check(got == ["cbrt(0) = 0", "cbrt(1) = 1", "cbrt(2) = 1.25992",
                  "cbrt(3) = 1.44225"], "dlopen: %r" % lines)
    # cbrtf64 is cbrt: aliases give one breakpoint, named by the best.
    check(not any("cbrtf64" in l for l in lines), "aliases: %r" % lines)
    # Over every file, and in the program: count*, sum_*.
    p, lines, out = trace(["-e", "trace=none", "--break", "sum_*"],
                          [PROG, "recurse", "1"])
    check(lines[:3] == ["sum_to(1 <unfinished ...>", "sum_to(0) = 0",
                        "<... sum_to resumed>) = 1"], "sum_*: %r" % lines)
    # libc.so.6 is not loaded at the first instruction (before), and is
    # when snare attaches (after): the same strdup lines both times.
    p, lines, out = trace(["-e", "trace=none", "--break",
                           "libc.so.6:strdu?"], [PROG, "strings", "2"])
    # char *strdup(const char *): the copy, as a string.
    want = ['strdup("snare") = "snare"'] * 2
    check(lines[:2] == want, "before: %r" % lines)
    # The program is blocked in read(2) before any strdup.
    s, t, first, err = attach_then_go(["-e", "trace=none", "--break",
                                       "libc.so.6:strdu?"], ["strings", "2"])
    got = [l for l in err.splitlines() if l.startswith("strdup(")]
    check("attached" in first and got == want,
          "after: %r %r" % (first, err[-300:]))
    check(s.returncode == 0, "after: exit %d" % s.returncode)
    # One function named twice: one line per call, no warning.
    p, lines, out = trace(["-e", "trace=none", "--break", "malloc",
                           "--break", "libc.so.6:mallo?"], [PROG, "malloc", "2"])
    check(lines[:-1] == out.splitlines() and p.stderr == b"",
          "twice: %r %r" % (lines, p.stderr))
    # A pattern that matches nothing is said at the end.
    p, lines, out = trace(["-e", "trace=none", "--break", "nomatch_*"],
                          [PROG, "recurse", "1"])
    check(b"--break nomatch_*: no function matched" in p.stderr,
          "no match: %r" % p.stderr)


def fam_asm():
    """No DWARF for the parameters: the six registers, rax in hex."""
    p, lines, out = trace(["-e", "trace=none", "--break", "libc.so.6:kill"],
                          [PROG, "kill"])
    pid = int(out.split()[1])
    m = re.match(r"^kill\((0x[0-9a-f]+), 0, (0x[0-9a-f]+|0), (0x[0-9a-f]+|0), "
                 r"(0x[0-9a-f]+|0), (0x[0-9a-f]+|0)\) = 0$", lines[0])
    check(m is not None and int(m.group(1), 16) == pid,
          "kill: %r, pid %d" % (lines[:1], pid))
    # A C function without a prototype: registers, but its int result.
    p, lines, out = trace(["-e", "trace=none", "--break", "old_style"],
                          [PROG, "strings", "1"])
    check(re.match(r"^old_style\((0x[0-9a-f]+|0)(, (0x[0-9a-f]+|0)){5}\) = 42$",
                   lines[0]) is not None, "old_style: %r" % lines[:1])


def fam_json():
    """--json: one object per call, with the return value."""
    p = run([SNARE, "trace", "--json", "-e", "trace=none", "--break",
             "libc.so.6:malloc", "--break", "leave", "--", PROG, "malloc", "3"])
    objs = [json.loads(l) for l in p.stderr.decode().splitlines()
            if l.startswith("{")]
    calls = [o for o in objs if o["type"] == "breakpoint"]
    want = p.stdout.decode().splitlines()
    check([o["call"] + " = " + o["return"] for o in calls] == want,
          "json: %r vs %r" % (calls, want))
    check(all(o["retval"] == o["return"] and o["name"] == "malloc" and
              o["location"] == "libc.so.6:malloc" and
              o["args"][0] == "0x%x" % (100 + i) and o["duration"] >= 0
              for i, o in enumerate(calls)), "json fields: %r" % calls[:1])
    # A call that never returns: retval null, unfinished.
    p = run([SNARE, "trace", "--json", "-e", "trace=none", "--break", "leave",
             "--", PROG, "exit", "4"])
    objs = [json.loads(l) for l in p.stderr.decode().splitlines()
            if l.startswith("{")]
    check(p.returncode == 4 and objs[0]["call"] == "leave(4)" and
          objs[0]["retval"] is None and objs[0]["unfinished"] is True and
          objs[0]["path"] == PROG and objs[1]["type"] == "exit",
          "json no return: %r" % objs)


def hw_works():
    p = run([SNARE, "trace", "-e", "trace=none", "--hw", "--break", "negate",
             "--", PROG, "strings", "1"])
    return p.returncode == 0 and b"negate(1) = -1" in p.stderr


def fam_hw():
    """--hw where debug registers fire: hits; elsewhere a clear refusal
    as soon as a location resolves, and strace's exit status."""
    ok = hw_works()
    # libc.so.6 is not loaded at start: the location resolves later.
    p, lines, out = trace(["-e", "trace=none", "--hw", "--break",
                           "libc.so.6:malloc"], [PROG, "malloc", "2"])
    err = p.stderr.decode()
    if ok:
        check(p.returncode == 0 and
              [l for l in lines if l.startswith("malloc(")] ==
              out.splitlines(), "--hw: %r" % lines)
        return
    check(re.search(r"^snare: --break libc\.so\.6:malloc: hardware breakpoint "
                    r"at 0x[0-9a-f]+: debug registers do not fire", err, re.M)
          is not None, "--hw refusal: %r" % err)
    # The program ran to its end: its status (strace's rule with a
    # program), its output; said once, not "never resolved" again.
    check(p.returncode == 0 and out.count("malloc(") == 2 and
          err.count("snare: ") == 1, "--hw: %d %r %r" % (p.returncode, out, err))
    # At start (the program's own function resolves at once): refused
    # before anything runs, exit 1, as strace refuses a bad option.
    p, lines, out = trace(["-e", "trace=none", "--hw", "--break", "negate"],
                          [PROG, "strings", "1"])
    check(p.returncode == 1 and out == "" and
          b"debug registers do not fire" in p.stderr,
          "--hw at start: %d %r" % (p.returncode, p.stderr))
    # With -p alone, a refusal after the start makes the exit status 1.
    s, t, first, err = attach_then_go(["-e", "trace=none", "--hw", "--break",
                                       "libm.so.6:cbrt"], ["dlopen", "2"])
    check("attached" in first and s.returncode == 1 and t.returncode == 0 and
          "--break libm.so.6:cbrt: hardware breakpoint" in err,
          "--hw -p: %d %d %r" % (s.returncode, t.returncode, err))


def fam_detach():
    """-b execve: detach at a later exec, as strace; keep the status."""
    shell = ["sh", "-c", 'echo hi; exec "$0" tracer 3', PROG]
    res = {}
    for tool in ("strace", "snare"):
        if tool == "strace" and not STRACE:
            continue
        out = os.path.join(TMP, tool + ".out")
        argv = tracer_argv(tool, SNARE)
        p = run(argv + ["-o", out, "-b", "execve", "--"] + shell)
        with open(out) as f:
            res[tool] = (p, f.read().splitlines())
    p, lines = res["snare"]
    out = p.stdout.decode()
    # It ran on untraced, to its own end and status.
    check(out == "hi\nTracerPid 0\n", "detach: program said %r" % out)
    check(p.returncode == 3, "detach: exit %d, the program's 3" % p.returncode)
    # The program's own first execve is traced through; the later one
    # ends the trace, its line closed by the detach.
    execs = [l for l in lines if l.startswith("execve(")]
    check(len(execs) >= 2 and execs[0].endswith(" = 0") and
          execs[-1].endswith(" <detached ...>") and lines[-1] == execs[-1],
          "detach: %r" % lines[-3:])
    if "strace" in res:
        sp, sl = res["strace"]
        # The same syscalls, the same last line; strace 6.1 loses the
        # status (it exits 0), snare keeps it.
        names = lambda ls: [re.match(r"^(\w+)\(", l).group(1) for l in ls
                            if re.match(r"^\w+\(", l)]
        check(names(sl) == names(lines),
              "detach: syscalls %r vs strace %r" % (names(lines)[-5:],
                                                    names(sl)[-5:]))
        check(sl[-1].endswith(" <detached ...>") and
              sp.stdout.decode() == out and sp.returncode == 0,
              "detach: strace %d %r" % (sp.returncode, sl[-1:]))
    # Without -o: strace's message, in its place.
    p = run([SNARE, "trace", "-e", "trace=execve", "-b", "execve", "--"] +
            shell)
    err = p.stderr.decode()
    check(re.search(r"\) = 0\nexecve\(.*/\* \d+ vars \*/snare: Process \d+ "
                    r"detached\n <detached \.\.\.>\n$", err) is not None,
          "detach message: %r" % err[-200:])
    # -f: the main program execs while a traced child still runs; the
    # session reaps it, and its status is still the one returned.
    fifo = os.path.join(TMP, "gate")
    os.mkfifo(fifo)
    s = subprocess.Popen([SNARE, "trace", "-f", "-q", "-e", "trace=none",
                          "-b", "execve", "--", "sh", "-c",
                          '(read x < "$1"; echo sub) & echo $$; '
                          'exec "$0" tracer 5', PROG, fifo],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=ENV)
    pid = int(s.stdout.readline())
    first = s.stdout.readline().decode()
    # The detached program exits and snare, waiting for the subshell,
    # reaps it (its /proc entry goes: no event tells that); then the
    # subshell is let go.
    deadline = time.monotonic() + 20
    while os.path.exists("/proc/%d" % pid) and time.monotonic() < deadline:
        time.sleep(0.002)
    reaped = not os.path.exists("/proc/%d" % pid)
    with open(fifo, "w") as f:
        f.write("go\n")
    rest = s.stdout.read().decode()
    s.wait(timeout=30)
    check(reaped, "detach -f: %d was not reaped while snare ran" % pid)
    check(first == "TracerPid 0\n" and "sub" in rest and s.returncode == 5,
          "detach -f: %r %r exit %d" % (first, rest, s.returncode))
    # Only execve: strace's words for the others.
    p = run([SNARE, "trace", "-b", "fork", "true"])
    check(p.returncode == 1 and
          p.stderr == b"snare: Syscall 'fork' for -b isn't supported\n",
          "-b fork: %r" % p.stderr)


FAMILIES = {"returns": fam_returns, "threads": fam_threads,
            "counted": fam_counted, "wildcard": fam_wildcard, "asm": fam_asm,
            "json": fam_json, "hw": fam_hw, "detach": fam_detach}

if __name__ == "__main__":
    sys.exit(run_family(FAMILIES, FAMILY, tmp=TMP))
