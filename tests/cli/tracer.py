#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The tracer's behaviour where strace 6.1's own test suite checks it.

    tracer.py SNARE TRACEES FAMILY

name:       started as a link whose name holds "strace", snare is
            `snare trace` and names itself by that path in its messages
            (the suite's $STRACE_EXE); -e read=/write= and inject/fault
            syntax refused in strace's words.
output:     -o /dev/full says the write error; a program that cannot be
            exec'd: "exec: REASON" and "+++ exited with 1 +++".
unfinished: a leader in nanosleep when another thread execs ends
            ",  <unfinished ...>) = ?" (its exit had an argument to decode).
inject:     exit_group with a fault returns and shows its result; only
            traced calls are injected; signal= comes from the kernel
            (SI_KERNEL); an unknown syscall number is shown
            whatever -e trace= says, and -d notes it.
pidcol:     with -o, -p PID and a command: pids prefixed as "%-5d ".
quiet:      -qqq and --quiet=thread-execve hide "+++ superseded by execve
            in pid N +++" (exec from a thread), -q does not.
stray:      "Exit of unknown pid N ignored" for a CLONE_PARENT child
            (not with --quiet=exit), "Detached unknown pid N" for a
            CLONE_PTRACE child without -f (not with -q).
daemon:     -D/-DD/-DDD: the program keeps snare's pid and parent and
            its exit status; the tracer is another process, in a new
            process group (-DD) or session (-DDD), and ends with it.
            With -I anywhere and -DD, a kill of the program's group
            leaves the tracer to report the death.
restart:    restart_syscall names the call it resumes, as strace:
            "restart_syscall(<... resuming interrupted clock_nanosleep
            ...>)" (glibc's nanosleep is clock_nanosleep).
detached:   -e status=detached shows the call held back for its status
            with " <detached ...>" when snare is killed (-I2) mid-call.
