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
 * program's info is read at exit and eBPF programs are listed. Commands
 * strace does not decode show the attr's address.
 */
#define _GNU_SOURCE
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "decoders.h"

#define BPF_ATTR_MAX 4096
/* No more eBPF instructions shown than the kernel's old limit. */
#define EBPF_MAXINSNS 4096

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
XLAT_TABLE(bpf_query_flags, "BPF_F_QUERY_???",
	   XLAT_PAIR(1, "BPF_F_QUERY_EFFECTIVE"));
XLAT_TABLE(bpf_test_run_flags, "BPF_F_???",
	   XLAT_PAIR(1, "BPF_F_TEST_RUN_ON_CPU"),
	   XLAT_PAIR((1 << 1), "BPF_F_TEST_XDP_LIVE_FRAMES"));
XLAT_TABLE(bpf_task_fd_types, "BPF_FD_TYPE_???",
	   XLAT_PAIR(0, "BPF_FD_TYPE_RAW_TRACEPOINT"),
	   XLAT_PAIR(1, "BPF_FD_TYPE_TRACEPOINT"),
	   XLAT_PAIR(2, "BPF_FD_TYPE_KPROBE"),
	   XLAT_PAIR(3, "BPF_FD_TYPE_KRETPROBE"),
	   XLAT_PAIR(4, "BPF_FD_TYPE_UPROBE"),
	   XLAT_PAIR(5, "BPF_FD_TYPE_URETPROBE"));
XLAT_TABLE(bpf_kprobe_multi_flags, "BPF_F_???",
	   XLAT_PAIR(1, "BPF_F_KPROBE_MULTI_RETURN"));
XLAT_TABLE(ebpf_regs, "BPF_REG_???", XLAT_PAIR(0, "BPF_REG_0"),
	   XLAT_PAIR(1, "BPF_REG_1"), XLAT_PAIR(2, "BPF_REG_2"),
	   XLAT_PAIR(3, "BPF_REG_3"), XLAT_PAIR(4, "BPF_REG_4"),
	   XLAT_PAIR(5, "BPF_REG_5"), XLAT_PAIR(6, "BPF_REG_6"),
	   XLAT_PAIR(7, "BPF_REG_7"), XLAT_PAIR(8, "BPF_REG_8"),
	   XLAT_PAIR(9, "BPF_REG_9"), XLAT_PAIR(10, "BPF_REG_10"));
XLAT_TABLE(bpf_attach_flags, "BPF_F_???",
	   XLAT_PAIR(1, "BPF_F_ALLOW_OVERRIDE"),
	   XLAT_PAIR((1 << 1), "BPF_F_ALLOW_MULTI"),
	   XLAT_PAIR((1 << 2), "BPF_F_REPLACE"));


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

/*
 * One command's attr (or an object's info), read: the bytes passed (at
 * most a page), zero past them, as the kernel and strace see a short
 * struct. len: the bytes of the struct shown, min(size, struct).
 */
struct battr {
	const unsigned char *d;
	uint32_t size;
	uint32_t len;
};

static uint32_t
u32_at(const struct battr *a, size_t off)
{
	uint32_t v;

	memcpy(&v, a->d + off, sizeof(v));
	return v;
}

