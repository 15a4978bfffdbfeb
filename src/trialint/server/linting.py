"""Judge an editor's buffer as ``trialint lint`` judges the file it stands for.

The configuration is the one nearest the file (``.trialint.toml`` or a ``pyproject.toml``
with ``[tool.trialint]``, from the file's folder upwards, as ruff's server finds its own), so a
buffer gets the rules, severities, per-file-ignores, words and baseline its file gets. The
buffer's text is linted, not the file on disk, named by the file's path relative to the
configuration's folder (the name a baseline written there records). As a folder search does,
a YAML or JSON file that holds no study at all (a CI workflow, a package.json) is passed over
in silence: an editor hands the server every file of the languages it serves.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from trialint.config import find_config, load_config
from trialint.finding import Finding
from trialint.lint.baseline import baseline_in_force
from trialint.lint.engine import Context
from trialint.lint.outcome import FileReport
from trialint.lint.runner import Linter

# What a Linter is built for: the configuration file (None: none found), its modification
# time (an edited configuration takes effect at the next change), and the reference date.
_Key = tuple[Path | None, int, date]


class Linters:
    """The Linter of each configuration in use, built once: building one (the schema, the
    rules) costs a hundred times more than linting a record. Rules about time are judged
    against ``today``, or the day of each lint when it is None (a server runs for days)."""

    def __init__(self, today: date | None = None) -> None:
        self._today = today
        self._built: dict[_Key, Linter] = {}

    def for_file(self, path: Path | None) -> Linter:
        """The Linter for a file (None: a buffer not yet saved, judged from here); raises
        what reading its configuration raises (ConfigError, RulePackError, BaselineError)."""
        source = find_config(path.parent if path is not None else None)
        day = self._today or date.today()
        key = (source, source.stat().st_mtime_ns if source is not None else 0, day)
        linter = self._built.get(key)
        if linter is None:
            self._built = {k: v for k, v in self._built.items() if k[0] != source}
            config = load_config(source)
            config = replace(config, baseline=baseline_in_force(config))
            linter = Linter(Context(today=day), config)
            self._built[key] = linter
        return linter


@dataclass(frozen=True)
class Linted:
    """A buffer's text as it was linted, and what the code actions of that text start from."""

    text: str
    display: str  # the name the findings carry: a baseline's and per-file-ignores' key
    report: FileReport
    linter: Linter

    @property
    def findings(self) -> list[Finding]:
        return self.report.findings


def lint_buffer(linters: Linters, path: Path | None, name: str, text: str) -> Linted:
    """Lint ``text``, the buffer of the file ``path`` (None for an unsaved buffer, then
    named ``name``): its format is told by the suffix, as for any file."""
    linter = linters.for_file(path)
    display = name if path is None else _display(path, linter)
    report = linter.lint_text(text.encode("utf-8", "surrogatepass"), display, found=True)
    return Linted(text, display, report, linter)


def _display(path: Path, linter: Linter) -> str:
    """The file's path from its configuration's folder when it lies below it (as ``trialint
    lint`` run there names it); its absolute path otherwise."""
    root = linter.config.source.parent if linter.config.source is not None else None
    if root is not None:
        relative = os.path.relpath(path, root)
        if Path(relative).parts[0] != os.pardir:
            return relative
    return str(path)
