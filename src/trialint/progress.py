"""A progress bar on stderr for the runs a person waits for: lint (and --fix), import, diff.

One way for every command: :func:`progress` opens a tqdm bar that shows itself only when stderr
is a terminal and the run has lasted more than ``DELAY`` seconds (tqdm's ``delay``), so a
pre-commit run of a few files, a pipe and a CI log never see it (nor a run under ``CI`` or
``--quiet``). While it is open, what the command prints to the same terminal (findings on
stdout, notes on stderr) is written a whole line at a time with the bar lifted first, so no
line runs into it; the bar is erased when the run ends (``leave=False``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager, redirect_stderr, redirect_stdout
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

if TYPE_CHECKING:
    from tqdm import tqdm

T = TypeVar("T")

# Seconds a run lasts before its bar appears: shorter runs are over before a bar would help.
DELAY = 1.0


class Progress:
    """What a command tells the bar: one more thing done, or how far it is. Does nothing when
    no bar is shown, so a command calls it unconditionally."""

    def __init__(self, bar: tqdm[Any] | None = None) -> None:
        self._bar = bar

    def advance(self, count: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(count)

    def each(self, items: Iterable[T]) -> Iterator[T]:
        """``items``, counted as each is done: by the studies it holds when it says
        (``FileReport.studies``: a registry download is one file of thousands), else as one."""
        for item in items:
            yield item
            self.advance(getattr(item, "studies", 1))

    def show(self, done: int, description: str) -> None:
        """How many are done, under ``description`` (diff: its phase), as a whole."""
        if self._bar is not None:
            if self._bar.desc != description:
                self._bar.set_description_str(description, refresh=False)
            self._bar.update(done - self._bar.n)


def wanted(quiet: bool = False) -> bool:
    """A bar helps a person watching a terminal, never a pipe, a file or a CI log."""
    return not quiet and not os.environ.get("CI") and is_terminal(sys.stderr)


@contextmanager
def progress(unit: str, description: str = "", *, quiet: bool = False) -> Iterator[Progress]:
    """A bar for the ``with`` block, when :func:`wanted`: ``description`` then the count and
    ``unit`` as tqdm writes them ("lint: 120 studies [00:03, 40.0 studies/s]" for " studies")."""
    if not wanted(quiet):
        yield Progress()
        return
    from tqdm import tqdm  # here: a run that shows no bar does not import it

    terminal = sys.stderr
    bar = tqdm(desc=description or None, unit=unit, file=terminal, delay=DELAY, leave=False,
               dynamic_ncols=True)  # fmt: skip
    with ExitStack() as stack:
        stack.callback(bar.close)
        stderr = stack.enter_context(_AroundBar(terminal, bar))
        stack.enter_context(redirect_stderr(stderr))
        if is_terminal(sys.stdout):  # the same screen: its lines must not run into the bar
            stdout = stack.enter_context(_AroundBar(sys.stdout, bar))
            stack.enter_context(redirect_stdout(stdout))
        yield Progress(bar)


class _AroundBar:
    """A stream that writes whole lines, lifting the bar (if shown) before and drawing it again
    after; a partial line waits for its end, or for the bar's end."""

    def __init__(self, stream: TextIO, bar: tqdm[Any]) -> None:
        self._stream, self._bar = stream, bar
        self._pending = ""

    def __enter__(self) -> _AroundBar:
        return self

    def __exit__(self, *_: object) -> None:
        self._bar.close()  # the bar erased first: what is left is written where it stood
        if self._pending:
            self._stream.write(self._pending)
            self._pending = ""
        self._stream.flush()

    def write(self, text: str) -> int:
        lines, newline, rest = (self._pending + text).rpartition("\n")
        if not newline:
            self._pending = rest
            return len(text)
        self._pending = rest
        shown = _shown(self._bar)
        if shown:
            self._bar.clear()
        self._stream.write(lines + newline)
        self._stream.flush()
        if shown:
            self._bar.refresh()
        return len(text)

    def flush(self) -> None:
        """Lines are written as they end; a partial one waits (see the class)."""

    def __getattr__(self, name: str) -> Any:  # isatty, encoding, fileno: the stream's own
        return getattr(self._stream, name)


def _shown(bar: tqdm[Any]) -> bool:
    """Whether the bar has been drawn: not before ``DELAY`` (tqdm draws on an update after it)."""
    return bool(getattr(bar, "last_print_t", 0.0) >= bar.start_t + DELAY)


def is_terminal(stream: TextIO | None) -> bool:
    """Whether ``stream`` is a terminal (a person reads it), for the bar and for colour."""
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):  # replaced or closed streams
        return False
