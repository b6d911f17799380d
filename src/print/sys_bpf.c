/* SPDX-License-Identifier: MIT */
/*
 * sys_bpf.c: the bpf syscall as strace 6.1 prints it: the command, then
 * the union bpf_attr as the command's struct, up to the size passed
 * (zero past it, as the kernel reads a short attr), field by field in
 * the order the kernel added them, then "..." (-v: the bytes in hex)
 * when bytes past the struct snare knows are not zero. The commands the
 * kernel answers in the attr (*_GET_NEXT_ID, OBJ_GET_INFO_BY_FD,
 * PROG_QUERY, TASK_FD_QUERY, the map batches) are finished at exit with
 * the values that changed ("next_id=0 => 5"); under -v a map's or a
 * program's info is read at exit (sys_bpf_info.c) and eBPF programs are
 * listed. Commands strace does not decode show the attr's address. The
 * names of the constants are in sys_bpf_names.c.
 */
#define _GNU_SOURCE
#include <net/if.h>
#include <string.h>

#include "sys_bpf.h"

/* No more eBPF instructions shown than the kernel's old limit. */
#define EBPF_MAXINSNS 4096

/* BPF commands by number (include/uapi/linux/bpf.h). */
enum {
	C_MAP_CREATE, C_MAP_LOOKUP_ELEM, C_MAP_UPDATE_ELEM, C_MAP_DELETE_ELEM,
	C_MAP_GET_NEXT_KEY, C_PROG_LOAD, C_OBJ_PIN, C_OBJ_GET, C_PROG_ATTACH,
	C_PROG_DETACH, C_PROG_TEST_RUN, C_PROG_GET_NEXT_ID, C_MAP_GET_NEXT_ID,
	C_PROG_GET_FD_BY_ID, C_MAP_GET_FD_BY_ID, C_OBJ_GET_INFO_BY_FD,
	C_PROG_QUERY, C_RAW_TRACEPOINT_OPEN, C_BTF_LOAD, C_BTF_GET_FD_BY_ID,
	C_TASK_FD_QUERY, C_MAP_LOOKUP_AND_DELETE_ELEM, C_MAP_FREEZE,
	C_BTF_GET_NEXT_ID, C_MAP_LOOKUP_BATCH, C_MAP_LOOKUP_AND_DELETE_BATCH,
	C_MAP_UPDATE_BATCH, C_MAP_DELETE_BATCH, C_LINK_CREATE, C_LINK_UPDATE,
	C_LINK_GET_FD_BY_ID, C_LINK_GET_NEXT_ID
};

/* Attach types whose link_create union member strace decodes. */
enum { AT_TRACE_ITER = 28, AT_PERF_EVENT = 41, AT_TRACE_KPROBE_MULTI = 42 };

static void
field_fd(struct fmt *f, const char *name, const struct battr *a, size_t off)
{
	pb_printf(f->b, ", %s=", name);
	print_fd(f, (int)u32_at(a, off));
}

void
bpf_field_addr(struct fmt *f, const char *name, const struct battr *a,
	       size_t off)
{
	pb_printf(f->b, ", %s=", name);
	print_ptr(f, u64_at(a, off));
}

void
bpf_field_u32(struct fmt *f, const char *name, const struct battr *a,
	      size_t off)
{
	pb_printf(f->b, ", %s=%u", name, u32_at(a, off));
}

void
bpf_field_u64(struct fmt *f, const char *name, const struct battr *a,
	      size_t off)
{
	pb_printf(f->b, ", %s=%llu", name, (unsigned long long)u64_at(a, off));
}

static void
field_x64(struct fmt *f, const char *name, const struct battr *a, size_t off)
{
	uint64_t v = u64_at(a, off);

	pb_printf(f->b, v ? ", %s=%#llx" : ", %s=0", name,
		  (unsigned long long)v);
}

/* A NUL-terminated string of at most len bytes, NULL shown as such;
   name NULL: the value alone. */
static void
field_str_nul(struct fmt *f, const char *name, uint64_t addr, uint32_t len)
{
	if (name)
		pb_printf(f->b, ", %s=", name);
	if (!addr)
		pb_puts(f->b, "NULL");
	else
		print_str_nul(f, addr, len);
}

