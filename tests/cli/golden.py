#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Golden tests of `snare trace` against strace 6.1, one family per run.

    golden.py SNARE TRACEE_DIR FAMILY

Each family runs snare trace and strace on the same deterministic tracee
(tests/tracees/cli_*.c) and compares what they print: syscall names and
return values always, the full text where noted, exit statuses, -o/-ff
files, -c tables, -e trace= classes. Pids and addresses are normalised.
Synchronisation is by pipes and process exit, never by sleeping. A family
whose oracle (strace) is missing is skipped (exit 77).
"""
import collections
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tracecmp import parse, normalise, pids_of, by_process, compare_traces  # noqa: E402
from clitest import (ENV, STRACE, check, run, run_family,  # noqa: E402
                     skip_without_strace, tracer_argv)

SNARE, TRACEES, FAMILY = sys.argv[1], sys.argv[2], sys.argv[3]
TMP = tempfile.mkdtemp(prefix="snare-golden-")
# Each tracer's name and the command that starts it, strace first.
TRACERS = tuple((tool, tracer_argv(tool, SNARE)) for tool in ("strace", "snare"))


def tracee(name):
    return os.path.join(TRACEES, name)


def both(opts, prog, **kw):
    """Run strace and snare with the same options, output to files."""
    res = {}
    for tool, argv in TRACERS:
        out = os.path.join(TMP, tool + ".out")
        p = run(argv + ["-o", out] + opts + ["--"] + prog, **kw)
        with open(out, "rb") as f:
            text = f.read().decode("utf-8", "replace")
        res[tool] = (p, text.splitlines())
    return res


def compare(a_lines, b_lines, label, **kw):
    pct, tpct, diffs = compare_traces(a_lines, b_lines, **kw)
    for a, b in diffs[:10]:
        print("  %s: strace %r\n  %s  snare  %r" % (label, a, " " * len(label), b))
    print("%s: name+retval %.1f%%, full text %.1f%%" % (label, pct, tpct))
    return pct, tpct


def fam_basic():
    scratch = os.path.join(TMP, "scratch")
    r = both([], [tracee("cli_basic"), scratch])
    ps, ls = r["strace"]
    pn, ln = r["snare"]
    check(pn.returncode == ps.returncode == 3,
          "exit status %d, strace %d" % (pn.returncode, ps.returncode))
    pct, tpct = compare(ls, ln, "basic")
    check(pct == 100.0, "basic: names and return values differ")
    check(any("+++ exited with 3 +++" in l for l in ln), "no exit line")
    check(any(l.startswith("--- SIGUSR1 {") for l in ln), "no signal line")
    # Crash: killed by SIGSEGV, 128+11.
    r = both([], [tracee("cli_basic"), scratch, "crash"],
             preexec_fn=lambda: __import__("resource").setrlimit(
                 __import__("resource").RLIMIT_CORE, (0, 0)))
    pn, ln = r["snare"]
    check(pn.returncode == r["strace"][0].returncode == -signal.SIGSEGV,
          "crash: status %d, strace %d (both die of SIGSEGV)"
          % (pn.returncode, r["strace"][0].returncode))
    check(ln[-1] == r["strace"][1][-1] == "+++ killed by SIGSEGV +++",
          "crash: last line %r" % ln[-1:])
    check(any(l.startswith("--- SIGSEGV {si_signo=SIGSEGV") for l in ln),
          "crash: no SIGSEGV line")


def fam_follow():
    scratch = os.path.join(TMP, "scratch")
    r = both(["-f"], [tracee("cli_basic"), scratch])
    pct, _ = compare(r["strace"][1], r["snare"][1], "follow")
    check(pct == 100.0, "follow: names and return values differ")
    check(all(re.match(r"\d+ ", l) for l in r["snare"][1]),
          "-f -o: every line starts with the pid")
    # -o with a command implies -q: no "Process N attached" on stderr.
    check(r["snare"][0].stderr == r["strace"][0].stderr,
          "-f -o: stderr %r, strace %r" % (r["snare"][0].stderr[:200],
                                           r["strace"][0].stderr[:200]))
    # Threads, output on stderr: [pid N] prefixes only while > 1 thread.
    for tool, argv in TRACERS:
        p = run(argv + ["-f", "-e", "trace=getppid,faccessat,getpid,exit",
                        tracee("cli_threads")])
        lines = [l for l in p.stderr.decode().splitlines()
                 if "attached" not in l]
        if tool == "strace":
            ref = lines
        else:
            pct, _ = compare(ref, lines, "threads",
                             unprefixed_leader=True)
            check(pct == 100.0, "threads: names and return values differ")
            # A thread's exit may land before or after the main thread's
            # next syscall (a race in the tracee): check only that thread
            # lines are prefixed and that a lone thread's are not.
            check(all(l.startswith("[pid ") for l in lines
                      if "getppid" in l or "faccessat" in l),
                  "threads: no [pid N] prefix on a thread's line")
            check(not lines[-1].startswith("[pid "),
                  "threads: [pid N] prefix with one thread left")
            check(p.stdout == b"one\ntwo\n", "threads: tracee output")
    # -ff: one file per thread, same contents.
    for tool, argv in TRACERS:
        d = os.path.join(TMP, tool + "-ff")
        os.mkdir(d)
        run(argv + ["-ff", "-o", os.path.join(d, "t"), tracee("cli_threads")])
        texts = ff_texts(d)
        if tool == "strace":
            ref = texts
            continue
        check(len(texts) == len(ref), "-ff: %d files, strace %d"
              % (len(texts), len(ref)))
        for i, (a, b) in enumerate(zip(ref, texts)):
            # Whether pthread_join waits in futex depends on whether
            # the thread has already finished.
            pct, _ = compare(a, b, "ff.%d" % i, ignore={"futex"})
            check(pct == 100.0, "-ff file %d differs" % i)


def ff_texts(d):
    """The -ff files of directory d, in creation order: the one that ran
    execve (the leader) first, then the others in the order the leader's
    clone calls returned their tids (pids wrap, so not numeric order)."""
    texts = {int(n.split(".")[1]): open(os.path.join(d, n)).read().splitlines()
             for n in os.listdir(d)}
    leader = next((pid for pid, t in texts.items()
                   if any(l.startswith("execve(") for l in t)), None)
    order = [leader] if leader is not None else []
    for e in parse(texts.get(leader, [])):
        if e[1] == "sc" and e[2] in ("clone", "clone3") and e[3]:
            m = re.match(r"(\d+)", e[3])
            if m and int(m.group(1)) in texts and int(m.group(1)) not in order:
                order.append(int(m.group(1)))
    order += sorted(p for p in texts if p not in order)
    return [texts[p] for p in order]


CLASSES = ["%file", "%desc", "%process", "%network", "%net", "%signal",
           "%ipc", "%memory", "%creds", "%clock", "%stat", "%lstat",
           "%fstat", "%%stat", "%statfs", "%fstatfs", "%%statfs", "%pure"]


def names(lines, restarts=True):
    """Syscall names per process, processes in order of appearance.
    restarts=False leaves out calls the kernel restarts (= ? ERESTART...),
    whose number depends on when a signal arrives."""
    return [[e[2] for e in g if e[1] == "sc" and
             (restarts or not (e[3] or "").startswith("? ERESTART"))]
            for g in by_process(parse(lines))]


def fam_filter(shell=False):
    """-e filters on the basic tracee (the flags and the seccomp path with
    it), or with shell=True on a shell running real programs: two ctest
    entries, each well inside its time on a loaded machine."""
    scratch = os.path.join(TMP, "scratch")
    basic = [tracee("cli_basic"), scratch]
    progs = [["sh", "-c", "ls -l /usr >/dev/null; id >/dev/null; "
              "stat -f / >/dev/null; date >/dev/null"]] if shell else [basic]
    exprs = ["trace=" + c for c in CLASSES] + [
        "trace=!%memory", "trace=/^(open|close)", "trace=none",
        "trace=?nosuchcall,read", "trace=write,57", "signal=none",
        "status=failed", "status=successful", "trace=all"]
    for prog in progs:
        for e in exprs:
            # strace splits lines oddly with status= under -f.
            r = both(([] if "status" in e else ["-f"]) + ["-e", e], prog)
            racy = "status" in e or prog[0] == "sh"
            a = names(r["strace"][1], restarts=not racy)
            b = names(r["snare"][1], restarts=not racy)
            if racy:
                # The shell's wait4 may complete before or after its
                # child's SIGCHLD is handled, and be restarted or not
                # (strace's own runs differ): compare what was called.
                a = [sorted(x) for x in a]
                b = [sorted(x) for x in b]
            sa, sb = set(sum(a, [])), set(sum(b, []))
            if a != b and not sa ^ sb:
                ca = collections.Counter(sum(a, []))
                cb = collections.Counter(sum(b, []))
                detail = "counts differ: strace %s, snare %s" % (
                    dict(ca - cb), dict(cb - ca)) if ca != cb else "order differs"
            else:
                detail = sorted(sa ^ sb)
            check(a == b, "-e %s on %s: %s" % (e, prog[0], detail))
    if shell:
        return
    for flag in ("-z", "-Z", "-q", "-qq"):
        r = both([flag], basic)
        check(names(r["strace"][1]) == names(r["snare"][1]),
              "%s: names differ" % flag)
        check(len(r["strace"][1]) == len(r["snare"][1]),
              "%s: line counts differ" % flag)
    # --no-seccomp gives the same trace as the seccomp fast path.
    for extra in ([], ["--no-seccomp"], ["--seccomp-bpf"]):
        r = both(["-f", "-e", "trace=%file"] + extra, basic)
        check(names(r["strace"][1]) == names(r["snare"][1]),
              "seccomp %s: names differ" % extra)


def table(lines):
    rows, shape = {}, []
    for l in lines:
        if l.startswith("% time") or l.startswith("------"):
            shape.append(l)
            continue
        f = l.split()
        if len(f) >= 5 and re.match(r"^[\d.]+$", f[0]):
            calls = int(f[3])
            errors = int(f[4]) if len(f) == 6 else 0
            rows[f[-1]] = (calls, errors)
    return shape, rows


def fam_summary():
    scratch = os.path.join(TMP, "scratch")
    for opts in (["-c"], ["-C"], ["-f", "-c"], ["-c", "-e", "trace=%file"]):
        r = both(opts, [tracee("cli_basic"), scratch])
        sa, ra = table(r["strace"][1])
        sb, rb = table(r["snare"][1])
        check(sa == sb, "%s: table shape differs" % opts)
        check(ra == rb, "%s: counts differ: strace %s snare %s" % (
            opts, sorted(set(ra.items()) - set(rb.items())),
            sorted(set(rb.items()) - set(ra.items()))))
        if opts == ["-C"]:
            check(names(r["strace"][1]) == names(r["snare"][1]),
                  "-C: trace lines differ")
    p = run([SNARE, "trace", "-c", "-ff", "-o", os.path.join(TMP, "x"),
             "true"])
    check(p.returncode == 1 and b"mutually exclusive" in p.stderr,
          "-c -ff: %r" % p.stderr)


def fam_inject():
    scratch = os.path.join(TMP, "scratch")
    for spec, want in (("unlink:error=EPERM",
                        "= -1 EPERM (Operation not permitted) (INJECTED)"),
                       ("getppid:retval=42", "= 42 (INJECTED)"),
                       ("openat:error=EACCES:when=2",
                        "= -1 EACCES (Permission denied) (INJECTED)"),
                       ("close:error=9:when=2+2", "(INJECTED)")):
        r = both(["-e", "inject=" + spec], [tracee("cli_basic"), scratch])
        a = [l for l in r["strace"][1] if "INJECTED" in l]
        b = [l for l in r["snare"][1] if "INJECTED" in l]
        check(b and all(want in l for l in b), "inject %s: %r" % (spec, b))
        check(len(a) == len(b), "inject %s: %d injected, strace %d"
              % (spec, len(b), len(a)))
        compare(r["strace"][1], r["snare"][1], "inject " + spec)
    # The tracee sees the error: cat's second read fails with EIO.
    path = os.path.join(TMP, "file")
    with open(path, "w") as f:
        f.write("hi\n")
    res = []
    for argv in ([STRACE], [SNARE, "trace"]):
        res.append(run(argv + ["-o", "/dev/null", "-e",
                               "inject=read:error=EIO:when=2", "cat", path]))
    check(res[1].returncode == res[0].returncode == 1,
          "inject EIO: exit %d" % res[1].returncode)
    check(b"Input/output error" in res[1].stderr, "inject EIO: %r"
          % res[1].stderr)
    # signal=: SIGKILL after getppid returns kills the tracee.
    r = both(["-e", "inject=getppid:retval=1:signal=SIGKILL"],
             [tracee("cli_basic"), scratch])
    check(r["snare"][0].returncode == r["strace"][0].returncode == -signal.SIGKILL,
          "inject signal: status %d, strace %d (both die of SIGKILL)"
          % (r["snare"][0].returncode, r["strace"][0].returncode))
    check(r["snare"][1][-1] == "+++ killed by SIGKILL +++",
          "inject signal: %r" % r["snare"][1][-1:])


def fam_format():
    scratch = os.path.join(TMP, "scratch")
    pats = {"-T": r" <\d+\.\d{6}>$", "-t": r"^\d\d:\d\d:\d\d [a-z+-]",
            "-tt": r"^\d\d:\d\d:\d\d\.\d{6} ", "-ttt": r"^\d+\.\d{6} ",
            "-r": r"^ {0,5}\d+\.\d{6} ", "-n": r"^\[ *\d+\] "}
    for flag, pat in pats.items():
        r = both([flag], [tracee("cli_basic"), scratch])
        a = [bool(re.search(pat, l)) for l in r["strace"][1]]
        b = [bool(re.search(pat, l)) for l in r["snare"][1]]
        check(a == b, "%s: lines with %r differ" % (flag, pat))
    for opts in (["-s", "4"], ["-x"], ["-xx"], ["-y"], ["-v"]):
        r = both(opts, [tracee("cli_basic"), scratch])
        _, tpct = compare(r["strace"][1], r["snare"][1], " ".join(opts))
    # -o: created 0644, truncated, never through a symbolic link.
    out = os.path.join(TMP, "o.txt")
    with open(out, "w") as f:
        f.write("x" * 100000)
    os.chmod(out, 0o600)
    p = run([SNARE, "trace", "-o", out, "true"])
    check(p.returncode == 0 and open(out).read().endswith(
        "+++ exited with 0 +++\n") and len(open(out).read()) < 100000,
        "-o: file not truncated")
    new = os.path.join(TMP, "new.txt")
    os.umask(0o022)
    run([SNARE, "trace", "-o", new, "true"])
    check(os.stat(new).st_mode & 0o777 == 0o644, "-o: mode %o"
          % (os.stat(new).st_mode & 0o777))
    target = os.path.join(TMP, "target")
    open(target, "w").write("keep")
    link = os.path.join(TMP, "link")
    os.symlink(target, link)
    p = run([SNARE, "trace", "-o", link, "true"])
    check(p.returncode == 1 and open(target).read() == "keep",
          "-o symlink: followed (%d, %r)" % (p.returncode, p.stderr))


def fam_badinput():
    cases = [
        (["--bogus"], 1, "unrecognized option '--bogus'"),
        (["-Q", "true"], 1, "invalid option -- 'Q'"),
        (["-p", "abc"], 1, "Invalid process id: 'abc'"),
        (["-p", "0"], 1, "Invalid process id: '0'"),
        (["-p", "99999999999"], 1, "Invalid process id"),
        ([], 1, "must have PROG [ARGS] or -p PID"),
        (["/nonexistent/prog"], 1, "Can't stat '/nonexistent/prog'"),
        (["no-such-program-snare"], 1, "Can't stat 'no-such-program-snare'"),
        (["-e", "trace=foo", "true"], 1, "invalid system call 'foo'"),
        (["-e", "trace=%foo", "true"], 1, "invalid system call '%foo'"),
        (["-e", "signal=FOO", "true"], 1, "invalid signal 'FOO'"),
        (["-e", "status=foo", "true"], 1, "invalid status 'foo'"),
        (["-e", "inject=open:error=FOO", "true"], 1,
         "invalid inject argument 'open:error=FOO'"),
        (["-s", "abc", "true"], 1, "invalid -s argument: 'abc'"),
        (["-o"], 1, "requires an argument"),
        (["-b"], 1, "requires an argument"),
        (["--break"], 1, "requires an argument"),
        (["-b", "open", "true"], 1, "Syscall 'open' for -b isn't supported"),
        (["--detach-on=fork", "true"], 1,
         "Syscall 'fork' for -b isn't supported"),
        (["--json", "-c", "true"], 1, "mutually exclusive"),
        (["-p", "1,x"], 1, "Invalid process id: 'x'"),
        (["-c", "-ff", "-o", "x", "true"], 1, "mutually exclusive"),
        # Patterns glibc's regcomp would need gigabytes for (the run
        # times out at 30 s if one gets through).
        (["-e", "trace=/a++++++++++++++++++++", "true"], 1,
         "repetition of a repetition"),
        (["-e", "trace=/((((a{255}){255}){255}){255})", "true"], 1,
         "intervals over {32}"),
    ]
    for args, code, msg in cases:
        p = run([SNARE, "trace"] + args)
        err = p.stderr.decode("utf-8", "replace")
        check(p.returncode == code and msg in err,
              "%s: exit %d %r" % (args, p.returncode, err))
    # Our own pid: sh execs snare, so $$ is snare's pid.
    p = run(["sh", "-c", 'exec "$0" trace -p $$', SNARE])
    check(p.returncode == 1 and b"snare itself" in p.stderr,
          "-p own pid: %r" % p.stderr)
    for args in (["--help"], ["trace", "--help"], ["--version"]):
        p = run([SNARE] + args)
        check(p.returncode == 0 and p.stdout, "%s: exit %d" % (args,
                                                               p.returncode))
    p = run([SNARE, "frobnicate"])
    check(p.returncode == 1 and b"unknown command" in p.stderr, "bad command")


def attach_one(extra, interrupt):
    t = subprocess.Popen([tracee("cli_wait")], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE)
    pid = int(t.stdout.readline().split()[0])
    s = subprocess.Popen([SNARE, "trace"] + extra + ["-p", str(pid)],
                         stderr=subprocess.PIPE)
    first = s.stderr.readline().decode()
    check(first == "snare: Process %d attached\n" % pid,
          "attach message %r" % first)
    if interrupt:
        s.send_signal(signal.SIGINT)
        err = s.stderr.read().decode()
        s.wait(timeout=20)
        check("Process %d detached" % pid in err, "detach message %r" % err)
        check(t.poll() is None, "tracee died at detach")
        t.stdin.close()
        check(t.wait(timeout=20) == 0, "tracee exit after detach")
        return
    t.stdin.close()
    err = s.stderr.read().decode()
    check(s.wait(timeout=20) == 0, "attach: snare exit %d" % s.returncode)
    check(t.wait(timeout=20) == 0, "attach: tracee exit")
    check(re.search(r"^read\(0, .*\) += 0$", err, re.M) is not None and
          "getppid()" in err and err.endswith("+++ exited with 0 +++\n"),
          "attach: trace %r" % err[-300:])


def fam_attach():
    attach_one([], False)
    attach_one([], True)


def fam_json():
    scratch = os.path.join(TMP, "scratch")
    p = run([SNARE, "trace", "--json", "-f", tracee("cli_basic"), scratch])
    objs = []
    for line in p.stderr.decode("utf-8", "surrogateescape").splitlines():
        if line.startswith("{"):
            objs.append(json.loads(line))
    kinds = {o["type"] for o in objs}
    check({"syscall", "signal", "exit"} <= kinds, "json kinds %s" % kinds)
    r = both(["-f"], [tracee("cli_basic"), scratch])
    want = sum(names(r["snare"][1]), [])
    got = [o["name"] for o in objs if o["type"] == "syscall"]
    check(sorted(got) == sorted(want), "json syscalls differ from text")
    check(all(isinstance(o["pid"], int) for o in objs), "json pid")
    # A non-UTF-8 program name survives, as \udcXX (surrogateescape).
    d = os.path.join(TMP, "bin")
    os.mkdir(d)
    bad = os.path.join(d.encode(), b"tru\xffe")
    os.symlink(shutil.which("true"), bad)
    p = run([SNARE.encode(), b"trace", b"--json", bad])
    first = json.loads(p.stderr.splitlines()[0])
    check(first.get("path", "").encode("utf-8", "surrogateescape") == bad,
          "json non-UTF-8 path %r" % first)


def fam_breaks():
    """--break, --hw and -k: what snare trace adds to strace."""
    prog = tracee("bpsym_calls")
    # chain_one(1) calls chain_two(2), which calls chain_three(3).
    p = run([SNARE, "trace", "-e", "trace=none", "--break", "chain_three",
             prog])
    err = p.stderr.decode()
    check(p.returncode == 0, "--break: exit %d" % p.returncode)
    # The tracee has DWARF: the call as declared, int chain_three(int x),
    # and what it returned.
    check(re.search(r"^chain_three\(3\) = 21$", err, re.M)
          is not None, "--break: hit line with the argument 3: %r" % err[-300:])
    check(err.count("chain_three(") == 1, "--break: one hit")
    # glibc's printf from libc6-dbg: its format string, then "...", and
    # its result (the bytes written); -B is --break.
    p = run([SNARE, "trace", "-e", "trace=none", "-B", "printf", prog])
    err = p.stderr.decode()
    check(err.count('printf("line %d\\n", ...) = 7') == 5 and
          'printf("chain %d\\n", ...) = 9' in err,
          "--break printf: decoded calls %r" % err[-300:])

    # Hits are counted under -c: printf runs six times.
    p = run([SNARE, "trace", "-c", "-e", "trace=none", "--break", "printf",
             prog])
    check(re.search(r"^\s+6 printf$", p.stderr.decode(), re.M) is not None,
          "--break -c: hit count %r" % p.stderr.decode()[-200:])
    # A location that never resolves is said, not silently pending.
    p = run([SNARE, "trace", "-e", "trace=none", "--break", "no_such_fn",
             prog])
    check(b"no_such_fn: never resolved" in p.stderr, "--break unknown: %r"
          % p.stderr[-200:])
    # --hw: hardware breakpoints, or a clear refusal where the hypervisor
    # does not deliver debug exceptions.
    p = run([SNARE, "trace", "-e", "trace=none", "--hw", "--break",
             "chain_three", prog])
    hw_ok = p.returncode == 0 and b"chain_three(3)" in p.stderr
    check(hw_ok or (p.returncode == 1 and b"debug registers" in p.stderr),
          "--hw: %d %r" % (p.returncode, p.stderr[-200:]))
    # -kk (--stack-trace=source): each frame with its source line, from
    # libc6-dbg for glibc's frames; the call's line for return addresses.
    for kk in (["-kk"], ["--stack-trace=source"]):
        p = run([SNARE, "trace"] + kk + ["-e", "trace=write", prog])
        frames = [l for l in p.stderr.decode().splitlines()
                  if l.startswith(" > ")]
        check(len(frames) >= 3 and
              re.search(r"\(__write\+0x[0-9a-f]+\) \[0x[0-9a-f]+\] "
                        r"\S*write\.c:\d+$", frames[0]) is not None and
              sum(bool(re.search(r" \S+\.[ch]:\d+$", l)) for l in frames)
              >= 3, "%s: frames with source lines %r" % (kk, frames[:3]))
    p = run([SNARE, "trace", "--stack-trace=bogus", prog])
    check(p.returncode == 1 and
          b"invalid --stack-trace argument: 'bogus'" in p.stderr,
          "--stack-trace=bogus: %d %r" % (p.returncode, p.stderr))
    # -k: the innermost frames are strace's.
    if STRACE:
        r = both(["-k", "-e", "trace=write"], [prog])
        a = [l for l in r["strace"][1] if l.startswith(" > ")]
        b = [l for l in r["snare"][1] if l.startswith(" > ")]
        check(len(b) >= 3 and a[:2] == b[:2],
              "-k: frames %r vs strace %r" % (b[:3], a[:3]))


# The syscalls of cli_structs whose lines must equal strace's, and texts
# that show each decoder ran (so a line both tools cut short still fails).
STRUCT_CALLS = ["sysinfo", "getrusage", "statfs", "fstatfs", "wait4",
                "getsockname", "getpeername", "getsockopt", "setsockopt",
                "accept", "accept4", "recvfrom", "sendto", "bind",
                "connect", "socketpair", "sendmsg", "recvmsg", "sendmmsg",
                "recvmmsg", "epoll_ctl", "epoll_wait", "epoll_pwait",
                "rt_sigreturn", "getpid"]
STRUCT_TEXTS = [
    "loads=[", "{ru_utime={tv_sec=", "f_type=PROC_SUPER_MAGIC",
    "f_type=PIPEFS_MAGIC", "[8 => 16]", "[32 => 16]", "[110 => 2]",
    "[16 => 8]", "SO_PEERCRED, {pid=", ", [64 => 16]) = 3",
    "TCP_NODELAY, [0], [4]", "SO_LINGER, {l_onoff=1, l_linger=5}, 8)",
    "TCP_NODELAY, \"abc\", 3)", "}, msg_len=2}], 2, MSG_DONTWAIT) = 2",
    "msg_namelen=16 => 0", "MSG_DONTWAIT, {tv_sec=5, tv_nsec=0}) = -1",
    "msg_namelen=128 => 0", "cmsg_type=SCM_RIGHTS, cmsg_data=[",
    "cmsg_type=SCM_CREDENTIALS, cmsg_data={pid=", "msg_flags=MSG_TRUNC}",
    "{msg_namelen=0}", "}, ... /* 0x", "iov_len=1}, ...]",
    "data={u32=878082192, u64=78187493520}",
    "epoll_pwait(5, [], 4, 0, [USR2], 8)", "rt_sigreturn({mask=[]})",
    "rt_sigreturn({mask=[USR2]})",
]


def full_text_runs(family, prog, calls, texts, fix, normalised=False):
    """Run prog under both tracers, whole and with -e trace=CALLS. Names
    and return values must match; every line of one of calls must equal
    strace's after fix (which hides what differs between two runs); each
    of texts must appear in snare's lines (normalised: pids and addresses
    hidden first), so a decoder both tracers cut short still fails.
    Returns the last run's results."""
    for opts in ([], ["-e", "trace=" + ",".join(calls)]):
        label = family + " " + " ".join(opts)
        r = both(opts, prog)
        ps, ls = r["strace"]
        pn, ln = r["snare"]
        check(pn.returncode == ps.returncode == 0, "%s: exit %d, strace %d"
              % (label, pn.returncode, ps.returncode))
        ls = [fix(l) for l in ls]
        ln = [fix(l) for l in ln]
        pct, _ = compare(ls, ln, label)
        check(pct == 100.0, "%s: names and return values differ" % label)
        _, _, diffs = compare_traces(ls, ln)
        for a, b in diffs:
            name = (parse([a or b]) or [(0, "", "")])[0][2]
            check(name not in calls,
                  "%s: text differs:\n    strace %s\n    snare  %s"
                  % (label, a, b))
        hay = ln
        if normalised:
            pids = pids_of(parse(ln))
            hay = [normalise(e[4], pids) for e in parse(ln)]
        for want in texts:
            check(any(want in t for t in hay), "%s: no %r" % (label, want))
    return r


