# SPDX-License-Identifier: MIT
"""The examples of examples/python/ run and do what they say."""
import os
import re
import subprocess
import sys
import tempfile

from snaretest import Case, main, tracee

EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                        "examples", "python")


def run(*argv):
    return subprocess.run([sys.executable, os.path.join(EXAMPLES, argv[0])] +
                          list(argv[1:]), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=120)


class Examples(Case):
    def test_crackme(self):
        p = run("crackme.py", tracee("io_ctf"))
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertRegex(p.stdout.decode(), r"^FLAG\{snare-[0-9a-f]{4}\}\n$")

    def test_sandbox(self):
        with tempfile.TemporaryDirectory() as tmp:
            inside = os.path.join(tmp, "inside")
            with open(inside, "w") as f:
                f.write("x")
            p = run("sandbox.py", tmp, "--", tracee("hk_open"), inside,
                    "/etc/hostname", os.path.join(tmp, "..", "escape"))
        out, err = p.stdout.decode(), p.stderr.decode()
        self.assertEqual(p.returncode, 0, err)
        self.assertIn("open %s: ok\n" % inside, out)
        self.assertIn("openat %s: ok\n" % inside, out)
        self.assertIn("openat /etc/hostname: Permission denied\n", out)
        self.assertIn("open /etc/hostname: Permission denied\n", out)
        # "tmp/../escape" is outside, whether it exists or not
        self.assertRegex(out, r"openat .*/\.\./escape: Permission denied")
        self.assertIn("sandbox: denied openat(/etc/hostname)", err)

    def test_fuzz(self):
        p = run("fuzz.py", tracee("snap_fuzz"), "60")
        self.assertEqual(p.returncode, 0, p.stderr)
        m = re.search(rb"inputs 60 crashes (\d+) distinct (\d+)", p.stdout)
        self.assertIsNotNone(m, p.stdout)
        crashes, distinct = int(m.group(1)), int(m.group(2))
        # input[0] == 4 always crashes; 0..3 run to done_here() unless
        # input[1] is negative; every kind gives its own checksum
        self.assertGreater(crashes, 0)
        self.assertLess(crashes, 60)
        self.assertGreaterEqual(distinct, 2)


if __name__ == "__main__":
    main()
