"""What cannot be read, said on one line naming it: every command reports it the same way."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class InputProblem:
    """Something that could not be read; ``where`` is a file, a file:line:column, a study's
    origin, an archive's member or a path named in a revision. ``hides_studies``: what could
    not be read may hold any study (an archive that cannot be opened, a folder gone)."""

    where: str
    message: str
    hides_studies: bool = False

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class InputError(Exception):
    """An input cannot be read: raised by ``Input.read`` and by what must be readable for a
    command to go on at all (a revision git does not know)."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.problem = InputProblem(where, message)
