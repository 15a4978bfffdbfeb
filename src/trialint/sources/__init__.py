"""The one input layer: what every command (lint, fix, diff, import) reads, and how.

An argument names files and folders on disk, zip archives (the registry's download, read
member by member), a git revision's files (read with git's plumbing, the work tree untouched)
or standard input (``-``). Each is listed as an :class:`~trialint.sources.inputs.Input` (a
name, and a way to read its bytes) or an :class:`~trialint.sources.problems.InputProblem`
for what cannot be listed; the commands decide what a file holds (``trialint.document``).

- ``paths``: folders searched for record files, ``.gitignore`` and ``exclude`` patterns;
- ``zips``: an archive's members, read without trusting what it says of itself;
- ``git``: a revision's tree and blobs;
- ``inputs``: the inputs of a command line or a revision, whatever kind they are;
- ``problems``: what cannot be read, as one line naming it.
"""
