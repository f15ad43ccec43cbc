"""toolmain -- the exit status every rumpcheck tool gives (README, "Exit
status"): 0 ran and found nothing, 1 found a failure or a regression, 2
could not run (bad input, missing tool, interrupted).

main_guard(prog, main) runs main() and turns everything that is not a
verdict into 2 with a one-line message: InputError (a bad input; its
message names the file and field), an interruption (SIGINT, SIGTERM,
SIGHUP), and any unexpected exception (its traceback only with
RUMPCHECK_DEBUG=1). A traceback is never a verdict.
"""

import os
import signal
import sys
import traceback


class InputError(Exception):
    """An input that cannot be used; the message names it."""


class Interrupted(BaseException):
    """A SIGTERM or SIGHUP, raised like SIGINT's KeyboardInterrupt so that
    temporary files are removed on the way out."""


def _raise_interrupted(signum, _frame):
    raise Interrupted(signal.Signals(signum).name)


def main_guard(prog, main):
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _raise_interrupted)
    try:
        return main()
    except InputError as e:
        sys.stderr.write("%s: %s\n" % (prog, e))
    except (KeyboardInterrupt, Interrupted) as e:
        sys.stderr.write("%s: interrupted (%s); nothing written\n" % (prog, e or "SIGINT"))
    except SystemExit:
        raise
    except Exception as e:  # noqa: BLE001 -- the point: no traceback as a verdict
        if os.environ.get("RUMPCHECK_DEBUG"):
            traceback.print_exc()
        sys.stderr.write("%s: internal error, nothing written: %s: %s "
                         "(RUMPCHECK_DEBUG=1 shows the traceback)\n" % (prog, type(e).__name__, e))
    return 2
