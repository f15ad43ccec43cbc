/*
 * no_rumpuser_init -- a library built from the wrong sources (a component
 * library, or a hypervisor whose init file was left out of the link): it
 * exports most hypercalls but not rumpuser_init (its exports.map hides it).
 * Every case must fail at once with "not a rumpuser library", including
 * the cases that never boot the kernel.
 */
#include "mutant.h"
