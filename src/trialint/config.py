"""Configuration, the way ruff does it: ``[tool.trialint]`` in ``pyproject.toml`` or a
``.trialint.toml``, the nearest one above each record (see :class:`Configurations`); the
command line wins over every one of them.

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

import os
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
class Overrides:
    """What the command line says over every configuration file, kept apart from them so that
    it can be laid over each record's own (see :class:`Configurations`)."""

    select: tuple[str, ...] | None = None  # None: not given (the file's select stands)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity | None = None
    rule_packs: tuple[Path, ...] = ()
    baseline: Path | None = None
    exclude: tuple[str, ...] | None = None  # None: not given (the file's exclude stands)
    extend_exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    """Settings as read from a file (``source``), with the command line's ``overrides``."""

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
    # The command line's selectors are a layer of their own over the file's (as ruff's): a
    # rule the file ignores is run by --extend-select, and --select replaces the file's choice.
    overrides: Overrides = Overrides()
    # Whether each record is checked with the configuration nearest above it (the default of
    # the command line) rather than this one (--config FILE, --isolated, a Config in code).
    per_folder: bool = False

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

    def with_command_line(self, overrides: Overrides) -> Config:
        """The command line wins: --select replaces the file's rule selection, --extend-select
        and --ignore are laid over it (see :meth:`Selection.resolve`); --exclude replaces the
        file's patterns and --extend-exclude adds to them; --rule-pack adds packs."""
        return replace(
            self,
            overrides=overrides,
            exclude=(overrides.exclude if overrides.exclude is not None else self.exclude)
            + overrides.extend_exclude,
            fail_on=overrides.fail_on or self.fail_on,
            rule_packs=self.rule_packs + overrides.rule_packs,
            baseline=overrides.baseline or self.baseline,
        )

    def selectors(self) -> tuple[str, ...]:
        """Every selector that turns rules on, the file's and the command line's."""
        return (*self.select, *self.extend_select, *(self.overrides.select or ()),
                *self.overrides.extend_select)  # fmt: skip


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``.trialint.toml``, or ``pyproject.toml`` with a [tool.trialint] table."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        found = _config_in(candidate)
        if found is not None:
            return found
    return None


def _config_in(folder: Path) -> Path | None:
    """The configuration file of ``folder`` itself, if it has one (a .trialint.toml first)."""
    dedicated = folder / ".trialint.toml"
    if dedicated.is_file():
        return dedicated
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file() and _configures_trialint(_bytes_of(pyproject)):
        return pyproject
    return None


class Configurations:
    """The configuration each record is checked with: the nearest configuration file above
    its folder, as ruff finds its own, with the command line laid over it; ``base`` (the
    working directory's, or ``--config``'s) where no file is above a record, and for every
    record when it is not ``per_folder``.

    A registry of thousands of records in a few folders must not pay for this per record:
    each folder is looked up once (its parents' answers are kept as well) and each file read
    once, and what is built from a configuration is built once per file (see the runner).
    """

    def __init__(self, base: Config) -> None:
        self.base = base
        self._by_folder: dict[str, Config] = {}  # folder as asked -> its configuration
        self._by_real_folder: dict[Path, Config] = {}
        self._by_file: dict[Path, Config] = {}
        if base.source is not None:
            self._by_file[base.source.resolve()] = base

    def for_file(self, path: str | None) -> Config:
        """The configuration of the record at ``path`` (None: no place on disk, as standard
        input without --stdin-filename: the base)."""
        if path is None or not self.base.per_folder:
            return self.base
        return self.in_folder(os.path.dirname(path) or ".")  # noqa: PTH120 - per record

    def in_folder(self, folder: str) -> Config:
        """The configuration in force in ``folder`` (its records, the folders it holds)."""
        if not self.base.per_folder:
            return self.base
        config = self._by_folder.get(folder)
        if config is None:
            config = self._by_folder[folder] = self._nearest(Path(folder).resolve())
        return config

    def _nearest(self, folder: Path) -> Config:
        visited = []
        config = self.base  # no file above: the working directory's, as ruff falls back
        for candidate in (folder, *folder.parents):
            known = self._by_real_folder.get(candidate)
            if known is not None:
                config = known
                break
            visited.append(candidate)
            found = _config_in(candidate)
            if found is not None:
                config = self._loaded(found)
                break
        for candidate in visited:
            self._by_real_folder[candidate] = config
        return config

    def _loaded(self, path: Path) -> Config:
        real = path.resolve()
        config = self._by_file.get(real)
        if config is None:
            config = load_config(path).with_command_line(self.base.overrides)
            config = self._by_file[real] = replace(config, per_folder=True)
        return config

    def exclusions(self) -> Exclusions:
        """What a folder search passes over, each folder by its own configuration."""
        if not self.base.per_folder:
            return self.base.exclusions()
        return FolderExclusions(self)


