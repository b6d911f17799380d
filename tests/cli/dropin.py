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
         FILE is reported once and the program's status is kept; a line
         longer than 64 KiB is written whole.
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from clitest import (check, run_family, run_text as run, skip_without_strace,
                     tracers)

SNARE, FAMILY = sys.argv[1], sys.argv[2]


def ignoring(sig):
    """preexec_fn: start the child with sig ignored, as nohup does."""
    return lambda: signal.signal(sig, signal.SIG_IGN)


def family_signals():
    script = 'kill -HUP $$; echo survived'
    for name, tracer in tracers(SNARE):
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
        for name, tracer in tracers(SNARE):
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
        for name, tracer in tracers(SNARE):
            p = run(tracer + ["-o", "/dev/full", "--", "sh", "-c", "exit 3"])
            check(p.returncode == 3, "%s: /dev/full: status %d" % (name, p.returncode))
            check("/dev/full: No space left on device" in p.stderr,
                  "%s: /dev/full: no message: %r" % (name, p.stderr))
        p = run([SNARE, "trace", "-o", "/dev/full", "--", "sh", "-c", "exit 3"])
        check(p.stderr.count("No space left on device") == 1,
              "/dev/full: said %d times" % p.stderr.count("No space left on device"))
        # A line longer than 64 KiB is whole (-s 200000 on a 100 KB write).
        data = os.path.join(tmp, "data")
        with open(data, "w") as f:
            f.write("".join(chr(ord("a") + i % 26) for i in range(100000)))
        lines = {}
        for name, tracer in tracers(SNARE):
            out = os.path.join(tmp, name + ".out")
            p = run(tracer + ["-s", "200000", "-e", "trace=write", "-o", out, "--",
                              sys.executable, "-S", "-c",
                              "import os; os.write(1, open(%r, 'rb').read())" % data], capture_output=False,
                    stdout=subprocess.DEVNULL)
            check(p.returncode == 0, "%s: long line: status %d" % (name, p.returncode))
            lines[name] = [l for l in open(out).read().splitlines()
                           if l.startswith("write(1, ")]
        want = 'write(1, "%s", 100000) = 100000' % open(data).read()
        check(lines["snare"] == [want], "long line: cut or missing (%s)"
              % [len(l) for l in lines["snare"]])
        if "strace" in lines:
            check(lines["snare"] == lines["strace"], "long line: differs from strace")
        # -o accepts what strace accepts: /dev/stdout, /proc/self/fd/N, a
        # command after '|' or '!'; a link planted elsewhere is refused.
        p = run([SNARE, "trace", "-e", "trace=execve", "-o", "/dev/stdout", "--", "true"])
        check(p.returncode == 0 and p.stdout.startswith('execve("'),
              "-o /dev/stdout: rc %d out %r err %r" % (p.returncode, p.stdout, p.stderr))
        r, w = os.pipe()
        p = subprocess.run([SNARE, "trace", "-e", "trace=execve", "-o",
                            "/proc/self/fd/%d" % w, "--", "true"], pass_fds=(w,),
                           capture_output=True, text=True, timeout=60)
        os.close(w)
        got = os.read(r, 65536).decode()
        os.close(r)
        check(p.returncode == 0 and got.startswith('execve("'),
              "-o /proc/self/fd/N: rc %d got %r err %r" % (p.returncode, got, p.stderr))
        for mark in "|!":
            sink = os.path.join(tmp, "piped")
            p = run([SNARE, "trace", "-e", "trace=execve", "-o",
                     "%scat > %s" % (mark, sink), "--", "true"])
            check(p.returncode == 0 and open(sink).read().startswith('execve("'),
                  "-o '%scmd': rc %d err %r" % (mark, p.returncode, p.stderr))
        p = run([SNARE, "trace", "-ff", "-o", "|cat", "--", "true"])
        check(p.returncode == 1 and "mutually exclusive" in p.stderr,
              "-ff -o '|cmd' accepted: %r" % p.stderr)
        link = os.path.join(tmp, "link")
        os.symlink(os.path.join(tmp, "target"), link)
        p = run([SNARE, "trace", "-o", link, "--", "true"])
        check(p.returncode != 0 and "symbolic link" in p.stderr
              and not os.path.exists(os.path.join(tmp, "target")),
              "-o through a planted link: rc %d %r" % (p.returncode, p.stderr))
    finally:
        shutil.rmtree(tmp)


