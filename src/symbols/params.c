/* SPDX-License-Identifier: MIT */
/*
 * params.c: a function's formal parameters from DWARF, and a call printed
 * from them at the function's entry ("puts(\"hi\")", "malloc(472)").
 *
 * The function is found by its entry address: the CU covering it (libdwfl
 * finds separate debug info by build-id or debuglink), then the
 * subprogram whose entry pc it is. Each DW_TAG_formal_parameter gives a
 * name and a type, classified for the System V x86_64 calling convention:
 * integers, enums, booleans and pointers take the next of rdi, rsi, rdx,
 * rcx, r8, r9; float and double take the next of xmm0-xmm7; a struct,
 * union, long double or anything else passed by value stops the decoding
 * (its class depends on its members), as does a seventh integer.
 *
 * Not every subprogram describes its parameters. An assembler compile
 * unit (glibc's syscall wrappers such as kill, its string functions) has
 * subprograms without any, and a C function defined without a prototype
 * (`int f()`) lists none of what callers pass: both are "unknown"
 * (-ENOENT), so that callers fall back to the argument registers rather
 * than print "kill()". The return type comes from the same subprogram.
 */
#define _GNU_SOURCE
#include <dwarf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <elfutils/libdw.h>

#include "core/internal.h"
#include "print/print.h"
#include "symbols/symtab.h"

#define TYPE_DEPTH 8

struct entry_search {
	Dwarf_Addr pc;
	Dwarf_Die die;
	bool found;
};

/*
 * Does the function die start at pc? Its entry pc (DW_AT_entry_pc or
 * DW_AT_low_pc); a function with only DW_AT_ranges (glibc's, split in hot
 * and cold parts) starts where one of its ranges does.
 */
static bool
starts_at(Dwarf_Die *die, Dwarf_Addr pc)
{
	Dwarf_Addr entry, base, lo, hi;
	ptrdiff_t off = 0;

	if (dwarf_entrypc(die, &entry) == 0)
		return entry == pc;
	while ((off = dwarf_ranges(die, off, &base, &lo, &hi)) > 0)
		if (lo == pc)
			return true;
	return false;
}

static int
entry_visit(Dwarf_Die *die, void *arg)
{
	struct entry_search *es = arg;

	if (!starts_at(die, es->pc))
		return DWARF_CB_OK;
	es->die = *die;
	es->found = true;
	return DWARF_CB_ABORT;
}

/*
 * The out-of-line function whose entry is pc, by the scopes around pc
 * (what dwarf_getfuncs() misses: a concrete instance of a function that is
 * also inlined elsewhere, as in glibc built -O2).
 */
static bool
scope_function(Dwarf_Die *cu, Dwarf_Addr pc, Dwarf_Die *out)
{
	Dwarf_Die *scopes = NULL;
	int n, i;
	bool found = false;

	n = dwarf_getscopes(cu, pc, &scopes);
	for (i = 0; i < n && !found; i++) {
		if (dwarf_tag(&scopes[i]) != DW_TAG_subprogram)
			continue;
		if (starts_at(&scopes[i], pc)) {
			*out = scopes[i];
			found = true;
		}
		break; /* the innermost out-of-line function decides */
	}
	free(scopes);
	return found;
}

/* The type DIE of die (DW_AT_type, through abstract origins); false: void. */
static bool
type_of(Dwarf_Die *die, Dwarf_Die *out)
{
	Dwarf_Attribute attr;

	return dwarf_attr_integrate(die, DW_AT_type, &attr) &&
	       dwarf_formref_die(&attr, out);
}

/* Skip typedefs and cv-qualifiers (const char * stays a pointer). */
static bool
peel(Dwarf_Die *type)
{
	int i;

	for (i = 0; i < TYPE_DEPTH; i++) {
		int tag = dwarf_tag(type);

		if (tag != DW_TAG_typedef && tag != DW_TAG_const_type &&
		    tag != DW_TAG_volatile_type && tag != DW_TAG_restrict_type &&
		    tag != DW_TAG_atomic_type)
			return true;
		if (!type_of(type, type))
			return false; /* const void */
	}
	return false;
}

