"""Earlier rounds, read back: what ``progress --format json`` or ``audit --format json`` wrote.

Both put one entry per line, so a round is read line by line: per-unit figures are kept, and
the open findings' places go to a spool on disk, read back a unit at a time, so that a
thousand large districts stay within flat memory. A file that was reformatted (entries
spread over several lines) is still read, whole.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import IO, Any

from emcheck.audit.vocabulary import Tally
from emcheck.errors import InputError, Location
from emcheck.history import round_json
from emcheck.history.matching import Places
from emcheck.history.round import UNASSIGNED
from emcheck.history.spool import Spool
from emcheck.i18n import Text
from emcheck.loading.json_input import json_errors

AUDIT_FORMAT = "emcheck-audit"
NOTHING = Tally(0, 0, 0, 0, 0, 0, 0)
STATUS_FIELDS = ("pass", "fail", "not_applicable", "error", "waived", "warnings", "overdue")


@dataclass
class Earlier:
    """A unit as an earlier round saw it (its open findings: ``PreviousRound.open_of``)."""

    name: str
    zone: str
    tally: Tally


@dataclass(frozen=True)
class PastFinding:
    """An open finding of an earlier round, as far as its record tells (a progress record
    carries no wording: the rule's title stands in)."""

    rule_id: str
    unit_id: str
    unit_name: str
    paths: Places
    """The places it points at (empty for an audit record written before findings carried
    paths: matched by rule × unit, see history.matching)."""
    message: str | None
    deadline: date | None
    file: str
    line: int | None


OnFinding = Callable[[PastFinding], None]


def open_spool(findings: Iterable[PastFinding] = ()) -> Spool[PastFinding]:
    """An earlier round's open findings, on disk, read back a unit at a time."""
    return Spool(attrgetter("unit_id"), findings)


@dataclass(frozen=True)
class PreviousRound:
    file: str
    as_of: date
    units: dict[str, Earlier]
    unreadable: int
    open: Spool[PastFinding]
    pack_version: str = ""

    def open_of(self, unit_id: str) -> dict[str, Places]:
        """The unit's open findings by rule id: the places each points at."""
        return {f.rule_id: f.paths for f in self.open.of(unit_id)}


class _Spread(Exception):
    """The file is not one entry per line: read it whole instead."""


def read_previous(path: Path, on_finding: OnFinding | None = None) -> PreviousRound:
    """The round's per-unit figures and open findings' places; ``on_finding`` is handed each
    open finding in full, for a caller that needs more (a recheck lists them)."""
    shown = str(path)
    try:
        with json_errors(shown), path.open(encoding="utf-8") as handle:
            try:
                head, entries = _by_line(handle)
                return _build(shown, head, entries, on_finding)
            except _Spread:
                handle.seek(0)
                data = json.load(handle)
                return _build(shown, *_whole(data), on_finding)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise InputError(
            Location(shown),
            Text(
                f"记录中有缺字段或类型不对的条目（{error!r}）：请使用 emcheck 原样输出的文件",
                f"an entry lacks a field or has the wrong type ({error!r}): give the file "
                "exactly as emcheck wrote it",
            ),
        ) from None


Entries = Iterator[tuple[str, dict[str, Any]]]
"""Each entry of the record's lists, with the list's name (units, findings, outcomes …)."""


def _by_line(handle: IO[str]) -> tuple[dict[str, Any], Entries]:
    """The head (every ``"key": value`` line before the first list), then the entries."""
    if handle.readline().strip() != "{":
        raise _Spread
    head: dict[str, Any] = {}
    for raw in handle:
        line = raw.strip().rstrip(",")
        name, _, value = line.partition(": ")
        if not name.startswith('"') or not value:
            raise _Spread
        if value == "[":
            return head, _entries(handle, _loads(name))
        head[_loads(name)] = _loads(value)
    return head, iter(())


def _entries(handle: IO[str], section: str) -> Entries:
    for raw in handle:
        line = raw.strip().rstrip(",")
        if line.startswith("{"):
            yield section, _loads(line)
        elif line.endswith(": ["):
            section = _loads(line.partition(": ")[0])
        elif line.startswith('"') and ": " in line:
            continue  # a value after the lists (the audit's summary): not needed here
        elif line not in ("]", "}"):
            raise _Spread


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        # Not one value per line after all: reading it whole gives the exact error place.
        raise _Spread from None


def _whole(data: Any) -> tuple[dict[str, Any], Entries]:
    if not isinstance(data, dict):
        return {}, iter(())
    lists = {k: v for k, v in data.items() if isinstance(v, list)}
    head = {k: v for k, v in data.items() if k not in lists}
    entries = ((k, e) for k, items in lists.items() for e in items if isinstance(e, dict))
    return head, entries


def _build(
    shown: str, head: dict[str, Any], entries: Entries, on_finding: OnFinding | None
) -> PreviousRound:
    kind = (head.get("format"), head.get("version"))
    if kind not in ((round_json.FORMAT, round_json.VERSION), (AUDIT_FORMAT, 1)):
        raise InputError(
            Location(shown, 1, 1),
            Text(
                "不是 emcheck 的轮次记录：请给出 progress --format json 或 audit --format json "
                f"的输出（本文件 format={kind[0]!r}、version={kind[1]!r}）",
                "not an emcheck round: give what progress --format json or audit --format json "
                f"wrote (this file has format={kind[0]!r}, version={kind[1]!r})",
            ),
        )
    as_of = _date(head.get("as_of"), shown)
    keep = on_finding or (lambda _: None)
    spool = open_spool()
    if kind[0] == AUDIT_FORMAT:
        units, unreadable = _from_audit(entries, keep, spool)
    else:
        units, unreadable = _from_round(entries, keep, spool)
    pack = head.get("pack")
    version = str(pack.get("version", "")) if isinstance(pack, dict) else ""
    return PreviousRound(shown, as_of, units, unreadable, spool, version)


def _date(value: Any, shown: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InputError(
            Location(shown, 1, 1),
            Text(f"as_of 不是日期：{value!r}", f"as_of is not a date: {value!r}"),
        ) from None


def _from_round(
    entries: Entries, keep: OnFinding, spool: Spool[PastFinding]
) -> tuple[dict[str, Earlier], int]:
    units: dict[str, Earlier] = {}
    unreadable = 0
    for section, entry in entries:
        if section == "units":
            units[str(entry["id"])] = Earlier(str(entry["name"]), str(entry["zone"]), _tally(entry))
        elif section == "findings" and entry.get("unit_id") in units:
            unit_id = str(entry["unit_id"])
            paths = frozenset(map(str, entry.get("paths") or ()))
            past = _past(entry, unit_id, units[unit_id].name, paths, None)
            spool.add(past)
            keep(past)
        elif section == "unreadable":
            unreadable += 1
    return units, unreadable


def _past(
    entry: dict[str, Any], unit: str, name: str, paths: Places, message: str | None
) -> PastFinding:
    deadline = entry.get("deadline")
    return PastFinding(
        str(entry["rule_id"]),
        unit,
        name,
        paths,
        message,
        date.fromisoformat(deadline) if deadline else None,
        str(entry.get("file") or ""),
        entry.get("line") if isinstance(entry.get("line"), int) else None,
    )


def _tally(entry: dict[str, Any]) -> Tally:
    return Tally(
        passed=int(entry["pass"]),
        failed=int(entry["fail"]),
        not_applicable=int(entry["not_applicable"]),
        errors=int(entry["error"]),
        waived=int(entry["waived"]),
        warnings=int(entry["warnings"]),
        overdue=int(entry["overdue"]),
    )


def _from_audit(
    entries: Entries, keep: OnFinding, spool: Spool[PastFinding]
) -> tuple[dict[str, Earlier], int]:
    counts: dict[str, dict[str, int]] = {}
    units: dict[str, Earlier] = {}
    unreadable = 0
    for section, entry in entries:
        if section == "outcomes":
            unit = str(entry["site_id"])
            if unit not in units:
                units[unit] = Earlier(str(entry["site_name"]), UNASSIGNED, NOTHING)
                counts[unit] = dict.fromkeys(STATUS_FIELDS, 0)
            _count(counts[unit], entry)
            if entry["status"] in ("fail", "error"):
                paths = frozenset(map(str, entry.get("finding_paths") or ()))
                past = _past(entry, unit, units[unit].name, paths, entry.get("message"))
                spool.add(past)
                keep(past)
        elif section == "files":
            unreadable += entry.get("status") != "audited"
            for site in entry.get("sites", []):
                if site.get("id") in units:
                    units[site["id"]].zone = site.get("zone") or UNASSIGNED
    for unit, figures in counts.items():
        units[unit].tally = _tally(figures)
    return units, unreadable


def _count(figures: dict[str, int], entry: dict[str, Any]) -> None:
    """One audit outcome into the figures the audit summary would show."""
    status = str(entry["status"])
    figures[status] += 1
    problem = status in ("fail", "error")
    figures["warnings"] += status == "fail" and entry.get("severity") == "warning"
    figures["overdue"] += problem and entry.get("due_status") == "overdue"