def read_until(stream, text):
    got = ""
    while text not in got:
        c = stream.read(1)
        if not c:
            break
        got += c
    return got


def family_lines():
    """A call left open when tracing ends is closed as strace closes it:
    "wait4(-1,  <detached ...>" (the comma before the argument the kernel
    fills in)."""
    waiter = subprocess.Popen(["sh", "-c", "read x; true"], stdin=subprocess.PIPE)
    try:
        for name, tracer in tracers(SNARE):
            p = subprocess.Popen(tracer + ["-p", str(waiter.pid)],
                                 stderr=subprocess.PIPE, text=True)
            # Seen before anything else comes: a held half line is
            # written within 100 ms (tail -f follows a blocked program).
            got = read_until(p.stderr, "read(0")
            check("read(0" in got, "%s: no read line: %r" % (name, got))
            p.send_signal(signal.SIGINT)
            got += p.stderr.read()
            p.wait(timeout=60)
            lines = [l for l in got.replace(name + ": Process %d detached\n"
                                            % waiter.pid, "").splitlines()
                     if l.startswith("read(")]
            check(lines == ['read(0,  <detached ...>'],
                  "%s: detached line %r" % (name, lines))
    finally:
        waiter.kill()
        waiter.wait()


def signal_each_call(tracer, out, prog, nrs):
    """Run prog under tracer; each time the program blocks in the next of
    nrs (seen in /proc/PID/syscall), send it SIGUSR1. Returns the status."""
    p = subprocess.Popen(tracer + ["-o", out, prog])

    def program():
        for k in open("/proc/%d/task/%d/children" % (p.pid, p.pid)).read().split():
            try:
                if os.readlink("/proc/%s/exe" % k) == prog:
                    return int(k)
            except OSError:
                pass
        return None

    def in_call(pid):
        """The syscall pid blocks in, as "NR" or "NR:FIRST_ARG". Only
        while it sleeps (state S) in it: /proc/PID/syscall also names the
        call during the syscall-entry stop, before the call has begun."""
        try:
            stat = open("/proc/%d/stat" % pid).read()
            if stat[stat.rindex(")") + 2] != "S":
                return None
            f = open("/proc/%d/syscall" % pid).read().split()
            return f[0] if f[0] != "0" else "0:" + f[1]
        except (OSError, IndexError):
            return None

    try:
        for nr in nrs:
            while True:  # polled: the program blocks for ever meanwhile
                pid = program()
                if pid and in_call(pid) == str(nr):
                    os.kill(pid, signal.SIGUSR1)
                    break
                if p.poll() is not None:
                    return p.returncode
                time.sleep(0.002)
            while in_call(pid) == str(nr):
                time.sleep(0.002)
        return p.wait(timeout=60)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()


