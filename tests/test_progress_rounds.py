"""Findings are found again in a later round by what they point at, not by position; earlier
rounds are read back from either record, however they were laid out."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import GAPS, VILLAGE, with_attachments
from emcheck.audit.engine import audit_file
from emcheck.audit.keys import keyed_path
from emcheck.errors import InputError
from emcheck.history import round_json
from emcheck.history.collect import RoundCollector
from emcheck.history.previous import read_previous
from emcheck.history.round import Round
from emcheck.history.trend import trend
from emcheck.rulepack.model import RulePack

AS_OF = date(2026, 11, 30)
NAMES = st.lists(
    st.text("张王李赵某明华", min_size=2, max_size=4), min_size=1, max_size=8, unique=True
)


@given(NAMES, st.data())
def test_a_list_entry_keeps_its_key_when_the_list_is_reordered(names: list[str], data: Any) -> None:
    members = [{"name": n, "phone": ""} for n in names]
    order = data.draw(st.permutations(range(len(names))))
    moved = [members[i] for i in order]
    index = data.draw(st.integers(0, len(names) - 1))
    before = keyed_path({"team": {"members": members}}, ("team", "members", index, "phone"))
    after = keyed_path(
        {"team": {"members": moved}}, ("team", "members", order.index(index), "phone")
    )
    assert before == after == f"team.members[{names[index]}].phone"


def test_entries_sharing_a_name_are_told_apart_and_entries_without_one_by_position() -> None:
    data = {"xs": [{"name": "甲"}, {"name": "甲"}, {"post": "无名"}]}
    assert keyed_path(data, ("xs", 1)) == "xs[甲#2]"
    assert keyed_path(data, ("xs", 2)) == "xs[#3]"
    assert (
        keyed_path(
            {"villages": [{"id": "a", "grids": [{"name": "一组"}]}]}, ("villages", 0, "grids", 0), 2
        )
        == "grids[一组]"
    )


def _round(files: list[Path], pack: RulePack, as_of: date = AS_OF) -> Round:
    collector = RoundCollector(pack, as_of)
    for path in files:
        collector.add(audit_file(path, pack, as_of))
    return collector.finish()


def _reversed_lists(source: Path, target: Path) -> None:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    for key, value in data.items():
        if isinstance(value, list) and key not in ("villages", "communities"):
            data[key] = list(reversed(value))
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_reordering_every_list_is_neither_a_fix_nor_a_new_finding(
    pack: RulePack, tmp_path: Path
) -> None:
    first = _round([GAPS], pack)
    record = tmp_path / "round.json"
    record.write_text(round_json.render(first), encoding="utf-8")
    moved = with_attachments(tmp_path) / GAPS.name
    _reversed_lists(GAPS, moved)
    second = _round([moved], pack)
    # Guard: the reordering moved findings that point into list entries.
    assert {f.line for f in first.findings} != {f.line for f in second.findings}
    changes = trend(second, [read_previous(record)]).changes
    assert changes, "every unit was in the earlier round"
    for change in changes.values():
        assert (change.fixed, change.new) == (0, 0)
    assert sum(c.still_open for c in changes.values()) == len(first.findings)


def test_a_fixed_finding_and_a_new_one_are_counted_as_such(pack: RulePack, tmp_path: Path) -> None:
    first = _round([GAPS], pack)
    record = tmp_path / "round.json"
    record.write_text(round_json.render(first), encoding="utf-8")
    data = yaml.safe_load(GAPS.read_text(encoding="utf-8"))
    # Every drill record gone: the drill findings now point at the missing list, not its entries.
    del data["drills"]
    changed = tmp_path / GAPS.name
    changed.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    second = _round([changed], pack)
    old = {f.rule_id: set(f.paths) for f in first.findings if f.unit_id == "hongqiao"}
    new = {f.rule_id: set(f.paths) for f in second.findings if f.unit_id == "hongqiao"}
    # By hand: a rule open in both rounds is the same finding when its places overlap.
    kept = {r for r in old.keys() & new.keys() if old[r] & new[r]}
    assert old.keys() - kept and new.keys() - kept, "guard: both fixed and new findings"
    change = trend(second, [read_previous(record)]).changes["hongqiao"]
    assert (change.fixed, change.new, change.still_open) == (
        len(old) - len(kept),
        len(new) - len(kept),
        len(kept),
    )


def test_fixing_one_of_two_failing_entries_leaves_the_finding_open(
    pack: RulePack, tmp_path: Path
) -> None:
    first = _round([GAPS], pack)
    record = tmp_path / "round.json"
    record.write_text(round_json.render(first), encoding="utf-8")
    drills = [f for f in first.findings if f.rule_id == "CAP-06" and f.unit_id == "hongqiao"]
    assert len({p.split(".")[0] for p in drills[0].paths}) == 2, "guard: two drills failing"
    data = yaml.safe_load(GAPS.read_text(encoding="utf-8"))
    data["drills"][1]["review"] = "《沿街商铺火灾疏散演练总结》"
    changed = tmp_path / GAPS.name
    changed.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    second = _round([changed], pack)
    after = [f for f in second.findings if f.rule_id == "CAP-06" and f.unit_id == "hongqiao"]
    assert len({p.split(".")[0] for p in after[0].paths}) == 1, "guard: one drill now passes"
    change = trend(second, [read_previous(record)]).changes["hongqiao"]
    assert (change.fixed, change.new) == (0, 0)


def _audit_json(cli: Any, path: Path, target: Path) -> None:
    result = cli("audit", path, "--as-of", AS_OF.isoformat(), "-f", "json", "-o", target)
    assert result.exit_code in (0, 1), result.output


@pytest.mark.parametrize("spread", [False, True], ids=["as-written", "reformatted"])
def test_an_audit_record_reads_as_the_same_round_as_a_progress_record(
    pack: RulePack, cli: Any, tmp_path: Path, spread: bool
) -> None:
    audit = tmp_path / "audit.json"
    _audit_json(cli, GAPS, audit)
    progress = tmp_path / "progress.json"
    progress.write_text(round_json.render(_round([GAPS], pack)), encoding="utf-8")
    if spread:
        for path in (audit, progress):
            path.write_text(json.dumps(json.loads(path.read_text("utf-8")), indent=2), "utf-8")
    from_audit, from_progress = read_previous(audit), read_previous(progress)
    assert from_audit.as_of == from_progress.as_of == AS_OF
    assert from_audit.units.keys() == from_progress.units.keys()
    for unit, earlier in from_progress.units.items():
        assert from_audit.units[unit].tally == earlier.tally
        assert from_audit.open_of(unit) == from_progress.open_of(unit)
        assert from_audit.units[unit].zone == earlier.zone


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        (
            '{\n  "format": "emcheck-progress",\n  "version": 1,\n  "as_of": "2026-11-30",\n  "units": [\n    {"id": \n',
            ":7:1",
            "JSON",
        ),
        ('{"format": "emcheck-baseline", "version": 1}', ":1:1", "不是 emcheck 的轮次记录"),
        (
            '{"format": "emcheck-progress", "version": 2, "as_of": "2026-11-30"}',
            ":1:1",
            "version=2",
        ),
        ('{"format": "emcheck-progress", "version": 1, "as_of": "April"}', ":1:1", "as_of"),
        (
            '{"format": "emcheck-progress", "version": 1, "as_of": "2026-11-30", "units": [{"id": 1}]}',
            "",
            "缺字段",
        ),
        ("", ":1", "JSON"),
    ],
    ids=["cut-short", "other-record", "other-version", "bad-date", "missing-field", "empty"],
)
def test_an_unusable_earlier_round_is_named_with_its_place(
    tmp_path: Path, text: str, where: str, words: str
) -> None:
    path = tmp_path / "round.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_previous(path)
    told = caught.value.render("zh")
    assert f"{path}{where}" in told and words in told


def test_progress_never_replaces_a_file_without_force(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "进度.md"
    target.write_text("signed", encoding="utf-8")
    refused = cli("progress", VILLAGE, "--as-of", "2026-11-30", "-o", target)
    assert refused.exit_code == 2 and target.read_text(encoding="utf-8") == "signed"
    forced = cli("progress", VILLAGE, "--as-of", "2026-11-30", "-o", target, "--force")
    assert forced.exit_code == 0 and "柳溪村" in target.read_text(encoding="utf-8")


def test_emcheck_records_are_read_line_by_line_never_whole(
    pack: RulePack, cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading a record whole would hold a thousand districts' outcomes in memory at once."""
    audit = tmp_path / "audit.json"
    _audit_json(cli, GAPS, audit)
    progress = tmp_path / "progress.json"
    progress.write_text(round_json.render(_round([GAPS], pack)), encoding="utf-8")

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("read whole")

    monkeypatch.setattr(json, "load", refuse)
    for path in (audit, progress):
        assert read_previous(path).open_of("hongqiao")


def test_progress_never_writes_over_an_earlier_round_it_reads(cli: Any, tmp_path: Path) -> None:
    earlier = tmp_path / "round.json"
    first = cli("progress", VILLAGE, "--as-of", "2026-11-30", "-o", earlier)
    assert first.exit_code == 0, first.output
    kept = earlier.read_bytes()
    again = cli("progress", VILLAGE, "--previous", earlier, "-o", earlier, "--force")
    assert again.exit_code == 2 and "本次读取的文件" in again.output
    assert earlier.read_bytes() == kept
