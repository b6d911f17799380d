# SPDX-License-Identifier: MIT
"""snare: write debuggers and tracers in Python, over libsnare.

    import snare
    d = snare.debugger("./chall")
    io = d.run()                       # stopped at the entry point
    bp = d.breakpoint("main")          # no callback: a hit stops
    d.cont(); d.wait()
    print(hex(d.regs.rip), bp.hit_count)

The vocabulary follows libdebug's (see docs/python.md); the work is done
in C by the extension module snare._snare.
"""
from ._snare import (  # noqa: F401
    CONTINUE,
    STOP,
    Breakpoint,
    CallResult,
    Change,
    Debugger,
    Event,
    Float32,
    IO,
    Memory,
    MemoryMap,
    Process,
    ProcessExited,
    Registers,
    Snapshot,
    SignalCatcher,
    SigInfo,
    SnareEOF,
    SnareError,
    SnareTimeout,
    Stopped,
    Symbol,
    Symbols,
    Syscall,
    SyscallHandler,
    Thread,
    library_version,
    signal_name,
    signal_number,
    syscall_name,
    syscall_number,
)

__version__ = library_version()


def debugger(argv=None, env=None, aslr=False, escape_antidebug=False,
             follow_children=True, stdio="pipe", release_gil=True):
    """A Debugger for a program: argv is its path, or a list of the path
    and its arguments. env: the environment (None: this process's);
    aslr: keep address randomisation (off by default, as in gdb);
    escape_antidebug: answer the program's ptrace(PTRACE_TRACEME) with
    success; follow_children: trace fork/clone children too; stdio:
    "pipe" (the I/O object run() returns talks to the program), "pty"
    (a terminal) or "inherit" (this process's streams)."""
    return Debugger(argv, env=env, aslr=aslr,
                    escape_antidebug=escape_antidebug,
                    follow_children=follow_children, stdio=stdio,
                    release_gil=release_gil)


__all__ = [
    "debugger", "Debugger", "Process", "Thread", "Registers", "Memory",
    "MemoryMap", "Symbols", "Symbol", "Snapshot", "Breakpoint", "SyscallHandler",
    "Syscall", "SignalCatcher", "SigInfo", "IO", "Event", "SnareError",
    "SnareTimeout", "SnareEOF", "ProcessExited", "Stopped", "CONTINUE",
    "STOP", "CallResult", "Float32", "Change", "syscall_name", "syscall_number", "signal_name", "signal_number",
    "library_version",
]
