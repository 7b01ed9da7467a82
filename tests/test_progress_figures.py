"""Every figure of ``emcheck progress`` against an independent count from the audit JSON.

The expected figures are counted here from ``emcheck audit --format json`` of the same files,
the rule files read as plain YAML (rule id → deadline) and the definitions in the issue; no
emcheck code computes them. The progress JSON (the round record) and its markdown tables (zone
roll-ups, rankings, common weaknesses, trend) must agree with that count.
"""

from __future__ import annotations

import calendar
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import AS_OF_TEXT, COMPLIANT, EXAMPLES, GAPS, ROOT, with_attachments

Cli = Callable[..., Any]
ZONE = EXAMPLES / "zone"
PREVIOUS = ZONE / "rounds" / "2026-03-06.json"
AS_OF = date(2026, 3, 20)
UNASSIGNED = "(未归属)"
DISTRICT_LEVELS = {"district", "township", "street"}
OPEN = {"fail", "error"}


def _emcheck(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "emcheck", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        check=False,
    )


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One audit and one progress run over examples/zone (paths as the README writes them)."""
    out = tmp_path_factory.mktemp("zone")
    audit, progress, markdown = out / "audit.json", out / "progress.json", out / "progress.md"
    common = ("examples/zone", "--as-of", AS_OF.isoformat())
    codes = {
        "audit": _emcheck("audit", *common, "-o", str(audit)).returncode,
        "progress": _emcheck(
            "progress",
            *common,
            "--previous",
            "examples/zone/rounds/2026-03-06.json",
            "--output",
            f"json={progress}",
            "--output",
            f"markdown={markdown}",
        ).returncode,
    }
    return {
        "codes": codes,
        "audit": json.loads(audit.read_text(encoding="utf-8")),
        "progress": json.loads(progress.read_text(encoding="utf-8")),
        "markdown": markdown.read_text(encoding="utf-8"),
    }


# ── the independent count ────────────────────────────────────────────────────


def _deadline_names() -> tuple[dict[str, str | None], dict[str, tuple[int, int | str]]]:
    """Rule id → deadline name (the rule's own ``deadline`` key, else its section's)."""
    pack = yaml.safe_load((ROOT / "rules" / "pack.yaml").read_text(encoding="utf-8"))
    by_section = {s["id"]: s.get("deadline") for s in pack["sections"]}
    rules: dict[str, str | None] = {}
    for path in sorted((ROOT / "rules").rglob("*.yaml")):
        if path.name == "pack.yaml":
            continue
        rule = yaml.safe_load(path.read_text(encoding="utf-8"))
        rules[rule["id"]] = rule["deadline"] if "deadline" in rule else by_section[rule["section"]]
    dates = {name: (d["month"], d["day"]) for name, d in pack["deadlines"].items()}
    return rules, dates


RULE_DEADLINE, DEADLINES = _deadline_names()


def _due(name: str, year: int) -> date:
    month, day = DEADLINES[name]
    return date(year, month, calendar.monthrange(year, month)[1] if day == "last" else int(day))


def _node_order() -> list[str]:
    used = {n for n in RULE_DEADLINE.values() if n}
    return sorted(used, key=lambda n: _due(n, 2001))


def _done(o: dict[str, Any]) -> bool:
    """Passes, waived, or a 需关注 (warning) failure; 无法检查 (error) is not done."""
    return o["status"] in ("pass", "waived") or (
        o["status"] == "fail" and o["severity"] == "warning"
    )


def _days_late(o: dict[str, Any], year: int) -> int:
    name = RULE_DEADLINE[o["rule_id"]]
    return max(0, (AS_OF - _due(name, year)).days) if name else 0


def _rate(t: dict[str, int]) -> float | None:
    applicable = t["pass"] + t["fail"] + t["error"] + t["waived"]
    return 100.0 * t["pass"] / applicable if applicable else None


def _tally(outcomes: list[dict[str, Any]], year: int) -> dict[str, int]:
    status = Counter(o["status"] for o in outcomes)
    return {
        "pass": status["pass"],
        "fail": status["fail"],
        "warnings": sum(
            1 for o in outcomes if o["status"] == "fail" and o["severity"] == "warning"
        ),
        "error": status["error"],
        "waived": status["waived"],
        "not_applicable": status["not_applicable"],
        "overdue": sum(1 for o in outcomes if o["status"] in OPEN and _days_late(o, year) > 0),
    }


def _nodes(applicable: list[dict[str, Any]], year: int) -> list[dict[str, Any]]:
    states = []
    for name in _node_order():
        mine = [o for o in applicable if RULE_DEADLINE[o["rule_id"]] == name]
        open_ = [o for o in mine if not _done(o)]
        late = (AS_OF - _due(name, year)).days
        if not mine:
            states.append({"state": "n/a", "open": 0, "days_overdue": 0})
        elif not open_:
            states.append({"state": "done", "open": 0, "days_overdue": 0})
        elif late > 0:
            states.append({"state": "overdue", "open": len(open_), "days_overdue": late})
        else:
            states.append({"state": "pending", "open": len(open_), "days_overdue": 0})
    return states


def _worst(applicable: list[dict[str, Any]], year: int) -> dict[str, Any] | None:
    late = [o for o in applicable if o["status"] in OPEN and _days_late(o, year) > 0]
    if not late:
        return None
    most = max(_days_late(o, year) for o in late)
    first = next(o for o in late if _days_late(o, year) == most)
    return {"rule_id": first["rule_id"], "clause": first["clause"], "days_overdue": most}


def expected_units(audit: dict[str, Any]) -> dict[str, dict[str, Any]]:
    by_site: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for outcome in audit["outcomes"]:
        by_site[outcome["site_id"]].append(outcome)
    units = {}
    for file in audit["files"]:
        for site in file["sites"]:
            mine, year = by_site[site["id"]], site["pilot_year"]
            tally = _tally(mine, year)
            rate = _rate(tally)
            applicable = [o for o in mine if o["status"] != "not_applicable"]
            units[site["id"]] = {
                "id": site["id"],
                "name": site["name"],
                "level": site["level"],
                "zone": site["zone"] or UNASSIGNED,
                "parent": site["parent"],
                "file": file["file"],
                **tally,
                "compliance_percent": None if rate is None else round(rate, 1),
                "nodes": _nodes(applicable, year),
                "no_deadline_open": sum(
                    1 for o in applicable if RULE_DEADLINE[o["rule_id"]] is None and not _done(o)
                ),
                "worst": _worst(applicable, year),
            }
    return units


def _sum(tallies: list[dict[str, Any]]) -> dict[str, int]:
    keys = ("pass", "fail", "warnings", "error", "waived", "not_applicable", "overdue")
    return {k: sum(t[k] for t in tallies) for k in keys}


def _shown(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.1f}".removesuffix(".0") + "%"


def _rank_key(name: str, ident: str, tally: dict[str, int]) -> tuple[float, int, str, str]:
    rate = _rate(tally)
    return (-rate if rate is not None else 1.0, tally["overdue"], name, ident)


# ── the markdown tables ──────────────────────────────────────────────────────


def md_table(markdown: str, heading: str) -> list[list[str]]:
    """The body rows of the first table under ``## heading``, cells unescaped."""
    section = markdown.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")][2:]
    cells = [re.split(r"(?<!\\) \| ", row.strip("| ")) for row in rows]
    return [[re.sub(r"\\(.)", r"\1", c).strip("*") for c in row] for row in cells]


