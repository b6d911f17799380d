/* SPDX-License-Identifier: MIT */
/*
 * sys_bpf.c: the bpf syscall as strace 6.1 prints it: the command, then
 * the union bpf_attr as the command's struct, up to the size passed,
 * field by field in the order the kernel added them, "..." when bytes
 * past the struct snare knows are not zero. Programs and logs are shown
 * by address, as strace does without -v. Commands without a decoder
 * here show the attr's address.
 */
#define _GNU_SOURCE
#include <net/if.h>
#include <string.h>

#include "decoders.h"

#define BPF_ATTR_MAX 4096

XLAT_TABLE(bpf_cmds, "BPF_???", XLAT_PAIR(0, "BPF_MAP_CREATE"),
	   XLAT_PAIR(1, "BPF_MAP_LOOKUP_ELEM"), XLAT_PAIR(2, "BPF_MAP_UPDATE_ELEM"),
	   XLAT_PAIR(3, "BPF_MAP_DELETE_ELEM"), XLAT_PAIR(4, "BPF_MAP_GET_NEXT_KEY"),
	   XLAT_PAIR(5, "BPF_PROG_LOAD"), XLAT_PAIR(6, "BPF_OBJ_PIN"),
	   XLAT_PAIR(7, "BPF_OBJ_GET"), XLAT_PAIR(8, "BPF_PROG_ATTACH"),
	   XLAT_PAIR(9, "BPF_PROG_DETACH"), XLAT_PAIR(10, "BPF_PROG_TEST_RUN"),
	   XLAT_PAIR(11, "BPF_PROG_GET_NEXT_ID"),
	   XLAT_PAIR(12, "BPF_MAP_GET_NEXT_ID"),
	   XLAT_PAIR(13, "BPF_PROG_GET_FD_BY_ID"),
	   XLAT_PAIR(14, "BPF_MAP_GET_FD_BY_ID"),
	   XLAT_PAIR(15, "BPF_OBJ_GET_INFO_BY_FD"), XLAT_PAIR(16, "BPF_PROG_QUERY"),
	   XLAT_PAIR(17, "BPF_RAW_TRACEPOINT_OPEN"), XLAT_PAIR(18, "BPF_BTF_LOAD"),
	   XLAT_PAIR(19, "BPF_BTF_GET_FD_BY_ID"), XLAT_PAIR(20, "BPF_TASK_FD_QUERY"),
	   XLAT_PAIR(21, "BPF_MAP_LOOKUP_AND_DELETE_ELEM"),
	   XLAT_PAIR(22, "BPF_MAP_FREEZE"), XLAT_PAIR(23, "BPF_BTF_GET_NEXT_ID"),
	   XLAT_PAIR(24, "BPF_MAP_LOOKUP_BATCH"),
	   XLAT_PAIR(25, "BPF_MAP_LOOKUP_AND_DELETE_BATCH"),
	   XLAT_PAIR(26, "BPF_MAP_UPDATE_BATCH"),
	   XLAT_PAIR(27, "BPF_MAP_DELETE_BATCH"), XLAT_PAIR(28, "BPF_LINK_CREATE"),
	   XLAT_PAIR(29, "BPF_LINK_UPDATE"), XLAT_PAIR(30, "BPF_LINK_GET_FD_BY_ID"),
	   XLAT_PAIR(31, "BPF_LINK_GET_NEXT_ID"), XLAT_PAIR(32, "BPF_ENABLE_STATS"),
	   XLAT_PAIR(33, "BPF_ITER_CREATE"), XLAT_PAIR(34, "BPF_LINK_DETACH"),
	   XLAT_PAIR(35, "BPF_PROG_BIND_MAP"));
