# SPDX-License-Identifier: MIT
"""py_hook.py SYSCALL -- PROG ARGS: the Python twin of `snare_hook
enterexit noseccomp`: spawn PROG with the snare package, hook SYSCALL with
an empty Python on_enter and on_exit, and run to the end. Prints
"# hits N" on stderr."""
import sys

import snare


def empty(t, sc):
    pass


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit("usage: py_hook.py SYSCALL -- PROG ARGS")
    d = snare.debugger(sys.argv[3:], stdio="inherit")
    h = d.handle_syscall(sys.argv[1], on_enter=empty, on_exit=empty)
    d.run()
    d.cont()
    while d.wait().kind != "exit":
        d.cont()
    print("# hits %d" % h.hit_count, file=sys.stderr)
    d.close()


main()
