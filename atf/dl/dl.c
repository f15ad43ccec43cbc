/*
 * dl.c -- rumpuser_dl_bootstrap, in the form of interface 17 the target
 * implements (rc_tgt_form): the shim calls a pre-2020 target with three
 * arguments and a detector where a fourth would be, a 2020 one with four.
 *
 * The test program carries link sets the way a rump kernel does: pointers
 * in the ELF sections link_set_modules, link_set_rump_components and
 * link_set_evcnts, whose bounds the linker provides as __start_/__stop_
 * symbols. A hypervisor that loads dynamically should hand them to
 * modinit, compload and (2020 form) the evcnt callback; a statically
 * linked one may legitimately hand over nothing.
 */
#include "mockkern.h"

/* The kernel's structures are opaque to the hypervisor; these stand in. */
struct modinfo {
	const char *mi_name;
};
struct rump_component {
	int rc_type;
	const char *rc_name;
};

static const struct modinfo mod_a = { "rumpcheck_mod_a" };
static const struct modinfo mod_b = { "rumpcheck_mod_b" };
static const struct rump_component comp_a = { 1, "rumpcheck_comp_a" };
static const struct rump_component comp_b = { 2, "rumpcheck_comp_b" };
struct evcnt {
	const char *ev_name;
};
static const struct evcnt ev_a = { "rumpcheck_ev_a" };
static const struct evcnt ev_b = { "rumpcheck_ev_b" };

#ifdef __ELF__
#include "linkset.h"
LINK_SET_ENTRY(modules, mod_a_entry, mod_a);
LINK_SET_ENTRY(modules, mod_b_entry, mod_b);
LINK_SET_ENTRY(rump_components, comp_a_entry, comp_a);
LINK_SET_ENTRY(rump_components, comp_b_entry, comp_b);
LINK_SET_ENTRY(evcnts, ev_a_entry, ev_a);
LINK_SET_ENTRY(evcnts, ev_b_entry, ev_b);
#endif

/*
 * A kernel symbol of the program, exported (atf/harness/upcalls.list) as a
 * rump kernel library exports its rumpns_ names: symload should carry it.
 */
void rumpns_rumpcheck_ksym(void);
void
rumpns_rumpcheck_ksym(void)
{
}

/* One in the kernel's upper-case namespace, as the kernel's RUMP_* data. */
extern const int RUMPCHECK_KSYM_UPPER;
const int RUMPCHECK_KSYM_UPPER = 17;

/*
 * Every symbol of the kernel's namespace the program exports (upcalls.list)
 * with its address; symload's table should hold them all.
 */
struct progsym {
	const char *name;
	const void *addr;
};
static const struct progsym progsyms[] = {
	{ "rumpns_rumpcheck_ksym", (const void *)rumpns_rumpcheck_ksym },
	{ "RUMPCHECK_KSYM_UPPER", &RUMPCHECK_KSYM_UPPER },
#ifdef __ELF__
	{ "__start_link_set_modules", __start_link_set_modules },
	{ "__stop_link_set_modules", __stop_link_set_modules },
	{ "__start_link_set_rump_components", __start_link_set_rump_components },
	{ "__stop_link_set_rump_components", __stop_link_set_rump_components },
	{ "__start_link_set_evcnts", __start_link_set_evcnts },
	{ "__stop_link_set_evcnts", __stop_link_set_evcnts },
#endif
};
#define NPROGSYMS (sizeof(progsyms) / sizeof(progsyms[0]))

/* An ELF symbol as symload gets it, in the 64- and 32-bit layouts. */
struct ksym64 {
	uint32_t name;
	uint8_t info, other;
	uint16_t shndx;
	uint64_t value, size;
};
struct ksym32 {
	uint32_t name, value, size;
	uint8_t info, other;
	uint16_t shndx;
};
#define KSYM_SIZE (sizeof(void *) == 8 ? sizeof(struct ksym64) : sizeof(struct ksym32))

/* What the callbacks saw. */
static struct {
	int modinit, compload, symload, evcnt;
	int null_entries;	/* NULL pointers handed over */
	int bad_symtab;		/* symload arguments that cannot be tables */
	int foreign_thread;	/* callbacks not on the bootstrapping thread */
	int our_modset;		/* modinit got our link set */
	int comp[2];		/* compload got comp_a, comp_b */
	int ev[2];		/* the evcnt callback got ev_a, ev_b */
	int ksym_named;		/* symload's table names rumpns_rumpcheck_ksym */
	int ksym_at;		/* ... with its address */
	int ksym_ragged;	/* symsize is not whole symbols */
	int progsym_at[NPROGSYMS];	/* progsyms[i] named, at its address */
	int foreign_names;	/* names outside the kernel's namespace */
	char foreign_name[64];	/* the first of them */
} seen;
static struct lwp *booting_lwp;