/* A readable name for a type: its own, or built for pointers and cv. */
static void
type_name(struct pbuf *b, Dwarf_Die *type, int depth)
{
	const char *name = dwarf_diename(type);
	Dwarf_Die inner;
	int tag = dwarf_tag(type);

	if (name && tag != DW_TAG_structure_type && tag != DW_TAG_union_type &&
	    tag != DW_TAG_enumeration_type) {
		pb_puts(b, name);
		return;
	}
	if (depth >= TYPE_DEPTH) {
		pb_puts(b, "?");
		return;
	}
	switch (tag) {
	case DW_TAG_pointer_type:
	case DW_TAG_reference_type:
	case DW_TAG_rvalue_reference_type:
		if (type_of(type, &inner))
			type_name(b, &inner, depth + 1);
		else
			pb_puts(b, "void");
		pb_puts(b, tag == DW_TAG_pointer_type ? " *" : " &");
		return;
	case DW_TAG_const_type:
	case DW_TAG_volatile_type:
		pb_puts(b, tag == DW_TAG_const_type ? "const " : "volatile ");
		if (type_of(type, &inner))
			type_name(b, &inner, depth + 1);
		else
			pb_puts(b, "void");
		return;
	case DW_TAG_structure_type:
		pb_printf(b, "struct %s", name ? name : "{...}");
		return;
	case DW_TAG_union_type:
		pb_printf(b, "union %s", name ? name : "{...}");
		return;
	case DW_TAG_enumeration_type:
		pb_printf(b, "enum %s", name ? name : "{...}");
		return;
	default:
		if (type_of(type, &inner))
			type_name(b, &inner, depth + 1);
		else
			pb_puts(b, "?");
	}
}

/* Kind and size of a parameter's type. */
static void
classify(snare_param *out, Dwarf_Die *param)
{
	Dwarf_Die type, pointee;
	Dwarf_Word enc;
	Dwarf_Attribute attr;
	struct pbuf b;
	int size;

	out->kind = SNARE_PARAM_OTHER;
	out->size = 0;
	pb_init(&b, out->type, sizeof(out->type));
	if (!type_of(param, &type)) {
		pb_puts(&b, "?");
		return;
	}
	type_name(&b, &type, 0);
	if (!peel(&type))
		return;
	size = dwarf_bytesize(&type);
	out->size = size > 0 ? size : 0;
	switch (dwarf_tag(&type)) {
	case DW_TAG_pointer_type:
	case DW_TAG_reference_type:
	case DW_TAG_rvalue_reference_type:
		out->kind = SNARE_PARAM_PTR;
		out->size = 8;
		if (dwarf_tag(&type) == DW_TAG_pointer_type &&
		    type_of(&type, &pointee) && peel(&pointee) &&
		    dwarf_tag(&pointee) == DW_TAG_base_type &&
		    dwarf_bytesize(&pointee) == 1 &&
		    dwarf_attr(&pointee, DW_AT_encoding, &attr) &&
		    dwarf_formudata(&attr, &enc) == 0 &&
		    (enc == DW_ATE_signed_char || enc == DW_ATE_unsigned_char))
			out->kind = SNARE_PARAM_STR;
		return;
	case DW_TAG_enumeration_type:
		out->kind = SNARE_PARAM_INT;
		return;
	case DW_TAG_base_type:
		if (!dwarf_attr(&type, DW_AT_encoding, &attr) ||
		    dwarf_formudata(&attr, &enc) != 0)
			return;
		if (enc == DW_ATE_float && (size == 4 || size == 8))
			out->kind = SNARE_PARAM_FLOAT;
		else if ((enc == DW_ATE_signed || enc == DW_ATE_signed_char) &&
			 size <= 8)
			out->kind = SNARE_PARAM_INT;
		else if ((enc == DW_ATE_unsigned || enc == DW_ATE_unsigned_char ||
			  enc == DW_ATE_boolean || enc == DW_ATE_UTF) && size <= 8)
			out->kind = SNARE_PARAM_UINT;
		return;
	default:
		return; /* struct, union, array, long double...: OTHER */
	}
}

/*
 * The CU holding addr by walking every CU's ranges: dwfl_module_addrdie()
 * goes by .debug_aranges, which clang does not emit by default.
 */
static Dwarf_Die *
cu_scan(Dwfl_Module *mod, Dwarf_Addr addr, Dwarf_Addr *bias)
{
	Dwarf_Die *cu = NULL;

	while ((cu = dwfl_module_nextcu(mod, cu, bias)))
		if (dwarf_haspc(cu, addr - *bias) > 0)
			return cu;
	return NULL;
}

