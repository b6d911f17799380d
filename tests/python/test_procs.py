# SPDX-License-Identifier: MIT
"""Process I/O (pipe and pty), threads, fork following, attach,
interrupt from another thread, and misuse: wrong types, use after
kill or close, the wrong thread, garbage collection of a debugger with a
live process."""
import gc
import os
import signal
import subprocess
import tempfile
import threading

import snare
from snaretest import Case, children, main, state, tracee


class PipeAndPty(Case):
    def test_pipe(self):
        d = self.dbg([tracee("echo")])
        io = d.run()
        self.assertIsInstance(io, snare.IO)
        io.sendline(b"hello")
        self.assertEqual(io.recvline(timeout=10), b"HELLO")
        io.send("abc\ndef\n")
        self.assertEqual(io.recvline(numlines=2, timeout=10), b"ABC\nDEF")
        io.sendline(b"x")
        self.assertEqual(io.recvline(drop=False, timeout=10), b"X\n")
        with self.assertRaises(snare.SnareTimeout) as cm:
            io.recv(timeout=0.05)
        self.assertIsInstance(cm.exception, TimeoutError)
        io.close_stdin()
        self.assertEqual(io.recvuntilerr(b"\n", timeout=10), b"bytes 16\n")
        with self.assertRaises(snare.SnareError):
            io.recv(timeout=10)
        self.assertEqual(d.wait().kind, "exit")
        self.assertEqual(d.exit_code, 0)

    def test_pty(self):
        d = self.dbg([tracee("io_tty")], stdio="pty")
        io = d.run()
        got = d.breakpoint("got_line")
        out = io.recvuntil(b"ready\n", timeout=10)
        self.assertIn(b"tty 0 1 2: 1 1 1", out)
        self.assertIn(b"winsize 24x80", out)
        io.sendline(b"ping")
        ev = d.wait()  # the breakpoint in got_line
        self.assertIs(ev.breakpoint, got)
        d.cont()
        self.assertEqual(io.recvline(timeout=10), b"got ping")

    def test_sendafter_and_stopped(self):
        d = self.dbg([tracee("io_ctf")], stdio="pty")
        io = d.run()
        d.breakpoint("arm")
        # the breakpoint comes before the prompt: the wait ends early
        with self.assertRaises(snare.Stopped):
            io.recvuntil(b"Password: ", timeout=10)
        ev = d.wait()
        self.assertEqual(ev.kind, "breakpoint")
        secret = d.memory[d.regs.rdi, 16]
        d.cont()
        got = io.sendlineafter(b"Password: ", secret, timeout=10)
        self.assertEqual(got, b"Password: ")
        self.assertEqual(io.recvline(timeout=10),
                         b"FLAG{snare-" + secret[12:] + b"}")
        self.assertEqual(d.wait().kind, "exit")
        self.assertEqual(d.exit_code, 0)

    def test_inherit(self):
        d = self.dbg([tracee("exit_code"), "3"], stdio="inherit")
        self.assertIsNone(d.run())
        d.cont()
        d.wait()
        self.assertEqual(d.exit_code, 3)


class Threads(Case):
    def test_threads_seen(self):
        tids = set()
        d = self.dbg([tracee("threads"), "5", "together"])
        io = d.run()
        self.assertEqual(len(d.threads), 1)
        d.breakpoint("thread_main", callback=lambda t, b: tids.add(t.tid))
        d.cont()
        self.assertIn(b"threads 5 ran 5", io.recvline(timeout=10))
        self.assertEqual(d.wait().kind, "exit")
        self.assertEqual(len(tids), 5)
        self.assertNotIn(d.pid, tids)

    def test_threads_at_a_stop(self):
        d = self.dbg([tracee("bp_work"), "count", "3", "2", "nowait"])
        d.run()
        d.breakpoint("counted")
        d.cont()
        ev = d.wait()
        ts = d.threads
        self.assertIn(ev.thread, ts)
        self.assertEqual(ts[0].tid, d.pid)
        self.assertTrue(all(isinstance(t.regs.rip, int) for t in ts))
        self.assertEqual(ev.thread.process, d.process)
        d.kill()
        self.assertTrue(ev.thread.dead)
        with self.assertRaises(snare.ProcessExited):
            ev.thread.regs.rip


