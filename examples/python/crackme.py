#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""crackme.py PROG: solve tests/tracees/io_ctf, a crackme that makes a
random secret at start, hands it to arm() and asks for it. A breakpoint
on arm() stops the program there; the secret is its first argument (rdi),
read from the program's memory; then it is typed at the prompt.
The C twin is examples/ctf-solve.c."""
import sys

import snare

d = snare.debugger(sys.argv[1:2], stdio="pty")
io = d.run()                        # stopped at the entry point
d.breakpoint("arm")                 # no callback: a hit stops the program
d.cont()
d.wait()
secret = d.memory[d.regs.rdi, 16]   # arm(const char *secret)
d.cont()
io.sendlineafter(b"Password: ", secret)
print(io.recvline().decode())
d.wait()
sys.exit(d.exit_code)
