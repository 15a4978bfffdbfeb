"""Connecting to a running Dask scheduler, with errors a user can act on.

trialint never starts a cluster of its own for a command: where the workers run (a laptop's
``dask scheduler`` and ``dask worker``, dask-jobqueue on Slurm, dask-kubernetes, Coiled) is the
user's choice. It connects to the address given and uses the workers that scheduler has.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from distributed import Client

# How long to wait for the scheduler to answer before saying it cannot be reached.
CONNECT_TIMEOUT = "10s"

INSTALL_HINT = "running on a Dask cluster needs the extra: pip install 'trialint[dask]'"


class ClusterError(Exception):
    """The cluster cannot be used (the extra is missing, the scheduler does not answer): one
    line for the user, exit code 2."""


def require_dask() -> None:
    """Raise ClusterError, with how to install it, when ``dask.distributed`` is missing."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise ClusterError(INSTALL_HINT) from None


def connect(address: str) -> Client:
    """A client of the scheduler at ``address`` (``tcp://HOST:8786``, or a scheduler file's
    path, as ``dask worker`` takes them). Raises ClusterError when it does not answer."""
    require_dask()
    from distributed import Client

    try:
        if address.endswith(".json"):
            return Client(scheduler_file=address, timeout=CONNECT_TIMEOUT)
        return Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {error}") from None