"""
import os
import re
import subprocess
import sys
import tempfile
import time

from clitest import check, families_of, run_family, run_text as run

SNARE, TRACEES, FAMILY = sys.argv[1], sys.argv[2], sys.argv[3]


def prog(name):
    return os.path.join(TRACEES, name)


def family_name(tmp):
    link = os.path.join(tmp, "my-strace")
    os.symlink(os.path.abspath(SNARE), link)
    for spec, named in (("", ""), ("!", "!"), (",,", ",,"), ("1,all", "all"),
                        ("1,!", "!"), ("-1", "-1"), ("2147483648",
                                                     "2147483648")):
        r = run([link, "-e", "read=" + spec, "true"])
        check(r.returncode != 0, "read=%r accepted" % spec)
        check(r.stderr == "%s: invalid descriptor '%s'\n" % (link, named),
              "read=%r: %r" % (spec, r.stderr))
    for spec in ("all", "none", "!1,2", "1"):
        r = run([link, "-o", os.devnull, "-e", "write=" + spec, "true"])
        check(r.returncode == 0, "write=%r refused: %r" % (spec, r.stderr))
    r = run([SNARE, "trace", "-e", "read=!", "true"])
    check(r.stderr == "snare: invalid descriptor '!'\n",
          "as snare: %r" % r.stderr)
    for what, spec in (("inject", "chdir:signal=1:signal=2"),
                       ("inject", "chdir:signal=1:retval=0:signal=2"),
                       ("inject", "chdir:poke_enter=@arg1=00,@arg1=00"),
                       ("fault", "chdir:when=27..65535"),
                       ("fault", "chdir:when=65535..65535+")):
        r = run([link, "-e", "%s=%s" % (what, spec), "true"])
        check(r.returncode != 0 and
              "%s: invalid %s argument" % (link, what) in r.stderr,
              "%s=%s: rc %d %r" % (what, spec, r.returncode, r.stderr))
    for what, spec in (("fault", "chdir:when=27..65534"),
                       ("inject", "chdir:error=ENOENT:when=3..5+"),
                       ("inject", "chdir:poke_enter=@arg1=00,@arg2=00")):
        r = run([link, "-o", os.devnull, "-e", "%s=%s" % (what, spec),
                 "true"])
        check(r.returncode == 0, "%s=%s refused: %r" % (what, spec, r.stderr))
    r = run([link, "--bogus"])
    check(r.stderr.endswith("Try '%s -h' for more information.\n" % link),
          "usage hint: %r" % r.stderr)


def family_output(tmp):
    r = run([SNARE, "trace", "-o", "/dev/full", "-e", "trace=none", "true"])
    check("snare: /dev/full: No space left on device" in r.stderr,
          "-o /dev/full: rc %d %r" % (r.returncode, r.stderr))
    r = run([SNARE, "trace", "/"])
    lines = r.stderr.splitlines()
    check(r.returncode == 1, "exec failure: rc %d" % r.returncode)
    check(len(lines) == 3 and lines[0].startswith('execve("/", ["/"], ') and
          lines[0].endswith("= -1 EACCES (Permission denied)") and
          lines[1:] == ["snare: exec: Permission denied",
                        "+++ exited with 1 +++"],
          "exec failure: %r" % r.stderr)


def family_unfinished(tmp):
    out = os.path.join(tmp, "out")
    r = run([SNARE, "trace", "-f", "-o", out, "-e", "trace=nanosleep",
             prog("cli_exec_pause"), "sleep"])
    check(r.returncode == 0, "rc %d %r" % (r.returncode, r.stderr))
    text = open(out).read()
    print(text)
    whole = re.search(r"^\d+ +nanosleep\(\{tv_sec=123, tv_nsec=0\},  "
                      r"<unfinished \.\.\.>\) += \?$", text, re.M)
    split = re.search(r"^\d+ +nanosleep\(\{tv_sec=123, tv_nsec=0\},  "
                      r"<unfinished \.\.\.>$", text, re.M) and \
        re.search(r"^\d+ +<\.\.\. nanosleep resumed> <unfinished \.\.\.>\) "
                  r"+= \?$", text, re.M)
    check(whole or split, "the leader's nanosleep is not ended as strace's")


def family_inject(tmp):
    eg = prog("cli_tracer")
    r = run([SNARE, "trace", "-a39", "-e", "trace=exit,exit_group",
             "-e", "fault=exit_group:error=ENOSYS", eg, "exitgroup"])
    check(r.returncode == 42, "fault=exit_group: rc %d" % r.returncode)
    check(r.stderr.splitlines()[:2] == [
        "exit_group(42)                         = -1 ENOSYS "
        "(Function not implemented) (INJECTED)",
        "exit(42)                               = ?"],
        "fault=exit_group: %r" % r.stderr)
    # Only traced calls are faulted: the loader's are left alone.
    r = run([SNARE, "trace", "-e", "trace=exit,exit_group",
             "-e", "fault=all:error=ENOSYS", "-e", "fault=exit:error=1:when=2+",
             eg, "exitgroup"])
    check(r.returncode == 42 and "SIGSEGV" not in r.stderr,
          "fault=all: rc %d %r" % (r.returncode, r.stderr[-300:]))
    # inject signal=: sent by the kernel at the syscall's exit, as strace.
    r = run([SNARE, "trace", "-e", "trace=getppid",
             "-e", "inject=getppid:signal=USR1", eg, "sigcode"])
    check(r.stdout == "si_code 128\n", "signal=: %r" % r.stdout)
    check("--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_KERNEL} ---" in
          r.stderr.splitlines(), "signal=: %r" % r.stderr)
    r = run([SNARE, "trace", "-e", "trace=none", eg, "nosys"])
    want = ("syscall_0x1c3(0xface0fedbadc0ded, 0xface1fedbadc1ded, "
            "0xface2fedbadc2ded, 0xface3fedbadc3ded, 0xface4fedbadc4ded, "
            "0xface5fedbadc5ded) = ")
    lines = r.stderr.splitlines()
    check(len(lines) == 2 and lines[0].startswith(want) and
          lines[1] == "+++ exited with 0 +++", "trace=none: %r" % r.stderr)
    # Ids print unsigned, as strace prints them: an injected 1 << 63 too.
    r = run([SNARE, "trace", "-e", "trace=geteuid", "-e",
             "inject=geteuid:retval=0x8000000000000000", "id", "-u"])
    lines = [re.sub(r"\)\s+= ", ") = ", x) for x in r.stderr.splitlines()]
    check("geteuid() = 9223372036854775808 (INJECTED)" in lines,
          "unsigned ids: %r" % r.stderr)
    r = run([SNARE, "trace", "-d", "-e", "trace=none", eg, "nosys"])
    check(re.search(r"^snare: pid \d+ invalid syscall 0x1c3$", r.stderr,
                    re.M) is not None, "-d: %r" % r.stderr)


def family_pidcol(tmp):
    out = os.path.join(tmp, "out")
    cat = subprocess.Popen(["cat"], stdin=subprocess.PIPE,
                           stdout=subprocess.DEVNULL)
    tr = subprocess.Popen([SNARE, "trace", "-o", out, "-e", "trace=exit_group",
                           "-p", str(cat.pid), prog("cli_tracer"), "exitgroup"],
                          stderr=subprocess.DEVNULL)
    try:
        # -p PIDs are attached before the command starts: once the
        # command's exit is in the file, cat is traced and may end.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and tr.poll() is None:
            if os.path.exists(out) and \
                    "+++ exited with 42 +++" in open(out).read():
                break
            time.sleep(0.02)
        cat.stdin.close()
        tr.wait(timeout=30)
    finally:
        for p in (cat, tr):
            if p.poll() is None:
                p.kill()
                p.wait()
    text = open(out).read()
    print(text)
    lines = [l for l in text.splitlines() if "exit_group(" in l]
    check(len(lines) == 2, "two exit_group lines: %r" % text)
    check(all(re.match(r"^\d+ +exit_group\(", l) for l in lines),
          "pid column: %r" % lines)
    check(re.search(r"^%-5d exit_group\(" % cat.pid, text, re.M) is not None,
          "cat's line: %r" % text)


def family_quiet(tmp):
    for opts, shown in ((["-q"], True), (["-qqq"], False),
                        (["--quiet=thread-execve"], False)):
        r = run([SNARE, "trace", "-f"] + opts +
                ["-e", "trace=execve,pause", prog("cli_exec_pause")])
        check(r.returncode == 0, "%s: rc %d" % (opts, r.returncode))
        check(re.search(r"<\.\.\. execve resumed>\) += 0$", r.stderr, re.M)
              is not None, "%s: no execve result: %r" % (opts, r.stderr))
        check(("+++ superseded by execve in pid " in r.stderr) == shown,
              "%s: superseded %s: %r" % (opts, "hidden" if shown else
                                         "shown", r.stderr))


def family_stray(tmp):
    for mode, opts, msg in (
            ("parent", [], "Exit of unknown pid %s ignored"),
            ("parent", ["-q"], "Exit of unknown pid %s ignored"),
            ("parent", ["--quiet=exit"], None),
            ("ptrace", [], "Detached unknown pid %s"),
            ("ptrace", ["--quiet=exit"], "Detached unknown pid %s"),
            ("ptrace", ["-q"], None),
            ("ptrace", ["-f"], None)):
        r = run([SNARE, "trace", "-e", "trace=none"] + opts +
                [prog("stray_clone"), mode])
        what = "%s %s" % (mode, opts)
        check(r.returncode == 0, "%s: rc %d %r" % (what, r.returncode,
                                                   r.stderr))
        pid = r.stdout.strip()
        check(pid.isdigit(), "%s: stdout %r" % (what, r.stdout))
        strays = [l for l in r.stderr.splitlines() if "unknown pid" in l]
        want = ["snare: " + msg % pid] if msg else []
        check(strays == want, "%s: %r, want %r" % (what, strays, want))


SHOW_IDS = r"""
import os
def field(path, name):
    for line in open(path):
        if line.startswith(name + ":"):
            return int(line.split()[1])