def same_lines(label, r, fix, least, keep=lambda line: True):
    """The lines both() ran (r) that keep() keeps, each after fix (which
    hides what differs between two runs): snare's must be as many as
    strace's, at least least, each the same text as strace's (the spaces
    before " = " aside). Returns snare's."""
    ls = [fix(l) for l in r["strace"][1] if keep(l)]
    ln = [fix(l) for l in r["snare"][1] if keep(l)]
    check(len(ls) == len(ln) and len(ls) >= least,
          "%s: %d lines, strace %d" % (label, len(ln), len(ls)))
    for a, b in zip(ls, ln):
        check(re.sub(r"\)\s+= ", ") = ", a) ==
              re.sub(r"\)\s+= ", ") = ", b),
              "%s: text differs:\n    strace %s\n    snare  %s"
              % (label, a, b))
    return ln


def structs_line(line):
    """Hide what differs between two runs: loopback ports, sysinfo."""
    line = re.sub(r"htons\(\d+\)", "htons(P)", line)
    if line.startswith("sysinfo({"):
        line = re.sub(r"\d+", "N", line)
    return line


def fam_structs():
    """Structures in full text: socket lengths, msghdr, sysinfo, rusage,
    statfs, epoll events, rt_sigreturn's mask; unreadable pointers."""
    prog = [tracee("cli_structs"), os.path.join(TMP, "sock")]
    full_text_runs("structs", prog, STRUCT_CALLS, STRUCT_TEXTS, structs_line)
    # Garbage: random pointers into random bytes and an unmapped page.
    # With ASLR off both tracers see the same addresses, so every line
    # must be strace's (and under ASan, nothing may crash).
    setarch = shutil.which("setarch")
    if not setarch or run([setarch, "-R", "true"]).returncode != 0:
        print("structs garbage: ASLR cannot be turned off, skipped")
        return
    res = {}
    for tool, argv in TRACERS:
        out = os.path.join(TMP, tool + ".out")
        p = run([setarch, "-R"] + argv + ["-o", out, "--"] + prog +
                ["garbage"])
        with open(out, "rb") as f:
            text = f.read().decode("utf-8", "replace")
        res[tool] = (p, [structs_line(l) for l in text.splitlines()])
    (ps, ls), (pn, ln) = res["strace"], res["snare"]
    check(pn.returncode == ps.returncode == 0 and len(ln) > 600,
          "structs garbage: exit %d, strace %d, %d lines"
          % (pn.returncode, ps.returncode, len(ln)))
    pct, _ = compare(ls, ln, "structs garbage")
    check(pct == 100.0, "structs garbage: names and return values differ")
    _, _, diffs = compare_traces(ls, ln)
    for a, b in diffs:
        name = (parse([a or b]) or [(0, "", "")])[0][2]
        check(name not in STRUCT_CALLS,
              "structs garbage: text differs:\n    strace %s\n    snare  %s"
              % (a, b))


FAMILIES = {"breaks": fam_breaks, "basic": fam_basic, "follow": fam_follow, "filter": fam_filter,
             "filtersh": lambda: fam_filter(shell=True),
            "summary": fam_summary, "inject": fam_inject,
            "format": fam_format, "badinput": fam_badinput,
            "attach": fam_attach, "json": fam_json,
            "structs": fam_structs}

# --- strace's flags -i -a -S -E -A -u -P -e read=/write= (cli_flags) ---

def strace_words(text):
    """strace's messages in snare's words: the program name and the hint."""
    text = re.sub(r"Try '(\S*/)?strace -h' for more information.",
                  "Try 'snare trace --help' for more information.", text)
    return re.sub(r"^(\S*/)?strace: ", "snare: ", text, flags=re.M)


def no_aslr():
    """setarch -R, when this machine lets us turn ASLR off (so that the
    pc of each syscall is the same under both tracers), else []."""
    setarch = shutil.which("setarch")
    if setarch and run([setarch, "-R", "true"]).returncode == 0:
        return [setarch, "-R"]
    return []


IP = re.compile(r"^(\d+ +)?((?:\d\d:\d\d:\d\d\.\d{6} )?(?:\[ *\d+\] )?)"
                r"\[([0-9a-f]{16}|\?{16})\] ")


def split_ip(lines):
    """Lines without their "[pc] ", and (pid, line kind and name, pc) for
    each line in order; a "<... resumed>" line repeats its pc and is left
    out of the second list."""
    bare, pcs = [], []
    for l in lines:
        m = IP.match(l)
        if not check(m is not None, "-i: no [pc] in %r" % l):
            continue
        body = l[m.end():]
        bare.append((m.group(1) or "") + m.group(2) + body)
        if not body.startswith("<... "):
            pcs.append(((m.group(1) or "").strip(), body.split("(")[0]
                        .split(" {")[0], m.group(3)))
    return bare, pcs


def fam_iptr():
    """-i: "[pc] " before each syscall and signal line, strace's format;
    with ASLR off the pcs are strace's, but the first execve's (called
    by each tracer's own child)."""
    scratch = os.path.join(TMP, "scratch")
    prefix = no_aslr()
    for opts in (["-i"], ["--instruction-pointer"], ["-f", "-i"],
                 ["-i", "-n", "-tt"]):
        res = {}
        for tool, argv in TRACERS:
            out = os.path.join(TMP, tool + ".out")
            p = run(prefix + argv + ["-o", out] + opts +
                    [tracee("cli_basic"), scratch])
            check(p.returncode == 3, "%s %s: exit %d" % (tool, opts,
                                                         p.returncode))
            res[tool] = split_ip(open(out).read().splitlines())
        (ba, pa), (bb, pb) = res["strace"], res["snare"]
        label = " ".join(opts)
        pct, _ = compare(ba, bb, label)
        check(pct == 100.0, "%s: names and return values differ" % label)
        check(pb and pb[-1][2] == "?" * 16 and "+++" in bb[-1],
              "%s: exit line %r" % (label, bb[-1:]))
        if "-n" in opts:
            check(all(re.match(r"^\d\d:\d\d:\d\d\.\d{6} \[ *\d+\] \[", l)
                      for l in open(os.path.join(TMP, "snare.out"))),
                  "-i -n -tt: order of the leader's fields")
        if not prefix:
            continue
        # Per process, in creation order; the exit_group of the -f child
        # may print whole or split, its pc is the same.
        def per_pid(pcs):
            order, groups = [], {}
            for pid, what, pc in pcs:
                if pid not in groups:
                    order.append(pid)
                groups.setdefault(pid, []).append((what, pc))
            return [groups[p] for p in order]
        ga, gb = per_pid(pa), per_pid(pb)
        check(len(ga) == len(gb), "%s: %d processes, strace %d"
              % (label, len(gb), len(ga)))
        for i, (a, b) in enumerate(zip(ga, gb)):
            if i == 0:
                a, b = a[1:], b[1:]  # execve: the tracers' own libc
            if not check(a == b, "%s: pcs of process %d differ" % (label, i)):
                for x, y in [(x, y) for x, y in zip(a, b) if x != y][:5]:
                    print("   strace %s  snare %s" % (x, y))
    # -i with -c: strace's warning.
    for tool, argv in TRACERS:
        p = run(argv + ["-i", "-c", "-o", os.devnull, "true"])
        if tool == "strace":
            want = strace_words(p.stderr.decode())
        else:
            check(p.stderr.decode() == want, "-i -c: %r, strace %r"
                  % (p.stderr.decode(), want))


def fam_columns():
    """-a COLUMN: the " = " of each result at that column (0: none)."""
    scratch = os.path.join(TMP, "scratch")
    sel = ["-e", "trace=openat,read,write,close,unlink,pipe2,exit_group",
           "-e", "signal=none"]
    for opts in (["-a", "0"], ["-a", "20"], ["-a", "60"], ["--columns=50"],
                 ["-a", "+30"], ["-a", "010"], []):
        r = both(opts + sel, [tracee("cli_basic"), scratch])
        a, b = r["strace"][1], r["snare"][1]
        check(a == b, "%s: lines differ:\n    strace %r\n    snare  %r"
              % (opts, [l for l in a if l not in b][:2],
                 [l for l in b if l not in a][:2]))


def summary_names(lines):
    return [l.split()[-1] for l in lines
            if re.match(r"^ *\d+\.\d\d +\d", l) and
            not l.endswith(" total")]


SORT_KEYS = ["calls", "count", "errors", "error", "name", "syscall",
             "syscall_name", "syscall-name", "nothing", "none"]
TIME_KEYS = ["time", "time_percent", "time-percent", "time_total",
             "time-total", "total_time", "total-time", "min_time",
             "min-time", "shortest", "time_min", "time-min", "longest",
             "max_time", "max-time", "time_max", "time-max", "avg_time",
             "avg-time", "time_avg", "time-avg"]


