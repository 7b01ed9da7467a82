"""Help screens that read in Chinese first and fit 80 columns.

rich breaks lines only at spaces, so a Chinese phrase longer than the help column was cut
off with "…"; here, as in our console output, a line may break after any Chinese character
(never before closing punctuation nor after opening punctuation). And rich 15 strips a
wrapped line's trailing space by counting characters, not terminal cells
(``Text.rstrip_end``), so a line holding Chinese that exactly fills the help column keeps
its space and loses its last word to "…". Help is the one place where we let rich wrap
such text, so the correction is made when a help screen is drawn and nowhere else.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from typer.core import TyperCommand, TyperGroup, TyperOption

if TYPE_CHECKING:
    from rich.text import Text

HELP_OPTION_HELP = "显示本帮助并退出 · show this help and exit"
_TRAILING_SPACE = re.compile(r"\s+$")
# A help line never ends with these. The console's wrapping (reporters.text_layout) has
# only the closing rule so far: adding this one there changes its golden outputs.
OPENING = "（「『【〈《“‘("


def _rstrip_end_by_cells(text: Text, size: int) -> None:
    from rich.cells import cell_len

    excess = cell_len(text.plain) - size
    trailing = _TRAILING_SPACE.search(text.plain)
    if excess > 0 and trailing is not None:
        text.right_crop(min(len(trailing.group(0)), excess))


def _wrap_by_cells() -> None:
    from rich import _wrap
    from rich.text import Text

    from emcheck.reporters.text_layout import CLOSING, WIDE

    Text.rstrip_end = _rstrip_end_by_cells  # type: ignore[method-assign,assignment]
    closing, opening = re.escape(CLOSING), re.escape(OPENING)
    _wrap.re_word = re.compile(
        rf"\s*[{opening}]*(?:[{WIDE}][{closing}]*|[^\s{WIDE}]+[{closing}]*)\s*"
    )


class _HelpInChinese:
    """Mixed into typer's command classes: the help option's own line in both languages,
    and the wrapping correction above before any help screen is drawn."""

    def get_help_option(self, ctx: object) -> TyperOption | None:
        option: TyperOption | None = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION_HELP
        return option

    def format_help(self, ctx: object, formatter: object) -> None:
        _wrap_by_cells()
        super().format_help(ctx, formatter)  # type: ignore[misc]


class HelpCommand(_HelpInChinese, TyperCommand):
    """A command whose help reads in Chinese first."""


class HelpGroup(_HelpInChinese, TyperGroup):
    """A command group whose help reads in Chinese first."""