me = os.getpid()
t = field("/proc/self/status", "TracerPid")
print(me, os.getppid(), t, os.getpgid(0), os.getsid(0), os.getpgid(t),
      os.getsid(t))
raise SystemExit(3)
"""


def gone_within(pid, secs):
    deadline = time.monotonic() + secs
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.01)
    return False


def family_daemon(tmp):
    for d in ("-D", "-DD", "-DDD", "--daemonize=session"):
        p = subprocess.Popen([SNARE, "trace", d, "-q", "-e", "trace=none",
                              sys.executable, "-c", SHOW_IDS],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
        out, err = p.communicate(timeout=60)
        check(p.returncode == 3, "%s: rc %d %r" % (d, p.returncode, err))
        ids = [int(x) for x in out.split()]
        if not check(len(ids) == 7, "%s: %r %r" % (d, out, err)):
            continue
        me, ppid, tracer, pgid, sid, tpgid, tsid = ids
        check(me == p.pid and ppid == os.getpid(),
              "%s: pid %d (snare %d), ppid %d" % (d, me, p.pid, ppid))
        check(tracer > 0 and tracer not in (me, ppid),
              "%s: tracer %d" % (d, tracer))
        check(pgid == os.getpgid(0) and sid == os.getsid(0),
              "%s: program's group/session moved" % d)
        if d == "-D":
            check(tpgid == pgid and tsid == sid, "-D: %r" % ids)
        elif d == "-DD":
            check(tpgid == tracer and tsid == sid, "-DD: %r" % ids)
        else:
            check(tsid == tracer and tpgid == tracer, "%s: %r" % (d, ids))
        check(gone_within(tracer, 30), "%s: tracer %d lives on" % (d, tracer))
    # -DD, -I anywhere: the program's group is killed, the tracer is not.
    out = os.path.join(tmp, "out")
    p = subprocess.Popen([SNARE, "trace", "-DD", "-o", out, "-I1",
                          "-e", "trace=clock_nanosleep", "sleep", "60"],
                         start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if open("/proc/%d/syscall" % p.pid).read().split()[0] \
                        == "230":
                    break
            except (OSError, IndexError):
                pass
            time.sleep(0.01)
        os.killpg(p.pid, 15)
        p.wait(timeout=30)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    check(p.returncode == -15, "-DD: rc %d" % p.returncode)
    deadline = time.monotonic() + 30
    text = ""
    while time.monotonic() < deadline and "+++ killed by SIGTERM +++" \
            not in text:
        text = open(out).read()
        time.sleep(0.01)
    print(text)
    check(text.startswith("clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=60, "
                          "tv_nsec=0}, ") and
          "--- SIGTERM {si_signo=SIGTERM, si_code=SI_USER" in text and
          text.endswith("+++ killed by SIGTERM +++\n"), "-DD: %r" % text)


def family_restart(tmp):
    r = run([SNARE, "trace", "-e", "trace=restart_syscall,/nanosleep",
             prog("cli_restart_block")])
    check(r.returncode == 0, "rc %d %r" % (r.returncode, r.stderr))
    lines = [re.sub(r"\)\s+= ", ") = ", l) for l in r.stderr.splitlines()]
    check(any(l.endswith("= ? ERESTART_RESTARTBLOCK (Interrupted by "
                         "signal)") for l in lines), "no restart: %r" % lines)
    check("restart_syscall(<... resuming interrupted clock_nanosleep ...>)"
          " = 0" in lines, "restart_syscall: %r" % lines)


def family_detached(tmp):
    out = os.path.join(tmp, "out")
    tr = subprocess.Popen([SNARE, "trace", "-o", out, "-I2", "-e",
                           "status=detached", "-e", "trace=clock_nanosleep",
                           "sleep", "60"], stderr=subprocess.DEVNULL)
    try:
        # Once the program sits in clock_nanosleep (230), end snare.
        deadline = time.monotonic() + 30
        ready = False
        while not ready and time.monotonic() < deadline:
            try:
                kids = open("/proc/%d/task/%d/children" %
                            (tr.pid, tr.pid)).read().split()
                # Asleep in it (S), not in its entry stop, which snare
                # may not have taken yet.
                ready = bool(kids) and open(
                    "/proc/%s/syscall" % kids[0]).read().split()[0] == "230" \
                    and open("/proc/%s/stat" % kids[0]).read().rsplit(
                        ")", 1)[1].split()[0] == "S"
            except (OSError, IndexError):
                pass
            if not ready:
                time.sleep(0.01)
        check(ready, "the program never slept")
        tr.terminate()
        tr.wait(timeout=30)
    finally:
        if tr.poll() is None:
            tr.kill()
            tr.wait()
    text = open(out).read()
    print(text)
    check(re.fullmatch(r"clock_nanosleep\(CLOCK_REALTIME, 0, \{tv_sec=60, "
                       r"tv_nsec=0\},  <detached \.\.\.>\n", text)
          is not None, "status=detached: %r" % text)


tmp = tempfile.mkdtemp(prefix="snare-tracer-")
sys.exit(run_family(families_of(globals()), FAMILY, tmp, tmp=tmp))
