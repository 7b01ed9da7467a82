"""What kind of emcheck workbook a file is, told cheaply: folder discovery reads it for every
.xlsx it meets, so only ``docProps/custom.xml`` is read, bounded in size, without a DOCTYPE."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.parsers import expat


def workbook_mark(path: Path, limit: int = 1 << 20) -> str | None:
    """The ``emcheck-format`` property of an emcheck workbook (site, ledger, progress …), or
    None: what folder discovery goes by. Reads only docProps/custom.xml, bounded in size."""
    found: list[str] = []
    try:
        with zipfile.ZipFile(path) as package:
            info = package.getinfo("docProps/custom.xml")
            if info.file_size > limit:
                return None
            text = package.read(info)
    except (KeyError, OSError, zipfile.BadZipFile, ValueError):
        return None
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    state = {"inside": False}

    def start(name: str, attributes: dict[str, str]) -> None:
        if name.rpartition(":")[2] == "property":
            state["inside"] = attributes.get("name") == "emcheck-format"

    def text_of(data: str) -> None:
        if state["inside"]:
            found.append(data)

    def doctype(*_: object) -> None:
        raise ValueError("DOCTYPE")

    parser.StartElementHandler, parser.CharacterDataHandler = start, text_of
    parser.StartDoctypeDeclHandler = doctype
    try:
        parser.Parse(text, True)
    except (expat.ExpatError, ValueError):
        return None
    return "".join(found).strip() or None