static void
note_thread(void)
{
	if (rumpuser_curlwp() != booting_lwp)
		rc_inc(&seen.foreign_thread);
}

static void
on_modinit(const struct modinfo *const *mi, size_t n)
{
	size_t i;

	note_thread();
	rc_inc(&seen.modinit);
	if (mi == NULL && n > 0) {
		rc_inc(&seen.null_entries);
		return;
	}
	for (i = 0; i < n; i++)
		if (mi[i] == NULL)
			rc_inc(&seen.null_entries);
#ifdef __ELF__
	if ((const void *const *)mi == __start_link_set_modules &&
	    n == (size_t)(__stop_link_set_modules - __start_link_set_modules))
		rc_inc(&seen.our_modset);
#endif
}

static uint64_t
ksym_value(const void *symtab, size_t i, uint32_t *name)
{
	if (sizeof(void *) == 8) {
		const struct ksym64 *s = (const struct ksym64 *)symtab + i;

		*name = s->name;
		return s->value;
	} else {
		const struct ksym32 *s = (const struct ksym32 *)symtab + i;

		*name = s->name;
		return s->value;
	}
}

static int
has_prefix(const char *name, const char *prefix)
{
	while (*prefix != '\0')
		if (*name++ != *prefix++)
			return 0;
	return 1;
}

/*
 * The kernel's namespace: a rump kernel's objects rename everything else
 * to rumpns_*, so host libraries are the only source of other names.
 */
static int
in_kernel_namespace(const char *name)
{
	return name[0] == '\0' || has_prefix(name, "rump") ||
	    has_prefix(name, "RUMP") || has_prefix(name, "__");
}

static void
note_foreign_name(const char *name)
{
	if (seen.foreign_names++ == 0)
		rc_snprintf(seen.foreign_name, sizeof(seen.foreign_name), "%s", name);
}

static void
note_progsym(const char *name, uint64_t value)
{
	size_t i;

	for (i = 0; i < NPROGSYMS; i++)
		if (rc_strcmp(name, progsyms[i].name) == 0 &&
		    value == (uint64_t)(uintptr_t)progsyms[i].addr)
			seen.progsym_at[i]++;
}

/* Look for the program's kernel symbol as ksyms would. */
static void
find_ksym(const void *symtab, uint64_t symsize, const char *strtab, uint64_t strsize)
{
	uint64_t i, value;
	uint32_t name;

	if (symsize % KSYM_SIZE != 0)
		rc_inc(&seen.ksym_ragged);
	for (i = 0; i < symsize / KSYM_SIZE; i++) {
		value = ksym_value(symtab, (size_t)i, &name);
		if (name >= strsize)
			continue;
		if (!in_kernel_namespace(strtab + name))
			note_foreign_name(strtab + name);
		note_progsym(strtab + name, value);
		if (rc_strcmp(strtab + name, "rumpns_rumpcheck_ksym") != 0)
			continue;
		rc_inc(&seen.ksym_named);
		if (value == (uint64_t)(uintptr_t)rumpns_rumpcheck_ksym)
			rc_inc(&seen.ksym_at);
	}
}

static int
on_symload(void *symtab, uint64_t symsize, char *strtab, uint64_t strsize)
{
	note_thread();
	rc_inc(&seen.symload);
	if (symtab == NULL || strtab == NULL || symsize == 0 || strsize == 0 ||
	    strtab[strsize - 1] != '\0')
		rc_inc(&seen.bad_symtab);
	else
		find_ksym(symtab, symsize, strtab, strsize);
	return 0;
}

static void
on_compload(const struct rump_component *rc)
{
	note_thread();
	rc_inc(&seen.compload);
	if (rc == NULL)
		rc_inc(&seen.null_entries);
	else if (rc == &comp_a)
		rc_inc(&seen.comp[0]);
	else if (rc == &comp_b)
		rc_inc(&seen.comp[1]);
}

static void
on_evcnt(struct evcnt *ev)
{
	note_thread();
	rc_inc(&seen.evcnt);
	if (ev == NULL)
		rc_inc(&seen.null_entries);
	else if (ev == &ev_a)
		rc_inc(&seen.ev[0]);
	else if (ev == &ev_b)
		rc_inc(&seen.ev[1]);
}

