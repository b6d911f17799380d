# SPDX-License-Identifier: MIT
"""Registers (general, parts, FP and vector by name), memory by address
and symbol, searches, maps and symbols, on real tracees."""
import snare
from snaretest import Case, main, tracee


class Registers(Case):
    def test_general_and_parts(self):
        d = self.dbg([tracee("bp_work"), "count", "1", "2", "nowait"])
        d.run()
        d.breakpoint("counted")
        d.cont()
        d.wait()
        r = d.regs
        self.assertEqual(r.rip, r.pc)
        self.assertEqual(r.rsp, r.sp)
        r.rax = 0x1122334455667788
        self.assertEqual(r.rax, 0x1122334455667788)
        self.assertEqual(r.eax, 0x55667788)
        self.assertEqual(r.ax, 0x7788)
        self.assertEqual(r.al, 0x88)
        self.assertEqual(r.ah, 0x77)
        r.al = 0x11
        self.assertEqual(r.rax, 0x1122334455667711)
        r.eax = 1  # a 32-bit write zero-extends, as the CPU does
        self.assertEqual(r.rax, 1)
        r.rbx = -1
        self.assertEqual(r.rbx, 0xffffffffffffffff)
        # the thread's view and the debugger's are the same registers
        self.assertEqual(d.event.thread.regs.rax, 1)
        with self.assertRaises(AttributeError):
            r.nosuchreg
        with self.assertRaises(AttributeError):
            r.nosuchreg = 1
        with self.assertRaises(TypeError):
            r.rax = "x"
        with self.assertRaises(snare.SnareError):
            r.al = 0x1ff
        # a changed argument reaches the program: counted(id, i) returns
        # id + i, summed into "total"
        d.kill()

    def test_vector_registers(self):
        d = self.dbg([tracee("fp_regs")])
        io = d.run()
        bp = d.breakpoint("vec_mark")
        d.cont()
        io.sendline(b"go")
        ev = d.wait()
        self.assertIs(ev.breakpoint, bp)
        r = d.regs
        self.assertEqual(r.xmm0, int.from_bytes(bytes(range(16)), "little"))
        self.assertEqual(r.ymm1, int.from_bytes(bytes(range(0x20, 0x40)),
                                                "little"))
        # st0 holds 1.0: 80-bit extended, sign 0, exponent 0x3fff
        self.assertEqual(r.st0, 0x3fff8000000000000000)
        self.assertNotEqual(r.mxcsr, 0)
        want = bytes(range(0xa0, 0xb0))
        r.xmm3 = want
        self.assertEqual(r.xmm3, int.from_bytes(want, "little"))
        r.ymm4 = -1
        self.assertEqual(r.ymm4, (1 << 256) - 1)
        with self.assertRaises(ValueError):
            r.xmm3 = b"short"
        with self.assertRaises(OverflowError):
            r.xmm3 = 1 << 128
        d.cont()
        out = io.recvuntil(b"done", timeout=10)
        self.assertIn(b"xmm3 " + want.hex().encode(), out)
        self.assertIn(b"ymm4 " + b"ff" * 32, out)


class MemoryAccess(Case):
    def test_read_write_find(self):
        d = self.dbg([tracee("memory")])
        io = d.run()
        d.handle_syscall("getppid")  # stops at entry and exit
        d.cont()
        self.assertEqual(d.wait().kind, "syscall_enter")
        out = dict(line.split(b" ", 1) for line in
                   io.recvuntil(b"textbytes ", timeout=10).splitlines()[:4])
        stack, heap = int(out[b"stack"], 16), int(out[b"heap"], 16)
        m = d.memory
        self.assertEqual(m[stack, 14], b"stack-original")
        self.assertEqual(m[heap:heap + 4], b"heap")
        self.assertEqual(m.string(heap), b"heap-original")
        self.assertEqual(m["rodata", 15], b"rodata-original")
        self.assertEqual(m["rodata", 6, "binary"], b"rodata")
        self.assertEqual(m[heap], b"h")
        self.assertEqual(m.read(heap, 4), b"heap")
        m[stack] = b"STACK"
        m[heap:heap + 4] = b"HEAP"
        m["rodata"] = b"RODATA"
        # text_marker: mov $7,%eax -> mov $9,%eax
        code = m["text_marker", 6]
        self.assertEqual(code[0], 0xb8)
        m["text_marker"] = b"\xb8\x09\x00\x00\x00"
        self.assertIn(heap, m.find(b"HEAP-original"))
        self.assertIn(heap, m.find("HEAP-orig", maps="[heap]"))
        self.assertEqual(m.find(b"HEAP-original", maps="[stack]"), [])
        self.assertIn(stack, m.find_pattern('"STACK-" ?? 72', maps="[stack]"))
        self.assertIn(heap, m.find(b"HEAP", start=heap - 16, end=heap + 16))
        with self.assertRaises(ValueError):
            m[stack:stack - 1]
        with self.assertRaises(TypeError):
            m[stack] = "str"
        with self.assertRaises(snare.SnareError) as cm:
            m[0x10, 4]
        self.assertEqual(cm.exception.errno, 14)  # EFAULT
        with self.assertRaises(snare.SnareError):
            m["no_such_symbol_here", 4]
        d.cont()
        self.assertEqual(d.wait().kind, "syscall_exit")
        d.cont()
        io.sendline(b"")
        rest = io.recvuntil(b"text 9", timeout=10)
        self.assertIn(b"stack STACK-original", rest)
        self.assertIn(b"heap HEAP-original", rest)
        self.assertIn(b"rodata RODATA-original", rest)
        self.assertEqual(d.wait().kind, "exit")

    def test_maps_and_symbols(self):
        d = self.dbg([tracee("memory")])
        d.run()
        maps = d.maps
        self.assertTrue(any(m.backing_file.endswith("/memory") and
                            m.permissions.startswith("r-x") for m in maps))
        self.assertTrue(any(m.backing_file == "[stack]" for m in maps))
        for m in maps:
            self.assertEqual(m.size, m.end - m.start)
        s = d.symbols
        main_addr = s["main"]
        self.assertTrue(any(m.start <= main_addr < m.end and "x" in
                            m.permissions for m in maps))
        self.assertIn("main", s)
        self.assertNotIn("no_such_symbol_here", s)
        with self.assertRaises(KeyError):
            s["no_such_symbol_here"]
        self.assertEqual(s.name(main_addr + 4), "main+0x4")
        self.assertEqual(s.resolve("main+0x4"), main_addr + 4)
        f = s.line(main_addr)
        self.assertTrue(f[0].endswith("memory.c"), f)
        names = [x.name for x in s.list("text_marker")]
        self.assertIn("text_marker", names)
        libc = s.list("puts", file="libc.so.6")
        self.assertTrue(libc and all(x.file == "libc.so.6" for x in libc))


if __name__ == "__main__":
    main()
