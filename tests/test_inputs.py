"""Inputs are never lost, counted twice or taken for evidence.

- ``emcheck init`` writes a template whose values are all empty, so that an unedited template
  passes no rule, and never overwrites a file unless ``--force`` is given;
- a file reached twice (named twice, named and inside a named folder, through ``./`` or a
  symlink) is audited once;
- two files for the same unit (an old and a new version of one submission) are an input
  error naming both files and the id, and nothing is written.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import AS_OF_TEXT, GAPS, VILLAGE
from emcheck import resources
from emcheck.loading.discovery import id_in, site_files, top_level_id
from emcheck.loading.loader import load_file
from emcheck.validation.schema_fields import fields, level_schema

Cli = Callable[..., Any]
LEVELS = ["district", "township", "street", "village", "community"]
LANGS = ["zh", "en"]
every_template = pytest.mark.parametrize(("level", "lang"), [(v, g) for v in LEVELS for g in LANGS])


# ── templates: nothing passes on nothing ─────────────────────────────────────


def _template(cli: Cli, folder: Path, level: str, lang: str = "zh") -> Path:
    target = folder / f"{level}.{lang}.yaml"
    result = cli("init", "--level", level, "-o", target, "--lang", lang)
    assert result.exit_code == 0, result.output
    return target


@every_template
def test_unedited_template_validates(cli: Cli, tmp_path: Path, level: str, lang: str) -> None:
    result = cli("validate", _template(cli, tmp_path, level, lang), "--lang", lang)
    assert result.exit_code == 0, result.output


@every_template
def test_unedited_template_passes_no_rule(cli: Cli, tmp_path: Path, level: str, lang: str) -> None:
    site = _template(cli, tmp_path, level, lang)
    result = cli("audit", site, "--as-of", AS_OF_TEXT, "--format", "json")
    assert result.exit_code == 1, result.output
    outcomes = json.loads(result.stdout)["outcomes"]
    top = [o for o in outcomes if o["parent_site_id"] is None]
    assert any(o["status"] == "fail" for o in top), "the template was not audited"
    passed = [
        f"{o['site_id']} {o['rule_id']} ({o['actual']})"
        for o in outcomes
        if o["status"] not in ("fail", "error", "not_applicable")
    ]
    assert not passed, f"an unedited {level} template passes: {passed}"


LABELS = {
    "type": None,
    "topic": None,
    "role": None,
    "category": None,
    "item": None,
    "status": "未启动",
}
"""Keys that name which slot a row of the template fills (a plan's type, a material's
category); the value says what is to be recorded, not that it is there. ``status`` may only
say 未启动."""
IDENTITY = {"schema_version", "level", "id", "name", "pilot_year"}


def _filled(value: Any, path: tuple[Any, ...]) -> Iterator[str]:
    """Every value of a loaded template that claims something: text, true, a number, a date."""
    if isinstance(value, dict):
        unit = "level" in value or "id" in value
        for key, item in value.items():
            if unit and key in IDENTITY:
                continue
            if key in LABELS and isinstance(item, str):
                expected = LABELS[key]
                if expected is None or item == expected:
                    continue
            yield from _filled(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _filled(item, (*path, index))
    elif value not in ("", False):
        yield f"{'.'.join(map(str, path))} = {value!r}"


@every_template
def test_template_values_are_empty(cli: Cli, tmp_path: Path, level: str, lang: str) -> None:
    data = load_file(_template(cli, tmp_path, level, lang)).data
    assert data["level"] == level and data["id"] and data["name"] and data["pilot_year"]
    assert list(_filled(data, ())) == []


@every_template
def test_template_has_every_field_with_a_comment(cli: Cli, level: str, lang: str) -> None:
    text = cli("init", "--level", level, "--lang", lang).stdout
    for field in fields(level_schema(level), level):
        assert f"\n{field.key}:" in text or f"\n# {field.key}:" in text, field.key
    for key in ("higher_level_plans", "last_drill_on", "annual_work_plans", "ten_ones:", "专题片"):
        assert key in text, key
    if level in ("district", "township", "street"):
        assert "equipment:" in text and "个人防护用品" in text and "villages:" in text
    else:
        assert "组织自救互救和疏散群众" in text and "work_content" in text
    lines = text.splitlines()
    bare = [
        line
        for before, line in zip(["#", *lines], lines, strict=False)
        if line.strip()
        and not line.lstrip().startswith(("#", "- {"))
        and "#" not in line
        and not before.lstrip().startswith("#")
    ]
    assert bare == [], "every field has a comment on its line or the line above"
    assert text.count("二(") > 30, "comments name the clauses"


_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”《》]+")
_CLAUSE = re.compile(r"[一二三四五六七八九十]+\([一二三四五六七八九十]+\)[0-9]*")


def _values_in(node: Any) -> Iterator[str]:
    """Every value the schema offers a clerk to write (choices, samples, preset rows): these are
    Chinese data whatever language the comments are in."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("enum", "examples", "x-rows", "x-placeholder", "const"):
                yield from (str(v) for v in _leaves(value))
            elif key not in ("description", "x-note"):
                yield from _values_in(value)
    elif isinstance(node, list):
        for item in node:
            yield from _values_in(item)


