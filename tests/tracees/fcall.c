/* SPDX-License-Identifier: MIT */
/*
 * fcall: functions for snare_thread_call() (test_call.c). main keeps
 * values in FP registers, calls stop_here(1), prints "ready", blocks in
 * read() on stdin, prints "read N TEXT" and what the FP values became,
 * calls stop_here(2) and exits 0. A SIGUSR1 handler (SA_RESTART) lets a
 * test interrupt the read. With an argument, a worker thread counts in
 * g_worker meanwhile.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define FN __attribute__((noinline, used))

volatile long g_spin;
volatile int g_hits, g_usr1;
volatile long g_worker;

static void *
worker(void *arg)
{
	for (;;)
		g_worker++;
	return arg;
}

FN int add6(int a, int b, int c, int d, int e, int f)
{
	return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f;
}

FN long sum8(long a, long b, long c, long d, long e, long f, long g, long h)
{
	return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h;
}

/* Ten FP arguments: two go on the stack, between two integers. */
FN double mix(double a, float b, int i, double c, float d, double e, float f,
	      double g, float h, double x, float y, long j)
{
	return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h +
	       9 * x + 10 * y + 100 * i + 1000 * j;
}

FN float halve(float x)
{
	return x / 2;
}

/* Upper-case in into out; returns the length. */
FN int upcase(const char *in, char *out)
{
	int n = 0;

	for (; in[n]; n++)
		out[n] = in[n] >= 'a' && in[n] <= 'z' ? in[n] - 32 : in[n];
	out[n] = 0;
	return n;
}

FN int inner(int x)
{
	g_hits += 100;
	return 3 * x;
}

FN int outer(int x)
{
	return inner(x) + 1;
}

FN int crash(int *p)
{
	return *p + 1;
}

FN void spin(void)
{
	for (;;)
		g_spin++;
}

FN int say(const char *s)
{
	printf("say:%s\n", s);
	fflush(stdout);
	return 7;
}

FN void stop_here(int x)
{
	__asm__ volatile("" ::: "memory");
	g_hits += x;
}

static void
on_usr1(int sig)
{
	(void)sig;
	g_usr1++;
}

int main(int argc, char **argv)
{
	pthread_t th;
	struct sigaction sa;
	volatile double v = 1.5;
	double a = v * 3, b = v + 0.25;
	char buf[64];
	ssize_t n;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	(void)argv;
	if (argc > 1) {
		pthread_create(&th, NULL, worker, NULL);
		while (!g_worker)
			;
	}
	stop_here(1);
	printf("ready\n");
	fflush(stdout);
	n = read(0, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	printf("read %zd %s", n, buf);
	printf("fp %.2f %.2f usr1 %d\n", a * v, b * v, g_usr1);
	fflush(stdout);
	stop_here(2);
	return 0;
}
