"""The bundled follow-up (examples/rounds/) reads as its header says: two items fixed since
the mid-December self-check, the 联战 mechanism regressed, a drill dated after the recheck new."""

from __future__ import annotations

import json
from typing import Any

from conftest import ROOT

ROUNDS = ROOT / "examples" / "rounds"


def test_the_follow_up_example(cli: Any) -> None:
    result = cli(
        "recheck",
        ROUNDS / "hongqiao-followup.yaml",
        "--previous",
        ROUNDS / "hongqiao-2026-12-15.json",  # given out of order: ordered by their dates
        "--previous",
        ROUNDS / "hongqiao-2026-11-30.json",
        "--as-of",
        "2026-12-28",
        "--kind",
        "json",
    )
    assert result.exit_code == 1, result.output
    items = json.loads(result.output)["items"]
    by_status: dict[str, set[tuple[str, str]]] = {}
    for item in items:
        by_status.setdefault(item["status"], set()).add((item["rule_id"], item["unit_id"]))
    assert by_status.pop("fixed") == {("CAP-06", "hongqiao"), ("MECH-02", "hongqiao")}
    assert by_status.pop("regressed") == {("RESP-06", "hongqiao")}
    assert by_status.pop("new") == {("DATA-03", "hongqiao")}
    mid = json.loads((ROUNDS / "hongqiao-2026-12-15.json").read_text(encoding="utf-8"))
    still = {(o["rule_id"], o["site_id"]) for o in mid["outcomes"] if o["status"] == "fail"}
    assert by_status == {"open": still - {("CAP-06", "hongqiao"), ("MECH-02", "hongqiao")}}
