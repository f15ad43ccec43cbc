/*
 * cb_plat_posix.c -- the platform of the pure-C backend and the runner on
 * a POSIX host: per-thread CPU time, pthreads, stdio.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cb_impl.h"
#include "cjson.h"

struct cb_plat_thread {
	pthread_t pt;
	cb_plat_thread_fn *fn;
	void *arg;
};

uint64_t
cb_plat_thread_cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void
cb_plat_write(int to_err, const char *s, size_t n)
{
	FILE *f = to_err ? stderr : stdout;

	fwrite(s, 1, n, f);
	fflush(f);
}

static void *
cb_plat_trampoline(void *arg)
{
	struct cb_plat_thread *t = arg;

	t->fn(t->arg);
	return NULL;
}

void *
cb_plat_thread_start(cb_plat_thread_fn *fn, void *arg)
{
	struct cb_plat_thread *t = malloc(sizeof(*t));
	int rv;

	if (t == NULL) {
		fputs("cbench: out of memory for a thread\n", stderr);
		abort();
	}
	t->fn = fn;
	t->arg = arg;
	if ((rv = pthread_create(&t->pt, NULL, cb_plat_trampoline, t)) != 0) {
		fprintf(stderr, "cbench: pthread_create: %s\n", strerror(rv));
		abort();
	}
	return t;
}

void
cb_plat_thread_join(void *handle)
{
	struct cb_plat_thread *t = handle;

	pthread_join(t->pt, NULL);
	free(t);
}

void *
cb_plat_out_open(const char *path)
{
	return fopen(path, "w");
}

void
cb_plat_out_write(void *f, const char *s, size_t n)
{
	fwrite(s, 1, n, f);
}

int
cb_plat_out_close(void *f)
{
	return fclose(f) == 0 ? 0 : -1;
}

/* The MHz the kernel reports for the first CPU (whole), 0 if none. */
static int64_t
cb_plat_mhz(void)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[256];
	long mhz = 0;

	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "cpu MHz : %ld", &mhz) == 1)
			break;
	fclose(f);
	return mhz;
}

void
cj_describe(struct cj_context *c)
{
	static char date[64], host[256], exe[1024];
	time_t now = time(NULL);
	ssize_t n;

	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S%z", localtime(&now));
	if (gethostname(host, sizeof(host)) != 0)
		strcpy(host, "?");
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	exe[n > 0 ? n : 0] = '\0';
	c->date = date;
	c->host_name = host;
	c->executable = exe;
	c->num_cpus = (int)sysconf(_SC_NPROCESSORS_ONLN);
	c->mhz_per_cpu = cb_plat_mhz();
	c->cpu_scaling_enabled = 0;
#ifdef __OPTIMIZE__
	c->library_build_type = "release";
#else
	c->library_build_type = "debug";
#endif
}
