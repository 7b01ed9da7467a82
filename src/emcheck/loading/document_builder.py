"""Build a Document from the YAML parser's events: data, positions, and the refusals.

Events, not PyYAML's constructor, so that nesting depth, alias expansion, duplicate keys and
tags are all under our control: no tag is ever executed, an alias bomb or a 100,000-deep nest
is refused with a message, and nothing recurses on the Python stack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from emcheck.errors import EmcheckError, Location
from emcheck.i18n import Text
from emcheck.loading import yaml_hints
from emcheck.loading.document import Document, JsonPath, Position
from emcheck.loading.ignore_comments import find_ignores
from emcheck.loading.reading import Limits
from emcheck.loading.scalars import ALLOWED_TAGS, UnreadableScalar, read_scalar


@dataclass
class _Open:
    """A mapping or sequence being built."""

    value: dict[str, Any] | list[Any]
    path: JsonPath
    anchor: str | None
    nodes_at_start: int
    pending_key: str | None = None
    key_marks: dict[str, Position] = field(default_factory=dict)


class DocumentBuilder:
    """Feed it every event of one stream, then ``finish`` it into a Document."""

    def __init__(
        self, file: str, text: str, error_type: type[EmcheckError], limits: Limits
    ) -> None:
        self.file = file
        self.text = text
        self.error_type = error_type
        self.limits = limits
        self.stack: list[_Open] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.positions: dict[JsonPath, Position] = {}
        self.nodes = 0
        self.documents = 0
        self.root: Any = None

    def fail(self, event: yaml.Event, zh: str, en: str) -> EmcheckError:
        return self.error_type(self._at(event), Text(zh, en))

    def _at(self, event: yaml.Event) -> Location:
        position = _position(event)
        return Location(self.file, position.line, position.column)

    def feed(self, event: yaml.Event) -> None:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            self._on_scalar(event)  # type: ignore[arg-type]
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            self._open(event)  # type: ignore[arg-type]
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            done = self.stack.pop()
            if done.anchor is not None:
                self.anchors[done.anchor] = (done.value, self.nodes - done.nodes_at_start)
            if self.stack:
                self._attach(done.value)
            else:
                self.root = done.value
        elif kind is yaml.AliasEvent:
            self._alias(event)  # type: ignore[arg-type]
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                raise self.fail(
                    event,
                    "一个文件只能有一个 YAML 文档（发现了第二个 ---）",
                    "a file holds one YAML document only (found a second ---)",
                )

    def _on_scalar(self, event: yaml.ScalarEvent) -> None:
        if event.tag is not None:
            self._check_tag(event)
        if len(event.value) > self.limits.max_text:
            raise self.fail(
                event,
                f"这个值有 {len(event.value)} 个字符，超过上限 {self.limits.max_text}",
                f"this value is {len(event.value)} characters long, more than the limit "
                f"of {self.limits.max_text}",
            )
        top = self.stack[-1] if self.stack else None
        if top is not None and type(top.value) is dict:
            key = top.pending_key
            if key is None:
                self._take_key(event)
                return
            if event.anchor is None:
                # The common case, kept short: a plain value for the key just read.
                self._count(event, 1)
                path = (*top.path, key)
                self.positions[path] = top.key_marks[key]
                top.value[key] = self._scalar(event)
                top.pending_key = None
                return
        self._place(event, self._scalar(event), event.anchor, 1)

    def _expecting_key(self) -> bool:
        top = self.stack[-1] if self.stack else None
        return top is not None and isinstance(top.value, dict) and top.pending_key is None

    def _check_tag(self, event: yaml.NodeEvent) -> None:
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in ALLOWED_TAGS:
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
        if event.anchor is not None:
            raise self.fail(
                event,
                f"锚点 &{event.anchor} 不能放在键上，只能放在值上",
                f"the anchor &{event.anchor} stands on a key; anchors belong on values",
            )
        suspect = yaml_hints.suspect_in_key(key)
        if suspect is not None:
            offset, what = suspect
            shown = yaml_hints.shorten(key)
            raise self.fail(
                event,
                f"键 “{shown}” 的第 {offset} 个字符是{what.zh}",
                f"character {offset} of the key '{shown}' is {what.en}",
            )
        if key == "<<" and event.implicit[0]:
            raise self.fail(
                event,
                "不支持 YAML 合并键 <<，请直接写出各项",
                "YAML merge keys (<<) are not supported",
            )
        position = _position(event)
        if key in top.value or key in top.key_marks:
            first = top.key_marks[key]
            shown = yaml_hints.shorten(key)
            raise self.fail(
                event,
                f"键 “{shown}” 重复（第一次出现在第 {first.line} 行）",
                f"duplicate key '{shown}' (first at line {first.line})",
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
            if isinstance(event, yaml.ScalarEvent) and not event.style:  # plain: None or ""
                self._check_lone_text(event)
            self.root = value

    def _check_lone_text(self, event: yaml.ScalarEvent) -> None:
        """A file that is one plain text: usually ``key：value`` or ``key:value`` lines."""
        start = event.start_mark.index if event.start_mark is not None else 0
        end = event.end_mark.index if event.end_mark is not None else len(self.text)
        found = yaml_hints.lone_text(self.text, start, end)
        if found is not None:
            line, column, message = found
            raise self.error_type(Location(self.file, line, column), message)

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
        try:
            return read_scalar(event)
        except UnreadableScalar as error:
            raise self.error_type(self._at(event), error.message) from None

    def finish(self, encoding: str) -> Document:
        return Document(
            file=self.file,
            data=self.root,
            positions=self.positions,
            encoding=encoding,
            empty=self.documents == 0 or (self.root is None and len(self.positions) <= 1),
            ignores=find_ignores(self.text, self.file),
        )


def _position(event: yaml.Event) -> Position:
    mark = event.start_mark
    return Position(mark.line + 1, mark.column + 1) if mark is not None else Position(1, 1)
