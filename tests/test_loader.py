"""The loader: encodings, positions, and every malformed input a submitter can send."""

from __future__ import annotations

from pathlib import Path

import pytest

from emcheck.errors import InputError, RulePackError
from emcheck.loading.loader import load_bytes, load_file
from emcheck.loading.reading import DEFAULT_LIMITS, Limits


def load(text: str | bytes, limits: Limits = DEFAULT_LIMITS):  # type: ignore[no-untyped-def]
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return load_bytes(raw, "site.yaml", limits=limits)


def error_of(text: str | bytes, limits: Limits = DEFAULT_LIMITS) -> InputError:
    with pytest.raises(InputError) as caught:
        load(text, limits)
    return caught.value


class TestPositions:
    def test_every_value_has_a_one_based_line_and_column(self) -> None:
        document = load(
            "name: 柳溪村\nrescue_team:\n  members:\n    - name: 王某\n      category: 民兵\n"
        )
        assert document.positions[("name",)].line == 1
        assert document.positions[("rescue_team", "members")].line == 3
        member = document.positions[("rescue_team", "members", 0)]
        assert (member.line, member.column) == (4, 7)
        assert document.positions[("rescue_team", "members", 0, "category")].line == 5

    def test_missing_path_points_at_nearest_ancestor(self) -> None:
        document = load("a:\n  b: 1\n")
        assert document.position_of(("a", "c", "d")).line == 1

    def test_dates_stay_iso_text_and_numbers_are_numbers(self) -> None:
        document = load("d: 2026-03-15\nn: 12\nf: 1.5\nb: true\nz: ~\n")
        assert document.data == {"d": "2026-03-15", "n": 12, "f": 1.5, "b": True, "z": None}


class TestEncodings:
    TEXT = "name: 柳溪村应急管理办公室\nlevel: village\n"

    @pytest.mark.parametrize(
        ("raw", "encoding"),
        [
            (TEXT.encode("utf-8"), "utf-8"),
            (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
            (TEXT.encode("gbk"), "gb18030"),
            (TEXT.encode("gb18030"), "gb18030"),
            (TEXT.encode("utf-16"), "utf-16"),
        ],
    )
    def test_windows_and_unicode_encodings_read_alike(self, raw: bytes, encoding: str) -> None:
        document = load(raw)
        assert document.data == {"name": "柳溪村应急管理办公室", "level": "village"}
        assert document.encoding == encoding

    def test_binary_data_is_refused(self) -> None:
        error = error_of(b"\x89PNG\r\n\x1a\n\x00\x00")
        assert "NUL" in error.message.zh

    def test_bytes_that_are_neither_utf8_nor_gb18030(self) -> None:
        error = error_of(b"name: \x80\x80\x80\n")
        assert error.location.line == 1
        assert "UTF-8" in error.message.zh


class TestRefusals:
    def test_duplicate_key_at_top(self) -> None:
        error = error_of("name: a\nname: b\n")
        assert (error.location.line, error.location.column) == (2, 1)
        assert "重复" in error.message.zh and "第 1 行" in error.message.zh

    def test_duplicate_key_deep_inside_a_list(self) -> None:
        error = error_of("villages:\n  - id: a\n    grids:\n      - name: x\n        name: y\n")
        assert error.location.line == 5

    @pytest.mark.parametrize(
        "text",
        [
            "a: !!python/object/apply:os.system ['echo hi']\n",
            "a: !!python/name:os.system\n",
            "a: !custom x\n",
            "a: !!binary aGk=\n",
            "!!python/object:object {}\n",
        ],
    )
    def test_no_tag_is_ever_executed(self, text: str) -> None:
        error = error_of(text)
        assert "标签" in error.message.zh

    def test_alias_bomb(self) -> None:
        lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
        for index in range(1, 9):
            prev = chr(ord("a") + index - 1)
            name = chr(ord("a") + index)
            lines.append(
                f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]"
            )
        error = error_of("\n".join(lines) + "\n")
        assert "别名" in error.message.zh

    def test_100000_deep_flow_nesting(self) -> None:
        error = error_of("[" * 100_000 + "]" * 100_000)
        assert "nesting" in error.message.en

    def test_deep_block_nesting(self) -> None:
        text = "".join(f"{'  ' * depth}k{depth}:\n" for depth in range(100)) + "  " * 100 + "v: 1\n"
        error = error_of(text)
        assert "嵌套" in error.message.zh
        assert error.location.line == 65

    def test_oversized_input(self) -> None:
        error = error_of("a: " + "x" * 200 + "\n", Limits(max_bytes=100))
        assert "过大" in error.message.zh

    def test_syntax_error_has_line_and_column(self) -> None:
        error = error_of("name: 柳溪村\nlevel: [village\n")
        assert error.location.line is not None and error.location.line >= 2

    def test_tab_indentation(self) -> None:
        error = error_of("a:\n\tb: 1\n")
        assert error.location.line == 2

    def test_two_documents(self) -> None:
        assert "---" in error_of("a: 1\n---\nb: 2\n").message.zh

    def test_merge_keys(self) -> None:
        assert "<<" in error_of("base: &b {x: 1}\nother:\n  <<: *b\n").message.zh

    def test_mapping_as_key(self) -> None:
        assert error_of("? [a, b]\n: 1\n").location.line == 1

    def test_undefined_alias(self) -> None:
        assert "*nowhere" in error_of("a: *nowhere\n").message.zh

    @pytest.mark.parametrize("text", ["", "# 只有注释\n", "---\n", "~\n"])
    def test_empty_documents_are_marked_empty(self, text: str) -> None:
        assert load(text).empty


class TestFiles:
    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(InputError) as caught:
            load_file(tmp_path / "nope.yaml")
        assert caught.value.message.zh == "文件不存在"

    def test_folder_given_as_file(self, tmp_path: Path) -> None:
        with pytest.raises(InputError):
            load_file(tmp_path)

    def test_size_is_checked_before_reading(self, tmp_path: Path) -> None:
        big = tmp_path / "big.yaml"
        big.write_bytes(b"a: 1\n" * 1000)
        with pytest.raises(InputError) as caught:
            load_file(big, limits=Limits(max_bytes=1000))
        assert "过大" in caught.value.message.zh

    def test_error_type_follows_the_caller(self, tmp_path: Path) -> None:
        bad = tmp_path / "pack.yaml"
        bad.write_text("a: 1\na: 2\n", encoding="utf-8")
        with pytest.raises(RulePackError) as caught:
            load_file(bad, RulePackError)
        assert caught.value.exit_code == 3
