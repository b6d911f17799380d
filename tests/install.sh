#!/bin/sh
# SPDX-License-Identifier: MIT
#
# install.sh BUILD_DIR SOURCE_DIR CC TRACEE [CFLAGS [PYTHON]]
#
# `cmake --install` into a scratch DESTDIR with a prefix chosen now, then
# build examples/tour.c against the installed tree with pkg-config only
# (shared, and static libsnare.a), and run both on TRACEE: the installed
# header, library and libsnare.pc work wherever they are put.
set -eu
build=$1 src=$2 cc=$3 tracee=$4 cflags=${5:-} python=${6:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

DESTDIR=$tmp/dest cmake --install "$build" --prefix /opt/snare-test >/dev/null
root=$tmp/dest/opt/snare-test
pc=$(find "$root" -name libsnare.pc)
[ -n "$pc" ] || { echo "no libsnare.pc installed"; exit 1; }
export PKG_CONFIG_PATH=$(dirname "$pc")
libdir=$(pkg-config --variable=libdir libsnare)

$cc $cflags -o "$tmp/tour" "$src/examples/tour.c" $(pkg-config --cflags --libs libsnare) \
	-Wl,-rpath,"$libdir"
$cc $cflags -o "$tmp/tour-static" "$src/examples/tour.c" $(pkg-config --cflags libsnare) \
	"$libdir/libsnare.a" $(pkg-config --static --libs libsnare | sed 's/-lsnare\b//')
for t in tour tour-static; do
	out=$("$tmp/$t" "$tracee")
	case $out in
	*"getpid 4242"*"0 hits") ;;
	*) echo "$t: unexpected output: $out"; exit 1 ;;
	esac
	# The library it runs is the installed one.
	if [ $t = tour ] && ! ldd "$tmp/tour" | grep -q "$libdir/libsnare.so"; then
		echo "tour does not use the installed libsnare.so"; ldd "$tmp/tour"; exit 1
	fi
done
# The installed CLI starts from its prefix with nothing else set up, and
# uses the installed library.
snare=$(find "$root" -path '*/bin/snare')
[ -n "$snare" ] || { echo "no snare installed"; exit 1; }
out=$(env -u LD_LIBRARY_PATH "$snare" trace -e trace=getpid -- "$tracee" 2>&1 >/dev/null) || {
	echo "installed snare failed: $out"; exit 1; }
case $out in
*"getpid()"*) ;;
*) echo "installed snare: unexpected output: $out"; exit 1 ;;
esac
used=$(ldd "$snare" | sed -n 's/.*libsnare\.so[^ ]* => \([^ ]*\).*/\1/p')
if [ -z "$used" ] || [ "$(readlink -f "$used")" != "$(readlink -f "$libdir/libsnare.so.0")" ]; then
	echo "the installed snare does not use the installed libsnare.so"; ldd "$snare"; exit 1
fi
# The Python package: installed into the interpreter's site packages (under
# DESTDIR here), it imports with nothing else set up and uses the installed
# library through its RUNPATH. (Not in a sanitizer build: the interpreter
# would need the sanitizer's runtime preloaded.)
if [ -n "$python" ] && [ -z "$cflags" ]; then
	mod=$(find "$tmp/dest" -name '_snare*.so' | head -1)
	[ -n "$mod" ] || { echo "no Python module installed"; exit 1; }
	used=$(env -u LD_LIBRARY_PATH ldd "$mod" | sed -n 's/.*libsnare\.so[^ ]* => \([^ ]*\).*/\1/p')
	if [ -z "$used" ] || [ "$(readlink -f "$used")" != "$(readlink -f "$libdir/libsnare.so.0")" ]; then
		echo "the installed Python module does not use the installed libsnare.so"
		env -u LD_LIBRARY_PATH ldd "$mod"; exit 1
	fi
	site=$(dirname "$(dirname "$mod")")
	out=$(cd "$tmp" && env -u LD_LIBRARY_PATH PYTHONPATH="$site" "$python" -c '
import sys, snare
assert snare.__file__.startswith(sys.argv[1]), snare.__file__
d = snare.debugger([sys.argv[2]])
io = d.run()
d.handle_syscall("getpid", on_exit=lambda t, sc: setattr(sc, "retval", 4242))
d.cont()
print(io.recvline().decode())
' "$site" "$tracee" 2>&1) || { echo "installed Python package failed: $out"; exit 1; }
	[ "$out" = "getpid 4242" ] || { echo "installed Python package: unexpected output: $out"; exit 1; }
fi
echo "install: ok ($root)"