/* A name of at most 16 bytes in the struct, of which n were passed: up
   to its NUL, at most n - 1 bytes, then "..." when none of the n is a
   NUL (strace's print_quoted_cstring()). */
void
bpf_field_cstring(struct fmt *f, const char *name, const struct battr *a,
		  size_t off)
{
	size_t n = a->len - off < 16 ? a->len - off : 16;
	const unsigned char *s = a->d + off;
	bool nul = memchr(s, 0, n) != NULL;

	pb_printf(f->b, ", %s=", name);
	pb_quote(f->b, s, strnlen((const char *)s, n ? n - 1 : 0),
		 f->o->xflag, 0);
	if (!nul)
		pb_puts(f->b, "...");
}

void
bpf_field_ifindex(struct fmt *f, const char *name, const struct battr *a,
		  size_t off)
{
	char ifname[IF_NAMESIZE];
	uint32_t idx = u32_at(a, off);

	pb_printf(f->b, ", %s=", name);
	if (idx && if_indextoname(idx, ifname)) {
		pb_puts(f->b, "if_nametoindex(");
		pb_quote(f->b, (const unsigned char *)ifname,
			 strnlen(ifname, sizeof(ifname)), 0, QUOTE_CSTRING);
		pb_putc(f->b, ')');
	} else {
		pb_printf(f->b, "%u", idx);
	}
}

/* strace's decode_attr_extra_data(): for bytes past the struct that are
   not zero, "..." or under -v the bytes in hex with their offsets. */
void
bpf_extra_data(struct fmt *f, const struct battr *a, uint32_t struct_size)
{
	uint32_t i;

	for (i = struct_size; i < a->size; i++) {
		if (!a->d[i])
			continue;
		if (!f->o->verbose) {
			pb_puts(f->b, ", ...");
			return;
		}
		pb_puts(f->b, ", extra_data=");
		pb_quote(f->b, a->d + struct_size, a->size - struct_size, 0,
			 QUOTE_FORCE_HEX);
		pb_printf(f->b, " /* bytes %u..%u */", struct_size,
			  a->size - 1);
		return;
	}
}

static bool
print_ebpf_insn(struct fmt *f, const void *elem, void *data)
{
	unsigned *count = data;
	const unsigned char *in = elem;
	int16_t off;
	uint32_t imm;

	if ((*count)++ >= EBPF_MAXINSNS) {
		pb_puts(f->b, "...");
		return false;
	}
	memcpy(&off, in + 2, sizeof(off));
	memcpy(&imm, in + 4, sizeof(imm));
	pb_puts(f->b, "{code=");
	print_ebpf_code(f->b, in[0]);
	pb_puts(f->b, ", dst_reg=");
	print_xval(f->b, &ebpf_regs, in[1] & 0xf, false);
	pb_puts(f->b, ", src_reg=");
	print_xval(f->b, &ebpf_regs, in[1] >> 4, false);
	pb_printf(f->b, imm ? ", off=%d, imm=%#x}" : ", off=%d, imm=%u}", off,
		  imm);
	return true;
}

/* A program of n instructions: its address, or under -v the list. */
void
bpf_print_ebpf_prog(struct fmt *f, uint64_t addr, uint32_t n)
{
	unsigned count = 0;

	if (!f->o->verbose)
		print_ptr(f, addr);
	else
		print_array(f, addr, n, 8, print_ebpf_insn, &count);
}

static void
map_create(struct fmt *f, const struct battr *a)
{
	uint32_t flags = u32_at(a, 16);

	pb_puts(f->b, "{map_type=");
	print_xval(f->b, &bpf_map_types, u32_at(a, 0), false);
	pb_printf(f->b, ", key_size=%u, value_size=%u, max_entries=%u",
		  u32_at(a, 4), u32_at(a, 8), u32_at(a, 12));
	if (a->len <= 16)
		return;
	pb_puts(f->b, ", map_flags=");
	print_flags(f->b, &bpf_map_flags, flags);
	if (a->len <= 20)
		return;
	field_fd(f, "inner_map_fd", a, 20);
	if (a->len <= 24)
		return;
	if (flags & (1U << 2) /* BPF_F_NUMA_NODE */) {
		uint32_t node = u32_at(a, 24);

		pb_printf(f->b, node == UINT32_MAX ?
			  ", numa_node=%u /* NUMA_NO_NODE */" :
			  ", numa_node=%u", node);
	}
	if (a->len <= 28)
		return;
	bpf_field_cstring(f, "map_name", a, 28);
	if (a->len <= 44)
		return;
	bpf_field_ifindex(f, "map_ifindex", a, 44);
	if (a->len <= 48)
		return;
	field_fd(f, "btf_fd", a, 48);
	bpf_field_u32(f, "btf_key_type_id", a, 52);
	bpf_field_u32(f, "btf_value_type_id", a, 56);
	if (a->len <= 60)
		return;
	bpf_field_u32(f, "btf_vmlinux_value_type_id", a, 60);
	if (a->len <= 64)
		return;
	bpf_field_u64(f, "map_extra", a, 64);
}

