"""The validated-pack cache: used when nothing changed, bypassed the moment anything did."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from emcheck.errors import RulePackError
from emcheck.resources import builtin_rules_dir
from emcheck.rulepack import cache as pack_cache
from emcheck.rulepack.choose import load_rule_pack
from emcheck.rulepack.model import RulePack
from emcheck.rulepack.pack import load_pack


@pytest.fixture
def pack_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("EMCHECK_NO_CACHE", raising=False)
    copy = tmp_path / "pack"
    shutil.copytree(builtin_rules_dir(), copy)
    return copy


def counting_loader(calls: list[Path]):  # type: ignore[no-untyped-def]
    def load(folder: Path) -> RulePack:
        calls.append(folder)
        return load_pack(folder)

    return load


def test_second_load_comes_from_the_cache(pack_copy: Path) -> None:
    calls: list[Path] = []
    first = pack_cache.cached(pack_copy, counting_loader(calls))
    second = pack_cache.cached(pack_copy, counting_loader(calls))
    assert len(calls) == 1
    assert [r.id for r in second.rules] == [r.id for r in first.rules]
    assert second.settings == first.settings
    failing = next(r for r in second.rules if r.message is not None)
    assert failing.message is not None and failing.message.zh.render(
        subject="甲村", problems=["x"], **second.settings
    )


def test_an_edited_rule_file_is_loaded_again(pack_copy: Path) -> None:
    calls: list[Path] = []
    pack_cache.cached(pack_copy, counting_loader(calls))
    pack_yaml = pack_copy / "pack.yaml"
    pack_yaml.write_text(
        pack_yaml.read_text(encoding="utf-8").replace(
            "village_team_min: 10", "village_team_min: 12"
        ),
        encoding="utf-8",
    )
    reloaded = pack_cache.cached(pack_copy, counting_loader(calls))
    assert len(calls) == 2 and reloaded.settings["village_team_min"] == 12


def test_a_broken_edit_is_still_an_error(pack_copy: Path) -> None:
    load_rule_pack(pack_copy)
    rule = next(pack_copy.rglob("ORG-08.yaml"))
    rule.write_text(
        rule.read_text(encoding="utf-8").replace("count:", "cuont:", 1), encoding="utf-8"
    )
    with pytest.raises(RulePackError) as caught:
        load_rule_pack(pack_copy)
    assert caught.value.location.file.endswith("ORG-08.yaml")


def test_corrupt_or_foreign_cache_files_are_ignored(pack_copy: Path) -> None:
    calls: list[Path] = []
    pack_cache.cached(pack_copy, counting_loader(calls))
    (cached_file,) = pack_cache.cache_dir().iterdir()
    cached_file.write_bytes(b"not a pickle")
    assert pack_cache.cached(pack_copy, counting_loader(calls)).rules
    os.chmod(cached_file, 0o666)
    assert pack_cache.cached(pack_copy, counting_loader(calls)).rules
    assert len(calls) == 3


def test_no_cache_setting_and_unwritable_folder(
    pack_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[Path] = []
    monkeypatch.setenv("EMCHECK_NO_CACHE", "1")
    pack_cache.cached(pack_copy, counting_loader(calls))
    pack_cache.cached(pack_copy, counting_loader(calls))
    assert len(calls) == 2
    monkeypatch.delenv("EMCHECK_NO_CACHE")
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("EMCHECK_CACHE_DIR", str(blocker / "cache"))
    assert pack_cache.cached(pack_copy, counting_loader(calls)).rules