def family_restart():
    """Calls a signal interrupts: the kernel's own restart code and what
    the exit decodes (nanosleep's remaining time), as strace shows them."""
    skip_without_strace()
    prog = os.path.abspath(os.path.join(sys.argv[3], "cli_restart"))
    # read(42, ...), clock_nanosleep, futex, poll, pause
    nrs = ["0:0x2a", "230", "202", "7", "34"]
    tmp = tempfile.mkdtemp(prefix="snare-restart-")
    texts = {}
    try:
        for name, tracer in tracers(SNARE):
            out = os.path.join(tmp, name)
            rc = signal_each_call(tracer, out, prog, nrs)
            check(rc == 0, "%s: status %r" % (name, rc))
            lines = open(out).read().splitlines()
            start = next((i for i, l in enumerate(lines) if l.startswith("pipe2(")), 0)
            norm = []
            for l in lines[start:]:
                if l.startswith(("dup2(", "close(4")):
                    continue
                l = re.sub(r"0x[0-9a-f]+", "ADDR", l)
                l = re.sub(r"tv_nsec=\d+", "tv_nsec=N", l)
                # The time left of the 1000 s sleep: 999 s, or less when
                # the signal came late on a loaded machine; 1000 s (the
                # timer's slack) when it came within 50 us of the start.
                l = re.sub(r"tv_sec=(99\d|1000), tv_nsec=N\}\) = \?",
                           "tv_sec=99X, tv_nsec=N}) = ?", l)
                l = re.sub(r"si_pid=\d+", "si_pid=P", l)
                norm.append(l)
            texts[name] = norm
    finally:
        shutil.rmtree(tmp)
    for want in ["read(42, ADDR, 100)           = ? ERESTARTSYS (To be restarted if SA_RESTART is set)",
                 "clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=1000, tv_nsec=N}, {tv_sec=99X, "
                 "tv_nsec=N}) = ? ERESTART_RESTARTBLOCK (Interrupted by signal)",
                 "futex(ADDR, FUTEX_WAIT_PRIVATE, 0, NULL) = ? ERESTARTSYS (To be restarted "
                 "if SA_RESTART is set)",
                 "pause()                                 = ? ERESTARTNOHAND (To be restarted "
                 "if no handler)"]:
        check(want in texts["snare"], "restart: no %r" % want)
    check(texts["snare"] == texts["strace"], "restart: differs from strace:\n%s"
          % "\n".join("  strace %r\n  snare  %r" % d for d in
                      zip(texts["strace"], texts["snare"]) if d[0] != d[1]))


def trace_both(args, prog, **kw):
    """Run snare and strace with the same arguments on prog; return
    {name: CompletedProcess}, the trace on stderr."""
    return {name: run(tracer + args + ["--"] + prog, cwd="/", **kw)
            for name, tracer in tracers(SNARE)}


def norm(text):
    """Addresses, pids and the tracer's name out of a trace."""
    text = re.sub(r"0x[0-9a-f]{6,}", "ADDR", text)
    text = re.sub(r"\b(strace|snare)\b", "TRACER", text)
    text = re.sub(r"/\* \d+ vars \*/", "/* N vars */", text)
    # CPU times in clock ticks (a SIGCHLD's si_utime): the load decides
    # whether they are 0 or come with their seconds.
    text = re.sub(r"(si_[us]time=)\d+( /\* \d+\.\d+ s \*/)?", r"\1N", text)
    return text


# Options strace 6.1 accepts (and the tests of its suite use), each with
# what it must not refuse; and bad ones both refuse with the same words.
ACCEPTED = [
    ["-X", "abbrev"], ["--const-print-style=abbrev"], ["-X", "raw"],
    ["--const-print-style=verbose"],
    ["--quiet=attach,exit"], ["--quiet"], ["--silent=all"],
    ["-e", "quiet=none"], ["-e", "silence=!exit"],
    ["--absolute-timestamps=format:unix,precision:ns"],
    ["--absolute-timestamps"], ["--timestamps=ms"],
    ["--relative-timestamps=ms"], ["--relative-timestamps"],
    ["--syscall-times=ns"], ["--syscall-times"], ["-T", "-r", "-tt"],
    ["--decode-fds=path,socket"], ["--decode-fds"], ["-e", "decode-fds=none"],
    ["-e", "decode-fd=all"], ["-I", "never"], ["-I", "1"],
    ["--interruptible=waiting"], ["-e", "fault=close"],
    ["-e", "fault=close:error=EPERM:when=2+"], ["--fault=close"],
    ["-e", "trace=ipc,mmap2,close"], ["-e", "trace=_llseek"],
    ["-e", "signal=99"], ["-e", "signals=0,SIGUSR1"], ["--signals=all"],
    ["--stack-traces"], ["-e", "raw=close"], ["--raw=all"],
    ["-e", "abbrev=none"], ["--abbrev=close"], ["-e", "verbose=all"],
    ["--verbose=!close"], ["--failing-only"], ["--strings-in-hex=all"],
    ["--strings-in-hex"], ["-e", "reads=none"], ["-e", "read=!!!3,4"],
    ["-e", "trace=!!close"], ["-e", "signal=!!!all"], ["-e", "status=!!failed"],
    ["-Y"], ["--decode-pids=comm,pidns"], ["--pidns-translation"],
    ["-e", "decode-pids=all"], ["-e", "decode-pid=!comm"],
]
REFUSED = [
    ["-I", "5"], ["--interruptible=sometimes"], ["--syscall-times=xs"],
    ["--absolute-timestamps=format:iso"], ["-e", "quiet=foo"],
    ["-t", "--absolute-timestamps"], ["-q", "--quiet=exit"],
    ["-x", "--strings-in-hex=all"], ["-e", "decode-fds=files"],
    ["-e", "trace=nosuchcall"], ["-e", "signal=256"],
    ["-e", "fault=close:retval=0"], ["-X", "plain"], ["-w"],
    ["-e", "trace=IPC"], ["-e", "trace=%FILE"], ["-e", "trace=close@16"],
    ["--summary-wall-clock"], ["--decode-pids=foo"], ["--decode-pids="],
    ["-e", "decode-pids=comm,fd"],
]


