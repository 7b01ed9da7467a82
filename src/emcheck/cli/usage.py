"""Command-line usage errors in the run's language (click words them in English only)."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from emcheck.i18n import Lang


def wanted_lang(args: Sequence[str]) -> Lang:
    """``--lang`` if given on the line, else ``EMCHECK_LANG``, else Chinese."""
    for index, arg in enumerate(args):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        if value in ("zh", "en"):
            return "en" if value == "en" else "zh"
    return "en" if os.environ.get("EMCHECK_LANG") == "en" else "zh"


def usage_message(error: Exception, lang: Lang) -> str | None:
    """The message for a usage error ("" for a bare ``emcheck``), None for any other error.

    The parser is vendored inside typer, so its exceptions are told by their names.
    """
    kind = type(error).__name__
    if kind == "NoArgsIsHelpError":
        return ""
    if kind not in ("MissingParameter", "NoSuchOption", "BadParameter", "UsageError",
                    "BadOptionUsage", "BadArgumentUsage"):  # fmt: skip
        return None
    param = getattr(error, "param", None)
    name = (getattr(param, "opts", None) or [getattr(param, "name", "") or ""])[0]
    more = "（用 -h 查看用法）" if lang == "zh" else " (see -h for usage)"
    if kind == "MissingParameter":
        shown = name.upper() if not name.startswith("-") else name
        return (f"缺少参数 {shown}" if lang == "zh" else f"missing argument {shown}") + more
    if kind == "NoSuchOption":
        option = getattr(error, "option_name", "")
        return (f"没有这个选项：{option}" if lang == "zh" else f"no such option: {option}") + more
    if kind == "BadParameter":
        detail = str(getattr(error, "message", error)).removeprefix("Value error, ")
        choice = re.fullmatch(r"'(.*)' is not one of (.*)\.", detail)
        if choice:
            given, options = choice[1], re.findall(r"'([^']*)'", choice[2])
            if lang == "zh":
                return f"{name} 的值 “{given}” 不在可选范围内：{'、'.join(options)}{more}"
            return f"{name}: '{given}' is not one of {', '.join(options)}{more}"
        if lang == "zh":
            return f"{name} 的值不对：{detail}{more}"
        return f"invalid value for {name}: {detail}{more}"
    return str(getattr(error, "message", error)) + more