/* Bootstrap once with counting callbacks. */
static void
bootstrap(void)
{
	rc_memset(&seen, 0, sizeof(seen));
	booting_lwp = mk_curlwp();
	rumpuser_dl_bootstrap(on_modinit, on_symload, on_compload, on_evcnt);
}

RC_CASE(delivers_our_modules, "DL-001",
    "dl_bootstrap hands the program's link_set_modules (2 entries) to modinit")
{
#ifdef __ELF__
	bootstrap();
	RC_ASSERT("DL-001", rc_load(&seen.our_modset) == 1,
	    "modinit got the program's module link set %d times (modinit "
	    "called %d times)", rc_load(&seen.our_modset), rc_load(&seen.modinit));
#else
	RC_SKIP("no ELF sections here: link sets cannot be built");
#endif
}

/*
 * The linker defines __start_/__stop_ only for sets something refers to;
 * walking the set here is that reference, as the kernel's own code is.
 */
RC_CASE(delivers_our_components, "DL-002",
    "dl_bootstrap hands each entry of the program's link_set_rump_components to compload once")
{
#ifdef __ELF__
	const void *const *p;

	bootstrap();
	for (p = __start_link_set_rump_components;
	    p < __stop_link_set_rump_components; p++) {
		int n = *p == &comp_a ? seen.comp[0] : seen.comp[1];

		RC_ASSERT("DL-002", n == 1, "compload got component %s %d times "
		    "(%d calls in all)", ((const struct rump_component *)*p)->rc_name,
		    n, rc_load(&seen.compload));
	}
#else
	RC_SKIP("no ELF sections here: link sets cannot be built");
#endif
}

RC_CASE(callbacks_get_valid_pointers, "DL-003 DL-004",
    "whatever dl_bootstrap delivers is valid: no NULL entries, and symload tables non-NULL and terminated")
{
	bootstrap();
	RC_ASSERT("DL-003", rc_load(&seen.null_entries) == 0,
	    "%d NULL pointers were handed to the callbacks",
	    rc_load(&seen.null_entries));
	RC_ASSERT("DL-004", rc_load(&seen.bad_symtab) == 0,
	    "symload got NULL or empty tables (or an unterminated string "
	    "table) %d of %d times", rc_load(&seen.bad_symtab),
	    rc_load(&seen.symload));
	rc_note("modinit %d, symload %d, compload %d, evcnt %d calls\n",
	    seen.modinit, seen.symload, seen.compload, seen.evcnt);
}

RC_CASE(callbacks_are_synchronous, "DL-005",
    "dl_bootstrap makes every callback on the calling thread before it returns, none later")
{
	int total;

	bootstrap();
	total = seen.modinit + seen.symload + seen.compload + seen.evcnt;
	rc_sleep_ms(50);	/* lets any other hypervisor thread run, fibers too */
	RC_ASSERT("DL-005", rc_load(&seen.foreign_thread) == 0,
	    "%d callbacks ran on another thread", rc_load(&seen.foreign_thread));
	RC_ASSERT("DL-005", seen.modinit + seen.symload + seen.compload +
	    seen.evcnt == total, "callbacks kept coming after dl_bootstrap "
	    "returned (%d, then %d)", total, seen.modinit + seen.symload +
	    seen.compload + seen.evcnt);
}

/* Kernel patterns: dl_bootstrap driven the way rump_init drives it. */

RC_CASE(pre2020_call_has_no_fourth_argument, "KPT-050",
    "called as a pre-2020 kernel calls it (3 arguments, a detector where a 4th would be), dl_bootstrap never calls a 4th argument")
{
	if (rc_tgt_form != RC_FORM_PRE2020)
		RC_SKIP("the target implements the 2020 form: its kernels pass a 4th argument");
	bootstrap();
	RC_ASSERT("KPT-050", rc_dl_fourth_arg_calls() == 0,
	    "the library called the 4th argument of dl_bootstrap %d times, but a "
	    "pre-2020 kernel passes only three (modinit, symload, compload): this "
	    "library implements the 2020 form (built with RUMPUSER_2020), and every "
	    "kernel built by buildrump.sh or rumprun crashes in rump_init on it",
	    rc_dl_fourth_arg_calls());
}

