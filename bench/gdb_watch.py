# SPDX-License-Identifier: MIT
# gdb -q -nx -batch -x bench/gdb_watch.py --args tr_watch sparse|hot N [K]
# A software watchpoint (`set can-use-hw-watchpoints 0`: gdb single-steps
# the program and compares the value after every instruction) on the 8-byte
# global at BENCH_WATCH_ADDR, as a Python gdb.Breakpoint whose stop() counts,
# checks the new value (the k-th report must see k: tr_watch stores 1 .. N
# in order) and returns False (never stops). The watch is set at
# watch_begin() and deleted at watch_end(), tr_watch's markers around its
# timed loop, so gdb does not single-step start-up and exit. Prints
# "# hits N" when the program exits, and "# bad B" with exit status 1 when
# B reports had a wrong value.
import os

import gdb

BENCH_WATCH_ADDR = 0x20100000
EXPR = "*(long *)%#x" % BENCH_WATCH_ADDR


class CountingWatchpoint(gdb.Breakpoint):
    hits = 0
    bad = 0

    def stop(self):
        self.hits += 1
        if int(gdb.parse_and_eval(EXPR)) != self.hits:
            self.bad += 1
        return False


gdb.execute("set pagination off")
gdb.execute("set confirm off")
gdb.execute("set can-use-hw-watchpoints 0")
begin = gdb.Breakpoint("watch_begin", internal=True)
gdb.execute("run", to_string=True)
begin.delete()
wp = CountingWatchpoint(EXPR, gdb.BP_WATCHPOINT, gdb.WP_WRITE)
end = gdb.Breakpoint("watch_end", internal=True)
gdb.execute("continue", to_string=True)
# Stopped at watch_end (unless the program died): no more single-steps.
hits, bad = wp.hits, wp.bad
wp.delete()
end.delete()
if gdb.selected_inferior().pid != 0:
    gdb.execute("continue", to_string=True)
print("# hits %d" % hits)
if bad:
    print("# bad %d" % bad, flush=True)
    os._exit(1)