static void
map_elem(struct fmt *f, const struct battr *a, uint32_t cmd)
{
	pb_puts(f->b, "{map_fd=");
	print_fd(f, (int)u32_at(a, 0));
	bpf_field_addr(f, "key", a, 8);
	switch (cmd) {
	case C_MAP_DELETE_ELEM:
		return;
	case C_MAP_GET_NEXT_KEY:
		bpf_field_addr(f, "next_key", a, 16);
		return;
	}
	bpf_field_addr(f, "value", a, 16);
	if (cmd == C_MAP_UPDATE_ELEM) {
		pb_puts(f->b, ", flags=");
		print_xval(f->b, &bpf_update_flags, u64_at(a, 24), false);
	} else if (a->len > 24) {
		pb_puts(f->b, ", flags=");
		print_flags(f->b, &bpf_lookup_flags, u64_at(a, 24));
	}
}

static void
prog_load(struct fmt *f, const struct battr *a)
{
	pb_puts(f->b, "{prog_type=");
	print_xval(f->b, &bpf_prog_types, u32_at(a, 0), false);
	bpf_field_u32(f, "insn_cnt", a, 4);
	pb_puts(f->b, ", insns=");
	bpf_print_ebpf_prog(f, u64_at(a, 8), u32_at(a, 4));
	pb_puts(f->b, ", license=");
	print_str(f, u64_at(a, 16), -1, 0);
	if (a->len <= 24)
		return;
	bpf_field_u32(f, "log_level", a, 24);
	bpf_field_u32(f, "log_size", a, 28);
	field_str_nul(f, "log_buf", u64_at(a, 32), u32_at(a, 28));
	if (a->len <= 40)
		return;
	pb_puts(f->b, ", kern_version=");
	print_kernel_version(f->b, u32_at(a, 40));
	if (a->len <= 44)
		return;
	pb_puts(f->b, ", prog_flags=");
	print_flags(f->b, &bpf_prog_flags, u32_at(a, 44));
	if (a->len <= 48)
		return;
	bpf_field_cstring(f, "prog_name", a, 48);
	if (a->len <= 64)
		return;
	bpf_field_ifindex(f, "prog_ifindex", a, 64);
	if (a->len <= 68)
		return;
	pb_puts(f->b, ", expected_attach_type=");
	print_xval(f->b, &bpf_attach_types, u32_at(a, 68), false);
	if (a->len <= 72)
		return;
	field_fd(f, "prog_btf_fd", a, 72);
	bpf_field_u32(f, "func_info_rec_size", a, 76);
	bpf_field_addr(f, "func_info", a, 80);
	bpf_field_u32(f, "func_info_cnt", a, 88);
	bpf_field_u32(f, "line_info_rec_size", a, 92);
	bpf_field_addr(f, "line_info", a, 96);
	bpf_field_u32(f, "line_info_cnt", a, 104);
	if (a->len <= 108)
		return;
	bpf_field_u32(f, "attach_btf_id", a, 108);
	if (a->len <= 112)
		return;
	field_fd(f, "attach_prog_fd", a, 112);
	if (a->len <= 120)
		return;
	bpf_field_addr(f, "fd_array", a, 120);
}

static void
obj_pin(struct fmt *f, const struct battr *a)
{
	pb_puts(f->b, "{pathname=");
	print_path(f, u64_at(a, 0));
	field_fd(f, "bpf_fd", a, 8);
	if (a->len <= 12)
		return;
	pb_puts(f->b, ", file_flags=");
	print_flags(f->b, &bpf_file_mode_flags, u32_at(a, 12));
}

