"""Tiny, valid, fictional attachment files (PNG and PDF), made byte for byte the same each time.

Used for the examples' ``attachments/`` folders (every one their site files name), the rule
cases and the tests:

    python benchmarks/make_attachments.py examples
"""

from __future__ import annotations

import hashlib
import re
import struct
import sys
import zlib
from pathlib import Path


def png(red: int, green: int, blue: int, size: int = 8) -> bytes:
    """A ``size``×``size`` PNG of one colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes((red, green, blue)) * size
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * size, 9))
        + chunk(b"IEND", b"")
    )


def pdf(title: str) -> bytes:
    """A one-page PDF whose page shows ``title`` (ASCII) in Helvetica."""
    text = title.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def made_for(name: str) -> bytes:
    """The file for an attachment name: a PDF titled with it, else a PNG coloured by it."""
    stem = Path(name).stem
    if name.endswith(".pdf"):
        return pdf(f"{stem} (fictional)")
    red, green, blue = hashlib.sha256(stem.encode("utf-8")).digest()[:3]
    return png(red, green, blue)


def main(root: str) -> None:
    """Every attachment the site files under ``root`` reference, made beside them."""
    for site in sorted(Path(root).rglob("*.yaml")):
        text = site.read_text(encoding="utf-8")
        for reference in re.findall(r"attachments/[\w.-]+", text):
            target = site.parent / reference
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(made_for(target.name))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "examples")
