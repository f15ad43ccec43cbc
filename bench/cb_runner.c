/*
 * cb_runner.c -- run one benchmark instance for a fixed iteration count
 * on nthreads threads, timing each thread's body with the host layer's
 * monotonic clock (rc_host.h). Used by the cjson backend and the
 * instruction counts.
 */
#include "cb_impl.h"
#include "rc_host.h"

#define CB_MAXRUNTHREADS 64

struct cb_barrier {
	int n;
	int count;
	int gen;
};

struct cb_thread {
	struct cb_state st;
	const struct cb_bench *b;
	uint64_t iters;
	struct cb_barrier *barrier;
	const struct cb_run_hooks *hooks;
	uint64_t real_start, cpu_start;
	uint64_t real_ns, cpu_ns;
	void *handle;
};

static void
cb_barrier_wait(struct cb_barrier *bar)
{
	int gen = __atomic_load_n(&bar->gen, __ATOMIC_ACQUIRE);

	if (__atomic_add_fetch(&bar->count, 1, __ATOMIC_ACQ_REL) == bar->n) {
		__atomic_store_n(&bar->count, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&bar->gen, gen + 1, __ATOMIC_RELEASE);
		return;
	}
	while (__atomic_load_n(&bar->gen, __ATOMIC_ACQUIRE) == gen)
		rch_yield();
}

static void
cb_clock_pause(struct cb_state *st)
{
	struct cb_thread *t = st->backend;

	t->real_ns += rch_mono_ns() - t->real_start;
	t->cpu_ns += cb_plat_thread_cpu_ns() - t->cpu_start;
}

static void
cb_clock_resume(struct cb_state *st)
{
	struct cb_thread *t = st->backend;

	t->cpu_start = cb_plat_thread_cpu_ns();
	t->real_start = rch_mono_ns();
}

static const struct cb_clock_ops cb_runner_clock = {
	cb_clock_pause, cb_clock_resume
};

/* Thread 0 runs a hook while the others wait at the barriers around it. */
static void
cb_hook_between_barriers(struct cb_thread *t, void (*hook)(void *))
{
	cb_barrier_wait(t->barrier);
	if (t->st.thread_index == 0 && hook != NULL)
		hook(t->hooks->ctx);
	cb_barrier_wait(t->barrier);
}

static void
cb_thread_body(void *arg)
{
	struct cb_thread *t = arg;
	const struct cb_bench *b = t->b;

	if (b->setup != NULL)
		t->st.data = b->setup(&t->st, b->arg);
	cb_hook_between_barriers(t, t->hooks->before);
	cb_clock_resume(&t->st);
	if (!t->st.skipped)
		b->fn(&t->st, t->iters, b->arg);
	cb_clock_pause(&t->st);
	cb_hook_between_barriers(t, t->hooks->after);
	if (b->teardown != NULL)
		b->teardown(&t->st, b->arg);
}

static void
cb_add_counters(struct cb_run_result *res, const struct cb_state *st)
{
	const struct cb_counter *c;
	int i, j;

	for (i = 0; i < st->ncounters; i++) {
		c = &st->counters[i];
		for (j = 0; j < res->ncounters; j++)
			if (cb_streq(res->counters[j].name, c->name))
				break;
		if (j == CB_MAXCOUNTERS)
			continue;
		if (j == res->ncounters) {
			res->counters[res->ncounters++] = *c;
			continue;
		}
		res->counters[j].value += c->value;
	}
}

static void
cb_collect(struct cb_thread *t, int nthreads, struct cb_run_result *res)
{
	int i;

	for (i = 0; i < nthreads; i++) {
		res->iterations += t[i].iters;
		res->real_ns += t[i].real_ns;
		res->cpu_ns += t[i].cpu_ns;
		res->items += t[i].st.items;
		res->bytes += t[i].st.bytes;
		cb_add_counters(res, &t[i].st);
		if (t[i].st.skipped && !res->skipped) {
			res->skipped = 1;
			cb_copy(res->reason, sizeof(res->reason), t[i].st.reason);
		}
	}
	res->real_ns /= (uint64_t)nthreads;
}

void
cb_run_fixed(const struct cb_bench *b, int inst, int nthreads, uint64_t iters,
    const struct cb_run_hooks *hooks, struct cb_run_result *res)
{
	static struct cb_thread t[CB_MAXRUNTHREADS];
	struct cb_barrier bar = { 0, 0, 0 };
	char *p = (char *)res;
	size_t k;
	int i;

	for (k = 0; k < sizeof(*res); k++)
		p[k] = 0;
	if (nthreads > CB_MAXRUNTHREADS) {
		res->skipped = 1;
		cb_copy(res->reason, sizeof(res->reason), "too many threads");
		return;
	}
	bar.n = nthreads;
	for (i = 0; i < nthreads; i++) {
		cb_state_init(&t[i].st, b, inst, i, nthreads);
		t[i].st.clock = &cb_runner_clock;
		t[i].st.backend = &t[i];
		t[i].b = b;
		t[i].iters = iters;
		t[i].barrier = &bar;
		t[i].hooks = hooks;
		t[i].real_ns = t[i].cpu_ns = 0;
	}
	for (i = 1; i < nthreads; i++)
		t[i].handle = cb_plat_thread_start(cb_thread_body, &t[i]);
	cb_thread_body(&t[0]);
	for (i = 1; i < nthreads; i++)
		cb_plat_thread_join(t[i].handle);
	cb_collect(t, nthreads, res);
}

/*
 * As Google Benchmark adjusts them (per second, per thread, per
 * iteration), in one division so that small per-iteration values keep
 * their six decimals.
 */
cb_fix
cb_counter_final(const struct cb_counter *c, const struct cb_run_result *res,
    int nthreads)
{
	uint64_t num = CB_FIX_ONE, den = 1;

	if ((c->flags & CB_RATE) && res->real_ns > 0) {
		num *= CB_NS_PER_S;
		den = res->real_ns;
	}
	if (c->flags & CB_AVG_THREADS)
		den *= (uint64_t)nthreads;
	if ((c->flags & CB_PER_ITER) && res->iterations > 0)
		den = cb_muldiv(den, res->iterations, 1);
	return cb_fix_muldiv(c->value, num, den);
}
