"""rcroot -- the project root for the Python programs: RUMPCHECK_ROOT from
the environment, else the directory above scripts/ (scripts/root.sh is the
same rule for the shell programs), and the lists the root holds once.
"""

import functools
import os
import re

ROOT = os.environ.get("RUMPCHECK_ROOT") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AREAS_DEF = os.path.join(ROOT, "atf", "areas.def")


@functools.lru_cache(maxsize=None)
def areas():
    """The conformance areas in atf/areas.def's order (a porter's bring-up
    order; the catalog's families are these areas)."""
    with open(AREAS_DEF) as f:
        return re.findall(r"^RC_AREA\((\w+)\)$", f.read(), re.M)
