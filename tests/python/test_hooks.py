# SPDX-License-Identifier: MIT
"""Syscall hooks (changing nr, args, retval; skip; stops), hijacks,
signal catching, hijacking and blocking, and pprint_syscalls."""
import os
import re
import subprocess
import sys
import textwrap

import snare
from snaretest import Case, main, python_env, tracee


class Syscalls(Case):
    def test_retval_and_counts(self):
        seen = []

        def on_exit(t, sc):
            seen.append((sc.name, sc.at_exit, sc.retval))
            sc.retval = 4242

        d = self.dbg([tracee("hk_getpid"), "3"])
        io = d.run()
        h = d.handle_syscall("getpid", on_exit=on_exit)
        self.assertEqual(h.name, "getpid")
        self.assertEqual(h.syscall_number, 39)
        d.cont()
        out = io.recvuntil(b"done", timeout=10)
        self.assertEqual(out.count(b"getpid 4242\n"), 3)
        self.assertEqual(h.hit_count, 3)
        self.assertEqual([s[:2] for s in seen], [("getpid", True)] * 3)
        self.assertEqual({s[2] for s in seen}, {d.pid})
        self.assertEqual(d.wait().kind, "exit")

    def test_change_nr_and_skip(self):
        def to_getppid(t, sc):
            self.assertIsNone(sc.retval)
            sc.nr = "getppid"

        def skip(t, sc):
            sc.retval = -1  # skipped: returns -1 (EPERM)

        d = self.dbg([tracee("hk_getpid"), "1"])
        io = d.run()
        d.handle_syscall("getpid", on_enter=to_getppid)
        d.handle_syscall(snare.syscall_number("getppid"), on_enter=skip)
        d.cont()
        out = io.recvuntil(b"done", timeout=10)
        # getpid ran as getppid (not hooked again: not recursive); the
        # program's own getppid was skipped
        self.assertIn(b"getpid %d\n" % os.getpid(), out)
        self.assertIn(b"getppid -1\n", out)

    def test_args(self):
        def on_enter(t, sc):
            if sc.arg0 != 1:  # the report on stderr
                return
            buf = sc.args[1]
            t.memory[buf] = b"HELLO"
            sc.arg2 = 5  # write only 5 bytes
            a = list(sc.args)
            self.assertEqual(a[2], 5)

        d = self.dbg([tracee("hk_write")])
        io = d.run()
        d.handle_syscall("write", on_enter=on_enter)
        d.cont()
        self.assertEqual(io.recv(timeout=10), b"HELLO")
        self.assertIn(b"ret 5", io.recvuntilerr(b"\n", timeout=10))

    def test_stop_at_enter_and_exit(self):
        d = self.dbg([tracee("hk_getpid"), "1"])
        d.run()
        h = d.handle_syscall("getpid")
        d.cont()
        ev = d.wait()
        self.assertEqual((ev.kind, ev.syscall), ("syscall_enter", 39))
        self.assertIs(ev.handler, h)
        self.assertEqual(d.regs.orig_rax, 39)
        d.cont()
        ev = d.wait()
        self.assertEqual((ev.kind, ev.retval), ("syscall_exit", d.pid))
        h.disable()
        self.assertFalse(h.enabled)
        d.cont()
        self.assertEqual(d.wait().kind, "exit")

    def test_hijack(self):
        d = self.dbg([tracee("hk_getpid"), "2"])
        io = d.run()
        h = d.hijack_syscall("getpid", "getppid")
        d.cont()
        out = io.recvuntil(b"done", timeout=10)
        self.assertEqual(out.count(b"getpid %d\n" % os.getpid()), 2)
        self.assertEqual(h.hit_count, 2)
        with self.assertRaises(snare.SnareError):
            d.hijack_syscall("getpid", "getpid")
        with self.assertRaises(snare.SnareError):
            d.handle_syscall("getpid")  # already hooked: EEXIST

    def test_bad_names(self):
        d = self.dbg([tracee("hk_getpid")])
        d.run()
        with self.assertRaises(snare.SnareError):
            d.handle_syscall("no_such_syscall")
        with self.assertRaises(snare.SnareError):
            d.handle_syscall(100000)
        with self.assertRaises(TypeError):
            d.handle_syscall("getpid", on_enter=42)
        with self.assertRaises(snare.SnareError):
            d.catch_signal("SIGNOPE")
        with self.assertRaises(snare.SnareError):
            d.catch_signal(99)


