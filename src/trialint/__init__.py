"""trialint: lint and diff clinical-trial registry records kept as YAML."""

__version__ = "0.1.0"
