"""Attachments: real type by content, recorded digests, ``emcheck verify``, the pack's digest."""

from __future__ import annotations

import io
import json
import shutil
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import AS_OF_TEXT, EXAMPLES, ROOT, VILLAGE
from emcheck.attachments.inspect import inspect
from emcheck.rulepack.pack import pack_digest

sys.path.insert(0, str(ROOT / "benchmarks"))
from make_attachments import pdf, png

Cli = Callable[..., object]
LIMIT = 1 << 20


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (png(1, 2, 3), "png"),
        (pdf("a"), "pdf"),
        (b"\xff\xd8\xff\xe0" + bytes(20) + b"\xff\xd9", "jpeg"),
        (_zip("[Content_Types].xml", "word/document.xml"), "docx"),
        (_zip("[Content_Types].xml", "xl/workbook.xml"), "xlsx"),
        (_zip("OFD.xml", "Doc_0/Document.xml"), "ofd"),
    ],
)
def test_allowed_kinds_are_told_by_content_whatever_the_name(
    content: bytes, kind: str, tmp_path: Path
) -> None:
    (tmp_path / "scan.txt").write_bytes(content)
    found = inspect(tmp_path, "scan.txt", LIMIT)
    assert (found.kind, found.problem, found.size) == (kind, None, len(content))


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (_zip("readme.txt"), "普通压缩包"),
        (b"PK\x03\x04 not really a zip", "损坏的压缩文件"),
        (b"GIF89a" + bytes(10), "GIF 图片"),
        (b"%PDF-1.4 cut here", "不完整"),
    ],
)
def test_other_content_is_refused_saying_what_it_is(
    content: bytes, words: str, tmp_path: Path
) -> None:
    (tmp_path / "scan.pdf").write_bytes(content)
    found = inspect(tmp_path, "scan.pdf", LIMIT)
    assert found.problem is not None and words in found.problem.zh


def test_size_is_refused_before_reading(tmp_path: Path) -> None:
    (tmp_path / "big.png").write_bytes(png(1, 1, 1))
    found = inspect(tmp_path, "big.png", 10)
    assert found.sha256 is None and found.problem is not None and "过大" in found.problem.zh


def test_backslashes_of_a_windows_clerk_are_folders(tmp_path: Path) -> None:
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "a.png").write_bytes(png(1, 1, 1))
    assert inspect(tmp_path, "photos\\a.png", LIMIT).kind == "png"


def _audited(cli: Cli, tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "site"
    shutil.copytree(EXAMPLES / "attachments", folder / "attachments")
    shutil.copy(VILLAGE, folder / VILLAGE.name)
    result = folder / "result.json"
    done = cli("audit", folder / VILLAGE.name, "--as-of", AS_OF_TEXT, "-f", "json", "-o", result)
    assert done.exit_code == 0, done.output  # type: ignore[attr-defined]
    return folder, result


def test_json_records_the_site_and_each_attachment(cli: Cli, tmp_path: Path) -> None:
    _, result = _audited(cli, tmp_path)
    record = json.loads(result.read_text(encoding="utf-8"))
    assert len(record["pack"]["sha256"]) == 64
    [entry] = record["files"]
    assert len(entry["sha256"]) == 64
    kinds = sorted(a["type"] for a in entry["attachments"])
    assert kinds == ["pdf", "png"]
    assert all(a["problem"] is None and a["size"] > 0 for a in entry["attachments"])


def test_sarif_lists_the_artifacts_with_their_digests(cli: Cli) -> None:
    done = cli("audit", VILLAGE, "--as-of", AS_OF_TEXT, "-f", "sarif")
    run = json.loads(done.output)["runs"][0]  # type: ignore[attr-defined]
    assert len(run["tool"]["driver"]["properties"]["packSha256"]) == 64
    roles = [a["roles"] for a in run["artifacts"]]
    assert roles == [["analysisTarget"], ["attachment"], ["attachment"]]
    assert all(len(a["hashes"]["sha-256"]) == 64 for a in run["artifacts"])


def test_verify_same_changed_and_unusable(cli: Cli, tmp_path: Path) -> None:
    folder, result = _audited(cli, tmp_path)
    same = cli("verify", result)
    assert same.exit_code == 0 and "全部 3 个文件与审核时相同" in same.output  # type: ignore[attr-defined]
    photo = next((folder / "attachments").glob("flowchart-liuxi*"))
    photo.write_bytes(photo.read_bytes() + b"x")
    (folder / VILLAGE.name).unlink()
    changed = cli("verify", result, "--lang", "en")
    text = changed.output  # type: ignore[attr-defined]
    assert changed.exit_code == 1  # type: ignore[attr-defined]
    assert f"changed: attachment {photo}" in text and f"missing: site file {folder}" in text
    only = cli("verify", result, folder / "attachments" / "duty-plan-liuxi-2026-11-30.pdf")
    assert only.exit_code == 0, only.output  # type: ignore[attr-defined]
    assert cli("verify", result, tmp_path / "elsewhere").exit_code == 2  # type: ignore[attr-defined]
    (tmp_path / "bad.json").write_text('{"format": "other"}', encoding="utf-8")
    assert cli("verify", tmp_path / "bad.json").exit_code == 2  # type: ignore[attr-defined]


def test_pack_digest_follows_every_file(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(ROOT / "rules", pack)
    before = pack_digest(pack)
    settings = pack / "pack.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert pack_digest(pack) != before


def test_every_example_attachment_is_usable(cli: Cli, tmp_path: Path) -> None:
    files = []
    for folder in (EXAMPLES, EXAMPLES / "zone", EXAMPLES / "rounds"):
        result = tmp_path / f"{folder.name}.json"
        sites = [p for p in folder.glob("*.yaml") if "waivers" not in p.name]
        cli("audit", *sites, "--as-of", AS_OF_TEXT, "-f", "json", "-o", result)
        files += json.loads(result.read_text(encoding="utf-8"))["files"]
    attachments = [a for f in files for a in f["attachments"]]
    assert len(attachments) >= 20
    assert [a for a in attachments if a["problem"]] == []
