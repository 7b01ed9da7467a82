"""A rule's check as the audit runs it: typed and frozen, built once when the pack loads.

Each operator declares its spec as a frozen dataclass beside its code (``CountSpec`` next to
``count``), its fields named like the keys its rule-schema entry allows. The rule file has
been validated by then, so building a spec only makes lists tuples and nested checks
:class:`Check` values; operators read attributes, never keys of the YAML mapping.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from emcheck.i18n import Text

Value = int | float | str
"""A number, or a ``$setting`` that names one."""
Key = str | tuple[str, ...]
"""The field, or fields, that tell two entries apart (``name``, ``(title, start)``)."""
Where = Mapping[str, Any]
"""A ``where:`` condition as written; :mod:`emcheck.rulepack.matchers` reads it."""

BuildCheck = Callable[[Mapping[str, Any]], "Check"]
S = TypeVar("S", bound="Spec")


@dataclass(frozen=True, kw_only=True)
class Spec:
    """What every operator's spec shares: how it is built, and the checks nested in it."""

    @classmethod
    def build(cls: type[S], raw: Any, check: BuildCheck) -> S:
        """The spec from its validated mapping in the rule file, lists made tuples."""
        return cls(**{key: tuple(v) if isinstance(v, list) else v for key, v in raw.items()})

    def checks(self) -> tuple[Check, ...]:
        """Checks run inside this one (``all``, ``any``, ``each``)."""
        return ()


@dataclass(frozen=True, kw_only=True)
class Bounded(Spec):
    """A spec whose result must lie within ``min``–``max`` (either may be left out)."""

    min: Value | None = None
    max: Value | None = None


@dataclass(frozen=True)
class Check:
    """One check of a rule (or a part of one): its operator, typed spec, label and severity."""

    operator: str
    """The operator's name in :data:`emcheck.rulepack.operators.OPERATORS` (``count``)."""
    spec: Spec
    """The operator's spec, of the type the registry declares for it."""
    caption: Text
    """What findings call the check: its ``label``, else the name of the field at ``path``."""
    label: Text | None = None
    """The ``label`` the rule file gives, if any."""
    severity: str | None = None
    """The ``severity`` the rule file gives this part of the check, if any."""

    def walk(self) -> Iterator[Check]:
        """This check and every check nested in it, depth first."""
        yield self
        for child in self.spec.checks():
            yield from child.walk()
