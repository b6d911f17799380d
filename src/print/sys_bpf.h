/* SPDX-License-Identifier: MIT */
/*
 * sys_bpf.h: what the bpf syscall's decoder (sys_bpf.c) shares with its
 * name tables (sys_bpf_names.c) and with the printers of the object
 * info BPF_OBJ_GET_INFO_BY_FD reads at exit (sys_bpf_info.c): the attr
 * as read, its field printers, and the notes kept from entry to exit.
 */
#ifndef SNARE_PRINT_SYS_BPF_H
#define SNARE_PRINT_SYS_BPF_H

#include <string.h>

#include "decoders.h"

#define BPF_ATTR_MAX 4096

extern const struct xlat bpf_cmds, bpf_map_types, bpf_map_flags,
	bpf_prog_types, bpf_prog_flags, bpf_file_mode_flags, bpf_update_flags,
	bpf_lookup_flags, bpf_attach_types, bpf_query_flags,
	bpf_test_run_flags, bpf_task_fd_types, bpf_kprobe_multi_flags,
	ebpf_regs, bpf_attach_flags;

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

static inline uint32_t
u32_at(const struct battr *a, size_t off)
{
	uint32_t v;

	memcpy(&v, a->d + off, sizeof(v));
	return v;
}

static inline uint64_t
u64_at(const struct battr *a, size_t off)
{
	uint64_t v;

	memcpy(&v, a->d + off, sizeof(v));
	return v;
}


/* ", name=value" for the field at offset off of the attr. */
void bpf_field_addr(struct fmt *f, const char *name, const struct battr *a,
		    size_t off);
void bpf_field_u32(struct fmt *f, const char *name, const struct battr *a,
		   size_t off);
void bpf_field_u64(struct fmt *f, const char *name, const struct battr *a,
		   size_t off);
/* A name of at most 16 bytes in the struct (strace's
   print_quoted_cstring()). */
void bpf_field_cstring(struct fmt *f, const char *name,
		       const struct battr *a, size_t off);
/* A network interface index: if_nametoindex("lo") when it names one. */
void bpf_field_ifindex(struct fmt *f, const char *name,
		       const struct battr *a, size_t off);
/* A field the kernel may have changed: "in => out" when it did. */
void bpf_field_in_out_u32(struct fmt *f, const char *name, uint32_t in,
			  uint32_t out);
/* The bytes past a struct of struct_size bytes that are not zero: "..."
   or under -v in hex (strace's decode_attr_extra_data()). */
void bpf_extra_data(struct fmt *f, const struct battr *a,
		    uint32_t struct_size);
/* An eBPF program of n instructions: its address, or under -v the list. */
void bpf_print_ebpf_prog(struct fmt *f, uint64_t addr, uint32_t n);
/* At exit of a failed call: the address alone, true; else false. */
bool bpf_exit_failed(struct fmt *f, uint64_t addr);

/* The key of a note slot of the call whose attr is at attr; what was
   noted there at entry, false when nothing was. */
uint64_t bpf_key_of(uint64_t attr, unsigned slot);
bool bpf_noted(const struct fmt *f, uint64_t attr, unsigned slot,
	       uint64_t *val);
/* At exit, " => out" when out differs from the value noted in slot;
   returns the noted value (out when there is none). */
uint32_t bpf_print_changed(struct fmt *f, uint64_t attr, unsigned slot,
			   uint32_t out);

/* OBJ_GET_INFO_BY_FD's attr, at entry and at exit (sys_bpf_info.c). */
void bpf_obj_get_info(struct fmt *f, const struct battr *a, uint64_t v);

#endif
