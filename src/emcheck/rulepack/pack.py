"""Load a rule pack folder: ``pack.yaml`` (settings, deadlines, sections) and one YAML file per rule.

Everything is checked at load time, so a broken pack stops the run (exit 3) with file:line
instead of silently passing a site: the rule and pack JSON Schemas, unknown operators,
paths the site schema does not have, unknown ``$settings``, unknown rule references and
cycles, and template syntax.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from emcheck.errors import Location, RulePackError
from emcheck.i18n import Text
from emcheck.loading.document import Document, JsonPath
from emcheck.rulepack.checks import Check
from emcheck.rulepack.lint import CheckLinter
from emcheck.rulepack.model import BUILTIN_VARIABLES, Case, Deadline, Rule, RulePack, Section
from emcheck.rulepack.operators import build_check
from emcheck.rulepack.operators.combinators import RulesSpec
from emcheck.rulepack.templating import BilingualTemplate
from emcheck.validation.config_files import load_validated


def load_pack(directory: Path) -> RulePack:
    document = _load_valid(_pack_file(directory), "pack")
    data = document.data
    deadlines = _deadlines(data["deadlines"])
    sections = _sections(document, deadlines)
    rule_files = _rule_files(directory)
    settings = dict(data["settings"])
    variables = set(settings) | set(BUILTIN_VARIABLES)
    rules = _load_rules(rule_files, {s.id: s for s in sections}, deadlines, variables)
    return RulePack(
        id=data["id"],
        version=str(data["version"]),
        title=_text(data["title"]),
        standard=_text(data["standard"]),
        directory=directory,
        settings=settings,
        deadlines=deadlines,
        sections=sections,
        rules=tuple(_dependency_order(rules)),
        sha256=pack_digest(directory),
    )


def pack_digest(directory: Path) -> str:
    """Every file of the pack by relative name and content: a changed threshold, rule or case
    fixture gives another digest."""
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        name = path.relative_to(directory).as_posix()
        digest.update(f"{name}\0{hashlib.sha256(path.read_bytes()).hexdigest()}\n".encode())
    return digest.hexdigest()


def _pack_file(directory: Path) -> Path:
    pack_file = directory / "pack.yaml"
    if not pack_file.is_file():
        raise RulePackError(
            Location(str(directory)),
            Text("不是规则包：缺少 pack.yaml", "not a rule pack: pack.yaml is missing"),
        )
    return pack_file


def _deadlines(specs: Mapping[str, Any]) -> dict[str, Deadline]:
    return {
        name: Deadline(
            name, spec["month"], spec["day"], _text(spec["label"]) if "label" in spec else None
        )
        for name, spec in specs.items()
    }


def _sections(document: Document, deadlines: Mapping[str, Deadline]) -> tuple[Section, ...]:
    sections = tuple(
        Section(s["id"], s["clause"], _text(s["title"]), s.get("deadline"))
        for s in document.data["sections"]
    )
    for index, section in enumerate(sections):
        if section.deadline is not None and section.deadline not in deadlines:
            raise _error(
                document,
                ("sections", index, "deadline"),
                f"未定义的完成时限 “{section.deadline}”",
                f"unknown deadline '{section.deadline}'",
            )
    return sections


def _rule_files(directory: Path) -> list[Path]:
    rule_files = sorted(
        p
        for p in directory.rglob("*.y*ml")
        if p.name != "pack.yaml" and p.suffix in (".yaml", ".yml")
    )
    if not rule_files:
        raise RulePackError(
            Location(str(directory)),
            Text("规则包中没有规则文件", "the rule pack holds no rule files"),
        )
    return rule_files


def _load_rules(
    rule_files: list[Path],
    sections: Mapping[str, Section],
    deadlines: Mapping[str, Deadline],
    variables: set[str],
) -> list[Rule]:
    documents = [_load_valid(path, "rule") for path in rule_files]
    known_ids = _unique_ids(documents)
    return [_build_rule(doc, sections, deadlines, variables, known_ids) for doc in documents]


def _load_valid(path: Path, schema_name: str) -> Document:
    shape = Text("规则文件（id: …、check: …）", "a rule file (id: …, check: …)")
    if schema_name == "pack":
        shape = Text(
            "规则包设置（settings: …、sections: …）", "pack settings (settings: …, sections: …)"
        )
    return load_validated(path, schema_name, RulePackError, shape)


def _unique_ids(documents: list[Document]) -> set[str]:
    seen: dict[str, str] = {}
    for document in documents:
        rule_id = document.data["id"]
        if rule_id in seen:
            raise _error(
                document,
                ("id",),
                f"规则编号 {rule_id} 重复（已见于 {seen[rule_id]}）",
                f"duplicate rule id {rule_id} (also in {seen[rule_id]})",
            )
        seen[rule_id] = document.file
    return set(seen)


def _build_rule(
    document: Document,
    sections: Mapping[str, Section],
    deadlines: Mapping[str, Deadline],
    variables: set[str],
    known_ids: set[str],
) -> Rule:
    data = document.data
    if data["section"] not in sections:
        raise _error(
            document,
            ("section",),
            f"未知章节 “{data['section']}”",
            f"unknown section '{data['section']}'",
        )
    deadline = data["deadline"] if "deadline" in data else sections[data["section"]].deadline
    if deadline is not None and deadline not in deadlines:
        raise _error(
            document,
            ("deadline",),
            f"未定义的完成时限 “{deadline}”",
            f"unknown deadline '{deadline}'",
        )
    levels = frozenset(data["levels"])
    when_present = tuple(data.get("when_present", ()))
    _lint(document, CheckLinter(levels, variables, known_ids - {data["id"]}))
    return Rule(
        id=data["id"],
        name=data["name"],
        section=data["section"],
        title=_text(data["title"]),
        clause=data["clause"],
        quote=data["quote"],
        severity=data["severity"],
        levels=levels,
        deadline=deadline,
        check=build_check(data["check"]),
        message=_templates(document, "message") if "message" in data else None,
        advice=_templates(document, "advice"),
        record=_templates(document, "record") if "record" in data else None,
        cases=tuple(_cases(document)),
        source=_location(document, ("id",)),
        when_present=when_present,
    )


def _lint(document: Document, linter: CheckLinter) -> None:
    """The first problem of the rule's check or ``when_present``, as a load error."""
    data = document.data
    for path, problem in linter.lint(data["check"], ("check",)):
        raise _error(document, path, problem.zh, problem.en)
    for path, problem in linter.lint_reachable(list(data.get("when_present", ()))):
        raise _error(document, ("when_present", *path), problem.zh, problem.en)


