#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""strace-suite-report.py RESULTS [NAME [TEST...]]

The table of scripts/strace-suite.sh: for each test, strace's result,
snare's result and, where snare's run failed, why (the first cause found
in its log), then the causes grouped by the number of tests they fail and
the pass rate of snare over the tests that pass with strace. NAME is the
snare run's name (SUITE_NAME, default snare); without TEST, the tests it
ran. Writes RESULTS/NAME.table.txt and prints it.
"""
import collections
import os
import re
import sys


def result(rc, log):
    if rc == 0:
        return "PASS"
    if rc == 77:
        return "SKIP"
    if rc == 99:
        return "ERROR"
    if rc in (124, 137) or "time limit (" in log:
        return "TIMEOUT"
    return "FAIL"


# snare's own complaints about the command line, in strace's words.
REJECT = [
    (re.compile(r"snare: invalid option -- '(.)'"), "option rejected: -{0}"),
    (re.compile(r"snare: unrecognized option '(--[^=']*)"), "option rejected: {0}"),
    (re.compile(r"snare: option '(--[^=']*)[^']*' requires an argument"),
     "option rejected: {0}"),
    (re.compile(r"snare: invalid system call '([^']*)'"),
     "syscall name rejected: {0}"),
    (re.compile(r"snare: invalid filter action '([^']*)'"),
     "-e action rejected: {0}="),
    (re.compile(r"snare: invalid inject argument '[^:']*:([a-z_]+)"),
     "inject argument rejected: {0}="),
    (re.compile(r"snare: invalid signal '([^']*)'"), "signal rejected"),
    (re.compile(r"snare: invalid (--[a-z-]+|-[a-zA-Z]) argument"),
     "option argument rejected: {0}"),
    (re.compile(r"snare: (Syscall '[^']*' for -b isn't supported)"), "{0}"),
    (re.compile(r"snare: (-X \w+|-\w|--[\w-]+(?:=[\w-]+)?) is not supported"),
     "not supported: {0}"),
    (re.compile(r"snare: incorrect personality designator"),
     "personality designator rejected"),
]


def cause(log, res):
    if res == "TIMEOUT":
        return "timeout"
    # snare names itself by the wrapper's path, as strace does.
    log = re.sub(r"\S*-as-strace: ", "snare: ", log)
    for rx, fmt in REJECT:
        m = rx.search(log)
        if m:
            return fmt.format(*m.groups())
    if "output mismatch" in log or re.search(r"^[-+]{3} ", log, re.M):
        # The first line strace's test expected and snare did not print
        # ("-umask(0107777) = 022"), for the table.
        m = re.search(r"^-(?!--)(.*)$", log, re.M) or \
            re.search(r"^\+(?!\+\+)(.*)$", log, re.M)
        return "output differs" + (": " + m.group(1)[:100] if m else "")
    m = re.search(r"failed test: (.*)", log)
    if m:
        text = re.sub(r"\S*-as-strace", "$STRACE", m.group(1))
        text = re.sub(r"\d+", "N", text)
        return "failed: " + text[:90]
    m = re.search(r"^snare: (.*)$", log, re.M)
    if m:
        return "snare: " + re.sub(r"\d+", "N", m.group(1))[:90]
    if not log.strip():
        return "failed (no message)"
    return "failed: " + re.sub(r"\d+", "N", log.strip().splitlines()[-1])[:90]


def main():
    rdir = sys.argv[1]
    name = sys.argv[2] if len(sys.argv) > 2 else "snare"
    tests = sys.argv[3:]
    if not tests:
        with open(os.path.join(rdir, name + ".ran")) as f:
            tests = list(dict.fromkeys(l.strip() for l in f if l.strip()))
    rows = []
    for t in tests:
        if not t.endswith(".test"):
            gen = os.path.join(rdir, name, t + ".gen.test.rc")
            t = t + (".gen.test" if os.path.exists(gen) else ".test")
        res = {}
        logs = {}
        for tool in ("strace", "snare"):
            p = os.path.join(rdir, tool if tool == "strace" else name, t)
            try:
                with open(p + ".rc") as f:
                    rc = int(f.read().strip() or 1)
                with open(p + ".log", errors="replace") as f:
                    logs[tool] = f.read()
            except OSError:
                rc, logs[tool] = None, ""
            res[tool] = "-" if rc is None else result(rc, logs[tool])
        why = ""
        if res["snare"] not in ("PASS", "SKIP", "-"):
            why = cause(logs["snare"], res["snare"])
        elif res["snare"] == "SKIP" and res["strace"] == "PASS":
            m = re.search(r"skipped test: (.*)", logs["snare"])
            why = "skipped under snare: " + (m.group(1)[:80] if m else "?")
        rows.append((t, res["strace"], res["snare"], why))

    out = []
    out.append("%-44s %-8s %-8s %s" % ("test", "strace", "snare", "why"))
    for r in sorted(rows):
        out.append("%-44s %-8s %-8s %s" % r)
    base = [r for r in rows if r[1] == "PASS"]
    both = [r for r in base if r[2] == "PASS"]
    groups = collections.Counter(r[3].split(": ")[0] if r[3].startswith(
        "output differs") else r[3] for r in base if r[2] != "PASS")
    out.append("")
    out.append("causes, over the tests passing with strace:")
    for why, n in groups.most_common():
        out.append("%5d  %s" % (n, why))
    out.append("")
    counts = collections.Counter(r[1] for r in rows)
    out.append("tests run: %d (strace: %s)" % (
        len(rows), ", ".join("%s %d" % kv for kv in sorted(counts.items()))))
    pct = 100.0 * len(both) / len(base) if base else 0.0
    out.append("pass with strace: %d; of those, pass with snare: %d (%.1f%%)"
               % (len(base), len(both), pct))
    text = "\n".join(out) + "\n"
    with open(os.path.join(rdir, name + ".table.txt"), "w") as f:
        f.write(text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