class FolderExclusions(Exclusions):
    """Exclusions that follow the configuration of the folder searched: a folder with a
    configuration of its own is searched by its ``exclude`` patterns (from its folder) and
    its ``respect-gitignore``."""

    def __init__(self, configurations: Configurations) -> None:
        super().__init__()
        self._configurations = configurations
        self._by_source: dict[Path | None, Exclusions] = {}

    def excludes(self, real_path: str, is_folder: bool) -> bool:
        config = self._configurations.in_folder(os.path.dirname(real_path))  # noqa: PTH120
        exclusions = self._by_source.get(config.source)
        if exclusions is None:
            exclusions = self._by_source[config.source] = config.exclusions()
        return exclusions.excludes(real_path, is_folder)


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
            str(code): parse_severity(level, f"severity.{code}") for code, level in severity.items()
        }
        fail_on = parse_severity(table.get("fail-on", "info"), "fail-on")
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


def parse_severity(value: Any, key: str) -> Severity:
    """A severity as written in a setting or option named ``key``; ConfigError if none."""
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


def _verdict(
    rule: Rule, select: Iterable[str], extend_select: Iterable[str], ignore: Iterable[str]
) -> bool | None:
    """Whether one layer of selectors turns ``rule`` on (True) or off (False), or leaves it
    (None): the most specific selector naming it wins, an ignore on a tie. "ALL" turns on a
    rule off by default only in a ``select``, as a choice of every rule there is."""
    picked = [_specificity(s, rule) for s in select]
    picked += [_specificity(s, rule) for s in extend_select if rule.default or s != "ALL"]
    best_pick = max((p for p in picked if p is not None), default=None)
    best_drop = max((d for s in ignore if (d := _specificity(s, rule)) is not None), default=None)
    if best_pick is None and best_drop is None:
        return None
    return best_pick is not None and (best_drop is None or best_pick > best_drop)


@dataclass(frozen=True)
class Selection:
    """Which rules run, at which severity, and which are ignored in which files."""

    selected: frozenset[str]  # rule codes
    severity: Mapping[str, Severity]  # code -> severity, where configured
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...]  # (glob, codes)
    root: Path

    @classmethod
    def resolve(cls, config: Config, rules: RuleSet) -> Selection:
        """Which rules run, as ruff decides it: the file's selectors, then the command
        line's laid over them. Within one of these layers the most specific selector wins
        (an ignore, at the same specificity); a layer with a ``select`` decides every rule
        anew, one without changes only the rules it names: ``--extend-select T001`` runs
        T001 even where the file ignores it."""
        origin = str(config.source) if config.source else "the command line"
        command_line = config.overrides
        file_select = config.select or None  # an empty select is none, as it always was
        for key, selectors in (
            ("select", config.select), ("extend-select", config.extend_select),
            ("ignore", config.ignore),
        ):  # fmt: skip
            check_selectors(selectors, rules, f"{origin}: {key}")
        layers = (
            (file_select, config.extend_select, config.ignore),
            (command_line.select, command_line.extend_select, command_line.ignore),
        )
        chosen = set()
        for rule in rules:
            running = rule.default  # off by default: its evidence is weak (T012)
            for select, extend_select, ignore in layers:
                verdict = _verdict(rule, select or (), extend_select, ignore)
                if select is not None:
                    running = verdict is True
                elif verdict is not None:
                    running = verdict
            if running:
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
