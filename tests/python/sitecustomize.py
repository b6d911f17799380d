# SPDX-License-Identifier: MIT
"""Loaded by every interpreter the Python tests start (tests/python is on
PYTHONPATH). In the sanitizer build the interpreter gets the ASan runtime
through LD_PRELOAD (it is not instrumented, the extension is); once loaded,
it is taken out of the environment so that the programs the tests trace do
not inherit it, and kept in SNARE_TEST_PRELOAD for the interpreters the
tests start (snaretest.python_env())."""
import os

if os.environ.get("LD_PRELOAD") and os.environ.get("SNARE_TEST_ASAN"):
    os.environ["SNARE_TEST_PRELOAD"] = os.environ.pop("LD_PRELOAD")