XLAT_TABLE(bpf_map_types, "BPF_MAP_TYPE_???",
	   XLAT_PAIR(0, "BPF_MAP_TYPE_UNSPEC"), XLAT_PAIR(1, "BPF_MAP_TYPE_HASH"),
	   XLAT_PAIR(2, "BPF_MAP_TYPE_ARRAY"),
	   XLAT_PAIR(3, "BPF_MAP_TYPE_PROG_ARRAY"),
	   XLAT_PAIR(4, "BPF_MAP_TYPE_PERF_EVENT_ARRAY"),
	   XLAT_PAIR(5, "BPF_MAP_TYPE_PERCPU_HASH"),
	   XLAT_PAIR(6, "BPF_MAP_TYPE_PERCPU_ARRAY"),
	   XLAT_PAIR(7, "BPF_MAP_TYPE_STACK_TRACE"),
	   XLAT_PAIR(8, "BPF_MAP_TYPE_CGROUP_ARRAY"),
	   XLAT_PAIR(9, "BPF_MAP_TYPE_LRU_HASH"),
	   XLAT_PAIR(10, "BPF_MAP_TYPE_LRU_PERCPU_HASH"),
	   XLAT_PAIR(11, "BPF_MAP_TYPE_LPM_TRIE"),
	   XLAT_PAIR(12, "BPF_MAP_TYPE_ARRAY_OF_MAPS"),
	   XLAT_PAIR(13, "BPF_MAP_TYPE_HASH_OF_MAPS"),
	   XLAT_PAIR(14, "BPF_MAP_TYPE_DEVMAP"),
	   XLAT_PAIR(15, "BPF_MAP_TYPE_SOCKMAP"),
	   XLAT_PAIR(16, "BPF_MAP_TYPE_CPUMAP"),
	   XLAT_PAIR(17, "BPF_MAP_TYPE_XSKMAP"),
	   XLAT_PAIR(18, "BPF_MAP_TYPE_SOCKHASH"),
	   XLAT_PAIR(19, "BPF_MAP_TYPE_CGROUP_STORAGE"),
	   XLAT_PAIR(20, "BPF_MAP_TYPE_REUSEPORT_SOCKARRAY"),
	   XLAT_PAIR(21, "BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE"),
	   XLAT_PAIR(22, "BPF_MAP_TYPE_QUEUE"), XLAT_PAIR(23, "BPF_MAP_TYPE_STACK"),
	   XLAT_PAIR(24, "BPF_MAP_TYPE_SK_STORAGE"),
	   XLAT_PAIR(25, "BPF_MAP_TYPE_DEVMAP_HASH"),
	   XLAT_PAIR(26, "BPF_MAP_TYPE_STRUCT_OPS"),
	   XLAT_PAIR(27, "BPF_MAP_TYPE_RINGBUF"),
	   XLAT_PAIR(28, "BPF_MAP_TYPE_INODE_STORAGE"),
	   XLAT_PAIR(29, "BPF_MAP_TYPE_TASK_STORAGE"),
	   XLAT_PAIR(30, "BPF_MAP_TYPE_BLOOM_FILTER"),
	   XLAT_PAIR(31, "BPF_MAP_TYPE_USER_RINGBUF"));
XLAT_TABLE(bpf_map_flags, "BPF_F_???", XLAT_PAIR(1, "BPF_F_NO_PREALLOC"),
	   XLAT_PAIR((1 << 1), "BPF_F_NO_COMMON_LRU"),
	   XLAT_PAIR((1 << 2), "BPF_F_NUMA_NODE"),
	   XLAT_PAIR((1 << 3), "BPF_F_RDONLY"), XLAT_PAIR((1 << 4), "BPF_F_WRONLY"),
	   XLAT_PAIR((1 << 5), "BPF_F_STACK_BUILD_ID"),
	   XLAT_PAIR((1 << 6), "BPF_F_ZERO_SEED"),
	   XLAT_PAIR((1 << 7), "BPF_F_RDONLY_PROG"),
	   XLAT_PAIR((1 << 8), "BPF_F_WRONLY_PROG"),
	   XLAT_PAIR((1 << 9), "BPF_F_CLONE"),
	   XLAT_PAIR((1 << 10), "BPF_F_MMAPABLE"),
	   XLAT_PAIR((1 << 11), "BPF_F_PRESERVE_ELEMS"),
	   XLAT_PAIR((1 << 12), "BPF_F_INNER_MAP"));