static void
prog_attach(struct fmt *f, const struct battr *a, bool attach)
{
	pb_puts(f->b, "{target_fd=");
	print_fd(f, (int)u32_at(a, 0));
	if (attach)
		field_fd(f, "attach_bpf_fd", a, 4);
	pb_puts(f->b, ", attach_type=");
	print_xval(f->b, &bpf_attach_types, u32_at(a, 8), false);
	if (!attach)
		return;
	pb_puts(f->b, ", attach_flags=");
	print_flags(f->b, &bpf_attach_flags, u32_at(a, 12));
	if (a->len <= 16)
		return;
	field_fd(f, "replace_bpf_fd", a, 16);
}

static void
prog_test_run(struct fmt *f, const struct battr *a)
{
	pb_puts(f->b, "{test={prog_fd=");
	print_fd(f, (int)u32_at(a, 0));
	bpf_field_u32(f, "retval", a, 4);
	bpf_field_u32(f, "data_size_in", a, 8);
	bpf_field_u32(f, "data_size_out", a, 12);
	bpf_field_addr(f, "data_in", a, 16);
	bpf_field_addr(f, "data_out", a, 24);
	bpf_field_u32(f, "repeat", a, 32);
	bpf_field_u32(f, "duration", a, 36);
	if (a->len > 40) {
		bpf_field_u32(f, "ctx_size_in", a, 40);
		bpf_field_u32(f, "ctx_size_out", a, 44);
		bpf_field_addr(f, "ctx_in", a, 48);
		bpf_field_addr(f, "ctx_out", a, 56);
	}
	if (a->len > 64) {
		pb_puts(f->b, ", flags=");
		print_flags(f->b, &bpf_test_run_flags, u32_at(a, 64));
		bpf_field_u32(f, "cpu", a, 68);
	}
	if (a->len > 72)
		bpf_field_u32(f, "batch_size", a, 72);
	pb_putc(f->b, '}');
}

/* *_GET_FD_BY_ID: {prog_id=1, next_id=0, open_flags=0}. */
static void
get_fd_by_id(struct fmt *f, const struct battr *a, const char *id)
{
	pb_printf(f->b, "{%s=%u, next_id=%u", id, u32_at(a, 0), u32_at(a, 4));
	if (a->len <= 8)
		return;
	pb_puts(f->b, ", open_flags=");
	print_flags(f->b, &bpf_file_mode_flags, u32_at(a, 8));
}

static void
raw_tracepoint_open(struct fmt *f, const struct battr *a)
{
	pb_puts(f->b, "{raw_tracepoint={name=");
	if (!u64_at(a, 0))
		pb_puts(f->b, "NULL");
	else
		print_str_nul(f, u64_at(a, 0), 128);
	field_fd(f, "prog_fd", a, 8);
	pb_putc(f->b, '}');
}

static void
btf_load(struct fmt *f, const struct battr *a)
{
	pb_puts(f->b, "{btf=");
	print_str(f, u64_at(a, 0), (long)u32_at(a, 16), 0);
	bpf_field_addr(f, "btf_log_buf", a, 8);
	bpf_field_u32(f, "btf_size", a, 16);
	bpf_field_u32(f, "btf_log_size", a, 20);
	bpf_field_u32(f, "btf_log_level", a, 24);
}

static void
batch_in(struct fmt *f, const struct battr *a, uint32_t cmd)
{
	pb_puts(f->b, "{batch={");
	if (cmd == C_MAP_LOOKUP_BATCH || cmd == C_MAP_LOOKUP_AND_DELETE_BATCH) {
		pb_puts(f->b, "in_batch=");
		print_ptr(f, u64_at(a, 0));
		bpf_field_addr(f, "out_batch", a, 8);
		pb_puts(f->b, ", ");
	}
	pb_puts(f->b, "keys=");
	print_ptr(f, u64_at(a, 16));
	if (cmd != C_MAP_DELETE_BATCH)
		bpf_field_addr(f, "values", a, 24);
	bpf_field_u32(f, "count", a, 32);
	field_fd(f, "map_fd", a, 36);
	pb_puts(f->b, ", elem_flags=");
	print_flags(f->b, &bpf_lookup_flags, u64_at(a, 40));
	field_x64(f, "flags", a, 48);
	pb_putc(f->b, '}');
}

