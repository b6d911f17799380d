/* SPDX-License-Identifier: MIT */
/*
 * array.c: arrays read from the tracee element by element, as strace's
 * print_array() prints them, and the element printers the decoders
 * share (an int, a u32, a u64 in hex).
 */
#include <stdint.h>
#include <string.h>

#include "print.h"

size_t
array_max(const struct fmt *f)
{
	if (f->o->verbose)
		return 1 << 16;
	return f->o->strsize > 0 ? (size_t)f->o->strsize : 0;
}

static void
array(struct fmt *f, uint64_t addr, uint64_t n, size_t size,
      print_elem_fn print_elem, void *data, bool any_result);

void
print_array(struct fmt *f, uint64_t addr, uint64_t n, size_t size,
	    print_elem_fn print_elem, void *data)
{
	array(f, addr, n, size, print_elem, data, false);
}

void
print_array_any(struct fmt *f, uint64_t addr, uint64_t n, size_t size,
		print_elem_fn print_elem, void *data)
{
	array(f, addr, n, size, print_elem, data, true);
}

static void
array(struct fmt *f, uint64_t addr, uint64_t n, size_t size,
      print_elem_fn print_elem, void *data, bool any_result)
{
	size_t max = array_max(f);
	unsigned char elem[128]; /* the biggest element: a siginfo */
	uint64_t i, cur;

	if (!addr) {
		pb_puts(f->b, "NULL");
		return;
	}
	if (!n) {
		pb_puts(f->b, "[]");
		return;
	}
	/* An array that wraps around the address space is not read, nor
	   any under -e verbose=none. */
	if (f->o->terse || size > sizeof(elem) || n > UINT64_MAX / size ||
	    addr + n * size <= addr) {
		print_ptr(f, addr);
		return;
	}
	/* At the exit of a failed call, strace reads no element (its
	   tfetch_mem()): the kernel may have written some or none. */
	if (is_error(f) && !any_result) {
		print_ptr(f, addr);
		return;
	}
	for (i = 0; i < n; i++) {
		cur = addr + i * size;
		if (i)
			pb_puts(f->b, ", ");
		if (!read_mem(f, elem, cur, size)) {
			if (!i) {
				print_ptr(f, cur);
				return;
			}
			pb_printf(f->b, "... /* %#llx */",
				  (unsigned long long)cur);
			break;
		}
		if (!i)
			pb_putc(f->b, '[');
		if (i >= max) {
			pb_puts(f->b, "...");
			break;
		}
		if (!print_elem(f, elem, data))
			break;
	}
	pb_putc(f->b, ']');
}

bool
print_elem_int(struct fmt *f, const void *elem, void *data)
{
	int v;

	(void)data;
	memcpy(&v, elem, sizeof(v));
	pb_printf(f->b, "%d", v);
	return true;
}

bool
print_elem_u32(struct fmt *f, const void *elem, void *data)
{
	uint32_t v;

	(void)data;
	memcpy(&v, elem, sizeof(v));
	pb_printf(f->b, "%u", v);
	return true;
}

bool
print_elem_x64(struct fmt *f, const void *elem, void *data)
{
	uint64_t v;

	(void)data;
	memcpy(&v, elem, sizeof(v));
	pb_printf(f->b, v ? "%#llx" : "0", (unsigned long long)v);
	return true;
}