def family_options():
    skip_without_strace()
    for args in ACCEPTED:
        # Acceptance only: nothing traced (a later -e trace= wins).
        got = trace_both(["-o", "/dev/null", "-e", "trace=none"] + args,
                         ["true"])
        for name, p in got.items():
            # The program may fail (fault=close), the tracer must not.
            check(not p.stderr.startswith(name + ":"),
                  "%s refused %r: %s" % (name, args, p.stderr.strip()))
    for args in REFUSED:
        got = trace_both(args, ["true"])
        msgs = {}
        for name, p in got.items():
            check(p.returncode != 0 and "exited with" not in p.stderr,
                  "%s accepted %r" % (name, args))
            msgs[name] = norm(p.stderr.splitlines()[0] if p.stderr else "")
        check(msgs["snare"] == msgs["strace"],
              "%r: snare says %r, strace %r" % (args, msgs["snare"], msgs["strace"]))


def family_quiet():
    """-q, -qq, --quiet=SET: which of the "+++" and attach lines show."""
    skip_without_strace()
    prog = ["sh", "-c", "exit 3"]
    for args in (["-q"], ["-qq"], ["-qqq"], ["--quiet=exit"], ["--quiet"],
                 ["-e", "quiet=none"], ["-e", "quiet=!exit"], ["--silent=all"]):
        got = trace_both(args + ["-e", "trace=exit_group"], prog)
        tails = {n: norm(p.stderr) for n, p in got.items()}
        for name, p in got.items():
            check(p.returncode == 3, "%s %r: status %d" % (name, args, p.returncode))
        check(tails["snare"] == tails["strace"],
              "%r: snare %r, strace %r" % (args, tails["snare"], tails["strace"]))
    # A death by signal is no exit: -qq keeps "+++ killed by", the
    # signal set hides it.
    prog = ["sh", "-c", 'sh -c "kill -9 \\$\\$"; exit 2']
    for args in (["-qq"], ["-e", "signal=none"], ["-e", "signal=!SIGKILL", "-q"]):
        got = trace_both(args + ["-f", "-e", "trace=none"], prog)
        texts = {n: [re.sub(r"\d+", "N", l) for l in norm(p.stderr).splitlines()
                     if l != "Killed"]
                 for n, p in got.items()}
        check(texts["snare"] == texts["strace"],
              "%r: snare %r, strace %r" % (args, texts["snare"], texts["strace"]))
    # -P's "Requested path ... resolved into": --quiet=path-resolution
    # hides it when given before -P (strace checks the set at -P).
    for args in (["--quiet=path-resolution", "-P", "/etc/../etc/hostname"],
                 ["-P", "/etc/../etc/hostname", "--quiet=path-resolution"],
                 ["-P", "/etc/../etc/hostname", "-qqq"]):
        got = trace_both(args + ["-e", "trace=none"], ["true"])
        texts = {n: norm(p.stderr) for n, p in got.items()}
        check(texts["snare"] == texts["strace"],
              "%r: snare %r, strace %r" % (args, texts["snare"], texts["strace"]))