static bool
print_iter_info(struct fmt *f, const void *elem, void *data)
{
	uint32_t fd;

	(void)data;
	memcpy(&fd, elem, sizeof(fd));
	pb_puts(f->b, "{map={map_fd=");
	print_fd(f, (int)fd);
	pb_puts(f->b, "}}");
	return true;
}

static bool
print_str_elem(struct fmt *f, const void *elem, void *data)
{
	uint64_t p;

	(void)data;
	memcpy(&p, elem, sizeof(p));
	print_str(f, p, -1, 0);
	return true;
}

/* LINK_CREATE: the union member guessed from the attach type, as
   strace does; returns the size of the struct so decoded. */
static uint32_t
link_create(struct fmt *f, const struct battr *a)
{
	uint32_t type = u32_at(a, 8), cnt;

	pb_puts(f->b, "{link_create={prog_fd=");
	print_fd(f, (int)u32_at(a, 0));
	field_fd(f, "target_fd", a, 4);
	pb_puts(f->b, ", attach_type=");
	print_xval(f->b, &bpf_attach_types, type, false);
	pb_printf(f->b, u32_at(a, 12) ? ", flags=%#x" : ", flags=%u",
		  u32_at(a, 12));
	if (a->len <= 16) {
		pb_putc(f->b, '}');
		return 48;
	}
	switch (type) {
	case 0:
		if (u32_at(a, 16))
			bpf_field_u32(f, "target_btf_id", a, 16);
		pb_putc(f->b, '}');
		return 20;
	case AT_TRACE_ITER:
		pb_puts(f->b, ", iter_info=");
		print_array(f, u64_at(a, 16), u32_at(a, 24), 4,
			    print_iter_info, NULL);
		bpf_field_u32(f, "iter_info_len", a, 24);
		pb_putc(f->b, '}');
		return 28;
	case AT_PERF_EVENT:
		pb_puts(f->b, ", perf_event={bpf_cookie=");
		pb_printf(f->b, u64_at(a, 16) ? "%#llx}}" : "0}}",
			  (unsigned long long)u64_at(a, 16));
		return 24;
	case AT_TRACE_KPROBE_MULTI:
		cnt = u32_at(a, 20);
		pb_puts(f->b, ", kprobe_multi={flags=");
		print_flags(f->b, &bpf_kprobe_multi_flags, u32_at(a, 16));
		pb_printf(f->b, ", cnt=%u, syms=", cnt);
		print_array(f, u64_at(a, 24), cnt, 8, print_str_elem, NULL);
		pb_puts(f->b, ", addrs=");
		print_array(f, u64_at(a, 32), cnt, 8, print_elem_x64, NULL);
		pb_puts(f->b, ", cookies=");
		print_array(f, u64_at(a, 40), cnt, 8, print_elem_x64, NULL);
		pb_puts(f->b, "}}");
		return 48;
	}
	pb_putc(f->b, '}');
	return 16;
}

static void
link_update(struct fmt *f, const struct battr *a)
{
	pb_puts(f->b, "{link_update={link_fd=");
	print_fd(f, (int)u32_at(a, 0));
	field_fd(f, "new_prog_fd", a, 4);
	pb_puts(f->b, ", flags=");
	print_flags(f->b, &bpf_attach_flags, u32_at(a, 8));
	if (u32_at(a, 8) & (1U << 2) /* BPF_F_REPLACE */)
		field_fd(f, "old_prog_fd", a, 12);
	pb_putc(f->b, '}');
}

/* ---- Commands finished at exit: values noted at entry, by key. ---- */

/* Keys of the notes of one call, from the attr's address: the attr's
   own note says the entry half was printed; the others keep inputs the
   kernel overwrites. */
uint64_t
bpf_key_of(uint64_t attr, unsigned slot)
{
	return attr + 1 + slot;
}

bool
bpf_noted(const struct fmt *f, uint64_t attr, unsigned slot, uint64_t *val)
{
	int64_t v;

	if (!note_get(f, bpf_key_of(attr, slot), &v, true))
		return false;
	*val = (uint64_t)v;
	return true;
}

/* At exit, " => out" after a value the kernel rewrote, when it differs
   from the one noted at entry in slot; that one (out when none was). */