def _leaves(node: Any) -> Iterator[Any]:
    if isinstance(node, dict):
        for value in node.values():
            yield from _leaves(value)
    elif isinstance(node, list):
        for item in node:
            yield from _leaves(item)
    else:
        yield node


@every_template
def test_template_comments_are_in_the_chosen_language(cli: Cli, level: str, lang: str) -> None:
    text = cli("init", "--level", level, "--lang", lang).stdout
    comments = [line.split("#", 1)[1] for line in text.splitlines() if "#" in line]
    if lang == "zh":
        assert sum(bool(_CJK.search(c)) for c in comments) > 0.9 * len(comments)
        return
    # The placeholder words the header warns about are quoted as the data a clerk might write.
    values = {*_values_in(resources.schema("site")), "无", "暂无", "待定"}
    names = sorted(values, key=len, reverse=True)
    stray = []
    for comment in comments:
        for name in names:
            comment = comment.replace(name, "")
        stray += _CJK.findall(_CLAUSE.sub("", comment))
    assert stray == [], "English comments hold Chinese other than values and clause numbers"


def test_every_description_has_an_english_one() -> None:
    def untranslated(node: Any, path: str) -> Iterator[str]:
        if isinstance(node, dict):
            if isinstance(node.get("description"), str) and not node.get("x-en"):
                yield path
            for key, value in node.items():
                yield from untranslated(value, f"{path}/{key}")
        elif isinstance(node, list):
            for index, item in enumerate(node):
                yield from untranslated(item, f"{path}/{index}")

    assert list(untranslated(resources.schema("site"), "")) == []


_COMMENTED_KEY = re.compile(r"^(\s*)# (\s*(?:- )?[a-z_]+: .*)$")
_EMPTY_LIST_BEFORE_EXAMPLE = re.compile(r": \[\](\s+#)")


def _examples_filled_in(text: str) -> str:
    """The template as a clerk fills it in by its own instructions: each commented key has its
    "# " deleted, and an empty list [] followed by a commented example row loses its []."""
    lines = text.splitlines()
    out = []
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        key = _COMMENTED_KEY.match(line)
        if key:
            out.append(key.group(1) + key.group(2))
        elif _COMMENTED_KEY.match(following) and following.split("# ", 1)[1].lstrip()[:2] == "- ":
            out.append(_EMPTY_LIST_BEFORE_EXAMPLE.sub(r":\1", line))
        else:
            out.append(line)
    return "\n".join(out) + "\n"


@every_template
def test_commented_examples_are_valid_once_filled_in(
    cli: Cli, tmp_path: Path, level: str, lang: str
) -> None:
    text = _template(cli, tmp_path, level, lang).read_text(encoding="utf-8")
    site = tmp_path / "filled.yaml"
    site.write_text(_examples_filled_in(text), encoding="utf-8")
    assert site.read_text(encoding="utf-8").count("\n") == text.count("\n")
    assert len(list(_filled(load_file(site).data, ()))) > 20, "the examples were uncommented"
    result = cli("validate", site)
    assert result.exit_code == 0, result.output


# ── init never overwrites ────────────────────────────────────────────────────


