"""Hostile and broken inputs, each run through a real ``emcheck`` process.

Every bad input must end with the documented exit code (2 for site files and output paths,
3 for rule packs), a message naming the file (with line and column where there is one), no
traceback, within 5 s and 500 MB, and without writing anything. What a clerk's editor does
to a good file (a BOM, GBK, CRLF, a trailing Ctrl-Z …) must instead audit exactly like the
UTF-8 original. The text cases live in ``tests/corpus``; huge, binary and file-system cases
are made here. Nothing here measures speed: the 5 s limit is a guard against hangs.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import openpyxl
import pytest

import hostile_workbooks as books
from conftest import AS_OF_TEXT, GAPS, VILLAGE
from emcheck.resources import builtin_rules_dir
from site_workbook_support import workbook_of

CORPUS = Path(__file__).parent / "corpus"
TIMEOUT = 5.0
MAX_RSS_MB = 500
SAFETY_NET = 2 << 30
"""Address-space cap of each child, so that a runaway cannot take the machine with it."""
HEAD = "schema_version: 1\nlevel: village\nid: liuxi\nname: 柳溪村\npilot_year: 2026\n"

_CHILD = (
    "import resource, runpy, sys;"
    f"resource.setrlimit(resource.RLIMIT_AS, ({SAFETY_NET}, {SAFETY_NET}));"
    "sys.argv[0] = 'emcheck';"
    "runpy.run_module('emcheck', run_name='__main__')"
)


@dataclass(frozen=True)
class Result:
    code: int
    output: str
    """stdout and stderr together."""
    peak_mb: float
    timed_out: bool


def run_together(
    commands: list[list[str]], cwd: Path, prefix: tuple[str, ...] = ()
) -> list[Result]:
    """Run ``emcheck`` commands side by side; each result has its own exit code and peak RSS."""
    # Each case runs with the default limits (no EMCHECK_ settings) but the suite's own cache.
    env = {k: v for k, v in os.environ.items() if not k.startswith("EMCHECK_")}
    env.update(
        PYTHONIOENCODING="utf-8",
        NO_COLOR="1",
        COLUMNS="200",
        EMCHECK_CACHE_DIR=os.environ["EMCHECK_CACHE_DIR"],
    )
    started = []
    for args in commands:
        output = tempfile.TemporaryFile()  # noqa: SIM115 - closed once the process is reaped
        process = subprocess.Popen(
            [*prefix, sys.executable, "-c", _CHILD, *args],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            env=env,
        )
        killed = threading.Event()

        def kill(
            process: subprocess.Popen[bytes] = process, killed: threading.Event = killed
        ) -> None:
            killed.set()
            process.kill()

        timer = threading.Timer(TIMEOUT, kill)
        timer.start()
        started.append((process, output, timer, killed))
    results = []
    for process, output, timer, killed in started:
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
        output.close()
        results.append(Result(process.returncode, text, usage.ru_maxrss / 1024, killed.is_set()))
    return results


def check_discipline(result: Result, code: int) -> None:
    assert not result.timed_out, f"killed after {TIMEOUT} s:\n{result.output[-2000:]}"
    assert "Traceback" not in result.output, result.output[-4000:]
    assert result.peak_mb < MAX_RSS_MB, f"peak RSS {result.peak_mb:.0f} MB"
    assert result.code == code, f"exit {result.code}, expected {code}:\n{result.output[-2000:]}"


def located(shown: str, where: str) -> str:
    """The pattern of a message naming ``shown`` with a line (and column) as ``where`` says."""
    tail = {"line:col": r":\d+:\d+", "line": r":\d+", "": "", "any": r"(:\d+)*"}[where]
    return re.escape(shown) + tail + ": "


def listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


# ── bad site files ───────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Bad:
    """What the refusal of one input must say."""

    zh: str
    """A piece of the Chinese message (``emcheck validate``)."""
    en: str
    """A piece of the English message (``emcheck audit --lang en --format json``)."""
    where: str = "line:col"
    """How precisely the message locates the problem: "line:col", "line" or "" (file only)."""
    many: bool = False
    """The file has several problems, each reported on its own line."""
    nothing_to_audit: bool = False
    """Refused before any report is made (no site file found at all)."""


TEXT_CASES = {
    "empty": Bad("文件为空", "the file is empty"),
    "comments-only": Bad("文件为空", "the file is empty"),
    "top-level-scalar": Bad("顶层应为键值映射", "must be a mapping"),
    "top-level-list": Bad("实际是列表", "found a list"),
    "unclosed-bracket": Bad("缺少逗号或右括号", "did not find expected ',' or ']'"),
    "bad-indentation": Bad("缩进不一致", "did not find expected key"),
    "tab-indentation": Bad("制表符（Tab）缩进", "indented with a Tab"),
    "fullwidth-colon": Bad("全角冒号", "full-width colon"),
    "fullwidth-colon-everywhere": Bad("全角冒号", "full-width colon"),
    "colon-without-space": Bad("冒号后缺少空格", "a colon with no space after it"),
    "fullwidth-space-indent": Bad("全角空格", "full-width space"),
    "fullwidth-space-after-colon": Bad("全角空格", "full-width space"),
    "nbsp-from-word": Bad("不间断空格", "no-break space"),
    "smart-quotes": Bad("中文引号", "curly quotes"),
    "smart-quote-closing": Bad("中文引号", "curly quote"),
    "duplicate-key-top": Bad("键 “name” 重复（第一次出现在第 4 行）", "duplicate key 'name'"),
    "duplicate-key-deep": Bad("键 “category” 重复", "duplicate key 'category'"),
    "duplicate-key-flow": Bad("键 “name” 重复", "duplicate key 'name'"),
    "python-object-apply": Bad("不允许使用 YAML 标签", "python/object/apply:os.system"),
    "python-name": Bad("不允许使用 YAML 标签", "python/name:os.system"),
    "python-object-new-root": Bad("不允许使用 YAML 标签", "is not allowed"),
    "custom-tag-directive": Bad("不允许使用 YAML 标签", "tag:evil.example"),
    "binary-tag": Bad("不允许使用 YAML 标签", "binary"),
    "alias-bomb": Bad("别名炸弹", "alias bomb"),
    "merge-key": Bad("合并键", "merge keys"),
    "anchor-on-key": Bad("不能放在键上", "stands on a key"),
    "undefined-alias": Bad("没有对应的锚点", "has no anchor"),
    "two-documents": Bad("只能有一个 YAML 文档", "one YAML document only"),
    "nan-number": Bad("不是有限的数", "not a finite number"),
    "infinite-number": Bad("不是有限的数", "not a finite number"),
    "exponent-number": Bad("pilot_year 应为整数", "must be a whole number"),
    "huge-integer": Bad("位数过多", "too many digits"),
    "impossible-date": Bad("“2026-02-30” 不存在", "does not exist in the calendar"),
    "non-text-keys": Bad("未知字段", "unknown key", many=True),
    "very-long-key": Bad("超过 1024 个字符", "longer than 1024 characters"),
    "explicit-long-key": Bad("未知字段 “kkkk", "unknown key 'kkkk"),
    "lone-surrogate-escape": Bad(r"\u 转义", "invalid Unicode character escape"),
    "line-separator": Bad("特殊换行符", "unusual line separator"),
    "bom-in-middle": Bad("BOM", "byte-order mark"),
    "zero-width-space-key": Bad("零宽字符", "zero-width"),
    "unknown-escape": Bad("转义无效", "unknown escape character"),
    "mapping-as-key": Bad("键必须是简单文本", "keys must be plain text"),
}

Maker = Callable[[Path, Path], tuple[Path, Path]]
"""(a fresh folder, the session's 60 MB file) → (the path to name, the file the message names)."""


def _file(name: str, content: bytes) -> Maker:
    def make(folder: Path, _: Path) -> tuple[Path, Path]:
        path = folder / name
        path.write_bytes(content)
        return path, path

    return make


def _fifo(folder: Path, _: Path) -> tuple[Path, Path]:
    path = folder / "pipe.yaml"
    os.mkfifo(path)
    return path, path


def _symlink(target: str) -> Maker:
    def make(folder: Path, _: Path) -> tuple[Path, Path]:
        path = folder / "site.yaml"
        path.symlink_to(target)
        return path, path

    return make


def _self_loop(folder: Path, _: Path) -> tuple[Path, Path]:
    path = folder / "self.yaml"
    path.symlink_to("self.yaml")
    return path, path


def _loops_in_a_folder(folder: Path, _: Path) -> tuple[Path, Path]:
    sites = folder / "sites"
    (sites / "sub").mkdir(parents=True)
    shutil.copy(VILLAGE, sites / "sub" / "liuxi.yaml")
    (sites / "sub" / "up").symlink_to("..", target_is_directory=True)
    (sites / "here").symlink_to(".", target_is_directory=True)
    (sites / "self.yaml").symlink_to("self.yaml")
    return sites, sites / "self.yaml"


def _folder_named_like_a_file(folder: Path, _: Path) -> tuple[Path, Path]:
    path = folder / "site.yaml"
    path.mkdir()
    return path, path


DEPTH = 1200
"""Deeper than Python's recursion limit: a recursive walk of these folders would crash."""


def _deep_folders(folder: Path, _: Path) -> tuple[Path, Path]:
    deep = folder
    for _level in range(DEPTH):
        deep /= "d"
        deep.mkdir()
    (deep / "site.yaml").write_bytes(b"")
    return folder, deep / "site.yaml"


def _remove_deep_folders(folder: Path) -> None:
    """shutil.rmtree (and so pytest's clean-up) recurses, and would fail on these."""
    deep = folder.joinpath(*["d"] * DEPTH)
    (deep / "site.yaml").unlink()
    while deep != folder:
        deep.rmdir()
        deep = deep.parent


def _huge(folder: Path, big: Path) -> tuple[Path, Path]:
    return big, big


GENERATED: dict[str, tuple[Maker, Bad]] = {
    "binary": (
        _file("site.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8),
        Bad("空字节（NUL）", "NUL byte", "line"),
    ),
    "invalid-utf8": (
        _file("site.yaml", HEAD.encode() + b"office: {name: \xff\x80\x80}\n"),
        Bad("既不是 UTF-8 也不是 GBK", "neither UTF-8 nor GBK"),
    ),
    "utf16-without-bom": (
        _file("site.yaml", HEAD.encode("utf-16-le")),
        Bad("不带 BOM 的 UTF-16", "UTF-16 without a byte-order mark", ""),
    ),
    "utf32-without-bom": (
        _file("site.yaml", HEAD.encode("utf-32-le")),
        Bad("不带 BOM 的 UTF-32", "UTF-32 without a byte-order mark", ""),
    ),
    "control-character": (
        _file("site.yaml", HEAD.replace("柳溪村", "柳溪\x07村").encode()),
        Bad("控制字符 U+0007", "control character U+0007"),
    ),
    "ctrl-z-mid-file": (
        _file("site.yaml", (HEAD + "\x1a\nstaff: []\n").encode()),
        Bad("Ctrl-Z", "Ctrl-Z"),
    ),
    "deep-flow-nesting": (
        _file("site.yaml", b"a: " + b"[" * 100_000 + b"]" * 100_000 + b"\n"),
        Bad("嵌套层级过深", "maximum nesting depth"),
    ),
    "deep-block-nesting": (
        _file(
            "site.yaml",
            "".join(f"{'  ' * depth}k{depth}:\n" for depth in range(200)).encode(),
        ),
        Bad("嵌套层级超过", "nesting deeper than"),
    ),
    "file-of-60-mb": (_huge, Bad("文件过大", "file too large", "")),
    "too-many-values": (
        _file("site.yaml", (HEAD + "villager_groups: [" + "一组, " * 150_000 + "]\n").encode()),
        Bad("超过 100000 个值", "more than 100000 values"),
    ),
    "huge-single-line": (
        _file("site.yaml", (HEAD + "office: {name: " + "柳" * 3_000_000 + "}\n").encode()),
        Bad("超过上限 10000", "more than the limit of 10000"),
    ),
    "many-unknown-keys": (
        _file("site.yaml", (HEAD + "".join(f"k{i}: 1\n" for i in range(30_000))).encode()),
        Bad("另有 29900 处格式问题未列出", "29900 more problems are not listed", many=True),
    ),
    "named-pipe": (_fifo, Bad("不是普通文件", "not a regular file", "")),
    "device": (_symlink("/dev/zero"), Bad("不是普通文件", "not a regular file", "")),
    "dangling-symlink": (
        _symlink("nowhere.yaml"),
        Bad("指向的文件不存在", "points to a missing", ""),
    ),
    "symlink-to-itself": (_self_loop, Bad("符号链接形成循环", "loop of symbolic links", "")),
    "folder-with-symlink-loops": (
        _loops_in_a_folder,
        Bad("符号链接形成循环", "loop of symbolic links", ""),
    ),
    "folder-named-like-a-file": (
        _folder_named_like_a_file,
        Bad("没有找到站点文件", "no site files", "", nothing_to_audit=True),
    ),
    "folders-1200-deep": (_deep_folders, Bad("文件为空", "the file is empty")),
}

SITE_CASES = sorted(TEXT_CASES) + sorted(GENERATED)


@pytest.fixture(scope="session")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 60 MB site file, made once: a valid head and then comment lines."""
    path = tmp_path_factory.mktemp("big") / "huge.yaml"
    line = b"# " + b"x" * 1021 + b"\n"
    with path.open("wb") as handle:
        handle.write(HEAD.encode())
        handle.write(line * (60 * 1024))
    return path


@pytest.mark.parametrize("case", SITE_CASES)
def test_bad_site_input_is_refused_cleanly(case: str, tmp_path: Path, big_file: Path) -> None:
    if case in TEXT_CASES:
        bad = TEXT_CASES[case]
        named = shown = CORPUS / f"{case}.yaml"
    else:
        maker, bad = GENERATED[case]
        (tmp_path / "input").mkdir()
        named, shown = maker(tmp_path / "input", big_file)
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    watched = CORPUS if case in TEXT_CASES else tmp_path / "input"
    before = listing(watched)
    try:
        audit, validate = run_together(
            [
                ["audit", str(named), "--lang", "en", "--format", "json", "--as-of", AS_OF_TEXT],
                ["validate", str(named)],
            ],
            cwd,
        )
        assert listing(cwd) == [] and listing(watched) == before, "something was written"
    finally:
        if case == "folders-1200-deep":
            _remove_deep_folders(tmp_path / "input")
    for result in (audit, validate):
        check_discipline(result, 2)

    lines = [line for line in validate.output.splitlines() if str(shown) in line]
    assert re.search(located(str(shown), bad.where), lines[0]), validate.output[:2000]
    assert bad.zh in "\n".join(lines), validate.output[:2000]
    if not bad.many:
        assert len(lines) == 1, validate.output[:2000]

    if bad.nothing_to_audit:
        assert re.search(located(str(shown), ""), audit.output) and bad.en in audit.output
        return
    report = json.loads(audit.output)
    [entry] = [f for f in report["files"] if f["file"] == str(shown)]
    assert entry["status"] in ("unreadable", "invalid")
    messages = [e["message"] for e in entry["errors"]]
    assert any(bad.en in m for m in messages), messages[:5]
    first = entry["errors"][0]
    assert first["file"] == str(shown)
    assert (first.get("line") is not None) == ("line" in bad.where), first
    assert (first.get("column") is not None) == (bad.where == "line:col"), first


def test_unreadable_file(tmp_path: Path) -> None:
    """chmod 000 stops everyone but root: as root, run without the capabilities that bypass it."""
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root and setpriv is missing: chmod cannot stop root")
        prefix = (setpriv, "--bounding-set=-dac_override,-dac_read_search", "--")
    sites = tmp_path / "sites"
    sites.mkdir()
    locked = sites / "locked.yaml"
    shutil.copy(VILLAGE, locked)
    locked.chmod(0)
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    try:
        named, in_folder = run_together(
            [["validate", str(locked)], ["validate", str(sites)]], cwd, prefix
        )
    finally:
        locked.chmod(0o644)
    for result in (named, in_folder):
        check_discipline(result, 2)
        assert str(locked) in result.output
    assert "没有读取权限" in in_folder.output
    assert listing(cwd) == []


# ── what editors do to a good file: it must audit like the UTF-8 original ──────

TWINS: dict[str, Callable[[str], bytes]] = {
    "utf8-bom": lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
    "gbk": lambda text: text.encode("gbk"),
    "crlf": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "cr-only": lambda text: text.replace("\n", "\r").encode("utf-8"),
    "trailing-ctrl-z": lambda text: text.encode("utf-8") + b"\x1a",
    "utf16-le-bom": lambda text: text.encode("utf-16"),
    "utf16-be-bom": lambda text: b"\xfe\xff" + text.encode("utf-16-be"),
}


def _audit_json(folder: Path) -> list[Result]:
    return run_together(
        [
            ["audit", "site.yaml", "--lang", "en", "--format", "json", "--as-of", AS_OF_TEXT],
            ["validate", "site.yaml"],
        ],
        folder,
    )


def _site_digest_hidden(results: list[Result], site: Path) -> list[Result]:
    """The JSON names the digest of the bytes judged, which an editor's variant changes."""
    digest = hashlib.sha256(site.read_bytes()).hexdigest()
    return [replace(r, output=r.output.replace(digest, "(site digest)")) for r in results]


@pytest.fixture(scope="session")
def original(tmp_path_factory: pytest.TempPathFactory) -> list[Result]:
    folder = tmp_path_factory.mktemp("original")
    shutil.copy(GAPS, folder / "site.yaml")
    return _site_digest_hidden(_audit_json(folder), folder / "site.yaml")


@pytest.mark.parametrize("twin", sorted(TWINS))
def test_editor_variants_audit_like_the_utf8_original(
    twin: str, tmp_path: Path, original: list[Result]
) -> None:
    (tmp_path / "site.yaml").write_bytes(TWINS[twin](GAPS.read_text(encoding="utf-8")))
    audit, validate = _site_digest_hidden(_audit_json(tmp_path), tmp_path / "site.yaml")
    for result, expected in zip((audit, validate), original, strict=True):
        check_discipline(result, expected.code)
        assert result.output == expected.output
    assert original[0].code == 1 and original[1].code == 0
    assert listing(tmp_path) == ["site.yaml"]


# ── hostile site workbooks ───────────────────────────────────────────────────


@dataclass(frozen=True)
class RefusedBook:
    """What the refusal of one workbook must say."""

    zh: str
    en: str
    sheet: str | int | None = None
    """The sheet the message names, where there is one: by name, or by its place in the
    good workbook (openpyxl writes the n-th sheet as xl/worksheets/sheet{n}.xml)."""


WORKBOOK_CASES: dict[str, tuple[books.Maker, RefusedBook]] = {
    "renamed-docx": (books.renamed_docx, RefusedBook("这是 Word 文档", "a Word document")),
    "text-named-xlsx": (
        books.bytes_named("site.xlsx", HEAD.encode()),
        RefusedBook("不是 Excel 工作簿", "not an Excel workbook"),
    ),
    "binary-named-xlsx": (
        books.bytes_named("site.xlsx", bytes(range(256)) * 40),
        RefusedBook("不是 Excel 工作簿", "not an Excel workbook"),
    ),
    "old-xls": (books.old_xls, RefusedBook("请在 Excel 或 WPS 中另存为 .xlsx", "Excel 97-2003")),
    "xlsm-with-macros": (
        books.with_part("xl/vbaProject.bin", bytes(512), ".xlsm"),
        RefusedBook("含有宏", "macros"),
    ),
    "encrypted": (books.encrypted, RefusedBook("加密", "encrypted")),
    "zip-bomb": (books.zip_bomb, RefusedBook("压缩炸弹", "zip bomb")),
    "million-rows": (books.million_rows, RefusedBook("行数", "too many rows", 3)),
    "16384-columns": (books.widest, RefusedBook("列数", "too many columns", "基本信息")),
    "entity-expansion": (books.entities, RefusedBook("DOCTYPE", "DOCTYPE")),
    "external-links": (
        books.with_part("xl/externalLinks/externalLink1.xml", b"<externalLink/>"),
        RefusedBook("外部链接", "links to other workbooks"),
    ),
    "truncated-zip": (books.truncated, RefusedBook("压缩包不完整", "incomplete")),
}


@pytest.fixture(scope="session")
def good_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return workbook_of(VILLAGE, tmp_path_factory.mktemp("good") / "柳溪村.xlsx")


@pytest.mark.parametrize("case", sorted(WORKBOOK_CASES))
def test_hostile_site_workbook_is_refused_cleanly(
    case: str, tmp_path: Path, good_workbook: Path
) -> None:
    maker, refused = WORKBOOK_CASES[case]
    (tmp_path / "input").mkdir()
    named = maker(good_workbook, tmp_path / "input")
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    before = listing(tmp_path / "input")
    audit, validate, annotate = run_together(
        [
            ["audit", str(named), "--lang", "en", "--format", "json", "--as-of", AS_OF_TEXT],
            ["validate", str(named)],
            ["audit", str(named), "--annotate", "-o", "自查.xlsx", "--as-of", AS_OF_TEXT],
        ],
        cwd,
    )
    assert listing(cwd) == [] and listing(tmp_path / "input") == before, "something was written"
    for result in (audit, validate, annotate):
        check_discipline(result, 2)
    [line] = [line for line in validate.output.splitlines() if str(named) in line]
    sheet = refused.sheet
    if isinstance(sheet, int):
        sheet = openpyxl.load_workbook(good_workbook).sheetnames[sheet - 1]
    where = f"{named} 表“{sheet}”" if sheet else f"{named}: "
    assert where in line and refused.zh in line, validate.output
    [entry] = json.loads(audit.output)["files"]
    [error] = entry["errors"]
    assert entry["status"] == "unreadable" and refused.en in error["message"], error
    assert error["file"] == str(named) and error.get("sheet") == sheet


# ── output paths ─────────────────────────────────────────────────────────────


@functools.cache
def _emcheck_help(*command: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "emcheck", *command, "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        check=False,
    ).stdout


OUTPUTS = {
    "init-into-a-folder": (["init", "--level", "village", "-o", "{folder}"], "{folder}"),
    "init-into-a-missing-folder": (
        ["init", "--level", "village", "-o", "{missing}/site.yaml"],
        "{missing}/site.yaml",
    ),
    "audit-output-is-a-folder": (
        ["audit", str(VILLAGE), "--as-of", AS_OF_TEXT, "--output", "json={folder}"],
        "{folder}",
    ),
    "audit-output-in-a-missing-folder": (
        ["audit", str(VILLAGE), "--as-of", AS_OF_TEXT, "--output", "json={missing}/a.json"],
        "{missing}/a.json",
    ),
    "report-into-a-missing-folder": (
        ["report", str(VILLAGE), "--as-of", AS_OF_TEXT, "-o", "{missing}/report.docx"],
        "{missing}/report.docx",
    ),
}


@pytest.mark.parametrize("case", sorted(OUTPUTS))
def test_unwritable_output_path(case: str, tmp_path: Path) -> None:
    args, shown = OUTPUTS[case]
    command = args[0]
    if command not in _emcheck_help() or "--output" not in _emcheck_help(command):
        pytest.skip(f"emcheck {command} --output is not there yet")
    folder = tmp_path / "out"
    folder.mkdir()
    values = {"folder": str(folder), "missing": str(tmp_path / "missing" / "deeper")}
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    [result] = run_together([[a.format(**values) for a in args]], cwd)
    check_discipline(result, 2)
    assert shown.format(**values) in result.output
    assert listing(folder) == [] and listing(cwd) == []
    assert sorted(os.listdir(tmp_path)) == ["cwd", "out"], "something was written"


# ── broken rule packs (exit 3) ─────────────────────────────────────────────────

PackMaker = Callable[[Path, Path], tuple[Path, Path]]
"""(a copy of the built-in pack, the 60 MB file) → (the --rules folder, the file named)."""


def _rule_file(content: bytes, name: str = "organization/ORG-01.yaml") -> PackMaker:
    def make(pack: Path, _: Path) -> tuple[Path, Path]:
        (pack / name).write_bytes(content)
        return pack, pack / name

    return make


def _rule_pipe(pack: Path, _: Path) -> tuple[Path, Path]:
    os.mkfifo(pack / "organization" / "ORG-99.yaml")
    return pack, pack / "organization" / "ORG-99.yaml"


def _rule_loops(pack: Path, _: Path) -> tuple[Path, Path]:
    (pack / "organization" / "again").symlink_to("..", target_is_directory=True)
    (pack / "loop.yaml").symlink_to("loop.yaml")
    return pack, pack / "loop.yaml"


def _rule_huge(pack: Path, big: Path) -> tuple[Path, Path]:
    (pack / "organization" / "ORG-99.yaml").symlink_to(big)
    return pack, pack / "organization" / "ORG-99.yaml"


def _pack_yaml_folder(pack: Path, _: Path) -> tuple[Path, Path]:
    (pack / "pack.yaml").unlink()
    (pack / "pack.yaml").mkdir()
    return pack, pack


def _no_folder(pack: Path, _: Path) -> tuple[Path, Path]:
    return pack / "missing", pack / "missing"


def _a_file(pack: Path, _: Path) -> tuple[Path, Path]:
    return pack / "pack.yaml", pack / "pack.yaml"


def _duplicate_id(pack: Path, _: Path) -> tuple[Path, Path]:
    path = pack / "organization" / "ORG-01.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "id: ORG-01\n", encoding="utf-8")
    return pack, path


ALIAS_BOMB = (CORPUS / "alias-bomb.yaml").read_bytes()
PACK_CASES: dict[str, tuple[PackMaker, str, str]] = {
    # name: (maker, piece of the message, "line:col" | "line" | "" | "any")
    "no-such-folder": (_no_folder, "no such rule pack folder", ""),
    "rules-is-a-file": (_a_file, "takes a rule pack folder", ""),
    "pack-yaml-is-a-folder": (_pack_yaml_folder, "pack.yaml is missing", ""),
    "pack-yaml-syntax-error": (
        _rule_file(b"id: broken\nsettings: [a, b\n", "pack.yaml"),
        "YAML syntax error",
        "line:col",
    ),
    "rule-python-tag": (
        _rule_file(b"id: !!python/object/apply:os.system ['touch pwned']\n"),
        "is not allowed",
        "line:col",
    ),
    "rule-alias-bomb": (_rule_file(ALIAS_BOMB), "alias bomb", "line:col"),
    "rule-duplicate-key": (_duplicate_id, "duplicate key 'id'", "line:col"),
    "rule-deep-nesting": (
        _rule_file(b"check: " + b"[" * 100_000 + b"]" * 100_000 + b"\n"),
        "nesting depth",
        "line:col",
    ),
    "rule-binary": (_rule_file(b"\x7fELF\x02\x01\x01\x00\x00\x00"), "NUL byte", "line"),
    "rule-invalid-utf8": (_rule_file(b"id: \xff\x80\x80\n"), "neither UTF-8 nor GBK", "line:col"),
    "rule-empty": (_rule_file(b""), "empty", "any"),
    "rule-fullwidth-colon": (
        _rule_file("id： ORG-01\nname: x\n".encode()),
        "full-width colon",
        "line:col",
    ),
    "rule-named-pipe": (_rule_pipe, "not a regular file", ""),
    "rule-symlink-loops": (_rule_loops, "loop of symbolic links", ""),
    "rule-file-of-60-mb": (_rule_huge, "file too large", ""),
}


@pytest.mark.parametrize("case", sorted(PACK_CASES))
def test_broken_rule_pack_is_refused_cleanly(case: str, tmp_path: Path, big_file: Path) -> None:
    maker, message, where = PACK_CASES[case]
    pack = tmp_path / "pack"
    shutil.copytree(builtin_rules_dir(), pack)
    rules, shown = maker(pack, big_file)
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    results = run_together(
        [
            ["audit", str(VILLAGE), "--rules", str(rules), "--lang", "en", "--as-of", AS_OF_TEXT],
            ["rules", "list", "--rules", str(rules), "--lang", "en"],
        ],
        cwd,
    )
    for result in results:
        check_discipline(result, 3)
        assert re.search(located(str(shown), where), result.output), result.output[:2000]
        assert message in result.output, result.output[:2000]
    assert listing(cwd) == []
