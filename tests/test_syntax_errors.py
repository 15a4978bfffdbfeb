"""YAML syntax errors (F001): the slips curators make most are told in their words, at the
place to correct and with the remedy; any other error keeps the parser's own words."""

from __future__ import annotations

import pytest

from trialint import cli

from conftest import TODAY

HEAD = "protocolSection:\n  identificationModule:\n    nctId: NCT04711200\n"


def finding_lines(capsys, tmp_path, text: str) -> list[str]:
    """The ``path:line:col: CODE message`` lines of ``trialint lint`` on ``text``."""
    (tmp_path / "r.yaml").write_text(text, encoding="utf-8")
    code = cli.main(["lint", "--today", TODAY.isoformat(), str(tmp_path / "r.yaml")])
    assert code == 1
    out = capsys.readouterr().out.replace(f"{tmp_path}/", "")
    return [line for line in out.splitlines() if line.startswith("r.yaml:")]


COLON = "': ' inside unquoted text reads as a new key; quote the text: put it between double quotes"
TAB = "a tab indents this line, and YAML indents with spaces only: replace the tab with spaces"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            HEAD + "    briefTitle: Knee replacement: a trial  # draft\n",
            f'r.yaml:4:33: F001 {COLON} ("Knee replacement: a trial")',
        ),
        (  # columns count characters, and the suggestion keeps them as written
            HEAD + '    briefTitle: Étude "GENOU": essai\n',
            f'r.yaml:4:30: F001 {COLON} ("Étude \\"GENOU\\": essai")',
        ),
        (
            "protocolSection:\n  conditionsModule:\n    keywords:\n      - knee: hip: a\n",
            f'r.yaml:4:18: F001 {COLON} ("hip: a")',
        ),
    ],
    ids=["colon", "non-ascii", "list-item"],
)
def test_a_colon_inside_unquoted_text(capsys, tmp_path, text, expected):
    assert finding_lines(capsys, tmp_path, text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HEAD.replace("    nctId", "\tnctId"), f"r.yaml:3:1: F001 {TAB}"),
        (HEAD + "    \tacronym: KR\n", f"r.yaml:4:5: F001 {TAB}"),
    ],
    ids=["tab", "spaces-then-tab"],
)
def test_a_tab_used_for_indentation(capsys, tmp_path, text, expected):
    assert finding_lines(capsys, tmp_path, text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the parser reads on to the end of the file and fails there, on line 6
            HEAD + '    briefTitle: "Knee replacement\n    acronym: KR\n',
            'r.yaml:4:17: F001 the quoted text that starts here is never closed: put a " at '
            "its end",
        ),
        (  # the next quote closes it, and the parser fails after it, on line 5
            HEAD + "    briefTitle: 'Knee replacement\n    acronym: 'KR'\n",
            "r.yaml:4:17: F001 the quoted text that starts here is never closed: put a ' at "
            "its end",
        ),
    ],
    ids=["to-the-end", "closed-by-the-next"],
)
def test_an_unclosed_quote_is_reported_where_it_opens(capsys, tmp_path, text, expected):
    assert finding_lines(capsys, tmp_path, text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "protocolSection:\n  identificationModule: {nctId: NCT04711200\n",
            "r.yaml:3:1: F001 did not find expected ',' or '}' (while parsing a flow mapping)",
        ),
        (  # a colon in a key's second line: a mis-indented key as likely as unquoted text
            "protocolSection:\n  descriptionModule:\n    briefSummary: First\n"
            "      and Note: second\n",
            "r.yaml:4:15: F001 mapping values are not allowed in this context",
        ),
    ],
    ids=["flow-mapping", "colon-on-a-continuation-line"],
)
def test_other_errors_keep_the_parsers_words(capsys, tmp_path, text, expected):
    assert finding_lines(capsys, tmp_path, text) == [expected]