static uint64_t
u64_at(const struct battr *a, size_t off)
{
	uint64_t v;

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

static void
field_u64(struct fmt *f, const char *name, const struct battr *a, size_t off)
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
static void
field_cstring(struct fmt *f, const char *name, const struct battr *a,
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

/* strace's decode_attr_extra_data(): for bytes past the struct that are
   not zero, "..." or under -v the bytes in hex with their offsets. */
static void
extra_data(struct fmt *f, const struct battr *a, uint32_t struct_size)
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
static void
print_ebpf_prog(struct fmt *f, uint64_t addr, uint32_t n)
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
	field_u64(f, "map_extra", a, 64);
}

static void
map_elem(struct fmt *f, const struct battr *a, uint32_t cmd)
{
	pb_puts(f->b, "{map_fd=");
	print_fd(f, (int)u32_at(a, 0));
	field_addr(f, "key", a, 8);
	switch (cmd) {
	case C_MAP_DELETE_ELEM:
		return;
	case C_MAP_GET_NEXT_KEY:
		field_addr(f, "next_key", a, 16);
		return;
	}
	field_addr(f, "value", a, 16);
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
	uint32_t kv;
	int saved;

	pb_puts(f->b, "{prog_type=");
	print_xval(f->b, &bpf_prog_types, u32_at(a, 0), false);
	field_u32(f, "insn_cnt", a, 4);
	pb_puts(f->b, ", insns=");
	print_ebpf_prog(f, u64_at(a, 8), u32_at(a, 4));
	pb_puts(f->b, ", license=");
	print_str(f, u64_at(a, 16), -1, 0);
	if (a->len <= 24)
		return;
	field_u32(f, "log_level", a, 24);
	field_u32(f, "log_size", a, 28);
	field_str_nul(f, "log_buf", u64_at(a, 32), u32_at(a, 28));
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
	field_u32(f, "retval", a, 4);
	field_u32(f, "data_size_in", a, 8);
	field_u32(f, "data_size_out", a, 12);
	field_addr(f, "data_in", a, 16);
	field_addr(f, "data_out", a, 24);
	field_u32(f, "repeat", a, 32);
	field_u32(f, "duration", a, 36);
	if (a->len > 40) {
		field_u32(f, "ctx_size_in", a, 40);
		field_u32(f, "ctx_size_out", a, 44);
		field_addr(f, "ctx_in", a, 48);
		field_addr(f, "ctx_out", a, 56);
	}
	if (a->len > 64) {
		pb_puts(f->b, ", flags=");
		print_flags(f->b, &bpf_test_run_flags, u32_at(a, 64));
		field_u32(f, "cpu", a, 68);
	}
	if (a->len > 72)
		field_u32(f, "batch_size", a, 72);
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
	field_addr(f, "btf_log_buf", a, 8);
	field_u32(f, "btf_size", a, 16);
	field_u32(f, "btf_log_size", a, 20);
	field_u32(f, "btf_log_level", a, 24);
}

static void
batch_in(struct fmt *f, const struct battr *a, uint32_t cmd)
{
	pb_puts(f->b, "{batch={");
	if (cmd == C_MAP_LOOKUP_BATCH || cmd == C_MAP_LOOKUP_AND_DELETE_BATCH) {
		pb_puts(f->b, "in_batch=");
		print_ptr(f, u64_at(a, 0));
		field_addr(f, "out_batch", a, 8);
		pb_puts(f->b, ", ");
	}
	pb_puts(f->b, "keys=");
	print_ptr(f, u64_at(a, 16));
	if (cmd != C_MAP_DELETE_BATCH)
		field_addr(f, "values", a, 24);
	field_u32(f, "count", a, 32);
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
			field_u32(f, "target_btf_id", a, 16);
		pb_putc(f->b, '}');
		return 20;
	case AT_TRACE_ITER:
		pb_puts(f->b, ", iter_info=");
		print_array(f, u64_at(a, 16), u32_at(a, 24), 4,
			    print_iter_info, NULL);
		field_u32(f, "iter_info_len", a, 24);
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
static uint64_t
key_of(uint64_t attr, unsigned slot)
{
	return attr + 1 + slot;
}

static bool
noted(const struct fmt *f, uint64_t attr, unsigned slot, uint64_t *val)
{
	int64_t v;

	if (!note_get(f, key_of(attr, slot), &v, true))
		return false;
	*val = (uint64_t)v;
	return true;
}

/* A field an exit value of which may differ from the entry's: "5 => 7"
   when it does (strace's way for the fields of bpf_prog_info). */
static void
field_in_out_u32(struct fmt *f, const char *name, uint32_t in, uint32_t out)
{
	pb_printf(f->b, ", %s=", name);
	if (in != out)
		pb_printf(f->b, "%u => ", in);
	pb_printf(f->b, "%u", out);
}

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

/* At exit of a failed call strace shows an array's or a string's
   address only. */
static bool
exit_failed(struct fmt *f, uint64_t addr)
{
	if (!f->exiting || !is_error(f) || !addr)
		return false;
	print_ptr(f, addr);
	return true;
}

static void
map_info(struct fmt *f, const struct battr *a)
{
	pb_puts(f->b, "{type=");
	print_xval(f->b, &bpf_map_types, u32_at(a, 0), false);
	field_u32(f, "id", a, 4);
	field_u32(f, "key_size", a, 8);
	field_u32(f, "value_size", a, 12);
	field_u32(f, "max_entries", a, 16);
	pb_puts(f->b, ", map_flags=");
	print_flags(f->b, &bpf_map_flags, u32_at(a, 20));
	if (a->len > 24) {
		field_cstring(f, "name", a, 24);
	}
	if (a->len > 40) {
		field_ifindex(f, "ifindex", a, 40);
		field_u32(f, "btf_vmlinux_value_type_id", a, 44);
		pb_puts(f->b, ", netns_dev=");
		print_dev(f->b, u64_at(a, 48));
		field_u64(f, "netns_ino", a, 56);
	}
	if (a->len > 64) {
		field_u32(f, "btf_id", a, 64);
		field_u32(f, "btf_key_type_id", a, 68);
		field_u32(f, "btf_value_type_id", a, 72);
		extra_data(f, a, 88);
	}
	pb_putc(f->b, '}');
}

static void
prog_info(struct fmt *f, const struct battr *a, const uint64_t *in)
{
	uint32_t n;

#define IN_OUT(name, off) \
	field_in_out_u32(f, name, (uint32_t)prog_info_in(in, off), \
			 u32_at(a, off))
#define IN_OUT_ADDR(name, off) \
	field_in_out_addr(f, name, prog_info_in(in, off), u64_at(a, off))
	pb_puts(f->b, "{type=");
	print_xval(f->b, &bpf_prog_types, u32_at(a, 0), false);
	field_u32(f, "id", a, 4);
	pb_puts(f->b, ", tag=");
	pb_quote(f->b, a->d + 8, 8, 0, QUOTE_FORCE_HEX);
	IN_OUT("jited_prog_len", 16);
	pb_puts(f->b, ", jited_prog_insns=");
	if (!exit_failed(f, u64_at(a, 24)))
		print_str(f, u64_at(a, 24), (long)u32_at(a, 16),
			  QUOTE_FORCE_HEX);
	IN_OUT("xlated_prog_len", 20);
	n = u32_at(a, 20);
	if ((uint32_t)prog_info_in(in, 20) < n)
		n = (uint32_t)prog_info_in(in, 20);
	pb_puts(f->b, ", xlated_prog_insns=");
	if (!f->o->verbose || n / 8 == 0 || !exit_failed(f, u64_at(a, 32)))
		print_ebpf_prog(f, u64_at(a, 32), n / 8);
	if (a->len <= 40)
		goto end;
	field_u64(f, "load_time", a, 40);
	print_boottime(f, u64_at(a, 40));
	pb_puts(f->b, ", created_by_uid=");
	pb_printf(f->b, "%u", u32_at(a, 48));
	IN_OUT("nr_map_ids", 52);
	n = u32_at(a, 52);
	if ((uint32_t)prog_info_in(in, 52) < n)
		n = (uint32_t)prog_info_in(in, 52);
	pb_puts(f->b, ", map_ids=");
	if (!n || !exit_failed(f, u64_at(a, 56)))
		print_array(f, u64_at(a, 56), n, 4, print_elem_u32, NULL);
	field_cstring(f, "name", a, 64);
	if (a->len <= 80)
		goto end;
	field_ifindex(f, "ifindex", a, 80);
	pb_printf(f->b, ", gpl_compatible=%u", u32_at(a, 84) & 1);
	pb_puts(f->b, ", netns_dev=");
	print_dev(f->b, u64_at(a, 88));
	field_u64(f, "netns_ino", a, 96);
	if (a->len <= 104)
		goto end;
	IN_OUT("nr_jited_ksyms", 104);
	IN_OUT("nr_jited_func_lens", 108);
	IN_OUT_ADDR("jited_ksyms", 112);
	IN_OUT_ADDR("jited_func_lens", 120);
	if (a->len <= 128)
		goto end;
	field_u32(f, "btf_id", a, 128);
	IN_OUT("func_info_rec_size", 132);
	field_addr(f, "func_info", a, 136);
	IN_OUT("nr_func_info", 144);
	IN_OUT("nr_line_info", 148);
	field_addr(f, "line_info", a, 152);
	IN_OUT_ADDR("jited_line_info", 160);
	IN_OUT("nr_jited_line_info", 168);
	IN_OUT("line_info_rec_size", 172);
	IN_OUT("jited_line_info_rec_size", 176);
	IN_OUT("nr_prog_tags", 180);
	field_addr(f, "prog_tags", a, 184);
	if (a->len <= 192)
		goto end;
	field_u64(f, "run_time_ns", a, 192);
	field_u64(f, "run_cnt", a, 200);
	if (a->len <= 208)
		goto end;
	field_u64(f, "recursion_misses", a, 208);
	if (a->len <= 216)
		goto end;
	field_u32(f, "verified_insns", a, 216);
	extra_data(f, a, 220);
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
	       snare_mem_read(buf, f->p, addr, size) == 0;
}

/* OBJ_GET_INFO_BY_FD: {info={bpf_fd=4, info_len=88 => 80, info={...}}}.
   Under -v the map's or program's info is read at exit; a program's
   lengths and counts the kernel rewrites are noted at entry. */
static void
obj_get_info(struct fmt *f, const struct battr *a, uint64_t v)
{
	unsigned char info[BPF_ATTR_MAX];
	uint64_t addr = u64_at(a, 8), in_len, kind = OBJ_NONE;
	uint64_t in[ARRAY_SIZE(prog_info_saved)] = { 0 };
	struct battr ia;
	size_t i;

	if (!f->exiting) {
		pb_puts(f->b, "{info={bpf_fd=");
		print_fd(f, (int)u32_at(a, 0));
		field_u32(f, "info_len", a, 4);
		note_put(f, key_of(v, 0), u32_at(a, 4));
		if (!f->o->verbose)
			return;
		kind = (uint64_t)obj_kind(f, (int)u32_at(a, 0));
		note_put(f, key_of(v, 1), (int64_t)kind);
		if (kind != OBJ_PROG || !read_info(f, info, addr, u32_at(a, 4)))
			return;
		ia = (struct battr){ info, u32_at(a, 4), 220 };
		for (i = 0; i < ARRAY_SIZE(prog_info_saved); i++)
			note_put(f, key_of(v, 2 + (unsigned)i),
				 (int64_t)(prog_info_saved[i].wide ?
				 u64_at(&ia, prog_info_saved[i].off) :
				 u32_at(&ia, prog_info_saved[i].off)));
		return;
	}
	if (noted(f, v, 0, &in_len) && (uint32_t)in_len != u32_at(a, 4))
		pb_printf(f->b, " => %u", u32_at(a, 4));
	if (f->o->verbose)
		noted(f, v, 1, &kind);
	for (i = 0; i < ARRAY_SIZE(prog_info_saved); i++)
		noted(f, v, 2 + (unsigned)i, &in[i]);
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
		note_put(f, key_of(v, 0), u32_at(a, 24));
		return;
	}
	if (!u32_at(a, 24) || !exit_failed(f, u64_at(a, 16)))
		print_array(f, u64_at(a, 16), u32_at(a, 24), 4,
			    print_elem_u32, NULL);
	if (!noted(f, v, 0, &in))
		in = u32_at(a, 24);
	pb_puts(f->b, ", prog_cnt=");
	if ((uint32_t)in != u32_at(a, 24))
		pb_printf(f->b, "%u => ", (uint32_t)in);
	pb_printf(f->b, "%u}", u32_at(a, 24));
}

static void
task_fd_query(struct fmt *f, const struct battr *a, uint64_t v)
{
	uint64_t in;
	uint32_t len;

	if (!f->exiting) {
		pb_puts(f->b, "{task_fd_query={pid=");
		print_pid(f, (int)u32_at(a, 0));
		field_fd(f, "fd", a, 4);
		field_u32(f, "flags", a, 8);
		field_u32(f, "buf_len", a, 12);
		note_put(f, key_of(v, 0), u32_at(a, 12));
		return;
	}
	if (!noted(f, v, 0, &in))
		in = u32_at(a, 12);
	if ((uint32_t)in != u32_at(a, 12))
		pb_printf(f->b, " => %u", u32_at(a, 12));
	len = (uint32_t)in < u32_at(a, 12) ? (uint32_t)in : u32_at(a, 12);
	pb_puts(f->b, ", buf=");
	if (!exit_failed(f, u64_at(a, 16)))
		field_str_nul(f, NULL, u64_at(a, 16), len);
	field_u32(f, "prog_id", a, 24);
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
	uint64_t in;

	if (!f->exiting) {
		pb_printf(f->b, "{start_id=%u, next_id=%u", u32_at(a, 0),
			  u32_at(a, 4));
		note_put(f, key_of(v, 0), u32_at(a, 4));
		return;
	}
	if (noted(f, v, 0, &in) && (uint32_t)in != u32_at(a, 4))
		pb_printf(f->b, " => %u", u32_at(a, 4));
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
	case C_OBJ_GET_INFO_BY_FD: obj_get_info(f, a, v); return 0;
	case C_PROG_QUERY: prog_query(f, a, v); return 0;
	case C_TASK_FD_QUERY: task_fd_query(f, a, v); return 0;
	case C_MAP_LOOKUP_BATCH: case C_MAP_LOOKUP_AND_DELETE_BATCH:
	case C_MAP_UPDATE_BATCH: case C_MAP_DELETE_BATCH:
		batch_in(f, a, cmd);
		note_put(f, key_of(v, 0), u32_at(a, 32));
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
	if (!v || !f->p || snare_mem_read(buf, f->p, v, size) != 0) {
		/* At exit too (unmapped meanwhile), as strace. */
		print_ptr(f, v);
		return;
	}
	a.d = buf;
	a.size = size;
	a.len = size < bpf_struct_sizes[cmd] ? size : bpf_struct_sizes[cmd];
	if (f->exiting && is_batch(cmd)) {
		if (noted(f, v, 0, &count) && (uint32_t)count != u32_at(&a, 32))
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
		case C_OBJ_GET_INFO_BY_FD: obj_get_info(f, &a, v); break;
		case C_PROG_QUERY: prog_query(f, &a, v); break;
		case C_TASK_FD_QUERY: task_fd_query(f, &a, v); break;
		default: get_next_id(f, &a, v); break;
		}
	}
	extra_data(f, &a, struct_size);
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
