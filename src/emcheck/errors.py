"""Errors that end a run with a documented exit code and one clear message."""

from __future__ import annotations

from dataclasses import dataclass

from emcheck.i18n import Lang, Text


@dataclass(frozen=True)
class Location:
    """Where in which file something stands; line and column are 1-based. In a workbook,
    ``sheet`` names the sheet and ``cell`` the cell (C7), or ``line`` the row."""

    file: str
    line: int | None = None
    column: int | None = None
    sheet: str | None = None
    cell: str | None = None

    def shown(self, lang: Lang) -> str:
        if self.sheet is None:
            return str(self)
        if lang == "zh":
            where = self.cell or (f"第 {self.line} 行" if self.line else "")
            return f"{self.file} 表“{self.sheet}” {where}".rstrip()
        where = self.cell or (f"row {self.line}" if self.line else "")
        return f"{self.file} sheet '{self.sheet}' {where}".rstrip()

    def __str__(self) -> str:
        if self.sheet is not None:
            return self.shown("en")
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"


class EmcheckError(Exception):
    """An input the run cannot use. Never shown as a traceback."""

    exit_code = 2

    def __init__(self, location: Location, message: Text) -> None:
        super().__init__(f"{location}: {message.en}")
        self.location = location
        self.message = message

    def render(self, lang: Lang) -> str:
        return f"{self.location.shown(lang)}: {self.message.get(lang)}"

    def __reduce__(self) -> tuple[type[EmcheckError], tuple[Location, Text]]:
        # Results of parallel audits cross process boundaries.
        return (type(self), (self.location, self.message))


class InputError(EmcheckError):
    """A site file (or metadata file) that cannot be read, parsed or validated: exit 2."""

    exit_code = 2


class RulePackError(EmcheckError):
    """A rule pack, profile or waiver file that cannot be used: exit 3."""

    exit_code = 3


class OutputError(EmcheckError):
    """An output path that cannot be written: exit 2."""

    exit_code = 2
