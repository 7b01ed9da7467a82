"""Wrapping Chinese and English text by display cells, as the console report does."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from emcheck.reporters.text_layout import columns, wrap


def test_chinese_breaks_anywhere_and_counts_two_cells() -> None:
    assert wrap("应急救援分队人数不足", 8) == ["应急救援", "分队人数", "不足"]


def test_english_keeps_words_and_chinese_terms_whole() -> None:
    lines = wrap("expected covering 预警通报, 舆情应对 found missing 舆情应对", 20, chinese=False)
    assert lines == ["expected covering", "预警通报, 舆情应对", "found missing", "舆情应对"]


def test_a_word_longer_than_the_line_is_cut() -> None:
    assert wrap("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


@given(
    st.text(alphabet=st.sampled_from(list("ab 应急，,。xyz-")), max_size=120),
    st.integers(4, 40),
    st.booleans(),
)
def test_no_line_is_wider_than_asked_and_nothing_is_lost(
    text: str, width: int, chinese: bool
) -> None:
    lines = wrap(text, width, chinese)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "").replace("\t", "")


def test_columns_align_by_display_width() -> None:
    lines = columns([["章节", "符合"], ["二(一) 健全组织体系", "4"]], right=[False, True])
    assert [cell_len(line) for line in lines] == [cell_len(lines[1])] * 2


def test_a_line_never_starts_with_closing_punctuation() -> None:
    assert wrap("应急救援分队人数，不足", 8) == ["应急救援", "分队人", "数，不足"]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(list("应急救援ab")), st.sampled_from(["", "，", "。", "、", "）"])
        ),
        max_size=40,
    ),
    st.integers(4, 30),
)
def test_closing_punctuation_stays_with_what_it_closes(
    pieces: list[tuple[str, str]], width: int
) -> None:
    text = "".join(word + mark for word, mark in pieces)
    lines = wrap(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines) == text
    assert not any(line[:1] in "，。、）" for line in lines[1:])
