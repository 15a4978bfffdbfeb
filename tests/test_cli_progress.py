"""The progress bar: on a terminal (a pseudo-terminal here) once a run lasts a second, for lint,
--fix, import and diff; never in a pipe, under CI or with --quiet; and never in the way of
what the command prints to the same terminal."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import struct
import sys
import termios
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TextIO

import pytest
import yaml

from trialint import cli
from trialint import progress as progress_module
from trialint.progress import progress

from conftest import GOOD_RECORD, TODAY

GOOD = GOOD_RECORD.read_text(encoding="utf-8")


@dataclass
class Terminal:
    stream: TextIO
    read: Callable[[], str]  # everything written to it since, as the terminal received it
    attach: Callable[[], None]  # stderr to it, in the test's body (pytest sets it for the call)


@pytest.fixture
def terminal(monkeypatch) -> Iterator[Terminal]:
    """stderr on a pseudo-terminal of 100 columns (a terminal of no width shows no bar), with
    CI unset (CI sets it)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    stream = os.fdopen(slave, "w", encoding="utf-8")
    monkeypatch.delenv("CI", raising=False)

    def read() -> str:
        stream.flush()
        chunks = []
        while select.select([master], [], [], 0.2)[0]:
            chunks.append(os.read(master, 65536))
        return b"".join(chunks).decode("utf-8")

    yield Terminal(stream, read, lambda: monkeypatch.setattr(sys, "stderr", stream))
    stream.close()
    os.close(master)


@pytest.fixture
def at_once(monkeypatch):
    """The bar without its delay, so that the CLI's short test runs show it."""
    monkeypatch.setattr(progress_module, "DELAY", 0.0)


@pytest.fixture
def records(tmp_path):
    """Three records of three studies, each with an invalid sex (S003)."""
    for digit, name in enumerate("abc", start=7):
        text = GOOD.replace("sex: ALL", "sex: Both").replace("NCT01234567", f"NCT0123456{digit}")
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_the_bar_appears_once_a_run_has_lasted_a_second(terminal):
    terminal.attach()
    with progress(" studies", "lint") as bar:
        bar.advance(2)
        assert terminal.read() == ""  # not yet
        time.sleep(progress_module.DELAY + 0.1)
        bar.advance(3)
        shown = terminal.read()
    assert re.match(r"\rlint: 5 studies \[00:0[1-9], ", shown), shown  # however slow the machine
    assert re.fullmatch(r"\r *\r", terminal.read())  # erased at the end


def test_a_short_run_shows_no_bar(terminal):
    terminal.attach()
    with progress(" studies", "lint") as bar:
        bar.advance(100)
    assert terminal.read() == ""


def test_lint_shows_the_bar_on_a_terminal(terminal, at_once, records, capsys):
    terminal.attach()
    assert cli.main(["lint", "--today", TODAY.isoformat(), str(records)]) == 1
    shown = terminal.read()
    assert "\rlint: 0 studies [00:00, ? studies/s]" in shown
    assert "Found 3 findings" in capsys.readouterr().out  # stdout, not a terminal: as it was


@pytest.mark.parametrize("why", ["pipe", "CI", "--quiet"])
def test_never_in_a_pipe_under_ci_or_quiet(terminal, at_once, records, monkeypatch, why):
    terminal.attach()
    quiet = []
    if why == "pipe":
        reading, writing = os.pipe()
        pipe = os.fdopen(writing, "w", encoding="utf-8")
        monkeypatch.setattr(sys, "stderr", pipe)
    elif why == "CI":
        monkeypatch.setenv("CI", "true")
    else:
        quiet = ["--quiet"]
    assert cli.main(["lint", *quiet, "--today", TODAY.isoformat(), str(records)]) == 1
    assert cli.main(["lint", *quiet, "--fix", str(records)]) == 1
    if why == "pipe":
        pipe.close()
        with os.fdopen(reading, encoding="utf-8") as piped:
            assert "studies" not in piped.read()
    assert "studies [" not in terminal.read()  # notes, "Fixed 0 findings", but no bar


def test_fix_import_and_diff_show_the_bar(terminal, at_once, records, tmp_path, capsys):
    terminal.attach()
    assert cli.main(["lint", "--fix", str(records)]) == 1
    assert "\rlint: 0 studies" in terminal.read()
    out = tmp_path / "imported"
    source = tmp_path / "study.json"
    source.write_text(json.dumps(yaml.safe_load(GOOD)), encoding="utf-8")
    assert cli.main(["import", str(source), "--out", str(out)]) == 0
    assert "\rimport: 0 studies" in terminal.read()
    assert cli.main(["diff", str(records / "a.yaml"), str(records / "b.yaml")]) == 1
    assert "\rdiff: 0 studies [00:00, ? studies/s]" in terminal.read()
    capsys.readouterr()


def test_lines_printed_to_the_same_terminal_never_run_into_the_bar(
    terminal, at_once, records, monkeypatch
):
    """Findings on stdout and the bar on stderr share the screen: each line is written whole,
    the bar lifted before it (``\\r``, blanks, ``\\r``) and drawn again below it."""
    terminal.attach()
    monkeypatch.setattr(sys, "stdout", terminal.stream)
    assert cli.main(["lint", "--color", "never", "--today", TODAY.isoformat(), str(records)]) == 1
    screen = terminal.read()
    assert "lint: " in screen
    pieces = re.split(r"[\r\n]+", screen)
    for name in ("a", "b", "c"):
        header = f"{records / name}.yaml:101:10: S003 'Both' is not a valid sex"
        assert any(piece.startswith(header) for piece in pieces), header
    assert "Found 3 findings (3 errors) in 3 files, 3 studies." in pieces
    for piece in pieces:  # the bar alone on its line, or none of it
        assert "studies/s]" not in piece or piece.startswith("lint: "), piece
