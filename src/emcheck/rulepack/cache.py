"""A validated rule pack, kept between runs so a single-file audit does not re-check 47 rules.

The key covers every file of the pack (name, size, modification time), the package's own
schemas and code, and the Python version: any edit loads and checks the pack afresh. The
cache lives in the user's cache folder (``EMCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/emcheck``
or ``~/.cache/emcheck``); ``EMCHECK_NO_CACHE=1`` turns it off. A cache file is read only when
it and its folder belong to this user and nobody else may write them, and any problem with
it just means the pack is loaded the slow way.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from collections.abc import Callable
from pathlib import Path

from emcheck import __version__
from emcheck.rulepack.model import RulePack
from emcheck.writing import write_atomically

_PACKAGE = Path(__file__).resolve().parents[1]
"""The emcheck package: its code (the pack's typed checks live in ``rulepack/operators/``) and
its schemas are part of the key, so a pickled pack is never read by code of another shape."""


def cached(folder: Path, load: Callable[[Path], RulePack]) -> RulePack:
    if os.environ.get("EMCHECK_NO_CACHE"):
        return load(folder)
    try:
        target = cache_dir() / f"pack-{_key(folder)}.pickle"
    except OSError:
        return load(folder)
    pack = _read(target)
    if pack is None:
        pack = load(folder)
        _write(target, pack)
    return pack


def cache_dir() -> Path:
    explicit = os.environ.get("EMCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "emcheck"


def _key(folder: Path) -> str:
    digest = hashlib.sha256(f"{__version__}|{sys.version}|{folder.resolve()}".encode())
    for root, tree in ((folder, "*.y*ml"), (_PACKAGE, "*.py"), (_PACKAGE / "schemas", "*.yaml")):
        for path in sorted(root.rglob(tree)):
            info = path.stat()
            digest.update(f"|{path.relative_to(root)}:{info.st_size}:{info.st_mtime_ns}".encode())
    return digest.hexdigest()[:32]


def _read(target: Path) -> RulePack | None:
    try:
        if not (_private(target) and _private(target.parent)):
            return None
        with target.open("rb") as handle:
            pack = pickle.load(handle)
    except Exception:  # a stale, truncated or foreign cache file is simply not used
        return None
    return pack if isinstance(pack, RulePack) else None


def _private(path: Path) -> bool:
    info = path.stat()
    owner = info.st_uid == os.getuid() if hasattr(os, "getuid") else True
    return owner and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _write(target: Path, pack: RulePack) -> None:
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomically(target, pickle.dumps(pack, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, pickle.PicklingError):
        pass  # a read-only home still audits, only without the shortcut