def test_init_says_what_it_wrote(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "柳溪村.yaml"
    result = cli("init", "--level", "village", "-o", target)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"已写入 {target}（村模板）\n"
    english = cli("init", "--level", "community", "-o", tmp_path / "b.yaml", "--lang", "en")
    assert english.stderr == f"wrote {tmp_path / 'b.yaml'} (community template)\n"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_init_never_overwrites_without_force(cli: Cli, tmp_path: Path, lang: str) -> None:
    target = tmp_path / "柳溪村.yaml"
    target.write_text("filled in by hand\n", encoding="utf-8")
    result = cli("init", "--level", "village", "-o", target, "--lang", lang)
    assert result.exit_code == 2
    assert target.read_text(encoding="utf-8") == "filled in by hand\n"
    assert str(target) in result.stderr
    assert ("--force" in result.stderr) and (
        "已存在" in result.stderr if lang == "zh" else "already exists" in result.stderr
    )
    assert sorted(os.listdir(tmp_path)) == ["柳溪村.yaml"], "no temporary file left"


def test_init_force_overwrites(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "site.yaml"
    target.write_text("old\n", encoding="utf-8")
    result = cli("init", "--level", "village", "-o", target, "--force")
    assert result.exit_code == 0
    assert "level: village" in target.read_text(encoding="utf-8")
    assert result.stderr == f"已覆盖 {target}（村模板）\n"


def test_init_does_not_write_through_a_symlink(cli: Cli, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.yaml"
    link = tmp_path / "site.yaml"
    link.symlink_to(elsewhere)  # broken: the file it names does not exist yet
    result = cli("init", "--level", "village", "-o", link)
    assert result.exit_code == 2 and not elsewhere.exists()


# ── the same file twice is audited once ──────────────────────────────────────


@pytest.fixture
def one_site(tmp_path: Path) -> Path:
    folder = tmp_path / "sites"
    folder.mkdir()
    (folder / "a.yaml").write_bytes(VILLAGE.read_bytes())
    return folder / "a.yaml"


def _audited_files(cli: Cli, *paths: object) -> list[str]:
    result = cli("audit", *paths, "--as-of", AS_OF_TEXT, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return [f["file"] for f in json.loads(result.stdout)["files"]]


def test_a_file_named_twice_is_audited_once(cli: Cli, one_site: Path) -> None:
    assert _audited_files(cli, one_site, one_site) == [str(one_site)]


def test_a_file_and_its_folder(cli: Cli, one_site: Path) -> None:
    assert _audited_files(cli, one_site, one_site.parent) == [str(one_site)]
    assert _audited_files(cli, one_site.parent, one_site) == [str(one_site)]


def test_dot_paths_and_symlinks_are_one_file(
    cli: Cli, one_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    link = one_site.parent.parent / "link.yaml"
    link.symlink_to(one_site)
    monkeypatch.chdir(one_site.parent)
    assert _audited_files(cli, "./a.yaml", "a.yaml", link, "../sites") == ["a.yaml"]


def test_site_files_keep_the_first_order(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.yaml").write_text(f"id: {name}\n", encoding="utf-8")
    c, a = tmp_path / "c.yaml", tmp_path / "a.yaml"
    assert site_files([c, tmp_path, a]) == [c, a, tmp_path / "b.yaml"]


def test_validate_and_report_see_the_file_once(cli: Cli, one_site: Path, tmp_path: Path) -> None:
    shown = cli("validate", one_site, one_site.parent)
    assert shown.exit_code == 0 and shown.stdout.count("格式正确") == 1
    target = tmp_path / "report.docx"
    made = cli("report", one_site, one_site, "--as-of", AS_OF_TEXT, "-o", target)
    assert made.exit_code in (0, 1), made.output
    assert target.is_file(), "one file named twice still gives one report at -o"


def test_a_waivers_file_named_and_found_beside_is_read_once(cli: Cli, tmp_path: Path) -> None:
    site = tmp_path / "sites" / GAPS.name
    site.parent.mkdir()
    site.write_bytes(GAPS.read_bytes())
    found = cli("audit", site, "--as-of", AS_OF_TEXT, "--format", "json")
    target = next(o for o in json.loads(found.stdout)["outcomes"] if o["status"] == "fail")
    waivers = site.parent / "emcheck-waivers.yaml"
    waivers.write_text(
        f"waivers:\n  - rule: {target['rule_id']}\n    site: {target['site_id']}\n"
        "    reason: 编制调整中\n    approver: 管委会应急局 周某某\n    expires: 2027-06-30\n",
        encoding="utf-8",
    )
    named = ("--waivers", waivers, "--waivers", f"{site.parent}/./emcheck-waivers.yaml")
    result = cli("audit", site, "--as-of", AS_OF_TEXT, "--format", "json", *named)
    data = json.loads(result.stdout)
    assert data["notices"] == [], "a waiver read twice matches once and is then 'unused'"
    assert sum(o["status"] == "waived" for o in data["outcomes"]) == 1


# ── two files for one unit ───────────────────────────────────────────────────


@pytest.fixture
def two_versions(one_site: Path) -> tuple[Path, Path]:
    """An old and a new version of the same village's submission, side by side."""
    newer = one_site.parent / "b.yaml"
    newer.write_text(
        VILLAGE.read_text(encoding="utf-8").replace("id: liuxi", 'id: "liuxi"'), encoding="utf-8"
    )
    return one_site, newer


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_two_files_for_one_unit_are_refused(
    cli: Cli, two_versions: tuple[Path, Path], tmp_path: Path, lang: str
) -> None:
    old, new = two_versions
    extra = tmp_path / "extra.json"
    result = cli(
        "audit", old.parent, "--as-of", AS_OF_TEXT, "--lang", lang, "--output", f"json={extra}"
    )
    assert result.exit_code == 2
    assert result.stdout == "", "nothing is written before the refusal"
    assert str(old) in result.stderr and str(new) in result.stderr and "liuxi" in result.stderr
    assert ("重复" if lang == "zh" else "more than one file") in result.stderr
    assert not extra.exists()
    assert sorted(os.listdir(tmp_path)) == ["sites"]


def test_two_files_for_one_unit_in_machine_formats(
    cli: Cli, two_versions: tuple[Path, Path]
) -> None:
    old, new = two_versions
    for fmt in ("json", "sarif", "junit", "github", "markdown"):
        result = cli("audit", old, new, "--as-of", AS_OF_TEXT, "--format", fmt, "-j", "1")
        assert result.exit_code == 2 and result.stdout == "", fmt


def test_report_refuses_two_files_for_one_unit(
    cli: Cli, two_versions: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = two_versions
    out = tmp_path / "reports"
    result = cli("report", old.parent, "--as-of", AS_OF_TEXT, "-o", out)
    assert result.exit_code == 2
    assert str(old) in result.stderr and str(new) in result.stderr and "liuxi" in result.stderr
    assert not out.exists(), "not even the output folder is made"


def test_validate_names_the_second_file_for_one_unit(
    cli: Cli, two_versions: tuple[Path, Path]
) -> None:
    old, new = two_versions
    result = cli("validate", old.parent)
    assert result.exit_code == 2
    assert f"{old}: 格式正确" in result.stdout
    assert f"{new}: 单位标识（id）“liuxi” 与 {old} 相同" in result.stdout


def test_different_units_and_unreadable_ids_are_no_clash(cli: Cli, one_site: Path) -> None:
    folder = one_site.parent
    other = VILLAGE.read_text(encoding="utf-8").replace("id: liuxi", "id: liuxi-east")
    (folder / "b.yaml").write_text(other, encoding="utf-8")
    (folder / "broken.yaml").write_text("name: [unclosed\nid: liuxi\n", encoding="utf-8")
    result = cli("audit", folder, "--as-of", AS_OF_TEXT, "--format", "json")
    assert result.exit_code == 2, "the broken file is an input error of its own"
    files = {Path(f["file"]).name: f["status"] for f in json.loads(result.stdout)["files"]}
    assert files == {"a.yaml": "audited", "b.yaml": "audited", "broken.yaml": "unreadable"}


def test_a_broken_second_version_still_clashes(cli: Cli, one_site: Path) -> None:
    """Its id can be read before the YAML breaks: it is still a second file for the unit."""
    (one_site.parent / "b.yaml").write_text("id: liuxi\nname: [unclosed\n", encoding="utf-8")
    result = cli("audit", one_site.parent, "--as-of", AS_OF_TEXT)
    assert result.exit_code == 2 and "b.yaml" in result.stderr and result.stdout == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("schema_version: 1\nlevel: village\nid: liuxi\nname: 柳溪村\n", "liuxi"),
        ("# 注释\nid: 'liuxi'   # 单位标识\n", "liuxi"),
        ('{schema_version: 1, "id": liuxi}', "liuxi"),
        ("name: x\nvillages:\n  - id: inner\n    grids: [{id: deeper}]\nid: outer\n", "outer"),
        ("name: x\nvillages:\n  - id: inner\n", None),
        ("- id: x\n", None),
        ("id: [x]\n", None),
        ("name: [unclosed\nid: x\n", None),
        ("", None),
    ],
)
def test_id_in(text: str, expected: str | None) -> None:
    assert id_in(text) == expected


def test_top_level_id_reads_gbk_and_refuses_nothing(tmp_path: Path) -> None:
    site = tmp_path / "gbk.yaml"
    site.write_bytes("name: 柳溪村\nid: liuxi\n".encode("gb18030"))
    assert top_level_id(site) == "liuxi"
    assert top_level_id(tmp_path / "missing.yaml") is None
    assert top_level_id(tmp_path) is None
