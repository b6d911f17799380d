#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""snare trace breaking on a GNU indirect function (glibc's strlen).

    ifunc_break.py SNARE TRACEE_DIR

`snare trace -e trace=none --break strlen -- ifunc_calls` must print one line
per call the program makes (3), each on the implementation the resolver
chose, called from the program: not the dynamic loader's private strlen
at start-up, not the resolver. The tracee writes its counts without
stdio, so libc makes no strlen call of its own. The breakpoint option is
named once, in BREAK.
"""
import os
import re
import subprocess
import sys

from clitest import check, failures

SNARE, TRACEES = sys.argv[1], sys.argv[2]
BREAK = "--break"


def trace(prog, *opts):
    return subprocess.run([SNARE, "trace"] + list(opts) + ["--", prog],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=30, env=dict(os.environ, LC_ALL="C"))


for name in ("ifunc_calls", "ifunc_calls-nopie"):
    prog = os.path.join(TRACEES, name)
    for loc in ("strlen", "libc.so.6:strlen"):
        p = trace(prog, "-e", "trace=none", "-k", BREAK, loc)
        out, err = p.stdout.decode(), p.stderr.decode()
        want = re.search(r"strlen=(\d+)", out)
        check(p.returncode == 0 and want, "%s %s: exit %d, %r"
              % (name, loc, p.returncode, out))
        lines = err.splitlines()
        # The call's line (strace's form, "strlen(...) = 0x12", or with
        # -k "strlen(... <unfinished ...>" followed by its stack).
        hits = [i for i, l in enumerate(lines) if re.match(r"strlen\(", l)]
        check(want and len(hits) == int(want.group(1)),
              "%s %s: %d hits, the program made %s calls: %r"
              % (name, loc, len(hits), want and want.group(1), err[-400:]))
        # -k: the hit is in libc, and the caller is the program.
        for i in hits:
            frames = lines[i + 1:i + 3]
            check(len(frames) == 2 and "/libc.so.6(" in frames[0] and
                  "/%s(" % name in frames[1],
                  "%s %s: frames %r" % (name, loc, frames))
    # A pattern over libc's names breaks on the implementations too.
    p = trace(prog, "-e", "trace=none", BREAK, "libc.so.6:strl*")
    calls = [l for l in p.stderr.decode().splitlines() if re.match(r"strlen\(", l)]
    want = re.search(r"strlen=(\d+)", p.stdout.decode())
    check(want and len(calls) == int(want.group(1)),
          "%s pattern: %d strlen lines: %r" % (name, len(calls), p.stderr.decode()[-300:]))
    p = trace(prog, "-c", "-e", "trace=none", BREAK, "strlen")
    check(re.search(r"^\s+3 strlen$", p.stderr.decode(), re.M) is not None,
          "%s -c: %r" % (name, p.stderr.decode()[-200:]))

print("ifunc_break: %s" % ("failed" if failures else "passed"))
sys.exit(1 if failures else 0)
