"""Configuration, the way ruff does it: ``[tool.trialint]`` in ``pyproject.toml`` or a
``.trialint.toml``, found from the current folder upwards; the command line wins.

    [tool.trialint]
    select = ["ALL"]                 # codes, code prefixes ("D", "T00") or names; by
                                     # default, every rule but those off by default (T012)
    extend-select = []
    ignore = ["D023"]
    fail-on = "warning"              # error | warning | info (the default: any finding fails)
    rule-packs = ["registry-rules/"] # declarative rules, besides the bundled rules/
    baseline = ".trialint-baseline.json"
    words = ["Tritanium", "proband"] # never misspellings (names, products, terms)
    words-file = "trialint-words.txt"  # more of them: one a line, "#" starts a comment

    [tool.trialint.severity]
    T001 = "error"

    [tool.trialint.per-file-ignores]
    "records/legacy/*.yaml" = ["D017", "date-type-missing"]

A mistake in it (an unknown key or rule, a bad severity) is a one-line error naming the file
and the key, never a silent default.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath
from typing import Any

from trialint.rule import Rule, RuleSet, Severity
from trialint.sources.paths import Exclusions
from trialint.suggest import closest

KEYS = (
    "select", "extend-select", "ignore", "severity", "per-file-ignores", "fail-on",
    "rule-packs", "baseline", "words", "words-file", "exclude", "extend-exclude",
    "respect-gitignore",
)  # fmt: skip
_LEVEL = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class ConfigError(Exception):
    """A configuration that cannot be used; the message names where and what."""


@dataclass(frozen=True)
class Config:
    """Settings as read from a file (``source``), before the command line is applied."""

    source: Path | None = None  # the file they came from (None: defaults)
    select: tuple[str, ...] = ()  # none given: the rules on by default
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    fail_on: Severity = Severity.INFO
    rule_packs: tuple[Path, ...] = ()
    baseline: Path | None = None
    words: tuple[str, ...] = ()  # the curator's words: never misspellings
    words_file: Path | None = None
    # What folder searches pass over: gitignore-style patterns, relative to the configuration's
    # folder ("exclude" and "extend-exclude" add up; --exclude replaces them), and .gitignore.
    exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True

    def curator_words(self) -> frozenset[str]:
        """``words`` and the words of ``words-file``, as the spelling rules compare them
        (lowercase): a project's own dictionary, as cspell's."""
        words = set(self.words)
        if self.words_file is not None:
            try:
                text = self.words_file.read_text(encoding="utf-8")
            except OSError as error:
                raise ConfigError(
                    f"{self.words_file}: cannot read the words file: {error.strerror or error}"
                ) from None
            except UnicodeDecodeError:
                raise ConfigError(f"{self.words_file}: the words file is not UTF-8") from None
            for line in text.splitlines():
                words.update(line.partition("#")[0].split())
        return frozenset(word.lower() for word in words)

    def exclusions(self) -> Exclusions:
        """What folder searches pass over, by this configuration."""
        return Exclusions(self.exclude, self.root, self.respect_gitignore)

    @property
    def root(self) -> Path:
        """Where relative paths in the configuration start: the file's folder."""
        return self.source.parent if self.source else Path.cwd()

    def with_command_line(
        self,
        *,
        select: list[str] | None = None,
        extend_select: list[str] | None = None,
        ignore: list[str] | None = None,
        fail_on: str | None = None,
        rule_packs: list[str] | None = None,
        baseline: str | None = None,
        exclude: list[str] | None = None,
        extend_exclude: list[str] | None = None,
    ) -> Config:
        """The command line wins: --select and --exclude replace, --extend-select, --ignore
        and --extend-exclude add."""
        return replace(
            self,
            exclude=(tuple(exclude) if exclude is not None else self.exclude)
            + tuple(extend_exclude or ()),
            select=tuple(select) if select is not None else self.select,
            extend_select=self.extend_select + tuple(extend_select or ()),
            ignore=self.ignore + tuple(ignore or ()),
            fail_on=_severity(fail_on, "--fail-on") if fail_on else self.fail_on,
            rule_packs=self.rule_packs + tuple(Path(p) for p in rule_packs or ()),
            baseline=Path(baseline) if baseline else self.baseline,
        )


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``.trialint.toml``, or ``pyproject.toml`` with a [tool.trialint] table."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        dedicated = candidate / ".trialint.toml"
        if dedicated.is_file():
            return dedicated
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _configures_trialint(_bytes_of(pyproject)):
            return pyproject
    return None


