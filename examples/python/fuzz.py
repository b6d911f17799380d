#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""fuzz.py PROG [N]: a fuzzing loop over tests/tracees/snap_fuzz without
restarting the program. It runs to snap_here() once and takes a snapshot;
then for each of N inputs (default 200) it writes the input into the
global `input`, runs to done_here(v) (or a crash), records the outcome,
and restores the snapshot: heap, mappings and registers come back, so
every input starts from the same state. Prints a summary."""
import random
import sys

import snare


def main():
    prog = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    d = snare.debugger([prog])      # its output (abort messages) unread
    d.run()
    d.breakpoint("snap_here")
    done = d.breakpoint("done_here")
    d.catch_signal("SIGSEGV")       # a crash stops instead of killing
    d.catch_signal("SIGABRT")       # (malloc's own checks abort)
    d.cont()
    d.wait()                        # at snap_here(), set-up done
    snap = d.snapshot()
    rng = random.Random(1)
    seen, crashes, first_crash = {}, 0, None
    for _ in range(n):
        data = bytes([rng.randrange(5)]) + bytes(rng.randrange(256)
                                                 for _ in range(15))
        d.memory["input"] = data
        d.cont()
        ev = d.wait()
        if ev.kind == "signal":
            # input[1] >= 0x80 is a negative char: process() asks malloc
            # for ~2**64 bytes and writes through what it got
            crashes += 1
            first_crash = first_crash or data
        else:
            assert done.hit_on(d), ev
            seen.setdefault(d.regs.rdi, data)
        snap.restore()
    print("inputs %d crashes %d distinct %d snapshot %d KiB" %
          (n, crashes, len(seen), snap.size // 1024))
    if first_crash:
        print("first crash: input %s" % first_crash.hex())
    d.kill()


main()
