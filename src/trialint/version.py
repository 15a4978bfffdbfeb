"""trialint's version, written once: the wheel's metadata (hatch reads it here), ``trialint
--version``, the SARIF report and ``trialint.__version__`` take it from this module.

A module of its own, importing nothing: any module may import it without importing the
package's API (``trialint/__init__.py`` imports ``trialint.api``, which imports the linter and
the differ: a module they import must not import the package back).
"""

__version__ = "0.1.0"