/* C, whose functions may lack a prototype (C++ ones never do). */
static bool
is_c(int lang)
{
	return lang == DW_LANG_C89 || lang == DW_LANG_C ||
	       lang == DW_LANG_C99 || lang == DW_LANG_C11 ||
	       lang == 0x2c; /* DW_LANG_C17, newer than some dwarf.h */
}

/*
 * The subprogram DIE of the function that starts at addr, and its CU's
 * language. For an out-of-line copy of a function also inlined elsewhere,
 * the abstract instance, which lists every parameter.
 */
static int
function_die(Dwarf_Die *out, int *lang, snare_symtab *st, uint64_t addr)
{
	struct entry_search es = { 0 };
	Dwfl_Module *mod;
	Dwarf_Die *cu;
	Dwarf_Addr bias;
	Dwarf_Attribute attr;
	Dwarf_Die origin;

	mod = dwfl_addrmodule(st->dwfl, addr);
	if (!mod)
		return snare__sym_err(st, -ENOENT, "0x%llx: in no module",
				      (unsigned long long)addr);
	cu = dwfl_module_addrdie(mod, addr, &bias);
	if (!cu)
		cu = cu_scan(mod, addr, &bias);
	if (!cu)
		return snare__sym_err(st, -ENOENT, "0x%llx: no debug info",
				      (unsigned long long)addr);
	*lang = dwarf_srclang(cu);
	if (*lang == DW_LANG_Mips_Assembler)
		return snare__sym_err(st, -ENOENT,
				      "0x%llx: assembler code, its debug info has no types",
				      (unsigned long long)addr);
	es.pc = addr - bias;
	dwarf_getfuncs(cu, entry_visit, &es, 0);
	if (!es.found && !scope_function(cu, es.pc, &es.die))
		return snare__sym_err(st, -ENOENT,
				      "0x%llx: no function starts there in the debug info",
				      (unsigned long long)addr);
	if ((dwarf_attr(&es.die, DW_AT_abstract_origin, &attr) ||
	     dwarf_attr(&es.die, DW_AT_specification, &attr)) &&
	    dwarf_formref_die(&attr, &origin) && dwarf_haschildren(&origin) > 0)
		es.die = origin;
	*out = es.die;
	return 0;
}

SNARE_EXPORT int
snare_symtab_params(snare_param *out, size_t cap, int *variadic,
		    snare_symtab *st, uint64_t addr)
{
	Dwarf_Die die, child;
	bool proto = false;
	size_t n = 0;
	int r, lang;

	if (variadic)
		*variadic = 0;
	if (!st || (cap && !out))
		return -EINVAL;
	r = function_die(&die, &lang, st, addr);
	if (r < 0)
		return r;
	if (is_c(lang)) {
		Dwarf_Attribute attr;

		proto = dwarf_attr_integrate(&die, DW_AT_prototyped, &attr) &&
			dwarf_formflag(&attr, &proto) == 0 && proto;
		if (!proto)
			return snare__sym_err(st, -ENOENT,
					      "0x%llx: a C function without a prototype",
					      (unsigned long long)addr);
	}
	r = dwarf_child(&die, &child);
	while (r == 0) {
		int tag = dwarf_tag(&child);

		if (tag == DW_TAG_formal_parameter) {
			if (n < cap) {
				const char *name = dwarf_diename(&child);

				memset(&out[n], 0, sizeof(out[n]));
				snprintf(out[n].name, sizeof(out[n].name), "%s",
					 name ? name : "");
				classify(&out[n], &child);
			}
			n++;
		} else if (tag == DW_TAG_unspecified_parameters && variadic) {
			*variadic = 1;
		}
		r = dwarf_siblingof(&child, &child);
	}
	return n > (size_t)0x7fffffff ? 0x7fffffff : (int)n;
}

SNARE_EXPORT int
snare_symtab_return_type(snare_param *out, snare_symtab *st, uint64_t addr)
{
	Dwarf_Die die, type;
	int r, lang;

	if (!out || !st)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	r = function_die(&die, &lang, st, addr);
	if (r < 0)
		return r;
	if (!type_of(&die, &type)) {
		out->kind = SNARE_PARAM_VOID;
		snprintf(out->type, sizeof(out->type), "void");
		return 0;
	}
	/* The function's DW_AT_type is its return type: classified as a
	   parameter's (classify() reads the DW_AT_type of the DIE given). */
	classify(out, &die);
	return 0;
}
