"""Say what went wrong in a YAML file the way a clerk's editor made it go wrong.

libyaml reports "could not find expected ':'"; the clerk needs to hear that line 12 has a
full-width colon, a Tab, a full-width space or a Word quote. Only used on the error path.
"""

from __future__ import annotations

import re

from emcheck.i18n import Text

_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
"""Line breaks as YAML counts them, so that our line numbers match the parser's."""

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters YAML does not allow anywhere in a file (not even inside quotes)."""

_CONTROL_NAMES = {
    "\x1a": ("Ctrl-Z（旧编辑器的文件结束符）", "Ctrl-Z (the end-of-file mark of old editors)"),
    "\x0c": ("换页符", "a form feed"),
    "\x08": ("退格符", "a backspace"),
    "\x1b": ("Esc 控制符", "an escape character"),
    "\x7f": ("删除控制符", "a delete character"),
}

_SUSPECTS: tuple[tuple[str, str, str], ...] = (
    (
        "：",
        "全角冒号“：”：键和值之间要用半角冒号加空格“: ”",
        "a full-width colon '：': YAML needs ': '",
    ),
    ("\u3000", "全角空格：YAML 只认半角空格", "a full-width space: YAML only knows ASCII spaces"),
    (
        "\xa0",
        "不间断空格（常见于从 Word 或网页复制的内容）：请改为普通空格",
        "a no-break space (often pasted from Word or a web page): use a plain space",
    ),
    (
        "“”‘’",
        "中文引号：YAML 只认半角引号 \" 和 '",
        "a curly quote: YAML only knows the straight quotes \" and '",
    ),
    (
        "\ufeff",
        "文件中间的 BOM 标记（常因两个文件拼接而成）",
        "a byte-order mark in mid-file (two files pasted together?)",
    ),
    ("\u200b\u200c\u200d\u2060", "零宽字符（看不见）", "a zero-width character (invisible)"),
    (
        "\u2028\u2029\x85",
        "特殊换行符（看起来不像换行，YAML 却当作换行）",
        "an unusual line separator that YAML treats as a line break",
    ),
)

_PROBLEMS = {
    "could not find expected ':'": "缺少冒号“:”",
    "mapping values are not allowed in this context": (
        "此处不能出现“键: 值”（冒号后要有空格；值里有冒号要加引号；缩进要对齐）"
    ),
    "found character that cannot start any token": "出现了不能作为开头的字符",
    "found a tab character that violates indentation": "用制表符（Tab）缩进",
    "did not find expected key": "缩进不一致，或缺少键",
    "did not find expected '-' indicator": "列表项的缩进不一致",
    "found unexpected end of stream": "文件意外结束（引号或括号没有闭合？）",
    "found unknown escape character": r"双引号里的 \ 转义无效（路径请用单引号，或写成 \\）",
    "found invalid Unicode character escape code": r"双引号里的 \u 转义不是有效字符",
    "did not find expected ',' or ']'": "方括号列表中缺少逗号或右括号“]”",
    "did not find expected ',' or '}'": "花括号映射中缺少逗号或右括号“}”",
    "did not find expected node content": "缺少内容",
    "found undefined tag handle": "使用了未定义的标签",
    "found unexpected ':'": "出现了多余的冒号",
    "exceeded maximum nesting depth": "嵌套层级过深",
}

_MAX_SIMPLE_KEY = 1024
_LONE_TEXT = re.compile(r"：|^[ \t]*[A-Za-z_][\w-]*:(?=\S)", re.M)


def split_lines(text: str) -> list[str]:
    return _BREAKS.split(text)


def line_and_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index, counting breaks as YAML does."""
    before = text[:index]
    breaks = list(_BREAKS.finditer(before))
    start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, index - start + 1


def shorten(value: str, limit: int = 40) -> str:
    """A value short enough to quote in a message."""
    return value if len(value) <= limit else value[:limit] + "…"


def forbidden_character(text: str) -> tuple[int, int, Text] | None:
    """The first character YAML does not allow, with its line, column and name."""
    found = _FORBIDDEN.search(text)
    if found is None:
        return None
    char = found.group()
    zh, en = _CONTROL_NAMES.get(
        char, (f"控制字符 U+{ord(char):04X}", f"control character U+{ord(char):04X}")
    )
    line, column = line_and_column(text, found.start())
    return (
        line,
        column,
        Text(
            f"第 {line} 行第 {column} 列有{zh}，YAML 不允许这种字符；请在编辑器中删除它",
            f"line {line}, column {column} holds {en}, which YAML does not allow; delete it",
        ),
    )


