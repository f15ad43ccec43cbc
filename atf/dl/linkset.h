/*
 * linkset.h -- the link sets a rump kernel's objects carry (ELF sections
 * of pointers whose bounds the linker names __start_/__stop_SET), for the
 * dl cases and for hypercall-mocks/tests/dropin_kernel.c.
 */
#ifndef RC_LINKSET_H
#define RC_LINKSET_H

/* A pointer to obj in the link set "link_set_<set>". */
#define LINK_SET_ENTRY(set, sym, obj)					\
	static const void *const sym					\
	    __attribute__((__section__("link_set_" #set), __used__)) = &(obj)

extern const void *const __start_link_set_modules[];
extern const void *const __stop_link_set_modules[];
extern const void *const __start_link_set_rump_components[];
extern const void *const __stop_link_set_rump_components[];
extern const void *const __start_link_set_evcnts[];
extern const void *const __stop_link_set_evcnts[];

#endif /* RC_LINKSET_H */