def fam_sortby():
    """-S: the -c table's rows in strace's order for every key that does
    not depend on timing; the timing keys are accepted and sort by their
    own column."""
    scratch = os.path.join(TMP, "scratch")
    prog = [tracee("cli_basic"), scratch]
    for key in SORT_KEYS:
        for opts in (["-c", "-S", key], ["-C", "--summary-sort-by=" + key]):
            r = both(opts, prog)
            a, b = summary_names(r["strace"][1]), summary_names(r["snare"][1])
            check(a and a == b, "%s: rows %s, strace %s" % (opts, b, a))
    for key in TIME_KEYS:
        r = both(["-c", "-S", key], prog)
        a, b = summary_names(r["strace"][1]), summary_names(r["snare"][1])
        check(r["snare"][0].returncode == 3 and sorted(a) == sorted(b),
              "-S %s: rows %s, strace %s" % (key, b, a))
        if key in ("min-time", "max-time", "avg-time", "time"):
            col = {"time": 1, "avg-time": 2}.get(key)
            if col:
                vals = [float(l.split()[col]) for l in r["snare"][1]
                        if re.match(r"^ *\d+\.\d\d +\d", l) and
                        not l.endswith(" total")]
                check(vals == sorted(vals, reverse=True),
                      "-S %s: not sorted by column %d" % (key, col))
    # -S without -c or -C: strace's warning, then the trace.
    for tool, argv in TRACERS:
        p = run(argv + ["-S", "calls", "-e", "trace=none", "true"])
        if tool == "strace":
            want = strace_words(p.stderr.decode())
        else:
            check(p.stderr.decode() == want, "-S alone: %r, strace %r"
                  % (p.stderr.decode(), want))


def fam_env():
    """-E VAR=VAL / -E VAR: the command's environment, changed in order as
    strace changes it; -A: -o appends."""
    env = dict(ENV, A="1", B="2", C="3")
    for opts in (["-E", "Z=9", "-E", "B=5", "-E", "A", "-E", "Y=8",
                  "-E", "Z=10", "-E", "NOPE"],
                 ["--env=A=x=y", "--env", "C", "-E", "D="], []):
        outs = []
        for argv in ([STRACE], [SNARE, "trace"]):
            p = run(argv + ["-o", os.path.join(TMP, "e.out")] + opts +
                    ["env"], env=env)
            trace = open(os.path.join(TMP, "e.out")).read().splitlines()
            outs.append((p.returncode, p.stdout, re.search(
                r"/\* (\d+) vars \*/", trace[0]).group(1)))
        check(outs[0] == outs[1], "%s: env %r, strace %r"
              % (opts, outs[1][1][-200:], outs[0][1][-200:]))
    # -A: the second run appends to the first, after what was there.
    texts = []
    for argv in ([STRACE], [SNARE, "trace"]):
        out = os.path.join(TMP, "a.out")
        with open(out, "w") as f:
            f.write("keep\n")
        for opt in ("-A", "--output-append-mode"):
            run(argv + [opt, "-o", out, "-e", "trace=exit_group", "true"])
        texts.append(open(out).read())
    check(texts[0] == texts[1], "-A: %r, strace %r" % (texts[1], texts[0]))
    check(texts[1].startswith("keep\n") and
          texts[1].count("+++ exited with 0 +++") == 2, "-A: %r" % texts[1])
    # -A without -o: strace's warning.
    for tool, argv in TRACERS:
        p = run(argv + ["-A", "-e", "trace=none", "true"])
        if tool == "strace":
            want = strace_words(p.stderr.decode())
        else:
            check(p.stderr.decode() == want, "-A alone: %r, strace %r"
                  % (p.stderr.decode(), want))


def fam_user():
    """-u USERNAME: the command runs with that user's uid, gid and groups;
    the tracer stays root; nothing of snare's exec helper shows."""
    if os.getuid() != 0:
        p = run([SNARE, "trace", "-u", "nobody", "true"])
        check(p.returncode == 1 and p.stderr ==
              b"snare: You must be root to use the -u/--username option\n",
              "-u as non-root: %r" % p.stderr)
        return
    prog = [tracee("cli_flags"), "ids"]
    for opts in (["-u", "nobody"], ["--user=nobody", "-f"],
                 ["-u", "nobody", "-f", "-e", "trace=getuid,getgid,write"],
                 ["-u", "nobody", "-e", "trace=execve"], ["-u", "root"]):
        r = both(opts, prog)
        (ps, ls), (pn, ln) = r["strace"], r["snare"]
        label = " ".join(opts)
        check(pn.stdout == ps.stdout and pn.returncode == ps.returncode == 0,
              "%s: tracee says %r, under strace %r" % (label, pn.stdout,
                                                       ps.stdout))
        pct, _ = compare(ls, ln, label)
        check(pct == 100.0, "%s: names and return values differ" % label)
        check(ln and re.sub(r"^\d+ +", "", ln[0]).startswith("execve(")
              or "trace=getuid" in label,
              "%s: first line %r" % (label, ln[:1]))
        if opts[1] == "nobody" and len(opts) == 2:
            check(b"uid=65534 euid=65534 gid=65534 egid=65534" in pn.stdout,
                  "-u nobody: %r" % pn.stdout)
    # -c counts only the program's syscalls.
    r = both(["-c", "-u", "nobody"], prog)
    check(table(r["strace"][1])[1] == table(r["snare"][1])[1],
          "-u -c: counts differ")
    # The program is not executable by the user: strace's lines and status.
    d = os.path.join(TMP, "private")
    os.mkdir(d, 0o700)
    exe = os.path.join(d, "prog")
    shutil.copy(tracee("cli_flags"), exe)
    r = both(["-u", "nobody"], [exe, "ids"])
    (ps, ls), (pn, ln) = r["strace"], r["snare"]
    check(pn.returncode == ps.returncode == 1, "-u EACCES: exit %d, strace %d"
          % (pn.returncode, ps.returncode))
    ln = [re.sub(r"0x[0-9a-f]+", "ADDR", l) for l in ln]
    ls = [re.sub(r"0x[0-9a-f]+", "ADDR", l) for l in ls]
    check(ln == ls and ln[-1] == "+++ exited with 1 +++" and "EACCES" in ln[0],
          "-u EACCES: %r, strace %r" % (ln, ls))
    check(strace_words(ps.stderr.decode()) == pn.stderr.decode(),
          "-u EACCES: stderr %r, strace %r" % (pn.stderr, ps.stderr))


def fam_paths():
    """-P PATH: only the syscalls that name the path or use an fd open on
    it (dup2, mmap, poll, select, renameat...), strace's set; signals and
    exits are still shown."""
    d = os.path.join(TMP, "d")
    os.mkdir(d)
    a, b = os.path.join(d, "a"), os.path.join(d, "b")
    prog = [tracee("cli_flags"), "paths", d]
    cases = [["-P", a], ["--trace-path=" + a, "-P", b], ["-P", a, "-f"],
             ["-P", os.path.join(d, "nothing")], ["-P", a, "-c"]]
    for opts in cases:
        r = both(opts, prog)
        (ps, ls), (pn, ln) = r["strace"], r["snare"]
        label = " ".join(opts).replace(TMP, "TMP")
        check(pn.returncode == ps.returncode == 0, "%s: exit %d" % (
            label, pn.returncode))
        if "-c" in opts:
            check(table(ls)[1] == table(ln)[1], "%s: counts differ" % label)
            continue
        check(len(ls) == len(ln) and names(ls) == names(ln),
              "%s: syscalls %s, strace %s" % (label, names(ln), names(ls)))
        _, _, diffs = compare_traces(ls, ln)
        for x, y in diffs:
            # select's arguments and result are not decoded by snare yet.
            check((x.startswith("select(") and y.startswith("select(")) or
                  x == y == "",
                  "%s: text differs:\n    strace %s\n    snare  %s"
                  % (label, x, y))
    # A symbolic link and a relative path: resolved now, said on stderr.
    link = os.path.join(TMP, "link")
    os.symlink(a, link)
    for opts, cwd in ((["-P", link], None), (["-P", "a"], d),
                      (["-P", "d/../d/a"], TMP)):
        r = {}
        for tool, argv in TRACERS:
            open(a, "w").close()  # the tracee removes it at its end
            out = os.path.join(TMP, tool + ".out")
            p = run(argv + ["-o", out] + opts + ["--"] + prog, cwd=cwd)
            r[tool] = (p, open(out).read().splitlines())
        (ps, ls), (pn, ln) = r["strace"], r["snare"]
        label = " ".join(opts)
        check(names(ls) == names(ln), "%s: syscalls %s, strace %s"
              % (label, names(ln), names(ls)))
        check(strace_words(ps.stderr.decode()) == pn.stderr.decode(),
              "%s: stderr %r, strace %r" % (label, pn.stderr, ps.stderr))
    # Signals and exits of a process whose syscalls are all filtered out.
    scratch = os.path.join(TMP, "scratch")
    r = both(["-f", "-P", scratch], [tracee("cli_basic"), scratch])
    pct, _ = compare(r["strace"][1], r["snare"][1], "-P cli_basic")
    check(pct == 100.0, "-P cli_basic: names and return values differ")


def dump_lines(lines):
    return [l for l in lines if l.startswith(" | ") or l.startswith(" * ")]


def fam_iodump():
    """-e read=SET / -e write=SET: strace's hex and ASCII dumps, line for
    line, of buffers, vectors and msghdrs; written data even when the
    write fails; nothing for syscalls not shown."""
    prog = [tracee("cli_flags"), "io", TMP]
    for opts in (["-e", "read=all", "-e", "write=all"],
                 ["-e", "read=3,6", "-e", "write=4"],
                 ["--read=!3", "--write=100,5,7"],
                 ["-e", "write=none", "-e", "read=0,1,2"],
                 ["-e", "trace=write,readv", "-e", "read=all",
                  "-e", "write=all"],
                 ["-e", "read=all", "-f", "-e", "trace=read,recvmsg"],
                 ["-e", "write=all", "-z"]):
        r = both(opts, prog)
        (ps, ls), (pn, ln) = r["strace"], r["snare"]
        label = " ".join(opts)
        check(pn.returncode == ps.returncode == 0, "%s: exit %d" % (
            label, pn.returncode))
        pct, _ = compare(ls, ln, label)
        check(pct == 100.0, "%s: names and return values differ" % label)
        da, db = dump_lines(ls), dump_lines(ln)
        if not check(da == db, "%s: dumps differ (%d lines, strace %d)"
                     % (label, len(db), len(da))):
            for x, y in [(x, y) for x, y in zip(da, db) if x != y][:4]:
                print("   strace %r\n   snare  %r" % (x, y))
    r = both(["-e", "read=all", "-e", "write=all"], prog)
    check(" | 00000  6c 6f 73 74                                       "
          "lost             |" in r["snare"][1], "failed write: no dump")


def fam_flagerrors():
    """Bad values of the new flags: strace's messages and exit status."""
    cases = [["-a", "abc", "true"], ["-a", "-1", "true"],
             ["-a", "2147483648", "true"], ["-a", "", "true"],
             ["-a", "5x", "true"], ["-S", "foo", "-c", "true"],
             ["-S", "wall_total", "-c", "true"], ["-S", "", "-c", "true"],
             ["-e", "read=abc", "true"], ["-e", "write=", "true"],
             ["--read=1,x", "true"], ["-e", "write=3 ", "true"],
             ["-u", "no_such_user_snare", "true"], ["-E"], ["-P"], ["-u"],
             ["-a"], ["-S"], ["--columns"], ["--env"], ["--columns=x", "true"],
             ["--columns", "-2", "true"], ["--string-limit=x", "true"]]
    if os.getuid() == 0:
        cases.append(["-u", "no_such_user_snare", "-p", "1"])
    for args in cases:
        ps = run([STRACE] + args)
        pn = run([SNARE, "trace"] + args)
        want = strace_words(ps.stderr.decode())
        got = pn.stderr.decode()
        check(pn.returncode == ps.returncode == 1 and got == want,
              "%s: exit %d %r, strace %d %r" % (args, pn.returncode, got,
                                                ps.returncode, want))
    setpriv = shutil.which("setpriv")
    if os.getuid() == 0 and setpriv:
        drop = [setpriv, "--reuid", "65534", "--regid", "65534",
                "--clear-groups"]
        ps = run(drop + [STRACE, "-u", "nobody", "true"])
        pn = run(drop + [SNARE, "trace", "-u", "nobody", "true"])
        if b"Permission denied" not in pn.stderr:  # snare not reachable
            check(pn.returncode == ps.returncode == 1 and
                  pn.stderr.decode() == strace_words(ps.stderr.decode()),
                  "-u as nobody: %r, strace %r" % (pn.stderr, ps.stderr))


FAMILIES.update({"iptr": fam_iptr, "columns": fam_columns,
                 "sortby": fam_sortby, "env": fam_env, "user": fam_user,
                 "paths": fam_paths, "iodump": fam_iodump,
                 "flagerrors": fam_flagerrors})


# --- syscalls once printed in hex: gid lists, fd sets, CPU masks, xattrs,
# timers, struct tms, stack_t (cli_decode2) ---

# Every line of these must equal strace's; each text shows a decoder ran.
DECODE2_CALLS = [
    "getgroups", "setgroups", "setreuid", "setregid", "setfsuid",
    "setfsgid", "select", "pselect6", "sched_getaffinity",
    "sched_setaffinity", "setxattr", "lsetxattr", "fsetxattr", "getxattr",
    "lgetxattr", "fgetxattr", "listxattr", "llistxattr", "flistxattr",
    "removexattr", "lremovexattr", "fremovexattr", "fadvise64",
    "readahead", "sync_file_range", "umount2", "setitimer", "getitimer",
    "timerfd_settime", "timerfd_gettime", "timer_create", "timer_settime",
    "timer_gettime", "timer_getoverrun", "timer_delete", "times",
    "sched_getscheduler", "sched_getparam", "sched_setscheduler",
    "sched_get_priority_max", "sched_get_priority_min",
    "sched_rr_get_interval", "clock_settime", "sigaltstack", "mlock2",
    "utimensat", "utimes", "futimesat", "utime", "prctl", "mknodat",
    "mknod", "statx", "ioctl", "getpid", "sendfile", "splice",
    "copy_file_range", "time", "preadv2", "pwritev2", "ioprio_get",
    "ioprio_set", "pidfd_getfd"]
DECODE2_TEXTS = [
    "getgroups(0, NULL) = 0", "setgroups(3, [0, -1, 2]) = -1",
    "setgroups(2, 0x1) = -1", "setreuid(-1, -1) = ",
    "select(4, [3], NULL, NULL, {tv_sec=N, tv_usec=N}) = 0 (Timeout)",
    "[3 4], [4], [4], {tv_sec=N, tv_usec=N}) = 2 (in [3], out [4], left {",
    "select(5, [3], [4], NULL, NULL) = 2 (in [3], out [4])",
    "select(3, 0x1, NULL, NULL, 0x1) = -1 EFAULT",
    "{sigmask=[USR1], sigsetsize=8}) = 1 (in [3], left {tv_sec=N, ",
    "{sigmask=NULL, sigsetsize=8}) = 0 (Timeout)",
    "pselect6(4, [], NULL, NULL, NULL, 0x1) = -1",
    "sched_setaffinity(999999999, 16, [0 1 2 3 4 5 6 7 16 17 18 19 20 21 "
    "22 23 64]) = -1", "sched_setaffinity(0, 0, []) = -1",
    '"user.a", "a\\0b", 3, 0)', '"user.b", "text", 5, XATTR_CREATE)',
    '"01234567890123456789012345678901"..., 40, XATTR_REPLACE)',
    "0x1, 3, 0x4 /* XATTR_??? */)", "llistxattr(", ", NULL, 0) = ",
    "fadvise64(3, 0, 0, POSIX_FADV_SEQUENTIAL) = 0",
    "fadvise64(3, 1, 100, 0x4d /* POSIX_FADV_??? */) = -1",
    "sync_file_range(3, 0, 0, SYNC_FILE_RANGE_WAIT_BEFORE) = 0",
    "MNT_DETACH|UMOUNT_NOFOLLOW) = -1",
    "setitimer(ITIMER_REAL, {it_interval={tv_sec=N, tv_usec=N}, "
    "it_value={tv_sec=N, tv_usec=N}}, NULL) = 0",
    "getitimer(ITIMER_VIRTUAL, 0x1) = -1",
    "timerfd_settime(3, TFD_TIMER_ABSTIME, {it_interval={tv_sec=N, ",
    "timer_create(CLOCK_MONOTONIC, NULL, [0]) = 0",
    "times({tms_utime=", "times(0x1) = -1",
    "sched_getscheduler(0) = 0 (SCHED_OTHER)",
    "sched_setscheduler(0, SCHED_OTHER, [0]) = 0",
    "sched_get_priority_min(0x4d /* SCHED_??? */) = -1",
    "sigaltstack(NULL, {ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0}) = 0",
    "ss_flags=0x40 /* SS_??? */, ss_size=65536}, NULL) = -1",
    "sigaltstack(0x1, 0x1) = -1", "16, MLOCK_ONFAULT) = ",
    "tv_nsec=N} /* 2026-11-", ", UTIME_NOW], 0) = 0",
    "utimensat(3, NULL, [UTIME_OMIT, {tv_sec=N, tv_nsec=N} /* 1970-01-01",
    "{tv_sec=N, tv_nsec=N}, {tv_sec=N, tv_nsec=N} /* 1970",
    "utimensat(3, NULL, NULL, 0) = 0", "tv_usec=N} /* 2026-11-",
    "[{tv_sec=N, tv_usec=N}, {tv_sec=N, tv_usec=N} /* 1970-01-01",
    "{actime=1795400173 /* 2026-11-", ", modtime=6 /* 1970-01-01",
    'prctl(PR_SET_NAME, "0123456789abcde"...) = 0',
    'prctl(PR_GET_NAME, "0123456789abcde") = 0', "prctl(PR_GET_NAME, 0x1) = -1",
    "prctl(PR_GET_PDEATHSIG, [SIGTERM]) = 0", "prctl(PR_SET_PDEATHSIG, 0) = 0",
    "prctl(PR_CAPBSET_READ, CAP_DAC_OVERRIDE) = ",
    "prctl(PR_CAPBSET_READ, 0x4d /* CAP_??? */) = -1",
    "prctl(PR_SET_DUMPABLE, 0x7 /* SUID_DUMP_??? */) = -1",
    "prctl(PR_GET_DUMPABLE) = ", "prctl(PR_SET_DUMPABLE, SUID_DUMP_USER) = 0",
    "prctl(PR_GET_CHILD_SUBREAPER, [0]) = 0", "prctl(PR_GET_SECUREBITS) = ",
    "prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_CHOWN, 0, 0) = ",
    "prctl(PR_CAP_AMBIENT, 0x9 /* PR_CAP_AMBIENT_??? */, 0, 0, 0) = -1",
    "prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) = ",
    "/node\", S_IFIFO|0600) = 0", "/node\", S_IFCHR|0600, makedev(0x1, 0x3)) = ",
    "/node\", 0170600) = -1", "/node\", 0600) = 0",
    "ioctl(3, BTRFS_IOC_CLONE or FICLONE, 3) = ",
    'listxattr("%s/d/xattr", ADDR, 0) = ' % TMP,
    "{sigev_signo=SIGALRM, sigev_notify=SIGEV_SIGNAL}, [",
    "{sigev_value={sival_int=5, sival_ptr=0x5}, sigev_signo=SIGALRM, ",
    "{sigev_signo=3, sigev_notify=SIGEV_NONE}, [",
    "sigev_notify=SIGEV_THREAD_ID, sigev_notify_thread_id=PID}, [",
    "sigev_notify_function=0x1, sigev_notify_attributes=NULL}",
    "sigev_notify=0x4d /* SIGEV_??? */}, ADDR) = -1",
    "timer_create(CLOCK_MONOTONIC, 0x1, ADDR) = -1",
    "sendfile(5, 3, [3] => [8], 5) = 5", "sendfile(5, 3, NULL, 5) = 5",
    "sendfile(5, 3, 0x1, 5) = -1", "sendfile(5, 3, [4611686018427387904], 5)",
    "sendfile(5, 3, [100], 5) = 0", "splice(4, NULL, 3, [1], 3, ",
    "copy_file_range(3, [4], 3, NULL, 0, 0) = 0",
    "time([N /* N-N-NTN:N:N+N */]) = N (N-N-NTN:N:N+N)", "time(NULL) = N (",
    "time(0x1) = -1",
    '}], 1, 2, 0) = 8', "}], 1, 0, RWF_HIPRI|0x100) = ",
    "}], 1, 0, RWF_DSYNC) = 8",
    "ioprio_set(IOPRIO_WHO_PROCESS, 0, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4))",
    "ioprio_get(IOPRIO_WHO_PROCESS, 0) = 16388 (IOPRIO_PRIO_VALUE("
    "IOPRIO_CLASS_BE, 4))", "IOPRIO_PRIO_VALUE(0x7 /* IOPRIO_CLASS_??? */, 4)",
    "ioprio_get(0x9 /* IOPRIO_WHO_??? */, 0) = -1",
    "pidfd_getfd(-1, 3, 0) = -1", "pidfd_getfd(-1, 3, 0x5) = -1",
]


