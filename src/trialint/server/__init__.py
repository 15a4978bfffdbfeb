"""``trialint server``: the language server an editor starts, to show a record's findings as
it is edited and offer their safe fixes, as ``ruff server`` does for Python.

It speaks the Language Server Protocol over standard input and output, built on pygls (the
optional extra ``server``: ``pip install 'trialint[server]'``). The parts, each with one job:
``linting`` judges a buffer with the Linter and configuration ``trialint lint`` would use for
its file; ``positions`` turns trialint's lines and columns into the editor's;
``diagnostics`` writes findings as the editor shows them; ``actions`` offers the fix layer's
edits as code actions; ``protocol`` wires them to the editor's messages. The server reads
buffers and configuration files, and never writes a file.
"""

from __future__ import annotations

import sys
from datetime import date

from trialint.cliargs import EXIT_CLEAN, EXIT_ERROR

INSTALL_HINT = "pip install 'trialint[server]'"


def serve(today: date | None = None) -> int:
    """Run the server on standard input and output until the editor ends it; without pygls,
    say on one line how to install it (exit code 2)."""
    try:
        from trialint.server.protocol import build_server
    except ModuleNotFoundError as error:
        missing = (error.name or "").partition(".")[0]
        if missing == "trialint":
            raise  # a fault of trialint's own, not a missing extra
        print(
            f"trialint: error: trialint server needs pygls ({missing} is not installed): "
            f"{INSTALL_HINT}",
            file=sys.stderr,
        )
        return EXIT_ERROR
    build_server(today).start_io()
    return EXIT_CLEAN