XLAT_TABLE(bpf_prog_types, "BPF_PROG_TYPE_???",
	   XLAT_PAIR(0, "BPF_PROG_TYPE_UNSPEC"),
	   XLAT_PAIR(1, "BPF_PROG_TYPE_SOCKET_FILTER"),
	   XLAT_PAIR(2, "BPF_PROG_TYPE_KPROBE"),
	   XLAT_PAIR(3, "BPF_PROG_TYPE_SCHED_CLS"),
	   XLAT_PAIR(4, "BPF_PROG_TYPE_SCHED_ACT"),
	   XLAT_PAIR(5, "BPF_PROG_TYPE_TRACEPOINT"),
	   XLAT_PAIR(6, "BPF_PROG_TYPE_XDP"),
	   XLAT_PAIR(7, "BPF_PROG_TYPE_PERF_EVENT"),
	   XLAT_PAIR(8, "BPF_PROG_TYPE_CGROUP_SKB"),
	   XLAT_PAIR(9, "BPF_PROG_TYPE_CGROUP_SOCK"),
	   XLAT_PAIR(10, "BPF_PROG_TYPE_LWT_IN"),
	   XLAT_PAIR(11, "BPF_PROG_TYPE_LWT_OUT"),
	   XLAT_PAIR(12, "BPF_PROG_TYPE_LWT_XMIT"),
	   XLAT_PAIR(13, "BPF_PROG_TYPE_SOCK_OPS"),
	   XLAT_PAIR(14, "BPF_PROG_TYPE_SK_SKB"),
	   XLAT_PAIR(15, "BPF_PROG_TYPE_CGROUP_DEVICE"),
	   XLAT_PAIR(16, "BPF_PROG_TYPE_SK_MSG"),
	   XLAT_PAIR(17, "BPF_PROG_TYPE_RAW_TRACEPOINT"),
	   XLAT_PAIR(18, "BPF_PROG_TYPE_CGROUP_SOCK_ADDR"),
	   XLAT_PAIR(19, "BPF_PROG_TYPE_LWT_SEG6LOCAL"),
	   XLAT_PAIR(20, "BPF_PROG_TYPE_LIRC_MODE2"),
	   XLAT_PAIR(21, "BPF_PROG_TYPE_SK_REUSEPORT"),
	   XLAT_PAIR(22, "BPF_PROG_TYPE_FLOW_DISSECTOR"),
	   XLAT_PAIR(23, "BPF_PROG_TYPE_CGROUP_SYSCTL"),
	   XLAT_PAIR(24, "BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE"),
	   XLAT_PAIR(25, "BPF_PROG_TYPE_CGROUP_SOCKOPT"),
	   XLAT_PAIR(26, "BPF_PROG_TYPE_TRACING"),
	   XLAT_PAIR(27, "BPF_PROG_TYPE_STRUCT_OPS"),
	   XLAT_PAIR(28, "BPF_PROG_TYPE_EXT"), XLAT_PAIR(29, "BPF_PROG_TYPE_LSM"),
	   XLAT_PAIR(30, "BPF_PROG_TYPE_SK_LOOKUP"),
	   XLAT_PAIR(31, "BPF_PROG_TYPE_SYSCALL"));
XLAT_TABLE(bpf_prog_flags, "BPF_F_???",
	   XLAT_PAIR(1, "BPF_F_STRICT_ALIGNMENT"),
	   XLAT_PAIR((1 << 1), "BPF_F_ANY_ALIGNMENT"),
	   XLAT_PAIR((1 << 2), "BPF_F_TEST_RND_HI32"),
	   XLAT_PAIR((1 << 3), "BPF_F_TEST_STATE_FREQ"),
	   XLAT_PAIR((1 << 4), "BPF_F_SLEEPABLE"));
