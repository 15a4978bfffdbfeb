"""Property-based tests (hypothesis): records mutated as bench/fuzz.py mutates them, through
lint, fix, diff and import. None may raise, report an internal error or a failed check, or
leave a file beside the record. A bounded number of examples runs here, the same each run
(derandomised); bench/fuzz.py runs thousands."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trialint.document.yaml12 import parse_yaml
from trialint.lint.runner import Linter

from conftest import GOOD_RECORD, load_script

fuzz = load_script("fuzz", "bench")
GOOD_DATA = parse_yaml(GOOD_RECORD.read_bytes()).documents[0]
PATHS = list(fuzz.leaves(GOOD_DATA))[1:]
BOUNDED = settings(
    max_examples=60, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow],
)  # fmt: skip


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def _no_failure(linter: Linter, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        outcome = fuzz.try_input(linter, "example", content, Path(scratch))
    assert outcome.failures == []


@pytest.mark.parametrize("value", fuzz.HOSTILE_VALUES, ids=lambda value: repr(value)[:20])
def test_a_value_of_any_kind_in_every_field_breaks_no_check(linter, value):
    """Every field of a complete record, in turn, given the value: the schema may report it,
    no check may fail on it."""
    for path in PATHS:
        data = fuzz.replaced(GOOD_DATA, path, value)
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        with tempfile.TemporaryDirectory() as scratch:
            record = Path(scratch) / "NCT01234567.yaml"
            record.write_text(text, encoding="utf-8")
            result = linter.lint_paths([str(record)])
        assert result.errors == [], path
        assert not [f for f in result.findings if f.rule.code == "F012"], path


@BOUNDED
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), path=st.sampled_from(PATHS))
def test_mutated_records_through_every_command(linter, seed, path):
    rng = random.Random(seed)
    data = fuzz.replaced(GOOD_DATA, path, rng.choice(fuzz.HOSTILE_VALUES))
    _no_failure(linter, fuzz._dump(fuzz.mutate_data(data, rng)))


@BOUNDED
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_mutated_text_through_every_command(linter, seed):
    text = GOOD_RECORD.read_text(encoding="utf-8")
    _no_failure(linter, fuzz.mutate_text(text, random.Random(seed)))


@BOUNDED
@given(content=st.binary(max_size=2000))
def test_any_bytes_through_every_command(linter, content):
    _no_failure(linter, content)
