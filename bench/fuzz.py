#!/usr/bin/env python3
"""Fuzzing: mutated records through lint, fix, diff and import, and hostile inputs timed
against the parse at growing sizes.

    python bench/fuzz.py [--inputs 2000] [--seed 1] [--corpus ../shared/corpus/ctgov-v2]
    python bench/fuzz.py --growth

The first form mutates real records (values of the wrong kind in any field, huge and deeply
nested values, odd Unicode, numbers too long to read; and, in the text, duplicate keys,
aliases, and bytes flipped, cut or repeated), runs each through every command, and reports the
inputs tried, the failures (an internal error, a check that failed, a file written where it
should not be, a finding lost) and the slowest inputs. ``tests/test_fuzz.py`` runs the same
mutations for a bounded number of examples in CI.

``--growth`` times each hostile input of ``HOSTILE_TEXTS`` at a size and at four times it,
against the parse of the same bytes: a check linear in what it reads keeps the ratio of the two
times near 4 (and its time near the parse's multiple); one quadratic in it, near 16.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import io
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from trialint import cli
from trialint.document.load import load_bytes
from trialint.fix import fix_paths
from trialint.lint.runner import Linter

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "ctgov-v2"
GOOD_RECORD = REPO / "tests" / "fixtures" / "good" / "NCT01234567.yaml"

# Values of every kind a field may be given by mistake or by malice.
HOSTILE_VALUES: tuple[Any, ...] = (
    None, True, 0, -1, 3.5, float("inf"), "", " ", "\u0130\u0131\u00df\ufb01\u200b\u202e",
    "\x00\x01\x7f", "\ud7ff\ue000\U0001f600", "9" * 5000, "x" * 100_000, [], [[]], {}, {"": {}},
    [None, 1, "a", {}], {"type": [], "label": {}}, [[[[[[[[[[[]]]]]]]]]]],
)  # fmt: skip


def leaves(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path of a record's tree: its containers and its values."""
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from leaves(value, (*path, index))


def replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    """A copy of ``data`` with the value at ``path`` replaced (the whole, for the empty path)."""
    if not path:
        return value
    twin = copy.deepcopy(data)
    parent = twin
    for token in path[:-1]:
        parent = parent[token]
    parent[path[-1]] = value
    return twin


def mutate_data(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """One to three values replaced by hostile ones, keys dropped, or keys added."""
    paths = list(leaves(data))[1:]
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(paths)
        roll = rng.random()
        if roll < 0.7:
            data = replaced(data, path, copy.deepcopy(rng.choice(HOSTILE_VALUES)))
        elif roll < 0.85 and isinstance(path[-1], str):
            data = replaced(data, path[:-1], _without(_at(data, path[:-1]), path[-1]))
        else:
            data = replaced(data, path, {"unknownField": rng.choice(HOSTILE_VALUES)})
        paths = list(leaves(data))[1:] or paths
    return data


def mutate_text(text: str, rng: random.Random) -> bytes:
    """The YAML text with a line repeated (a duplicate key), an alias, or bytes flipped, cut or
    repeated."""
    lines = text.splitlines(keepends=True)
    roll = rng.random()
    if roll < 0.3 and lines:
        at = rng.randrange(len(lines))
        lines.insert(at, lines[at])
        return "".join(lines).encode("utf-8")
    if roll < 0.45:
        return ("base: &base {a: [1, 2, 3]}\n" + text + "\nextra: [*base, *base, *base]\n").encode(
            "utf-8"
        )
    data = bytearray(text.encode("utf-8"))
    for _ in range(rng.randint(1, 8)):
        if not data:
            break
        at = rng.randrange(len(data))
        action = rng.random()
        if action < 0.5:
            data[at] = rng.randrange(256)
        elif action < 0.75:
            del data[at : at + rng.randint(1, 50)]
        else:
            data[at:at] = data[at : at + rng.randint(1, 200)] * rng.randint(1, 20)
    return bytes(data)


@dataclass
class Outcome:
    """What one input did: its failures (none is the aim) and how long it took."""

    name: str
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)