def decode2_line(line):
    """Hide what differs between two runs: the time and its date, times'
    ticks and the seconds they make (a comment only when not 0)."""
    if line.startswith("time(") and "EFAULT" not in line:
        line = re.sub(r"\d+", "N", line)
    if line.startswith("times({"):
        line = re.sub(r" /\* \d+\.\d+ s \*/", "", line)
        line = re.sub(r"\d+", "N", line)
    return line


def fam_decode2():
    """The full text of cli_decode2's lines; unreadable pointers too."""
    scratch = os.path.join(TMP, "d")
    os.mkdir(scratch)
    prog = [tracee("cli_decode2"), scratch]
    r = full_text_runs("decode2", prog, DECODE2_CALLS, DECODE2_TEXTS,
                       decode2_line, normalised=True)
    # Ticks and their seconds in a comment (strace's clock_t), when the
    # tracee's spin took at least one tick.
    hz = os.sysconf("SC_CLK_TCK")
    for line in r["snare"][1]:
        m = re.match(r"times\(\{tms_utime=(\d+)( /\* ([\d.]+) s \*/)?", line)
        if m and int(m.group(1)):
            check(m.group(3) and abs(float(m.group(3)) -
                                     int(m.group(1)) / hz) < 0.5 / hz,
                  "decode2: times %r" % line)


FAMILIES["decode2"] = fam_decode2

# --- umode_t bits, faccessat2's AT_EACCESS, mremap's fifth argument, the
# siginfo of a POSIX timer (cli_decode3) ---
DECODE3_CALLS = ["umask", "fchmod", "mkdir", "faccessat2", "unlinkat", "mremap",
                 "timer_create", "timer_settime", "rt_sigsuspend"]
DECODE3_TEXTS = [
    "umask(0107777) = ", "fchmod(3, 0100644) = 0", '/sub", 040755) = 0',
    '/file", R_OK, AT_EACCESS) = 0', '/file", W_OK, AT_SYMLINK_NOFOLLOW|AT_EACCESS) = 0',
    '/sub", AT_REMOVEDIR) = 0', "mremap(ADDR, 16384, 8192, 0) = ADDR",
    "mremap(ADDR, 8192, 8192, MREMAP_MAYMOVE|MREMAP_FIXED, ADDR) = ADDR",
    "--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_TIMER, si_timerid=0, si_overrun=0, "
    "si_int=7, si_ptr=0x7} ---",
]


def fam_decode3():
    scratch = os.path.join(TMP, "d")
    os.mkdir(scratch)
    full_text_runs("decode3", [tracee("cli_decode3"), scratch], DECODE3_CALLS,
                   DECODE3_TEXTS, lambda l: l, normalised=True)


FAMILIES["decode3"] = fam_decode3

# --- -y, -yy, -v and format details (cli_annot) ---
ANNOT_TEXTS = {
    "": ["openat(AT_FDCWD, ", "O_WRONLY|__O_SYNC) = 3", "O_WRONLY|O_SYNC) = 3",
         ', "d/file", O_RDONLY) = 3', "{fd=-1}], 3, 0) = 2 (",
         "left {tv_sec=0, tv_nsec=0})", "/* 3 entries */",
         "execve(\"/proc/self/exe\", [", "/* 2 vars */) = 0",
         "TCGETS, {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|",
         "c_cflag=B38400|B4800<<IBSHIFT|CS8|CREAD|PARENB, c_lflag=ISIG|",
         "TIOCSWINSZ, {ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0}) = 0",
         "SNDCTL_TMR_START or TCSETS, {", "TCGETS, NULL) = -1 EFAULT",
         "socket(AF_INET, SOCK_STREAM, 0) = ", "dup3(0, 50, O_CLOEXEC) = 50",
         "(AT_FDCWD, \"/proc/self/none/x\", AT_REMOVEDIR) = -1 ENOENT",
         "AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, NULL)",
         "wait4(-1, NULL, WNOHANG, NULL) = -1 ECHILD", "fcntl(0, F_GETFD) = ",
         "lseek(99, 1, SEEK_CUR) = -1 EBADF", "madvise(NULL, 0, MADV_DONTNEED)",
         "mprotect(NULL, 0, PROT_READ|0xdead00000000) = 0",
         "rt_sigprocmask(SIG_BLOCK, NULL, NULL, 8) = 0",
         "timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK) = 3",
         "PROT_EXEC|PROT_SEM|0xfff0, 0xf /* MAP_??? */|MAP_FIXED|",
         "MAP_FIXED_NOREPLACE|0x3e00680|63<<MAP_HUGE_SHIFT, 99, 0) = -1",
         "PROT_SEM|PROT_GROWSDOWN|PROT_GROWSUP|0xfcfffff0) = -1",
         "STATX_ALL|STATX_MNT_ID|STATX_DIOALIGN|0xffffc000, NULL) = -1",
         "IN_EXCL_UNLINK|IN_MASK_CREATE|IN_MASK_ADD|IN_ISDIR|IN_ONESHOT|",
         "unshare(CLONE_NEWTIME|CLONE_VM|CLONE_FS|", "setns(99, CLONE_NEWTIME|",
         "msync(NULL, 0, MS_SYNC|MS_ASYNC|MS_INVALIDATE|0xfffffff8) = -1",
         "MFD_HUGETLB|0x3fffff8|63<<MFD_HUGE_SHIFT) = -1",
         "wait4(-1, NULL, WNOHANG|WEXITED|WSTOPPED|WCONTINUED|WNOWAIT|__WCLONE|",
         "LOCK_UN|LOCK_MAND|LOCK_RW|0xffffff10) = 0",
         "SA_RESTART|SA_INTERRUPT|SA_NODEFER|",
         "POLLMSG|POLLREMOVE|POLLRDHUP|POLL_BUSY_LOOP|0x4800}], 1, 0) = 1",
         "futex(NULL, 0x7f /* FUTEX_??? */, 0, NULL, NULL, 0) = -1 ENOSYS"],
    "-y": ["openat(AT_FDCWD<CWD>, \"d/file\", O_RDWR|O_CREAT",
           "= 3<CWD/d/file>", "poll([{fd=3<pipe:[INO]>, events=POLLIN}, "
           "{fd=4<pipe:[INO]>, events=POLLOUT}, {fd=-1}], 3, 0) = 2 "
           "([{fd=3, revents=POLLIN}",
           "mmap(NULL, 4096, PROT_READ, MAP_SHARED, 3<CWD/d/file>, 0)",
           "dup(3<CWD/d/file>) = 4<CWD/d/file>", "= 30<CWD/d/file>",
           "epoll_ctl(5<anon_inode:[eventpoll]>, EPOLL_CTL_ADD, 3<pipe:[INO]>",
           "cmsg_data=[5<socket:[INO]>]", "= 3<CWD/d/a\\74b\\76c\\n>",
           "= 3<anon_inode:[pidfd]>", "close(3<CWD/d/gone>(deleted)) = 0", "pselect6(5, [3<pipe:[INO]>], [4<pipe"],
    "-yy": ["socketpair(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0, "
            "[3<UNIX-STREAM:[INO->INO]>, 4<UNIX-STREAM:[INO->INO]>]) = 0",
            "cmsg_data=[5<UNIX-STREAM:[INO->INO]>]",
            "close(4<UNIX-STREAM:[INO->INO]>) = 0",
            "getsockname(3<UNIX:[INO,\"d/sock\"]>",
            "listen(3<TCP:[127.0.0.1:PORT]>, 1)",
            "= 5<TCP:[127.0.0.1:PORT->127.0.0.1:PORT]>",
            "close(3<UDP:[127.0.0.1:PORT]>)", "= 3<TCP:[INO]>",
            "= 3</dev/null<char 1:3>>", "= 3<pid:",
            "AT_FDCWD<CWD>", "= 3<CWD/d/file>"],
    "-v": ["st_nlink=1, st_uid=", "st_atime=1000000000 /* 2001-09-09T",
           ".000000005+0000 */, st_atime_nsec=5, st_mtime=1100000000",
           "stx_attributes_mask=", "stx_mnt_id=0x", "stx_rdev_major=0",
           "[\"A=1\", \"B=two\"]) = 0", "c_line=N_TTY, c_cc=[[VINTR]=0x3, ",
           "[VMIN]=0, ", "[17]=0, [18]=0]}) = 0", ", machine=\"x86_64\", domainname=", 'd_name="file"}', "getdents64(3, [], "],
    "-s5": ['getcwd("CWD", 4096) = '],
}


def annot_line(line, cwd):
    """Hide what differs between two runs: inodes, ports, the times of
    files made now, the pty's number; the working directory as CWD."""
    line = line.replace(cwd, "CWD")
    line = re.sub(r"(:\[|->)\d{4,}", r"\1INO", line)
    line = re.sub(r"(127\.0\.0\.1|\]):\d+", r"\1:PORT", line)
    line = re.sub(r"htons\(\d+\)", "htons(P)", line)
    line = re.sub(r"(st_ino|stx_ino|d_ino|d_off|st_blocks|stx_blocks)=\d+",
                  r"\1=N", line)
    line = re.sub(r"=1[6-9]\d{8}( /\* [^*]+ \*/)?, (st_[amc]time)_nsec=\d+",
                  r"=T, \2_nsec=N", line)
    line = re.sub(r"\{tv_sec=1[6-9]\d{8}, tv_nsec=\d+\}( /\* [^*]+ \*/)?",
                  "{T}", line)
    # The pty's number depends on the ptys other programs hold.
    line = re.sub(r"/dev/pts/\d+(<char 136:)?\d*", r"/dev/pts/N\1", line)
    line = re.sub(r"TIOCGPTN, \[\d+\]", "TIOCGPTN, [N]", line)
    return line


def fam_annot():
    """-y, -yy, -v and -s on the fds and structures of cli_annot: every
    line's full text as strace's, and the texts each option is for."""
    scratch = os.path.join(TMP, "d")
    os.mkdir(scratch)
    prog = [tracee("cli_annot"), "d"]
    for key, opts in (("", []), ("-y", ["-y"]), ("-yy", ["-yy"]),
                      ("-v", ["-v"]), ("-s5", ["-s", "5"])):
        label = "annot " + (key or "plain")
        r = both(opts, prog, cwd=TMP)
        ps, ls = r["strace"]
        pn, ln = r["snare"]
        check(pn.returncode == ps.returncode == 0, "%s: exit %d, strace %d"
              % (label, pn.returncode, ps.returncode))
        ls = [annot_line(l, TMP) for l in ls]
        ln = [annot_line(l, TMP) for l in ln]
        pct, _ = compare(ls, ln, label)
        check(pct == 100.0, "%s: names and return values differ" % label)
        _, _, diffs = compare_traces(ls, ln)
        for a, b in diffs:
            check(False, "%s: text differs:\n    strace %s\n    snare  %s"
                  % (label, a, b))
        hay = [re.sub(r"\)\s+= ", ") = ", l) for l in ln]
        for want in ANNOT_TEXTS[key]:
            check(any(want in t for t in hay), "%s: no %r" % (label, want))


FAMILIES["annot"] = fam_annot


