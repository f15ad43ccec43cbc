/*
 * hyp_self.c -- per-task state: the lwp bound with curlwpop and the errno
 * set with seterrno.  Kernel threads have no TLS, so this is a hash table
 * keyed by the task; lookups are RCU reads, and only a task itself adds
 * or removes its own entry, so the entry it finds stays valid for it.
 * The task's start time guards against a reused task_struct address.
 *
 * curlwp is called very often, so each CPU keeps its last answer.  Every
 * SET and CLEAR bumps a global generation; an answer cached under an
 * older one, or for another task, is a miss.  Only a task changes its
 * own binding, so an answer cached under the current generation is still
 * that task's binding.  A migrating task just misses on its new CPU.
 */
#include <linux/atomic.h>
#include <linux/hashtable.h>
#include <linux/percpu.h>
#include <linux/rculist.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include "hyp.h"

struct hyp_self {
	struct hlist_node node;
	struct task_struct *task;
	u64 start_time;
	struct lwp *lwp;
	int err;
	struct rcu_head rcu;
};

struct self_cache {
	struct task_struct *task;
	u64 start_time;
	unsigned long gen;
	struct lwp *lwp;
};

static DEFINE_HASHTABLE(self_tab, 8);
static DEFINE_SPINLOCK(self_lock);
static DEFINE_PER_CPU(struct self_cache, self_cache);
static atomic_long_t self_gen;

/* The caller's entry, or (stale entries included) any for its task. */
static struct hyp_self *
self_lookup(int exact)
{
	struct hyp_self *s;

	hash_for_each_possible_rcu(self_tab, s, node, (unsigned long)current)
		if (s->task == current &&
		    (!exact || s->start_time == current->start_time))
			return s;
	return NULL;
}

static struct hyp_self *
self_find(void)
{
	struct hyp_self *s;

	rcu_read_lock();
	s = self_lookup(1);
	rcu_read_unlock();
	return s;
}

static void
self_remove(struct hyp_self *s)
{
	spin_lock(&self_lock);
	hash_del_rcu(&s->node);
	spin_unlock(&self_lock);
	kfree_rcu(s, rcu);
}

static struct hyp_self *
self_get(void)
{
	struct hyp_self *s = self_find(), *stale;

	if (s != NULL)
		return s;
	rcu_read_lock();
	stale = self_lookup(0);
	rcu_read_unlock();
	if (stale != NULL)	/* left by an earlier task at this address */
		self_remove(stale);
	if ((s = kzalloc(sizeof(*s), GFP_KERNEL)) == NULL)
		hyp_fatal("out of memory for per-thread state");
	s->task = current;
	s->start_time = current->start_time;
	spin_lock(&self_lock);
	hash_add_rcu(self_tab, &s->node, (unsigned long)current);
	spin_unlock(&self_lock);
	return s;
}

static void
self_put(struct hyp_self *s)
{
	if (s->lwp == NULL && s->err == 0)
		self_remove(s);
}

/* Both called with preemption disabled. */
static bool
cache_hit(const struct self_cache *c, unsigned long gen)
{
	return c->task == current && c->start_time == current->start_time &&
	    c->gen == gen;
}

static void
cache_fill(struct self_cache *c, unsigned long gen, struct lwp *l)
{
	c->task = current;
	c->start_time = current->start_time;
	c->gen = gen;
	c->lwp = l;
}

static void
self_bind(struct hyp_self *s, struct lwp *l)
{
	unsigned long gen;

	s->lwp = l;
	gen = atomic_long_inc_return(&self_gen);
	cache_fill(get_cpu_ptr(&self_cache), gen, l);
	put_cpu_ptr(&self_cache);
}

void
hyp_self_exit(void)
{
	struct hyp_self *s = self_find();

	if (s != NULL)
		self_remove(s);
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
		self_bind(s, l);
		break;
	case RUMPUSER_LWP_CLEAR:
		s = self_find();
		if (s == NULL || s->lwp != l)
			hyp_fatal("curlwpop CLEAR %p: not the bound lwp", l);
		self_bind(s, NULL);
		self_put(s);
		break;
	default:
		hyp_fatal("curlwpop: unknown op %d", op);
	}
}

static struct lwp *
self_lwp(void)
{
	struct hyp_self *s;
	struct lwp *l;

	rcu_read_lock();
	s = self_lookup(1);
	l = s != NULL ? s->lwp : NULL;
	rcu_read_unlock();
	return l;
}

struct lwp *
rumpuser_curlwp(void)
{
	struct self_cache *c = get_cpu_ptr(&self_cache);
	unsigned long gen = atomic_long_read(&self_gen);
	struct lwp *l;

	if (!cache_hit(c, gen))
		cache_fill(c, gen, self_lwp());
	l = c->lwp;
	put_cpu_ptr(&self_cache);
	return l;
}

/* Kept per task, in NetBSD numbering, as given. */
void
rumpuser_seterrno(int e)
{
	struct hyp_self *s = e != 0 ? self_get() : self_find();

	if (s == NULL)
		return;
	s->err = e;
	self_put(s);
}