def shape(line):
    """A line with its digits as 9 (the layout of times, not their value)."""
    return re.sub(r"\d", "9", line)


def family_timefmt():
    """Timestamp and duration formats and precisions, as strace prints."""
    skip_without_strace()
    prog = ["cat", "/dev/null"]
    for args in (["--absolute-timestamps=format:unix,precision:ns"],
                 ["--absolute-timestamps=precision:ms"],
                 ["--timestamps=unix,s"], ["-ttt"], ["-tt"], ["-t"],
                 ["--relative-timestamps=ns"], ["--relative-timestamps=s"],
                 ["-r"], ["--syscall-times=ns"], ["--syscall-times=ms"],
                 ["--syscall-times=s"], ["-T"]):
        got = trace_both(args + ["-e", "trace=close"], prog)
        shapes = {}
        for name, p in got.items():
            lines = [l for l in p.stderr.splitlines() if "close(1)" in l]
            check(lines, "%s %r: no close(1) line in %r" % (name, args, p.stderr))
            # -r's first field is as wide as strace's; the rest of the
            # line aligned as strace aligns it.
            shapes[name] = shape(lines[0]) if lines else None
        check(shapes["snare"] == shapes["strace"],
              "%r: snare %r, strace %r" % (args, shapes["snare"], shapes["strace"]))


def family_inject():
    """-e fault=, and injection that leaves the program's own execve alone."""
    skip_without_strace()
    cases = [
        (["-e", "inject=all:error=ENOENT"], ["true"], 3),
        (["-e", "fault=close:when=2", "-e", "trace=close"], ["cat", "/dev/null"], 9),
        (["-e", "fault=close:error=EBADF", "-e", "trace=close"], ["cat", "/dev/null"], 9),
        (["-e", "trace=execve", "-e", "inject=execve:error=ENOENT:when=2"],
         ["sh", "-c", "exec /bin/true"], 9),
        # syscall= (a pure one), poke_enter=/poke_exit=, delay_*=, a
        # retval in hex, and the last rule naming a syscall replacing
        # the earlier ones.
        (["-e", "trace=chdir", "-e", "inject=chdir:syscall=gettid:error=ENOENT"],
         ["sh", "-c", "cd /; pwd"], 9),
        (["-e", "trace=read", "-e", "inject=read:poke_exit=@arg2=41424344:when=4"],
         ["head", "-c", "4", "/etc/hostname"], 9),
        (["-e", "trace=read",
          "-e", "inject=read:poke_enter=@arg2=41424344:when=4:error=EIO"],
         ["head", "-c", "4", "/etc/hostname"], 9),
        (["-e", "trace=read", "-e", "inject=read:delay_enter=1.5ms:when=4"],
         ["head", "-c", "4", "/etc/hostname"], 9),
        (["-e", "trace=read", "-e", "inject=read:error=EIO",
          "-e", "inject=read:delay_exit=1ms:when=2"],
         ["head", "-c", "4", "/etc/hostname"], 9),
        (["-e", "trace=getppid", "-e", "inject=getppid:retval=0x20"],
         ["sh", "-c", "echo $PPID"], 9),
    ]
    for args, prog, n in cases:
        got = trace_both(args, prog)
        texts = {}
        for name, p in got.items():
            lines = [l for l in norm(p.stderr).splitlines()
                     if not l.startswith(("cat:", "sh:", "true:", "head:"))]
            texts[name] = lines[:n]
        check("Can't stat" not in "".join(texts["snare"]),
              "%r: %r" % (args, texts["snare"]))
        check(texts["snare"] == texts["strace"],
              "%r:\n  snare  %r\n  strace %r" % (args, texts["snare"], texts["strace"]))
        check(got["snare"].returncode == got["strace"].returncode,
              "%r: status %d, strace %d" % (args, got["snare"].returncode,
                                            got["strace"].returncode))