# ── the round record ─────────────────────────────────────────────────────────


def test_the_zone_example_runs_as_the_readme_says(runs: dict[str, Any]) -> None:
    # One file fails the schema: exit 2, as for audit; both commands agree.
    assert runs["codes"] == {"audit": 2, "progress": 2}


def test_each_unit_matches_the_audit_count(runs: dict[str, Any]) -> None:
    expected = expected_units(runs["audit"])
    got = {u["id"]: u for u in runs["progress"]["units"]}
    assert list(got) == list(expected)  # every audited unit, in file order, none dropped
    for unit_id, unit in expected.items():
        assert got[unit_id] == unit, unit_id


def test_the_example_shows_every_node_state(runs: dict[str, Any]) -> None:
    states = {n["state"] for u in expected_units(runs["audit"]).values() for n in u["nodes"]}
    assert {"done", "pending", "overdue"} <= states


def test_summary_and_compliance_match_the_audit_summary(runs: dict[str, Any]) -> None:
    audit, progress = runs["audit"], runs["progress"]
    tally = _sum(list(expected_units(audit).values()))
    rate = _rate(tally)
    assert progress["summary"] == {**tally, "compliance_percent": round(rate or 0, 1)}
    assert progress["summary"]["compliance_percent"] == audit["summary"]["compliance_percent"]
    assert {k: audit["summary"][k] for k in tally} == tally