class Signals(Case):
    def test_catch_and_change(self):
        got = []

        def cb(t, si):
            got.append((si.signo, si.name, si.pid))
            si.signo = "SIGUSR2"

        d = self.dbg([tracee("hk_signal"), "usr1"])
        io = d.run()
        c = d.catch_signal("SIGUSR1", callback=cb)
        d.cont()
        out = io.recvuntil(b"done", timeout=10)
        self.assertIn(b"got SIGUSR2", out)
        self.assertEqual(got, [(10, "SIGUSR1", d.pid)])
        self.assertEqual(c.hit_count, 1)

    def test_catch_without_callback_stops(self):
        d = self.dbg([tracee("hk_signal"), "usr1"])
        io = d.run()
        d.catch_signal(10)
        d.cont()
        ev = d.wait()
        self.assertEqual((ev.kind, ev.signal), ("signal", 10))
        self.assertEqual(ev.thread.signal, 10)
        ev.thread.signal = None  # suppress it
        d.cont()
        self.assertIn(b"got none", io.recvuntil(b"done", timeout=10))

    def test_hijack_and_block(self):
        d = self.dbg([tracee("hk_signal"), "usr1"])
        io = d.run()
        d.hijack_signal("SIGUSR1", "SIGUSR2")
        d.cont()
        self.assertIn(b"got SIGUSR2", io.recvuntil(b"done", timeout=10))
        # (whether a second debugger may open while this one's program
        # is exiting is test_procs' one_after_another)
        d.close()
        d = self.dbg([tracee("hk_signal"), "usr1"])
        io = d.run()
        d.signals_to_block = ["SIGUSR1"]
        self.assertEqual(d.signals_to_block, [10])
        d.cont()
        self.assertIn(b"got none", io.recvuntil(b"done", timeout=10))
        d.signals_to_block = []
        self.assertEqual(d.signals_to_block, [])


class Pprint(Case):
    def child_stderr(self, code):
        """Run code in a child interpreter on hk_getpid (argv[1]); what it
        wrote on stderr, once it exited 0."""
        p = subprocess.run([sys.executable, "-c", textwrap.dedent(code),
                            tracee("hk_getpid")],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=60, env=python_env())
        err = p.stderr.decode()
        self.assertEqual(p.returncode, 0, err)
        return err

    def test_pprint_syscalls(self):
        # in a child interpreter, to read what it writes on stderr
        code = textwrap.dedent("""
            import snare, sys
            d = snare.debugger([sys.argv[1], "1"])
            io = d.run()
            d.pprint_syscalls = True
            d.handle_syscall("getppid", on_exit=lambda t, sc: None)
            d.cont()
            io.recvuntil(b"done")
            d.wait()
        """)
        err = self.child_stderr(code)
        self.assertRegex(err, r"(?m)^getpid\(\) = \d+$")
        self.assertRegex(err, r"(?m)^getppid\(\) = \d+$")
        self.assertRegex(err, r"(?m)^write\(1, \"getpid \d+\\ngetppid \d+\\ndone\\n\", \d+\) = \d+$")
        self.assertRegex(err, r"(?m)^exit_group\(0\) = \?$")

    def test_pprint_filters(self):
        """syscalls_to_pprint keeps only the calls named, and
        syscalls_to_not_pprint drops calls, as libdebug's do."""
        code = textwrap.dedent("""
            import snare, sys
            d = snare.debugger([sys.argv[1], "1"])
            io = d.run()
            assert d.syscalls_to_pprint is None
            assert d.syscalls_to_not_pprint is None
            d.syscalls_to_pprint = ["getpid", 110, "write", "exit_group"]
            assert d.syscalls_to_pprint == ["write", "getpid", "getppid",
                                            "exit_group"], d.syscalls_to_pprint
            d.syscalls_to_not_pprint = ["write"]
            for bad in (["nosuchcall"], [99999], "getpid"):
                try:
                    d.syscalls_to_not_pprint = bad
                    raise SystemExit("accepted %r" % (bad,))
                except (snare.SnareError, TypeError):
                    pass
            assert d.syscalls_to_not_pprint == ["write"]
            d.pprint_syscalls = True
            d.cont()
            io.recvuntil(b"done")
            d.wait()
        """)
        err = self.child_stderr(code)
        names = re.findall(r"(?m)^(\w+)\(", err)
        self.assertEqual(names, ["getpid", "getppid", "exit_group"], err)


if __name__ == "__main__":
    main()
