#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`snare trace --watch` on the sw_watch tracee, whose own output gives the
expected counts and values.

    watch.py SNARE TRACEE_DIR

- mixed 3 20 (threads storing into g_counter or read(2)-ing into it under a
  lock): 60 watch lines, the new values 0..59 each once and in order, every
  line naming the accessing instruction with a symbol, direct stores with
  sw_watch.c's line, the read(2) ones in libc's read;
- mprot: the program's own mprotect and SIGSEGV: exactly the stores 7 and 8;
- block with a 64-byte read/write watch: loads are "accessed" lines, the
  last line's new value is the bytes memcpy wrote; --json carries the same;
- -c counts the accesses; bad lengths and unknown symbols are errors.
"""
import json
import os
import re
import subprocess
import sys

from clitest import check, failures

SNARE, TRACEES = sys.argv[1], sys.argv[2]
PROG = os.path.join(TRACEES, "sw_watch")
LINE = re.compile(r"--- watch (\S+) (written (\S+) -> (\S+)|accessed (\S+)) "
                  r"by (0x[0-9a-f]+) ?(\S*)(?: \(([^:]+):(\d+)\))? ---$")


def trace(args, prog_args, stdin="go\nend\n"):
    cmd = [SNARE, "trace", "-f", "-e", "trace=none"] + args + ["--", PROG] + prog_args
    p = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def watch_lines(text):
    out = []
    for line in text.splitlines():
        line = re.sub(r"^\[pid\s+\d+\] ", "", line)
        m = LINE.match(line)
        if m:
            out.append(m)
    return out


def untraced(prog_args):
    p = subprocess.run([PROG] + prog_args, input="go\nend\n", capture_output=True,
                       text=True, timeout=30)
    return p.stdout


# Threads and read(2): every value once, in order.
rc, out, err = trace(["--watch=g_counter"], ["mixed", "3", "20"])
check(rc == 0, "mixed: exit status %d (%s)" % (rc, err.strip()))
check("writes 60 last 59" in out, "mixed: program output %r" % out[-200:])
lines = watch_lines(err)
check(len(lines) == 60, "mixed: %d watch lines, want 60" % len(lines))
news = [int(m.group(4) or m.group(5), 16) for m in lines]
check(news == list(range(60)), "mixed: new values %s" % news[:10])
olds = [int(m.group(3), 16) for m in lines if m.group(3)]
check(all(o + 1 == n for o, n in zip(olds, [n for m, n in zip(lines, news) if m.group(3)])),
      "mixed: old values are not the previous new ones")
check(all(m.group(7) for m in lines), "mixed: a line without a symbol")
direct = [m for m in lines if m.group(7).startswith("mixed_worker")]
viaread = [m for m in lines if "read" in m.group(7) and "mixed_worker" not in m.group(7)]
check(len(direct) + len(viaread) == 60 and direct and viaread,
      "mixed: %d direct stores, %d read(2)" % (len(direct), len(viaread)))
check(all(m.group(8) == "sw_watch.c" for m in direct), "mixed: direct store without its line")

# The program's own mprotect and SIGSEGV.
want = untraced(["mprot"])
rc, out, err = trace(["--watch=g_counter:8:w"], ["mprot"])
check(out.endswith(want.split("ready\n", 1)[1]), "mprot: output %r" % out)
lines = watch_lines(err)
check([(m.group(3), m.group(4)) for m in lines] == [("0", "0x7"), ("0x7", "0x8")],
      "mprot: lines %s" % [m.group(0) for m in lines])

# A 64-byte read/write range at an odd address (g_block's data, after
# its 3 bytes of pad, which are stored into next to it and must not count),
# text and JSON: 40 stores (the first stores the 0 already there), 40 loads,
# the final load, then libc's memcpy (one or more stores, libc's choice).
want = untraced(["block", "40"])
rc, out, err = trace(["--watch=g_block+3:64:rw"], ["block", "40"])
check(rc == 0 and out.endswith(want.split("ready\n", 1)[1]), "block: output %r" % out[-100:])
lines = watch_lines(err)
accessed = [m for m in lines if m.group(5)]
written = [m for m in lines if m.group(3)]
check(len(lines) >= 82 and len(accessed) >= 42 and len(written) >= 40 and
      len(lines) <= 81 + 8, "block: %d lines, %d accessed, %d written" %
      (len(lines), len(accessed), len(written)))
last = written[-1].group(4) if written else ""
check(last.startswith('"\\x64\\x65\\x66'), "block: last new value %r" % last)
rc, out, err = trace(["--json", "--watch=g_block+3:64:rw"], ["block", "40"])
events = [json.loads(l) for l in err.splitlines() if l.startswith("{")]
watches = [e for e in events if e.get("type") == "watch"]
check(len(watches) == len(lines), "json: %d watch events, text had %d" % (len(watches), len(lines)))
check(watches and watches[-1]["location"] == "g_block+3" and watches[-1]["len"] == 64,
      "json: %s" % (watches[-1] if watches else None))

# -c counts.
rc, out, err = trace(["-c", "--watch=g_counter"], ["mixed", "2", "10"])
check("20 accesses of watch g_counter" in err, "-c: %r" % err[-300:])

# Bad input.
for arg, msg in (("g_counter:0", "bad length"), ("g_counter:99999999999", "bad length"),
                 (":8", "empty file name"), ("no_such_symbol_here", "never armed")):
    rc, out, err = trace(["--watch=" + arg], ["block", "1"], stdin="")
    check(rc != 0 and msg in err, "bad --watch=%s: rc %d, %r" % (arg, rc, err.strip()))

if failures:
    print("%d failure(s)" % len(failures))
    sys.exit(1)
print("ok")
