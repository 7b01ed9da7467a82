"""Hostile attachments, each run through a real ``emcheck`` process (see test_hostile_inputs).

Every one ends as a finding of MECH-02 (the rule whose evidence the flowchart photo is), at
the line of the reference and naming it, with no traceback, within the time and memory
limits, and without reading anything outside the site file's folder: what lies outside is a
named pipe, which would hang a reader (the 5 s limit catches that).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from test_hostile_inputs import HEAD, check_discipline, run_together

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from make_attachments import png

Maker = Callable[[Path], str]
"""Makes the hostile attachment in the site's folder and returns the reference to write."""


def _site(references: list[str]) -> str:
    listed = ", ".join(json.dumps(r) for r in references)
    return (
        HEAD
        + f"flowchart:\n  posted_on_wall: true\n  location: 村委会\n  attachments: [{listed}]\n"
    )


def _written(name: str, content: bytes) -> Maker:
    def make(folder: Path) -> str:
        (folder / name).write_bytes(content)
        return name

    return make


def _as_is(reference: str) -> Maker:
    return lambda folder: reference


def _fifo_inside(folder: Path) -> str:
    os.mkfifo(folder / "photo.jpg")
    return "photo.jpg"


def _link_outside(folder: Path) -> str:
    outside = folder.parent / "outside"
    outside.mkdir()
    os.mkfifo(outside / "secret.jpg")
    (folder / "photo.jpg").symlink_to(outside / "secret.jpg")
    return "photo.jpg"


def _link_to_device(folder: Path) -> str:
    (folder / "photo.jpg").symlink_to("/dev/zero")
    return "photo.jpg"


def _sparse(folder: Path) -> str:
    with open(folder / "huge.png", "wb") as handle:
        handle.truncate(2 << 30)
    return "huge.png"


CASES: dict[str, tuple[Maker, str, str]] = {
    "traversal": (_as_is("../../etc/passwd"), "../../etc/passwd", "不能含“..”"),
    "absolute": (_as_is("/etc/passwd"), "/etc/passwd", "不能写绝对路径"),
    "drive": (_as_is("C:\\Windows\\win.ini"), "C:\\\\Windows\\\\win.ini", "盘符"),
    "symlink-outside": (_link_outside, "photo.jpg", "符号链接"),
    "symlink-device": (_link_to_device, "photo.jpg", "符号链接"),
    "fifo": (_fifo_inside, "photo.jpg", "不是普通文件"),
    "empty": (_written("photo.jpg", b""), "photo.jpg", "空文件"),
    "html-as-jpg": (_written("photo.jpg", b"<!DOCTYPE html><html></html>"), "photo.jpg", "HTML"),
    "elf-as-jpg": (
        _written("photo.jpg", b"\x7fELF\x02\x01\x01" + bytes(200)),
        "photo.jpg",
        "可执行程序",
    ),
    "truncated-png": (_written("photo.png", png(1, 2, 3)[:-6]), "photo.png", "不完整"),
    "missing": (_as_is("photo.jpg"), "photo.jpg", "不存在"),
    "sparse-2-gb": (_sparse, "huge.png", "附件过大"),
}


READ = {"html-as-jpg", "elf-as-jpg", "truncated-png"}


@pytest.mark.parametrize("case", CASES)
def test_hostile_attachment_is_a_finding_naming_it(case: str, tmp_path: Path) -> None:
    make, shown, words = CASES[case]
    folder = tmp_path / "site"
    folder.mkdir()
    reference = make(folder)
    (folder / "liuxi.yaml").write_text(_site([reference]), encoding="utf-8")
    [result] = run_together([["audit", "liuxi.yaml", "--format", "json"]], folder)
    check_discipline(result, 1)
    record = json.loads(result.output)
    [mech] = [o for o in record["outcomes"] if o["rule_id"] == "MECH-02"]
    assert mech["status"] == "fail" and mech["line"] == 9, mech  # the attachments line
    assert shown in json.dumps(mech, ensure_ascii=False) and words in mech["message"], mech
    [entry] = record["files"][0]["attachments"]
    assert words in entry["problem"]
    # Only a regular file of allowed size inside the folder is ever read (and so hashed).
    assert (entry["sha256"] is None) == (case not in READ)


def test_ten_thousand_attachments_are_one_finding_and_only_the_limit_is_read(
    tmp_path: Path,
) -> None:
    (tmp_path / "photo.png").write_bytes(png(9, 9, 9))
    (tmp_path / "liuxi.yaml").write_text(_site(["photo.png"] * 10_000), encoding="utf-8")
    [result] = run_together([["audit", "liuxi.yaml", "--format", "json"]], tmp_path)
    check_discipline(result, 1)
    record = json.loads(result.output)
    [mech] = [o for o in record["outcomes"] if o["rule_id"] == "MECH-02"]
    assert "列出 10000 个附件，超过每项上限 50 个" in mech["message"]
    assert len(record["files"][0]["attachments"]) == 50
