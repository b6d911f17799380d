# SPDX-License-Identifier: MIT
"""Calls into the program, return watches, the hand-off to gdb, core
dumps, library load watchers and snapshot diffs, on real tracees."""
import os
import shutil
import struct
import tempfile

import snare
from snaretest import Case, main, tracee


class Boom(Exception):
    pass


def at_stop_here(case):
    """fcall stopped at its first stop_here(1) (g_hits 1 after it)."""
    d = case.dbg([tracee("fcall")])
    io = d.run()
    bp = d.breakpoint("stop_here")
    d.cont()
    ev = d.wait()
    case.assertIs(ev.breakpoint, bp)
    return d, io, bp


def g_hits(d):
    a = d.symbols["g_hits"]
    return struct.unpack("<i", d.memory[a:a + 4])[0]


class Calls(Case):
    def test_arguments_and_results(self):
        d, io, bp = at_stop_here(self)
        rip, rsp = d.regs.rip, d.regs.rsp
        r = d.call("add6", 1, 2, 3, 4, 5, 6)
        self.assertEqual(r.status, "returned")
        self.assertTrue(r.returned)
        self.assertEqual(r.value, 1 + 4 + 9 + 16 + 25 + 36)
        # an address works as well as a name; the seventh and eighth
        # integers go on the stack
        r = d.call(d.symbols["sum8"], 1, 2, 3, 4, 5, 6, 7, 8)
        self.assertEqual(r.value, sum(i * i for i in range(1, 9)))
        r = d.call("add6", -1, 0, 0, 0, 0, 0)
        self.assertEqual(r.value & 0xffffffff, 0xffffffff)
        r = d.call("halve", snare.Float32(5.0))
        self.assertEqual(r.float, 2.5)
        # doubles and floats in xmm registers, two of them on the stack
        r = d.call("mix", 1.0, snare.Float32(2.0), 3, 4.0, snare.Float32(5.0),
                   6.0, snare.Float32(7.0), 8.0, snare.Float32(9.0), 10.0,
                   snare.Float32(11.0), 12)
        want = (1 + 2 * 2 + 3 * 4 + 4 * 5 + 5 * 6 + 6 * 7 + 7 * 8 + 8 * 9 +
                9 * 10 + 10 * 11 + 100 * 3 + 1000 * 12)
        self.assertEqual(r.double, want)
        # a str is copied in; a bytearray is copied in and back out
        out = bytearray(8)
        r = d.call("upcase", "snare", out)
        self.assertEqual(r.value, 5)
        self.assertEqual(bytes(out), b"SNARE\0\0\0")
        r = d.call("upcase", b"ab", out)
        self.assertEqual(bytes(out[:3]), b"AB\0")
        # the thread is put back exactly, and the program goes on
        self.assertEqual((d.regs.rip, d.regs.rsp), (rip, rsp))
        self.assertEqual(d.event.thread.call("add6", 0, 0, 0, 0, 0, 1).value, 6)
        io.sendline(b"go")
        d.cont()
        self.assertIs(d.wait().breakpoint, bp)
        self.assertEqual(bp.hit_count, 2)
        d.cont()
        self.assertEqual(d.wait().kind, "exit")
        self.assertIn(b"read 3 go", io.recv())
        self.assertEqual(d.exit_code, 0)

    def test_from_a_callback(self):
        d = self.dbg([tracee("fcall")])
        io = d.run()
        got = []

        def at_stop(t, b):
            got.append(t.call("add6", 0, 0, 0, 0, 0, 2).value)
            out = bytearray(4)
            t.call("upcase", "ok", out)
            got.append(bytes(out[:2]))
        d.breakpoint("stop_here", callback=at_stop)
        d.cont()
        io.recvline()  # "ready": stop_here(1) and its calls are done
        io.sendline(b"x")
        self.assertEqual(d.wait().kind, "exit")
        self.assertEqual(got, [12, b"OK", 12, b"OK"])
        self.assertEqual(d.exit_code, 0)

    def test_faults_timeouts_and_errors(self):
        d, io, bp = at_stop_here(self)
        rip = d.regs.rip
        r = d.call("crash", 0)
        self.assertEqual(r.status, "signal")
        self.assertEqual(r.signal, 11)
        self.assertIsNone(r.value)
        self.assertEqual(d.regs.rip, rip)
        r = d.call("spin", timeout=0.2)
        self.assertEqual(r.status, "timeout")
        self.assertEqual(d.regs.rip, rip)
        with self.assertRaises(snare.SnareError) as cm:
            d.call("no_such_function")
        self.assertIn("no_such_function", str(cm.exception))
        with self.assertRaises(TypeError):
            d.call("add6", object())
        with self.assertRaises(TypeError):
            d.call()
        with self.assertRaises(snare.SnareError):
            d.call_abandon()  # nothing pending
        with self.assertRaises(snare.SnareError):
            d.call_continue()
        self.assertEqual(d.call("add6", 1, 0, 0, 0, 0, 0).value, 1)
        d.kill()
        with self.assertRaises(snare.SnareError):
            d.call("add6", 1, 0, 0, 0, 0, 0)

    def test_breakpoints_inside(self):
        d, io, bp = at_stop_here(self)
        rip = d.regs.rip
        inner = d.breakpoint("inner")
        r = d.call("outer", 5)
        self.assertEqual(r.status, "breakpoint")
        self.assertTrue(r.pending)
        self.assertIs(r.breakpoint, inner)
        self.assertEqual(d.regs.rip, inner.address)
        r = d.call_continue()
        self.assertEqual(r.value, 16)
        self.assertEqual(d.regs.rip, rip)
        # abandoned: put back as before the call
        self.assertTrue(d.call("outer", 5).pending)
        d.call_abandon()
        self.assertEqual(d.regs.rip, rip)
        # the same on a Thread, with a bytearray kept while pending
        t = d.event.thread
        out = bytearray(4)
        up = d.breakpoint("upcase")
        r = t.call("upcase", "xy", out)
        self.assertEqual((r.status, r.breakpoint), ("breakpoint", up))
        with self.assertRaises(BufferError):
            out.extend(b"no")  # the library writes into it at the end
        r = t.call_continue(timeout=30)
        self.assertEqual((r.value, bytes(out)), (2, b"XY\0\0"))
        out.extend(b"ok")
        up.remove()
        # through breakpoints: hits count, the call goes on
        hits = inner.hit_count
        r = d.call("outer", 1, through_breakpoints=True)
        self.assertEqual((r.value, inner.hit_count), (4, hits + 1))
        r = d.call("outer", 1, unwind=True)
        self.assertEqual(r.status, "breakpoint")
        self.assertFalse(r.pending)
        self.assertEqual(d.regs.rip, rip)
        # a callback that raises inside the call: the call is given up
        inner.remove()

        def boom(t, b):
            raise Boom("inside")
        d.breakpoint("inner", callback=boom)
        with self.assertRaises(Boom):
            d.call("outer", 2)
        self.assertEqual(d.regs.rip, rip)
        d.kill()


