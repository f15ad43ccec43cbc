/*
 * mutex_init_reuses_poisoned -- destroy poisons the lock word (held) and
 * keeps the memory on a free list; init recycles it without resetting the
 * word: a brand-new kernel mutex starts out locked and its first
 * mutex_enter blocks forever.
 */
#include <stdlib.h>

#include "mutant.h"
#include "rumpuser_int.h"

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct rumpuser_mtx *cache;

MUTANT_EXPORT void
rumpuser_mutex_init(struct rumpuser_mtx **mtxp, int flags)
{
	struct rumpuser_mtx *mtx;

	pthread_mutex_lock(&cache_lock);
	mtx = cache;
	cache = NULL;
	pthread_mutex_unlock(&cache_lock);
	if (mtx == NULL) {
		posix_rumpuser_mutex_init(mtxp, flags);
		return;
	}
	mtx->flags = flags & (RUMPUSER_MTX_SPIN | RUMPUSER_MTX_KMUTEX);
	*mtxp = mtx;		/* word (and owner) as destroy left them */
}

MUTANT_EXPORT void
rumpuser_mutex_destroy(struct rumpuser_mtx *mtx)
{
	struct rumpuser_mtx *old;

	__atomic_store_n(&mtx->word, 1, __ATOMIC_RELAXED);	/* poison */
	pthread_mutex_lock(&cache_lock);
	old = cache;
	cache = mtx;
	pthread_mutex_unlock(&cache_lock);
	free(old);
}
