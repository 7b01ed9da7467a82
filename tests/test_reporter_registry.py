"""Every audit format is registered once, implements the declared interface, and is offered."""

from __future__ import annotations

import importlib
import inspect

import pytest

from emcheck.cli import Format
from emcheck.reporters import REPORTER_BY_NAME
from emcheck.reporters.stream import Writer


def test_the_cli_offers_exactly_the_registered_formats() -> None:
    assert [f.value for f in Format] == list(REPORTER_BY_NAME)


@pytest.mark.parametrize("name", list(REPORTER_BY_NAME))
def test_each_format_implements_the_interface(name: str) -> None:
    module = importlib.import_module(REPORTER_BY_NAME[name])
    writer = getattr(module, "Writer", None)
    if writer is not None:
        assert issubclass(writer, Writer) and not inspect.isabstract(writer)
    else:
        # Laid out as a whole: collected, then rendered once at the end.
        assert list(inspect.signature(module.render).parameters) == ["result", "options"]
