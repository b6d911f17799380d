#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""How often `snare trace` agrees with strace on real programs.

    agreement.py [--snare PATH] [--strace PATH] [--runs N] [--only CONFIG]
                 [--programs a,b,...] [--show N]

Runs each program below under strace and under `snare trace` with each
option set (-f, -ff, -y, -yy, -v, -k, -c, -T, -e filters) and compares:

- syscall lines (every set but -c): per process, events aligned in order
  (tests/cli/tracecmp.py), counting the events whose name and return value
  agree and those whose whole text agrees after normalising addresses,
  pids, times and the calls whose number depends on scheduling (futex
  waits, calls the kernel restarts);
- -ff: the same, file by file (files paired in pid order);
- -k: for each syscall line that agrees, whether its stack has strace's
  depth and function names (addresses and offsets left out);
- -c: the summary's rows, a row agreeing when the syscall, its call count
  and its error count agree (timing-dependent syscalls left out).

Prints one row per option set and the overall shares, against the issue's
targets (99.9% name and return value, 99.5% full text), then the most
common differences. Exit status 0 when both targets are met, 1 otherwise,
77 without strace. A measurement, not a test: it takes minutes.
"""
import argparse
import collections
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "tests", "cli"))
from tracecmp import compare_traces, normalise, parse  # noqa: E402

NAME_TARGET, TEXT_TARGET = 99.9, 99.5
# Calls whose number or result depends on the tracee's own timing, in both
# tracers alike (two strace runs differ there too).
TIMING = {"futex", "sched_yield", "restart_syscall", "wait4", "waitid",
          "rt_sigsuspend", "nanosleep", "clock_nanosleep", "poll", "ppoll",
          "select", "pselect6", "epoll_wait", "epoll_pwait", "rt_sigreturn"}

THREADS_PY = """
import threading
def work(i):
    with open('/dev/null') as f:
        f.read()
for i in range(4):
    t = threading.Thread(target=work, args=(i,))
    t.start()
    t.join()
