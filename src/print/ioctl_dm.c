/* SPDX-License-Identifier: MIT */
/*
 * ioctl_dm.c: the device mapper commands (0xfd), as strace 6.1 prints
 * them: the struct dm_ioctl header in brackets at entry (version,
 * sizes, the device, the values the command reads, the flags) and what
 * follows it in the buffer (target specs, a message, a string); at exit,
 * after " => ", the header again with the values the kernel set and the
 * lists it wrote (target specs and status, dependencies, device names,
 * target versions). A header the kernel left alone on an error is not
 * shown twice.
 */
#include <linux/dm-ioctl.h>
#include <stddef.h>
#include <string.h>

#include "ioctl_fam.h"

#ifndef DM_EXISTS_FLAG
#define DM_EXISTS_FLAG 0x4 /* lvm2's, in the same word */
#endif

IOCTL_XLAT(dm_flags, "DM_???", XLAT(DM_READONLY_FLAG),
	   XLAT(DM_SUSPEND_FLAG), XLAT(DM_EXISTS_FLAG),
	   XLAT(DM_PERSISTENT_DEV_FLAG), XLAT(DM_STATUS_TABLE_FLAG),
	   XLAT(DM_ACTIVE_PRESENT_FLAG), XLAT(DM_INACTIVE_PRESENT_FLAG),
	   XLAT(DM_BUFFER_FULL_FLAG), XLAT(DM_SKIP_BDGET_FLAG),
	   XLAT(DM_SKIP_LOCKFS_FLAG), XLAT(DM_NOFLUSH_FLAG),
	   XLAT(DM_QUERY_INACTIVE_TABLE_FLAG), XLAT(DM_UEVENT_GENERATED_FLAG),
	   XLAT(DM_UUID_FLAG), XLAT(DM_SECURE_DATA_FLAG),
	   XLAT(DM_DATA_OUT_FLAG), XLAT(DM_DEFERRED_REMOVE),
	   XLAT_PAIR(1u << 18, "DM_INTERNAL_SUSPEND_FLAG"),
	   XLAT_PAIR(1u << 19, "DM_IMA_MEASUREMENT_FLAG"));

#define DM_HEAD offsetof(struct dm_ioctl, data)

static bool
dm_has_params(unsigned cmd)
{
	switch (cmd) {
	case DM_VERSION: case DM_REMOVE_ALL: case DM_DEV_CREATE:
	case DM_DEV_REMOVE: case DM_DEV_SUSPEND: case DM_DEV_STATUS:
	case DM_TABLE_CLEAR: case DM_DEV_ARM_POLL:
		return false;
	}
	return true;
}

static void
dm_print_device(struct fmt *f, unsigned cmd, const struct dm_ioctl *d)
{
	if (cmd == DM_REMOVE_ALL || cmd == DM_LIST_DEVICES ||
	    cmd == DM_LIST_VERSIONS)
		return;
	if (d->dev) {
		pb_puts(f->b, ", dev=");
		print_dev(f->b, d->dev);
	}
	if (d->name[0]) {
		pb_puts(f->b, ", name=");
		ioctl_print_cstring(f, d->name, sizeof(d->name));
	}
	if (d->uuid[0]) {
		pb_puts(f->b, ", uuid=");
		ioctl_print_cstring(f, d->uuid, sizeof(d->uuid));
	}
}

static void
dm_print_values(struct fmt *f, unsigned cmd, const struct dm_ioctl *d)
{
	if (!f->exiting) {
		switch (cmd) {
		case DM_TABLE_LOAD:
			ioctl_field_u(f, "target_count", d->target_count);
			break;
		case DM_DEV_SUSPEND:
			if (d->flags & DM_SUSPEND_FLAG)
				break;
			/* fall through */
		case DM_DEV_RENAME: case DM_DEV_REMOVE: case DM_DEV_WAIT:
			ioctl_field_u(f, "event_nr", d->event_nr);
			break;
		}
		return;
	}
	if (is_error(f))
		return;
	switch (cmd) {
	case DM_DEV_CREATE: case DM_DEV_RENAME: case DM_DEV_SUSPEND:
	case DM_DEV_STATUS: case DM_DEV_WAIT: case DM_TABLE_LOAD:
	case DM_TABLE_CLEAR: case DM_TABLE_DEPS: case DM_TABLE_STATUS:
	case DM_TARGET_MSG:
		ioctl_field_u(f, "target_count", d->target_count);
		ioctl_field_u(f, "open_count", d->open_count);
		ioctl_field_u(f, "event_nr", d->event_nr);
		break;
	}
}

