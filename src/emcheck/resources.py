"""Files shipped inside the package: schemas, the built-in rule pack, templates."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from emcheck.validation.validator import SchemaValidator

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PACKAGE = resources.files("emcheck")


@functools.cache
def schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped as ``schemas/<name>.schema.yaml`` (trusted package data)."""
    text = (_PACKAGE / "schemas" / f"{name}.schema.yaml").read_text(encoding="utf-8")
    loaded: dict[str, Any] = yaml.load(text, Loader=_Loader)
    return loaded


@functools.cache
def validator(name: str) -> SchemaValidator:
    from emcheck.validation.validator import SchemaValidator

    return SchemaValidator(schema(name))


def builtin_rules_dir() -> Path:
    """The built-in rule pack: inside the wheel, or the checkout's top-level ``rules/``."""
    shipped = Path(str(_PACKAGE / "builtin_rules"))
    if (shipped / "pack.yaml").is_file():
        return shipped
    # An editable install runs from src/, where the pack sits two folders up.
    return Path(__file__).resolve().parents[2] / "rules"


def template_dir() -> Path:
    return Path(str(_PACKAGE / "templates"))