def try_input(linter: Linter, name: str, content: bytes, folder: Path) -> Outcome:
    """Run one input through lint, fix, diff and import, in a folder of its own."""
    outcome = Outcome(name)
    started = time.perf_counter()
    case = folder / "case"
    case.mkdir()
    record = case / "NCT01234567.yaml"
    record.write_bytes(content)
    try:
        result = linter.lint_paths([str(record)])
        outcome.failures += [f"lint: {error}" for error in result.errors if "internal" in error]
        outcome.failures += [f"lint: {f.message}" for f in result.findings if f.rule.code == "F012"]
        fixed = fix_paths(linter, [str(record)], unsafe=True, write=True)
        outcome.failures += [f"fix: {error}" for error in fixed.errors if "internal" in error]
        left = sorted(p.name for p in case.iterdir())
        if left != ["NCT01234567.yaml"]:
            outcome.failures.append(f"fix left {left} in the folder")
        for argv in (
            ["diff", str(GOOD_RECORD), str(record)],
            ["import", str(_as_json(record, folder)), "--out", str(folder / "out")],
        ):
            code, err = _run(argv)
            if code not in (0, 1, 2) or "internal error" in err or "Traceback" in err:
                outcome.failures.append(f"{argv[0]}: exit {code}: {err.strip()[:300]}")
    except Exception as error:  # the fuzzer reports whatever escapes
        outcome.failures.append(f"raised {type(error).__name__}: {error}"[:300])
    outcome.seconds = time.perf_counter() - started
    return outcome


def _as_json(record: Path, folder: Path) -> Path:
    """The record as a JSON source for import (its data if it reads as one study, else the
    bytes as they are)."""
    target = folder / "source.json"
    loaded = load_bytes(record.read_bytes(), record.name, "yaml")
    if loaded.studies:
        with contextlib.suppress(ValueError, TypeError):
            target.write_text(json.dumps(loaded.studies[0].data), encoding="utf-8")
            return target
    target.write_bytes(record.read_bytes())
    return target


def _run(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, err.getvalue()


def inputs(records: list[Path], count: int, seed: int) -> Iterator[tuple[str, bytes]]:
    """``count`` mutated inputs, half from data and half from text, fixed by ``seed``."""
    rng = random.Random(seed)
    for number in range(count):
        source = rng.choice(records)
        data = load_bytes(source.read_bytes(), source.name, _format(source)).studies[0].data
        if number % 2:
            text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
            yield f"{source.stem} text #{number}", mutate_text(text, rng)
        else:
            mutated = mutate_data(data, rng)
            yield f"{source.stem} data #{number}", _dump(mutated)


def _dump(data: Any) -> bytes:
    with contextlib.suppress(ValueError, yaml.YAMLError, RecursionError):
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True).encode("utf-8")
    return repr(data).encode("utf-8", errors="replace")


def _format(path: Path) -> str:
    return "json" if path.suffix == ".json" else "yaml"


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for token in path:
        data = data[token]
    return data


def _without(mapping: Any, key: str) -> Any:
    return {k: v for k, v in mapping.items() if k != key} if isinstance(mapping, dict) else mapping


# --- growth ---------------------------------------------------------------------------------

