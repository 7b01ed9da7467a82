"""``--format junit``: JUnit XML, one testcase per rule and unit, for GitLab and Jenkins.

A testsuite per unit; failures at or above the fail level are ``<failure>``, checks that
could not run are ``<error>``, rules for another level and waived findings are ``<skipped>``.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree as ET

from emcheck.audit.outcomes import (
    ERROR,
    FAIL,
    NOT_APPLICABLE,
    WAIVED,
    FileAudit,
    Notice,
    Outcome,
)
from emcheck.audit.vocabulary import due_text
from emcheck.i18n import Lang, Text
from emcheck.reporters import stream


class Writer(stream.Writer):
    """A testsuite per unit, written as each file is audited.

    The root carries no totals (they are known only at the end, and the file is written
    as it goes); JUnit readers count the testcases, and every testsuite has its own totals.
    """

    def begin(self) -> str:
        self.failing = {"error"} if self.options.fail_level == "error" else {"error", "warning"}
        return '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="emcheck">\n'

    def write_file(self, audit: FileAudit) -> str:
        lang = self.options.lang
        holder = ET.Element("testsuites")
        if audit.audited:
            for subject in audit.subjects:
                suite = _suite(holder, f"{subject.name} ({subject.id}) · {audit.file}")
                for outcome in (o for o in audit.outcomes if o.subject is subject):
                    _case(suite, outcome, lang, self.failing)
                _count(suite)
        else:
            _format_suite(holder, audit, lang)
        ET.indent(holder, level=0)
        return "".join(
            "  " + ET.tostring(suite, encoding="unicode").rstrip() + "\n" for suite in holder
        )

    def end(self, notices: Sequence[Notice]) -> str:
        return "</testsuites>\n"


def _suite(root: ET.Element, name: str) -> ET.Element:
    return ET.SubElement(root, "testsuite", name=name)


def _case(suite: ET.Element, outcome: Outcome, lang: Lang, failing: set[str]) -> None:
    rule = outcome.rule
    case = ET.SubElement(
        suite,
        "testcase",
        classname=f"emcheck.{outcome.subject.id}.{rule.section}",
        name=f"{rule.id} {rule.title.get(lang)}",
        file=outcome.location.file,
        line=str(outcome.location.line or 1),
        time="0",
    )
    message = outcome.message.get(lang) if outcome.message else ""
    if outcome.status == ERROR:
        ET.SubElement(case, "error", message=message, type="error").text = _details(outcome, lang)
    elif outcome.status == FAIL and outcome.severity in failing:
        ET.SubElement(
            case, "failure", message=message, type=outcome.severity or "error"
        ).text = _details(outcome, lang)
    elif outcome.status == FAIL:
        ET.SubElement(case, "system-out").text = (
            Text(f"需关注：{message}", f"warning: {message}").get(lang)
            + "\n"
            + _details(outcome, lang)
        )
    elif outcome.status == NOT_APPLICABLE:
        ET.SubElement(
            case,
            "skipped",
            message=Text("不适用于该层级", "not applicable to this level").get(lang),
        )
    elif outcome.status == WAIVED and outcome.waiver is not None:
        ET.SubElement(
            case,
            "skipped",
            message=Text(
                f"已豁免：{outcome.waiver.reason}（批准人 {outcome.waiver.approver}）",
                f"waived: {outcome.waiver.reason} (approved by {outcome.waiver.approver})",
            ).get(lang),
        )


def _details(outcome: Outcome, lang: Lang) -> str:
    lines = [
        f"{outcome.rule.clause} {outcome.rule.quote}",
        Text(
            f"应为：{_get(outcome.expected, lang)}", f"expected: {_get(outcome.expected, lang)}"
        ).get(lang),
        Text(f"实际：{_get(outcome.actual, lang)}", f"found: {_get(outcome.actual, lang)}").get(
            lang
        ),
        f"{outcome.location.shown(lang)} · {due_text(outcome, lang)}",
        Text(
            f"整改建议：{_get(outcome.advice, lang)}", f"to fix: {_get(outcome.advice, lang)}"
        ).get(lang),
    ]
    if outcome.record is not None:
        lines.append(Text("填报说明：", "record: ").get(lang) + outcome.record.get(lang))
    return "\n".join(lines)


def _format_suite(root: ET.Element, audit: FileAudit, lang: Lang) -> None:
    suite = _suite(root, audit.file)
    case = ET.SubElement(
        suite,
        "testcase",
        classname="emcheck.site-file",
        name=Text("站点文件格式", "site file format").get(lang),
        file=audit.file,
        time="0",
    )
    problems = [f"{p.location.shown(lang)}: {p.message.get(lang)}" for p in audit.problems]
    if audit.error is not None:
        problems.append(audit.error.render(lang))
    ET.SubElement(case, "error", message=problems[0], type="input").text = "\n".join(problems)
    _count(suite)


def _count(element: ET.Element) -> None:
    cases = list(element.iter("testcase"))
    element.set("tests", str(len(cases)))
    element.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
    element.set("errors", str(sum(1 for c in cases if c.find("error") is not None)))
    element.set("skipped", str(sum(1 for c in cases if c.find("skipped") is not None)))
    element.set("time", "0")


def _get(text: Text | None, lang: Lang) -> str:
    return text.get(lang) if text else ""
