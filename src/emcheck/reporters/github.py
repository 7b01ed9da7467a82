"""``--format github``: GitHub Actions workflow commands, shown as annotations on the diff."""

from __future__ import annotations

from collections.abc import Sequence

from emcheck.audit.outcomes import ERROR, WAIVED, FileAudit, Notice, Outcome
from emcheck.errors import Location
from emcheck.i18n import Lang
from emcheck.reporters import stream

_COMMAND = {"error": "error", "warning": "warning", "note": "notice"}


class Writer(stream.Writer):
    def write_file(self, audit: FileAudit) -> str:
        lang = self.options.lang
        lines = [
            _annotation("error", p.location, "emcheck", p.message.get(lang)) for p in audit.problems
        ]
        if audit.error is not None:
            lines.append(
                _annotation("error", audit.error.location, "emcheck", audit.error.message.get(lang))
            )
        lines += [_outcome(o, lang) for o in audit.outcomes if o.is_problem or o.status == WAIVED]
        return "".join(line + "\n" for line in lines)

    def end(self, notices: Sequence[Notice]) -> str:
        lang = self.options.lang
        return "".join(
            _annotation(_COMMAND[n.level], n.location, "emcheck", n.message.get(lang)) + "\n"
            for n in notices
        )


def _outcome(outcome: Outcome, lang: Lang) -> str:
    if outcome.status == WAIVED:
        command = "notice"
    elif outcome.status == ERROR:
        command = "error"
    else:
        command = _COMMAND[outcome.severity or "error"]
    title = f"{outcome.rule.id} {outcome.rule.clause} {outcome.subject.name}"
    message = outcome.message.get(lang) if outcome.message else outcome.rule.title.get(lang)
    if outcome.waiver is not None:
        message = f"[waived: {outcome.waiver.reason}] {message}"
    for extra in (outcome.advice, outcome.record):
        if extra is not None:
            message += "\n" + extra.get(lang)
    return _annotation(command, outcome.location, title, message)


def _annotation(command: str, location: Location, title: str, message: str) -> str:
    if location.sheet is not None:
        # GitHub shows lines, not cells: the cell goes into the message.
        message = f"{location.shown('zh')}: {message}"
    properties = [f"file={_property(location.file)}"]
    if location.line is not None:
        properties.append(f"line={location.line}")
    if location.column is not None:
        properties.append(f"col={location.column}")
    properties.append(f"title={_property(title)}")
    return f"::{command} {','.join(properties)}::{_data(message)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