XLAT_TABLE(bpf_file_mode_flags, "BPF_F_???",
	   XLAT_PAIR((1 << 3), "BPF_F_RDONLY"), XLAT_PAIR((1 << 4), "BPF_F_WRONLY"));
XLAT_TABLE(bpf_update_flags, "BPF_???", XLAT_PAIR(0, "BPF_ANY"),
	   XLAT_PAIR(1, "BPF_NOEXIST"), XLAT_PAIR(2, "BPF_EXIST"),
	   XLAT_PAIR(4, "BPF_F_LOCK"));
XLAT_TABLE(bpf_lookup_flags, "BPF_???", XLAT_PAIR(0, "BPF_ANY"),
	   XLAT_PAIR(4, "BPF_F_LOCK"));
XLAT_TABLE(bpf_attach_types, "BPF_???",
	   XLAT_PAIR(0, "BPF_CGROUP_INET_INGRESS"),
	   XLAT_PAIR(1, "BPF_CGROUP_INET_EGRESS"),
	   XLAT_PAIR(2, "BPF_CGROUP_INET_SOCK_CREATE"),
	   XLAT_PAIR(3, "BPF_CGROUP_SOCK_OPS"),
	   XLAT_PAIR(4, "BPF_SK_SKB_STREAM_PARSER"),
	   XLAT_PAIR(5, "BPF_SK_SKB_STREAM_VERDICT"),
	   XLAT_PAIR(6, "BPF_CGROUP_DEVICE"), XLAT_PAIR(7, "BPF_SK_MSG_VERDICT"),
	   XLAT_PAIR(8, "BPF_CGROUP_INET4_BIND"),
	   XLAT_PAIR(9, "BPF_CGROUP_INET6_BIND"),
	   XLAT_PAIR(10, "BPF_CGROUP_INET4_CONNECT"),
	   XLAT_PAIR(11, "BPF_CGROUP_INET6_CONNECT"),
	   XLAT_PAIR(12, "BPF_CGROUP_INET4_POST_BIND"),
	   XLAT_PAIR(13, "BPF_CGROUP_INET6_POST_BIND"),
	   XLAT_PAIR(14, "BPF_CGROUP_UDP4_SENDMSG"),
	   XLAT_PAIR(15, "BPF_CGROUP_UDP6_SENDMSG"), XLAT_PAIR(16, "BPF_LIRC_MODE2"),
	   XLAT_PAIR(17, "BPF_FLOW_DISSECTOR"), XLAT_PAIR(18, "BPF_CGROUP_SYSCTL"),
	   XLAT_PAIR(19, "BPF_CGROUP_UDP4_RECVMSG"),
	   XLAT_PAIR(20, "BPF_CGROUP_UDP6_RECVMSG"),
	   XLAT_PAIR(21, "BPF_CGROUP_GETSOCKOPT"),
	   XLAT_PAIR(22, "BPF_CGROUP_SETSOCKOPT"), XLAT_PAIR(23, "BPF_TRACE_RAW_TP"),
	   XLAT_PAIR(24, "BPF_TRACE_FENTRY"), XLAT_PAIR(25, "BPF_TRACE_FEXIT"),
	   XLAT_PAIR(26, "BPF_MODIFY_RETURN"), XLAT_PAIR(27, "BPF_LSM_MAC"),
	   XLAT_PAIR(28, "BPF_TRACE_ITER"),
	   XLAT_PAIR(29, "BPF_CGROUP_INET4_GETPEERNAME"),
	   XLAT_PAIR(30, "BPF_CGROUP_INET6_GETPEERNAME"),
	   XLAT_PAIR(31, "BPF_CGROUP_INET4_GETSOCKNAME"),
	   XLAT_PAIR(32, "BPF_CGROUP_INET6_GETSOCKNAME"),
	   XLAT_PAIR(33, "BPF_XDP_DEVMAP"),
	   XLAT_PAIR(34, "BPF_CGROUP_INET_SOCK_RELEASE"),
	   XLAT_PAIR(35, "BPF_XDP_CPUMAP"), XLAT_PAIR(36, "BPF_SK_LOOKUP"),
	   XLAT_PAIR(37, "BPF_XDP"), XLAT_PAIR(38, "BPF_SK_SKB_VERDICT"),
	   XLAT_PAIR(39, "BPF_SK_REUSEPORT_SELECT"),
	   XLAT_PAIR(40, "BPF_SK_REUSEPORT_SELECT_OR_MIGRATE"),
	   XLAT_PAIR(41, "BPF_PERF_EVENT"), XLAT_PAIR(42, "BPF_TRACE_KPROBE_MULTI"),
	   XLAT_PAIR(43, "BPF_LSM_CGROUP"));
