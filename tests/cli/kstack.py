#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`snare trace -k` stacks against strace's, where libraries come and go.

    kstack.py SNARE TRACEE_DIR CASE

CASE is one of:
  id-openat  `-k -e trace=openat -- id`: the loader opens the libraries,
             then libc opens locale files (stacks in libraries mapped
             after the first stack was taken);
  id-all     `-k -- id`: every syscall, the loader's mmaps included;
  dlopen     `-k -e trace=openat,write -- dl_reload DIR`: a program that
             dlopen()s, dlclose()s and dlopen()s again a library of ours;
  exec-signal `-k -e trace=execve,rt_sigreturn -- kstack_exec`: a signal's
             line has the stack the signal found, and an exec's line the
             caller's stack, taken at the call (after the exec the thread
             has the new image's one frame).

Both tracers write -o files; the stacks (one per syscall line) are paired
in order. A stack matches when its syscall is the same, it has as many
frames as strace's, and each frame is in the same file at the same file
offset and has strace's name ("file(name+0x..)"). At
least 99% of the stacks must match, and there must be some stacks.

Names are compared too: -k names a frame as strace does, after the
closest symbol at or below it in the file's own table (.dynsym for a
stripped libc: "__libc_init_first+0x8a"), not from separate debug info.
Exit 77 when strace is missing.
"""
import os
import re
import subprocess
import sys
import tempfile

from clitest import ENV, skip_without_strace, tracer_argv

SNARE, TRACEES, CASE = sys.argv[1], sys.argv[2], sys.argv[3]
TARGET = 99.0
FRAME = re.compile(r"^ > (\S+)\((.*)\) \[(0x[0-9a-f]+)\]$")


def argv_of(case):
    if case == "id-openat":
        return ["-e", "trace=openat"], ["id"]
    if case == "id-all":
        return [], ["id"]
    if case == "dlopen":
        return (["-e", "trace=openat,write"],
                [os.path.join(TRACEES, "dl_reload"), TRACEES])
    if case == "exec-signal":
        return (["-e", "trace=execve,rt_sigreturn"],
                [os.path.join(TRACEES, "kstack_exec")])
    raise SystemExit("unknown case %r" % case)


def trace(tool, opts, argv, out):
    cmd = tracer_argv(tool, SNARE) + ["-k", "-o", out] + opts + ["--"] + argv
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, env=ENV, timeout=60)
    if p.returncode != 0:
        raise SystemExit("%s failed (%d): %s" % (
            tool, p.returncode, p.stderr.decode(errors="replace")[-400:]))
    with open(out, "rb") as f:
        return f.read().decode("utf-8", "replace").splitlines()


def stacks(lines):
    """[(syscall name, [(file, name, offset)...])] per syscall line."""
    out = []
    for line in lines:
        m = FRAME.match(line)
        if m:
            if out:
                name = re.sub(r"\+0x[0-9a-f]+$", "", m.group(2))
                out[-1][1].append((m.group(1), name, m.group(3)))
            continue
        if line.startswith("+++"):
            continue
        if line.startswith("---"):
            # A signal: strace shows where it found the thread.
            out.append((line.split(" {", 1)[0], []))
            continue
        out.append((line.split("(", 1)[0], []))
    return out


def differs(a, b):
    """Why snare's stack b is not strace's a, or None."""
    if a[0] != b[0]:
        return "syscall %s, strace %s" % (b[0], a[0])
    if len(a[1]) != len(b[1]):
        return "%d frames, strace %d" % (len(b[1]), len(a[1]))
    for i, (fa, fb) in enumerate(zip(a[1], b[1])):
        if (fa[0], fa[2]) != (fb[0], fb[2]):
            return "frame %d at %s %s, strace %s %s" % (i, fb[0], fb[2],
                                                       fa[0], fa[2])
        if fa[1] != fb[1]:
            return "frame %d named %r, strace %r" % (i, fb[1], fa[1])
    return None


def main():
    skip_without_strace()
    opts, argv = argv_of(CASE)
    with tempfile.TemporaryDirectory() as tmp:
        a = stacks(trace("strace", opts, argv, os.path.join(tmp, "st")))
        b = stacks(trace("snare", opts, argv, os.path.join(tmp, "sn")))
    if len(a) != len(b):
        print("FAIL: %d syscalls, strace %d" % (len(b), len(a)))
        return 1
    withframes = sum(1 for s in a if s[1])
    bad = [(i, why) for i, why in
           ((i, differs(x, y)) for i, (x, y) in enumerate(zip(a, b))) if why]
    share = 100.0 * (len(a) - len(bad)) / len(a) if a else 0.0
    print("%s: %d stacks (%d with frames), %.1f%% as strace's" %
          (CASE, len(a), withframes, share))
    for i, why in bad[:10]:
        print("  stack %d (%s): %s" % (i, a[i][0], why))
    if withframes < 3:
        print("FAIL: strace shows only %d stacks" % withframes)
        return 1
    if share < TARGET:
        print("FAIL: below %.0f%%" % TARGET)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