"""

C_PROG = r"""
#include <stdio.h>
int main(void) { puts("hello"); return 0; }
"""


def programs(tmp):
    src = os.path.join(tmp, "dir")
    os.makedirs(os.path.join(src, "sub"))
    for i in range(4):
        with open(os.path.join(src, "f%d.txt" % i), "w") as f:
            f.write(("line %d\n" % i) * 80)
    with open(os.path.join(src, "sub", "x.c"), "w") as f:
        f.write(C_PROG)
    repo = os.path.join(tmp, "repo")
    env = dict(os.environ, GIT_AUTHOR_NAME="a", GIT_AUTHOR_EMAIL="a@b",
               GIT_COMMITTER_NAME="a", GIT_COMMITTER_EMAIL="a@b")
    subprocess.run(["git", "init", "-q", repo], check=True, env=env)
    shutil.copy(os.path.join(src, "f0.txt"), repo)
    subprocess.run(["git", "-C", repo, "add", "."], check=True, env=env)
    subprocess.run(["git", "-C", repo, "commit", "-qm", "x"], check=True,
                   env=env)
    out = os.path.join(tmp, "out")
    # No program here races with itself in a way that changes its calls
    # (pipelines whose reader's read sizes depend on when the writer
    # runs), nor reads the machine's state (ps, uptime): such differences
    # would be the tracee's, not the tracer's.
    return [
        ("ls", ["ls", "-la", src]),
        ("cp", ["cp", "-r", src, out + "-cp"]),
        ("tar", ["tar", "cf", out + ".tar", "-C", tmp, "dir"]),
        ("gzip", ["gzip", "-c", os.path.join(src, "f0.txt")]),
        ("find", ["find", src, "-name", "*.txt"]),
        ("grep", ["grep", "-r", "line 2", src]),
        ("sort", ["sort", os.path.join(src, "f1.txt"),
                  os.path.join(src, "f2.txt")]),
        ("sh", ["sh", "-c", "echo hi | tr a-z A-Z; ls %s >/dev/null" % src]),
        ("sed", ["sed", "s/line/LINE/", os.path.join(src, "f1.txt")]),
        ("awk", ["awk", "{n+=$2} END {print n}", os.path.join(src, "f1.txt")]),
        ("du", ["du", "-sh", src]),
        ("stat", ["stat", src]),
        ("id", ["id"]),
        ("date", ["date", "-u", "-d", "@0"]),
        ("sha256", ["sha256sum", os.path.join(src, "f0.txt")]),
        ("xz", ["xz", "-c", os.path.join(src, "f1.txt")]),
        ("perl", ["perl", "-e", "opendir(D,'%s'); print scalar(readdir(D))"
                  % src]),
        ("python3", ["python3", "-c", "import json; print(json.dumps([1]))"]),
        ("threads", ["python3", "-c", THREADS_PY]),
        ("git", ["git", "-C", repo, "log", "--oneline"]),
        ("sqlite3", ["sqlite3", out + ".db", "create table t(x); "
                     "insert into t values(1); select count(*) from t;"]),
        ("gcc", ["gcc", "-O0", "-o", out + "-a.out",
                 os.path.join(src, "sub", "x.c")]),
        ("make", ["make", "-s", "-C", src, "-f", "/dev/null", "x"]),
        ("openssl", ["openssl", "dgst", "-sha1", os.path.join(src, "f2.txt")]),
        ("file", ["file", os.path.join(src, "f0.txt")]),
        ("diff", ["diff", os.path.join(src, "f0.txt"),
                  os.path.join(src, "f1.txt")]),
    ]


CONFIGS = [
    ("-f", ["-f"]),
    ("-ff", ["-ff"]),
    ("-f -y", ["-f", "-y"]),
    ("-f -yy", ["-f", "-yy"]),
    ("-f -v", ["-f", "-v"]),
    ("-f -T", ["-f", "-T"]),
    ("-f -k", ["-f", "-k"]),
    ("-f -e trace=%file", ["-f", "-e", "trace=%file"]),
    ("-f -e trace=!mmap,mprotect,brk", ["-f", "-e", "trace=!mmap,mprotect,brk"]),
    ("-f -e trace=%process,%signal", ["-f", "-e", "trace=%process,%signal"]),
    ("-f -s 100 -e abbrev=none", ["-f", "-s", "100", "-e", "abbrev=none"]),
    ("-f -c", ["-f", "-c"]),
]


def run(tool, opts, argv, out, cwd):
    cmd = tool + opts + ["-o", out, "--"] + argv
    env = dict(os.environ, LC_ALL="C", LANG="C", PYTHONDONTWRITEBYTECODE="1",
               TZ="UTC", PERL_HASH_SEED="0", PERL_PERTURB_KEYS="0")
    try:
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, env=env,
                           timeout=int(os.environ.get("AGREE_TIMEOUT", "900")),
                           cwd=cwd)
        rc = p.returncode
    except subprocess.TimeoutExpired:
        rc = "timeout"
    return rc


# Values that change between two runs of the same program whoever traces
# it: the machine's counters in sysinfo, the clock in time(2).
VARIES = [(re.compile(r":\[\d+\]"), ":[INO]"),
          (re.compile(r"\b[0-9a-f]{8,16}-[0-9a-f]{8,16} "), "RANGE "),
          (re.compile(r"(/tmp/cc)[A-Za-z0-9]{6}"), r"\1XXXXXX"),
          (re.compile(r"st_ino=\d+"), "st_ino=N"),
          (re.compile(r"sysinfo\(\{.*\}\)"), "sysinfo({...})"),
          (re.compile(r"^((?:\[pid\s+\d+\] |\d+ +)?time\(.*= )\d+"),
           r"\1T")]


SIGCHLD = re.compile(r"^(?:\[pid\s+\d+\] |\d+ +)?--- SIGCHLD ")


def read_lines(path):
    try:
        with open(path, "rb") as f:
            lines = f.read().decode("utf-8", "replace").splitlines()
    except OSError:
        return []
    for rx, rep in VARIES:
        lines = [rx.sub(rep, line) for line in lines]
    # A SIGCHLD reaches a parent whether or not it is waiting, at a time
    # set by the scheduler: left out as the timing-dependent calls are.
    # With -k, its stack goes with it.
    out, dropping = [], False
    for line in lines:
        if SIGCHLD.match(line):
            dropping = True
        elif not (dropping and line.startswith(" > ")):
            dropping = False
            out.append(line)
    return out


def ff_files(base):
    files = glob.glob(base + ".*")
    return [read_lines(f) for f in sorted(
        files, key=lambda f: int(f.rsplit(".", 1)[1])
        if f.rsplit(".", 1)[1].isdigit() else 0)]


# " > module(function+offset) [address]"; a C++ function's name holds
# parentheses and spaces of its own.
STACK = re.compile(r"^ > ([^(]*)\((.*?)(?:\+0x[0-9a-f]+)?\) \[(0x[0-9a-f]+)\]")


def split_stacks(lines):
    """-k output: syscall lines and, after each, its frames. Returns the
    lines without frames and {index of kept line: [function, ...]}."""
    out, stacks = [], {}
    for line in lines:
        if line.startswith(" > "):
            m = STACK.match(line)
            fn = ((os.path.basename(m.group(1)), m.group(3), m.group(2))
                  if m else ("?", line, "?"))
            stacks.setdefault(len(out) - 1, []).append(fn)
        else:
            out.append(line)
    return out, stacks


STACK_DIFFS = []


def stacks_by_process(lines):
    """-k output -> [[(syscall name, frames), ...] per process], processes in
    the order they first show up, calls in order."""
    kept, stacks = split_stacks(lines)
    # A call cut by another process's line ends in "<... NAME resumed>",
    # and its stack follows that line: it must pair like a whole line, or
    # every later call of that name in the process pairs with the wrong one.
    lead = re.compile(r"^(?:\[pid\s+(\d+)\] |(\d+) +)?"
                      r"(?:([a-z_0-9]+)\(|<\.\.\. ([a-z_0-9]+) resumed>)")
    procs = {}
    for i, line in enumerate(kept):
        m = lead.match(line)
        if m and i in stacks:
            pid = m.group(1) or m.group(2) or "0"
            name = m.group(3) or m.group(4)
            procs.setdefault(pid, []).append((name, stacks[i], line))
    return list(procs.values())


def outcome(line):
    """Success, or the error name, of a syscall line."""
    m = re.search(r"= -1 (E[A-Z0-9]+)", line)
    return m.group(1) if m else "ok"


def compare_stacks(la, lb):
    """Pairs the syscall lines of the two -k traces, process by process and
    in order per syscall name; returns (stacks compared, stacks with the
    same frames: depth, module and address in it, stacks with the same
    function names too)."""
    total = same = same_names = 0
    for pa, pb in zip(stacks_by_process(la), stacks_by_process(lb)):
        qa = collections.defaultdict(list)
        for name, frames, line in pa:
            qa[name].append((frames, line))
        seen = collections.Counter()
        for name, fb, line in pb:
            k = seen[name]
            seen[name] += 1
            if k >= len(qa[name]):
                continue
            fa, la_line = qa[name][k]
            if outcome(la_line) != outcome(line):
                # A race: a signal that came in another call (the
                # rt_sigreturn returns what that call returned), a call
                # that failed in one run only. Not the stack's doing.
                continue
            total += 1
            if [f[:2] for f in fa] == [f[:2] for f in fb]:
                same += 1
                if fa == fb:
                    same_names += 1
            elif len(STACK_DIFFS) < 5:
                STACK_DIFFS.append((line, fa, fb))
    return total, same, same_names


def summary_rows(lines):
    rows = {}
    for line in lines:
        f = line.split()
        if len(f) >= 5 and re.match(r"^\d+\.\d+$", f[0]) and f[-1] != "total":
            calls = f[3]
            errors = f[4] if len(f) == 6 else "0"
            rows[f[-1]] = (calls, errors)
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--snare", default=os.path.join(TOP, "build", "gcc",
                                                    "snare"))
    ap.add_argument("--strace", default=shutil.which("strace"))
    ap.add_argument("--only", action="append")
    ap.add_argument("--programs")
    ap.add_argument("--show", type=int, default=15)
    a = ap.parse_args()
    if not a.strace:
        print("strace not found: skipped")
        return 77
    tmp = tempfile.mkdtemp(prefix="snare-agree-")
    progs = programs(tmp)
    if a.programs:
        want = a.programs.split(",")
        progs = [p for p in progs if p[0] in want]
    configs = [c for c in CONFIGS if not a.only or c[0] in a.only]
    tot = collections.Counter()
    diffs = collections.Counter()
    examples = {}
    try:
        print("%-32s %7s %9s %9s %s" % ("options", "events", "name+ret",
                                         "text", "other"))
        for label, opts in configs:
            c = collections.Counter()
            for pname, argv in progs:
                so, no = os.path.join(tmp, "s.out"), os.path.join(tmp, "n.out")
                for f in glob.glob(so + "*") + glob.glob(no + "*"):
                    os.unlink(f)
                for d in glob.glob(os.path.join(tmp, "out*")):
                    if os.path.isdir(d):
                        shutil.rmtree(d)
                    else:
                        os.unlink(d)
                rs = run([a.strace], opts, argv, so, tmp)
                for d in glob.glob(os.path.join(tmp, "out*")):
                    if os.path.isdir(d):
                        shutil.rmtree(d)
                    else:
                        os.unlink(d)
                rn = run([a.snare, "trace"], opts, argv, no, tmp)
                if rs != rn:
                    c["exit"] += 1
                    diffs["exit status %s vs %s (%s)" % (rs, rn, pname)] += 1
                if "-c" in opts:
                    ra, rb = summary_rows(read_lines(so)), \
                        summary_rows(read_lines(no))
                    for k in set(ra) | set(rb):
                        if k in TIMING:
                            continue
                        c["rows"] += 1
                        if ra.get(k) == rb.get(k):
                            c["rows_same"] += 1
                        else:
                            diffs["-c row %s" % k] += 1
                            examples.setdefault("-c row %s" % k, (
                                "%s: %s" % (pname, ra.get(k)),
                                "%s: %s" % (pname, rb.get(k))))
                    continue
                if "-ff" in opts:
                    pairs = list(zip(ff_files(so), ff_files(no)))
                    if len(ff_files(so)) != len(ff_files(no)):
                        c["ff_files_differ"] += 1
                else:
                    pairs = [(read_lines(so), read_lines(no))]
                for la, lb in pairs:
                    if "-k" in opts:
                        st, ss, sn = compare_stacks(la, lb)
                        c["stacks"] += st
                        c["stacks_same"] += ss
                        c["stacks_names"] += sn
                        la, _ = split_stacks(la)
                        lb, _ = split_stacks(lb)
                    pct, tpct, dl = compare_traces(
                        la, lb, ignore=TIMING, restarts=False)
                    n = max(len([e for e in parse(la) if e[2] not in TIMING]),
                            len([e for e in parse(lb) if e[2] not in TIMING]))
                    c["events"] += n
                    c["names"] += pct * n / 100
                    c["texts"] += tpct * n / 100
                    for x, y in dl:
                        m = re.match(r"^(?:<\.\.\. )?([a-z_0-9+-]+)", x or y)
                        key = "%s %s" % (label, m.group(1) if m else "?")
                        diffs[key] += 1
                        examples.setdefault(key, (pname + ": " + x,
                                                  pname + ": " + y))
            other = ""
            if c["rows"]:
                other = "-c rows %d/%d" % (c["rows_same"], c["rows"])
            if c["stacks"]:
                other += "stacks %d/%d (%.1f%%), names too %d" % (
                    c["stacks_same"], c["stacks"],
                    100.0 * c["stacks_same"] / c["stacks"],
                    c["stacks_names"])
            if c["exit"]:
                other += " exit differs x%d" % c["exit"]
            if c["events"]:
                print("%-32s %7d %8.2f%% %8.2f%% %s" % (
                    label, c["events"], 100.0 * c["names"] / c["events"],
                    100.0 * c["texts"] / c["events"], other), flush=True)
            else:
                print("%-32s %7s %9s %9s %s" % (label, "-", "-", "-", other),
                      flush=True)
            tot.update(c)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    npct = 100.0 * tot["names"] / tot["events"] if tot["events"] else 100.0
    tpct = 100.0 * tot["texts"] / tot["events"] if tot["events"] else 100.0
    print("overall: %d events, name+retval %.2f%% (target %.1f%%), text "
          "%.2f%% (target %.1f%%)" % (tot["events"], npct, NAME_TARGET, tpct,
                                      TEXT_TARGET))
    if tot["stacks"]:
        print("-k stacks with strace's frames (depth, module, address): "
              "%d/%d (%.1f%%); with its function names too: %d" % (
                  tot["stacks_same"], tot["stacks"],
                  100.0 * tot["stacks_same"] / tot["stacks"],
                  tot["stacks_names"]))
    for line, fa, fb in STACK_DIFFS:
        print("  stack differs: %s" % line[:120])
        print("    strace: %s" % " < ".join("%s(%s)%s" % (f[0], f[2], f[1])
                                            for f in fa))
        print("    snare:  %s" % " < ".join("%s(%s)%s" % (f[0], f[2], f[1])
                                            for f in fb))
    if tot["rows"]:
        print("-c rows agreeing: %d/%d" % (tot["rows_same"], tot["rows"]))
    if a.show:
        print("most common differences:")
        for k, n in diffs.most_common(a.show):
            print("%5d  %s" % (n, k))
            if k in examples:
                print("         strace: %s\n         snare:  %s" % (
                    examples[k][0][:200], examples[k][1][:200]))
    return 0 if npct >= NAME_TARGET and tpct >= TEXT_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