def _configures_trialint(data: bytes) -> bool:
    """Whether a pyproject.toml has a ``tool.trialint`` entry, however written (a
    ``[tool.trialint]`` table, or ``trialint = ...`` under ``[tool]``, which is then reported
    if it is not a table). Only a file that names trialint at all is parsed."""
    if b"trialint" not in data:
        return False
    import tomllib  # here: a run without a configuration file does not need it

    try:
        document = tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, ValueError, RecursionError):
        return b"[tool.trialint" in data  # load_config says what is wrong with it
    tool = document.get("tool")
    return isinstance(tool, dict) and "trialint" in tool


def _bytes_of(path: Path) -> bytes:
    """A file's bytes, or none if it cannot be read: another project's pyproject.toml, in any
    encoding or unreadable, is no reason to stop."""
    try:
        return path.read_bytes()
    except OSError:
        return b""


def load_config(path: Path | None) -> Config:
    """Read a configuration file (``None``: the defaults)."""
    if path is None:
        return Config()
    import tomllib

    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:  # TOML is UTF-8
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    except ValueError:  # an integer of more than 4,300 digits
        raise ConfigError(f"{path}: not valid TOML: a number too long to read") from None
    except RecursionError:
        raise ConfigError(f"{path}: not valid TOML: values nested too deeply to read") from None
    where = "[tool.trialint]" if path.name == "pyproject.toml" else path.name
    table: Any = document
    if path.name == "pyproject.toml":
        tool = document.get("tool")
        table = tool.get("trialint", {}) if isinstance(tool, dict) else {}
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: {where} must be a table of settings, not {table!r:.40}")
    return _parse(table, path, where)