def test_open_findings_are_the_audits_failures_and_errors(runs: dict[str, Any]) -> None:
    years = {s["id"]: s["pilot_year"] for f in runs["audit"]["files"] for s in f["sites"]}
    expected = [
        {
            "key": o["finding_key"],
            "paths": o["finding_paths"],
            "rule_id": o["rule_id"],
            "clause": o["clause"],
            "unit_id": o["site_id"],
            "status": o["status"],
            "severity": o["severity"],
            "deadline": o["deadline"],
            "days_overdue": _days_late(o, years[o["site_id"]]),
            "file": o["file"],
            "line": o["line"],
        }
        for o in runs["audit"]["outcomes"]
        if o["status"] in OPEN
    ]
    assert sorted(runs["progress"]["findings"], key=str) == sorted(expected, key=str)
    for finding in expected:  # the deadline the audit printed is the pack's
        name = RULE_DEADLINE[finding["rule_id"]]
        assert finding["deadline"] == (_due(name, 2026).isoformat() if name else None)


def test_unreadable_files_are_named_and_counted(runs: dict[str, Any]) -> None:
    bad = [f for f in runs["audit"]["files"] if f["status"] != "audited"]
    got = runs["progress"]["unreadable"]
    assert [(u["file"], u["reason"]) for u in got] == [(f["file"], f["status"]) for f in bad]
    assert [u["file"] for u in got] == ["examples/zone/yuwan-community.yaml"]
    table = md_table(runs["markdown"], "未能审核的文件")
    assert [row[0].split(":")[0] for row in table] == [f["file"] for f in bad]
    assert f"未能审核的文件 {len(bad)} 个" in runs["markdown"]


# ── roll-ups, rankings, weaknesses (markdown tables) ─────────────────────────


def test_zone_roll_ups(runs: dict[str, Any]) -> None:
    units = expected_units(runs["audit"]).values()
    zones: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for unit in units:
        zones[unit["zone"]].append(unit)
    expected = [["管委会（全部）", *_row(list(units))]]
    expected += [[z, *_row(zones[z])] for z in sorted(zones, key=lambda z: (z == UNASSIGNED, z))]
    assert md_table(runs["markdown"], "总体情况") == expected


def _row(units: list[dict[str, Any]]) -> list[str]:
    t = _sum(units)
    applicable = t["pass"] + t["fail"] + t["error"] + t["waived"]
    figures = [len(units), applicable, t["pass"], t["fail"] - t["warnings"], t["warnings"]]
    figures += [t["error"], t["waived"]]
    return [*map(str, figures), _shown(_rate(t)), str(t["overdue"])]


def test_rankings(runs: dict[str, Any]) -> None:
    units = list(expected_units(runs["audit"]).values())
    heads = {u["id"]: u for u in units if u["level"] in DISTRICT_LEVELS}
    members: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for unit in units:
        if unit["level"] in DISTRICT_LEVELS:
            members[unit["zone"], unit["id"]].append(unit)
        elif unit["parent"]:
            members[unit["zone"], unit["parent"]].append(unit)
    districts = []
    for (zone, ident), group in members.items():
        name = heads[ident]["name"] if ident in heads else ident
        districts.append((_rank_key(name, ident, _sum(group)), name, zone, _sum(group)))
    districts.sort(key=lambda d: d[0])
    table = md_table(runs["markdown"], "区/乡镇/街道排名")
    assert table == [
        [str(i), name, zone, _shown(_rate(t)), str(t["overdue"])]
        for i, (_, name, zone, t) in enumerate(districts, 1)
    ]
    villages = sorted(
        (u for u in units if u["level"] not in DISTRICT_LEVELS),
        key=lambda u: _rank_key(u["name"], u["id"], u),
    )
    assert md_table(runs["markdown"], "村/社区排名") == [
        [str(i), u["name"], u["zone"], _shown(_rate(u)), str(u["overdue"])]
        for i, u in enumerate(villages, 1)
    ]


