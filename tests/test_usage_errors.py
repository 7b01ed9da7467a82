"""Usage errors are told in the run's language, like every other message, with exit code 2."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def emcheck(*args: str, lang: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "EMCHECK_LANG"}
    if lang is not None:
        env["EMCHECK_LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "emcheck", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "lang", "words"),
    [
        (["audit"], None, "缺少参数 PATHS"),
        (["audit"], "en", "missing argument PATHS"),
        (["audit", "--lang", "en"], "zh", "missing argument PATHS"),
        (["audit", "x", "--nope"], None, "没有这个选项：--nope"),
        (["audit", "x", "-f", "foo"], None, "--format 的值 “foo” 不在可选范围内：console、json"),
        (["init", "--level", "city"], "en", "--level: 'city' is not one of district"),
    ],
)
def test_usage_error_in_the_runs_language(args: list[str], lang: str | None, words: str) -> None:
    result = emcheck(*args, lang=lang)
    assert result.returncode == 2
    assert words in result.stderr and "Traceback" not in result.stderr


def test_no_arguments_shows_the_help() -> None:
    result = emcheck()
    assert result.returncode == 2 and "Usage" in result.stdout


def test_exit_codes_pass_through() -> None:
    assert emcheck("--version").returncode == 0
    assert emcheck("audit", "no-such-file.yaml").returncode == 2
