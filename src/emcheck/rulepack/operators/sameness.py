"""The ``duplicates`` operator: what a unit shows that another unit should not (材料雷同).

A unit cannot be judged alone on this: the operator only marks the unit's material — each
attachment by its SHA-256, each long text by a hash of its normalised wording, each mobile
number with the name it is given under — and :mod:`emcheck.audit.copies` compares the marks
of every unit in the run once they are known. Hashing keeps the comparison linear in the
number of units, where comparing texts pairwise would not be.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from emcheck.attachments.collect import KEY
from emcheck.i18n import Text
from emcheck.loading.document import JsonPath
from emcheck.rulepack.checks import Spec, Value
from emcheck.rulepack.operators.base import MARK, Failure, Run
from emcheck.rulepack.scope import Scope
from emcheck.validation.schema_fields import SUB_SITE_KEYS

Material = Literal["attachments", "texts", "phones"]
EXPECTED = Text("本单位自己的材料", "material of the unit's own")
EXCERPT_CHARS = 24
MOBILE = re.compile(r"(?:86)?(1[3-9]\d{9})")
"""A mainland mobile number: a person's own, unlike an office's landline several staff share."""


@dataclass(frozen=True, kw_only=True)
class DuplicatesSpec(Spec):
    of: Material
    min_chars: Value | None = None
    """For ``texts``: the fewest characters, once whitespace and punctuation are gone, that
    make a text telling (a number or ``$setting``); shorter ones are common wording."""
    excluding: tuple[str, ...] = ()
    """For ``texts``: fields whose wording the standard prescribes, alike in every unit."""


def duplicates(spec: DuplicatesSpec, scope: Scope, label: Text, run: Run) -> list[Failure]:
    if spec.of == "attachments":
        return list(_attachments(scope, label))
    if spec.of == "phones":
        return list(_phones(scope, label))
    least = int(scope.value(spec.min_chars) or 1)
    return list(_texts(scope, label, least, frozenset(spec.excluding)))


def normalised(text: str) -> str:
    """The wording without what copying tends to change: spacing, punctuation, width, case."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(c for c in folded if unicodedata.category(c)[0] in "LN")


def _attachments(scope: Scope, label: Text) -> Iterator[Failure]:
    start = len(scope.path)
    for attachment in scope.context.attachments.values():
        path = attachment.path
        if path[:start] != scope.path or _in_sub_unit(scope, path):
            continue
        digest = attachment.file.sha256
        if attachment.ok and digest and not attachment.overflow:
            shown = Text(attachment.reference, attachment.reference)
            yield Failure(path, label, EXPECTED, shown, kind=MARK, mark=(digest, None))


def _texts(scope: Scope, label: Text, least: int, excluding: frozenset[str]) -> Iterator[Failure]:
    skipped = excluding | {KEY, "phone"}
    for path, text in _nodes(scope.data, scope.path, skipped, top=_is_unit_top(scope)):
        if type(text) is not str:
            continue
        wording = normalised(text)
        if len(wording) < least:
            continue
        digest = hashlib.sha256(wording.encode("utf-8")).hexdigest()
        cut = text.strip()
        excerpt = cut if len(cut) <= EXCERPT_CHARS else cut[:EXCERPT_CHARS] + "…"
        shown = Text(f"“{excerpt}”", f"“{excerpt}”")
        yield Failure(path, label, EXPECTED, shown, kind=MARK, mark=(digest, None))


def _phones(scope: Scope, label: Text) -> Iterator[Failure]:
    for path, holder in _nodes(scope.data, scope.path, frozenset(), top=_is_unit_top(scope)):
        if type(holder) is not dict or holder.get("phone") is None:
            continue
        phone = unicodedata.normalize("NFKC", str(holder["phone"]))
        number = MOBILE.fullmatch(re.sub(r"\D", "", phone))
        name = normalised(str(holder.get("name") or ""))
        if number is None or not name:
            continue
        shown = Text(f"{phone.strip()}（{holder['name']}）", f"{phone.strip()} ({holder['name']})")
        yield Failure((*path, "phone"), label, EXPECTED, shown, kind=MARK, mark=(number[1], name))


def _nodes(
    data: Any, path: JsonPath, skipped: frozenset[str], top: bool
) -> Iterator[tuple[JsonPath, Any]]:
    """Every value of the unit, each before what it holds, in document order, but those under
    ``skipped`` keys and (for a district) its villages' and communities' own material."""
    yield path, data
    if type(data) is dict:
        for key, value in data.items():
            if key not in skipped and not (top and key in SUB_SITE_KEYS):
                yield from _nodes(value, (*path, key), skipped, False)
    elif type(data) is list:
        for index, value in enumerate(data):
            yield from _nodes(value, (*path, index), skipped, False)


def _is_unit_top(scope: Scope) -> bool:
    """Whether the scope is a unit's own data (where a district holds its sub-units)."""
    return scope.data is scope.root


def _in_sub_unit(scope: Scope, path: JsonPath) -> bool:
    return (
        _is_unit_top(scope)
        and len(path) > len(scope.path)
        and (path[len(scope.path)] in SUB_SITE_KEYS)
    )