# --- the syscalls snare once printed as raw hex (strace's printargs()):
# process, memory, IPC, filesystem and administrative calls (cli_decode4) ---
DECODE4_CALLS = [
    "waitid", "ptrace", "rt_sigqueueinfo", "rt_tgsigqueueinfo", "signalfd",
    "process_vm_readv", "process_vm_writev", "kcmp", "sched_getattr",
    "sched_setattr", "pkey_alloc", "pkey_free", "pkey_mprotect", "membarrier",
    "process_madvise", "process_mrelease", "memfd_secret", "modify_ldt",
    "mount", "umount2", "swapon", "swapoff", "pivot_root", "quotactl",
    "capget", "capset", "get_mempolicy", "set_mempolicy", "mbind",
    "migrate_pages", "move_pages", "set_mempolicy_home_node", "seccomp",
    "shmget", "shmat", "shmctl", "shmdt", "semget", "semop", "semtimedop",
    "semctl", "msgget", "msgsnd", "msgrcv", "msgctl", "mq_open", "mq_unlink",
    "mq_timedsend", "mq_timedreceive", "mq_notify", "mq_getsetattr",
    "add_key", "request_key", "keyctl", "openat2", "fanotify_init",
    "fanotify_mark", "inotify_init", "name_to_handle_at", "open_by_handle_at",
    "landlock_create_ruleset", "landlock_add_rule", "landlock_restrict_self",
    "fsopen", "fsconfig", "fsmount", "fspick", "move_mount", "open_tree",
    "mount_setattr", "quotactl_fd", "io_uring_setup", "io_uring_enter",
    "io_uring_register", "syslog", "reboot", "adjtimex", "clock_adjtime",
    "futex_waitv", "perf_event_open", "bpf", "uselib", "settimeofday", "iopl",
    "ioperm", "init_module", "delete_module", "finit_module", "kexec_file_load",
    "io_setup", "io_destroy", "lookup_dcookie", "remap_file_pages", "vmsplice",
    "userfaultfd", "set_thread_area", "get_thread_area", "io_submit",
    "io_getevents", "io_cancel", "io_pgetevents", "kexec_load",
]
# Decoded texts both tracers must show (so that both printing hex fails).
DECODE4_TEXTS = [
    "waitid(P_PID, PID, {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=PID, ",
    "waitid(0x7 /* P_??? */, 0, NULL, ADDR /* W??? */, NULL) = -1",
    "ptrace(PTRACE_SETOPTIONS, 2147483632, NULL, PTRACE_O_TRACESYSGOOD|"
    "PTRACE_O_TRACECLONE|PTRACE_O_EXITKILL) = -1 ESRCH",
    "ptrace(PTRACE_CONT, 2147483632, NULL, SIGUSR1) = -1",
    "ptrace(PTRACE_GETREGSET, 2147483632, NT_PRSTATUS, {iov_base=ADDR, "
    "iov_len=8}) = -1", "ptrace(PTRACE_TRACEME) = -1 EPERM",
    "{si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=2147483632, si_uid=0, "
    "si_int=7, si_ptr=0x7}) = -1 ESRCH", "signalfd(-1, [USR2], 8) = ",
    'process_vm_readv(PID, [{iov_base="abcd", iov_len=4}], 1, '
    "[{iov_base=ADDR, iov_len=4}], 1, 0) = 4", "kcmp(PID, PID, KCMP_VM) = 0",
    "sched_getattr(0, {size=56, sched_policy=SCHED_OTHER, sched_flags=0, ",
    "membarrier(MEMBARRIER_CMD_QUERY, 0) = 0x",
    "membarrier(0x1000 /* MEMBARRIER_CMD_??? */, MEMBARRIER_CMD_FLAG_CPU, 3)",
    "modify_ldt(1, {entry_number=8192, base_addr=ADDR, limit=ADDR, "
    "seg_32bit=1, contents=0, ", "16) = 4294967274 EINVAL",
    '"snarefs", MS_RDONLY|MS_NOSUID|MS_NODEV, "opt=1") = -1',
    'mnt", NULL, MS_REMOUNT|MS_BIND, NULL) = -1',
    "MS_MGC_VAL|MS_BIND|MS_REC, NULL) = -1", ", MS_RDONLY|MS_ACTIVE, NULL)",
    "SWAP_FLAG_PREFER|SWAP_FLAG_DISCARD|5) = -1",
    "quotactl(QCMD(Q_GETQUOTA, USRQUOTA), ", "quotactl(QCMD(Q_QUOTAOFF, GRPQUOTA)",
    "capget({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, {effective=",
    "capget({version=ADDR /* _LINUX_CAPABILITY_VERSION_??? */, pid=0}",
    "get_mempolicy([MPOL_DEFAULT], [0000000000000000], 64, NULL, 0) = 0",
    "set_mempolicy(MPOL_PREFERRED|MPOL_F_STATIC_NODES, ",
    "MPOL_BIND, [0000000000000000], 64, MPOL_MF_STRICT|MPOL_MF_MOVE) = -1",
    "move_pages(0, 1, [ADDR], NULL, [0], 0) = 0",
    "seccomp(SECCOMP_GET_ACTION_AVAIL, 0, [SECCOMP_RET_LOG]) = 0",
    "seccomp(SECCOMP_SET_MODE_FILTER, ADDR /* SECCOMP_FILTER_FLAG_??? */"
    ", {len=4, filter=ADDR}) = -1",
    "shmget(ADDR, 4096, IPC_EXCL|SHM_HUGETLB|0644) = -1", "shmget(ADDR, 4096, 0600) = -1",
    "semop(-1, [{sem_num=0, sem_op=1, sem_flg=SEM_UNDO}, {sem_num=1, "
    "sem_op=-1, sem_flg=IPC_NOWAIT}], 2) = -1",
    'msgsnd(-1, {mtype=5, mtext="abc\\0"}, 4, IPC_NOWAIT) = -1',
    "msgrcv(-1, ADDR, 4, 5, MSG_NOERROR|IPC_NOWAIT) = -1",
    "semctl(-1, 1, GETVAL, NULL) = -1", "msgctl(-1, IPC_STAT, ADDR) = -1",
    'mq_open("snare-none", O_RDWR|O_CREAT|O_EXCL, 0600, {mq_flags=0, ',
    'mq_timedsend(-1, "msg", 3, 1, {tv_sec=N, tv_nsec=N}) = -1',
    'add_key("user", "snare:test", "payload", 7, -100) = -1',
    "keyctl(KEYCTL_SETPERM, 2147483632, KEY_POS_VIEW|",
    'keyctl(KEYCTL_SEARCH, KEY_SPEC_USER_KEYRING, "user", "snare:none", 0)',
    "keyctl(0x77 /* KEYCTL_??? */, 0x1, 0x2, 0x3, 0x4) = -1",
    "{flags=O_RDONLY|O_CLOEXEC, resolve=RESOLVE_NO_SYMLINKS|RESOLVE_BENEATH}",
    "{flags=O_WRONLY|O_CREAT|O_EXCL, mode=0600, resolve=ADDR /* RESOLVE_??? */}",
    "fanotify_init(FAN_CLASS_NOTIF|FAN_CLOEXEC|ADDR, O_RDONLY) = -1",
    "fanotify_mark(-1, FAN_MARK_REMOVE, FAN_ACCESS, FAN_NOFD, NULL) = -1",
    "{handle_bytes=0 => 8}, ADDR, 0) = -1 EOVERFLOW",
    "landlock_add_rule(-1, LANDLOCK_RULE_PATH_BENEATH, {allowed_access="
    "LANDLOCK_ACCESS_FS_EXECUTE, parent_fd=-1}, 0) = -1",
    'fsconfig(-1, FSCONFIG_SET_STRING, "key", "value", 0) = -1',
    "fsmount(-1, FSMOUNT_CLOEXEC, MOUNT_ATTR_RDONLY|MOUNT_ATTR_NOATIME) = -1",
    "{attr_set=MOUNT_ATTR_RDONLY, attr_clr=0, propagation=0 /* MS_??? */, "
    "userns_fd=0}, 32) = -1",
    "io_uring_setup(0, {flags=ADDR /* IORING_SETUP_??? */, "
    "sq_thread_cpu=0, sq_thread_idle=0}) = -1",
    "io_uring_register(-1, IORING_REGISTER_BUFFERS, [{iov_base=0x1000, "
    "iov_len=16}], 1) = -1",
    "syslog(10 /* SYSLOG_ACTION_SIZE_BUFFER */) = ",
    "reboot(LINUX_REBOOT_MAGIC1, ADDR /* LINUX_REBOOT_MAGIC_??? */, "
    "LINUX_REBOOT_CMD_CAD_OFF) = -1", "clock_adjtime(0x77 /* CLOCK_??? */, ",
    "futex_waitv([{val=0, uaddr=ADDR, flags=FUTEX_32|FUTEX_PRIVATE_FLAG}], 1, "
    "0, {tv_sec=N, tv_nsec=N}, CLOCK_MONOTONIC) = -1 EAGAIN",
    "perf_event_open({type=PERF_TYPE_SOFTWARE, size=PERF_ATTR_SIZE_VER7, "
    "config=PERF_COUNT_SW_DUMMY, sample_period=0, sample_type=0, "
    "read_format=0, disabled=1, exclude_kernel=1, exclude_hv=1, precise_ip=0 "
    "/* arbitrary skid */, ...}, 0, -1, -1, PERF_FLAG_FD_CLOEXEC) = ",
    "config=PERF_COUNT_HW_CACHE_RESULT_MISS<<16|PERF_COUNT_HW_CACHE_OP_READ<<8|"
    "PERF_COUNT_HW_CACHE_LL, ",
    "bpf(BPF_MAP_CREATE, {map_type=BPF_MAP_TYPE_ARRAY, key_size=4, "
    'value_size=8, max_entries=1, map_flags=0, inner_map_fd=0, map_name='
    '"snare_map", map_ifindex=0, btf_fd=0, ',
    "bpf(BPF_MAP_UPDATE_ELEM, {map_fd=", ", flags=BPF_ANY}, 32) = ",
    'license="GPL", log_level=0, log_size=0, log_buf=NULL, kern_version='
    "KERNEL_VERSION(6, 1, 0), prog_flags=0}, 48) = -1",
    "fd_array=NULL, ...}, 144) = -1",
    'bpf(BPF_OBJ_GET, {pathname="/nonexistent-snare/pin", bpf_fd=0, '
    "file_flags=0}, 16) = -1 ENOENT",
    'delete_module("snare_none", O_NONBLOCK) = -1',
    "io_submit(ADDR, 1, [{aio_data=0x1234, aio_lio_opcode=IOCB_CMD_PWRITE, "
    'aio_fildes=3, aio_buf="hello", aio_nbytes=5, aio_offset=0}]) = 1',
    "io_getevents(ADDR, 1, 2, [{data=0x1234, obj=ADDR, res=5, res2=0}], "
    "{tv_sec=N, tv_nsec=N}) = 1",
    "aio_lio_opcode=IOCB_CMD_PREADV, aio_fildes=3, aio_buf=[{iov_base=ADDR, "
    "iov_len=4}], aio_offset=1}]) = 1",
    "{sigmask=[USR2], sigsetsize=8}) = 1",
    'finit_module(-1, "", MODULE_INIT_IGNORE_VERMAGIC) = -1',
    'vmsplice(-1, [{iov_base="splice", iov_len=6}], 1, SPLICE_F_NONBLOCK) = -1',
    "bpf(BPF_PROG_DETACH, {target_fd=-1, attach_type="
    "BPF_CGROUP_INET_SOCK_CREATE}, 12) = -1",
]


def decode4_line(line):
    """Hide the tracee's pid and its child's, unknown under -e trace=
    (getpid and clone are not traced)."""
    m = re.match(r"(waitid\(P_PID, |kcmp\(|process_vm_readv\()(\d+)", line)
    if m and m.group(2) != "2147483632":
        line = line.replace(m.group(2), "PID")
    return line


def fam_decode4():
    scratch = os.path.join(TMP, "d")
    os.mkdir(scratch)
    full_text_runs("decode4", [tracee("cli_decode4"), scratch], DECODE4_CALLS,
                   DECODE4_TEXTS, decode4_line, normalised=True)


FAMILIES["decode4"] = fam_decode4


# --- device ioctls, decoded by family (cli_ioctl_dev) ---
IOCTL_DEV_TEXTS = [
    "ioctl(-1, EVIOCGBIT(EV_KEY, 8), ADDR) = -1 EBADF",
    "ioctl(-1, EVIOCGBIT(0x1f /* EV_??? */, 42), NULL) = -1 EBADF",
    "ioctl(-1, EVIOCSKEYCODE, [250, KEY_ESC]) = -1 EBADF",
    "ioctl(-1, EVIOCSFF, {type=FF_RUMBLE, id=-1, direction=16384, ...})",
    "ioctl(-1, _IOC(_IOC_READ|_IOC_WRITE, 0x45, 0xfe, 0xff), 0x1234) = -1",
    "ioctl(-1, PHN_NOT_OH or RTC_UIE_OFF) = -1 EBADF",
    "default_values=[0, 1, 0], consumer_label=\"snare\"}) = -1 EBADF",
    "config={flags=GPIO_V2_LINE_FLAG_INPUT|",
    "num_attrs=1, attrs=[{debounce_period_us=10, mask=0x3}]}}) = -1 EBADF",
    "{command=ATA_CMD_WRITE, sector_number=1, feature=2, sector_count=0}",
    "ioctl(-1, HDIO_SET_NICE, 1 << IDE_NICE_1|1 << IDE_NICE_0|1 << IDE_NICE_2)",
    "uvalue=1<<RTC_FEATURE_ALARM|0x1000, index=0}) = -1 EBADF",
    "{param=RTC_PARAM_CORRECTION, index=2} => ADDR) = -1 EBADF",
    "ioctl(-1, LIRC_SET_SEND_MODE, [LIRC_MODE_SCANCODE]) = -1 EBADF",
    'ioctl(-1, RNDADDENTROPY, {entropy_count=3, buf_size=8, buf="12345678"})',
    "ioctl(-1, WDIOC_KEEPALIVE) = -1 EBADF",
    "{component={type=COUNTER_COMPONENT_COUNT, scope=COUNTER_SCOPE_SIGNAL, "
    "parent=1, id=0}, event=COUNTER_EVENT_INDEX, channel=3}) = -1 EBADF",
    "ioctl(-1, TIOCMBIS, [TIOCM_DTR|TIOCM_RTS|",
    "ioctl(-1, TCSETS2, {c_iflag=ICRNL|IXON|",
    "c_oflag=NL0|CR1|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|",
    "c_cflag=B38400|B9600<<IBSHIFT|CS8|CREAD, c_lflag=ISIG|ICANON|ECHO|",
    "ioctl(-1, TCSETS2, NULL) = -1 EBADF",
    "ioctl(-1, TCSETA, {c_iflag=ICRNL|IUTF8, c_oflag=NL0|CR0|TAB0|BS0|",
    "NS_GET_NSTYPE) = 268435456 (CLONE_NEWUSER)",
    "ioctl(-1, KIOCSOUND, 440 /* 2711 Hz */) = -1 EBADF",
    "ioctl(-1, KDMKTONE, 100<<16|1000 /* 1193 Hz, 100 ms */) = -1 EBADF",
    "ioctl(-1, KDSKBLED, LED_SCR|LED_CAP|LED_SCR<<4) = -1 EBADF",
    "kb_index=30, kb_value=0x61 /* K(KT_LATIN, 'a') */}) = -1 EBADF",
    "{kb_table=1<<KG_SHIFT|1<<KG_CTRL, kb_index=59, kb_value=0x104 "
    "/* K_F5 */}",
    "ioctl(-1, KDSIGACCEPT, SIGUSR1) = -1 EBADF",
    "{entry_ct=2, entries=[{unicode=0x41, fontpos=0x1}, {unicode=0xf00b, "
    "fontpos=0x2}]}",
    "{op=KD_FONT_OP_SET_DEFAULT, width=0, height=0, data=\"default8x16\"}",
    "SIOCGIFINDEX, {ifr_name=\"lo\", ifr_ifindex=",
    "SIOCGIFCONF, {ifc_len=",
    "ifc_buf=[{ifr_name=\"lo\", ifr_addr={sa_family=AF_INET, ",
    "ioctl(-1, SIOCSIFMTU, {ifr_name=\"snare0\", ifr_mtu=1500}) = -1 EBADF",
    "ifr_hwaddr={sa_family=ARPHRD_ETHER, sa_data=02:00:00:00:00:01}})",
    "ioctl(-1, FIOSETOWN, [1]) = -1 EBADF",
    "ioctl(-1, BTRFS_IOC_SNAP_CREATE, {fd=0, name=\"snap\"}) = -1 EBADF",
    "len=UINT64_MAX, flags=BTRFS_DEFRAG_RANGE_COMPRESS, extent_thresh=65536"
    ", compress_type=BTRFS_COMPRESS_LZO}",
    "{key={tree_id=BTRFS_FS_TREE_OBJECTID, max_objectid="
    "BTRFS_CSUM_TREE_OBJECTID, min_offset=0, max_offset=9,",
    "ioctl(-1, BTRFS_IOC_BALANCE_CTL, BTRFS_BALANCE_CTL_PAUSE) = -1 EBADF",
    "ioctl(-1, FS_IOC_SETFSLABEL, \"snare-label\") = -1 EBADF",
]


def ioctl_dev_line(line):
    """Hide the addresses of the tracee's stack and data (ASLR)."""
    return re.sub(r"0x(?:7f|5[56])[0-9a-f]{10}\b", "ADDR", line)


def fam_ioctl_dev():
    full_text_runs("ioctl_dev", [tracee("cli_ioctl_dev")], ["ioctl"],
                   IOCTL_DEV_TEXTS, ioctl_dev_line, normalised=True)


FAMILIES["ioctl_dev"] = fam_ioctl_dev


# --- Video4Linux2 ioctls (cli_ioctl_v4l2) ---
IOCTL_V4L2_TEXTS = [
    "ioctl(-1, VIDIOC_S_FMT, {type=V4L2_BUF_TYPE_VIDEO_CAPTURE, fmt.pix="
    "{width=640, height=480, pixelformat=v4l2_fourcc('Y', 'U', 'Y', 'V') "
    "/* V4L2_PIX_FMT_YUYV */, field=V4L2_FIELD_NONE,",
    "pixelformat=v4l2_fourcc('\\'', '\\\\', '\\xfa', 'x'),",
    "ioctl(-1, VIDIOC_S_FMT, {type=0x77 /* V4L2_BUF_TYPE_??? */}) = -1",
    "timeperframe=1/30, extendedmode=0, readbuffers=0}}) = -1 EBADF",
    "ioctl(-1, VIDIOC_STREAMON, [V4L2_BUF_TYPE_VIDEO_CAPTURE]) = -1",
    "ioctl(-1, VIDIOC_S_STD, [0xff]) = -1 EBADF",
    "ioctl(-1, VIDIOC_G_CTRL, {id=V4L2_CTRL_CLASS_CAMERA+0x77}) = -1",
    "ioctl(-1, VIDIOC_G_CTRL, {id=0x1234 /* V4L2_CID_??? */}) = -1",
    "{id=V4L2_CTRL_FLAG_NEXT_CTRL|V4L2_CID_CONTRAST}) = -1 EBADF",
    "{id=V4L2_CID_HUE, size=2, string=\"ab\"}]} => {controls=[",
    "string=\"ab\"}], error_idx=0}) = -1 EBADF",
    "format={type=V4L2_BUF_TYPE_META_CAPTURE, fmt.meta={dataformat=",
    "ioctl(-1, VIDIOC_SUBSCRIBE_EVENT, 0) = -1 EBADF",
]


def fam_ioctl_v4l2():
    full_text_runs("ioctl_v4l2", [tracee("cli_ioctl_v4l2")], ["ioctl"],
                   IOCTL_V4L2_TEXTS, ioctl_dev_line, normalised=True)


FAMILIES["ioctl_v4l2"] = fam_ioctl_v4l2


# --- socket options per level, control messages, recvfrom with MSG_TRUNC
# (cli_sockopt) ---
SOCKOPT_CALLS = ["getsockopt", "setsockopt", "sendmsg", "recvmsg", "recvfrom"]
# Decoded texts both tracers must show (so that both printing the bytes
# as a string fails).
SOCKOPT_TEXTS = [
    'getsockopt(3, SOL_SOCKET, SO_REUSEADDR, "\\x01\\x00\\x00", [3]) = 0',
    'getsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger="\\x05\\x00"}'
    ', [6]) = 0',
    'SO_PEERCRED, {pid=PID, uid="\\x00\\x00\\x00"}, [7]) = 0',
    'getsockopt(3, SOL_SOCKET, SO_ERROR, "\\x00\\x00", [2]) = 0',
    "getsockopt(3, SOL_SOCKET, SO_GET_FILTER, NULL, [16 => 0]) = 0",
    "setsockopt(3, SOL_SOCKET, SO_ATTACH_FILTER, {len=5, filter=ADDR}, 16)",
    'IP_ADD_MEMBERSHIP, {imr_multiaddr=inet_addr("224.0.0.3"), '
    'imr_interface=inet_addr("127.0.0.1")}, 8) = -1 EBADF',
    "PACKET_ADD_MEMBERSHIP, {mr_ifindex=0, mr_type=PACKET_MR_PROMISC, "
    "mr_alen=6, mr_address=02:00:5e:10:20:30}, 16) = -1 EBADF",
    "PACKET_RX_RING, {tp_block_size=4096, tp_block_nr=2, tp_frame_size=2048, "
    "tp_frame_nr=4}, 16) = -1 EBADF",
    "setsockopt(-1, SOL_RAW, ICMP_FILTER, ~[ICMP_ECHO ICMP_TIMESTAMP], 4)",
    "SO_TXREHASH, [SOCK_TXREHASH_ENABLED], 4) = -1 EBADF",
    "cmsg_type=SCM_RIGHTS, cmsg_data=[0]}, {cmsg_len=28, cmsg_level="
    "SOL_SOCKET, cmsg_type=SCM_CREDENTIALS, cmsg_data={pid=PID, uid=",
    "cmsg_type=SO_TIMESTAMP_OLD, cmsg_data={tv_sec=123456789, "
    "tv_usec=987654}}]", "cmsg_type=SO_TIMESTAMP_OLD, cmsg_data=???}",
    'recvfrom(6, "A", 1, MSG_TRUNC, NULL, NULL) = 2',
]
# Under -v, the filter's instructions.
SOCKOPT_FILTER = (
    "setsockopt(3, SOL_SOCKET, SO_ATTACH_FILTER, {len=5, filter=["
    "BPF_STMT(BPF_LD|BPF_B|BPF_ABS, SKF_NET_OFF+9), "
    "BPF_STMT(BPF_LD|BPF_B|BPF_ABS, SKF_AD_OFF+SKF_AD_PROTOCOL), "
    "BPF_JUMP(BPF_JMP|BPF_K|BPF_JEQ, 0x11, 0, 0x1), "
    "BPF_STMT(BPF_RET|BPF_K, 0xffff), BPF_STMT(BPF_RET|BPF_K, 0)]}, 16) = 0")


