# SPDX-License-Identifier: MIT
"""Shared by the Python suites: where the tracees are, and a TestCase base
that checks that every test leaves no traced, stopped or zombie process."""
import gc
import os
import sys
import unittest

TRACEES = os.environ.get("SNARE_TRACEES", "")


def tracee(name):
    """The path of a tracee built by tests/CMakeLists.txt."""
    path = os.path.join(TRACEES, name)
    if not os.path.exists(path):
        raise unittest.SkipTest("no tracee %s (set SNARE_TRACEES)" % path)
    return path


def python_env():
    """The environment for a Python interpreter a test starts: the
    sanitizer runtime preloaded again in the ASan build (sitecustomize.py
    took it out for the traced programs)."""
    env = dict(os.environ)
    if env.get("SNARE_TEST_PRELOAD"):
        env["LD_PRELOAD"] = env["SNARE_TEST_PRELOAD"]
    return env


def children():
    """The pids of this process's live or zombie children."""
    pids = []
    for tid in os.listdir("/proc/self/task"):
        try:
            with open("/proc/self/task/%s/children" % tid) as f:
                pids += [int(p) for p in f.read().split()]
        except FileNotFoundError:
            pass
    return pids


def state(pid):
    """The state letter of a process ("Z", "t", "S"...) or None when gone."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return None


class Case(unittest.TestCase):
    """Closes the debuggers a test made with self.dbg() and checks that
    no child of ours is left, stopped or a zombie."""

    def setUp(self):
        self._dbgs = []

    def dbg(self, *args, **kw):
        import snare
        d = snare.debugger(*args, **kw)
        self._dbgs.append(d)
        return d

    def tearDown(self):
        for d in self._dbgs:
            d.close()
        self._dbgs = []
        gc.collect()
        left = children()
        self.assertEqual(left, [], "processes left behind: %r" %
                         [(p, state(p)) for p in left])


def main():
    """Run the tests named on the command line (module.Class), or all of
    the calling module: exit 0 passed, 1 failed, 77 when every test was
    skipped (ctest's SKIP_RETURN_CODE)."""
    loader = unittest.TestLoader()
    names = sys.argv[1:]
    mod = sys.modules["__main__"]
    suite = loader.loadTestsFromNames(names, mod) if names else \
        loader.loadTestsFromModule(mod)
    res = unittest.TextTestRunner(verbosity=2).run(suite)
    if not res.wasSuccessful():
        sys.exit(1)
    if res.testsRun and len(res.skipped) == res.testsRun:
        sys.exit(77)
    sys.exit(0)
