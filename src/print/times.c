/* SPDX-License-Identifier: MIT */
/*
 * times.c: time values read from the tracee, printed as strace 6.1 prints
 * them: timespec and timeval, itimerval/itimerspec, clock_t ticks with
 * their seconds (times), the dates strace adds in comments (time, utime,
 * utimes, utimensat) and timer_create's struct sigevent.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include "print.h"

void
print_timespec(struct fmt *f, uint64_t addr)
{
	struct timespec ts;

	/* strace prints the nanoseconds unsigned, the seconds signed. */
	if (read_or_addr(f, &ts, addr, sizeof(ts)))
		pb_printf(f->b, "{tv_sec=%lld, tv_nsec=%llu}",
			  (long long)ts.tv_sec, (unsigned long long)ts.tv_nsec);
}

void
print_timeval(struct fmt *f, uint64_t addr)
{
	struct timeval tv;

	if (read_or_addr(f, &tv, addr, sizeof(tv)))
		pb_printf(f->b, "{tv_sec=%lld, tv_usec=%llu}",
			  (long long)tv.tv_sec,
			  (unsigned long long)tv.tv_usec);
}

/* struct itimerval (setitimer) or struct itimerspec (timer_settime,
 * timerfd_settime): two timevals or two timespecs. */
void
print_itimer(struct fmt *f, uint64_t addr, bool nsec)
{
	int64_t t[4];

	if (!read_or_addr(f, t, addr, sizeof(t)))
		return;
	if (nsec)
		pb_printf(f->b, "{it_interval={tv_sec=%lld, tv_nsec=%llu}, "
			  "it_value={tv_sec=%lld, tv_nsec=%llu}}",
			  (long long)t[0], (unsigned long long)t[1],
			  (long long)t[2], (unsigned long long)t[3]);
	else
		pb_printf(f->b, "{it_interval={tv_sec=%lld, tv_usec=%llu}, "
			  "it_value={tv_sec=%lld, tv_usec=%llu}}",
			  (long long)t[0], (unsigned long long)t[1],
			  (long long)t[2], (unsigned long long)t[3]);
}

/*
 * A clock_t in ticks, followed when not 0 by a comment in seconds with
 * as many decimals as a tick needs (two at 100 Hz): 1 /- 0.01 s -/.
 */
void
print_clock_t(struct pbuf *b, uint64_t ticks)
{
	long hz = sysconf(_SC_CLK_TCK);
	uint64_t scale = 1;
	int digits = 0;

	pb_printf(b, "%llu", (unsigned long long)ticks);
	/* -X raw drops the comment, as strace. */
	if (!ticks || hz <= 0 || b->xstyle == 1)
		return;
	while (scale < (uint64_t)hz - 1 && digits < 9) {
		scale *= 10;
		digits++;
	}
	if (digits)
		pb_printf(b, " /* %llu.%0*llu s */",
			  (unsigned long long)(ticks / (uint64_t)hz), digits,
			  (unsigned long long)((ticks % (uint64_t)hz * scale * 2 +
						(uint64_t)hz) / (2 * (uint64_t)hz)));
	else
		pb_printf(b, " /* %llu s */",
			  (unsigned long long)(ticks / (uint64_t)hz));
}

/* struct tms (times). */
void
print_tms(struct fmt *f, uint64_t addr)
{
	static const char *const names[] = { "utime", "stime", "cutime",
					     "cstime" };
	uint64_t t[4];
	size_t i;

	if (!read_or_addr(f, t, addr, sizeof(t)))
		return;
	for (i = 0; i < 4; i++) {
		pb_printf(f->b, "%stms_%s=", i ? ", " : "{", names[i]);
		print_clock_t(f->b, t[i]);
	}
	pb_putc(f->b, '}');
}


/*
 * A time as strace comments it: local time in ISO 8601 with the fraction
 * (digits long, omitted when 0) and the UTC offset. Nothing for the
 * epoch itself, when the fraction is out of range or when the time cannot
 * be converted.
 */
static bool
format_date_parts(char *date, size_t cap, char *zone, size_t zcap,
		  int64_t sec)
{
	time_t t = (time_t)sec;
	struct tm tm;

	return localtime_r(&t, &tm) &&
	       strftime(date, cap, "%Y-%m-%dT%H:%M:%S", &tm) &&
	       strftime(zone, zcap, "%z", &tm);
}

bool
format_date(char *out, size_t cap, int64_t sec)
{
	char date[64], zone[16];

	if (!format_date_parts(date, sizeof(date), zone, sizeof(zone), sec))
		return false;
	snprintf(out, cap, "%s%s", date, zone);
	return true;
}