def sockopt_line(line):
    """Hide what differs between two runs: the stack's addresses, the
    tracee's pid (getpid is traced in the whole run only)."""
    line = re.sub(r"0x7f[0-9a-f]{6,}", "ADDR", line)
    return re.sub(r"pid=\d+", "pid=PID", line)


def fam_sockopt():
    prog = [tracee("cli_sockopt")]
    full_text_runs("sockopt", prog, SOCKOPT_CALLS,
                   [sockopt_line(t) for t in SOCKOPT_TEXTS], sockopt_line)
    r = both(["-v", "-e", "trace=setsockopt"], prog)
    for tool in ("strace", "snare"):
        lines = r[tool][1]
        check(SOCKOPT_FILTER in lines,
              "sockopt -v: %s shows no whole filter" % tool)


FAMILIES["sockopt"] = fam_sockopt
# --- the storage and filesystem ioctls, each on fd -1 (cli_ioctl_fs) ---
IOCTLFS_TEXTS = [
    "ioctl(-1, FS_IOC_FIEMAP, {fm_start=0, fm_length=65536, fm_flags="
    "FIEMAP_FLAG_SYNC|0x100, fm_extent_count=2}) = -1 EBADF",
    "ioctl(-1, FS_IOC_SETFLAGS, [FS_IMMUTABLE_FL|FS_NOATIME_FL]) = -1",
    "ioctl(-1, FITRIM, {start=0x1000, len=1048576, minlen=512}) = -1",
    "ioctl(-1, FS_IOC_FSSETXATTR, {fsx_xflags=FS_XFLAG_IMMUTABLE|"
    "FS_XFLAG_NODUMP, fsx_extsize=4096, fsx_projid=0x2a, "
    "fsx_cowextsize=0}) = -1",
    "ioctl(-1, FIFREEZE) = -1",
    "ioctl(-1, _IOC(_IOC_READ, 0x66, 0xfe, 0x8), 0) = -1",
    "ioctl(-1, LOOP_SET_STATUS64, {lo_offset=0x200, lo_number=3, lo_flags="
    'LO_FLAGS_READ_ONLY|LO_FLAGS_AUTOCLEAR, lo_file_name="/tmp/disk.img", '
    "...}) = -1",
    "ioctl(-1, LOOP_SET_FD, 7) = -1", "ioctl(-1, LOOP_CLR_FD) = -1",
    "ioctl(-1, BLKDISCARD, [4096, 8192]) = -1",
    "ioctl(-1, BLKPG, {op=BLKPG_ADD_PARTITION, flags=0, datalen=152, "
    'data={start=2048, length=1048576, pno=1, devname="sda1", '
    'volname=""}}) = -1',
    "ioctl(-1, NBD_SET_FLAGS, NBD_FLAG_HAS_FLAGS|NBD_FLAG_READ_ONLY) = -1",
    "ioctl(-1, PERF_EVENT_IOC_ENABLE, PERF_IOC_FLAG_GROUP) = -1",
    "ioctl(-1, UFFDIO_API, {api=0xaa, features=0}) = -1",
    "ioctl(-1, UFFDIO_REGISTER, {range={start=0x3000, len=0x2000}, "
    "mode=UFFDIO_REGISTER_MODE_MISSING}) = -1",
    "ioctl(-1, INOTIFY_IOC_SETNEXTWD, 5) = -1",
]


def fam_ioctlfs():
    full_text_runs("ioctlfs", [tracee("cli_ioctl_fs")], ["ioctl"],
                   IOCTLFS_TEXTS, lambda line: line, normalised=True)


FAMILIES["ioctlfs"] = fam_ioctlfs
# --- netlink messages in socket buffers (cli_netlink) ---
NETLINK_CALLS = ["sendto", "sendmsg", "recvfrom", "recvmsg"]
# Decoded texts both tracers must show (so that both printing the bytes
# as a string fails).
NETLINK_TEXTS = [
    "nlmsg_type=0x12 /* NLMSG_??? */, nlmsg_flags=NLM_F_REQUEST|0x300, "
    "nlmsg_seq=1, nlmsg_pid=0}",
    "[{nlmsg_len=52, nlmsg_type=NLMSG_ERROR, nlmsg_flags=0, nlmsg_seq=2, "
    "nlmsg_pid=N}, {error=-ENODEV, msg=[{nlmsg_len=32, nlmsg_type=RTM_GETLINK,"
    " nlmsg_flags=NLM_F_REQUEST|NLM_F_ACK, nlmsg_seq=2, nlmsg_pid=0}, "
    "{ifi_family=AF_UNSPEC, ifi_type=ARPHRD_NETROM, ifi_index=2147483632, "
    "ifi_flags=0, ifi_change=0}]}]",
    "{sdiag_family=AF_UNIX, sdiag_protocol=0, udiag_states=1<<TCP_ESTABLISHED,"
    " udiag_ino=2147483632, udiag_show=UDIAG_SHOW_NAME, udiag_cookie="
    "[4294967295, 4294967295]}",
    "{sdiag_family=AF_INET, sdiag_protocol=IPPROTO_TCP, idiag_ext=0, "
    "idiag_states=1<<TCP_LISTEN, id={idiag_sport=htons(1), idiag_dport="
    'htons(2), idiag_src=inet_addr("127.0.0.1"), ',
    "{nlmsg_len=0, nlmsg_type=RTM_GETADDR, nlmsg_flags=NLM_F_REQUEST, "
    "nlmsg_seq=5, nlmsg_pid=0}, 28, MSG_DONTWAIT",
    "{ifa_family=AF_INET, ifa_prefixlen=0, ifa_flags=0, ifa_scope="
    "RT_SCOPE_UNIVERSE, ifa_index=0}, {nla_len=65535, nla_type=IFA_UNSPEC}]",
    "{ifa_family=AF_INET, ...}], 18, MSG_DONTWAIT",
    'sendto(3, "\\x1c\\x00\\x00\\x00\\x16", 5, MSG_DONTWAIT',
    # Nested link attributes.
    "[{nla_len=6, nla_type=IFLA_BRPORT_GROUP_FWD_MASK}, 0x8003], "
    "[{nla_len=12, nla_type=IFLA_BRPORT_ROOT_ID}, {prio=[128, 0], "
    "addr=02:00:00:00:00:01}]]]",
    "[{nla_len=8, nla_type=IFLA_XDP_FLAGS}, XDP_FLAGS_SKB_MODE], "
    "[{nla_len=5, nla_type=IFLA_XDP_ATTACHED}, XDP_ATTACHED_DRV]",
    "[{nla_len=6, nla_type=IFLA_BRIDGE_FLAGS}, BRIDGE_FLAGS_SELF]",
    "[{nla_len=8, nla_type=IFLA_PROTO_DOWN_REASON_MASK}, 0xf0]",
    "[{nla_len=24, nla_type=AF_INET6}, [[{nla_len=5, "
    "nla_type=IFLA_INET6_ADDR_GEN_MODE}, IN6_ADDR_GEN_MODE_NONE], "
    "[{nla_len=12, nla_type=IFLA_INET6_CONF}, [[DEVCONF_FORWARDING]=1, "
    "[DEVCONF_HOPLIMIT]=-1]]]]",
    '[{nla_len=10, nla_type=IFLA_INFO_KIND}, "dummy"]',
    "{mem_start=0x1000, mem_end=0, base_addr=0, irq=11, dma=0, port=0}",
    # More attributes (messages without NLM_F_REQUEST).
    "[{nla_len=40, nla_type=IFLA_VF_MAC}, {vf=1, mac=02:00:00:00:00:09:00:",
    "[{nla_len=12, nla_type=IFLA_VF_LINK_STATE}, {vf=1, "
    "link_state=IFLA_VF_LINK_STATE_DISABLE}]]]]",
    "[{nla_len=20, nla_type=IFLA_INFO_DATA}, [[{nla_len=8, "
    "nla_type=IFLA_BR_STP_STATE}, 3], [{nla_len=6, "
    "nla_type=IFLA_BR_VLAN_PROTOCOL}, htons(ETH_P_8021Q)]]]",
    "[{nla_len=76, nla_type=MPLS_STATS_LINK}, {rx_packets=5, tx_packets=0,",
    "[{nla_len=20, nla_type=NHA_GROUP}, [{id=10, weight=1}, {id=11, "
    "weight=2}]]",
    "{code=INET_DIAG_BC_S_COND, yes=16, no=20}, {family=AF_INET, "
    'prefix_len=8, port=80, addr=inet_addr("127.0.0.1")}]',
    "[{nla_len=20, nla_type=PACKET_DIAG_FILTER}, ADDR]",
    "{reason=0x3030000 /* SMC_CLC_DECL_NOSMCDEV */, peer_diagnosis=0x7 "
    "/* SMC_CLC_DECL_??? */}",
    # An inet_diag answer's attributes.
    "{tcpv_enabled=1, tcpv_rttcnt=2, tcpv_rtt=3, tcpv_minrtt=4}], "
    "[{nla_len=24, nla_type=INET_DIAG_BBRINFO}, {bbr_bw_lo=0xbeef, "
    "bbr_bw_hi=0x1, bbr_min_rtt=7, bbr_pacing_gain=8, bbr_cwnd_gain=9}], "
    "[{nla_len=12, nla_type=INET_DIAG_SKMEMINFO}, "
    "[[SK_MEMINFO_RMEM_ALLOC]=5, [SK_MEMINFO_RCVBUF]=6]]",
    "[{tcpm_family=AF_INET, tcpm_prefixlen=32, tcpm_keylen=3, "
    'tcpm_addr=inet_addr("127.0.0.1"), tcpm_key="\\x01\\x02\\xff"}]',
    "[{nla_len=132, nla_type=INET_DIAG_LOCALS}, [{sa_family=AF_INET, "
    'sin_port=htons(4242), sin_addr=inet_addr("127.0.0.1")}]]',
    '[[{nla_len=8, nla_type=INET_ULP_INFO_NAME}, "tls"], [{nla_len=12, '
    "nla_type=INET_ULP_INFO_TLS}, [{nla_len=6, nla_type=TLS_INFO_VERSION}, "
    "TLS_1_3_VERSION]]]",
    "[{nla_len=12, nla_type=SK_DIAG_BPF_STORAGE_MAP_VALUE}, "
    "0x1122334455667788]]]]",
    "[{nla_len=6, nla_type=INET_DIAG_SOCKOPT}, {recverr=1, mc_loop=1, "
    "defer_connect=1}]",
    '[{nla_len=16, nla_type=INET_DIAG_SHUTDOWN}, "\\x05\\x00\\x00\\x00'
    '\\x06\\x00\\x00\\x00\\x00\\x00\\x00\\x00"]',
    '[[{nla_len=9, nla_type=UNIX_DIAG_NAME}, "@sock"...], [{nla_len=12, '
    'nla_type=UNIX_DIAG_NAME}, "/run/s\\0"]]',
]


def netlink_line(line):
    """Hide the port ids the kernel gives (the tracee's pid) and stack
    addresses (a packet filter's, shown without -v)."""
    line = re.sub(r"nlmsg_pid=[1-9]\d*", "nlmsg_pid=N", line)
    return re.sub(r"\b0x7ff[0-9a-f]{9}\b", "ADDR", line)


def fam_netlink():
    full_text_runs("netlink", [tracee("cli_netlink")], NETLINK_CALLS,
                   NETLINK_TEXTS, netlink_line)


FAMILIES["netlink"] = fam_netlink

# --- details strace 6.1 prints its own way (cli_decode5): ids, unsigned
# ints with garbage above, tv_usec, short sigsets, mincore, long paths,
# open's flags, struct tails, wait4 before the child exits ---
DECODE5_CALLS = [
    "chown", "lchown", "fchown", "setfsuid", "setfsgid", "delete_module",
    "finit_module", "process_mrelease", "landlock_restrict_self",
    "pidfd_open", "pidfd_getfd", "sethostname", "fadvise64", "mknod", "ustat",
    "rt_sigpending", "mincore", "utimes", "setitimer", "gettimeofday",
    "wait4", "openat", "openat2", "chdir", "clone3", "personality", "setns",
    "inotify_init1", "futex", "sendfile", "preadv2", "ptrace", "poll",
    "execve", "memfd_create", "rt_sigtimedwait", "fcntl", "futex_waitv",
    "process_madvise", "reboot", "ioctl", "landlock_add_rule",
]
# Texts both tracers must show (so that both printing hex fails).
DECODE5_TEXTS = [
    "fcntl(-1, F_SETLK, {l_type=F_RDLCK, l_whence=SEEK_SET, l_start=0, "
    "l_len=4096}) = -1 EBADF",
    "fcntl(-1, F_NOTIFY, DN_ACCESS) = -1 EBADF",
    "FUTEX_WAKE_OP_PRIVATE, 1, 0, ",
    "FUTEX_OP_ADD<<28|0x3<<12|FUTEX_OP_CMP_GT<<24|0xfe) = 0",
    "futex_waitv(NULL, 0, 0x1, NULL, CLOCK_MONOTONIC) = -1",
    "process_madvise(-1, NULL, 0, MADV_COLD, 0) = -1",
    "landlock_add_rule(-1, LANDLOCK_RULE_PATH_BENEATH, NULL, 0) = -1",
    "LINUX_REBOOT_CMD_RESTART2, \"snare\") = -1",
    "ioctl(-1, DM_DEV_STATUS, [{version=[4, 0, 0], data_size=312, "
    "name=\"snare\", flags=0}]) = -1 EBADF",
    "none\", 4294901760, -1) = -1 ENOENT",
    "none\", 65535, 3235823838) = -1",
    "fchown(-1, -1, 4294901760) = -1 EBADF",
    "delete_module(NULL, O_NONBLOCK) = -1",
    "finit_module(-1, \"\", MODULE_INIT_IGNORE_VERMAGIC) = -1",
    "process_mrelease(-1, 0x10) = -1 EINVAL",
    "pidfd_open(PID, PIDFD_NONBLOCK|0x10) = -1 EINVAL",
    "pidfd_getfd(-1, -1, 0) = -1 EBADF",
    "sethostname(NULL, 64) = -1",
    "mknod(\"", "\", S_IFCHR|0644, makedev(0x1, 0x7)) = -1",
    "rt_sigpending([], 4) = 0", "rt_sigpending([], 1) = 0",
    "rt_sigpending(ADDR, 9) = -1 EINVAL",
    "mincore(ADDR, 8193, [1, 1, 1]) = 0",
    "{tz_minuteswest=", "WNOHANG, ADDR) = 0",
    "O_RDONLY|__O_TMPFILE, 0600) = -1", "O_WRONLY|ADDR) = -1",
    "{flags=O_RDONLY|ADDR, resolve=0, /* bytes 24..31 */ "
    "\"\\x80\\x81\\x82\\x83\\x84\\x85\\x86\\x87\"}, 32) = -1 E2BIG",
    "{flags=O_RDONLY, resolve=0}, 32) = -1",
    "////////\") = 0", "////////\"...) = -1 ENAMETOOLONG",
    "clone3({flags=CLONE_NEWTIME|CLONE_INTO_CGROUP, exit_signal=0, "
    "stack=NULL, stack_size=0, cgroup=4294967295}, 88) = -1",
    "exit_signal=3735929054, stack=NULL, stack_size=0, set_tid=[1, 2], "
    "set_tid_size=2}, 88) = -1",
    "/* bytes 88..95 */ \"\\xed\\xfe\\xce\\xfa\\x00\\x00\\x00\\x00\"}, 96) = -1 E2BIG",
    "personality(ADDR) = ", "setns(-1, ADDR /* CLONE_NEW??? */) = -1",
    "inotify_init1(IN_NONBLOCK|IN_CLOEXEC|0x10) = -1 EINVAL",
    ", 0x101 /* FUTEX_??? */, 1) = -1",
    "sendfile(-1, -1, [14627392581506174445], 1) = -1 EBADF",
    "preadv2(-1, NULL, 18072575924006403823, 0, 0) = -1",
    "ptrace(PTRACE_PEEKUSER, 2147483632, ADDR, NULL) = -1 ESRCH",
    "poll([{fd=-1}, ... /* ADDR */], 2, 0) = -1 EFAULT",
    'execve("/nonexistent-snare", ["/nonexistent-snare", "arg", ... /* ADDR'
    ' */], ADDR /* 2 vars, unterminated */) = -1',
    'mmmmmmmm"..., MFD_CLOEXEC|MFD_HUGETLB|30<<MFD_HUGE_SHIFT) = -1 EINVAL',
    "rt_sigtimedwait([USR1], {si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=",
    "{tv_sec=N, tv_nsec=N}, 8) = 10 (SIGUSR1)",
]


def decode5_line(line):
    """Hide the tracee's pid and its child's (getpid and clone are not
    traced under -e trace=)."""
    m = re.match(r"(pidfd_open\(|wait4\()(\d+)", line)
    if m:
        line = line.replace(m.group(2), "PID")
    return re.sub(r"si_pid=\d+", "si_pid=PID", line)


def fam_decode5():
    scratch = os.path.join(TMP, "d")
    os.mkdir(scratch)
    full_text_runs("decode5", [tracee("cli_decode5"), scratch], DECODE5_CALLS,
                   DECODE5_TEXTS, decode5_line, normalised=True)


FAMILIES["decode5"] = fam_decode5
# --- strings and structures partly unreadable, arguments read at exit
# only on success, an injected return value in the errno range,
# --strings-in-hex=non-ascii-chars, fsconfig under -P (cli_decode7) ---
DECODE7_CALLS = ["writev", "readv", "preadv", "epoll_pwait2", "mount_setattr",
                 "fsconfig", "_sysctl", "chdir", "geteuid"]
DECODE7_OPTS = ["--strings-in-hex=non-ascii-chars",
                "-e", "inject=geteuid:retval=0xfffffffffffffffe"]