def family_delay():
    """delay_enter= keeps the thread stopped that long."""
    skip_without_strace()
    t0 = time.monotonic()
    p = run([SNARE, "trace", "-o", "/dev/null", "-e",
             "inject=getppid:delay_enter=300ms:when=1", "--", "sh", "-c",
             "echo $PPID"])
    took = time.monotonic() - t0
    check(p.returncode == 0, "delay: status %d: %s" % (p.returncode, p.stderr))
    check(took >= 0.3, "delay: the run took %.3f s, want >= 0.3" % took)
    for bad in ("delay_enter=", "delay_enter=-1", "delay_exit=1h",
                "poke_enter=@arg8=00", "poke_exit=@arg1=0", "syscall=write",
                "syscall=getpid:syscall=getuid", "error=EIO:retval=1"):
        msgs = {}
        for name, tracer in tracers(SNARE):
            q = run(tracer + ["-e", "inject=read:" + bad, "true"])
            msgs[name] = norm(q.stderr.splitlines()[0] if q.stderr else "")
        check(msgs["snare"] == msgs["strace"],
              "%r: snare %r, strace %r" % (bad, msgs["snare"], msgs["strace"]))


def family_sets():
    """-e raw= for the named syscalls only; names of other personalities."""
    skip_without_strace()
    prog = ["cat", "/dev/null"]
    for args in (["-e", "raw=close", "-e", "trace=read,close"],
                 ["-e", "raw=!close", "-e", "trace=read,close"],
                 # Raw, every argument strace's table counts: openat's
                 # mode too without O_CREAT.
                 ["-e", "raw=openat", "-e", "trace=openat"],
                 ["-e", "trace=ipc,mmap2,close"],
                 # Legacy class names ("signal" is %signal, not i386's
                 # signal(2)), NAME@64, NAME@32.
                 ["-e", "trace=signal,ipc,desc"],
                 ["-e", "trace=close@64,mmap2@32,read@x32"],
                 ["-e", "trace=close", "-e", "signal=99"]):
        got = trace_both(args, prog)
        texts = {n: norm(p.stderr) for n, p in got.items()}
        check(texts["snare"] == texts["strace"],
              "%r:\n  snare  %r\n  strace %r" % (args, texts["snare"], texts["strace"]))


def family_dpids():
    """-Y, --decode-pids=SET, --pidns-translation: process ids followed by
    their command as strace 6.1 prints them, line by line from the
    tracee's first getpid() (cli_pids), pids and the tracer's name made
    alike."""
    skip_without_strace()
    prog = [os.path.abspath(os.path.join(sys.argv[3], "cli_pids"))]
    # Each option replaces the set before it, as in strace: -Y then
    # --pidns-translation shows no comm.
    for args, comm in ((["-Y"], True), (["--decode-pids=comm"], True),
                       (["--decode-pids=pidns"], False),
                       (["--decode-pids=comm,pidns"], True),
                       (["--pidns-translation"], False),
                       (["-Y", "--pidns-translation"], False),
                       (["-e", "decode-pids=none"], False)):
        got = trace_both(args + ["-e", "signal=none"], prog)
        texts = {}
        for name, p in got.items():
            check(p.returncode == 0, "%s %r: status %d: %s"
                  % (name, args, p.returncode, p.stderr[-300:]))
            lines = norm(p.stderr).splitlines()
            first = [i for i, l in enumerate(lines) if l.startswith("getpid(")]
            lines = lines[first[0]:] if first else lines
            # Pids of other lengths pad the result column otherwise.
            texts[name] = [re.sub(r"\) +=", ") =", re.sub(r"\b\d{2,}\b", "N", l))
                           for l in lines]
        check(any("(N<cli_pids>, 0)" in l for l in texts["snare"]) == comm,
              "%r: want the tracee's comm %s: %r" % (args, "shown" if comm
                                                     else "hidden",
                                                     texts["snare"][:8]))
        check(texts["snare"] == texts["strace"], "%r: differs from strace:\n%s"
              % (args, "\n".join("  strace %r\n  snare  %r" % d for d in
                                  zip(texts["strace"], texts["snare"])
                                  if d[0] != d[1])))