def _weaknesses(audit: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """Rule → (units with an open finding on it, units it applies to)."""
    failing = Counter(o["rule_id"] for o in audit["outcomes"] if o["status"] in OPEN)
    applies = Counter(o["rule_id"] for o in audit["outcomes"] if o["status"] != "not_applicable")
    return {rule: (n, applies[rule]) for rule, n in failing.items()}


def test_common_weaknesses(runs: dict[str, Any]) -> None:
    expected = _weaknesses(runs["audit"])
    table = md_table(runs["markdown"], "共性问题")
    got = {row[0]: (int(row[-2]), int(row[-1])) for row in table}
    assert got == expected
    counts = [int(row[-2]) for row in table]
    assert counts == sorted(counts, reverse=True)  # most-failed first


PLAN_ORDER = "一二三四五六七八九十"


def _plan_clause_key(clause: str) -> tuple[int, ...]:
    """二(三)11 → (2, 3, 11): the plan's own order, not the characters' code points."""
    numbers = re.findall(r"[一二三四五六七八九十]+|\d+", clause.split("、")[0])
    return tuple(PLAN_ORDER.index(n) + 1 if not n.isdigit() else int(n) for n in numbers)


def test_weaknesses_with_equal_counts_follow_the_plan_order(runs: dict[str, Any]) -> None:
    table = md_table(runs["markdown"], "共性问题")
    keys = [(-int(row[-2]), _plan_clause_key(row[1]), row[0]) for row in table]
    assert keys == sorted(keys)


# ── node completion and the trend ────────────────────────────────────────────


def test_node_completion_counts(runs: dict[str, Any]) -> None:
    units = list(expected_units(runs["audit"]).values())
    totals = []
    for index in range(len(_node_order())):
        states = [u["nodes"][index]["state"] for u in units]
        applies = [s for s in states if s != "n/a"]
        totals.append(f"{applies.count('done')}/{len(applies)}")
    last = md_table(runs["markdown"], "节点完成情况")[-1]
    assert last[0] == "完成节点的单位数" and last[1:-1] == totals
    # the parts without a deadline: units with nothing open there
    assert last[-1] == f"{sum(1 for u in units if u['no_deadline_open'] == 0)}/{len(units)}"


Places = dict[str, set[str]]
"""An open finding's places by rule id: one finding per rule and unit."""


def _previous() -> tuple[dict[str, Any], dict[str, Places]]:
    earlier = json.loads(PREVIOUS.read_text(encoding="utf-8"))
    places: dict[str, Places] = defaultdict(dict)
    for finding in earlier["findings"]:
        places[finding["unit_id"]][finding["rule_id"]] = set(finding["paths"])
    return earlier, places


def _moved(old: Places, new: Places) -> list[int]:
    """Fixed, new, still open: by the definition in docs/progress.md (same rule and unit,
    and a shared place), counted here without emcheck."""
    kept = sum(1 for r in old.keys() & new.keys() if old[r] & new[r] or not old[r] or not new[r])
    return [len(old) - kept, len(new) - kept, kept]


def test_trend_against_the_round_of_6_march(runs: dict[str, Any]) -> None:
    earlier, before = _previous()
    units = expected_units(runs["audit"])
    now: dict[str, Places] = defaultdict(dict)
    for o in runs["audit"]["outcomes"]:
        if o["status"] in OPEN:
            now[o["site_id"]][o["rule_id"]] = set(o["finding_paths"])
    rates = {u["id"]: _rate(u) for u in earlier["units"]}
    expected = []
    for unit_id, unit in units.items():
        old, new = before[unit_id], now[unit_id]
        change = round((_rate(unit) or 0) - (rates[unit_id] or 0), 1)
        shown = f"{change:+.1f}".removesuffix(".0")
        counts = _moved(old, new)
        expected.append([unit["name"], _shown(_rate(unit)), shown, *map(str, counts)])
    # in the tree's order (zone, district, villages): compared unit by unit
    assert sorted(md_table(runs["markdown"], "与上轮相比")) == sorted(expected)
    totals = [sum(int(row[i]) for row in expected) for i in (3, 4, 5)]
    assert all(totals), "the example shows fixed, new and still-open findings"
    points = md_table(runs["markdown"], "各轮次走势")
    open_now = sum(len(k) for k in now.values())
    assert points == [
        ["2026-03-06", str(len(earlier["units"])), _shown(_rate(_sum(earlier["units"]))),
         str(len(earlier["findings"]))],
        [AS_OF.isoformat(), str(len(units)), _shown(_rate(_sum(list(units.values())))),
         str(open_now)],
    ]  # fmt: skip


# ── the trend over generated rounds ──────────────────────────────────────────

_places = st.dictionaries(
    st.sampled_from([f"R-{i}" for i in range(5)]),
    st.sets(st.sampled_from(["a", "b[甲].c", "b[乙].c"]), max_size=3),
    max_size=5,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_places, _places), min_size=1, max_size=5))
