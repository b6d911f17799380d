#!/bin/sh
# SPDX-License-Identifier: MIT
#
# gen-elf-corpus.sh OUTDIR GENERATOR [CC]
#
# Generates the fuzzing seed corpus and the hostile ELF corpus of
# PTRACE-NOTES 4.5 (generated, never downloaded):
#   OUTDIR/elf/        ELF seeds ("ok-*": must open) and hostile cases
#   OUTDIR/maps/       /proc/PID/maps texts
#   OUTDIR/demangle/   symbol names
#   OUTDIR/locations/  location strings for snare_symtab_resolve()
# GENERATOR is the compiled scripts/gen-elf-corpus.c; CC (default cc)
# builds the seed programs, with fixed flags (no sanitizer: the seeds are
# what the library meets in the wild). The non-file cases (a directory, a
# FIFO, /proc/self/mem, devices) are made at run time by
# fuzz/corpus_check.c. POSIX sh.
set -eu

if [ "$#" -lt 2 ] || [ "$#" -gt 3 ]; then
	echo "usage: $0 OUTDIR GENERATOR [CC]" >&2
	exit 2
fi
out=$1
gen=$2
cc=${3:-cc}

rm -rf "$out.tmp"
mkdir -p "$out.tmp/elf" "$out.tmp/maps" "$out.tmp/demangle" \
	"$out.tmp/locations" "$out.tmp/src"
t=$out.tmp

# The seed program: globals, locals, .bss, TLS, C++ and Rust names (asm
# labels: no C++ compiler needed), several source lines.
cat >"$t/src/base.c" <<'EOF'
#include <stdio.h>
int counter;
static __thread int tls_var;
int ns_f(int x) __asm__("_ZN2ns1fEi");
int rs_g(int x) __asm__("_ZN7mycrate3foo17h0123456789abcdefE");
int tmpl(int x) __asm__("_Z5twiceIiET_S0_");
__attribute__((noinline)) int ns_f(int x)
{
	return x * 2 + tls_var;
}
__attribute__((noinline)) int rs_g(int x)
{
	return x + 3;
}
__attribute__((noinline)) int tmpl(int x)
{
	return x + x;
}
__attribute__((noinline)) static int helper(int x)
{
	counter += x;
	return counter;
}
int main(int argc, char **argv)
{
	(void)argv;
	printf("%d\n", helper(ns_f(argc) + rs_g(argc) + tmpl(argc)));
	return 0;
}
EOF

seed() { # NAME FLAGS...
	name=$1
	shift
	"$cc" -std=gnu11 -O1 -g "$@" \
		-o "$t/elf/$name" "$t/src/base.c"
}
seed ok-base -fPIE -pie
seed ok-nopie -fno-pie -no-pie
gz=-
if seed ok-gz -fPIE -pie -gz=zlib 2>/dev/null; then
	gz=$t/elf/ok-gz
fi
hb=-
if seed ok-hashboth -fPIE -pie -Wl,--hash-style=both 2>/dev/null; then
	hb=$t/elf/ok-hashboth
fi
# The other compiler's DWARF too (line.c reads gcc and clang differently).
for other in gcc clang; do
	if [ "$(basename "$cc")" != "$other" ] &&
		command -v "$other" >/dev/null 2>&1; then
		"$other" -std=gnu11 -O1 -g -fPIE -pie -o "$t/elf/ok-base-$other" \
			"$t/src/base.c" 2>/dev/null || :
	fi
done
if command -v strip >/dev/null 2>&1; then
	strip -o "$t/elf/ok-stripped" "$t/elf/ok-base"
fi

# The build-id of an installed debug file, if any (a foreign debug file).
hex=
for f in /usr/lib/debug/.build-id/*/*.debug; do
	[ -f "$f" ] || continue
	d=${f%/*}
	hex=${d##*/}$(basename "$f" .debug)
	break
done

"$gen" "$t/elf" "$t/elf/ok-base" "$gz" "$hb" "$hex"

# Non-ELF regular files.
printf '#!/bin/sh\necho hi\n' >"$t/elf/notelf-script"
: >"$t/elf/notelf-empty"
printf 'hello, world\n' >"$t/elf/notelf-text"
printf '!<arch>\n' >"$t/elf/notelf-ar-empty"
printf '\177ELF' >"$t/elf/notelf-magic-only"

# maps: this process's own, and hostile lines.
cat /proc/self/maps >"$t/maps/self" 2>/dev/null || :
m=$t/maps
printf '55d0c0a00000-55d0c0a02000 r--p 00000000 fd:01 1234 /usr/bin/true\n' >"$m/one"
printf '7ffd0000-7ffd1000 rw-p 00000000 00:00 0                          [stack]\n' >"$m/stack"
printf '7ffd0000-7ffd1000 rw-p 00000000 00:00 0\n' >"$m/anon"
printf 'ffffffffffffffff-0 rwxs ffffffffffffffff ffffffff:ffffffff 18446744073709551615 x\n' >"$m/reversed"
printf '0-ffffffffffffffffff r-xp 0 0:0 0 /a b (deleted)\n' >"$m/overflow"
printf '1000-2000 r\n1000-2000 rwxp\n1000-2000 rwxp 0 0:0\n\n\n' >"$m/short"
printf '1000-2000 rwxp 0 0:0 0 /no/newline' >"$m/nonl"
printf '1000-2000 rwxp 0 0:0 0 /a\0b\n3000-4000 r--p 0 0:0 0 /c\n' >"$m/nul"
printf '%s\n' '-1--2 ---- -1 -1:-1 -1' '0x1000-0x2000 rwxp 0x0 0:0 0' >"$m/signs"

# demangle: Itanium, Rust legacy and v0, and junk.
d=$t/demangle
i=0
for n in _ZN2ns1fEi _Z5twiceIiET_S0_ _ZN7mycrate3foo17h0123456789abcdefE \
	_RNvCs1234_7mycrate3foo _RNvNtCs1234_7mycrate3bar3baz \
	_ZNSt6vectorIiSaIiEE9push_backERKi _ZZ4mainE1x _Z1fPFPA1_ivE \
	__Z1fv _ZTV1A _ZNK1A1fEv main _Z _R _ZN _ZZZZZZZZ \
	_Z1fIJEEvv _ZSt4cout _Z3fooILi2EEvRAplT_Li1E_i; do
	printf '%s' "$n" >"$d/n$i"
	i=$((i + 1))
done

# locations, for fuzz_locations (against ok-base).
l=$t/locations
i=0
for n in main main+0x10 main+16 '*0x1000' 0x1000 42 ok-base@0x1139 \
	ok-base:main ok-base:ns::f 'ns::f(int)' ns::f _ZN2ns1fEi \
	'int twice<int>(int)' 'twice<int>' mycrate::foo base.c:20 \
	src/base.c:1 base.c:99999 libc:printf 'printf@GLIBC_2.2.5' \
	counter tls_var helper main+0xffffffffffffffff \
	main+18446744073709551616 '0xffffffffffffffffff' :: : @ + '+0x' \
	'ok-base@' 'ok-base:' '.c:' 'a.c:-1' 'a.c:0x10'; do
	printf '%s' "$n" >"$l/l$i"
	i=$((i + 1))
done

rm -rf "$t/src" "$out"
mv "$t" "$out"
touch "$out/stamp"