def pidns_processes(text):
    """A -f -o trace as one list of lines per process (in the order the
    processes first show), each call's unfinished and resumed halves
    joined: how the scheduler interleaves processes is not compared."""
    procs, pending = {}, {}
    for line in text.splitlines():
        m = re.match(r"^(\d+)(<[^>]*>)? +(.*)$", line)
        if not m:
            continue
        pid, comm, body = m.group(1), m.group(2) or "", m.group(3)
        if body.endswith(" <unfinished ...>"):
            pending[pid] = (comm, body[:-len(" <unfinished ...>")])
            continue
        r = re.match(r"^<\.\.\. [a-z_0-9]+ resumed>(.*)$", body)
        if r and pid in pending:
            # The entry's -Y prefix, as on a line printed whole (an
            # execve's resumed half already has the new command).
            comm, body = pending.pop(pid)
            body += r.group(1)
        procs.setdefault(pid, []).append(comm + " " + body)
    return list(procs.values())


def family_pidns():
    """--pidns-translation (and -Y) on a program in a new pid namespace
    (cli_pids run as its process 1 by cli_pidns): each id as the program
    sees it, then the tracer's in a comment, line by line (per process)
    as strace 6.1 prints them."""
    skip_without_strace()
    tracees = os.path.abspath(sys.argv[3])
    prog = [os.path.join(tracees, "cli_pidns"), os.path.join(tracees, "cli_pids")]
    # -y: kcmp's fds are those of the processes its ids name. "unshare
    # -Urpf" before the tracer: a tracer in its own pid namespace that
    # sees the old /proc, where the tracee's fds are under another id.
    outer = ["unshare", "-Urpf"]
    runs = [(["--pidns-translation"], False, []),
            (["--decode-pids=comm,pidns"], True, []),
            (["--pidns-translation", "-y"], False, [])]
    if shutil.which("unshare") and run(outer + ["true"]).returncode == 0:
        runs.append((["--pidns-translation", "-y"], False, outer))
    for args, comm, prefix in runs:
        texts = {}
        with tempfile.TemporaryDirectory() as tmp:
            for name, tracer in tracers(SNARE):
                tracer = prefix + tracer
                log = os.path.join(tmp, name)
                p = run(tracer + ["-f", "-o", log, "-e", "signal=none"] +
                        args + ["--"] + prog, cwd="/")
                if p.returncode == 77:
                    print("SKIP: no pid namespace: %s" % p.stderr[-200:])
                    sys.exit(77)
                check(p.returncode == 0, "%s %r: status %d: %s"
                      % (name, args, p.returncode, p.stderr[-300:]))
                with open(log) as f:
                    procs = pidns_processes(norm(f.read()))
                # The tracer's ids (and the padding they make) vary by
                # run; the program's own are 1 and 2.
                texts[name] = [[re.sub(r"\) +=", ") =",
                                       re.sub(r"\b\d{3,}\b|\d+(?= in TRA)",
                                              "N", l))
                                for l in lines] for lines in procs]
                # In the outer namespace the tracers' own ids are small
                # and differ (strace forks to probe the kernel): only the
                # program in the inner namespace is compared.
                if prefix:
                    texts[name] = texts[name][1:]
        snare = [l for lines in texts["snare"] for l in lines]
        check(any(re.search(r"getpid\(\) = 1(<cli_pids>)? "
                            r"/\* N in TRACER's PID NS \*/", l)
                  for l in snare),
              "%r: getpid() not translated: %r" % (args, snare[-30:]))
        check(any("<cli_pids>" in l for l in snare) == comm,
              "%r: want the comm %s" % (args, "shown" if comm else "hidden"))
        for k, (a, b) in enumerate(zip(texts["strace"], texts["snare"])):
            check(a == b, "%r: process %d differs from strace:\n%s"
                  % (args, k, "\n".join("  strace %r\n  snare  %r" % d
                                         for d in zip(a, b) if d[0] != d[1])))
            check(len(a) == len(b), "%r: process %d: %d lines, strace %d"
                  % (args, k, len(b), len(a)))
        check(len(texts["strace"]) == len(texts["snare"]),
              "%r: %d processes, strace %d" % (args, len(texts["snare"]),
                                               len(texts["strace"])))


