"""Read a YAML file into plain JSON-like data plus the 1-based position of every value.

The document is built from the parser's event stream rather than PyYAML's constructor, so
that nesting depth, alias expansion, duplicate keys and tags are all under our control: no
tag is ever executed, an alias bomb or a 100,000-deep nest is refused with a message, and
nothing recurses on the Python stack.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from emcheck.document import Document, JsonPath, Position
from emcheck.encoding import decode
from emcheck.errors import EmcheckError, InputError, Location
from emcheck.i18n import Text

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")}
_ALLOWED_TAGS |= {f"{_TAG}timestamp", "!"}


@dataclass(frozen=True)
class Limits:
    """How much a single input file may ask of us; documented in the README."""

    max_bytes: int = 10 * 1024 * 1024
    """Files larger than this are refused before they are read (10 MiB)."""
    max_depth: int = 64
    """Deepest nesting of mappings and sequences."""
    max_nodes: int = 500_000
    """Values after expanding aliases; stops alias bombs ("billion laughs")."""


DEFAULT_LIMITS = Limits()


@dataclass
class _Open:
    """A mapping or sequence being built."""

    value: dict[str, Any] | list[Any]
    path: JsonPath
    anchor: str | None
    nodes_at_start: int
    pending_key: str | None = None
    key_marks: dict[str, Position] = field(default_factory=dict)


def load_file(
    path: Path, error_type: type[EmcheckError] = InputError, limits: Limits = DEFAULT_LIMITS
) -> Document:
    """Load one YAML file; any problem raises ``error_type`` naming file, line and column."""
    shown = str(path)
    try:
        size = os.stat(path).st_size
        if path.is_dir():
            raise error_type(Location(shown), Text("这是一个文件夹，不是文件", "this is a folder"))
        if size > limits.max_bytes:
            raise error_type(
                Location(shown),
                Text(
                    f"文件过大：{size} 字节，上限为 {limits.max_bytes} 字节",
                    f"file too large: {size} bytes, the limit is {limits.max_bytes}",
                ),
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise error_type(Location(shown), Text("文件不存在", "no such file")) from None
    except OSError as error:
        raise error_type(
            Location(shown),
            Text(f"无法读取文件：{error.strerror}", f"cannot read the file: {error.strerror}"),
        ) from None
    return load_bytes(raw, shown, error_type, limits)


def load_bytes(
    raw: bytes,
    file: str,
    error_type: type[EmcheckError] = InputError,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    if len(raw) > limits.max_bytes:
        raise error_type(
            Location(file),
            Text(
                f"文件过大：{len(raw)} 字节，上限为 {limits.max_bytes} 字节",
                f"file too large: {len(raw)} bytes, the limit is {limits.max_bytes}",
            ),
        )
    try:
        text, encoding = decode(raw, file)
    except InputError as error:
        raise error_type(error.location, error.message) from None
    builder = _Builder(file, error_type, limits)
    try:
        for event in yaml.parse(text, Loader=_Parser):
            builder.feed(event)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        problem = error.problem or error.context or "syntax error"
        raise error_type(
            Location(file, line, column),
            Text(f"YAML 语法错误：{problem}", f"YAML syntax error: {problem}"),
        ) from None
    except yaml.YAMLError as error:
        raise error_type(
            Location(file), Text(f"YAML 无法解析：{error}", f"YAML cannot be parsed: {error}")
        ) from None
    return builder.finish(encoding)


class _Builder:
    def __init__(self, file: str, error_type: type[EmcheckError], limits: Limits) -> None:
        self.file = file
        self.error_type = error_type
        self.limits = limits
        self.stack: list[_Open] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.positions: dict[JsonPath, Position] = {}
        self.nodes = 0
        self.documents = 0
        self.root: Any = None

    def fail(self, event: yaml.Event, zh: str, en: str) -> EmcheckError:
        position = _position(event)
        return self.error_type(Location(self.file, position.line, position.column), Text(zh, en))

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self.fail(
                    event,
                    "一个文件只能有一个 YAML 文档（发现了第二个 ---）",
                    "a file holds one YAML document only (found a second ---)",
                )
        elif isinstance(event, yaml.ScalarEvent):
            self._check_tag(event)
            if self._expecting_key():
                self._take_key(event)
            else:
                self._place(event, self._scalar(event), event.anchor, 1)
        elif isinstance(event, yaml.AliasEvent):
            self._alias(event)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._open(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            done = self.stack.pop()
            if done.anchor is not None:
                self.anchors[done.anchor] = (done.value, self.nodes - done.nodes_at_start)
            if self.stack:
                self._attach(done.value)
            else:
                self.root = done.value

    def _expecting_key(self) -> bool:
        top = self.stack[-1] if self.stack else None
        return top is not None and isinstance(top.value, dict) and top.pending_key is None

    def _check_tag(self, event: yaml.NodeEvent) -> None:
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _ALLOWED_TAGS:
            raise self.fail(
                event,
                f"不允许使用 YAML 标签 {tag}：站点文件只能包含文本、数字、日期、列表和映射",
                f"YAML tag {tag} is not allowed: site files hold only text, numbers, dates, "
                "lists and mappings",
            )

    def _take_key(self, event: yaml.ScalarEvent) -> None:
        top = self.stack[-1]
        assert isinstance(top.value, dict)
        key = event.value
        if key == "<<" and event.implicit[0]:
            raise self.fail(
                event,
                "不支持 YAML 合并键 <<，请直接写出各项",
                "YAML merge keys (<<) are not supported",
            )
        position = _position(event)
        if key in top.value or key in top.key_marks:
            first = top.key_marks[key]
            raise self.fail(
                event,
                f"键 “{key}” 重复（第一次出现在第 {first.line} 行）",
                f"duplicate key '{key}' (first at line {first.line})",
            )
        top.key_marks[key] = position
        top.pending_key = key

    def _open(self, event: yaml.CollectionStartEvent) -> None:
        self._check_tag(event)
        if self._expecting_key():
            raise self.fail(event, "键必须是简单文本，不能是列表或映射", "keys must be plain text")
        if len(self.stack) >= self.limits.max_depth:
            raise self.fail(
                event,
                f"嵌套层级超过 {self.limits.max_depth} 层",
                f"nesting deeper than {self.limits.max_depth} levels",
            )
        self._count(event, 1)
        path = self._child_path()
        self._record(path, event)
        container: dict[str, Any] | list[Any] = (
            {} if isinstance(event, yaml.MappingStartEvent) else []
        )
        self.stack.append(_Open(container, path, event.anchor, self.nodes))

    def _alias(self, event: yaml.AliasEvent) -> None:
        if event.anchor not in self.anchors:
            raise self.fail(
                event,
                f"别名 *{event.anchor} 没有对应的锚点",
                f"alias *{event.anchor} has no anchor",
            )
        if self._expecting_key():
            raise self.fail(event, "键不能是别名", "keys cannot be aliases")
        value, size = self.anchors[event.anchor]
        self._place(event, value, None, size)

    def _place(self, event: yaml.Event, value: Any, anchor: str | None, size: int) -> None:
        self._count(event, size)
        self._record(self._child_path(), event)
        if anchor is not None:
            self.anchors[anchor] = (value, size)
        if self.stack:
            self._attach(value)
        else:
            self.root = value

    def _count(self, event: yaml.Event, size: int) -> None:
        self.nodes += size
        if self.nodes > self.limits.max_nodes:
            raise self.fail(
                event,
                f"文件展开后超过 {self.limits.max_nodes} 个值（可能是别名炸弹）",
                f"more than {self.limits.max_nodes} values after expanding aliases "
                "(an alias bomb?)",
            )

    def _child_path(self) -> JsonPath:
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.value, dict):
            assert top.pending_key is not None
            return (*top.path, top.pending_key)
        return (*top.path, len(top.value))

    def _record(self, path: JsonPath, event: yaml.Event) -> None:
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.value, dict) and top.pending_key is not None:
            # A finding about a mapping entry is easiest to act on at its key's line.
            self.positions[path] = top.key_marks[top.pending_key]
        else:
            self.positions[path] = _position(event)

    def _attach(self, value: Any) -> None:
        top = self.stack[-1]
        if isinstance(top.value, dict):
            assert top.pending_key is not None
            top.value[top.pending_key] = value
            top.pending_key = None
        else:
            top.value.append(value)

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        if tag in (None, "!"):
            implicit = event.implicit if tag is None else (False, False)
            tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, implicit)  # type: ignore[no-untyped-call]
        node = yaml.ScalarNode(tag, event.value)
        if tag == f"{_TAG}timestamp":
            # Dates stay ISO text, as JSON Schema's "date" format expects.
            return event.value
        constructor = _CONSTRUCTORS.get(tag)
        if constructor is None:
            return event.value
        try:
            return constructor(node)
        except (ValueError, yaml.constructor.ConstructorError):
            raise self.fail(
                event,
                f"值 “{event.value}” 与其标签 {tag} 不符",
                f"value '{event.value}' does not fit its tag {tag}",
            ) from None

    def finish(self, encoding: str) -> Document:
        return Document(
            file=self.file,
            data=self.root,
            positions=self.positions,
            encoding=encoding,
            empty=self.documents == 0 or (self.root is None and len(self.positions) <= 1),
        )


def _position(event: yaml.Event) -> Position:
    mark = event.start_mark
    return Position(mark.line + 1, mark.column + 1) if mark is not None else Position(1, 1)


_RESOLVER = yaml.resolver.Resolver()
_SAFE = yaml.constructor.SafeConstructor()
_CONSTRUCTORS = {
    f"{_TAG}null": _SAFE.construct_yaml_null,
    f"{_TAG}bool": _SAFE.construct_yaml_bool,
    f"{_TAG}int": _SAFE.construct_yaml_int,
    f"{_TAG}float": _SAFE.construct_yaml_float,
    f"{_TAG}str": _SAFE.construct_scalar,
}