uint32_t
bpf_print_changed(struct fmt *f, uint64_t attr, unsigned slot, uint32_t out)
{
	uint64_t in;

	if (!bpf_noted(f, attr, slot, &in))
		in = out;
	if ((uint32_t)in != out)
		pb_printf(f->b, " => %u", out);
	return (uint32_t)in;
}

/* A field an exit value of which may differ from the entry's: "5 => 7"
   when it does (strace's way for the fields of bpf_prog_info). */
void
bpf_field_in_out_u32(struct fmt *f, const char *name, uint32_t in,
		     uint32_t out)
{
	pb_printf(f->b, ", %s=", name);
	if (in != out)
		pb_printf(f->b, "%u => ", in);
	pb_printf(f->b, "%u", out);
}

/* At exit of a failed call strace shows a string's address only (an
   array's too, which print_array() does itself). */
bool
bpf_exit_failed(struct fmt *f, uint64_t addr)
{
	if (!f->exiting || !is_error(f) || !addr)
		return false;
	print_ptr(f, addr);
	return true;
}

static void
prog_query(struct fmt *f, const struct battr *a, uint64_t v)
{
	uint64_t in;

	if (!f->exiting) {
		pb_puts(f->b, "{query={target_fd=");
		print_fd(f, (int)u32_at(a, 0));
		pb_puts(f->b, ", attach_type=");
		print_xval(f->b, &bpf_attach_types, u32_at(a, 4), false);
		pb_puts(f->b, ", query_flags=");
		print_flags(f->b, &bpf_query_flags, u32_at(a, 8));
		pb_puts(f->b, ", attach_flags=");
		print_flags(f->b, &bpf_attach_flags, u32_at(a, 12));
		pb_puts(f->b, ", prog_ids=");
		note_put(f, bpf_key_of(v, 0), u32_at(a, 24));
		return;
	}
	print_array(f, u64_at(a, 16), u32_at(a, 24), 4, print_elem_u32, NULL);
	if (!bpf_noted(f, v, 0, &in))
		in = u32_at(a, 24);
	bpf_field_in_out_u32(f, "prog_cnt", (uint32_t)in, u32_at(a, 24));
	pb_putc(f->b, '}');
}

static void
task_fd_query(struct fmt *f, const struct battr *a, uint64_t v)
{
	uint32_t in, len;

	if (!f->exiting) {
		pb_puts(f->b, "{task_fd_query={pid=");
		print_pid(f, (int)u32_at(a, 0));
		field_fd(f, "fd", a, 4);
		bpf_field_u32(f, "flags", a, 8);
		bpf_field_u32(f, "buf_len", a, 12);
		note_put(f, bpf_key_of(v, 0), u32_at(a, 12));
		return;
	}
	in = bpf_print_changed(f, v, 0, u32_at(a, 12));
	len = in < u32_at(a, 12) ? in : u32_at(a, 12);
	pb_puts(f->b, ", buf=");
	if (!bpf_exit_failed(f, u64_at(a, 16)))
		field_str_nul(f, NULL, u64_at(a, 16), len);
	bpf_field_u32(f, "prog_id", a, 24);
	pb_puts(f->b, ", fd_type=");
	print_xval(f->b, &bpf_task_fd_types, u32_at(a, 28), false);
	field_x64(f, "probe_offset", a, 32);
	field_x64(f, "probe_addr", a, 40);
	pb_putc(f->b, '}');
}

/* *_GET_NEXT_ID: next_id is the kernel's answer, " => 5" at exit. */
static void
get_next_id(struct fmt *f, const struct battr *a, uint64_t v)
{
	if (!f->exiting) {
		pb_printf(f->b, "{start_id=%u, next_id=%u", u32_at(a, 0),
			  u32_at(a, 4));
		note_put(f, bpf_key_of(v, 0), u32_at(a, 4));
		return;
	}
	bpf_print_changed(f, v, 0, u32_at(a, 4));
	if (a->len <= 8)
		return;
	pb_puts(f->b, ", open_flags=");
	print_flags(f->b, &bpf_file_mode_flags, u32_at(a, 8));
}