def syntax_error(problem: str | None, text: str, line: int | None, first: int | None) -> Text:
    """The message for a syntax error at ``line``, with what an editor may have slipped in
    on the lines from ``first`` (where the parser's context began) to there."""
    said = syntax_problem(problem or "syntax error")
    zh, en = f"YAML 语法错误：{said.zh}", f"YAML syntax error: {said.en}"
    if line is not None:
        hint = suspect_in_lines(text, min(first or line, line), line)
        if hint is not None:
            zh, en = f"{zh}。{hint.zh}", f"{en}. {hint.en[:1].upper()}{hint.en[1:]}"
    return Text(zh, en)


def lone_text(text: str, start: int, end: int) -> tuple[int, int, Text] | None:
    """Why a whole file read as one plain text, if it has ``key：value`` or ``key:value`` lines."""
    found = _LONE_TEXT.search(text[start:end])
    if found is None:
        return None
    if found.group() == "：":
        index = start + found.start()
        zh = "全角冒号“：”：键和值之间要用半角冒号加空格“: ”"
        en = "a full-width colon '：': YAML needs ': '"
    else:
        index = start + found.end() - 1
        zh = "冒号后缺少空格：键和值之间要写成“键: 值”"
        en = "a colon with no space after it: write 'key: value'"
    line, column = line_and_column(text, index)
    return (
        line,
        column,
        Text(
            f"整个文件被读成了一段文字，而不是“键: 值”：第 {line} 行第 {column} 列是{zh}",
            f"the whole file reads as one piece of text, not as 'key: value' lines: "
            f"line {line}, column {column} is {en}",
        ),
    )


def syntax_problem(problem: str) -> Text:
    """libyaml's problem in Chinese where we know it, always with the original beside it."""
    zh = _PROBLEMS.get(problem)
    return Text(f"{zh}（{problem}）" if zh else problem, problem)


def suspect_in_lines(text: str, first: int, last: int) -> Text | None:
    """What an editor may have put on lines ``first``..``last`` (1-based) to break the YAML.

    The line before ``first`` is searched too: the parser often notices a stray character
    only on the next line.
    """
    starts = [0] + [found.end() for found in _BREAKS.finditer(text)]
    first = max(first - 1, 1)
    last = min(last, len(starts))
    if first > last:
        return None
    begin = starts[first - 1]
    end = starts[last] if last < len(starts) else len(text)
    for number in range(first, last + 1):
        line_start = starts[number - 1]
        line = text[line_start : starts[number] if number < len(starts) else len(text)]
        indent = len(line) - len(line.lstrip(" \t\u3000\xa0"))
        if "\t" in line[:indent]:
            return Text(
                f"第 {number} 行用制表符（Tab）缩进，YAML 只能用空格缩进",
                f"line {number} is indented with a Tab; YAML indents with spaces only",
            )
    segment = text[begin:end]
    for chars, zh, en in _SUSPECTS:
        offset = next((i for i, c in enumerate(segment) if c in chars), None)
        if offset is not None:
            row, column = line_and_column(text, begin + offset)
            return Text(f"第 {row} 行第 {column} 列是{zh}", f"line {row}, column {column} is {en}")
    for number, line in enumerate(split_lines(segment), first):
        if len(line.split(": ", 1)[0]) > _MAX_SIMPLE_KEY:
            return Text(
                f"第 {number} 行的键超过 {_MAX_SIMPLE_KEY} 个字符，YAML 不接受这么长的键",
                f"the key on line {number} is longer than {_MAX_SIMPLE_KEY} characters, "
                "more than YAML accepts",
            )
    return None


def suspect_in_key(key: str) -> tuple[int, Text] | None:
    """A character no key should hold (keys are snake_case): its 1-based offset and name."""
    if key.isascii():
        return None
    for chars, zh, en in _SUSPECTS:
        for offset, char in enumerate(key):
            if char in chars:
                return offset + 1, Text(zh, en)
    return None
