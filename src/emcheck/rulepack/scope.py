"""What a check sees: the data under test, where it stands, and the audit's context."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from emcheck.attachments.collect import Attachment
from emcheck.loading.document import JsonPath
from emcheck.rulepack.evidence import Evidence
from emcheck.rulepack.paths import resolve


@dataclass(frozen=True)
class AuditContext:
    """Facts shared by every check on one subject."""

    as_of: date
    """The audit date: windows and deadlines are measured from it."""
    variables: Mapping[str, Any]
    """Pack settings plus ``pilot_year`` and ``audit_year``, referenced as ``$name``."""
    absent_hazards: frozenset[str]
    """Hazards the subject declares absent, each with a real reason."""
    unexcused_hazards: frozenset[str]
    """Hazards declared absent whose reason is blank or a placeholder: they excuse nothing."""
    evidence: Evidence
    """What counts as a real value under this pack (its ``placeholders``)."""
    rule_status: Mapping[str, str]
    """Status of rules already evaluated on this subject, for the ``rules`` operator."""
    attachments: Mapping[JsonPath, Attachment] = field(default_factory=dict)
    """The file's attachments, checked once before any rule, by the path of their reference."""


class Scope(NamedTuple):
    """The value a check looks at: the subject itself, or one element inside ``each``.

    A named tuple, not a frozen dataclass: one is made per list element per rule, tens of
    thousands per file, and a tuple is several times cheaper to build.
    """

    data: Any
    path: JsonPath
    root: Any
    root_path: JsonPath
    context: AuditContext

    def get(self, path: str) -> tuple[Any, JsonPath]:
        return resolve(self.data, path, self.path, self.root, self.root_path)

    def value(self, literal: Any) -> Any:
        """A literal from a rule, with ``$setting`` references replaced."""
        if isinstance(literal, str) and literal.startswith("$"):
            return self.context.variables[literal[1:]]
        return literal

    def element(self, data: Any, path: JsonPath) -> Scope:
        return Scope(data, path, self.root, self.root_path, self.context)