class ReturnWatch(Case):
    def test_callback_and_stop(self):
        d, io, bp = at_stop_here(self)
        values = []

        def at_inner(t, b):
            t.on_return(lambda th: values.append(th.regs.eax))
        d.breakpoint("inner", callback=at_inner)
        self.assertEqual(d.call("outer", 7, through_breakpoints=True).value, 22)
        self.assertEqual(values, [21])
        # without callback: the return stops, wait() says "return"
        d.on_return()
        back = d.backtrace()[1]
        d.cont()
        ev = d.wait()
        self.assertEqual(ev.kind, "return")
        self.assertEqual(d.regs.rip, back)
        # stop_here(1) has run: 1, and 100 of the call of inner()
        self.assertEqual(g_hits(d), 101)
        d.kill()

    def test_callback_raises(self):
        d, io, bp = at_stop_here(self)

        def ret(th):
            raise Boom("at the return")
        d.event.thread.on_return(ret)
        d.cont()
        with self.assertRaises(Boom):
            d.wait()
        with self.assertRaises(TypeError):
            d.on_return(42)
        d.kill()


class Handoff(Case):
    def setUp(self):
        super().setUp()
        if not shutil.which("gdb"):
            self.skipTest("no gdb")

    def gdb_set(self, pid, expr):
        return ["gdb", "-nx", "-batch", "-p", str(pid), "-ex", expr]

    def test_gdb_and_back(self):
        d, io, bp = at_stop_here(self)
        old = d.event.thread
        d.gdb(self.gdb_set(d.pid, "set var g_hits = 4242"))
        self.assertEqual(g_hits(d), 4242)
        self.assertTrue(old.dead)
        # breakpoints are armed again
        io.sendline(b"x")
        d.cont()
        self.assertIs(d.wait().breakpoint, bp)
        self.assertEqual(g_hits(d), 4242 + 1)  # stop_here(1) ran on it
        d.cont()
        self.assertEqual(d.wait().kind, "exit")
        self.assertEqual(d.exit_code, 0)

    def test_handoff_takeback(self):
        d, io, bp = at_stop_here(self)
        cmd = d.handoff()
        self.assertEqual(cmd, "gdb -p %d" % d.pid)
        with self.assertRaisesRegex(snare.SnareError, "handed off"):
            d.cont()
        with self.assertRaises(snare.SnareError):
            d.handoff()
        # still this thread's debugger: a new one is refused, not put in
        # its place (which would let the process go for good)
        with self.assertRaises(snare.SnareError):
            snare.debugger([tracee("fcall")])
        import subprocess
        subprocess.run(self.gdb_set(d.pid, "set var g_hits = 7"),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=True, timeout=60)
        d.takeback(timeout=30)
        self.assertEqual(g_hits(d), 7)
        with self.assertRaises(snare.SnareError):
            d.takeback()  # not handed off
        with self.assertRaises(snare.SnareError):
            d.gdb(["/nonexistent/gdb"])  # taken back: still traced
        self.assertEqual(g_hits(d), 7)
        d.kill()


