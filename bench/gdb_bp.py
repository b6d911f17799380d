# SPDX-License-Identifier: MIT
# gdb -q -nx -batch -x bench/gdb_bp.py --args tr_bp N
# A Python gdb.Breakpoint at BENCH_BP_ADDR whose stop() counts and returns
# False (never stops): gdb's cheapest scriptable breakpoint. BENCH_GDB_HW=1
# makes it a hardware breakpoint. Prints "# hits N" when the program exits.
import os

import gdb

BENCH_BP_ADDR = 0x20000000


class CountingBreakpoint(gdb.Breakpoint):
    hits = 0

    def stop(self):
        self.hits += 1
        return False


gdb.execute("set pagination off")
gdb.execute("set confirm off")
hw = os.environ.get("BENCH_GDB_HW") == "1"
# Hardware breakpoints need a live target: start the program first.
gdb.execute("starti", to_string=True)
bp = CountingBreakpoint("*%#x" % BENCH_BP_ADDR,
                        type=gdb.BP_HARDWARE_BREAKPOINT if hw else gdb.BP_BREAKPOINT)
gdb.execute("continue", to_string=True)
print("# hits %d" % bp.hits)