# Texts snare must show (normalised), so that a shared fallback fails.
DECODE7_TEXTS = [
    'writev(-1, [{iov_base="\\x00' + "X" * 31 + '"..., iov_len=18446744073',
    "writev(-1, [{iov_base=ADDR, iov_len=18446744073709551615}], 1) = -1",
    "readv(-1, [{iov_base=ADDR, iov_len=8}, {iov_base=ADDR, iov_len=16}], 2)"
    " = -1 EBADF",
    "preadv(-1, [], 0, 0) = -1 EBADF",
    "epoll_pwait2(-1, ADDR, 1, ADDR, ADDR, 8) = -1 EBADF",
    'userns_fd=0, /* bytes 32..39 */ "\\x80\\x81\\x82\\x83\\x84\\x85\\x86'
    '\\x87"}, 40) = -1 E2BIG',
    "userns_fd=0}, 40) = -1 EINVAL",
    "userns_fd=0, ???}, 40) = -1 EFAULT",
    "_sysctl({name=NULL, nlen=0, oldval=NULL, oldlenp=NULL, newval=NULL, "
    "newlen=0}) = -1 ENOSYS",
    "_sysctl(ADDR) = -1 ENOSYS",
    '/none\\x01\\x7f\\xc3\\xa9\\t7") = -1 ENOENT',
    "geteuid() = 18446744073709551614 (INJECTED)",
]


def fam_decode7():
    scratch = os.path.join(TMP, "d")
    os.mkdir(scratch)
    prog = [tracee("cli_decode7"), scratch]
    runs = [("decode7", DECODE7_OPTS + ["-e", "trace=" + ",".join(DECODE7_CALLS)],
             DECODE7_TEXTS),
            # fsconfig's strings end within 256 bytes, whatever -s says.
            ("decode7 -s300", ["-s", "300", "-e", "trace=fsconfig"],
             ['fsconfig(-1, FSCONFIG_SET_STRING, "' + "k" * 256 +
              '"..., "v", 0) = -1',
              'fsconfig(-1, FSCONFIG_SET_STRING, "k", "' + "k" * 200 +
              '", 0) = -1']),
            # -P: fsconfig's command has garbage above its unsigned int.
            ("decode7 -P", ["-P", "/dev/null", "-e", "trace=fsconfig"],
             ['fsconfig(-1, FSCONFIG_SET_FD, "k", NULL, 3) = -1',
              'fsconfig(-100, FSCONFIG_SET_PATH, "k", "/dev/null", -1) = -1'])]
    runs = [(label, opts, texts, []) for label, opts, texts in runs]
    # clone's parent_tid at the exit, where the kernel wrote it.
    runs.append(("decode7 clone", ["-e", "trace=clone"],
                 ["clone(child_stack=NULL, flags=CLONE_PARENT_SETTID|SIGCHLD,"
                  " parent_tid=["], ["clone"]))
    for label, opts, texts, mode in runs:
        r = both(opts, prog + mode)
        ps, ls = r["strace"]
        pn, ln = r["snare"]
        check(pn.returncode == ps.returncode == 0, "%s: exit %d, strace %d"
              % (label, pn.returncode, ps.returncode))
        pct, tpct = compare(ls, ln, label)
        check(pct == 100.0 and tpct == 100.0,
              "%s: differs from strace" % label)
        pids = pids_of(parse(ln))
        hay = [normalise(e[4], pids) for e in parse(ln)]
        for want in texts:
            check(any(want in t for t in hay), "%s: no %r" % (label, want))
        check(len(parse(ln)) == len(parse(ls)),
              "%s: %d events, strace %d" % (label, len(parse(ln)),
                                            len(parse(ls))))


FAMILIES["decode7"] = fam_decode7
# --- System V IPC's *ctl buffers, quotactl's structures, mq_open's
# attributes (cli_ipc) ---
IPC_CALLS = ["shmctl", "msgctl", "semctl", "quotactl", "mq_open", "keyctl"]
# Decoded texts both tracers must show (so that both printing hex fails).
IPC_TEXTS = [
    "shmctl(ID, IPC_STAT, {shm_perm={uid=", ", shm_segsz=1, shm_cpid=PID, ",
    "shmctl(ID, IPC_SET, {shm_perm={uid=", "shmctl(ID, IPC_INFO, {shmmax=",
    "shmctl(ID, SHM_INFO, {used_ids=", "shmctl(-1, IPC_STAT, ADDR) = -1",
    "msgctl(ID, IPC_STAT, {msg_perm={uid=", ", msg_qbytes=",
    "msgctl(ID, IPC_INFO, {msgpool=", "semctl(ID, 0, IPC_INFO, {semmap=",
    "semctl(ID, 0, IPC_STAT, {sem_perm={uid=", ", sem_nsems=1}) = 0",
    "quotactl(QCMD(Q_SETQUOTA, USRQUOTA), \"/dev/snare-none\", 42, "
    "{dqb_bhardlimit=1000, dqb_bsoftlimit=1001, dqb_curspace=1002, "
    "dqb_ihardlimit=1003, dqb_isoftlimit=1004, dqb_curinodes=1005, ...}) = -1",
    "{dqi_bgrace=7, dqi_igrace=8, dqi_flags=DQF_ROOT_SQUASH|DQF_SYS_FILE, "
    "dqi_valid=IIF_BGRACE|IIF_FLAGS}) = -1",
    "[FS_QUOTA_UDQ_ACCT|FS_QUOTA_UDQ_ENFD|FS_QUOTA_GDQ_ACCT]) = -1",
    "0600, {mq_flags=0, mq_maxmsg=1, mq_msgsize=8, mq_curmsgs=0}) = ",
    "mq_open(\"/snare-none\", O_RDONLY|O_CREAT, 0600, ADDR) = -1",
    "keyctl(KEYCTL_RESTRICT_KEYRING, KEY_SPEC_REQUESTOR_KEYRING, NULL, NULL)",
    "keyctl(KEYCTL_MOVE, KEY_SPEC_THREAD_KEYRING, KEY_SPEC_THREAD_KEYRING, "
    "519036589, KEYCTL_MOVE_EXCL) = -1",
    "keyctl(KEYCTL_CAPABILITIES, [KEYCTL_CAPS0_CAPABILITIES",
    "keyctl(KEYCTL_NEGATE, 519036589, 5, 0)",
]


def ipc_line(line):
    """Hide what differs between two runs: the IPC ids, the creator's
    pid, the change times, the highest index IPC_INFO returns."""
    line = re.sub(r"^(\d+ )?((shm|msg|sem)ctl\()\d+", r"\1\2ID", line)
    line = re.sub(r"_cpid=\d+", "_cpid=PID", line)
    line = re.sub(r"_ctime=\d+", "_ctime=T", line)
    if re.match(r"^(\d+ )?(shm|msg|sem)(get\(|ctl\(ID, (0, )?\w*INFO)", line):
        line = re.sub(r"= \d+$", "= N", line)
    return line


def fam_ipc():
    full_text_runs("ipc", [tracee("cli_ipc")], IPC_CALLS, IPC_TEXTS,
                   ipc_line, normalised=True)


FAMILIES["ipc"] = fam_ipc
# --- prctl and arch_prctl, decoded per option as strace does (cli_prctl) ---
PRCTL_CALLS = ["prctl", "arch_prctl", "kcmp", "ioprio_set"]
# Decoded texts both tracers must show (so that both printing hex fails).
PRCTL_TEXTS = [
    'prctl(PR_SET_NAME, "snare-prctl-tra"...) = 0',
    'prctl(PR_GET_NAME, "snare-prctl-tra") = 0',
    "prctl(PR_SET_PDEATHSIG, 3735928559) = -1 EINVAL",
    "prctl(PR_GET_DUMPABLE) = 1 (SUID_DUMP_USER)",
    "prctl(PR_SET_SECUREBITS, SECBIT_NOROOT|0x1000) = -1",
    "prctl(PR_MCE_KILL, PR_MCE_KILL_SET, PR_MCE_KILL_EARLY, 0, 0) = 0",
    "prctl(PR_MCE_KILL_GET, 0, 0, 0, 0) = 1 (PR_MCE_KILL_EARLY)",
    "prctl(PR_GET_SPECULATION_CTRL, 0x77 /* PR_SPEC_??? */) = -1",
    "prctl(PR_SET_FP_MODE, PR_FP_MODE_FR|0x4) = -1",
    "prctl(PR_GET_TSC, [PR_TSC_ENABLE]) = 0",
    "prctl(PR_SET_UNALIGN, PR_UNALIGN_NOPRINT|PR_UNALIGN_SIGBUS) = -1",
    "prctl(PR_GET_TID_ADDRESS, [ADDR]) = 0",
    "prctl(PR_GET_TID_ADDRESS, 0x1) = -1 EFAULT",
    "prctl(PR_SCHED_CORE, PR_SCHED_CORE_SHARE_TO, 2147483632, "
    "0x7 /* PIDTYPE_??? */, NULL) = -1",
    "prctl(PR_SVE_SET_VL, PR_SVE_SET_VL_ONEXEC|0x10) = -1",
    "prctl(PR_SME_GET_VL) = -1",
    "prctl(PR_SET_TAGGED_ADDR_CTRL, PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_SYNC|"
    "0x5<<PR_MTE_TAG_SHIFT, 0, 0, 0) = -1",
    "prctl(PR_PAC_RESET_KEYS, PR_PAC_APIAKEY|PR_PAC_APGAKEY, 0, 0, 0) = -1",
    "prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_OFF, 0x1, 0, "
    "NULL) = -1", "prctl(PR_SET_MM, 0x77 /* PR_SET_MM_??? */, 0, 0, 0) = -1",
    "prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY) = ",
    'prctl(PR_SET_VMA, PR_SET_VMA_ANON_NAME, NULL, 0, "snare") = ',
    "prctl(PR_SET_TIMERSLACK, 50000) = 0", "prctl(PR_GET_TIMERSLACK) = 50000",
    "prctl(0x7777 /* PR_??? */, 0x1, 0x2, 0x3, 0x4) = -1",
    "arch_prctl(ARCH_GET_FS, [ADDR]) = 0", "arch_prctl(ARCH_GET_FS, 0x1) = -1",
    "arch_prctl(ARCH_GET_GS, [NULL]) = 0", "arch_prctl(ARCH_GET_CPUID) = ",
    "arch_prctl(ARCH_GET_XCOMP_SUPP, [0x", " /* XFEATURE_MASK_FPSSE|",
    "arch_prctl(ARCH_REQ_XCOMP_PERM, 0x77 /* XFEATURE_??? */) = -1",
    "arch_prctl(ARCH_MAP_VDSO_64, 0) = -1",
    "arch_prctl(0x3333 /* ARCH_??? */, 0x1) = -1",
    "prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, {len=4, filter=ADDR}) = 0",
    "kcmp(0, 2147483632, KCMP_EPOLL_TFD, 3, {efd=3, tfd=4, toff=5}) = -1",
    "IOPRIO_PRIO_VALUE(ADDR /* IOPRIO_CLASS_??? */, 7917)) = -1",
]


def prctl_line(line):
    """Hide the addresses that differ between two runs (stack, TLS)."""
    return re.sub(r"0x[0-9a-f]{8,}", "ADDR", line)


def fam_prctl():
    prog = [tracee("cli_prctl")]
    full_text_runs("prctl", prog, PRCTL_CALLS, PRCTL_TEXTS, prctl_line,
                   normalised=True)
    # The -X styles and -v (the seccomp filter's instructions): every
    # line as strace prints it.
    for style in (["-X", "raw"], ["-X", "abbrev"], ["-X", "verbose"], ["-v"]):
        opts = style + ["-e", "trace=" + ",".join(PRCTL_CALLS)]
        same_lines("prctl %s" % style, both(opts, prog), prctl_line, 51)


FAMILIES["prctl"] = fam_prctl

# --- socket addresses of every family, under each -X style (cli_sockaddr) ---
SOCKADDR_TEXTS = [
    "{sa_family=AF_PACKET, sll_protocol=htons(ETH_P_IP), sll_ifindex=",
    "sll_hatype=ARPHRD_ETHER, sll_pkttype=PACKET_HOST, sll_halen=6, "
    "sll_addr=[0x2, 00, 0x5e, 0x10, 0x20, 0x30]}, 20)",
    '{sa_family=AF_PACKET, sa_data="\\10\\0\\1\\0',
    "{sa_family=AF_AX25, sax25_call=N0CALL-7, sax25_ndigis=0}, 16)",
    "{sa_family=AF_IPX, sipx_port=htons(12345), sipx_network=htonl("
    "0xfacefeed), sipx_node=[0x1, 0x2, 0x3, 0x4, 0x5, 0x6], sipx_type=0x11}",
    '{sa_family=AF_X25, sx25_addr={x25_addr="123456789"}}, 18)',
    "l2_psm=htobs(L2CAP_PSM_DYN_START+2), l2_bdaddr=01:02:03:04:05:06, "
    "l2_cid=htobs(L2CAP_CID_DYN_START+1), l2_bdaddr_type=BDADDR_LE_RANDOM}",
    "rc_bdaddr=01:02:03:04:05:06, rc_channel=9}, 10)",
    "hci_dev=htobs(3), hci_channel=HCI_CHANNEL_MONITOR}, 6)",
    "{sa_family=AF_BLUETOOTH, sco_bdaddr=01:02:03:04:05:06}, 8)",
    "addr={addr_type=0x2 /* IEEE802154_ADDR_SHORT */, pan_id=0xffff /* "
    "IEEE802154_PANID_BROADCAST */, short_addr=0xfffe /* "
    "IEEE802154_ADDR_UNDEF */}}",
    '{sa_family=AF_ALG, salg_type="hash", salg_feat=0, salg_mask=0, '
    'salg_name="sha256"}, 88)',
    "svm_cid=VMADDR_CID_HOST, svm_port=0x4d2, svm_flags=VMADDR_FLAG_TO_HOST}",
    "sq_node=QRTR_NODE_BCAST, sq_port=QRTR_PORT_CTRL}",
    "sxdp_flags=XDP_ZEROCOPY, sxdp_ifindex=", "sxdp_queue_id=3}",
    "smctp_network=MCTP_NET_ANY, smctp_addr={s_addr=MCTP_ADDR_ANY}, "
    "smctp_type=0x1, smctp_tag=0x8}",
    "srx_service=0x1 /* CM_SERVICE */, transport_type=SOCK_DGRAM, "
    "transport_len=16, transport={sin={sin_family=AF_INET, sin_port="
    'htons(7001), sin_addr=inet_addr("127.0.0.1")}}}',
]


def fam_sockaddr():
    prog = [tracee("cli_sockaddr")]
    full_text_runs("sockaddr", prog, ["connect"], SOCKADDR_TEXTS,
                   lambda l: l)
    for style in ("raw", "verbose"):
        r = both(["-X", style, "-e", "trace=connect"], prog)
        ls, ln = r["strace"][1], r["snare"][1]
        check(len(ln) > 10, "sockaddr -X %s: too few lines" % style)
        for a, b in zip(ls, ln):
            check(a == b, "sockaddr -X %s: text differs:\n    strace %s\n"
                  "    snare  %s" % (style, a, b))


FAMILIES["sockaddr"] = fam_sockaddr


# --- bpf, ptrace's syscall info, seccomp sizes, perf_event_open -v
# (cli_bpf): every line as strace 6.1 prints it, in each -X style and -v.
BPF_CALLS = ["seccomp", "ptrace", "perf_event_open", "bpf"]
BPF_TEXTS = [
    # bpf(2): the commands finished at exit, and those read whole at entry.
    "bpf(BPF_PROG_GET_NEXT_ID, NULL, 12)",
    "bpf(BPF_MAP_GET_NEXT_ID, {start_id=240, next_id=0}, 1) = -1",
    "bpf(BPF_PROG_TEST_RUN, {test={prog_fd=-1, retval=0, data_size_in=4, "
    "data_size_out=0, data_in=NULL, data_out=NULL, repeat=3, duration=0, "
    "ctx_size_in=0, ctx_size_out=0, ctx_in=NULL, ctx_out=NULL, flags=0, "
    "cpu=0, batch_size=0}}, 76) = -1 EBADF",
    "bpf(BPF_OBJ_GET_INFO_BY_FD, {info={bpf_fd=-1, info_len=88, info=ADDR}, "
    "...}, 24) = -1",
    "bpf(BPF_PROG_QUERY, {query={target_fd=-1, attach_type="
    "BPF_CGROUP_INET_SOCK_CREATE, query_flags=BPF_F_QUERY_EFFECTIVE, "
    "attach_flags=0, prog_ids=NULL, prog_cnt=0}}, 28) = -1 EBADF",
    'bpf(BPF_RAW_TRACEPOINT_OPEN, {raw_tracepoint={name="snare_tp", '
    "prog_fd=-1}}, 12) = -1 EBADF",
    'bpf(BPF_BTF_LOAD, {btf="bPf\\0x", btf_log_buf=NULL, btf_size=5, '
    "btf_log_size=0, btf_log_level=0}, 28) = -1",
    "bpf(BPF_TASK_FD_QUERY, {task_fd_query={pid=0, fd=-1, flags=0, "
    "buf_len=0, buf=NULL, prog_id=0, fd_type=BPF_FD_TYPE_RAW_TRACEPOINT, "
    "probe_offset=0, probe_addr=0}}, 48) = -1",
    "bpf(BPF_MAP_DELETE_BATCH, {batch={keys=NULL, count=3, map_fd=-1, "
    "elem_flags=BPF_F_LOCK, flags=0}}, 56) = -1 EBADF",
    "attach_type=BPF_PERF_EVENT, flags=0, perf_event={bpf_cookie=0xbeef}}}"
    ", 48) = -1 EBADF",
    "bpf(BPF_LINK_UPDATE, {link_update={link_fd=-1, new_prog_fd=-1, "
    "flags=BPF_F_REPLACE, old_prog_fd=-1}}, 16) = -1 EBADF",

    "seccomp(SECCOMP_GET_NOTIF_SIZES, 0, {seccomp_notif=",
    "ptrace(PTRACE_GET_SYSCALL_INFO, PID, 88, {op=PTRACE_SYSCALL_INFO_NONE, "
    "arch=AUDIT_ARCH_X86_64, instruction_pointer=ADDR, stack_pointer=ADDR})",
    "ptrace(PTRACE_GET_SYSCALL_INFO, PID, 1, {op=PTRACE_SYSCALL_INFO_NONE})",
    "entry={nr=__NR_getppid, args=[",
    "ptrace(PTRACE_GET_SYSCALL_INFO, PID, 48, {op=PTRACE_SYSCALL_INFO_ENTRY, "
    "arch=AUDIT_ARCH_X86_64, instruction_pointer=ADDR, stack_pointer=ADDR, "
    "entry={nr=__NR_getppid, args=[0, 0x1]}})",
]