class Children(Case):
    def test_fork_following(self):
        pids = []
        d = self.dbg([tracee("hk_forktree"), "3", "2"])
        io = d.run()
        d.handle_syscall("getpid", on_enter=lambda t, sc: pids.append(
            t.process.pid))
        d.cont()
        self.assertIn(b"tree 9", io.recvline(timeout=20))
        d.wait()
        self.assertEqual(len(d.children), 9)
        self.assertEqual(sorted(pids), sorted([d.pid] + [c.pid for c in
                                                        d.children]))
        self.assertTrue(all(c.dead for c in d.children))
        self.assertTrue(all(c.exit_code is not None for c in d.children))

    def test_no_following(self):
        pids = []
        d = self.dbg([tracee("hk_forktree"), "2", "0"], follow_children=False)
        io = d.run()
        d.handle_syscall("getpid", on_enter=lambda t, sc: pids.append(1))
        d.cont()
        self.assertIn(b"tree 2", io.recvline(timeout=20))
        d.wait()
        self.assertEqual(d.children, [])
        self.assertEqual(pids, [1])


class Control(Case):
    def test_interrupt_from_another_thread(self):
        d = self.dbg([tracee("stopme")])
        io = d.run()
        self.assertEqual(io.recvline(timeout=10), b"ready")
        d.cont()
        threading.Timer(0.2, d.interrupt).start()
        ev = d.wait()
        self.assertEqual(ev.kind, "interrupt")
        self.assertIsInstance(d.regs.rip, int)
        d.kill()

    def test_ctrl_c_ends_wait(self):
        # (set here: a shell may have started us with SIGINT ignored)
        old = signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            d = self.dbg([tracee("stopme")])
            io = d.run()
            d.cont()
            self.assertEqual(io.recvline(timeout=10), b"ready")
            threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGINT)).start()
            with self.assertRaises(KeyboardInterrupt):
                d.wait()
            # the program is stopped, in one piece
            self.assertEqual(d.event.kind, "interrupt")
            self.assertIsInstance(d.regs.rip, int)
            d.cont()
            io.sendline(b"still there")
            self.assertEqual(io.recvline(timeout=10), b"echo still there")
        finally:
            signal.signal(signal.SIGINT, old)

    def test_interrupt_here_and_detach(self):
        d = self.dbg([tracee("stopme")])
        io = d.run()
        self.assertEqual(io.recvline(timeout=10), b"ready")
        d.cont()
        ev = d.interrupt()
        self.assertEqual(ev.kind, "interrupt")
        bp = d.breakpoint("main")
        pid = d.pid
        d.detach()
        self.assertTrue(d.dead)
        self.assertIsNone(bp.address and None)
        with self.assertRaises(snare.SnareError):
            d.cont()
        with self.assertRaises(snare.SnareError):
            io.sendline(b"hi")
        # it runs on untraced, without the breakpoint, until killed
        self.assertIn(state(pid), ("S", "R"))
        d.close()
        os.kill(pid, 9)
        os.waitpid(pid, 0)

    def test_attach(self):
        p = subprocess.Popen([tracee("stopme")], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE)
        try:
            self.assertEqual(p.stdout.readline(), b"ready\n")
            d = self.dbg()
            d.attach(p.pid)
            self.assertEqual(d.pid, p.pid)
            self.assertIsNone(d.io)
            self.assertIn("main", d.symbols)
            self.assertGreater(len(d.backtrace()), 1)
            d.close()  # detaches: it keeps running
            p.stdin.write(b"x\n")
            p.stdin.flush()
            self.assertEqual(p.stdout.readline(), b"echo x\n")
        finally:
            p.kill()
            p.wait()


