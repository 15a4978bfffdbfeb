"""The configuration a run uses, put together once for the command line and the Python API:
which file (or none), the command line's settings over it, and the baseline in force.

A module of its own, above :mod:`trialint.config`: it reads the rules (to check selectors)
and the baseline, which themselves read the configuration.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from trialint.config import Config, Overrides, check_selectors, find_config, load_config
from trialint.lint.baseline import baseline_in_force
from trialint.lint.catalog import build_catalog


def configuration_in_force(
    path: Path | None,
    overrides: Overrides,
    named: Iterable[tuple[str, Sequence[str] | None]] = (),
    *,
    isolated: bool = False,
    with_baseline: bool = True,
) -> Config:
    """The configuration of a run, the command line's and the Python API's alike: ``path``'s
    for every record, none at all when ``isolated``, or by default the one found from the
    working directory, each record then checked with the file nearest above it; ``overrides``
    laid over it, their selectors first checked against the rules (one that names no rule is
    reported as the option ``named`` gives it); and the baseline lint uses (the one named, else
    the default beside the configuration) unless ``with_baseline`` is False."""
    if isolated or path is not None:
        config = load_config(None if isolated else path)
    else:
        config = replace(load_config(find_config()), per_folder=True)
    given = [(option, selectors) for option, selectors in named if selectors]
    if given:  # the rules are read only when a selector names some
        rules = build_catalog((*config.rule_packs, *overrides.rule_packs)).rules
        for option, selectors in given:
            check_selectors(selectors, rules, option)
    config = config.with_command_line(overrides)
    return replace(config, baseline=baseline_in_force(config) if with_baseline else None)
