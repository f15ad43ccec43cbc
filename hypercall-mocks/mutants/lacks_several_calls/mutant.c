/*
 * lacks_several_calls -- a hypervisor still being ported: it does not
 * provide rumpuser_getrandom, rumpuser_rw_tryupgrade, rumpuser_rw_downgrade
 * and rumpuser_syncfd (its exports.map hides them). Every case that needs
 * one must say "not implemented", naming exactly those four, and the
 * other cases must run as usual.
 */
#include "mutant.h"
