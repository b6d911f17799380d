/* SPDX-License-Identifier: MIT */
/*
 * bpmem.c: the program's view of memory under software breakpoints.
 * Reads through the library see the saved bytes, not our int3s; a write
 * of the user's over one goes to the saved byte, the int3 stays, and the
 * covered instruction is decoded again. The records are in bp.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "events/bp.h"

/* The program's view of memory: reads see the saved bytes, not int3s. */
void
snare__bp_mem_view(snare_proc *p, uint64_t addr, void *buf, size_t len)
{
	snare_bp *bp;

	for (bp = p->bps; bp; bp = bp->next)
		if (bp->kind == SNARE_BP_SOFTWARE && bp->inserted &&
		    bp->addr - addr < len)
			((uint8_t *)buf)[bp->addr - addr] = bp->orig;
}

/*
 * The instruction under the int3 at owner's address changed (a write of
 * the user's): decode it again for every record there, with a new slot
 * (a thread may be running in the old one). Not an instruction any more:
 * the breakpoint is taken out and disabled rather than run garbage.
 */
static void
replan(snare_bp *owner)
{
	snare_proc *p = owner->p;
	struct insn_plan plan;
	uint8_t code[16];
	size_t got = sizeof(code);
	snare_bp *bp;
	bool ok;

	while (got && snare_mem_read(code, p, owner->addr, got) < 0)
		got--;
	ok = got && snare__insn_plan(&plan, code, got, owner->addr) == 0;
	for (bp = p->bps; bp; bp = bp->next) {
		if (bp->kind != SNARE_BP_SOFTWARE || bp->addr != owner->addr ||
		    bp->removed)
			continue;
		bp->slot = 0;
		if (ok) {
			bp->plan = plan;
		} else {
			bp->enabled = false;
			bp->bad_insn = true;
		}
	}
	if (!ok) {
		snare__bp_unpatch_raw(owner);
		snare__log(p->s, SNARE_LOG_WARN,
			   "breakpoint at 0x%llx disabled: the bytes written there are not an instruction",
			   (unsigned long long)owner->addr);
	}
}

/*
 * A write of the user's: the bytes under int3s go to the records' saved
 * byte, the int3s stay, and the covered instructions are decoded again.
 */
int
snare__bp_mem_write(snare_proc *p, uint64_t addr, const void *buf, size_t len)
{
	uint8_t *copy = NULL;
	snare_bp *bp, *o;
	int r;

	for (bp = p->bps; bp; bp = bp->next) {
		if (bp->kind != SNARE_BP_SOFTWARE || !bp->inserted ||
		    bp->addr - addr >= len)
			continue;
		if (!copy) {
			copy = malloc(len);
			if (!copy)
				return -ENOMEM;
			memcpy(copy, buf, len);
		}
		for (o = p->bps; o; o = o->next)
			if (o->kind == SNARE_BP_SOFTWARE && o->addr == bp->addr)
				o->orig = copy[bp->addr - addr];
		copy[bp->addr - addr] = SNARE_ARCH_BP_INSN;
	}
	r = snare__mem_write_raw(p, addr, copy ? copy : buf, len);
	free(copy);
	if (r < 0)
		return r;
	/* An instruction starting up to 15 bytes before the write may
	   cover it. */
	for (bp = p->bps; bp; bp = bp->next)
		if (bp->kind == SNARE_BP_SOFTWARE && bp->inserted &&
		    bp->addr < addr + len && bp->addr + 16 > addr)
			replan(bp);
	return 0;
}
