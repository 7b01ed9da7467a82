"""Careless or clever submissions: the compliant district with one plausible change each.

Every case names the rule that must stop passing on the unit it touches. These are the ways a
site file can satisfy the letter of a check without the substance: duplicates, blanks,
placeholders, zeros, future dates, the wrong filing office, unlinked plans, an empty unit.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
import yaml

from conftest import AS_OF, COMPLIANT
from emcheck.audit.engine import audit_document
from emcheck.loading.loader import load_bytes
from emcheck.rulepack.model import RulePack

Site = dict[str, Any]
BASE: Site = yaml.safe_load(COMPLIANT.read_text(encoding="utf-8"))
TOP = BASE["id"]
VILLAGE = BASE["villages"][0]["id"]
COMMUNITY = BASE["communities"][0]["id"]


def village(site: Site) -> Site:
    return site["villages"][0]  # type: ignore[no-any-return]


def community(site: Site) -> Site:
    return site["communities"][0]  # type: ignore[no-any-return]


def outcomes(site: Site, pack: RulePack, as_of: date = AS_OF) -> dict[tuple[str, str], str]:
    text = yaml.safe_dump(site, allow_unicode=True, sort_keys=False)
    document = load_bytes(text.encode("utf-8"), "adversarial.yaml")
    audit = audit_document(document, pack, as_of, COMPLIANT.parent)
    assert audit.outcomes, "the mutated site must still be a valid site file"
    return {(o.rule.id, o.subject.id): o.status for o in audit.outcomes}


def _set(path: str, value: Any) -> Callable[[Site], None]:
    def edit(site: Site) -> None:
        *parents, last = path.split(".")
        node: Any = site
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value

    return edit


def _rows(path: str, key: str, kinds: tuple[str, ...], **fields: Any) -> Callable[[Site], None]:
    """One row per kind, all with the same (hollow) fields: zero hours, zero quantity."""
    today = {"date": "2026-05-19"} if key == "subject" else {}
    return _set(path, [{key: kind, **today, **fields} for kind in kinds])


def _duplicate_members_below_minimum(site: Site) -> None:
    members = site["rescue_team"]["members"]
    # 24 rows, but five of them repeat people already listed: 19 distinct people.
    for index in range(19, 24):
        members[index] = dict(members[index - 18])


def _director_as_only_full_time(site: Site) -> None:
    for person in site["staff"]:
        person["full_time"] = False
    site["staff"].append({"name": site["office"]["director"]["name"], "full_time": True})


def _zero_quantities(site: Site) -> None:
    for item in site["materials"][0]["items"]:
        item["quantity"] = 0


def _identical_trainings(site: Site) -> None:
    one = {"title": "业务培训班", "organizer": "经济区", "start": "2026-03-16", "days": 3}
    site["trainings"] = [dict(one, format="集中授课"), dict(one, format="网上培训")] * 2


def _leader_only_member(site: Site) -> None:
    group = village(site)["leadership_group"]
    group["members"] = [{"name": group["leader"]["name"], "two_committees_member": True}]


def _captain_twice(site: Site) -> None:
    team = village(site)["rescue_team"]
    team["members"] = [*team["members"][:9], dict(team["members"][0])]


def _grids_over_total(site: Site) -> None:
    community(site)["grids"][0]["households"] = 500
    community(site)["households"] = sum(g["households"] for g in community(site)["grids"]) - 20


def _funding_falls(site: Site) -> None:
    site["funding"][1]["amount_yuan"] = 300000


def _plans_only_claim_links(site: Site) -> None:
    for plan in site["plans"]:
        plan.pop("higher_level_plans", None)


def _village_plan_unfounded(site: Site) -> None:
    for plan in village(site)["plans"]:
        plan["higher_level_plans"] = ["无"]


def _filed_with(office: str) -> Callable[[Site], None]:
    def edit(site: Site) -> None:
        for plan in village(site)["duty_plans"]:
            plan["filed_with"] = office

    return edit


def _filed_later(site: Site) -> None:
    for plan in village(site)["duty_plans"]:
        plan["filed_on"] = "2026-12-30"


def _all_evidence(value: str) -> Callable[[Site], None]:
    def edit(site: Site) -> None:
        for entry in village(site)["ten_ones"]:
            entry["evidence"] = value

    return edit


CASES: list[tuple[str, Callable[[Site], None], str, str]] = [
    ("five repeated rescue-team members", _duplicate_members_below_minimum, "ORG-08", TOP),
    (
        "a repeated member is reported",
        _set("rescue_team.members.5", {"name": "高某军", "category": "民兵"}),
        "DATA-01",
        TOP,
    ),
    (
        "a member named with a full-width space",
        _set("rescue_team.members.3.name", "\u3000"),
        "DATA-01",
        TOP,
    ),
    ("the concurrent director as the full-time staff", _director_as_only_full_time, "ORG-03", TOP),
    ("report channel '无'", _set("duty_system.report_channel", "无"), "MECH-03", TOP),
    ("rescue tasks '待定'", _set("rescue_team.duties.tasks", "待定"), "RESP-05", TOP),
    (
        "deputy domains of blank text",
        _set("responsibility.deputies.0.domains", ["\u3000", " "]),
        "RESP-01",
        TOP,
    ),
    ("coordination domain '/'", _set("office.duties.coordination", ["/"]), "RESP-03", TOP),
    ("partner ' '", _set("rescue_team.joint_mechanisms.1.partners", [" "]), "RESP-06", TOP),
    ("a material category of zero quantities", _zero_quantities, "SUP-02", TOP),
    ("a database of 0 entries", _set("materials_database.entries", 0), "SUP-04", TOP),
    (
        "zero-hour team training",
        _rows(
            "rescue_team.skills_training", "subject", ("基础体能", "基本技能", "班组协同"), hours=0
        ),
        "CAP-05",
        TOP,
    ),
    ("funding falls year on year", _funding_falls, "SUP-01", TOP),
    ("plans only claim to be linked", _plans_only_claim_links, "MECH-05", TOP),
    ("absent hazard with reason '无'", _set("hazards_absent.0.reason", "无"), "MECH-06", TOP),
    ("a drill after the audit date", _set("drills.3.date", "2026-12-15"), "DATA-03", TOP),
    ("a revision after the audit date", _set("plans.0.revised_on", "2027-01-01"), "MECH-09", TOP),
    (
        "an assessment after the audit date",
        _set("staff.0.five_know_ten_can.assessed_on", "2027-06-18"),
        "CAP-04",
        TOP,
    ),
    ("identical trainings counted once", _identical_trainings, "CAP-01", TOP),
    (
        "PPE of quantity 0",
        _rows("equipment", "category", ("装备", "设备", "个人防护用品"), name="物资", quantity=0),
        "SUP-07",
        TOP,
    ),
    ("no 专题片 at the district", _set("ten_ones", []), "STD-07", TOP),
    ("duty plan '未备案'", _filed_with("未备案"), "MECH-04", VILLAGE),
    ("duty plan filed with another zone", _filed_with("西川经济区值班室"), "MECH-04", VILLAGE),
    ("duty plan filed after the audit date", _filed_later, "MECH-04", VILLAGE),
    (
        "grid worker named '无'",
        _set("villages.0.grids.0.grid_worker.name", "无"),
        "ORG-07",
        VILLAGE,
    ),
    ("leader as the only group member", _leader_only_member, "ORG-04", VILLAGE),
    ("captain listed twice to make ten", _captain_twice, "ORG-09", VILLAGE),
    ("villager group of blank text", _set("villages.0.villager_groups.0", " "), "ORG-05", VILLAGE),
    ("village plan based on '无'", _village_plan_unfounded, "MECH-08", VILLAGE),
    ("ten-ones evidence '无'", _all_evidence("无"), "STD-03", VILLAGE),
    ("ten-ones evidence '——'", _all_evidence("——"), "STD-09", VILLAGE),
    (
        "grid worker without work content",
        _set("villages.0.grids.0.grid_worker.work_content", []),
        "RESP-08",
        VILLAGE,
    ),
    ("grids adding up to more than the households", _grids_over_total, "ORG-06", COMMUNITY),
    (
        "a work plan issued after the audit date",
        _set("annual_work_plans.1.issued_on", "2026-12-20"),
        "RESP-02",
        TOP,
    ),
]


@pytest.mark.parametrize(
    ("edit", "rule", "unit"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_substance_edit_is_caught(
    edit: Callable[[Site], None], rule: str, unit: str, pack: RulePack
) -> None:
    assert outcomes(BASE, pack)[(rule, unit)] == "pass", "the unedited example must pass"
    site = copy.deepcopy(BASE)
    edit(site)
    assert outcomes(site, pack)[(rule, unit)] == "fail"


def test_small_community_with_one_grid_passes(pack: RulePack) -> None:
    site = copy.deepcopy(BASE)
    unit = community(site)
    unit["households"] = 260
    unit["grids"] = [dict(unit["grids"][0], households=260)]
    assert outcomes(site, pack)[("ORG-06", COMMUNITY)] == "pass"


@pytest.mark.parametrize("level", ["district", "village", "community"])
def test_empty_unit_passes_nothing(level: str, pack: RulePack) -> None:
    site = {
        "schema_version": 1,
        "level": level,
        "id": "empty",
        "name": "空单位",
        "pilot_year": 2026,
    }
    found = outcomes(site, pack)
    passing = sorted(rule for (rule, _), status in found.items() if status == "pass")
    assert passing == []
