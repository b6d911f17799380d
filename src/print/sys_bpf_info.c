/* SPDX-License-Identifier: MIT */
/*
 * sys_bpf_info.c: BPF_OBJ_GET_INFO_BY_FD, as strace 6.1 prints it: the
 * fd and info_len at entry, at exit the length the kernel wrote back
 * and, under -v, the info itself when the fd is a map's or a program's
 * (struct bpf_map_info, struct bpf_prog_info), the fields of a
 * program's the kernel rewrites shown as "entry => exit".
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sys_bpf.h"

/* An address the kernel may have changed: "in => out" when it did. */
static void
field_in_out_addr(struct fmt *f, const char *name, uint64_t in, uint64_t out)
{
	pb_printf(f->b, ", %s=", name);
	if (in != out) {
		print_ptr(f, in);
		pb_puts(f->b, " => ");
	}
	print_ptr(f, out);
}

enum { OBJ_NONE, OBJ_MAP, OBJ_PROG };

/* The kind of BPF object an fd of the tracee is, by its link's target. */
static int
obj_kind(struct fmt *f, int fd)
{
	char link[64], target[64];
	ssize_t n;

	if (!f->p || fd < 0)
		return OBJ_NONE;
	snprintf(link, sizeof(link), "/proc/%d/fd/%d", snare_proc_pid(f->p),
		 fd);
	n = readlink(link, target, sizeof(target) - 1);
	if (n <= 0)
		return OBJ_NONE;
	target[n] = '\0';
	if (!strcmp(target, "anon_inode:bpf-map"))
		return OBJ_MAP;
	if (!strcmp(target, "anon_inode:bpf-prog"))
		return OBJ_PROG;
	return OBJ_NONE;
}

/* The fields of bpf_prog_info the kernel may change, by offset; their
   entry values are noted in slots 2 and up. */
static const struct {
	uint8_t off;
	bool wide;
} prog_info_saved[] = {
	{ 16, false }, { 20, false }, { 52, false }, { 104, false },
	{ 108, false }, { 112, true }, { 120, true }, { 132, false },
	{ 144, false }, { 148, false }, { 160, true }, { 168, false },
	{ 172, false }, { 176, false }, { 180, false },
};

static uint64_t
prog_info_in(const uint64_t *in, unsigned off)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(prog_info_saved); i++)
		if (prog_info_saved[i].off == off)
			return in[i];
	return 0;
}

/* The local time of a boot time in ns, approximate (strace's
   print_boottime()): the date in a comment, seconds only. */
static void
print_boottime(struct fmt *f, uint64_t ns)
{
	struct timespec rt, bt;
	int64_t sec, nsec;
	char date[96];

	if (f->b->xstyle == 1 || clock_gettime(CLOCK_BOOTTIME, &bt) ||
	    clock_gettime(CLOCK_REALTIME, &rt))
		return;
	sec = (int64_t)rt.tv_sec - bt.tv_sec + (int64_t)(ns / 1000000000);
	nsec = (int64_t)rt.tv_nsec - bt.tv_nsec + (int64_t)(ns % 1000000000);
	if (nsec < 0)
		sec--, nsec += 1000000000;
	else if (nsec >= 1000000000)
		sec++;
	if (format_date(date, sizeof(date), sec))
		pb_printf(f->b, " /* %s */", date);
}

static void
map_info(struct fmt *f, const struct battr *a)
{
	pb_puts(f->b, "{type=");
	print_xval(f->b, &bpf_map_types, u32_at(a, 0), false);
	bpf_field_u32(f, "id", a, 4);
	bpf_field_u32(f, "key_size", a, 8);
	bpf_field_u32(f, "value_size", a, 12);
	bpf_field_u32(f, "max_entries", a, 16);
	pb_puts(f->b, ", map_flags=");
	print_flags(f->b, &bpf_map_flags, u32_at(a, 20));
	if (a->len > 24) {
		bpf_field_cstring(f, "name", a, 24);
	}
	if (a->len > 40) {
		bpf_field_ifindex(f, "ifindex", a, 40);
		bpf_field_u32(f, "btf_vmlinux_value_type_id", a, 44);
		pb_puts(f->b, ", netns_dev=");
		print_dev(f->b, u64_at(a, 48));
		bpf_field_u64(f, "netns_ino", a, 56);
	}
	if (a->len > 64) {
		bpf_field_u32(f, "btf_id", a, 64);
		bpf_field_u32(f, "btf_key_type_id", a, 68);
		bpf_field_u32(f, "btf_value_type_id", a, 72);
		bpf_extra_data(f, a, 88);
	}
	pb_putc(f->b, '}');
}

