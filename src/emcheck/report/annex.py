"""The gap report's annex 附件清单: every attachment the site file names, what it is evidence
for, its size and SHA-256, a thumbnail of each image, and the digests the report rests on.

Only the gap report has it: it is the inspectors' record of what they examined. The notice
is an instruction to the unit about its problems; it carries the same digests in its
document properties, as every report does (see :mod:`emcheck.report.tied`).
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Sequence

from emcheck.attachments.collect import Attachment
from emcheck.audit.outcomes import FileAudit, Subject
from emcheck.i18n import Lang, Text
from emcheck.report.blocks import Orientation, Picture, Table, Title
from emcheck.report.composer import Composer
from emcheck.report.thumbnail import Thumbnail, max_pixels, thumbnail
from emcheck.rulepack.model import RulePack
from emcheck.validation.fieldnames import field_label
from emcheck.validation.schema_fields import SUB_SITE_KEYS

IMAGES = ("jpeg", "png")
SHORT_HASH = 8
"""Hex digits of a SHA-256 in the table; the full value is in the notes below it."""
THUMBNAIL_WIDTH = 0.9
"""Of the thumbnail column (4.2 cm of the text width): pictures at most about 4 cm wide."""
_WIDTHS = (10, 18, 26, 30, 14, 22, 42)


def add_annex(out: Composer, audit: FileAudit, pack: RulePack, pictures: bool) -> None:
    """The annex on a page of its own; ``pictures``: thumbnails of the images (Word only)."""
    listed = [a for a in audit.attachments if not a.overflow]
    out.add(Orientation(landscape=False))
    out.say("annex_label", "label")
    out.add(Title(out.text("annex_title")))
    failed = sum(1 for a in listed if not a.ok)
    number = out.next_table() if listed else None
    out.say("annex_intro", count=len(listed), failed=failed, table=number)
    if number is not None:
        out.say("caption_annex", "caption", table=number)
        rows, cells = _rows(out, audit, listed, pack, pictures)
        header = tuple(out.lines("annex_table_header"))
        out.add(Table("annex", header, tuple(rows), _WIDTHS, (0, 4, 6), tuple(cells)))
        hashes = [(str(i), a.file.sha256) for i, a in enumerate(listed, 1) if a.file.sha256]
        if hashes:
            out.say("annex_hashes", "small", hashes=hashes)
    out.say("annex_basis", "small", site_sha256=audit.sha256 or "", pack_sha256=pack.sha256)


def _rows(
    out: Composer,
    audit: FileAudit,
    listed: Sequence[Attachment],
    pack: RulePack,
    pictures: bool,
) -> tuple[list[tuple[str, ...]], list[tuple[int, int, Picture]]]:
    lang = out.words.lang
    limit = max_pixels(pack.settings)
    rows: list[tuple[str, ...]] = []
    cells: list[tuple[int, int, Picture]] = []
    for index, attachment in enumerate(listed):
        found = attachment.file
        made = _thumbnail(attachment, limit) if pictures and _is_image(attachment) else None
        note = out.text(
            "annex_note",
            kind=found.kind or "",
            problem=_get(found.problem, lang),
            thumbnail_problem=_get(made.problem if made else None, lang),
        )
        rows.append(
            (
                str(index + 1),
                _unit_of(attachment, audit.subjects).name,
                material(attachment).get(lang),
                attachment.reference,
                size_text(found.size),
                f"{found.sha256[:SHORT_HASH]}…" if found.sha256 else "—",
                note,
            )
        )
        if made is not None and made.png is not None:
            cells.append((index, len(_WIDTHS) - 1, Picture(made.png, THUMBNAIL_WIDTH)))
    return rows, cells


def material(attachment: Attachment) -> Text:
    """What the attachment is evidence for, from where it is listed: 周值班计划（第2条）."""
    # The path ends in ("attachments", n): the attachment's own place in its list.
    keys = list(attachment.path[:-2])
    keys = keys[2:] if keys and keys[0] in SUB_SITE_KEYS else keys
    named = [str(k) for k in keys if isinstance(k, str)]
    if not named:
        return Text("佐证材料", "evidence")
    label = field_label(".".join(named))
    place = next((k for k in reversed(keys) if isinstance(k, int)), None)
    if place is None:
        return label
    return Text(f"{label.zh}（第{place + 1}条）", f"{label.en} (item {place + 1})")


def size_text(size: int | None) -> str:
    if size is None:
        return "—"
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1048576:.1f} MB"


def _unit_of(attachment: Attachment, subjects: Sequence[Subject]) -> Subject:
    """The unit whose part of the file lists the attachment (the file's own unit otherwise)."""
    path = attachment.path
    inside = [s for s in subjects if s.path and path[: len(s.path)] == s.path]
    return inside[0] if inside else subjects[0]


def _is_image(attachment: Attachment) -> bool:
    return attachment.file.kind in IMAGES


def _thumbnail(attachment: Attachment, limit: int) -> Thumbnail:
    found = attachment.file
    if found.problem is not None or found.sha256 is None or found.size is None:
        return Thumbnail(None, found.problem)
    data = _read_judged(found.shown, found.size, found.sha256)
    if data is None:
        return Thumbnail(
            None,
            Text("文件在审核后已改变，未使用", "the file changed after it was judged; not used"),
        )
    return thumbnail(data, limit)


def _read_judged(path: str, size: int, sha256: str) -> bytes | None:
    """The file's bytes if they are still those judged (same size and SHA-256), else None."""
    try:
        # O_NONBLOCK: a file swapped for a pipe since the audit must not hang the report.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            data = handle.read(size + 1)
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == sha256 else None


def _get(text: Text | None, lang: Lang) -> str:
    return "" if text is None else text.get(lang)
