/*
 * hyp_self.c -- per-task state: the lwp bound with curlwpop and the errno
 * set with seterrno.  Kernel threads have no TLS, so this is a hash table
 * keyed by the task; lookups are RCU reads, and only a task itself adds
 * its own entry.
 *
 * A task's entry lives from its first SET (or non-zero seterrno) until
 * the task ends (hyp_self_exit) or, for tasks that end without saying so,
 * until a sweep finds the task gone.  SET and CLEAR only write the lwp
 * into it: no allocation, no lock.  The entry holds a reference on its
 * task, so no other task can appear at that address while it exists.
 *
 * curlwp is called very often, so each CPU keeps the last entry it found
 * and for which task.  Only the task itself writes its entry's lwp, so a
 * cached entry always gives its current binding, wherever it was set.  A
 * global generation, bumped only when entries go away, makes every older
 * cache a miss: a cached entry is then never one that was freed.
 */
#include <linux/atomic.h>
#include <linux/hashtable.h>
#include <linux/minmax.h>
#include <linux/percpu.h>
#include <linux/rculist.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>

#include "hyp.h"

/* Sweep for ended tasks when the table has grown to this, or twice what is left. */
#define SELF_SWEEP_MIN	64

struct hyp_self {
	struct hlist_node node;
	struct task_struct *task;	/* referenced while the entry exists */
	struct lwp *lwp;
	int err;
	struct rcu_head rcu;
};

struct self_cache {
	struct task_struct *task;
	unsigned long gen;
	struct hyp_self *self;
};

static DEFINE_HASHTABLE(self_tab, 8);
static DEFINE_SPINLOCK(self_lock);	/* writers of self_tab and the counts */
static DEFINE_PER_CPU(struct self_cache, self_cache);
static atomic_long_t self_gen;
static unsigned int self_count;
static unsigned int self_sweep_at = SELF_SWEEP_MIN;

/* Called under rcu_read_lock. */
static struct hyp_self *
self_lookup(void)
{
	struct hyp_self *s;

	hash_for_each_possible_rcu(self_tab, s, node, (unsigned long)current)
		if (s->task == current)
			return s;
	return NULL;
}

/* A miss: find the caller's entry and remember it on this CPU. */
static noinline struct hyp_self *
self_fill(struct self_cache *c, unsigned long gen)
{
	struct hyp_self *s;

	rcu_read_lock();
	s = self_lookup();
	rcu_read_unlock();
	if (s != NULL) {
		c->task = current;
		c->gen = gen;
		c->self = s;
	}
	return s;
}

/*
 * The caller's entry or NULL.  The entry stays valid for the caller after
 * preemption is back on: only the task's own end, or a sweep after it
 * ended, frees it.  Inline, so a hit makes no call (curlwp is hot).
 */
static __always_inline struct hyp_self *
self_mine(void)
{
	struct self_cache *c = get_cpu_ptr(&self_cache);
	unsigned long gen = atomic_long_read_acquire(&self_gen);
	struct hyp_self *s;

	if (likely(c->task == current && c->gen == gen))
		s = c->self;
	else
		s = self_fill(c, gen);
	put_cpu_ptr(&self_cache);
	return s;
}

static void
self_free(struct rcu_head *rcu)
{
	struct hyp_self *s = container_of(rcu, struct hyp_self, rcu);

	put_task_struct(s->task);
	kfree(s);
}

/*
 * Called with self_lock held.  The generation moves before the free is
 * queued: caches filled earlier miss from then on, so none gives a freed
 * entry.
 */
static void
self_unlink(struct hyp_self *s)
{
	hash_del_rcu(&s->node);
	self_count--;
	atomic_long_inc(&self_gen);
	call_rcu(&s->rcu, self_free);
}

/* Called with self_lock held: drop the entries of tasks that ended. */
static void
self_sweep(void)
{
	struct hyp_self *s;
	struct hlist_node *next;
	unsigned int bkt;

	hash_for_each_safe(self_tab, bkt, next, s, node)
		if (READ_ONCE(s->task->exit_state) != 0)
			self_unlink(s);
	self_sweep_at = max_t(unsigned int, SELF_SWEEP_MIN, 2 * self_count);
}

static struct hyp_self *
self_get(void)
{
	struct hyp_self *s = self_mine();

	if (s != NULL)
		return s;
	if ((s = kzalloc(sizeof(*s), GFP_KERNEL)) == NULL)
		hyp_fatal("out of memory for per-thread state");
	get_task_struct(current);
	s->task = current;
	spin_lock(&self_lock);
	hash_add_rcu(self_tab, &s->node, (unsigned long)current);
	if (++self_count >= self_sweep_at)
		self_sweep();
	spin_unlock(&self_lock);
	return s;
}

void
hyp_self_exit(void)
{
	struct hyp_self *s = self_mine();

	if (s == NULL)
		return;
	spin_lock(&self_lock);
	self_unlink(s);
	spin_unlock(&self_lock);
}

/* CREATE and DESTROY are informational: nothing is kept per lwp. */
void
rumpuser_curlwpop(int op, struct lwp *l)
{
	struct hyp_self *s;

	switch (op) {
	case RUMPUSER_LWP_CREATE:
	case RUMPUSER_LWP_DESTROY:
		break;
	case RUMPUSER_LWP_SET:
		s = self_get();
		if (s->lwp != NULL)
			hyp_fatal("curlwpop SET %p: %p is still bound", l, s->lwp);
		s->lwp = l;
		break;
	case RUMPUSER_LWP_CLEAR:
		s = self_mine();
		if (s == NULL || s->lwp != l)
			hyp_fatal("curlwpop CLEAR %p: not the bound lwp", l);
		s->lwp = NULL;
		break;
	default:
		hyp_fatal("curlwpop: unknown op %d", op);
	}
}

struct lwp *
rumpuser_curlwp(void)
{
	struct hyp_self *s = self_mine();

	return s != NULL ? s->lwp : NULL;
}

/* Kept per task, in NetBSD numbering, as given. */
void
rumpuser_seterrno(int e)
{
	struct hyp_self *s = e != 0 ? self_get() : self_mine();

	if (s != NULL)
		s->err = e;
}

/* There is no errno variable in Linux: a client in the kernel asks here. */
int
hyp_self_errno(void)
{
	struct hyp_self *s = self_mine();

	return s != NULL ? s->err : 0;
}
