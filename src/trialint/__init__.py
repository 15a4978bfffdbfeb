"""trialint: lint and diff clinical-trial registry records kept as YAML.

The Python API (the README's "Python API"): ``trialint.lint(...)`` returns findings,
``trialint.diff(old, new)`` change events; the names of ``__all__`` are the stable API. They
live in :mod:`trialint.api`, imported on first use (module ``__getattr__``), so that ``import
trialint`` costs a pre-commit run nothing.

``lint`` and ``diff`` are also the names of subpackages (:mod:`trialint.lint`,
:mod:`trialint.diff`). Importing a subpackage makes it an attribute of its package, which
would hide the function of the same name once the linter had run: this package's module
keeps its functions instead (:class:`_Package`). Code inside trialint imports subpackages'
modules by name (``from trialint.lint import runner``), never as attributes of ``trialint``.
"""

from __future__ import annotations

import sys
from types import ModuleType

from trialint.version import __version__

# typing.TYPE_CHECKING without importing typing (several milliseconds): type checkers take any
# name TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:  # what the type checker sees; at run time, __getattr__ imports them
    from trialint.api import (
        Change,
        ConfigurationError,
        Finding,
        Fix,
        Kind,
        Significance,
        TrialintError,
        UnreadableInputError,
        diff,
        lint,
    )

__all__ = [
    "Change",
    "ConfigurationError",
    "Finding",
    "Fix",
    "Kind",
    "Significance",
    "TrialintError",
    "UnreadableInputError",
    "__version__",
    "diff",
    "lint",
]
_API = frozenset(__all__) - {"__version__"}


def __getattr__(name: str) -> object:
    """The API's names, imported from :mod:`trialint.api` when first asked for."""
    if name not in _API:
        raise AttributeError(f"module 'trialint' has no attribute {name!r}")
    from trialint import api

    value = getattr(api, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(ModuleType):
    """This package's module: a subpackage being imported does not replace the API function
    of the same name (``trialint.lint`` stays the function after ``trialint.lint.runner`` is
    imported); everything else is set as on any module."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _API and isinstance(value, ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