RC_CASE(evcnts_reach_the_2020_callback, "KPT-051",
    "called the 2020 way (4 arguments), dl_bootstrap hands each entry of the program's link_set_evcnts to the evcnt callback once")
{
#ifdef __ELF__
	const void *const *p;

	if (rc_tgt_form != RC_FORM_2020)
		RC_SKIP("the target implements the pre-2020 form: its kernels pass no evcnt callback");
	bootstrap();
	for (p = __start_link_set_evcnts; p < __stop_link_set_evcnts; p++) {
		int n = *p == &ev_a ? seen.ev[0] : seen.ev[1];

		RC_ASSERT("KPT-051", n == 1, "the evcnt callback got %s %d times "
		    "(%d calls in all): a library offered as the 2020 form must hand "
		    "link_set_evcnts to its 4th argument", ((const struct evcnt *)*p)->ev_name,
		    n, rc_load(&seen.evcnt));
	}
#else
	RC_SKIP("no ELF sections here: link sets cannot be built");
#endif
}

RC_CASE(exports_show_the_declared_form, "KPT-052 KPT-053",
    "the library's exports agree with its declared form: rumpuser_mutex_spin_p exactly in the 2020 form")
{
	int spin_p = rc_tgt_form_detected == RC_FORM_2020;

	if (rc_tgt_form_declared < 0)
		rc_note("no form declared for this target: the suite uses the %s form "
		    "its exports show\n", rc_form_name(rc_tgt_form_detected));
	RC_ASSERT("KPT-052", rc_tgt_form != RC_FORM_2020 || spin_p,
	    "declared as the 2020 form (by %s), but the library does not export "
	    "rumpuser_mutex_spin_p, which 2020 kernels call: it looks like the "
	    "pre-2020 form", rc_tgt_form_by);
	RC_ASSERT("KPT-053", rc_tgt_form != RC_FORM_PRE2020 || !spin_p,
	    "declared as the pre-2020 form (by %s), but the library exports the "
	    "2020 form's rumpuser_mutex_spin_p: it was probably built with "
	    "RUMPUSER_2020, whose dl_bootstrap crashes pre-2020 kernels", rc_tgt_form_by);
}

RC_CASE(symload_gets_kernel_symbols, "KPT-055",
    "a symbol table handed to symload is whole ELF symbols and holds the program's kernel symbol with its address")
{
	bootstrap();
	if (seen.symload == 0)
		rc_note("symload was not called (a static image need not)\n");
	RC_ASSERT("KPT-055", seen.symload == 0 || seen.ksym_ragged == 0,
	    "symload's symsize is not a whole number of %u-byte ELF symbols: "
	    "symsize and strsize are byte sizes", (unsigned)KSYM_SIZE);
	RC_ASSERT("KPT-055", seen.symload == 0 || seen.ksym_named > 0,
	    "symload's table (%d calls) does not name the program's exported kernel "
	    "symbol rumpns_rumpcheck_ksym: ksyms will not know the kernel's symbols",
	    seen.symload);
	RC_ASSERT("KPT-055", seen.symload == 0 || seen.ksym_at > 0,
	    "symload's table names rumpns_rumpcheck_ksym but not at its address %p: "
	    "the values are the object's link-time ones, its load base never added",
	    (void *)rumpns_rumpcheck_ksym);
}

static int
missing_progsyms(void)
{
	size_t i;
	int n = 0;

	for (i = 0; i < NPROGSYMS; i++)
		n += seen.progsym_at[i] == 0;
	return n;
}

RC_CASE(symload_only_kernel_names, "DL-620",
    "a symbol table handed to symload holds only the kernel's namespace (rump*, RUMP*, __*), no host library symbols")
{
	bootstrap();
	if (seen.symload == 0)
		RC_SKIP("symload was not called (a static image need not): no table to check");
	RC_ASSERT("DL-620", seen.foreign_names == 0,
	    "symload's table holds %d symbols outside the kernel's namespace, the "
	    "first \"%s\": a rump kernel's own names all start with rump, RUMP or __ "
	    "(the rest are renamed rumpns_*), so these come from host libraries, "
	    "and ksyms would resolve kernel lookups and modules against them",
	    seen.foreign_names, seen.foreign_name);
}