class CoreDump(Case):
    def test_core_file(self):
        d, io, bp = at_stop_here(self)
        a = d.symbols["g_hits"]
        d.memory[a:a + 4] = struct.pack("<i", 0x5a5a)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "core")
            d.dump_core(path)
            with open(path, "rb") as f:
                core = f.read()
            # every readable mapping in full: the libraries' code too
            full = os.path.join(tmp, "core.full")
            d.process.dump_core(full, thread=d.event.thread,
                                all_mappings=True)
            with open(full, "rb") as f:
                self.assertIn(b"GNU C Library", f.read())  # libc's text
            self.assertGreater(os.path.getsize(full), len(core))
            with self.assertRaises(TypeError):
                d.dump_core(path, thread=1)
            with self.assertRaises(snare.SnareError):
                d.dump_core(os.path.join(tmp, "no", "such", "dir"))
        self.assertEqual(core[:4], b"\x7fELF")
        self.assertNotIn(b"GNU C Library", core)
        e_type, = struct.unpack_from("<H", core, 16)
        self.assertEqual(e_type, 4)  # ET_CORE
        phoff, = struct.unpack_from("<Q", core, 32)
        phentsize, phnum = struct.unpack_from("<HH", core, 54)
        found = None
        for i in range(phnum):
            p_type, _, off, vaddr, _, filesz = struct.unpack_from(
                "<IIQQQQ", core, phoff + i * phentsize)
            if p_type == 1 and vaddr <= a < vaddr + filesz:
                found = core[off + a - vaddr:off + a - vaddr + 4]
        self.assertEqual(found, struct.pack("<i", 0x5a5a))
        # the process goes on traced
        io.sendline(b"x")
        d.cont()
        self.assertIs(d.wait().breakpoint, bp)
        d.kill()


class Libraries(Case):
    def test_watcher(self):
        d = self.dbg([tracee("dl_reload"), os.path.dirname(tracee("dl_reload"))])
        io = d.run()
        seen = []

        def libs(p):
            seen.append(any("libsnare_reload" in m.backing_file
                            for m in p.maps))
        d.on_libraries(libs)
        with self.assertRaises(snare.SnareError):
            d.on_libraries(libs)
        d.cont()
        self.assertEqual(d.wait().kind, "exit")
        self.assertIn(b"bad 0", io.recv())
        # three loads and three unloads of the library, at least
        self.assertGreaterEqual(seen.count(True), 3)
        self.assertGreaterEqual(seen.count(False), 3)
        d.close()

    def test_stop_and_raise(self):
        d = self.dbg([tracee("dl_reload"), os.path.dirname(tracee("dl_reload"))])
        d.run()
        calls = []

        def stop(p):
            calls.append(p.pid)
            return snare.STOP
        d.on_libraries(stop)
        d.cont()
        ev = d.wait()
        self.assertEqual(ev.kind, "interrupt")
        # (a second change may come before the stop is collected)
        self.assertEqual(set(calls), {d.pid})
        n = len(calls)
        d.off_libraries(stop)
        with self.assertRaises(snare.SnareError):
            d.off_libraries(stop)

        def boom(p):
            raise Boom("libs")
        d.on_libraries(boom)
        d.cont()
        with self.assertRaises(Boom):
            d.wait()
        self.assertEqual(len(calls), n)
        d.kill()


class SnapshotDiff(Case):
    def test_diff(self):
        d, io, bp = at_stop_here(self)
        s1 = d.snapshot()
        self.assertEqual(s1.diff(), [])
        a = d.symbols["g_hits"]
        d.memory[a:a + 4] = struct.pack("<i", 1234)
        d.regs.r12 = 0x77
        s2 = d.snapshot()
        ch = s1.diff(s2)
        regs = [c for c in ch if c.kind == "reg"]
        self.assertEqual([(c.name, c.new) for c in regs], [("r12", 0x77)])
        self.assertEqual(regs[0].tid, d.pid)
        mem = [c for c in ch if c.kind == "mem"]
        self.assertEqual(len(mem), 1)
        c = mem[0]
        self.assertTrue(c.address <= a < c.address + c.length)
        self.assertEqual(c.new[a - c.address:a - c.address + 2],
                         struct.pack("<i", 1234)[:2])
        self.assertEqual(len(c.old), c.length)
        # live: the process as it is now, the same as s2
        self.assertEqual(s1.diff(), ch)
        self.assertEqual(s2.diff(), [])
        with self.assertRaises(TypeError):
            s1.diff(42)
        d.kill()


if __name__ == "__main__":
    main()
