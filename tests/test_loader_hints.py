"""What editors do to YAML, read the way a clerk means it or explained the way a clerk sees it."""

from __future__ import annotations

import pytest

from conftest import VILLAGE
from emcheck import resources
from emcheck.errors import InputError
from emcheck.loading.loader import load_bytes, load_file
from emcheck.validation.validator import validate_document


def load(text: str) -> object:
    return load_bytes(text.encode("utf-8"), "site.yaml").data


def error_of(raw: str | bytes) -> InputError:
    with pytest.raises(InputError) as caught:
        load_bytes(raw.encode("utf-8") if isinstance(raw, str) else raw, "site.yaml")
    return caught.value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("t: 08:30\n", "08:30"),  # YAML 1.1 reads base 60: 510
        ("t: 010\n", "010"),  # octal 8
        ("t: 0x1F\n", "0x1F"),
        ("t: 1_000\n", "1_000"),
        ("t: 190:20:30.5\n", "190:20:30.5"),
        ("t: 12\n", 12),
        ("t: -3\n", -3),
        ("t: 0\n", 0),
        ("t: 1.5\n", 1.5),
        ("t: 1e999\n", "1e999"),  # no dot: text in YAML 1.1
    ],
)
def test_numbers_a_clerk_would_not_mean_stay_text(text: str, value: object) -> None:
    assert load(text) == {"t": value}


@pytest.mark.parametrize("text", ["t: .nan\n", "t: .inf\n", "t: -.Inf\n", "t: 1.0e+999\n"])
def test_non_finite_numbers_are_refused(text: str) -> None:
    assert "finite" in error_of(text).message.en


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("a: 1\nb：2\nc: 3\n", "全角冒号"),
        ("a:\n\tb: 1\n", "制表符"),
        ("a: 1\nb:\u3000x\nc: 2\n", "全角空格"),
        ("a: 1\nb:\xa0x\nc: 2\n", "不间断空格"),
        ('a: "x”\nb: 1\n', "中文引号"),
        ("a: 1\n\ufeffb: 2\n", "BOM"),
    ],
)
def test_syntax_errors_name_the_editor_slip(text: str, hint: str) -> None:
    error = error_of(text)
    assert hint in error.message.zh and error.location.line is not None


def test_a_whole_file_of_full_width_colons_is_explained() -> None:
    error = error_of("level：village\nname：柳溪村\n")
    assert (error.location.line, error.location.column) == (1, 6)
    assert "全角冒号" in error.message.zh


def test_invisible_characters_in_keys_are_refused() -> None:
    assert "零宽" in error_of("na\u200bme: x\n").message.zh
    assert "全角空格" in error_of("a:\n\u3000\u3000b: 1\n").message.zh


def test_control_characters_are_located() -> None:
    error = error_of("a: 1\nb: x\x07y\n")
    assert (error.location.line, error.location.column) == (2, 5)
    assert "U+0007" in error.message.zh


def test_a_trailing_ctrl_z_is_dropped_and_one_inside_is_not() -> None:
    assert load("a: 1\n\x1a") == {"a": 1}
    assert "Ctrl-Z" in error_of("a: 1\n\x1a\nb: 2\n").message.zh


def test_utf16_without_bom_is_named() -> None:
    assert "UTF-16" in error_of("name: 柳溪村\nlevel: village\n".encode("utf-16-le")).message.en


def test_anchor_on_a_key_is_explained() -> None:
    assert "键上" in error_of("&k a: 1\nb: *k\n").message.zh


def test_schema_problems_are_capped_with_a_count() -> None:
    text = VILLAGE.read_text(encoding="utf-8") + "".join(f"x{i}: 1\n" for i in range(150))
    document = load_bytes(text.encode("utf-8"), "site.yaml")
    problems = validate_document(document, resources.validator("site"), limit=100)
    assert len(problems) == 101
    assert problems[-1].message.en == "50 more problems are not listed"


def test_curly_quotes_in_a_value_get_a_hint() -> None:
    text = VILLAGE.read_text(encoding="utf-8").replace("level: village", "level: “village”")
    document = load_bytes(text.encode("utf-8"), "site.yaml")
    problems = validate_document(document, resources.validator("site"))
    assert any("中文引号" in p.message.zh for p in problems if p.path == ("level",))


def test_a_valid_file_has_no_problems_on_the_quick_path() -> None:
    assert validate_document(load_file(VILLAGE), resources.validator("site")) == []
