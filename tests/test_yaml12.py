"""The YAML reader: YAML 1.2 values, positions, and refusing what is unsafe or ambiguous."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from types import FrameType

import pytest
import yaml

from trialint.document.problems import ALIAS_LIMIT
from trialint.document.spans import LineIndex
from trialint.document.yaml12 import (
    ALIAS_FACTOR,
    ALIAS_FLOOR,
    MAX_DEPTH,
    _Builder,
    parse_yaml,
    resolve_plain,
)

from conftest import GOOD_TEXT, no_failure, position_of


def only_document(text: str):
    parsed = parse_yaml(text)
    assert parsed.problems == []
    assert len(parsed.documents) == 1
    return parsed.documents[0], parsed


def locate(text: str, parsed, data, tokens):
    """(key span, value span, found) of the value at ``tokens``, as lines and columns."""
    location = parsed.spans.locate(data, tokens)
    lines = LineIndex(text)
    key = lines.span(*location.key) if location.key else None
    return key, lines.span(*location.value), location.found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2022-09-15", "2022-09-15"),  # YAML 1.1 would make it a date
        ("2022-09", "2022-09"),
        ("NO", "NO"),  # YAML 1.1 would make it false (the "Norway problem")
        ("yes", "yes"),
        ("on", "on"),
        ("true", True),
        ("False", False),
        ("15", 15),
        ("-3", -3),
        ("0o17", 15),
        ("0x1F", 31),
        ("1.10", 1.1),
        ("1e3", 1000.0),
        ("~", None),
        ("null", None),
        ("NCT04711200", "NCT04711200"),
        ("1:30", "1:30"),  # YAML 1.1 would read a sexagesimal number
        ("0149812536", 149812536),
    ],
)
def test_plain_scalars_follow_the_yaml_1_2_core_schema(text, value):
    assert resolve_plain(text) == value
    assert type(resolve_plain(text)) is type(value)


def test_quoted_and_block_scalars_are_text():
    data, _ = only_document("a: '15'\nb: \"true\"\nc: |-\n  1.10\nd: !!str 2022\ne: ! 12\n")
    assert data == {"a": "15", "b": "true", "c": "1.10", "d": "2022", "e": "12"}


def test_counts_stay_integers():
    data, _ = only_document("enrollmentInfo:\n  count: 15\n")
    assert data["enrollmentInfo"]["count"] == 15
    assert isinstance(data["enrollmentInfo"]["count"], int)


def test_plain_numbers_keep_their_text_for_fields_that_want_text():
    data, parsed = only_document("version: 1.10\nempty:\nnull_word: null\n")
    assert parsed.raw_texts[(id(data), "version")] == "1.10"
    assert parsed.raw_texts[(id(data), "empty")] == ""
    assert (id(data), "null_word") not in parsed.raw_texts


def test_positions_in_nested_mappings_and_lists():
    text = (
        "protocolSection:\n"  # 1
        "  statusModule:\n"  # 2
        "    overallStatus: RECRUITING\n"  # 3
        "  designModule:\n"  # 4
        "    phases:\n"  # 5
        "      - PHASE1\n"  # 6
        "      - PHASE2\n"  # 7
        "  armsInterventionsModule:\n"  # 8
        "    armGroups: [{label: A}, {label: B, type: OTHER}]\n"  # 9
    )
    data, parsed = only_document(text)

    key, value, _ = locate(text, parsed, data, ["protocolSection", "statusModule", "overallStatus"])
    assert (key.line, key.column) == (3, 5)
    assert (value.line, value.column, value.end_column) == (3, 20, 30)

    key, value, _ = locate(text, parsed, data, ["protocolSection", "designModule", "phases", 1])
    assert (value.line, value.column) == (7, 9)
    assert key is None

    path = ["protocolSection", "armsInterventionsModule", "armGroups", 1, "type"]
    key, value, _ = locate(text, parsed, data, path)
    assert (key.line, key.column) == (9, 40)
    assert (value.line, value.column) == (9, 46)


def test_a_missing_path_points_at_the_deepest_part_that_exists():
    text = "a:\n  b:\n    c: 1\n"
    data, parsed = only_document(text)
    key, _, found = locate(text, parsed, data, ["a", "b", "missing"])
    assert not found
    assert (key.line, key.column) == (2, 3)


def test_columns_count_characters_not_bytes():
    text = "city: Créteil\nfacility: Hôpital Henri Mondor\n"
    data, parsed = only_document(text)
    _, value, _ = locate(text, parsed, data, ["facility"])
    assert (value.line, value.column) == (2, 11)
    _, value, _ = locate(text, parsed, data, ["city"])
    assert value.end_column == 14


def test_duplicate_keys_name_both_lines_and_keep_the_last_value():
    parsed = parse_yaml("statusModule:\n  overallStatus: RECRUITING\n  overallStatus: COMPLETED\n")
    assert parsed.documents[0] == {"statusModule": {"overallStatus": "COMPLETED"}}
    [problem] = parsed.problems
    assert problem.rule.code == "F002"
    assert (problem.span.line, problem.span.column) == (3, 3)
    assert "first on line 2" in problem.message
    assert "'overallStatus'" in problem.message


def test_a_syntax_error_is_a_problem_at_its_line_and_column():
    parsed = parse_yaml("a:\n  b: [1, 2\nc: 3\n")
    [problem] = parsed.problems
    assert problem.rule.code == "F001"
    assert (problem.span.line, problem.span.column) == (3, 2)
    assert parsed.documents == []


@pytest.mark.parametrize("source", ["a: 1\nb: 'café \x1b'\n", "a: 1\nb: 'café \x1b'\n".encode()])
def test_a_control_character_is_a_one_line_problem_where_it_is(source):
    [problem] = parse_yaml(source).problems
    assert problem.rule.code == "F001"
    assert problem.message == (
        "character U+001B is not allowed in YAML: control characters are not allowed"
    )
    assert (problem.span.line, problem.span.column) == (2, 10)  # characters, not bytes


def test_tabs_as_indentation_are_a_syntax_error():
    [problem] = parse_yaml("a:\n\tb: 1\n").problems
    assert problem.rule.code == "F001"
    assert problem.span.line == 2


def billion_laughs() -> str:
    """Nine levels, each a list of ten aliases to the level before: 10^9 values expanded."""
    levels = ["a: &a [" + ", ".join(["lol"] * 10) + "]"]
    for index, name in enumerate("bcdefghi"):
        previous = "abcdefghi"[index]
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    return "\n".join(levels) + "\n"


def test_billion_laughs_is_refused_fast():
    text = billion_laughs()
    started = time.perf_counter()
    parsed = parse_yaml(text)
    elapsed = time.perf_counter() - started
    [problem] = parsed.problems
    assert problem.rule.code == "F006"
    # The file is 433 characters, so aliases may add the floor, 10,000 (a value weighs 1 and
    # its characters: a "lol" 4, a = 41, b = 411, c = 4,111). b and c add 10 x 41 + 10 x 411
    # = 4,520; d's second *c brings it to 12,742.
    assert len(text) == 433
    assert (problem.span.line, problem.span.column) == position_of(text, "*c", 2)
    assert problem.message == (
        "aliases repeat more than 10,000 characters of values in this file "
        "(a 'billion laughs' file?); not read further"
    )
    assert parsed.documents == []
    assert elapsed < 1.0  # a budget, not a benchmark: expansion would take hours


def test_modest_aliases_are_read():
    data, _ = only_document("site: &paris {city: Paris}\nother: *paris\n")
    assert data["other"] == {"city": "Paris"}


def test_a_record_sharing_one_contact_at_5000_sites_is_read_and_linted(linter, tmp_path):
    # PyYAML's dumper writes a value shared by reference once, anchored, and an alias at each
    # other place: here the contact of 5,000 sites. A count of 10,000 values refused such a
    # record from about 2,000 sites; these aliases add three quarters of the file's size.
    data = only_document(GOOD_TEXT)[0]
    contact = {
        "name": "Jane Doe, MD",
        "role": "CONTACT",
        "phone": "+33 4 72 11 22 33",
        "email": "jane.doe@example.org",
    }
    data["protocolSection"]["contactsLocationsModule"]["locations"] = [
        {"facility": f"Example Hospital {site}", "city": "Lyon", "country": "France",
         "contacts": [contact]}
        for site in range(5000)
    ]  # fmt: skip
    text = yaml.dump(data, sort_keys=False, allow_unicode=True)
    assert text.count("*id001") == 4_999
    assert only_document(text)[0] == data
    path = tmp_path / "NCT01234567.yaml"
    path.write_text(text, encoding="utf-8")
    assert no_failure(linter.lint_paths([str(path)])).findings == []


def test_one_big_anchor_aliased_many_times_is_refused():
    # The quadratic bomb: 2,000 values written once, then aliased 1,000 times (2 million).
    text = "big: &big [" + ", ".join(["x"] * 2000) + "]\ncopies:\n" + "- *big\n" * 1000
    assert len(text) == 13_019
    [problem] = parse_yaml(text).problems
    assert problem.rule.code == "F006"
    # Each alias adds 4,001 (the list, and 2,000 values of weight 2); the file is 13,019
    # characters, so aliases may add 20 times that, 260,380: the 66th alias passes it.
    assert (problem.span.line, problem.span.column) == position_of(text, "*big", 66)
    assert problem.message == (
        "aliases repeat more than 260,380 characters of values in this file, 20 times its "
        "size (a 'billion laughs' file?); not read further"
    )


def test_one_long_text_aliased_many_times_is_refused():
    # Counted as one value each, these aliases would pass any count of values, yet the text
    # rules read the 100,000 characters at each of them.
    text = 't: &t "' + "word " * 20_000 + '"\nl:\n' + "- *t\n" * 1000
    assert len(text) == 105_012
    [problem] = parse_yaml(text).problems
    assert problem.rule.code == "F006"
    # Each alias adds 100,001; the file is 105,012 characters: the 22nd passes 2,100,240.
    assert (problem.span.line, problem.span.column) == position_of(text, "*t", 22)
    assert "2,100,240 characters of values in this file, 20 times its size" in problem.message


def anchor_chain(links: int) -> str:
    """A list, then ``links`` anchors each a list of the one before: nested ``links`` + 1 deep
    without a bracket written more than one deep."""
    return "a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, links + 1))


def test_an_alias_chain_nesting_values_past_the_depth_limit_is_refused():
    text = anchor_chain(63)
    [problem] = parse_yaml(text).problems
    assert problem.rule.code == "F006"
    # *a62 is 63 lists deep, placed in a63's list inside the top mapping: 65 levels.
    assert (problem.span.line, problem.span.column) == position_of(text, "*a62")
    assert problem.message == "alias *a62 nests values more than 64 levels deep; not read further"


def test_an_alias_chain_within_the_depth_limit_is_read():
    data, _ = only_document(anchor_chain(62))  # the top mapping and 63 lists: 64 levels
    value, depth = data["a62"], 1
    while isinstance(value, list):
        value, depth = value[0], depth + 1
    assert (value, depth) == ("x", MAX_DEPTH)


def lines_run(function: Callable[[], object]) -> int:
    """The lines of Python ``function`` runs, in every function it calls: work counted, where
    a time would be flaky."""
    count = 0

    def tracer(frame: FrameType, event: str, arg: object) -> Callable[..., object]:
        nonlocal count
        count += event == "line"
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        function()
    finally:
        sys.settrace(previous)
    return count


def test_checking_aliases_costs_the_same_whatever_they_expand_to():
    # Two files of the same events and the same length: in one, c's 30 aliases stand for b
    # (1,831 each), in the other for a (61 each). A check that walked what an alias stands for
    # would run tens of thousands of lines more for the first; the count of its weight runs
    # the same lines for both, a branch or two apart. (The comment raises the budget, the
    # file's size, and costs the loop nothing: libyaml skips it.)
    def text(target: str) -> str:
        return (
            "# " + "padding " * 1000 + "\n"
            "a: &a [" + ", ".join(["x"] * 30) + "]\n"
            "b: &b [" + ", ".join(["*a"] * 30) + "]\n"
            "c: &c [" + ", ".join([f"*{target}"] * 30) + "]\n"
        )

    nested, flat = text("b"), text("a")
    assert len(nested) == len(flat)
    for source, target in ((nested, "b"), (flat, "a")):
        data, _ = only_document(source)
        assert data["c"][0] is data[target]  # shared, not copied
    expanded = [_Builder(source) for source in (nested, flat)]
    work = [lines_run(builder.run) for builder in expanded]
    assert [builder.expanded for builder in expanded] == [1_830 + 30 * 1_831, 1_830 + 30 * 61]
    assert abs(work[0] - work[1]) < 10, work


def test_a_recursive_alias_is_refused():
    [problem] = parse_yaml("a: &loop [1, *loop]\n").problems
    assert problem.rule.code == "F006"
    assert "contains it" in problem.message


def test_the_rule_states_the_limits_the_reader_applies():
    assert f"{ALIAS_FACTOR} times the file's size" in ALIAS_LIMIT.summary
    assert f"at least {ALIAS_FLOOR:,} characters" in ALIAS_LIMIT.rationale
    assert f"more than {MAX_DEPTH} levels deep" in ALIAS_LIMIT.rationale


def test_an_unknown_alias_is_a_syntax_error():
    [problem] = parse_yaml("a: *nowhere\n").problems
    assert problem.rule.code == "F001"
    assert (problem.span.line, problem.span.column) == (1, 4)


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000, "{" * 100_000, "".join(" " * i + "a:\n" for i in range(2_000))],
    ids=["flow-list", "flow-mapping", "block"],
)
def test_deep_nesting_is_refused_without_crashing(text):
    # libyaml's own composer recurses in C and crashes the process on such input.
    parsed = parse_yaml(text)
    [problem] = parsed.problems
    assert problem.rule.code == "F008"
    assert str(MAX_DEPTH) in problem.message


def test_unsupported_tags_are_reported_and_read_as_text():
    parsed = parse_yaml("a: !!timestamp 2022-09-15\nb: !custom x\n")
    assert parsed.documents == [{"a": "2022-09-15", "b": "x"}]
    assert [(p.rule.code, p.span.line) for p in parsed.problems] == [("F007", 1), ("F007", 2)]
    assert "!!timestamp" in parsed.problems[0].message


def test_a_complex_key_is_reported_and_skipped():
    parsed = parse_yaml("? [a, b]\n: value\nkept: 1\n")
    assert parsed.documents == [{"kept": 1}]
    assert [p.rule.code for p in parsed.problems] == ["F010"]


def test_each_document_of_a_stream_is_read():
    parsed = parse_yaml("a: 1\n---\na: 2\n")
    assert parsed.documents == [{"a": 1}, {"a": 2}]


def test_line_index_quotes_the_lines_positions_count():
    """A line ends at "\\n" only (a form feed or U+2028 inside a value is not a break), with or
    without a position found on it first, and whatever the line endings."""
    text = "first\r\nsecond \x0c still second\nthird \u2028 still third"
    for warmed in (False, True):
        lines = LineIndex(text)
        if warmed:
            assert lines.position(text.index("still third")) == (3, 9)
            assert lines.position(text.index("second")) == (2, 1)
        assert [lines.line_text(n) for n in (1, 2, 3, 4)] == [
            "first", "second \x0c still second", "third \u2028 still third", ""
        ]  # fmt: skip


def test_line_index_gives_the_same_positions_once_it_builds_its_table_of_lines():
    """The first positions are counted; past a few dozen, a table of line starts answers (a
    file of thousands of findings would otherwise count its newlines once per finding)."""
    text = "".join(f"key{n}: {'x' * (n % 7)}\n" for n in range(500)) + "last"
    offsets = [text.index(f"key{n}:") + 3 for n in range(0, 500, 3)] + [len(text), 0]
    lines = LineIndex(text)
    for offset in offsets:
        expected_line = text.count("\n", 0, offset) + 1
        expected_column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        assert lines.position(offset) == (expected_line, expected_column)
    assert lines.line_text(200) == "key199: " + "x" * (199 % 7)
    assert lines.span(text.index("key498"), len(text)).end_line == 501


def test_thousands_of_duplicate_keys_are_each_reported_with_the_first_line():
    text = "a: 0\n" + "".join(f"a: {n}\n" for n in range(1, 2001))
    parsed = parse_yaml(text)
    assert len(parsed.problems) == 2000
    last = parsed.problems[-1]
    assert (last.span.line, last.span.column) == (2001, 1)
    assert "(first on line 2000)" in last.message
