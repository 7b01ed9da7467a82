"""Reading the JSON records emcheck wrote earlier (rounds, notice records): one way to tell a
missing, unreadable or malformed file, with its place."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

from emcheck.errors import InputError, Location
from emcheck.i18n import Text


@contextmanager
def json_errors(shown: str) -> Iterator[None]:
    """Turn the ways reading a JSON record fails into an InputError naming ``shown``."""
    try:
        yield
    except FileNotFoundError:
        raise InputError(Location(shown), Text("文件不存在", "no such file")) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(
            Location(shown), Text(f"无法读取：{error}", f"cannot read it: {error}")
        ) from None
    except json.JSONDecodeError as error:
        raise InputError(
            Location(shown, error.lineno, error.colno),
            Text(f"不是有效的 JSON：{error.msg}", f"not valid JSON: {error.msg}"),
        ) from None
