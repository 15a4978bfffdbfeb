"""Values are quoted into messages as the record writes them: a backslash stays one, an
accented or invisible character stays itself, and only what would break the one-line
``path:line:col: CODE message`` form (a line break, a tab, a control character) is escaped."""

from __future__ import annotations

import pytest

from trialint import cli
from trialint.quoting import AsWritten, quote_short, quoted

from conftest import TODAY, mutate


def first_lines(capsys, tmp_path, text: str, *options: str) -> list[str]:
    """The finding lines (``path:line:col: ...``) and help lines of ``trialint lint``."""
    (tmp_path / "r.yaml").write_text(text, encoding="utf-8")
    code = cli.main(["lint", "--today", TODAY.isoformat(), *options, str(tmp_path / "r.yaml")])
    assert code == 1
    out = capsys.readouterr().out.replace(f"{tmp_path}/", "")
    return [line for line in out.splitlines() if line.startswith(("r.yaml:", "   = help"))]


def test_a_backslash_is_shown_once_as_the_record_writes_it(capsys, tmp_path):
    summary = "Adults receive mesenchymal stromal cells at 1.10\\^6 cells/kg."
    text = mutate(
        (
            "briefSummary: >-\n      Adults who had a total knee replacement are randomly "
            "assigned to supervised exercise\n      training or usual care, and their walking "
            "is compared after 12 weeks.",
            f"briefSummary: {summary}",
        )
    )
    assert first_lines(capsys, tmp_path, text, "--select", "T010") == [
        "r.yaml:43:63: T010 '1.10\\^6' reads as 1.1 to a power in English; 1 × 10^6 is "
        "written '1×10\\^6'",
        "   = help: replace '1.10\\^6' with '1×10\\^6'",
    ]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ('"Both\\tsexes"', "'Both\\tsexes'"),  # a tab
        ('"Both\\nsexes"', "'Both\\nsexes'"),  # a line break: the message stays one line
        ('"Both\\u2028sexes"', "'Both\\u2028sexes'"),  # a Unicode line separator
        ('"Both\\esexes"', "'Both\\x1bsexes'"),  # ESC, which a terminal would obey
        ('"Both\\u00a0sexes"', "'Both\u00a0sexes'"),  # a no-break space: as written
        ("C:\\Both", "'C:\\Both'"),
        ("Both's", '"Both\'s"'),
    ],
)
def test_only_what_breaks_the_line_is_escaped(capsys, tmp_path, written, shown):
    text = mutate(("sex: ALL", f"sex: {written}"))
    assert first_lines(capsys, tmp_path, text, "--select", "S003") == [
        f"r.yaml:101:10: S003 {shown} is not a valid sex (allowed: FEMALE, MALE, ALL)"
    ]


def test_quoted_values():
    assert quoted("1.10\\^6") == "'1.10\\^6'"
    assert quoted("a\r\nb\x85c\x7f") == "'a\\r\\nb\\x85c\\x7f'"
    assert quoted('say "no" and don\'t') == "'say \"no\" and don't'"
    assert quoted(12) == "12"
    assert quoted("abcdefghij", limit=5) == "'abcd…'"
    assert quote_short("two\n  lines\tand more", 12) == "'two lines a…'"


def test_a_rule_packs_message_shows_the_value_as_written_on_one_line():
    value = AsWritten("EUH\\2024\n001")
    assert "{value!r} / {value}".format_map({"value": value}) == (
        "'EUH\\2024\\n001' / EUH\\2024\\n001"
    )