_TITLE = "protocolSection:\n  identificationModule:\n    nctId: NCT01234567\n    briefTitle: "
_SHARED_CONTACT = (
    "        contacts:\n          - &contact\n            name: Jane Doe\n"
    "            role: CONTACT\n            email: jane.doe@example.org\n"
)
# A site as PyYAML writes it when every site holds the same contact object.
_SITE_WITH_CONTACT = (
    "      - facility: Example Hospital\n        city: Lyon\n        country: France\n"
    "        contacts:\n          - *contact\n"
)
HOSTILE_TEXTS: dict[str, Callable[[int], str]] = {
    "one letter repeated (T003)": lambda n: _TITLE + "a" * n + "\n",
    "one word repeated (T004, T005)": lambda n: _TITLE + "the " * (n // 4) + "\n",
    "duplicate keys (F002)": lambda n: _TITLE + "x\n" + "    briefTitle: x\n" * (n // 18),
    "unknown keys (S001)": lambda n: (
        _TITLE + "x\n" + "".join(f"    unknown{k}: x\n" for k in range(n // 20))
    ),
    "misspelled words (T001)": lambda n: (
        _TITLE + "Pateints recieve treatement. " * (n // 30) + "\n"
    ),
    "digits in a time frame (O rules)": lambda n: _good_with(
        ("timeFrame: Baseline and week 12", "timeFrame: " + "9" * n)
    ),
    "digits in a drug's description (A018)": lambda n: _good_with(
        ("type: BEHAVIORAL", "type: DRUG"),
        ("Progressive strength and balance exercises supervised by a physiotherapist.", "9" * n),
    ),
    "an address of digits (C001)": lambda n: _good_with(
        ("fullName: Example University Hospital", "fullName: " + "9" * n + "@")
    ),
    "one text aliased many times (F006)": lambda n: (
        _TITLE
        + '&text "'
        + "word " * (n // 10)
        + '"\n  conditionsModule:\n    keywords:\n'
        + "    - *text\n" * (n // 24)
    ),
    "one contact aliased at every site": lambda n: _good_with(
        (
            "        country: France\n",
            "        country: France\n"
            + _SHARED_CONTACT
            + _SITE_WITH_CONTACT * (n // len(_SITE_WITH_CONTACT)),
        )
    ),
}


def _good_with(*replacements: tuple[str, str]) -> str:
    """The complete good record with each ``old`` replaced by its ``new``."""
    text = GOOD_RECORD.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def growth(size: int) -> list[tuple[str, float, float]]:
    """For each hostile text: the lint's time at 4 x ``size`` over its time at ``size``, and
    the lint's time over the parse's at 4 x ``size``."""
    linter = Linter()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for name, make in HOSTILE_TEXTS.items():
            times = []
            for n in (size, 4 * size):
                path = Path(scratch) / "NCT01234567.yaml"
                path.write_text(make(n), encoding="utf-8")
                lint = _best(lambda p=path: linter.lint_paths([str(p)]))
                parse = _best(lambda p=path: load_bytes(p.read_bytes(), p.name, "yaml"))
                times.append((lint, parse))
            (small, _), (large, parse) = times
            rows.append((name, large / small, large / parse))
    return rows


def _best(run: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--growth", action="store_true")
    parser.add_argument("--size", type=int, default=50_000, help="bytes, for --growth")
    args = parser.parse_args(argv)
    if args.growth:
        print(f"hostile inputs at {args.size:,} and {4 * args.size:,} bytes (linear: ~4x)")
        for name, ratio, versus_parse in growth(args.size):
            flag = "" if ratio < 8 else "   GROWS FASTER THAN THE INPUT"
            print(f"  {name:<38} {ratio:5.1f}x   {versus_parse:7.1f}x the parse{flag}")
        return 0
    records = sorted(args.corpus.glob("NCT*.json"))[:200] if args.corpus.is_dir() else []
    records = records or [GOOD_RECORD]
    linter = Linter()
    outcomes = []
    with tempfile.TemporaryDirectory() as scratch:
        for number, (name, content) in enumerate(inputs(records, args.inputs, args.seed)):
            folder = Path(scratch) / str(number)
            folder.mkdir()
            outcomes.append(try_input(linter, name, content, folder))
    failed = [o for o in outcomes if o.failures]
    print(f"inputs tried: {len(outcomes)} (seed {args.seed}); failures: {len(failed)}")
    for outcome in failed[:20]:
        print(f"  {outcome.name}: {'; '.join(outcome.failures)}")
    print("slowest inputs:")
    for outcome in sorted(outcomes, key=lambda o: -o.seconds)[:5]:
        print(f"  {outcome.seconds * 1000:8.1f} ms  {outcome.name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
