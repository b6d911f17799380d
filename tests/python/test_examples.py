# SPDX-License-Identifier: MIT
"""The examples of examples/python/ run and do what they say."""
import os
import re
import subprocess
import sys
import tempfile

from snaretest import Case, main, python_env, tracee

EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                        "examples", "python")


def run(*argv):
    return subprocess.run([sys.executable, os.path.join(EXAMPLES, argv[0])] +
                          list(argv[1:]), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=120, env=python_env())


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
        p = run("fuzz.py", tracee("snap_fuzz"), "40")
        self.assertEqual(p.returncode, 0, p.stderr)
        m = re.search(rb"inputs 40 crashes (\d+) distinct (\d+)", p.stdout)
        self.assertIsNotNone(m, p.stdout)
        crashes, distinct = int(m.group(1)), int(m.group(2))
        # input[0] == 4 always crashes; 0..3 run to done_here() unless
        # input[1] is negative; every kind gives its own checksum
        self.assertGreater(crashes, 0)
        self.assertLess(crashes, 40)
        self.assertGreaterEqual(distinct, 2)


class Readme(Case):
    def test_quick_start(self):
        src = os.path.join(EXAMPLES, "..", "..")
        text = open(os.path.join(src, "README.md")).read()
        block = re.search(r"```python\n(.*?)```", text, re.S)
        self.assertIsNotNone(block, "no Python block in README.md")
        code = block.group(1)
        self.assertEqual(len(code.strip().splitlines()), 5)
        # the README names the gcc build; run it on this build
        build = os.path.abspath(os.path.join(tracee("hk_getpid"), "..", "..",
                                             ".."))
        code = code.replace("build/gcc/", build + "/")
        p = subprocess.run([sys.executable, "-c", code], cwd=src,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=60, env=python_env())
        self.assertEqual(p.returncode, 0, p.stderr)
        out = p.stdout.decode().splitlines()
        self.assertRegex(out[0], r"^0x[0-9a-f]+ 1$")
        self.assertEqual(out[1], "b'getpid 4242'")


class Package(Case):
    def test_stubs_cover_the_api(self):
        import ast
        import snare
        stub = os.path.join(os.path.dirname(snare.__file__), "__init__.pyi")
        tree = ast.parse(open(stub).read())
        classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
        top = set(classes)
        for n in tree.body:
            if isinstance(n, ast.FunctionDef):
                top.add(n.name)
            elif isinstance(n, ast.AnnAssign):
                top.add(n.target.id)
        for name in snare.__all__:
            self.assertIn(name, top, "no stub for snare.%s" % name)
            obj = getattr(snare, name)
            if isinstance(obj, type) and name in classes:
                body = set()
                for n in classes[name].body:
                    if isinstance(n, ast.FunctionDef):
                        body.add(n.name)
                    elif isinstance(n, ast.AnnAssign):
                        body.add(n.target.id)
                    elif isinstance(n, ast.Assign):  # aliases
                        body.update(t.id for t in n.targets)
                public = {a for a in dir(obj) if not a.startswith("_")}
                public -= set(dir(OSError)) | set(dir(tuple)) | \
                    set(dir(float)) | {
                    "n_fields", "n_sequence_fields", "n_unnamed_fields"}
                self.assertEqual(public - body, set(),
                                 "snare.%s: no stub for these" % name)
            # and everything has a docstring
            self.assertTrue(getattr(obj, "__doc__", None) or
                            isinstance(obj, int), "snare.%s: no doc" % name)


if __name__ == "__main__":
    main()