static void
prog_info(struct fmt *f, const struct battr *a, const uint64_t *in)
{
	uint32_t n;

#define IN_OUT(name, off) \
	bpf_field_in_out_u32(f, name, (uint32_t)prog_info_in(in, off), \
			 u32_at(a, off))
#define IN_OUT_ADDR(name, off) \
	field_in_out_addr(f, name, prog_info_in(in, off), u64_at(a, off))
	pb_puts(f->b, "{type=");
	print_xval(f->b, &bpf_prog_types, u32_at(a, 0), false);
	bpf_field_u32(f, "id", a, 4);
	pb_puts(f->b, ", tag=");
	pb_quote(f->b, a->d + 8, 8, 0, QUOTE_FORCE_HEX);
	IN_OUT("jited_prog_len", 16);
	pb_puts(f->b, ", jited_prog_insns=");
	if (!bpf_exit_failed(f, u64_at(a, 24)))
		print_str(f, u64_at(a, 24), (long)u32_at(a, 16),
			  QUOTE_FORCE_HEX);
	IN_OUT("xlated_prog_len", 20);
	n = u32_at(a, 20);
	if ((uint32_t)prog_info_in(in, 20) < n)
		n = (uint32_t)prog_info_in(in, 20);
	pb_puts(f->b, ", xlated_prog_insns=");
	bpf_print_ebpf_prog(f, u64_at(a, 32), n / 8);
	if (a->len <= 40)
		goto end;
	bpf_field_u64(f, "load_time", a, 40);
	print_boottime(f, u64_at(a, 40));
	pb_puts(f->b, ", created_by_uid=");
	pb_printf(f->b, "%u", u32_at(a, 48));
	IN_OUT("nr_map_ids", 52);
	n = u32_at(a, 52);
	if ((uint32_t)prog_info_in(in, 52) < n)
		n = (uint32_t)prog_info_in(in, 52);
	pb_puts(f->b, ", map_ids=");
	print_array(f, u64_at(a, 56), n, 4, print_elem_u32, NULL);
	bpf_field_cstring(f, "name", a, 64);
	if (a->len <= 80)
		goto end;
	bpf_field_ifindex(f, "ifindex", a, 80);
	pb_printf(f->b, ", gpl_compatible=%u", u32_at(a, 84) & 1);
	pb_puts(f->b, ", netns_dev=");
	print_dev(f->b, u64_at(a, 88));
	bpf_field_u64(f, "netns_ino", a, 96);
	if (a->len <= 104)
		goto end;
	IN_OUT("nr_jited_ksyms", 104);
	IN_OUT("nr_jited_func_lens", 108);
	IN_OUT_ADDR("jited_ksyms", 112);
	IN_OUT_ADDR("jited_func_lens", 120);
	if (a->len <= 128)
		goto end;
	bpf_field_u32(f, "btf_id", a, 128);
	IN_OUT("func_info_rec_size", 132);
	bpf_field_addr(f, "func_info", a, 136);
	IN_OUT("nr_func_info", 144);
	IN_OUT("nr_line_info", 148);
	bpf_field_addr(f, "line_info", a, 152);
	IN_OUT_ADDR("jited_line_info", 160);
	IN_OUT("nr_jited_line_info", 168);
	IN_OUT("line_info_rec_size", 172);
	IN_OUT("jited_line_info_rec_size", 176);
	IN_OUT("nr_prog_tags", 180);
	bpf_field_addr(f, "prog_tags", a, 184);
	if (a->len <= 192)
		goto end;
	bpf_field_u64(f, "run_time_ns", a, 192);
	bpf_field_u64(f, "run_cnt", a, 200);
	if (a->len <= 208)
		goto end;
	bpf_field_u64(f, "recursion_misses", a, 208);
	if (a->len <= 216)
		goto end;
	bpf_field_u32(f, "verified_insns", a, 216);
	bpf_extra_data(f, a, 220);
end:
	pb_putc(f->b, '}');
#undef IN_OUT
#undef IN_OUT_ADDR
}

/* An object's info of size bytes at addr, zero-padded; false when it
   cannot be read. */
static bool
read_info(struct fmt *f, unsigned char *buf, uint64_t addr, uint32_t size)
{
	memset(buf, 0, BPF_ATTR_MAX);
	return size && size <= BPF_ATTR_MAX && f->p &&
	       snare__mem_peek(buf, f->p, addr, size) == 0;
}

/* OBJ_GET_INFO_BY_FD: {info={bpf_fd=4, info_len=88 => 80, info={...}}}.
   Under -v the map's or program's info is read at exit; a program's
   lengths and counts the kernel rewrites are noted at entry. */
void
bpf_obj_get_info(struct fmt *f, const struct battr *a, uint64_t v)
{
	unsigned char info[BPF_ATTR_MAX];
	uint64_t addr = u64_at(a, 8), kind = OBJ_NONE;
	uint64_t in[ARRAY_SIZE(prog_info_saved)] = { 0 };
	struct battr ia;
	size_t i;

	if (!f->exiting) {
		pb_puts(f->b, "{info={bpf_fd=");
		print_fd(f, (int)u32_at(a, 0));
		bpf_field_u32(f, "info_len", a, 4);
		note_put(f, bpf_key_of(v, 0), u32_at(a, 4));
		if (!f->o->verbose)
			return;
		kind = (uint64_t)obj_kind(f, (int)u32_at(a, 0));
		note_put(f, bpf_key_of(v, 1), (int64_t)kind);
		if (kind != OBJ_PROG || !read_info(f, info, addr, u32_at(a, 4)))
			return;
		ia = (struct battr){ info, u32_at(a, 4), 220 };
		for (i = 0; i < ARRAY_SIZE(prog_info_saved); i++)
			note_put(f, bpf_key_of(v, 2 + (unsigned)i),
				 (int64_t)(prog_info_saved[i].wide ?
				 u64_at(&ia, prog_info_saved[i].off) :
				 u32_at(&ia, prog_info_saved[i].off)));
		return;
	}
	bpf_print_changed(f, v, 0, u32_at(a, 4));
	if (f->o->verbose)
		bpf_noted(f, v, 1, &kind);
	for (i = 0; i < ARRAY_SIZE(prog_info_saved); i++)
		bpf_noted(f, v, 2 + (unsigned)i, &in[i]);
	pb_puts(f->b, ", info=");
	if (kind == OBJ_NONE || !read_info(f, info, addr, u32_at(a, 4))) {
		print_ptr(f, addr);
	} else {
		uint32_t size = u32_at(a, 4);

		ia = (struct battr){ info, size, 0 };
		ia.len = size < (kind == OBJ_MAP ? 88U : 220U) ?
			 size : (kind == OBJ_MAP ? 88U : 220U);
		if (kind == OBJ_MAP)
			map_info(f, &ia);
		else
			prog_info(f, &ia, in);
	}
	pb_putc(f->b, '}');
}
