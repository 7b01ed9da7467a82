"""What a file really is, by its first bytes (and, for a zip, the names inside it).

Allowed as evidence: JPEG, PNG, PDF, DOCX, XLSX (zip with ``[Content_Types].xml`` and
``word/`` or ``xl/``) and OFD (zip with ``OFD.xml``). Anything else is named as well as we
can (a web page, a program …) so that the clerk sees what went wrong.
"""

from __future__ import annotations

import zipfile
from typing import IO

from emcheck.i18n import Text

ALLOWED = ("jpeg", "png", "pdf", "docx", "xlsx", "ofd")

_MAGIC = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
)
_ENDINGS = {"jpeg": b"\xff\xd9", "png": b"IEND\xaeB`\x82", "pdf": b"%%EOF"}
"""How a complete file of the kind ends (a PDF: somewhere in its last kilobyte)."""
_OTHERS = (
    (b"\x7fELF", Text("Linux 可执行程序", "a Linux executable")),
    (b"MZ", Text("Windows 可执行程序", "a Windows executable")),
    (b"GIF8", Text("GIF 图片", "a GIF image")),
    (
        b"\xd0\xcf\x11\xe0",
        Text("旧版 Office 文档（.doc/.xls）", "an old Office document (.doc/.xls)"),
    ),
    (b"Rar!", Text("RAR 压缩包", "a RAR archive")),
    (b"7z\xbc\xaf", Text("7z 压缩包", "a 7z archive")),
)


def identify(head: bytes, tail: bytes, handle: IO[bytes]) -> tuple[str | None, Text | None]:
    """The allowed kind of a file, or None and what is wrong with it."""
    kind = next((name for magic, name in _MAGIC if head.startswith(magic)), None)
    if kind is None:
        return None, _not_allowed(_describe(head))
    if kind == "zip":
        return _zip_kind(handle)
    ending = _ENDINGS[kind]
    complete = ending in tail if kind == "pdf" else tail.endswith(ending)
    if not complete:
        return kind, Text(
            f"附件不完整（{kind.upper()} 文件结尾缺失，可能上传中断）",
            f"the attachment is cut short (the end of the {kind.upper()} file is missing)",
        )
    return kind, None


def _zip_kind(handle: IO[bytes]) -> tuple[str | None, Text | None]:
    try:
        handle.seek(0)
        names = zipfile.ZipFile(handle).namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None, Text(
            "附件是损坏的压缩文件（DOCX、XLSX、OFD 均为压缩格式）",
            "the attachment is a damaged zip file (DOCX, XLSX and OFD are zip files)",
        )
    office = "[Content_Types].xml" in names
    if office and any(n.startswith("word/") for n in names):
        return "docx", None
    if office and any(n.startswith("xl/") for n in names):
        return "xlsx", None
    if "OFD.xml" in names:
        return "ofd", None
    return None, _not_allowed(Text("普通压缩包", "a plain zip archive"))


def _describe(head: bytes) -> Text:
    for magic, text in _OTHERS:
        if head.startswith(magic):
            return text
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return Text("HTML 网页", "an HTML page")
    if start.startswith(b"<"):
        return Text("XML 或网页文本", "XML or web text")
    if start.startswith(b"#!"):
        return Text("脚本程序", "a script")
    return Text("无法识别的内容", "content of no known kind")


def _not_allowed(found: Text) -> Text:
    return Text(
        f"附件类型不允许：实际内容是{found.zh}；只接受 JPEG、PNG、PDF、DOCX、XLSX、OFD 文件",
        f"attachment type not allowed: the content is {found.en}; "
        "only JPEG, PNG, PDF, DOCX, XLSX and OFD files count",
    )