/* The header; false when what follows it cannot be trusted. */
static bool
dm_print_header(struct fmt *f, unsigned cmd, const struct dm_ioctl *d)
{
	bool ok = false;

	pb_printf(f->b, "{version=[%u, %u, %u]", d->version[0], d->version[1],
		  d->version[2]);
	if (d->version[0] != DM_VERSION_MAJOR) {
		pb_puts(f->b, " /* unsupported device mapper ABI version */");
		goto out;
	}
	ioctl_field_u(f, "data_size", d->data_size);
	if (d->data_size < DM_HEAD) {
		pb_puts(f->b, " /* data_size too small */");
		goto out;
	}
	if (dm_has_params(cmd))
		ioctl_field_u(f, "data_start", d->data_start);
	dm_print_device(f, cmd, d);
	dm_print_values(f, cmd, d);
	ioctl_field_flags(f, "flags", &dm_flags, d->flags);
	ok = true;
out:
	pb_putc(f->b, '}');
	return ok;
}

static void
dm_misplaced(struct fmt *f, const char *what)
{
	pb_printf(f->b, "??? /* misplaced %s */", what);
}

/*
 * One entry of a list the kernel wrote after the header: *off is its
 * offset in the buffer, end that of its variable part. Prints it and
 * moves *off to the next entry; false when there is none (the last, or
 * one that could not be read: its address shown).
 */
typedef bool dm_entry_fn(struct fmt *f, uint64_t addr,
			 const struct dm_ioctl *d, uint32_t *off, uint32_t end);

/* At most n entries of head bytes before their variable part, from
   data_start on: at most strsize of them, and a misplaced one called
   so (what). */
static void
dm_walk(struct fmt *f, uint64_t addr, const struct dm_ioctl *d, uint32_t n,
	uint32_t head, const char *what, dm_entry_fn *entry)
{
	size_t max = f->o->strsize > 0 ? (size_t)f->o->strsize : 0;
	uint32_t off = d->data_start, end = 0, count;

	for (count = 0; count < n; count++) {
		pb_puts(f->b, ", ");
		if (count && off <= end)
			goto misplaced;
		end = off + head;
		if (end <= off || end > d->data_size)
			goto misplaced;
		if (count >= max) {
			pb_puts(f->b, "...");
			return;
		}
		if (!entry(f, addr, d, &off, end))
			return;
	}
	return;
misplaced:
	dm_misplaced(f, what);
}

/* A list the kernel chained by next fields: "..." without -v. */
static void
dm_print_list(struct fmt *f, uint64_t addr, const struct dm_ioctl *d,
	      uint32_t head, const char *what, dm_entry_fn *entry)
{
	if (d->data_start == d->data_size)
		return;
	if (!f->o->verbose) {
		pb_puts(f->b, ", ...");
		return;
	}
	dm_walk(f, addr, d, UINT32_MAX, head, what, entry);
}

/* A target spec; the kernel's next is from data_start, the caller's
   from the spec itself. */
static bool
dm_print_target_spec(struct fmt *f, uint64_t addr, const struct dm_ioctl *d,
		     uint32_t *off, uint32_t end)
{
	struct dm_target_spec s;

	if (!read_or_addr(f, &s, addr + *off, sizeof(s)))
		return false;
	pb_printf(f->b, "{sector_start=%llu, length=%llu",
		  (unsigned long long)s.sector_start,
		  (unsigned long long)s.length);
	if (f->exiting)
		pb_printf(f->b, ", status=%d", s.status);
	pb_puts(f->b, ", target_type=");
	ioctl_print_cstring(f, s.target_type, sizeof(s.target_type));
	pb_puts(f->b, ", string=");
	print_str_nul(f, addr + end, d->data_size - end);
	pb_putc(f->b, '}');
	*off = f->exiting ? d->data_start + s.next : *off + s.next;
	return true;
}

