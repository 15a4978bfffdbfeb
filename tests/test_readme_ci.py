"""The README's CI and pre-commit examples are meant to be copied: they must parse, and every
trialint command in them must be one the CLI accepts."""

from __future__ import annotations

import re
import shlex

import pytest
import yaml

from trialint.cli import build_parser

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
CI_SECTION = README.split("## In pre-commit and CI", 1)[1].split("\n## ", 1)[0]
YAML_BLOCKS = re.findall(r"```yaml\n(.*?)```", CI_SECTION, re.DOTALL)


def test_the_section_has_the_pre_commit_github_and_gitlab_examples() -> None:
    names = [next(iter(yaml.safe_load(block))) for block in YAML_BLOCKS]
    assert names == ["repos", "name", "trialint"]


@pytest.mark.parametrize("block", YAML_BLOCKS)
def test_each_example_is_valid_yaml(block: str) -> None:
    assert isinstance(yaml.safe_load(block), dict)


def test_every_trialint_command_in_the_examples_is_accepted() -> None:
    commands = re.findall(r"(?m)^\s*-? ?(?:run: )?(trialint lint .*)$", "\n".join(YAML_BLOCKS))
    assert len(commands) == 2
    for command in commands:
        args = build_parser().parse_args(shlex.split(command)[1:])
        assert args.output and args.output_format in {"sarif", "gitlab"}


def test_the_hook_ids_in_the_example_exist() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    example = yaml.safe_load(YAML_BLOCKS[0])
    used = {hook["id"] for repo in example["repos"] for hook in repo["hooks"]}
    assert used <= {hook["id"] for hook in hooks}
