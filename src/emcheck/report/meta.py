"""Who inspected whom, when, under which number: the particulars a Word report carries.

They come from a small YAML file (``--meta``, validated against ``meta.schema.yaml``) and
from command-line options, which win over the file. Anything left out stays blank in the
report, for the inspector to fill in by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from emcheck.errors import InputError, Location
from emcheck.i18n import Text
from emcheck.loading.document import Document
from emcheck.validation.config_files import load_validated

MIN_INSPECTORS = 2


@dataclass(frozen=True)
class Inspector:
    """One member of the inspection team; signs the report."""

    name: str
    post: str = ""
    """Job title, e.g. 科长."""
    certificate: str = ""
    """Law-enforcement certificate number (执法证号)."""


@dataclass(frozen=True)
class ReportMeta:
    """The report's particulars; empty strings and None are left blank in the document."""

    issuer: str = ""
    """The inspecting body (发文机关), e.g. 青山区应急管理局."""
    number: str = ""
    """The document number (文号), e.g. 青应急检〔2026〕3号."""
    inspection_date: date | None = None
    """The day of the inspection; rectification periods count from it."""
    review_date: date | None = None
    """The planned re-inspection; by default the day after each deadline."""
    inspectors: tuple[Inspector, ...] = ()
    contact: str = ""
    """Contact person and telephone for questions about the report."""
    responsible: Mapping[str, str] = field(default_factory=dict)
    """Person responsible for rectification, by unit id."""
    responsible_at: Mapping[str, Location] = field(default_factory=dict)
    """Where each ``responsible`` entry was written, for error messages."""


@dataclass(frozen=True)
class MetaOverrides:
    """Particulars given as command-line options; None means "not given"."""

    issuer: str | None = None
    number: str | None = None
    inspection_date: date | None = None
    inspectors: tuple[str, ...] = ()
    contact: str | None = None


def load_meta(path: Path | None, overrides: MetaOverrides = MetaOverrides()) -> ReportMeta:
    """The file's particulars (if any) with the options laid over them."""
    meta = read_meta_file(path) if path is not None else ReportMeta()
    meta = replace(
        meta,
        issuer=_pick(overrides.issuer, meta.issuer),
        number=_pick(overrides.number, meta.number),
        contact=_pick(overrides.contact, meta.contact),
        inspection_date=overrides.inspection_date or meta.inspection_date,
    )
    if overrides.inspectors:
        inspectors = tuple(Inspector(name.strip()) for name in overrides.inspectors)
        _check_inspector_count(inspectors, Location("--inspector"))
        meta = replace(meta, inspectors=inspectors)
    return meta


def read_meta_file(path: Path) -> ReportMeta:
    shape = Text("报告信息（issuer: …、number: …）", "report details (issuer: …, number: …)")
    document = load_validated(path, "meta", InputError, shape)
    return _from_document(document)


def _from_document(document: Document) -> ReportMeta:
    data: Mapping[str, Any] = document.data
    inspectors = tuple(
        Inspector(i["name"], i.get("post", ""), i.get("certificate", ""))
        for i in data.get("inspectors", [])
    )
    if "inspectors" in data:
        _check_inspector_count(inspectors, _location(document, ("inspectors",)))
    responsible = dict(data.get("responsible", {}))
    return ReportMeta(
        issuer=data.get("issuer", ""),
        number=data.get("number", ""),
        inspection_date=_date(data.get("inspection_date")),
        review_date=_date(data.get("review_date")),
        inspectors=inspectors,
        contact=data.get("contact", ""),
        responsible=responsible,
        responsible_at={key: _location(document, ("responsible", key)) for key in responsible},
    )


def check_units(meta: ReportMeta, unit_ids: Iterable[str]) -> None:
    """Every ``responsible`` entry must name a unit of the audited files: no silent typos."""
    known = set(unit_ids)
    for unit, location in meta.responsible_at.items():
        if unit not in known:
            raise InputError(
                location,
                Text(
                    f"responsible 中的单位标识 “{unit}” 不在所检查的站点文件中",
                    f"responsible names unit '{unit}', which no audited site file has",
                ),
            )


def _check_inspector_count(inspectors: tuple[Inspector, ...], location: Location) -> None:
    if len(inspectors) < MIN_INSPECTORS:
        raise InputError(
            location,
            Text(
                f"检查人员应不少于 {MIN_INSPECTORS} 名，实际为 {len(inspectors)} 名",
                f"at least {MIN_INSPECTORS} inspectors are needed, found {len(inspectors)}",
            ),
        )


def _pick(option: str | None, value: str) -> str:
    return option.strip() if option is not None else value


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _location(document: Document, path: tuple[str, ...]) -> Location:
    position = document.position_of(path)
    return Location(document.file, position.line, position.column)