void
print_time_comment(struct pbuf *b, int64_t sec, int64_t frac, int digits)
{
	int64_t limit = digits == 9 ? 1000000000 : 1000000;
	char date[64], zone[16];

	if ((!sec && !frac) || frac < 0 || frac >= limit ||
	    !format_date_parts(date, sizeof(date), zone, sizeof(zone), sec))
		return;
	pb_printf(b, " /* %s", date);
	if (frac)
		pb_printf(b, ".%0*lld", digits, (long long)frac);
	pb_printf(b, "%s */", zone);
}

/* utimensat's two timespecs: UTIME_NOW and UTIME_OMIT by name. */
void
print_utimens(struct fmt *f, uint64_t addr)
{
	int64_t ts[4];
	int i;

	if (!read_or_addr(f, ts, addr, sizeof(ts)))
		return;
	pb_putc(f->b, '[');
	for (i = 0; i < 2; i++) {
		if (i)
			pb_puts(f->b, ", ");
		if (ts[2 * i + 1] == UTIME_NOW ||
		    ts[2 * i + 1] == UTIME_OMIT) {
			const char *name = ts[2 * i + 1] == UTIME_NOW ?
						   "UTIME_NOW" : "UTIME_OMIT";

			if (XSTYLE_NAMES(f->b)) {
				pb_puts(f->b, name);
				continue;
			}
			/* -X raw and verbose: the struct as it is. */
			pb_printf(f->b, "{tv_sec=%lld, tv_nsec=%llu}",
				  (long long)ts[2 * i],
				  (unsigned long long)ts[2 * i + 1]);
			if (f->b->xstyle == 2)
				pb_printf(f->b, " /* %s */", name);
			continue;
		}
		pb_printf(f->b, "{tv_sec=%lld, tv_nsec=%llu}",
			  (long long)ts[2 * i],
			  (unsigned long long)ts[2 * i + 1]);
		print_time_comment(f->b, ts[2 * i], ts[2 * i + 1], 9);
	}
	pb_putc(f->b, ']');
}

/* utimes and futimesat: two timevals. */
void
print_utimes(struct fmt *f, uint64_t addr)
{
	int64_t tv[4];
	int i;

	if (!read_or_addr(f, tv, addr, sizeof(tv)))
		return;
	for (i = 0; i < 2; i++) {
		pb_printf(f->b, "%s{tv_sec=%lld, tv_usec=%llu}", i ? ", " : "[",
			  (long long)tv[2 * i],
			  (unsigned long long)tv[2 * i + 1]);
		print_time_comment(f->b, tv[2 * i], tv[2 * i + 1], 6);
	}
	pb_putc(f->b, ']');
}

/* utime's struct utimbuf: two time_t. */
void
print_utimbuf(struct fmt *f, uint64_t addr)
{
	int64_t t[2];

	if (!read_or_addr(f, t, addr, sizeof(t)))
		return;
	pb_printf(f->b, "{actime=%lld", (long long)t[0]);
	print_time_comment(f->b, t[0], 0, 6);
	pb_printf(f->b, ", modtime=%lld", (long long)t[1]);
	print_time_comment(f->b, t[1], 0, 6);
	pb_putc(f->b, '}');
}

/* The kernel's struct sigevent (include/uapi/asm-generic/siginfo.h). */
struct sigevent_k {
	uint64_t value;
	int32_t signo, notify;
	union {
		int32_t tid;
		struct {
			uint64_t function, attributes;
		} thread;
	} un;
};

/*
 * timer_create's sigevent: the value when not 0, the signal (by name
 * when a signal is to be sent), how to notify and its target.
 */
void
print_sigevent(struct fmt *f, uint64_t addr)
{
	struct sigevent_k ev;
	struct pbuf *b = f->b;

	if (!read_or_addr(f, &ev, addr, sizeof(ev)))
		return;
	pb_putc(b, '{');
	if (ev.value)
		pb_printf(b, "sigev_value={sival_int=%d, sival_ptr=%#llx}, ",
			  (int)(uint32_t)ev.value,
			  (unsigned long long)ev.value);
	pb_puts(b, "sigev_signo=");
	if (ev.notify == SIGEV_SIGNAL || ev.notify == SIGEV_THREAD ||
	    ev.notify == SIGEV_THREAD_ID)
		print_signo(b, ev.signo);
	else
		pb_printf(b, "%u", (unsigned)ev.signo);
	pb_puts(b, ", sigev_notify=");
	print_xval(b, &sigev_notify_kinds, (uint32_t)ev.notify, false);
	if (ev.notify == SIGEV_THREAD_ID) {
		pb_printf(b, ", sigev_notify_thread_id=%d", ev.un.tid);
	} else if (ev.notify == SIGEV_THREAD) {
		pb_puts(b, ", sigev_notify_function=");
		print_ptr(f, ev.un.thread.function);
		pb_puts(b, ", sigev_notify_attributes=");
		print_ptr(f, ev.un.thread.attributes);
	}
	pb_putc(b, '}');
}
