/*
 * curlwp_create_binds -- CREATE also binds the new lwp to the calling
 * thread when it has none (and DESTROY unbinds it): the kernel creates
 * lwps for other threads all the time, and an unbound helper thread
 * suddenly runs as one of them.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_curlwpop(int op, struct lwp *l)
{
	struct lwp *cur = posix_rumpuser_curlwp();

	switch (op) {
	case RUMPUSER_LWP_CREATE:
		posix_rumpuser_curlwpop(op, l);
		if (cur == NULL)
			posix_rumpuser_curlwpop(RUMPUSER_LWP_SET, l);
		break;
	case RUMPUSER_LWP_DESTROY:
		if (cur == l)
			posix_rumpuser_curlwpop(RUMPUSER_LWP_CLEAR, l);
		posix_rumpuser_curlwpop(op, l);
		break;
	case RUMPUSER_LWP_SET:
		if (cur != l)
			posix_rumpuser_curlwpop(op, l);
		break;
	default:
		posix_rumpuser_curlwpop(op, l);
	}
}
