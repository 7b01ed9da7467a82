"""Baselines: record today's findings, then fail only on new ones and list those fixed since.

Findings are matched by fingerprint (rule, unit and path), so edits elsewhere in a file do
not turn a known finding into a new one.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from emcheck.audit.outcomes import Notice, Outcome
from emcheck.errors import Location, RulePackError
from emcheck.i18n import Text
from emcheck.loading.document import format_path

FORMAT = "emcheck-baseline"
VERSION = 1


@dataclass(frozen=True)
class KnownFinding:
    fingerprint: str
    rule_id: str
    site_id: str
    path: str
    message: str


def render_baseline(outcomes: Sequence[Outcome]) -> str:
    findings = [
        {
            "fingerprint": o.fingerprint,
            "rule_id": o.rule.id,
            "site_id": o.subject.id,
            "path": format_path(o.relative_path),
            "message": o.message.zh if o.message else "",
        }
        for o in outcomes
        if o.is_problem
    ]
    findings.sort(key=lambda f: (f["site_id"], f["rule_id"], f["path"]))
    return (
        json.dumps(
            {"format": FORMAT, "version": VERSION, "findings": findings},
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def load_baseline(path: Path) -> list[KnownFinding]:
    shown = str(path)
    data = _read_json(path)
    if (
        not isinstance(data, dict)
        or data.get("format") != FORMAT
        or data.get("version") != VERSION
        or not isinstance(data.get("findings"), list)
    ):
        raise RulePackError(
            Location(shown, 1, 1),
            Text(
                "不是 emcheck 基线文件（用 --write-baseline 生成）",
                "not an emcheck baseline (write one with --write-baseline)",
            ),
        )
    return [_known_finding(entry, shown) for entry in data["findings"]]


def _read_json(path: Path) -> Any:
    shown = str(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RulePackError(
            Location(shown), Text("基线文件不存在", "no such baseline file")
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise RulePackError(
            Location(shown),
            Text(f"无法读取基线文件：{error}", f"cannot read the baseline: {error}"),
        ) from None
    except json.JSONDecodeError as error:
        raise RulePackError(
            Location(shown, error.lineno, error.colno),
            Text(
                f"基线文件不是有效的 JSON：{error.msg}",
                f"the baseline is not valid JSON: {error.msg}",
            ),
        ) from None


def _known_finding(entry: Any, shown: str) -> KnownFinding:
    if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
        raise RulePackError(
            Location(shown),
            Text(
                "基线文件中有无法识别的条目",
                "the baseline holds an entry without a fingerprint",
            ),
        )
    return KnownFinding(
        entry["fingerprint"],
        str(entry.get("rule_id", "")),
        str(entry.get("site_id", "")),
        str(entry.get("path", "")),
        str(entry.get("message", "")),
    )


class BaselineCheck:
    """Marks each problem new or unchanged as files stream by; lists fixed findings at the end."""

    def __init__(self, known: Sequence[KnownFinding], source: Path) -> None:
        self.known = known
        self.source = source
        self.fingerprints = {k.fingerprint for k in known}
        self.current: set[str] = set()

    def apply(self, outcomes: Sequence[Outcome]) -> list[Outcome]:
        marked = []
        for outcome in outcomes:
            if outcome.is_problem:
                self.current.add(outcome.fingerprint)
                state = "unchanged" if outcome.fingerprint in self.fingerprints else "new"
                outcome = replace(outcome, baseline=state)
            marked.append(outcome)
        return marked

    def notices(self) -> list[Notice]:
        return [
            Notice(
                Location(str(self.source)),
                Text(
                    f"已整改（基线中有、本次未发现）：{k.rule_id} {k.site_id} {k.path}",
                    f"fixed since the baseline: {k.rule_id} {k.site_id} {k.path}",
                ),
                "note",
            )
            for k in self.known
            if k.fingerprint not in self.current
        ]
