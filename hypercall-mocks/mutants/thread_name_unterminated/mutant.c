/*
 * thread_name_unterminated -- the name is cut to the host's 16 bytes
 * with no room left for the NUL: a long name reaches pthread_setname_np
 * 16 characters long, the host refuses it (ERANGE, ignored) and the
 * thread keeps its creator's name.
 */
#include <stdlib.h>
#include <string.h>

#include "mutant.h"

#define HOST_NAMELEN	16

struct named_start {
	void	*(*func)(void *);
	void	*arg;
	char	name[HOST_NAMELEN];
	char	after;		/* the NUL a full name runs into */
};

static void *
named_trampoline(void *v)
{
	struct named_start s = *(struct named_start *)v;

	free(v);
	pthread_setname_np(pthread_self(), s.name);
	return s.func(s.arg);
}

MUTANT_EXPORT int
rumpuser_thread_create(void *(*f)(void *), void *arg, const char *thrname,
    int mustjoin, int priority, int cpuidx, void **cookie)
{
	struct named_start *s = calloc(1, sizeof(*s));
	int error;

	if (s == NULL)
		return 12;	/* NetBSD ENOMEM */
	s->func = f;
	s->arg = arg;
	if (thrname != NULL)
		memcpy(s->name, thrname, strnlen(thrname, HOST_NAMELEN));
	error = posix_rumpuser_thread_create(named_trampoline, s, NULL, mustjoin,
	    priority, cpuidx, cookie);
	if (error != 0)
		free(s);
	return error;
}