def _templates(document: Document, key: str) -> BilingualTemplate:
    texts = document.data[key]
    return BilingualTemplate(
        texts["zh"], texts["en"], _location(document, (key, "zh")), _location(document, (key, "en"))
    )


def _cases(document: Document) -> Iterator[Case]:
    for index, case in enumerate(document.data.get("cases", [])):
        as_of = date.fromisoformat(case["as_of"]) if "as_of" in case else None
        yield Case(
            case["name"],
            case["level"],
            case["expect"],
            as_of,
            case["site"],
            _location(document, ("cases", index)),
            tuple(case.get("fails", ())),
        )


def _dependency_order(rules: list[Rule]) -> list[Rule]:
    by_id = {rule.id: rule for rule in rules}
    ordered: list[Rule] = []
    state: dict[str, str] = {}

    def visit(rule: Rule) -> None:
        if state.get(rule.id) == "done":
            return
        if state.get(rule.id) == "visiting":
            raise RulePackError(
                rule.source,
                Text(
                    f"规则 {rule.id} 的 rules 引用形成循环",
                    f"rule {rule.id} is part of a reference cycle",
                ),
            )
        state[rule.id] = "visiting"
        for ref in _references(rule.check):
            visit(by_id[ref])
        state[rule.id] = "done"
        ordered.append(rule)

    for rule in sorted(rules, key=lambda r: r.id):
        visit(rule)
    return ordered


def _references(check: Check) -> Iterator[str]:
    """The rules a check refers to (``rules: [ORG-01]``), wherever it is nested."""
    for part in check.walk():
        if isinstance(part.spec, RulesSpec):
            yield from part.spec.ids


def _text(data: Mapping[str, str]) -> Text:
    return Text(data["zh"], data["en"])


def _location(document: Document, path: JsonPath) -> Location:
    position = document.position_of(path)
    return Location(document.file, position.line, position.column)


def _error(document: Document, path: JsonPath, zh: str, en: str) -> RulePackError:
    return RulePackError(_location(document, path), Text(zh, en))
