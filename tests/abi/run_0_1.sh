#!/bin/sh
# SPDX-License-Identifier: MIT
# run_0_1.sh PROGRAM LIBDIR TRACEE: PROGRAM (run_0_1.c) references the
# 0.1 symbols, as a binary built against 0.1 does, and runs with the
# libsnare.so.0 of LIBDIR.
set -eu
prog=$1 libdir=$2 tracee=$3
if ! readelf --dyn-syms -W "$prog" | grep -Eq ' snare_run@SNARE_0( |$)'; then
	echo "run_0_1.sh: $prog does not reference snare_run@SNARE_0:"
	readelf --dyn-syms -W "$prog" | grep snare_run || true
	exit 1
fi
lib=$(LD_LIBRARY_PATH=$libdir ldd "$prog" | awk '$1 == "libsnare.so.0" { print $3 }')
if [ "$lib" != "$libdir/libsnare.so.0" ]; then
	echo "run_0_1.sh: $prog loads '$lib', not $libdir/libsnare.so.0"
	exit 1
fi
LD_LIBRARY_PATH=$libdir exec "$prog" "$tracee"
