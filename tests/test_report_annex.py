"""The gap report's annex 附件清单 (a row per attachment, thumbnails of the images, hostile
images refused with a sentence) and the digests every Word report carries in its properties."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import struct
import subprocess
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from PIL import Image

from conftest import AS_OF, AS_OF_TEXT, GAPS, VILLAGE
from emcheck.report.thumbnail import SIDE, thumbnail
from emcheck.rulepack.model import RulePack
from ooxml_support import HAVE_SCHEMAS, SCHEMAS, assert_parts_validate, wml_schema
from report_support import cells, open_docx, render, tables_with_header

Cli = Callable[..., Any]
HEADER = ("序号", "单位", "材料", "文件名", "大小", "SHA-256", "缩略图/说明")
HEAD = "schema_version: 1\nlevel: village\nid: liuxi\nname: 柳溪村\npilot_year: 2026\n"


def _annex_rows(data: bytes) -> list[list[str]]:
    [table] = tables_with_header(open_docx(data), HEADER)
    return cells(table)[1:]


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def bomb_png() -> bytes:
    """A complete, small PNG whose header claims 50,000 × 50,000 pixels (7.5 GB decoded)."""
    header = struct.pack(">IIBBBBB", 50_000, 50_000, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 150_001 * 4, 9)  # a few rows: the rest never comes
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", pixels)
        + _chunk(b"IEND", b"")
    )


def jpeg(width: int = 640, height: int = 480) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 60, 40)).save(out, "JPEG")
    return out.getvalue()


def _site_with(folder: Path, files: dict[str, bytes]) -> Path:
    for name, content in files.items():
        (folder / name).write_bytes(content)
    listed = ", ".join(json.dumps(name) for name in files)
    site = folder / "liuxi.yaml"
    site.write_text(
        HEAD
        + f"flowchart:\n  posted_on_wall: true\n  location: 村委会\n  attachments: [{listed}]\n",
        encoding="utf-8",
    )
    return site


class TestAnnexTable:
    def test_one_row_per_attachment_of_the_audit_json(self, cli: Cli, pack: RulePack) -> None:
        result = cli("audit", GAPS, "--as-of", AS_OF_TEXT, "--format", "json")
        [entry] = json.loads(result.output)["files"]
        listed = entry["attachments"]
        assert listed, "the gap example lists attachments"
        _, data = render(GAPS, pack, AS_OF, "gap")
        rows = _annex_rows(data)
        assert len(rows) == len(listed)
        for number, (row, item) in enumerate(zip(rows, listed, strict=True), 1):
            assert row[0] == str(number)
            assert row[3] == item["reference"]
            assert row[4] == f"{item['size']} B"
            assert row[5] == item["sha256"][:8] + "…"
            assert row[6].startswith("PNG 图片")
        assert [r[1] for r in rows] == ["杨柳村", "红桥社区"]
        assert {r[2] for r in rows} == {"应急工作机制流程图"}

    def test_full_digests_and_basis_below_the_table(self, pack: RulePack) -> None:
        audit, data = render(GAPS, pack, AS_OF, "gap")
        text = "\n".join(p.text for p in open_docx(data).paragraphs)
        for attachment in audit.attachments:
            assert f". {attachment.file.sha256}" in text
        assert f"依据：站点文件 {GAPS.name}（SHA-256 {audit.sha256}）" in text
        assert f"规则包 {pack.version}（SHA-256 {pack.sha256}）" in text
        assert "附件：附件清单" in text

    def test_material_names_the_item_the_attachment_is_evidence_for(self, pack: RulePack) -> None:
        _, data = render(VILLAGE, pack, AS_OF, "gap")
        materials = [row[2] for row in _annex_rows(data)]
        assert materials == ["应急工作机制流程图", "周值班计划（第2条）"]

    def test_the_notice_has_no_annex(self, pack: RulePack) -> None:
        _, data = render(GAPS, pack, AS_OF, "notice")
        assert not tables_with_header(open_docx(data), HEADER)


class TestThumbnails:
    def test_each_image_gets_a_thumbnail_in_its_row(self, pack: RulePack) -> None:
        audit, data = render(GAPS, pack, AS_OF, "gap")
        [table] = tables_with_header(open_docx(data), HEADER)
        images = [a for a in audit.attachments if a.file.kind == "png"]
        pictures = [row.cells[6]._tc.xml.count("<pic:pic") for row in table.rows[1:]]
        assert pictures == [1] * len(images)

    @pytest.mark.skipif(not HAVE_SCHEMAS, reason="../shared/schemas/ooxml is not beside this")
    def test_report_with_thumbnails_is_valid_wordprocessingml(
        self, pack: RulePack, tmp_path: Path
    ) -> None:
        site = _site_with(tmp_path, {"photo.jpg": jpeg(), "bomb.png": bomb_png()})
        _, data = render(site, pack, AS_OF, "gap")
        assert_parts_validate(data, wml_schema())
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            media = [n for n in package.namelist() if n.startswith("word/media/")]
        assert len(media) == 1  # the photo; the bomb has none

    def test_thumbnail_is_small_whatever_the_photo(self) -> None:
        made = thumbnail(jpeg(4000, 3000), 64_000_000)
        assert made.png is not None and made.problem is None
        with Image.open(io.BytesIO(made.png)) as image:
            assert max(image.size) <= SIDE


class TestHostileImages:
    def test_decompression_bomb_is_named_in_its_row(self, cli: Cli, tmp_path: Path) -> None:
        site = _site_with(tmp_path, {"bomb.png": bomb_png()})
        out = tmp_path / "gap.docx"
        result = cli("report", site, "-o", out, "--as-of", AS_OF_TEXT)
        assert result.exit_code in (0, 1) and "Traceback" not in result.output
        [row] = _annex_rows(out.read_bytes())
        assert row[6] == "图片无法生成缩略图（图片像素过多（超过 64 百万像素的上限），未解码）"

    def test_bomb_refused_before_decoding(self) -> None:
        made = thumbnail(bomb_png(), 64_000_000)
        assert made.png is None and made.problem is not None
        assert "百万像素" in made.problem.zh

    @pytest.mark.parametrize(
        ("cut", "words"),
        [
            (
                lambda data: data[: len(data) // 2],
                "图片无法生成缩略图（附件不完整（JPEG 文件结尾缺失",
            ),
            (lambda data: data[:300] + b"\xff\xd9", "图片无法生成缩略图（图片数据损坏或不完整"),
        ],
        ids=["cut-short", "damaged-with-end-marker"],
    )
    def test_truncated_jpeg_is_named_in_its_row(
        self, pack: RulePack, tmp_path: Path, cut: Callable[[bytes], bytes], words: str
    ) -> None:
        site = _site_with(tmp_path, {"photo.jpg": cut(jpeg())})
        _, data = render(site, pack, AS_OF, "gap")
        [row] = _annex_rows(data)
        assert row[6].startswith(words), row[6]
        assert "<pic:pic" not in open_docx(data).tables[-1]._tbl.xml

    def test_an_image_changed_since_the_audit_is_not_shown(
        self, pack: RulePack, tmp_path: Path
    ) -> None:
        from emcheck.audit.engine import audit_file
        from emcheck.report.content import ReportSpec
        from emcheck.report.document import render_report
        from emcheck.report.meta import ReportMeta
        from emcheck.report.wording import wording

        site = _site_with(tmp_path, {"photo.jpg": jpeg()})
        audit = audit_file(site, pack, AS_OF)
        (tmp_path / "photo.jpg").write_bytes(jpeg(64, 64))
        spec = ReportSpec("gap", ReportMeta(), wording("zh"))
        [row] = _annex_rows(render_report(audit, pack, AS_OF, spec, "docx"))
        assert row[6] == "图片无法生成缩略图（文件在审核后已改变，未使用）"


class TestProperties:
    @pytest.mark.parametrize("kind", ["gap", "notice"])
    def test_word_properties_carry_the_digests(self, pack: RulePack, kind: str) -> None:
        audit, data = render(GAPS, pack, AS_OF, kind)  # type: ignore[arg-type]
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            custom = etree.fromstring(package.read("docProps/custom.xml"))
            types = package.read("[Content_Types].xml").decode()
        values = {p.get("name"): p[0].text for p in custom}
        site_digest = hashlib.sha256(GAPS.read_bytes()).hexdigest()
        assert values["emcheck-site-sha256"] == site_digest
        assert values["emcheck-pack"] == f"{pack.id} {pack.version}"
        assert values["emcheck-pack-sha256"] == pack.sha256
        # sha256sum's lines: `sha256sum -c` checks them from where the run started.
        lines = [f"{site_digest}  {audit.file}"]
        lines += [f"{a.file.sha256}  {a.file.shown}" for a in audit.attachments]
        assert values["emcheck-files-sha256"] == "\n".join(lines)
        assert "custom-properties+xml" in types
        assert f"rule pack {pack.id} {pack.version}" in open_docx(data).core_properties.comments

    def test_a_long_path_is_shortened_in_the_comments(self, pack: RulePack, tmp_path: Path) -> None:
        folder = tmp_path.joinpath(*["很长的文件夹名" * 4] * 6)
        folder.mkdir(parents=True)
        site = _site_with(folder, {"photo.jpg": jpeg()})
        _, data = render(site, pack, AS_OF, "gap")
        comments = open_docx(data).core_properties.comments
        assert len(comments) == 255 and comments.endswith("…")

    @pytest.mark.skipif(not HAVE_SCHEMAS, reason="../shared/schemas/ooxml is not beside this")
    def test_custom_properties_part_is_valid(self, pack: RulePack) -> None:
        _, data = render(GAPS, pack, AS_OF, "gap")
        schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "shared-documentPropertiesCustom.xsd")))
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            part = etree.fromstring(package.read("docProps/custom.xml"))
        assert schema.validate(part), schema.error_log.last_error


@pytest.mark.skipif(
    shutil.which("soffice") is None and os.environ.get("CI") != "true",
    reason="LibreOffice is not installed (.ci/run installs it; in CI this test never skips)",
)
def test_libreoffice_shows_the_thumbnails(pack: RulePack, tmp_path: Path) -> None:
    site = _site_with(tmp_path, {"photo.jpg": jpeg(), "bomb.png": bomb_png()})
    _, data = render(site, pack, AS_OF, "gap")
    report = tmp_path / "gap.docx"
    report.write_bytes(data)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(report)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    pdf = tmp_path / "gap.pdf"
    assert pdf.is_file()
    if shutil.which("pdfimages"):
        listed = subprocess.run(
            ["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True
        ).stdout.splitlines()[2:]
        assert len(listed) == 1  # the photo's thumbnail
