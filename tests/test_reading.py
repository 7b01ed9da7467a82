"""Reading input files: limits from the environment, and files that are no regular files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from emcheck.errors import InputError, RulePackError
from emcheck.loading.loader import load_file
from emcheck.loading.reading import Limits, read_file


def test_limits_come_from_the_environment() -> None:
    limits = Limits.from_environment({"EMCHECK_MAX_VALUES": "2_000", "EMCHECK_MAX_TEXT": " 50 "})
    assert (limits.max_nodes, limits.max_text) == (2000, 50)
    assert limits.max_bytes == Limits().max_bytes


@pytest.mark.parametrize("value", ["0", "-1", "ten", "1e6"])
def test_a_bad_limit_is_an_input_error_naming_the_variable(value: str) -> None:
    with pytest.raises(InputError) as caught:
        Limits.from_environment({"EMCHECK_MAX_DEPTH": value})
    assert caught.value.location.file == "EMCHECK_MAX_DEPTH"


def test_load_file_reads_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site.yaml"
    site.write_text("name: " + "柳" * 60 + "\n", encoding="utf-8")
    monkeypatch.setenv("EMCHECK_MAX_TEXT", "50")
    with pytest.raises(InputError) as caught:
        load_file(site)
    assert "50" in caught.value.message.en
    monkeypatch.delenv("EMCHECK_MAX_TEXT")
    assert load_file(site).data == {"name": "柳" * 60}


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "site.yaml"
    os.mkfifo(pipe)
    with pytest.raises(RulePackError) as caught:
        read_file(pipe, RulePackError)
    assert "not a regular file" in caught.value.message.en


def test_a_device_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        read_file(Path("/dev/zero"))
    assert "不是普通文件" in caught.value.message.zh


def test_symbolic_link_problems_are_named(tmp_path: Path) -> None:
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    (tmp_path / "broken.yaml").symlink_to("missing.yaml")
    with pytest.raises(InputError) as loop:
        read_file(tmp_path / "loop.yaml")
    with pytest.raises(InputError) as broken:
        read_file(tmp_path / "broken.yaml")
    assert "循环" in loop.value.message.zh and "指向的文件不存在" in broken.value.message.zh


def test_the_limit_holds_even_when_the_size_lies(tmp_path: Path) -> None:
    site = tmp_path / "site.yaml"
    site.write_bytes(b"a: 1\n" * 100)
    assert read_file(site, limits=Limits(max_bytes=500)) == b"a: 1\n" * 100
    with pytest.raises(InputError):
        read_file(site, limits=Limits(max_bytes=499))
