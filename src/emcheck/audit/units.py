"""The units of a site file: the file's own unit and each village or community in it, and
what the schema cannot check about them (ids unique in the file, hazards not both present and
absent)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from emcheck import resources
from emcheck.audit.outcomes import Subject
from emcheck.errors import InputError, Location
from emcheck.i18n import Text
from emcheck.loading.discovery import WORKBOOK_SUFFIXES
from emcheck.loading.document import Document, JsonPath
from emcheck.loading.loader import load_file
from emcheck.validation.schema_fields import SUB_SITE_KEYS
from emcheck.validation.validator import SchemaProblem, validate_document


def read_site(path: Path) -> Document:
    """Load a site file (YAML, or a site workbook) and make sure it is a mapping at all before
    schema validation."""
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        from emcheck.sitebook.reading import read_site_workbook  # openpyxl only when needed

        return read_site_workbook(path)
    document = load_file(path)
    if document.empty:
        raise InputError(
            Location(document.file, 1, 1),
            Text("文件为空：没有任何站点内容", "the file is empty: no site in it"),
        )
    if not isinstance(document.data, dict):
        kind = (
            Text("列表", "a list")
            if isinstance(document.data, list)
            else Text("单个值", "a single value")
        )
        raise InputError(
            Location(document.file, 1, 1),
            Text(
                f"文件顶层应为键值映射（level: …、name: …），实际是{kind.zh}",
                f"the top level must be a mapping (level: …, name: …), found {kind.en}",
            ),
        )
    return document


def subjects_of(document: Document) -> Iterator[Subject]:
    data = document.data
    top = Subject(
        data["id"],
        data["name"],
        data["level"],
        document.file,
        (),
        data.get("parent") or None,
        int(data.get("pilot_year", 0)),
        data.get("zone") or None,
    )
    yield top
    for key, level in SUB_SITE_KEYS.items():
        for index, item in enumerate(data.get(key, [])):
            yield Subject(
                item["id"],
                item["name"],
                level,
                document.file,
                (key, index),
                top.id,
                int(item.get("pilot_year", top.pilot_year)),
                item.get("zone") or top.zone,
            )


def site_problems(document: Document) -> list[SchemaProblem]:
    """Schema problems, or when there are none, what the schema cannot express."""
    # Consistency needs a well-formed document (ids, pilot years), so it waits for the schema.
    return validate_document(document, resources.validator("site")) or consistency_problems(
        document
    )


def consistency_problems(document: Document) -> list[SchemaProblem]:
    """What the schema cannot say: unit ids unique in the file, no hazard both present and absent."""
    seen: set[str] = set()
    problems = []
    for subject in subjects_of(document):
        if subject.id in seen:
            problems.append(
                _problem(
                    document,
                    (*subject.path, "id"),
                    Text(f"单位标识 “{subject.id}” 重复", f"duplicate unit id '{subject.id}'"),
                )
            )
        seen.add(subject.id)
        data = data_at(document.data, subject.path)
        present = set(data.get("hazards_present", []))
        for index, absent in enumerate(data.get("hazards_absent", [])):
            if absent["hazard"] in present:
                hazard = absent["hazard"]
                problems.append(
                    _problem(
                        document,
                        (*subject.path, "hazards_absent", index, "hazard"),
                        Text(
                            f"灾害类型 “{hazard}” 同时列为存在和不存在",
                            f"hazard '{hazard}' is listed as both present and absent",
                        ),
                    )
                )
    return problems


def _problem(document: Document, path: JsonPath, message: Text) -> SchemaProblem:
    return SchemaProblem(locate(document, path), path, message)


def data_at(data: Any, path: JsonPath) -> Any:
    for part in path:
        data = data[part]
    return data


def locate(document: Document, path: JsonPath) -> Location:
    return document.location_of(path)
