#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""sandbox.py DIR -- PROG ARGS: run a program, letting it open files only
under DIR: every open and openat outside it fails with EACCES, without
being run. Paths are made absolute from the program's working directory
(openat with AT_FDCWD) or from the directory of the descriptor it passes.
Denials are reported on stderr. Followed children are sandboxed too."""
import errno
import os
import sys

import snare

AT_FDCWD = -100


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit("usage: sandbox.py DIR -- PROG ARGS")
    root = os.path.realpath(sys.argv[1])
    d = snare.debugger(sys.argv[3:], stdio="inherit")

    def check(t, sc, dirfd, path_arg):
        path = t.memory.string(path_arg).decode(errors="replace")
        if not path.startswith("/"):
            pid = t.process.pid
            base = ("/proc/%d/cwd" % pid if dirfd == AT_FDCWD
                    else "/proc/%d/fd/%d" % (pid, dirfd))
            path = os.path.join(os.readlink(base), path)
        full = os.path.realpath(path)
        if full != root and not full.startswith(root + os.sep):
            print("sandbox: denied %s(%s)" % (sc.name, path), file=sys.stderr)
            sc.retval = -errno.EACCES   # at entry: skip it, return this

    def on_openat(t, sc):
        # dirfd is an int: its low 32 bits, signed
        dirfd = sc.arg0 & 0xffffffff
        check(t, sc, dirfd - (1 << 32) if dirfd >> 31 else dirfd, sc.arg1)

    def on_open(t, sc):
        check(t, sc, AT_FDCWD, sc.arg0)

    d.handle_syscall("openat", on_enter=on_openat)
    d.handle_syscall("open", on_enter=on_open)
    d.run()
    d.cont()
    d.wait()
    sys.exit(d.exit_code if d.exit_code is not None else 128 + d.exit_signal)


main()
