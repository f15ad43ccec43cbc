/*
 * rw_downgrade_lets_writer_in -- downgrade releases the write hold and
 * then enters as a reader: a writer waiting meanwhile slips in and
 * changes data the downgrading thread still relies on.
 */
#include "mutant.h"

MUTANT_EXPORT void
rumpuser_rw_downgrade(struct rumpuser_rw *rw)
{
	posix_rumpuser_rw_exit(rw);
	posix_rumpuser_rw_enter(RUMPUSER_RW_READER, rw);
}
