/*
 * dl.c -- rumpuser_dl_bootstrap (the four-argument RUMPUSER_2020 form).
 *
 * The test program carries link sets the way a rump kernel does: pointers
 * in the ELF sections link_set_modules and link_set_rump_components, whose
 * bounds the linker provides as __start_/__stop_ symbols. A hypervisor
 * that loads dynamically should hand them to modinit and compload; a
 * statically linked one may legitimately hand over nothing.
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

#ifdef __ELF__
#define LINK_SET_ENTRY(set, sym, obj)					\
	static const void *const sym					\
	    __attribute__((__section__("link_set_" #set), __used__)) = &(obj)
LINK_SET_ENTRY(modules, mod_a_entry, mod_a);
LINK_SET_ENTRY(modules, mod_b_entry, mod_b);
LINK_SET_ENTRY(rump_components, comp_a_entry, comp_a);
LINK_SET_ENTRY(rump_components, comp_b_entry, comp_b);

extern const void *const __start_link_set_modules[];
extern const void *const __stop_link_set_modules[];
extern const void *const __start_link_set_rump_components[];
extern const void *const __stop_link_set_rump_components[];
#endif

/* What the callbacks saw. */
static struct {
	int modinit, compload, symload, evcnt;
	int null_entries;	/* NULL pointers handed over */
	int bad_symtab;		/* symload arguments that cannot be tables */
	int foreign_thread;	/* callbacks not on the bootstrapping thread */
	int our_modset;		/* modinit got our link set */
	int comp[2];		/* compload got comp_a, comp_b */
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

static int
on_symload(void *symtab, uint64_t symsize, char *strtab, uint64_t strsize)
{
	note_thread();
	rc_inc(&seen.symload);
	if (symtab == NULL || strtab == NULL || symsize == 0 || strsize == 0 ||
	    strtab[strsize - 1] != '\0')
		rc_inc(&seen.bad_symtab);
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

static const struct rc_case *const cases[] = {
	RC_REF(delivers_our_modules), RC_REF(delivers_our_components),
	RC_REF(callbacks_get_valid_pointers), RC_REF(callbacks_are_synchronous),
	NULL
};
const struct rc_area rc_area_dl = { "dl", cases };