XLAT_TABLE(bpf_attach_flags, "BPF_F_???",
	   XLAT_PAIR(1, "BPF_F_ALLOW_OVERRIDE"),
	   XLAT_PAIR((1 << 1), "BPF_F_ALLOW_MULTI"),
	   XLAT_PAIR((1 << 2), "BPF_F_REPLACE"));

/* One command's attr, read: the bytes passed (at most a page). */
struct battr {
	const unsigned char *d;
	uint32_t size; /* bytes passed */
	uint32_t len;  /* bytes of the struct shown: min(size, struct) */
};

static uint32_t
u32_at(const struct battr *a, size_t off)
{
	uint32_t v = 0;

	if (off + sizeof(v) <= a->len)
		memcpy(&v, a->d + off, sizeof(v));
	return v;
}

static uint64_t
u64_at(const struct battr *a, size_t off)
{
	uint64_t v = 0;

	if (off + sizeof(v) <= a->len)
		memcpy(&v, a->d + off, sizeof(v));
	return v;
}

static void
field_fd(struct fmt *f, const char *name, const struct battr *a, size_t off)
{
	pb_printf(f->b, ", %s=", name);
	print_fd(f, (int)u32_at(a, off));
}

static void
field_addr(struct fmt *f, const char *name, const struct battr *a, size_t off)
{
	pb_printf(f->b, ", %s=", name);
	print_ptr(f, u64_at(a, off));
}

static void
field_u32(struct fmt *f, const char *name, const struct battr *a, size_t off)
{
	pb_printf(f->b, ", %s=%u", name, u32_at(a, off));
}

/* A name of at most 16 bytes in the struct: up to its NUL, "..." when
   it has none. */
static void
field_cstring(struct fmt *f, const char *name, const struct battr *a,
	      size_t off)
{
	size_t n = a->len - off < 16 ? a->len - off : 16;
	const unsigned char *s = a->d + off;
	bool nul = memchr(s, 0, n) != NULL;

	pb_printf(f->b, ", %s=", name);
	pb_quote(f->b, s, n, f->o->xflag, QUOTE_CSTRING);
	if (!nul)
		pb_puts(f->b, "...");
}