def bpf_line(line):
    """Hide what differs between two runs: the child's pid, addresses,
    the id the kernel gives a BPF map."""
    line = re.sub(r"(ptrace\([^,]*, )\d+", r"\1PID", line)
    line = re.sub(r"\bid=\d+", "id=N", line)
    return re.sub(r"0x[0-9a-f]{8,}", "ADDR", line)


def fam_bpf():
    prog = [tracee("cli_bpf")]
    full_text_runs("bpf", prog, BPF_CALLS, BPF_TEXTS, bpf_line)
    for style in (["-X", "raw"], ["-X", "verbose"], ["-v"]):
        opts = style + ["-e", "trace=" + ",".join(BPF_CALLS)]
        # The calls only (the child's SIGCHLDs are another decoder's).
        ln = same_lines("bpf %s" % style, both(opts, prog), bpf_line, 10,
                        keep=lambda l: not l.startswith("---"))
        if style == ["-v"]:
            check(any("clockid=CLOCK_MONOTONIC, sample_regs_intr=0" in l
                      for l in ln), "bpf -v: perf_event_open's tail")
            check(any("insns=[{code=BPF_ALU64|BPF_K|BPF_MOV, "
                      "dst_reg=BPF_REG_0, src_reg=BPF_REG_0, off=0, imm=0}, "
                      "{code=BPF_JMP|BPF_K|BPF_EXIT, " in l for l in ln),
                  "bpf -v: the program's instructions")
            check(any('extra_data="\\x00\\x00\\x00\\x00\\x5a\\x00\\x00'
                      '\\x00" /* bytes 16..23 */}, 24)' in l for l in ln),
                  "bpf -v: extra data")
            # The map's info only when the kernel let the tracee make one.
            if any(l.startswith("bpf(BPF_MAP_CREATE") and " = -1" not in l
                   for l in ln):
                check(any("info={type=BPF_MAP_TYPE_ARRAY, id=N, key_size=4, "
                          'value_size=8, max_entries=1, map_flags=0, '
                          'name="snare_info", ' in l for l in ln),
                      "bpf -v: the map's info at exit")


FAMILIES["bpf"] = fam_bpf

# --- the -X raw and -X verbose forms of io_uring_register by opcode, NUMA
# modes with flags, move_pages' status, FAN_NOFD, MS_MGC_VAL, an unknown
# map type, st_dev (cli_decode6): every line as strace 6.1 prints it ---
DECODE6_CALLS = ["io_uring_register", "set_mempolicy", "mbind",
                 "move_pages", "fanotify_mark", "mount", "remap_file_pages",
                 "fstat"]
# Texts snare must show, by style (so that both printing hex fails).
DECODE6_TEXTS = {
    "abbrev": ["IORING_REGISTER_PROBE, {last_op=",
               "fds=[0</dev/null>, -1, IORING_REGISTER_FILES_SKIP, -3]",
               "{opcode=IORING_RESTRICTION_SQE_OP, sqe_op=IORING_OP_READV}",
               "[[IO_WQ_BOUND]=0, [IO_WQ_UNBOUND]=0] => ",
               "set_mempolicy(MPOL_DEFAULT, NULL, 0)",
               "NULL, [0, -EFAULT], MPOL_MF_MOVE) = 0",
               "MS_MGC_VAL|MS_RDONLY"],
    "raw": ["fds=[0</dev/null>, -1, -2, -3]", "mbind(ADDR, 4096, 0x8000, ",
            "NULL, [0, -14], 0x2) = 0", "0xc0ed0000|0x1", "0, 0, -1, NULL)",
            "[[0]=0, [1]=0] => "],
    "verbose": ["0x8000 /* MPOL_DEFAULT|MPOL_F_STATIC_NODES */",
                "[0, -14 /* -EFAULT */]", "-1 /* FAN_NOFD */",
                "0xc0ed0000 /* MS_MGC_VAL */",
                "0xf /* MAP_??? */|MAP_FIXED|MAP_NORESERVE */",
                "-2 /* IORING_REGISTER_FILES_SKIP */"],
    "rawv": ["fstat(0</dev/null>, {st_dev=0x"],
}


def decode6_line(line):
    """Hide what differs between two runs: addresses (not the constants
    of 8 hex digits), stdin's times (st_atime and what follows)."""
    line = re.sub(r"0x[0-9a-f]{11,}", "ADDR", line)
    return re.sub(r"st_atime=.*", "TIMES", line)


def fam_decode6():
    prog = [tracee("cli_decode6")]
    for style, extra in (("abbrev", []), ("raw", ["-X", "raw"]),
                         ("verbose", ["-X", "verbose"]),
                         ("rawv", ["-X", "raw", "-v"])):
        opts = extra + ["-y", "-e", "trace=" + ",".join(DECODE6_CALLS)]
        ln = same_lines("decode6 %s" % style,
                        both(opts, prog, stdin=subprocess.DEVNULL),
                        decode6_line, 25,
                        keep=lambda l: not l.startswith("+++"))
        for want in DECODE6_TEXTS[style]:
            check(any(want in l for l in ln),
                  "decode6 %s: no %r" % (style, want))


FAMILIES["decode6"] = fam_decode6
# --- ptrace requests with structures: siginfo, regsets, seccomp metadata,
# PTRACE_PEEKSIGINFO, on a pid that does not exist and on a child stopped
# by PTRACE_TRACEME (cli_ptrace) ---
PTRACE_TEXTS = [
    "{si_signo=SIGIO, si_code=POLL_IN, si_errno=ENOENT, si_band=-2, "
    "si_fd=23}",
    "{si_signo=SIGSEGV, si_code=SEGV_BNDERR, si_addr=0xfacefeed, "
    "si_lower=0x1000, si_upper=NULL}",
    "si_code=SEGV_PKUERR, si_addr=0xfacefeed, si_pkey=7}",
    "si_code=BUS_MCEERR_AR, si_addr=0xbad0, si_addr_lsb=0xc}",
    "si_call_addr=0xcafe0, si_syscall=__NR_getppid, "
    "si_arch=AUDIT_ARCH_X86_64}",
    "si_syscall=110, si_arch=0x1234 /* AUDIT_ARCH_??? */}",
    "si_code=SI_TIMER, si_timerid=0x77, si_overrun=3, si_int=388816, "
    "si_ptr=0x5eed0}",
    "{si_signo=SIGTRAP, si_code=TRAP_UNK, si_addr=NULL}",
    "{off=7, flags=PTRACE_PEEKSIGINFO_SHARED, nr=3}, NULL)",
    "16, {filter_off=42}) = -1 ESRCH",
    "rip=0x401000, cs=0, eflags=0, rsp=0x7000, ss=0,",
    "{cwd=0x37f, swd=0, ftw=0, fop=0, rip=0, rdp=0, mxcsr=0x1f80, "
    "mxcr_mask=0, st_space=[0, 0,",
    "NT_PRSTATUS, {iov_base={r15=0x1234, r14=0, r13=0xdeadbeef}, "
    "iov_len=24}) = -1 ESRCH",
    "NT_PRSTATUS, {iov_base={r15=0x1234, r14=0, r13=0xdeadbeef}, "
    "iov_len=24}) = 0",
    "gs=X}, iov_len=280 => 216}) = 0",
    "{si_signo=SIGSTOP, si_code=SI_TKILL, si_pid=",
    "{off=0, flags=0, nr=4}, [{si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=",
    "mxcr_mask=X, st_space=[X, X]}, iov_len=40}) = 0",
    "SECCOMP_GET_METADATA, PID, 16, {filter_off=0",
    "ptrace(PTRACE_PEEKUSER, 2147483632, 8*R15, NULL) = -1 ESRCH",
    "ptrace(PTRACE_PEEKUSER, 2147483632, 8*EFL, NULL) = -1 ESRCH",
    "ptrace(PTRACE_PEEKUSER, 2147483632, 8*SS+40, NULL) = -1 ESRCH",
    "ptrace(PTRACE_POKEUSER, 2147483632, offsetof(struct user, u_debugreg)"
    "+56, NULL) = -1 ESRCH",
    "ptrace(PTRACE_PEEKUSER, 2147483632, sizeof(struct user), NULL) = -1",
    "ptrace(PTRACE_PEEKUSER, 2147483632, 0x391, NULL) = -1 ESRCH",
]


PTRACE_CHILD = {}


def ptrace_line(line):
    """Hide what differs between two runs: the child's pid (learnt from
    the clone that made it), and in the registers read from it, every
    value (addresses, its pid)."""
    m = re.match(r"(clone|fork|vfork)\(.*\) += (\d+)$", line)
    if m:
        PTRACE_CHILD["pid"] = m.group(2)
    if PTRACE_CHILD:
        line = re.sub(r"\b%s\b" % PTRACE_CHILD["pid"], "PID", line)
    line = re.sub(r"^(ptrace\([^,]+, )(?!2147483632)\d+", r"\1PID", line)
    line = re.sub(r"si_pid=\d+", "si_pid=PID", line)
    if "PID" in line and ("{r15=" in line or "{cwd=" in line) and \
            "iov_len=24}" not in line:
        head, sep, tail = line.rpartition(") = ")
        line = re.sub(r"\b(0x[0-9a-f]+|0)\b", "X", head) + sep + tail
    return re.sub(r"0x7ff[0-9a-f]{9}", "ADDR", line)


def fam_ptrace():
    prog = [tracee("cli_ptrace")]
    full_text_runs("ptrace", prog, ["ptrace"], PTRACE_TEXTS, ptrace_line)
    # The -X styles: every ptrace line as strace prints it.
    for style in (["-X", "raw"], ["-X", "verbose"], ["-y", "-s", "8"],
                  ["-v"]):
        same_lines("ptrace %s" % style,
                   both(style + ["-e", "trace=ptrace", "-e", "signal=none"],
                        prog), ptrace_line, 25)


FAMILIES["ptrace"] = fam_ptrace

# --- inject's poke_enter= where the memory ends: a poke partly done, one
# not done, one on an argument the syscall does not have, and strace's
# messages about them on stderr (cli_poke) ---
def poke_err(lines):
    """strace's messages without the tracer's name and function, with
    pids and addresses hidden."""
    out = []
    for l in lines:
        l = re.sub(r"^[^ :]+: (?:[a-z_]+: )?", "", l)
        l = re.sub(r"0x[0-9a-f]{8,}", "ADDR", l)
        out.append(re.sub(r"(process |pid:)\d+", r"\1PID", l))
    return out


def fam_poke():
    prog = [tracee("cli_poke")]
    hexpath = "3f534e415245736e6172653f00"  # "?SNAREsnare?"
    for rule in ("chdir:when=1..5:poke_enter=@arg1=" + hexpath,
                 "chdir:when=2:poke_enter=@arg2=00"):
        r = both(["-e", "trace=chdir", "-e", "inject=" + rule], prog)
        (ps, ls), (pn, ln) = r["strace"], r["snare"]
        check(pn.returncode == ps.returncode == 0, "poke %s: exit %d, "
              "strace %d" % (rule, pn.returncode, ps.returncode))
        ls = [re.sub(r"\)\s+= ", ") = ", re.sub(r"0x[0-9a-f]{8,}", "ADDR",
                                                  l)) for l in ls]
        ln = [re.sub(r"\)\s+= ", ") = ", re.sub(r"0x[0-9a-f]{8,}", "ADDR",
                                                  l)) for l in ln]
        check(ls == ln and len(ls) == 7, "poke %s: lines differ:\n    "
              "strace %s\n    snare  %s" % (rule, ls, ln))
        es = poke_err(ps.stderr.decode().splitlines())
        en = poke_err(pn.stderr.decode().splitlines())
        check(es == en and len(es) >= 1, "poke %s: messages differ:\n    "
              "strace %s\n    snare  %s" % (rule, es, en))
        if "@arg1" in rule:
            check(ln.count("chdir(ADDR) = -1 EFAULT (Bad address) "
                           "(INJECTED: args)") == 2,
                  "poke: a partial poke is not shown as injected")
            check('chdir("?SNAREsnare?") = -1 ENOENT (No such file or '
                  'directory) (INJECTED: args)' in ln, "poke: no whole poke")


    # snare traced by snare (strace's poke-ptrace): the outer one holds
    # each fork child for a moment, which must not make the inner one's
    # PTRACE_SEIZE of its program fail (it did about one time in ten).
    # LeakSanitizer cannot run in a traced process: off for the inner one.
    env = dict(ENV, ASAN_OPTIONS=(os.environ.get("ASAN_OPTIONS", "") +
                                  ":detect_leaks=0").lstrip(":"))
    for i in range(12):
        p = run([SNARE, "trace", "-o", "/dev/null", "-qq", "-e",
                 "trace=process_vm_writev", SNARE, "trace", "-o",
                 os.path.join(TMP, "inner.out"), "-e", "trace=chdir", "-e",
                 "inject=chdir:when=1:poke_enter=@arg1=" + hexpath] + prog,
                env=env)
        if not check(p.returncode == 0, "poke under snare: exit %d: %s"
                     % (p.returncode, p.stderr.decode().strip())):
            break


FAMILIES["poke"] = fam_poke
# --- --decode-fds=KIND each on its own, and -e verbose=SET (cli_annot) ---
# What each selection must show (so that both printing nothing fails).
FDKINDS_TEXTS = {
    "dev": ["/dev/null<char 1:3>>"],
    "socket": ["<UNIX-STREAM:[INO->INO]>", "<TCP:["],
    "pidfd": ["<pid:"],
    "path": ['"d/file", O_RDONLY) = 3<CWD/d/file>'],
    "verbose=none": ["newfstatat(3, \"\", ADDR, AT_EMPTY_PATH) = 0",
                     "uname(ADDR) = 0"],
}


def fam_fdkinds():
    """--decode-fds=dev, socket, pidfd, path: only the kinds chosen are
    described (dev annotated sockets too); -e verbose=none: structures
    as their addresses, -e verbose=SET for the calls outside SET only.
    Every line's full text as strace's."""
    scratch = os.path.join(TMP, "d")
    os.mkdir(scratch)
    prog = [tracee("cli_annot"), "d"]
    for key, opts in (("dev", ["--decode-fds=dev"]),
                      ("socket", ["--decode-fds=socket"]),
                      ("pidfd", ["-e", "decode-fds=pidfd"]),
                      ("path", ["--decode-fds=path"]),
                      ("verbose=none", ["-e", "verbose=none", "-e",
                                        "trace=newfstatat,statx,sendmmsg,"
                                        "recvmmsg,uname,getrusage"]),
                      ("verbose=newfstatat", ["-e", "verbose=newfstatat",
                                              "-e", "trace=newfstatat,statx,"
                                              "uname"])):
        label = "fdkinds " + key
        r = both(opts, prog, cwd=TMP)
        ps, ls = r["strace"]
        pn, ln = r["snare"]
        check(pn.returncode == ps.returncode == 0, "%s: exit %d, strace %d"
              % (label, pn.returncode, ps.returncode))
        ls = [prctl_line(annot_line(l, TMP)) for l in ls]
        ln = [prctl_line(annot_line(l, TMP)) for l in ln]
        check(len(ls) == len(ln) and len(ls) > 5,
              "%s: %d lines, strace %d" % (label, len(ln), len(ls)))
        _, _, diffs = compare_traces(ls, ln)
        for a, b in diffs:
            check(False, "%s: text differs:\n    strace %s\n    snare  %s"
                  % (label, a, b))
        hay = [re.sub(r"\)\s+= ", ") = ", l) for l in ln]
        for want in FDKINDS_TEXTS.get(key, []):
            check(any(want in t for t in hay), "%s: no %r" % (label, want))
    # verbose=newfstatat: its structure in full, statx's as its address.
    check(any(l.startswith("newfstatat(") and "st_mode=" in l for l in hay),
          "fdkinds verbose=newfstatat: its structure")
    check(not any(l.startswith("statx(") and "stx_mode=" in l for l in hay),
          "fdkinds verbose=newfstatat: statx's structure printed")


FAMILIES["fdkinds"] = fam_fdkinds
# --- Memory as strace reads it (cli_protnone): a PROT_NONE page, which
# process_vm_readv refuses and /proc/PID/mem reads; arrays at the exit of
# failed calls. ---
PROTNONE_CALLS = ["chdir", "write", "nanosleep", "poll", "writev",
                  "rt_sigprocmask", "sendmmsg", "bpf"]
PROTNONE_TEXTS = [
    'chdir("/nonexistent/ok") = -1 ENOENT',
    "chdir(ADDR) = -1 EFAULT",
    "write(-1, ADDR, 6) = -1 EBADF",
    "nanosleep(ADDR, NULL) = -1 EFAULT",
    "poll(ADDR, 1, 0) = -1 EFAULT",
    "poll([{fd=0, events=POLLIN}, ... /* ADDR */], 2, 0) = -1 EFAULT",
    "writev(-1, ADDR, 1) = -1 EBADF",
    "rt_sigprocmask(SIG_BLOCK, ADDR, NULL, 8) = -1 EFAULT",
    "sendmmsg(-1, [{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{"
    'iov_base="mmsg\\0\\0\\0\\0", iov_len=8}], msg_iovlen=1, ',
    "attach_flags=0, prog_ids=ADDR, prog_cnt=2}}, 28) = -1",
]


def fam_protnone():
    r = both(["-e", "trace=" + ",".join(PROTNONE_CALLS)],
             [tracee("cli_protnone")])
    (ps, ls), (pn, ln) = r["strace"], r["snare"]
    check(pn.returncode == ps.returncode == 0, "protnone: exit %d, strace %d"
          % (pn.returncode, ps.returncode))
    pct, tpct = compare(ls, ln, "protnone")
    check(pct == 100.0 and tpct == 100.0, "protnone: differs from strace")
    check(len(parse(ln)) == len(parse(ls)) == 13,
          "protnone: %d events, strace %d" % (len(parse(ln)), len(parse(ls))))
    hay = [normalise(e[4], pids_of(parse(ln))) for e in parse(ln)]
    for want in PROTNONE_TEXTS:
        check(any(want in t for t in hay), "protnone: no %r" % want)
    check(sum("chdir(ADDR)" in t for t in hay) == 2 and
          sum("write(-1, ADDR, 6)" in t for t in hay) == 2,
          "protnone: a string in or across the page is not an address")


FAMILIES["protnone"] = fam_protnone

if __name__ == "__main__":
    if FAMILY not in ("badinput", "attach", "json", "breaks"):
        skip_without_strace()
    sys.exit(run_family(FAMILIES, FAMILY, tmp=TMP))
