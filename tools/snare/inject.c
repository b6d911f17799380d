/* SPDX-License-Identifier: MIT */
/*
 * inject.c: -e inject= and -e fault= at a syscall's stops: which rule
 * fires for this invocation (when=), the memory its poke_enter= and
 * poke_exit= write, and the time delay_enter= and delay_exit= hold the
 * thread. The error, retval and signal a rule sets are applied by the
 * syscall lines' code (syscalls.c).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "events.h"

/*
 * Which inject rule fires for this invocation, or -1. As strace, the last
 * rule naming a syscall is its only one (its when= counts the calls).
 */
int
inject_match(struct tstate *ts, long nr)
{
	long count = snare_syscall_count();
	const struct inject_rule *ir;
	size_t i;
	unsigned n;

	if (!tr.o->ninject || nr < 0 || nr >= count)
		return -1;
	if (!ts->inj_count) {
		ts->inj_count = calloc(tr.o->ninject * (size_t)count,
				       sizeof(unsigned));
		if (!ts->inj_count)
			return -1;
	}
	for (i = tr.o->ninject; i-- > 0;)
		if (tr.o->inject[i].set[nr])
			break;
	if (i == (size_t)-1)
		return -1;
	ir = &tr.o->inject[i];
	n = ++ts->inj_count[i * (size_t)count + (size_t)nr];
	if (n < ir->first || n > ir->last)
		return -1;
	if (ir->step ? (n - ir->first) % ir->step : n != ir->first)
		return -1;
	return (int)i;
}

/*
 * Write len bytes of a poke at addr, as far as the memory allows: the
 * bytes written before the first page that cannot be, as strace's upoken()
 * counts them (a poke that straddles into an unmapped page is partly
 * done, and the call shows "(INJECTED: args)").
 */
static size_t
poke_bytes(snare_proc *p, uint64_t addr, const unsigned char *data,
	   size_t len)
{
	size_t done = 0;

	if (snare_mem_write(p, addr, data, len) == 0)
		return len;
	while (done < len) {
		size_t chunk = 4096 - ((addr + done) & 4095);

		if (chunk > len - done)
			chunk = len - done;
		if (snare_mem_write(p, addr + done, data + done, chunk) != 0)
			break;
		done += chunk;
	}
	return done;
}

/* poke_enter= (at_exit false) or poke_exit=: write the bytes where the
   arguments point; ts->poked when one was written, in part or whole.
   What could not be done is said on stderr in strace's words. */
void
inject_pokes(struct tstate *ts, const struct inject_rule *ir, bool at_exit)
{
	int nargs = snare_syscall_nargs(ts->nr);
	size_t i, done;

	for (i = 0; i < ir->npokes; i++) {
		const struct inject_poke *pk = &ir->pokes[i];
		uint64_t addr;

		if (pk->at_exit != at_exit || pk->argno > 6)
			continue;
		if (nargs >= 0 && pk->argno > nargs) {
			const char *name = snare_syscall_name(ts->nr);

			fprintf(stderr, "%s: Failed to tamper with process %d: "
				"requested to tamper with argument #%d, but "
				"system call '%s' has only %d arguments\n",
				trace_progname, (int)ts->tid, pk->argno,
				name ? name : "?", nargs);
			continue;
		}
		addr = ts->args[pk->argno - 1];
		done = poke_bytes(ts->proc, addr, pk->data, pk->len);
		if (!done) {
			fprintf(stderr, "%s: Failed to tamper with process %d: "
				"couldn't poke\n", trace_progname, (int)ts->tid);
			continue;
		}
		if (done < pk->len)
			fprintf(stderr, "%s: pid:%d short write (%zu < %zu) "
				"@%#llx\n", trace_progname, (int)ts->tid, done,
				pk->len, (unsigned long long)addr);
		ts->poked = true;
	}
}

/*
 * delay_enter=, delay_exit=: the thread stays stopped that long. snare
 * waits in its own thread, so the other tracees wait too (strace keeps
 * them running with a timer).
 */
void
inject_delay(const struct inject_rule *ir, int k)
{
	struct timespec left;

	if (!ir->has_delay[k])
		return;
	left = ir->delay[k];
	while (nanosleep(&left, &left) < 0 && errno == EINTR)
		;
}