def test_fixed_new_and_still_open_partition_the_open_findings(
    pairs: list[tuple[Places, Places]],
) -> None:
    from emcheck.audit.vocabulary import Tally
    from emcheck.history.previous import Earlier, PastFinding, PreviousRound, open_spool
    from emcheck.history.round import Finding, Round, Unit
    from emcheck.history.spool import FindingSpool
    from emcheck.history.trend import trend
    from emcheck.i18n import Text

    nothing = Tally(1, 0, 0, 0, 0, 0, 0)
    units, findings, earlier, past = [], [], {}, []
    for index, (before, now) in enumerate(pairs):
        uid = f"u{index}"
        units.append(Unit(uid, uid, "village", "z", None, "f", nothing, (), 0, None))
        earlier[uid] = Earlier(uid, "z", nothing)
        past += [
            PastFinding(r, uid, uid, frozenset(p), None, None, "f", None) for r, p in before.items()
        ]
        for rule, places in sorted(now.items()):
            paths = tuple(sorted(places))
            findings.append(
                Finding(f"{rule}|{uid}|{paths[0] if paths else ''}", paths, rule, "c",
                        Text("t", "t"), uid, uid, "fail", "error", None, None, None, None, 0,
                        "f", 1, 1)
            )  # fmt: skip
    # Units' findings interleaved (as an audit record may list them): read back by unit.
    past.sort(key=lambda f: f.rule_id)
    findings.sort(key=lambda f: f.rule_id)
    current = Round(AS_OF, "p", "1", (), tuple(units), FindingSpool(findings), ())
    previous = PreviousRound("earlier.json", date(2026, 3, 6), earlier, 0, open_spool(past))
    result = trend(current, [previous])
    for index, (before, now) in enumerate(pairs):
        change = result.changes[f"u{index}"]
        assert [change.fixed, change.new, change.still_open] == _moved(before, now)
        assert change.fixed + change.still_open == len(before)
        assert change.new + change.still_open == len(now)
    assert result.points[-1].open_findings == sum(len(now) for _, now in pairs)
    assert result.points[0].open_findings == sum(len(before) for before, _ in pairs)


# ── exit codes ───────────────────────────────────────────────────────────────


def _site(tmp_path: Path, source: Path) -> Path:
    folder = with_attachments(tmp_path / "sites")
    (folder / source.name).write_bytes(source.read_bytes())
    return folder


def test_exit_0_when_every_rule_passes(cli: Cli, tmp_path: Path) -> None:
    result = cli("progress", _site(tmp_path, COMPLIANT), "--as-of", AS_OF_TEXT)
    assert result.exit_code == 0, result.output


def test_exit_1_with_findings(cli: Cli, tmp_path: Path) -> None:
    result = cli("progress", _site(tmp_path, GAPS), "--as-of", AS_OF_TEXT)
    assert result.exit_code == 1, result.output


def test_exit_2_for_an_unreadable_previous_round(cli: Cli, tmp_path: Path) -> None:
    previous = tmp_path / "上一轮.json"
    previous.write_text("{ not json", encoding="utf-8")
    result = cli("progress", _site(tmp_path, COMPLIANT), "--previous", previous)
    assert result.exit_code == 2
    assert str(previous) in result.output


def test_exit_2_when_the_output_exists_without_force(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "进度.json"
    target.write_text("kept", encoding="utf-8")
    sites = _site(tmp_path, COMPLIANT)
    result = cli("progress", sites, "--as-of", AS_OF_TEXT, "-o", target)
    assert result.exit_code == 2 and "--force" in result.output
    assert target.read_text(encoding="utf-8") == "kept"
    forced = cli("progress", sites, "--as-of", AS_OF_TEXT, "-o", target, "--force")
    assert forced.exit_code == 0 and json.loads(target.read_text(encoding="utf-8"))["units"]