def _parse(table: Mapping[str, Any], path: Path, where: str) -> Config:
    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{path}: {where} {key}: {problem}")

    for key in table:
        if key not in KEYS:
            hint = closest(key, KEYS)
            raise fail(key, "unknown key" + (f"; did you mean {hint!r}?" if hint else ""))

    def selectors(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise fail(key, "must be a list of rule codes, prefixes or names")
        return tuple(value)

    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise fail("severity", "must be a table of rule = severity")
    per_file = table.get("per-file-ignores", {})
    if not isinstance(per_file, dict) or not all(
        isinstance(codes, list) and all(isinstance(code, str) for code in codes)
        for codes in per_file.values()
    ):
        raise fail("per-file-ignores", 'must be a table of "glob" = [rule codes]')
    packs = table.get("rule-packs", [])
    if not isinstance(packs, list) or not all(_is_path(item) for item in packs):
        raise fail("rule-packs", "must be a list of files or folders")
    baseline = table.get("baseline")
    if baseline is not None and not _is_path(baseline):
        raise fail("baseline", "must be a file path")
    words = table.get("words", [])
    if not isinstance(words, list) or not all(isinstance(word, str) for word in words):
        raise fail("words", "must be a list of words")
    words_file = table.get("words-file")
    if words_file is not None and not _is_path(words_file):
        raise fail("words-file", "must be a file path")
    exclude: list[str] = []
    for key in ("exclude", "extend-exclude"):
        patterns = table.get(key, [])
        if not isinstance(patterns, list) or not all(isinstance(item, str) for item in patterns):
            raise fail(key, "must be a list of gitignore-style patterns")
        exclude += patterns
    respect_gitignore = table.get("respect-gitignore", True)
    if not isinstance(respect_gitignore, bool):
        raise fail("respect-gitignore", "must be true or false")
    try:
        levels = {
            str(code): _severity(level, f"severity.{code}") for code, level in severity.items()
        }
        fail_on = _severity(table.get("fail-on", "info"), "fail-on")
    except ConfigError as error:
        raise ConfigError(f"{path}: {where} {error}") from None
    return Config(
        source=path,
        select=selectors("select"),
        extend_select=selectors("extend-select"),
        ignore=selectors("ignore"),
        severity=levels,
        per_file_ignores={str(glob): tuple(codes) for glob, codes in per_file.items()},
        fail_on=fail_on,
        rule_packs=tuple(path.parent / pack for pack in packs),
        baseline=path.parent / baseline if baseline else None,
        words=tuple(words),
        words_file=path.parent / words_file if words_file else None,
        exclude=tuple(exclude),
        respect_gitignore=respect_gitignore,
    )


def _severity(value: Any, key: str) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        raise ConfigError(f"{key}: {value!r} is not a severity (error, warning or info)") from None


def severity_at_least(level: Severity, threshold: Severity) -> bool:
    return _LEVEL[level] >= _LEVEL[threshold]


# --- selecting rules --------------------------------------------------------------------------


def _specificity(selector: str, rule: Rule) -> int | None:
    """How closely a selector names a rule (None: not at all); the closest wins."""
    if selector == "ALL":
        return 0
    if selector == rule.name:
        return 100
    if rule.code.startswith(selector.upper()):
        return len(selector)
    return None


def history_only(selectors: Iterable[str], rules: RuleSet) -> list[str]:
    """The selectors that name history rules (H) and nothing else: they compare versions of a
    record, which a lint of one version cannot do."""
    named = []
    for selector in selectors:
        matched = [rule for rule in rules if _specificity(selector, rule) not in (None, 0)]
        if matched and all(rule.code.startswith("H") for rule in matched):
            named.append(selector)
    return named


def check_selectors(selectors: Iterable[str], rules: RuleSet, where: str) -> None:
    """Every selector must name some rule: a typo must not silently select nothing."""
    known = [rule.code for rule in rules] + [rule.name for rule in rules]
    for selector in selectors:
        if not any(_specificity(selector, rule) is not None for rule in rules):
            hint = closest(selector, known)
            raise ConfigError(
                f"{where}: no rule {selector!r}" + (f"; did you mean {hint!r}?" if hint else "")
            )


@dataclass(frozen=True)
class Selection:
    """Which rules run, at which severity, and which are ignored in which files."""

    selected: frozenset[str]  # rule codes
    severity: Mapping[str, Severity]  # code -> severity, where configured
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...]  # (glob, codes)
    root: Path

    @classmethod
    def resolve(cls, config: Config, rules: RuleSet) -> Selection:
        origin = str(config.source) if config.source else "the command line"
        for key, selectors in (
            ("select", config.select), ("extend-select", config.extend_select),
            ("ignore", config.ignore),
        ):  # fmt: skip
            check_selectors(selectors, rules, f"{origin}: {key}")
        chosen = set()
        # No select: every rule on by default. A rule off by default (its evidence is weak)
        # runs only when named, by code, prefix or name, or by an explicit "ALL".
        selectors = (*(config.select or ("ALL",)), *config.extend_select)
        for rule in rules:
            picked = [
                _specificity(s, rule)
                for s in selectors
                if rule.default or s != "ALL" or s in config.select
            ]
            dropped = [_specificity(s, rule) for s in config.ignore]
            best_pick = max((p for p in picked if p is not None), default=None)
            best_drop = max((d for d in dropped if d is not None), default=None)
            if best_pick is not None and (best_drop is None or best_pick > best_drop):
                chosen.add(rule.code)
        levels: dict[str, Severity] = {}
        for selector, level in sorted(config.severity.items(), key=lambda item: len(item[0])):
            check_selectors([selector], rules, f"{origin}: severity")
            for rule in rules:
                if _specificity(selector, rule) is not None:
                    levels[rule.code] = level
        ignores = []
        for glob, selectors in config.per_file_ignores.items():
            check_selectors(selectors, rules, f"{origin}: per-file-ignores {glob!r}")
            codes = {r.code for r in rules for s in selectors if _specificity(s, r) is not None}
            ignores.append((glob, frozenset(codes)))
        return cls(frozenset(chosen), levels, tuple(ignores), config.root)

    def is_selected(self, rule: Rule) -> bool:
        return rule.code in self.selected

    def ignored_in(self, path: str) -> frozenset[str]:
        """The codes per-file-ignores turns off for a file (paths relative to the config)."""
        if not self.per_file_ignores:
            return frozenset()
        resolved = Path(path).resolve()
        try:
            relative = PurePosixPath(resolved.relative_to(self.root.resolve()).as_posix())
        except ValueError:
            relative = PurePosixPath(Path(path).as_posix())
        codes: set[str] = set()
        for glob, ignored in self.per_file_ignores:
            if fnmatch(str(relative), glob) or ("/" not in glob and fnmatch(relative.name, glob)):
                codes |= ignored
        return frozenset(codes)


def _is_path(value: object) -> bool:
    """Text that can name a file (TOML can write a NUL character; no file name holds one)."""
    return isinstance(value, str) and "\x00" not in value
