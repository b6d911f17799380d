/* SPDX-License-Identifier: MIT */
/*
 * cli_restart_block: a nanosleep interrupted by an ignored SIGALRM, which only a
 * tracer sees (an ignored signal still stops a traced thread): the call
 * ends with ERESTART_RESTARTBLOCK and the kernel resumes it through
 * restart_syscall. The timer fires after 50 ms of a 1.5 s sleep. Exits 0
 * when the sleep completed.
 */
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

int
main(void)
{
	struct sigaction act;
	struct itimerval itv;
	struct timespec req = { 1, 500000000 }, rem;

	memset(&act, 0, sizeof(act));
	act.sa_handler = SIG_IGN;
	memset(&itv, 0, sizeof(itv));
	itv.it_value.tv_usec = 50000;
	if (sigaction(SIGALRM, &act, NULL) || setitimer(ITIMER_REAL, &itv, NULL))
		return 2;
	return nanosleep(&req, &rem) ? 1 : 0;
}