/* The size of the struct of each command decoded here; 0: none. */
static const uint32_t bpf_struct_sizes[] = {
	[C_MAP_CREATE] = 72, [C_MAP_LOOKUP_ELEM] = 32,
	[C_MAP_UPDATE_ELEM] = 32, [C_MAP_DELETE_ELEM] = 16,
	[C_MAP_GET_NEXT_KEY] = 24, [C_PROG_LOAD] = 128, [C_OBJ_PIN] = 16,
	[C_OBJ_GET] = 16, [C_PROG_ATTACH] = 20, [C_PROG_DETACH] = 12,
	[C_PROG_TEST_RUN] = 76, [C_PROG_GET_NEXT_ID] = 12,
	[C_MAP_GET_NEXT_ID] = 12, [C_PROG_GET_FD_BY_ID] = 12,
	[C_MAP_GET_FD_BY_ID] = 12, [C_OBJ_GET_INFO_BY_FD] = 16,
	[C_PROG_QUERY] = 28, [C_RAW_TRACEPOINT_OPEN] = 12,
	[C_BTF_LOAD] = 28, [C_BTF_GET_FD_BY_ID] = 4, [C_TASK_FD_QUERY] = 48,
	[C_MAP_LOOKUP_AND_DELETE_ELEM] = 32, [C_MAP_FREEZE] = 4,
	[C_BTF_GET_NEXT_ID] = 12, [C_MAP_LOOKUP_BATCH] = 56,
	[C_MAP_LOOKUP_AND_DELETE_BATCH] = 56, [C_MAP_UPDATE_BATCH] = 56,
	[C_MAP_DELETE_BATCH] = 56, [C_LINK_CREATE] = 48,
	[C_LINK_UPDATE] = 16, [C_LINK_GET_FD_BY_ID] = 4,
	[C_LINK_GET_NEXT_ID] = 12,
};

/* The commands whose attr is finished at exit. */
static bool
is_split(uint32_t cmd)
{
	switch (cmd) {
	case C_PROG_GET_NEXT_ID: case C_MAP_GET_NEXT_ID:
	case C_BTF_GET_NEXT_ID: case C_LINK_GET_NEXT_ID:
	case C_OBJ_GET_INFO_BY_FD: case C_PROG_QUERY: case C_TASK_FD_QUERY:
	case C_MAP_LOOKUP_BATCH: case C_MAP_LOOKUP_AND_DELETE_BATCH:
	case C_MAP_UPDATE_BATCH: case C_MAP_DELETE_BATCH:
		return true;
	}
	return false;
}

static bool
is_batch(uint32_t cmd)
{
	return cmd >= C_MAP_LOOKUP_BATCH && cmd <= C_MAP_DELETE_BATCH;
}

static bool
decodable(uint32_t cmd, uint32_t size)
{
	return size && size <= BPF_ATTR_MAX &&
	       cmd < ARRAY_SIZE(bpf_struct_sizes) && bpf_struct_sizes[cmd];
}

void
print_bpf_cmd(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_xval(f->b, &bpf_cmds, (uint32_t)v, false);
}

/* The entry half of a command's attr; the size of the struct for the
   extra data check, 0 when it is done at exit. */
static uint32_t
attr_entry(struct fmt *f, const struct battr *a, uint32_t cmd, uint64_t v)
{
	switch (cmd) {
	case C_MAP_CREATE: map_create(f, a); break;
	case C_MAP_LOOKUP_ELEM: case C_MAP_UPDATE_ELEM: case C_MAP_DELETE_ELEM:
	case C_MAP_GET_NEXT_KEY: case C_MAP_LOOKUP_AND_DELETE_ELEM:
		map_elem(f, a, cmd);
		break;
	case C_PROG_LOAD: prog_load(f, a); break;
	case C_OBJ_PIN: case C_OBJ_GET: obj_pin(f, a); break;
	case C_PROG_ATTACH: prog_attach(f, a, true); break;
	case C_PROG_DETACH: prog_attach(f, a, false); break;
	case C_PROG_TEST_RUN: prog_test_run(f, a); break;
	case C_PROG_GET_FD_BY_ID: get_fd_by_id(f, a, "prog_id"); break;
	case C_MAP_GET_FD_BY_ID: get_fd_by_id(f, a, "map_id"); break;
	case C_RAW_TRACEPOINT_OPEN: raw_tracepoint_open(f, a); break;
	case C_BTF_LOAD: btf_load(f, a); break;
	case C_BTF_GET_FD_BY_ID: pb_printf(f->b, "{btf_id=%u", u32_at(a, 0)); break;
	case C_LINK_GET_FD_BY_ID:
		pb_printf(f->b, "{link_id=%u", u32_at(a, 0));
		break;
	case C_MAP_FREEZE:
		pb_puts(f->b, "{map_fd=");
		print_fd(f, (int)u32_at(a, 0));
		break;
	case C_LINK_CREATE: return link_create(f, a);
	case C_LINK_UPDATE: link_update(f, a); break;
	case C_OBJ_GET_INFO_BY_FD: bpf_obj_get_info(f, a, v); return 0;
	case C_PROG_QUERY: prog_query(f, a, v); return 0;
	case C_TASK_FD_QUERY: task_fd_query(f, a, v); return 0;
	case C_MAP_LOOKUP_BATCH: case C_MAP_LOOKUP_AND_DELETE_BATCH:
	case C_MAP_UPDATE_BATCH: case C_MAP_DELETE_BATCH:
		batch_in(f, a, cmd);
		note_put(f, bpf_key_of(v, 0), u32_at(a, 32));
		return bpf_struct_sizes[cmd];
	default: get_next_id(f, a, v); return 0;
	}
	return bpf_struct_sizes[cmd];
}

