"""trialint: lint and diff clinical-trial registry records kept as YAML."""

from trialint.version import __version__

__all__ = ["__version__"]
