# SPDX-License-Identifier: MIT
"""What the CLI test scripts share (imported from their own folder).

failures and check(): a script's failed checks, each printed as it
fails; the script's exit code says whether there were any. run() and
run_text(): a command's run with its output captured, as bytes in the C
locale or as text. The command line of each tracer, and the skip (exit
77) where strace, the oracle, is not installed. run_family(): a script's
family, by its name on the command line, and the exit code it ends with.
"""
import os
import shutil
import subprocess
import sys

STRACE = shutil.which("strace")
# Both tracers print messages and dates in the C locale.
ENV = dict(os.environ, LC_ALL="C", LANG="C")
failures = []


def check(cond, what):
    """Count a failure, named by what, unless cond holds; return cond."""
    if not cond:
        failures.append(what)
        print("FAIL:", what)
    return cond


def run(argv, **kw):
    """argv's run, its output as bytes, in the C locale, within 30 s
    (each default overridden by kw)."""
    kw.setdefault("stdout", subprocess.PIPE)
    kw.setdefault("stderr", subprocess.PIPE)
    kw.setdefault("env", ENV)
    kw.setdefault("timeout", 30)
    return subprocess.run(argv, **kw)


def run_text(argv, **kw):
    """argv's run, its output as text, in the caller's environment,
    within 60 s (each default overridden by kw)."""
    kw.setdefault("capture_output", True)
    kw.setdefault("text", True)
    kw.setdefault("timeout", 60)
    return subprocess.run(argv, **kw)


def tracer_argv(tool, snare):
    """The command that starts tool, "strace" or "snare" (at path snare)."""
    return [STRACE] if tool == "strace" else [snare, "trace"]


def tracers(snare):
    """(name, command) of snare and, when it is installed, strace. strace
    by its name, so that its messages start "strace: " as snare's start
    "snare: " (strace names itself by its argv[0])."""
    out = [("snare", [snare, "trace"])]
    if STRACE:
        out.append(("strace", ["strace"]))
    return out


def skip_without_strace():
    """Exit 77 (skipped) when there is no strace to compare with."""
    if not STRACE:
        print("strace not found: skipped")
        sys.exit(77)


def run_family(families, family, *args, tmp=None):
    """Run families[family](*args), then remove the folder tmp if given;
    print the outcome. Returns the exit code: 0, 1 after failed checks,
    2 for an unknown family."""
    try:
        fn = families.get(family)
        if fn is None:
            print("no family", family)
            return 2
        fn(*args)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    print("%s: %s" % (family, "FAILED" if failures else "ok"))
    return 1 if failures else 0


def families_of(namespace, prefix="family_"):
    """{name: function} of the functions named PREFIX + name."""
    return {name[len(prefix):]: fn for name, fn in namespace.items()
            if name.startswith(prefix) and callable(fn)}