/* The attr: printed at entry, and for the commands the kernel answers
   in it (is_split()) finished at exit, when the entry half was read. */
void
print_bpf_attr(struct fmt *f, uint64_t v, int i)
{
	uint32_t cmd = (uint32_t)f->args[0], size = (uint32_t)f->args[2];
	unsigned char buf[BPF_ATTR_MAX + 8];
	uint32_t struct_size;
	struct battr a;
	uint64_t count;
	int64_t begun;

	(void)i;
	if (f->exiting && (!is_split(cmd) || !note_get(f, v, &begun, true)))
		return;
	if (!f->exiting && !decodable(cmd, size)) {
		print_ptr(f, v);
		return;
	}
	memset(buf, 0, sizeof(buf));
	/* Read even when the call failed, as strace does. */
	if (!v || !f->p || snare__mem_peek(buf, f->p, v, size) != 0) {
		/* At exit too (unmapped meanwhile), as strace. */
		print_ptr(f, v);
		return;
	}
	a.d = buf;
	a.size = size;
	a.len = size < bpf_struct_sizes[cmd] ? size : bpf_struct_sizes[cmd];
	if (f->exiting && is_batch(cmd)) {
		if (bpf_noted(f, v, 0, &count) && (uint32_t)count != u32_at(&a, 32))
			pb_printf(f->b, " => {batch={count=%u}}",
				  u32_at(&a, 32));
		return;
	}
	if (!f->exiting) {
		struct_size = attr_entry(f, &a, cmd, v);
		if (is_split(cmd))
			note_put(f, v, 1);
		if (!struct_size)
			return;
	} else {
		struct_size = bpf_struct_sizes[cmd];
		switch (cmd) {
		case C_OBJ_GET_INFO_BY_FD: bpf_obj_get_info(f, &a, v); break;
		case C_PROG_QUERY: prog_query(f, &a, v); break;
		case C_TASK_FD_QUERY: task_fd_query(f, &a, v); break;
		default: get_next_id(f, &a, v); break;
		}
	}
	bpf_extra_data(f, &a, struct_size);
	pb_putc(f->b, '}');
}

/* The commands that return an fd, when their attr was decoded. */
void
rv_bpf(struct fmt *f)
{
	uint32_t cmd = (uint32_t)f->args[0];

	switch (cmd) {
	case C_MAP_CREATE: case C_PROG_LOAD: case C_OBJ_PIN: case C_OBJ_GET:
	case C_PROG_GET_FD_BY_ID: case C_MAP_GET_FD_BY_ID: case C_BTF_LOAD:
	case C_BTF_GET_FD_BY_ID: case C_LINK_CREATE: case C_LINK_GET_FD_BY_ID:
		if (f->rv == (int)f->rv && decodable(cmd, (uint32_t)f->args[2])
		    && f->args[1]) {
			print_fd(f, (int)f->rv);
			break;
		}
		/* fall through */
	default:
		pb_printf(f->b, "%lld", (long long)f->rv);
		break;
	}
}