static void
dm_print_target_specs(struct fmt *f, uint64_t addr, const struct dm_ioctl *d)
{
	if (!f->o->verbose) {
		if (d->target_count)
			pb_puts(f->b, ", ...");
		return;
	}
	dm_walk(f, addr, d, d->target_count, sizeof(struct dm_target_spec),
		"struct dm_target_spec", dm_print_target_spec);
}

static bool
dm_print_dev_elem(struct fmt *f, const void *elem, void *data)
{
	uint64_t dev;

	(void)data;
	memcpy(&dev, elem, sizeof(dev));
	print_dev(f->b, dev);
	return true;
}

static void
dm_print_deps(struct fmt *f, uint64_t addr, const struct dm_ioctl *d)
{
	uint32_t off = d->data_start;
	uint32_t end = off + (uint32_t)offsetof(struct dm_target_deps, dev);
	struct dm_target_deps s;

	if (d->data_start == d->data_size)
		return;
	pb_puts(f->b, ", ");
	if (!f->o->verbose) {
		pb_puts(f->b, "...");
		return;
	}
	if (end <= off || end > d->data_size)
		goto misplaced;
	if (!read_or_addr(f, &s, addr + off, sizeof(s)))
		return;
	if (s.count > (d->data_size - end) / sizeof(uint64_t))
		goto misplaced;
	pb_printf(f->b, "{count=%u, deps=", s.count);
	print_array(f, addr + end, s.count, sizeof(uint64_t),
		    dm_print_dev_elem, NULL);
	pb_putc(f->b, '}');
	return;
misplaced:
	dm_misplaced(f, "struct dm_target_deps");
}

static bool
dm_print_name(struct fmt *f, uint64_t addr, const struct dm_ioctl *d,
	      uint32_t *off, uint32_t end)
{
	struct dm_name_list s;
	int rc;

	if (!read_or_addr(f, &s, addr + *off, sizeof(s)))
		return false;
	pb_puts(f->b, "{dev=");
	print_dev(f->b, s.dev);
	pb_puts(f->b, ", name=");
	rc = print_str_nul(f, addr + end, d->data_size - end);
	/* Since version 4.37 an event number follows the name, 8-aligned,
	   when the entry has room for it. */
	if (rc > 0 && d->version[1] >= 37) {
		uint64_t ev = (addr + end + (unsigned)rc + 7) & ~7ULL;
		uint32_t nr;

		if (ev + sizeof(nr) <= addr + *off + s.next &&
		    read_mem(f, &nr, ev, sizeof(nr)))
			pb_printf(f->b, ", event_nr=%u", nr);
	}
	pb_putc(f->b, '}');
	*off += s.next;
	return s.next != 0;
}

static bool
dm_print_version(struct fmt *f, uint64_t addr, const struct dm_ioctl *d,
		 uint32_t *off, uint32_t end)
{
	struct dm_target_versions s;

	if (!read_or_addr(f, &s, addr + *off, sizeof(s)))
		return false;
	pb_puts(f->b, "{name=");
	print_str_nul(f, addr + end, d->data_size - end);
	pb_printf(f->b, ", version=[%u, %u, %u]}", s.version[0], s.version[1],
		  s.version[2]);
	*off += s.next;
	return s.next != 0;
}

static void
dm_print_msg(struct fmt *f, uint64_t addr, const struct dm_ioctl *d)
{
	uint32_t off = d->data_start;
	uint32_t end = off + (uint32_t)offsetof(struct dm_target_msg, message);
	struct dm_target_msg s;

	if (d->data_start == d->data_size)
		return;
	pb_puts(f->b, ", ");
	if (!f->o->verbose) {
		pb_puts(f->b, "...");
		return;
	}
	if (end <= off || end > d->data_size) {
		dm_misplaced(f, "struct dm_target_msg");
		return;
	}
	if (!read_or_addr(f, &s, addr + off, sizeof(s)))
		return;
	pb_printf(f->b, "{sector=%llu, message=",
		  (unsigned long long)s.sector);
	print_str_nul(f, addr + end, d->data_size - end);
	pb_putc(f->b, '}');
}

static void
dm_print_string(struct fmt *f, uint64_t addr, const struct dm_ioctl *d)
{
	pb_puts(f->b, ", ");
	if (!f->o->verbose) {
		pb_puts(f->b, "...");
		return;
	}
	if (d->data_start > d->data_size) {
		dm_misplaced(f, "string");
		return;
	}
	pb_puts(f->b, "{string=");
	print_str_nul(f, addr + d->data_start, d->data_size - d->data_start);
	pb_putc(f->b, '}');
}

