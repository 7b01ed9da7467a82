"""Turn a site file's bytes into text: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030."""

from __future__ import annotations

import codecs

from emcheck.errors import InputError, Location
from emcheck.i18n import Text

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CTRL_Z = "\x1a"
"""The DOS end-of-file mark that some old editors still append to a file."""


def decode(raw: bytes, file: str) -> tuple[str, str]:
    """Return the text and the name of the encoding it was read with.

    Windows editors (Notepad, WPS) still save GBK; GB18030 is its superset, so it is the
    fallback when the bytes are not UTF-8. A trailing Ctrl-Z (the DOS end-of-file mark)
    is dropped: it is invisible in every editor and no part of the content.
    """
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return _strict(raw, codec, file).rstrip(_CTRL_Z), codec
    if b"\x00" in raw:
        raise _nul_error(raw, file)
    try:
        return raw.decode("utf-8").rstrip(_CTRL_Z), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return raw.decode("gb18030").rstrip(_CTRL_Z), "gb18030"
        except UnicodeDecodeError:
            line = raw[: utf8_error.start].count(b"\n") + 1
            column = utf8_error.start - (raw.rfind(b"\n", 0, utf8_error.start) + 1) + 1
            raise InputError(
                Location(file, line, column),
                Text(
                    f"无法识别文件编码：第 {utf8_error.start} 字节起既不是 UTF-8 也不是 GBK/GB18030，"
                    "请另存为 UTF-8",
                    f"unknown encoding: byte {utf8_error.start} on is neither UTF-8 nor "
                    "GBK/GB18030; save the file as UTF-8",
                ),
            ) from None


def _nul_error(raw: bytes, file: str) -> InputError:
    """NUL bytes: UTF-16/32 saved without a BOM, or not a text file at all."""
    wide = _wide_encoding(raw[:4096])
    if wide is not None:
        return InputError(
            Location(file),
            Text(
                f"文件似乎是不带 BOM 的 {wide} 编码，无法可靠识别；请在编辑器中另存为 UTF-8",
                f"the file looks like {wide} without a byte-order mark, which cannot be read "
                "reliably; save it as UTF-8",
            ),
        )
    line = raw[: raw.index(b"\x00")].count(b"\n") + 1
    return InputError(
        Location(file, line),
        Text(
            "文件含有空字节（NUL），不是文本文件，请用 UTF-8 编码保存 YAML 文件",
            "the file contains a NUL byte: it is not a text file; save it as UTF-8 YAML",
        ),
    )


def _wide_encoding(sample: bytes) -> str | None:
    """UTF-32 or UTF-16 by where the NULs fall: the high bytes of ASCII and most Chinese."""
    units = [sample[i : i + 4] for i in range(0, len(sample) - 3, 4)]
    if units and (
        sum(u[2:] == b"\x00\x00" for u in units) >= 0.9 * len(units)
        or sum(u[:2] == b"\x00\x00" for u in units) >= 0.9 * len(units)
    ):
        return "UTF-32"
    pairs = len(sample) // 2
    even = sample[0 : 2 * pairs : 2].count(0)
    odd = sample[1 : 2 * pairs : 2].count(0)
    if pairs and (even == 0 or odd == 0) and even + odd >= 0.2 * pairs:
        return "UTF-16"
    return None


def _strict(raw: bytes, codec: str, file: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as error:
        raise InputError(
            Location(file),
            Text(
                f"文件声明为 {codec} 编码，但第 {error.start} 字节无法解码",
                f"the file is marked {codec} but byte {error.start} does not decode",
            ),
        ) from None
