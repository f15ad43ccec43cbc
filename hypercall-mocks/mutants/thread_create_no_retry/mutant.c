/*
 * thread_create_no_retry -- pthread_create is called once: a passing
 * shortage of host threads (EAGAIN under load) fails the kernel's
 * thread creation at once. The joinable cookie is laid out as the
 * reference's (a heap pthread_t), so its thread_join still works.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mutant.h"

struct once_start {
	void	*(*func)(void *);
	void	*arg;
	char	name[16];	/* the host's limit, with the NUL */
};

static void *
once_trampoline(void *v)
{
	struct once_start s = *(struct once_start *)v;

	free(v);
	if (s.name[0] != '\0')
		pthread_setname_np(pthread_self(), s.name);
	return s.func(s.arg);
}

MUTANT_EXPORT int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	struct once_start *s = calloc(1, sizeof(*s));
	pthread_t *pt = malloc(sizeof(*pt));
	pthread_attr_t attr;
	int rv;

	(void)priority; (void)cpuidx;
	if (s == NULL || pt == NULL) {
		free(s);
		free(pt);
		return 12;	/* NetBSD ENOMEM */
	}
	s->func = f;
	s->arg = arg;
	if (thrname != NULL)
		memcpy(s->name, thrname, strnlen(thrname, sizeof(s->name) - 1));
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, mustjoin ? PTHREAD_CREATE_JOINABLE :
	    PTHREAD_CREATE_DETACHED);
	rv = pthread_create(pt, &attr, once_trampoline, s);
	pthread_attr_destroy(&attr);
	if (rv != 0 || !mustjoin) {
		if (rv != 0)
			free(s);
		free(pt);
		return rv == EAGAIN ? 35 : rv;	/* NetBSD EAGAIN */
	}
	*cookie = pt;
	return 0;
}
