# SPDX-License-Identifier: MIT
# gdb -q -nx -batch -x bench/gdb_syscall.py --args tr_sys g N
# `catch syscall getpid`, continued from Python at every stop (entry and
# return): 2 stops per syscall. Prints "# hits N" (stops) at the end.
import gdb

gdb.execute("set pagination off")
gdb.execute("set confirm off")
gdb.execute("catch syscall getpid")
gdb.execute("run", to_string=True)
hits = 0
while gdb.selected_inferior().pid != 0:
    hits += 1
    gdb.execute("continue", to_string=True)
print("# hits %d" % hits)
