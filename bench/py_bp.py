# SPDX-License-Identifier: MIT
"""py_bp.py [nogil] -- PROG ARGS: the Python twin of snare_bp.c: spawn
PROG (tr_bp) with the snare package, put a breakpoint with an empty Python
callback at BENCH_BP_ADDR (bench.h) and run to the end. Prints "# hits N"
on stderr. "nogil" keeps the GIL while the library waits (release_gil=False),
to measure what releasing it costs."""
import sys

import snare

BENCH_BP_ADDR = 0x20000000


def on_hit(t, bp):
    pass


def main():
    args = sys.argv[1:]
    release = True
    if args and args[0] == "nogil":
        release = False
        args = args[1:]
    if not args or args[0] != "--" or len(args) < 2:
        sys.exit("usage: py_bp.py [nogil] -- PROG ARGS")
    d = snare.debugger(args[1:], stdio="inherit", release_gil=release)
    d.run()
    bp = d.breakpoint(BENCH_BP_ADDR, callback=on_hit)
    d.cont()
    while d.wait().kind != "exit":
        d.cont()
    print("# hits %d" % bp.hit_count, file=sys.stderr)
    d.close()


main()