static void
dm_print_payload(struct fmt *f, unsigned cmd, uint64_t addr,
		 const struct dm_ioctl *d)
{
	bool out = f->exiting;

	switch (cmd) {
	case DM_DEV_WAIT: case DM_TABLE_STATUS:
		if (out)
			dm_print_target_specs(f, addr, d);
		break;
	case DM_TABLE_LOAD:
		if (!out)
			dm_print_target_specs(f, addr, d);
		break;
	case DM_TABLE_DEPS:
		if (out)
			dm_print_deps(f, addr, d);
		break;
	case DM_LIST_DEVICES:
		if (out)
			dm_print_list(f, addr, d,
				      offsetof(struct dm_name_list, name),
				      "struct dm_name_list", dm_print_name);
		break;
	case DM_LIST_VERSIONS:
		if (out)
			dm_print_list(f, addr, d,
				      offsetof(struct dm_target_versions, name),
				      "struct dm_target_versions",
				      dm_print_version);
		break;
	case DM_TARGET_MSG:
		if (!out)
			dm_print_msg(f, addr, d);
		else if (d->flags & DM_DATA_OUT_FLAG)
			dm_print_string(f, addr, d);
		break;
	case DM_DEV_RENAME: case DM_DEV_SET_GEOMETRY:
		if (!out)
			dm_print_string(f, addr, d);
		break;
	}
}

/* What tells whether the kernel rewrote the header on an error. */
static int64_t
dm_head_key(const struct dm_ioctl *d)
{
	uint64_t k = 1469598103934665603ULL;
	const uint32_t v[] = { d->version[0], d->version[1], d->version[2],
			       d->data_size, d->data_start, d->flags };

	for (size_t i = 0; i < ARRAY_SIZE(v); i++)
		k = (k ^ v[i]) * 1099511628211ULL;
	return (int64_t)(k >> 1);
}

/*
 * At entry: "[{header}, payload...]", or the address when the header
 * cannot be read (strace's generic ioctl argument). At exit: nothing
 * after an error that left the header alone; else " => [...]".
 */
static void
print_dm(struct fmt *f, uint64_t v, int i)
{
	unsigned cmd = (uint32_t)f->args[1];
	struct dm_ioctl d;
	int64_t key;

	(void)i;
	memset(&d, 0, sizeof(d));
	if (!f->exiting) {
		if (!v || !read_mem(f, &d, v, DM_HEAD) ||
		    d.data_size < offsetof(struct dm_ioctl, data_size)) {
			print_ptr(f, v);
			return;
		}
		note_put(f, v, dm_head_key(&d));
		pb_putc(f->b, '[');
		if (dm_print_header(f, cmd, &d))
			dm_print_payload(f, cmd, v, &d);
		pb_putc(f->b, ']');
		return;
	}
	if (!note_get(f, v, &key, true) || !read_mem(f, &d, v, DM_HEAD) ||
	    d.data_size < offsetof(struct dm_ioctl, data_size))
		return;
	if (is_error(f) && key == dm_head_key(&d))
		return;
	pb_puts(f->b, " => [");
	if (dm_print_header(f, cmd, &d) && !is_error(f))
		dm_print_payload(f, cmd, v, &d);
	pb_putc(f->b, ']');
}

bool
ioctl_dm_args(unsigned cmd, int *nargs, struct argspec *a)
{
	(void)nargs;
	switch (cmd) {
	case DM_VERSION: case DM_REMOVE_ALL: case DM_LIST_DEVICES:
	case DM_DEV_CREATE: case DM_DEV_REMOVE: case DM_DEV_RENAME:
	case DM_DEV_SUSPEND: case DM_DEV_STATUS: case DM_DEV_WAIT:
	case DM_TABLE_LOAD: case DM_TABLE_CLEAR: case DM_TABLE_DEPS:
	case DM_TABLE_STATUS: case DM_LIST_VERSIONS: case DM_TARGET_MSG:
	case DM_DEV_SET_GEOMETRY: case DM_DEV_ARM_POLL:
		a[2] = IOA_FN(FN_SPLIT, print_dm);
		return true;
	}
	return false;
}