RC_CASE(symload_gets_every_prefix, "DL-621",
    "a symbol table handed to symload holds every kernel-namespace symbol the program exports (rumpns_*, RUMP*, __start_/__stop_ link-set bounds), each at its address")
{
	size_t i;

	bootstrap();
	if (seen.symload == 0)
		RC_SKIP("symload was not called (a static image need not): no table to check");
	for (i = 0; i < NPROGSYMS; i++)
		RC_ASSERT("DL-621", seen.progsym_at[i] > 0,
		    "symload's table lacks the program's exported %s at %p (%d of %d "
		    "such symbols found): the name filter drops a prefix of the kernel's "
		    "namespace, or the symbol count of the program's table is short",
		    progsyms[i].name, progsyms[i].addr, (int)NPROGSYMS - missing_progsyms(),
		    (int)NPROGSYMS);
}

/* What rump_init has around it when it calls dl_bootstrap. */
static struct {
	struct lwp *lwp;		/* the booting lwp */
	struct rumpuser_mtx *lock;	/* a kernel lock the callbacks take */
	int calls, foreign, no_cpu, no_mem;
	volatile int done;		/* stops the kernel thread */
} boot;

/* What the kernel's callbacks do: run on the booting lwp, allocate, lock. */
static void
kernel_callback_work(void)
{
	void *p;

	rc_inc(&boot.calls);
	if (mk_curlwp() != boot.lwp)
		rc_inc(&boot.foreign);
	if (!mk_has_cpu()) {
		rc_inc(&boot.no_cpu);
		return;		/* kernel code cannot run on: it has no CPU */
	}
	if (rumpuser_malloc(64, 0, &p) != 0)
		rc_inc(&boot.no_mem);
	else
		rumpuser_free(p, 64);
	rumpuser_mutex_enter(boot.lock);
	rumpuser_mutex_exit(boot.lock);
}

static void
kp_modinit(const struct modinfo *const *mi, size_t n)
{
	kernel_callback_work();
}

static int
kp_symload(void *symtab, uint64_t symsize, char *strtab, uint64_t strsize)
{
	kernel_callback_work();
	return 0;
}

static void
kp_compload(const struct rump_component *rc)
{
	kernel_callback_work();
}

static void
kp_evcnt(struct evcnt *ev)
{
	kernel_callback_work();
}

/* The page daemon's stand-in: a kernel thread idling through the boot. */
static void
kernel_thread(void *arg)
{
	while (!boot.done)
		rc_sleep_ms(5);
}

RC_CASE(boot_calls_back_with_cpu, "KPT-054",
    "at boot (kernel thread running, booting lwp on its CPU) every callback runs on that lwp with the CPU and can allocate and lock")
{
	struct rc_thread *t;

	rc_memset(&boot, 0, sizeof(boot));
	boot.lwp = mk_curlwp();
	rumpuser_mutex_init(&boot.lock, RUMPUSER_MTX_KMUTEX);
	t = rc_spawn(kernel_thread, NULL, "pdaemon");
	rumpuser_dl_bootstrap(kp_modinit, kp_symload, kp_compload, kp_evcnt);
	boot.done = 1;
	if (t != NULL)
		rc_join(t);
	rumpuser_mutex_destroy(boot.lock);
	rc_note("%d callbacks\n", boot.calls);
	RC_ASSERT("KPT-054", boot.no_cpu == 0, "%d of %d callbacks ran without a "
	    "virtual CPU: the kernel's modinit, symload and compload run kernel code, "
	    "which needs one; take the CPU back before calling into the kernel",
	    boot.no_cpu, boot.calls);
	RC_ASSERT("KPT-054", boot.foreign == 0, "%d of %d callbacks ran on another "
	    "lwp than the booting one", boot.foreign, boot.calls);
	RC_ASSERT("KPT-054", boot.no_mem == 0, "malloc failed in %d callbacks",
	    boot.no_mem);
	RC_ASSERT("KPT-054", mk_curlwp() == boot.lwp && mk_has_cpu(),
	    "dl_bootstrap returned to the booting thread with lwp %p (was %p), "
	    "CPU %s", (void *)mk_curlwp(), (void *)boot.lwp,
	    mk_has_cpu() ? "held" : "not held");
}

static const struct rc_case *const cases[] = {
	RC_REF(delivers_our_modules), RC_REF(delivers_our_components),
	RC_REF(callbacks_get_valid_pointers), RC_REF(callbacks_are_synchronous),
	RC_REF(pre2020_call_has_no_fourth_argument),
	RC_REF(evcnts_reach_the_2020_callback), RC_REF(exports_show_the_declared_form),
	RC_REF(symload_gets_kernel_symbols), RC_REF(symload_only_kernel_names),
	RC_REF(symload_gets_every_prefix),
	RC_REF(boot_calls_back_with_cpu),
	NULL
};
const struct rc_area rc_area_dl = { "dl", cases };