class Misuse(Case):
    def test_before_run_and_types(self):
        d = self.dbg([tracee("hk_getpid")])
        for f in (d.cont, d.wait, d.step, d.kill, d.detach):
            with self.assertRaises(snare.SnareError):
                f()
        with self.assertRaises(snare.SnareError):
            d.regs
        with self.assertRaises(snare.SnareError):
            d.breakpoint("main")
        self.assertIsNone(d.exit_code)
        with self.assertRaises(ValueError):
            snare.debugger("x", stdio="file")
        with self.assertRaises(TypeError):
            snare.debugger([1, 2])
        d.close()
        with tempfile.TemporaryDirectory() as tmp:
            missing = os.path.join(tmp, "no-such-prog")
            d = self.dbg([missing])
            with self.assertRaises(snare.SnareError) as cm:
                d.run()
        self.assertEqual(cm.exception.errno, 2)
        self.assertIn(missing, str(cm.exception))
        d.close()
        d = self.dbg([tracee("hk_getpid")])
        d.run()
        with self.assertRaises(TypeError):
            d.breakpoint(1.5)
        with self.assertRaises(TypeError):
            d.breakpoint("main", callback=3)
        with self.assertRaises(snare.SnareError):
            d.breakpoint("no_such_function")
        with self.assertRaises(snare.SnareError):
            d.breakpoint(0x10)
        with self.assertRaises(TypeError):
            d.memory[1.5]
        with self.assertRaises(TypeError):
            d.step(thread=3)

    def test_after_kill_and_close(self):
        d = self.dbg([tracee("bp_work"), "count", "1", "3", "nowait"])
        d.run()
        bp = d.breakpoint("counted")
        mem, regs = d.memory, d.regs
        d.kill()
        self.assertEqual(d.exit_signal, 9)
        self.assertIsNone(d.exit_code)
        for f in (d.cont, d.step, d.kill, d.detach):
            with self.assertRaises(snare.SnareError):
                f()
        with self.assertRaises(snare.ProcessExited):
            mem[0x1000, 1]
        with self.assertRaises(snare.ProcessExited):
            regs.rip
        with self.assertRaises(snare.SnareError):
            bp.enable()
        d.close()
        d.close()
        with self.assertRaises(snare.SnareError):
            d.run()
        with self.assertRaises(snare.SnareError):
            d.interrupt()
        self.assertEqual(bp.hit_count, 0)

    def test_one_after_another(self):
        """A debugger whose program is gone is closed for the next one in
        the same thread (a fuzzing loop need not close() each); one still
        tracing, or not yet run, is refused with EBUSY."""
        for _ in range(3):
            d = snare.debugger([tracee("hk_getpid")])
            d.run()
            d.cont()
            self.assertEqual(d.wait().kind, "exit")
        first = snare.debugger([tracee("bp_work"), "count", "1", "2", "nowait"])
        self.assertEqual(d.exit_code, 0)
        with self.assertRaises(snare.SnareError):
            d.cont()
        with self.assertRaises(snare.SnareError) as cm:
            snare.debugger([tracee("hk_getpid")])
        self.assertEqual(cm.exception.errno, 16)
        self.assertIn("not run yet", str(cm.exception))
        first.run()
        pid = first.pid
        with self.assertRaises(snare.SnareError) as cm:
            snare.debugger([tracee("hk_getpid")])
        self.assertIn("pid %d" % pid, str(cm.exception))
        self.assertEqual(state(pid), "t")
        first.kill()
        second = self.dbg([tracee("hk_getpid")])
        second.run()
        self.assertEqual(first.exit_signal, 9)

    def test_callback_misuse(self):
        errors = []

        def cb(t, bp):
            for f in (d.cont, d.wait, d.kill, d.run):
                try:
                    f()
                except snare.SnareError as e:
                    errors.append(e.errno)

        d = self.dbg([tracee("bp_work"), "count", "1", "2", "nowait"])
        d.run()
        d.breakpoint("counted", callback=cb)
        d.cont()
        self.assertEqual(d.wait().kind, "exit")
        self.assertEqual(errors, [16] * 8)  # EBUSY

    def test_wrong_thread(self):
        d = self.dbg([tracee("hk_getpid")])
        d.run()
        errs = []

        def other():
            try:
                d.regs.rip
            except snare.SnareError as e:
                errs.append(e.errno)
            try:
                d.memory[d.pid, 1]
            except snare.SnareError as e:
                errs.append(e.errno)

        t = threading.Thread(target=other)
        t.start()
        t.join()
        self.assertEqual(errs, [1, 1])  # EPERM

    def test_garbage_collection_kills(self):
        d = snare.debugger([tracee("stopme")])
        d.run()
        d.breakpoint("main", callback=lambda t, b: d)  # a cycle
        pid = d.pid
        self.assertEqual(state(pid), "t")
        del d
        gc.collect()
        self.assertIsNone(state(pid))
        self.assertEqual(children(), [])
        # and a new one can start in this thread
        d = self.dbg([tracee("hk_getpid")])
        d.run()

    def test_object_outlives_debugger(self):
        d = snare.debugger([tracee("bp_work"), "count", "1", "3", "nowait"])
        d.run()
        bp = d.breakpoint("counted")
        t = d.threads[0]
        d.close()
        del d
        gc.collect()
        with self.assertRaises(snare.SnareError):
            bp.disable()
        with self.assertRaises(snare.SnareError):
            t.regs.rip
        self.assertTrue(t.dead)


if __name__ == "__main__":
    main()