def xstyle_norm(text):
    """What the load and the clock change between two runs: select's time
    left, a timer's, time(2)'s seconds and dates."""
    text = re.sub(r"left \{[^}]*\}", "left T", norm(text))
    # A running timer's time left (getitimer, setitimer's old value).
    text = re.sub(r"(it_value=\{tv_sec=\d+, tv_usec=)\d+", r"\1U", text)
    text = re.sub(r"\b1[6-9]\d{8}\b", "EPOCH", text)
    text = re.sub(r"(tms_\w+=)\d+( /\* \d+\.\d+ s \*/)?", r"\1N", text)
    text = re.sub(r"\d{4}-\d\d-\d\dT[0-9:.]+\+\d{4}", "DATE", text)
    return text.splitlines()


def family_xstyle():
    """-X raw and -X verbose: flags, enums, signals, AT_FDCWD as numbers
    (with their names in a comment), line by line as strace prints them.
    A line is compared when the two tracers agree on it under -X abbrev
    (what differs there is another decoder's business)."""
    skip_without_strace()
    tdir = os.path.abspath(sys.argv[3])
    with tempfile.TemporaryDirectory() as d:
        progs = [[os.path.join(tdir, "cli_decode2"), d],
                 [os.path.join(tdir, "cli_flags"), "io", d],
                 ["cat", "/dev/null"]]
        compared = {"raw": 0, "verbose": 0}
        for prog in progs:
            lines = {}
            for style in ("abbrev", "raw", "verbose"):
                got = trace_both(["-X", style, "-e", "signal=none"], prog)
                lines[style] = {n: xstyle_norm(p.stderr)
                                for n, p in got.items()}
                check(len(lines[style]["snare"]) ==
                      len(lines[style]["strace"]),
                      "%s -X %s: %d lines, strace %d" %
                      (prog[0], style, len(lines[style]["snare"]),
                       len(lines[style]["strace"])))
            same = [i for i, (a, b) in enumerate(zip(lines["abbrev"]["snare"],
                                                     lines["abbrev"]["strace"]))
                    if a == b]
            for style in ("raw", "verbose"):
                sn, st = lines[style]["snare"], lines[style]["strace"]
                for i in same:
                    if i >= min(len(sn), len(st)):
                        break
                    check(sn[i] == st[i], "-X %s %s:\n  snare  %r\n  strace %r"
                          % (style, os.path.basename(prog[0]), sn[i], st[i]))
                    # Count only the lines the style changes.
                    if st[i] != lines["abbrev"]["strace"][i]:
                        compared[style] += 1
        for style, n in compared.items():
            check(n >= 20, "-X %s: only %d lines with a constant" % (style, n))


def family_order():
    """The trace on stderr, which the program shares: each half line is
    out before the program runs on, so the program's own messages sit
    between the halves of the calls that wrote them, as under strace (a
    buffered stderr put every line after all of the program's)."""
    skip_without_strace()
    prog = ["sh", "-c", "echo one >&2; echo two >&2; echo three >&2"]
    got = trace_both(["-e", "trace=write"], prog)
    texts = {n: [l for l in p.stderr.splitlines() if not l.startswith("+++")]
             for n, p in got.items()}
    check(texts["snare"] == texts["strace"], "snare %r, strace %r"
          % (texts["snare"], texts["strace"]))
    # The program's words sit between the halves (the entry half ends
    # with the count, the exit half starts with ") =").
    words = [l for l in texts["snare"] if l.endswith(("one", "two", "three"))]
    check(len(words) == 3, "interleaving: %r" % texts["snare"])

FAMILIES = {"signals": family_signals, "output": family_output,
            "lines": family_lines, "restart": family_restart,
            "options": family_options, "quiet": family_quiet,
            "timefmt": family_timefmt, "inject": family_inject,
            "delay": family_delay,
            "sets": family_sets, "dpids": family_dpids,
            "pidns": family_pidns,
            "xstyle": family_xstyle, "order": family_order}
sys.exit(run_family(FAMILIES, FAMILY))