static void
field_ifindex(struct fmt *f, const char *name, const struct battr *a,
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

/* strace's decode_attr_extra_data(), without -v: "..." for bytes past
   the struct that are not zero. */
static void
extra_data(struct fmt *f, const struct battr *a, uint32_t struct_size)
{
	uint32_t i;

	for (i = struct_size; i < a->size; i++) {
		if (a->d[i]) {
			pb_puts(f->b, ", ...");
			return;
		}
	}
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
	field_cstring(f, "map_name", a, 28);
	if (a->len <= 44)
		return;
	field_ifindex(f, "map_ifindex", a, 44);
	if (a->len <= 48)
		return;
	field_fd(f, "btf_fd", a, 48);
	field_u32(f, "btf_key_type_id", a, 52);
	field_u32(f, "btf_value_type_id", a, 56);
	if (a->len <= 60)
		return;
	field_u32(f, "btf_vmlinux_value_type_id", a, 60);
	if (a->len <= 64)
		return;
	pb_printf(f->b, ", map_extra=%llu", (unsigned long long)u64_at(a, 64));
	extra_data(f, a, 72);
}

static void
map_elem(struct fmt *f, const struct battr *a, uint32_t cmd)
{
	pb_puts(f->b, "{map_fd=");
	print_fd(f, (int)u32_at(a, 0));
	field_addr(f, "key", a, 8);
	switch (cmd) {
	case 3: /* BPF_MAP_DELETE_ELEM */
		extra_data(f, a, 16);
		return;
	case 4: /* BPF_MAP_GET_NEXT_KEY */
		field_addr(f, "next_key", a, 16);
		extra_data(f, a, 24);
		return;
	}
	field_addr(f, "value", a, 16);
	if (cmd == 2) { /* BPF_MAP_UPDATE_ELEM */
		pb_puts(f->b, ", flags=");
		print_xval(f->b, &bpf_update_flags, u64_at(a, 24), false);
	} else {
		if (a->len <= 24)
			return;
		pb_puts(f->b, ", flags=");
		print_flags(f->b, &bpf_lookup_flags, u64_at(a, 24));
	}
	extra_data(f, a, 32);
}

static void
prog_load(struct fmt *f, const struct battr *a)
{
	uint32_t kv;
	int saved;

	pb_puts(f->b, "{prog_type=");
	print_xval(f->b, &bpf_prog_types, u32_at(a, 0), false);
	field_u32(f, "insn_cnt", a, 4);
	field_addr(f, "insns", a, 8);
	pb_puts(f->b, ", license=");
	print_str(f, u64_at(a, 16), -1, 0);
	if (a->len <= 24)
		return;
	field_u32(f, "log_level", a, 24);
	field_u32(f, "log_size", a, 28);
	pb_puts(f->b, ", log_buf=");
	print_str(f, u64_at(a, 32), (long)u32_at(a, 28), QUOTE_CSTRING);
	if (a->len <= 40)
		return;
	kv = u32_at(a, 40);
	pb_puts(f->b, ", kern_version=");
	if (xstyle_begin(f->b, kv, 16, &saved))
		pb_printf(f->b, "KERNEL_VERSION(%u, %u, %u)", kv >> 16,
			  (kv >> 8) & 0xff, kv & 0xff);
	xstyle_end(f->b, saved);
	if (a->len <= 44)
		return;
	pb_puts(f->b, ", prog_flags=");
	print_flags(f->b, &bpf_prog_flags, u32_at(a, 44));
	if (a->len <= 48)
		return;
	field_cstring(f, "prog_name", a, 48);
	if (a->len <= 64)
		return;
	field_ifindex(f, "prog_ifindex", a, 64);
	if (a->len <= 68)
		return;
	pb_puts(f->b, ", expected_attach_type=");
	print_xval(f->b, &bpf_attach_types, u32_at(a, 68), false);
	if (a->len <= 72)
		return;
	field_fd(f, "prog_btf_fd", a, 72);
	field_u32(f, "func_info_rec_size", a, 76);
	field_addr(f, "func_info", a, 80);
	field_u32(f, "func_info_cnt", a, 88);
	field_u32(f, "line_info_rec_size", a, 92);
	field_addr(f, "line_info", a, 96);
	field_u32(f, "line_info_cnt", a, 104);
	if (a->len <= 108)
		return;
	field_u32(f, "attach_btf_id", a, 108);
	if (a->len <= 112)
		return;
	field_fd(f, "attach_prog_fd", a, 112);
	if (a->len <= 120)
		return;
	field_addr(f, "fd_array", a, 120);
	extra_data(f, a, 128);
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
	extra_data(f, a, 16);
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
	if (!attach) {
		extra_data(f, a, 12);
		return;
	}
	pb_puts(f->b, ", attach_flags=");
	print_flags(f->b, &bpf_attach_flags, u32_at(a, 12));
	if (a->len <= 16)
		return;
	field_fd(f, "replace_bpf_fd", a, 16);
	extra_data(f, a, 20);
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
	extra_data(f, a, 12);
}

/* *_GET_NEXT_ID: next_id is the kernel's answer, " => 5" at exit. */
static void
get_next_id(struct fmt *f, const struct battr *a, uint64_t addr)
{
	int64_t in;

	if (!f->exiting) {
		pb_printf(f->b, "{start_id=%u, next_id=%u", u32_at(a, 0),
			  u32_at(a, 4));
		note_put(f, addr, u32_at(a, 4));
		return;
	}
	if (note_get(f, addr, &in, true) && (uint32_t)in != u32_at(a, 4))
		pb_printf(f->b, " => %u", u32_at(a, 4));
	if (a->len <= 8)
		return;
	pb_puts(f->b, ", open_flags=");
	print_flags(f->b, &bpf_file_mode_flags, u32_at(a, 8));
	extra_data(f, a, 12);
}

/* The size of the struct of each command decoded here; 0: none. */
static const uint32_t bpf_struct_sizes[] = {
	[0] = 72, [1] = 32, [2] = 32, [3] = 16, [4] = 24, [5] = 128,
	[6] = 16, [7] = 16, [8] = 20, [9] = 12, [11] = 12, [12] = 12,
	[13] = 12, [14] = 12, [21] = 32, [22] = 4, [23] = 12, [31] = 12,
};

static bool
is_next_id(uint32_t cmd)
{
	return cmd == 11 || cmd == 12 || cmd == 23 || cmd == 31;
}

void
print_bpf_cmd(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_xval(f->b, &bpf_cmds, (uint32_t)v, false);
}

/* The attr: printed whole at entry, but for *_GET_NEXT_ID, whose
   next_id is filled in by the kernel. */
void
print_bpf_attr(struct fmt *f, uint64_t v, int i)
{
	uint32_t cmd = (uint32_t)f->args[0], size = (uint32_t)f->args[2];
	unsigned char buf[BPF_ATTR_MAX];
	struct battr a;

	(void)i;
	if (f->exiting && !is_next_id(cmd))
		return;
	if (!size || size > BPF_ATTR_MAX || cmd >= ARRAY_SIZE(bpf_struct_sizes)
	    || !bpf_struct_sizes[cmd]) {
		if (!f->exiting)
			print_ptr(f, v);
		return;
	}
	/* Read even when the call failed, as strace does. */
	if (!v || !f->p || snare_mem_read(buf, f->p, v, size) != 0) {
		if (!f->exiting)
			print_ptr(f, v);
		else if (is_next_id(cmd))
			pb_putc(f->b, '}');
		return;
	}
	a.d = buf;
	a.size = size;
	a.len = size < bpf_struct_sizes[cmd] ? size : bpf_struct_sizes[cmd];
	switch (cmd) {
	case 0: map_create(f, &a); break;
	case 1: case 2: case 3: case 4: case 21: map_elem(f, &a, cmd); break;
	case 5: prog_load(f, &a); break;
	case 6: case 7: obj_pin(f, &a); break;
	case 8: prog_attach(f, &a, true); break;
	case 9: prog_attach(f, &a, false); break;
	case 13: get_fd_by_id(f, &a, "prog_id"); break;
	case 14: get_fd_by_id(f, &a, "map_id"); break;
	case 22:
		pb_puts(f->b, "{map_fd=");
		print_fd(f, (int)u32_at(&a, 0));
		extra_data(f, &a, 4);
		break;
	default:
		get_next_id(f, &a, v);
		if (!f->exiting)
			return;
		break;
	}
	pb_putc(f->b, '}');
}

/* The commands that return an fd. */
void
rv_bpf(struct fmt *f)
{
	switch ((uint32_t)f->args[0]) {
	case 0: case 5: case 6: case 7: case 13: case 14:
		print_fd(f, (int)f->rv);
		break;
	default:
		pb_printf(f->b, "%lld", (long long)f->rv);
		break;
	}
}
