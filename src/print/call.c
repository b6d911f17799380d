/* SPDX-License-Identifier: MIT */
/*
 * call.c: snare_format_call(), a function call as a tracer shows it at the
 * function's entry, "puts(\"hello\")", "malloc(472)", "f(-1, 2.5, 0x7ffd1000)",
 * from the parameters snare_symtab_params() found in DWARF and the
 * registers of the stopped thread (System V x86_64: integer class in rdi,
 * rsi, rdx, rcx, r8, r9; float and double in xmm0-7). Without parameters
 * (no debug info) the six integer argument registers print in hex.
 * snare_format_return(): the value the function returns, read at its
 * return from rax (xmm0 for float and double), as its DWARF return type
 * says, "<void>" for none, rax in hex when the type is not known.
 */
#include <stdio.h>
#include <string.h>

#include "print.h"

static const char *const int_regs[6] = { "rdi", "rsi", "rdx", "rcx", "r8", "r9" };

static void
print_int(struct pbuf *b, uint64_t raw, int size, bool is_signed)
{
	unsigned shift = size > 0 && size < 8 ? 64 - 8 * (unsigned)size : 0;

	if (is_signed)
		pb_printf(b, "%lld", (long long)((int64_t)(raw << shift) >> shift));
	else
		pb_printf(b, "%llu", (unsigned long long)((raw << shift) >> shift));
}

static void
print_float(struct pbuf *b, snare_thread *t, int slot, int size)
{
	unsigned char x[16];
	char name[8];

	snprintf(name, sizeof(name), "xmm%d", slot);
	if (snare_vreg_get(x, sizeof(x), t, name) != 16) {
		pb_puts(b, "?");
		return;
	}
	if (size == 4) {
		float v;

		memcpy(&v, x, sizeof(v));
		pb_printf(b, "%g", (double)v);
	} else {
		double v;

		memcpy(&v, x, sizeof(v));
		pb_printf(b, "%g", v);
	}
}

SNARE_EXPORT size_t
snare_format_call(char *buf, size_t cap, snare_thread *t, const char *name,
		  const snare_param *params, int nparams, int variadic,
		  const snare_format_opts *opts)
{
	struct pbuf b;
	struct fmt f;
	int i, ni = 0, nf = 0;
	uint64_t v;

	pb_init(&b, buf, cap);
	memset(&f, 0, sizeof(f));
	f.b = &b;
	f.p = snare_thread_proc(t);
	if (!fmt_set_opts(&f, opts))
		return b.len;
	pb_printf(&b, "%s(", name ? name : "?");
	if (nparams < 0 || !params) {
		for (i = 0; i < 6; i++) {
			v = 0;
			snare_reg_get(&v, t, int_regs[i]);
			pb_printf(&b, "%s%#llx", i ? ", " : "", (unsigned long long)v);
		}
		pb_putc(&b, ')');
		return b.len;
	}
	for (i = 0; i < nparams; i++) {
		const snare_param *pa = &params[i];

		if (i)
			pb_puts(&b, ", ");
		if (pa->kind == SNARE_PARAM_FLOAT && nf < 8) {
			print_float(&b, t, nf++, pa->size);
			continue;
		}
		if (pa->kind == SNARE_PARAM_OTHER || pa->kind == SNARE_PARAM_FLOAT ||
		    ni == 6) {
			/* On the stack, or in registers by its members' class. */
			pb_puts(&b, "...");
			pb_putc(&b, ')');
			return b.len;
		}
		v = 0;
		snare_reg_get(&v, t, int_regs[ni++]);
		switch (pa->kind) {
		case SNARE_PARAM_INT:
			print_int(&b, v, pa->size, true);
			break;
		case SNARE_PARAM_UINT:
			print_int(&b, v, pa->size, false);
			break;
		case SNARE_PARAM_STR:
			print_str(&f, v, -1, 0);
			break;
		default:
			if (v)
				pb_printf(&b, "%#llx", (unsigned long long)v);
			else
				pb_puts(&b, "NULL");
		}
	}
	if (variadic)
		pb_puts(&b, nparams ? ", ..." : "...");
	pb_putc(&b, ')');
	return b.len;
}

SNARE_EXPORT size_t
snare_format_return(char *buf, size_t cap, snare_thread *t,
		    const snare_param *ret, const snare_format_opts *opts)
{
	struct pbuf b;
	struct fmt f;
	uint64_t v = 0;

	pb_init(&b, buf, cap);
	memset(&f, 0, sizeof(f));
	f.b = &b;
	f.p = snare_thread_proc(t);
	if (!fmt_set_opts(&f, opts))
		return b.len;
	if (ret && ret->kind == SNARE_PARAM_VOID) {
		pb_puts(&b, "<void>");
		return b.len;
	}
	if (ret && ret->kind == SNARE_PARAM_FLOAT) {
		print_float(&b, t, 0, ret->size);
		return b.len;
	}
	snare_reg_get(&v, t, "rax");
	switch (ret ? ret->kind : SNARE_PARAM_OTHER) {
	case SNARE_PARAM_INT:
		print_int(&b, v, ret->size, true);
		break;
	case SNARE_PARAM_UINT:
		print_int(&b, v, ret->size, false);
		break;
	case SNARE_PARAM_STR:
		print_str(&f, v, -1, 0);
		break;
	case SNARE_PARAM_PTR:
		if (v)
			pb_printf(&b, "%#llx", (unsigned long long)v);
		else
			pb_puts(&b, "NULL");
		break;
	default:
		/* Unknown, or a struct in rax:rdx or through memory. */
		pb_printf(&b, "%#llx", (unsigned long long)v);
	}
	return b.len;
}
