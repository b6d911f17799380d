#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""check_symbols.py LIBSNARE_SO LIBSNARE_A SNARE_H SNARE_0_1_H

The symbols libsnare shows to programs (docs/design.md, "ABI"):
 - libsnare.so and libsnare.a define no global symbol but public functions
   (snare_ and a lower-case letter; never snare__ internals, never an
   unprefixed name such as read_mem);
 - the functions each library exports are exactly those declared in
   include/snare.h;
 - every function of 0.1 (tests/abi/snare-0.1.h) is in libsnare.so at
   version SNARE_0, as 0.1 binaries reference it, and snare_run's default
   is a later version (its SNARE_0 symbol fills the 0.1 snare_event).
"""
import re
import subprocess
import sys

PUBLIC = re.compile(r"^snare_[a-z][a-z0-9_]*$")


def declared(header):
    """Function names declared at the top level of a header."""
    text = open(header).read()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    # Preprocessor lines, continuations included.
    text = re.sub(r"^[ \t]*#(?:[^\n]*\\\n)*[^\n]*", " ", text, flags=re.M)
    names = set()
    for stmt in text.split(";"):
        # What follows the last brace: struct and enum bodies, and
        # extern "C" {, carry no function declaration.
        stmt = " ".join(re.split(r"[{}]", stmt)[-1].split())
        if stmt.startswith("typedef"):
            continue
        m = re.search(r"\b(snare_[a-z][a-z0-9_]*)\s*\(", stmt)
        if m:
            names.add(m.group(1))
    return names


def nm(args):
    out = subprocess.run(["nm"] + args, check=True, capture_output=True,
                         text=True).stdout
    syms = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            syms.append((parts[1], parts[2]))
    return syms


def main():
    so, ar, header, header01 = sys.argv[1:5]
    errors = []
    want = declared(header)
    if len(want) < 50:
        errors.append("only %d functions found in %s: the parser is wrong" %
                      (len(want), header))

    dyn = [(t, n) for t, n in nm(["-D", "--defined-only", so]) if t != "A"]
    so_funcs, versions = set(), {}
    for t, n in dyn:
        base, _, ver = n.partition("@")
        versions.setdefault(base, set()).add(ver)
        if not PUBLIC.match(base):
            errors.append("%s exports %s (%s)" % (so, n, t))
        elif t not in "Ti":
            errors.append("%s exports a non-function %s (%s)" % (so, n, t))
        else:
            so_funcs.add(base)

    st = nm(["-g", "--defined-only", ar])
    ar_funcs = set()
    for t, n in st:
        if not PUBLIC.match(n):
            errors.append("%s exports %s (%s)" % (ar, n, t))
        elif t not in "Ti":
            errors.append("%s exports a non-function %s (%s)" % (ar, n, t))
        else:
            ar_funcs.add(n)

    for lib, funcs in ((so, so_funcs), (ar, ar_funcs)):
        for n in sorted(funcs - want):
            errors.append("%s exports %s, not declared in snare.h" % (lib, n))
        for n in sorted(want - funcs):
            errors.append("snare.h declares %s, not exported by %s" % (n, lib))

    old = declared(header01)
    if len(old) != 91:
        errors.append("%d functions in the 0.1 header, 91 expected" % len(old))
    for n in sorted(old):
        if "SNARE_0" not in versions.get(n, set()) and \
                "@SNARE_0" not in versions.get(n, set()):
            errors.append("0.1 function %s is not at version SNARE_0 in %s "
                          "(has %s)" % (n, so, sorted(versions.get(n, []))))
    run = versions.get("snare_run", set())
    if "SNARE_0" not in run or not any(v.startswith("@SNARE_") for v in run):
        errors.append("snare_run should be at SNARE_0 (0.1 events) and a "
                      "newer default version: %s" % sorted(run))

    for e in errors:
        print(e)
    if errors:
        print("check_symbols: %d problems (docs/design.md, \"ABI\")" %
              len(errors))
        return 1
    print("check_symbols: %d functions exported by %s and %s, as declared; "
          "%d 0.1 functions at SNARE_0" % (len(want), so, ar, len(old)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
