"""What loading made of each question file, kept between runs, so start-up checks only changed files.

An entry holds the file's validated question (or its problems) and stays good while the file's size
and modification time are unchanged and so is the code that checked it: the whole cache belongs to
one version of the schema, the loader and the generators (`code_stamp`), and is ignored otherwise.

It is a pickle, like Python's own `__pycache__` a file that runs code when read, so it is read only
from a file that this user owns and nobody else may write; anything else counts as no cache.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pydantic

from questions._schema import Question

log = logging.getLogger(__name__)

_CODE = Path(__file__).parent
_CHECKING_CODE = ("*.py", "generators/*.py")
"""The modules that decide what a file loads as (the schema, the loader, the generators, this cache's
own layout): a change to any of them makes the cache another version's, ignored and rewritten."""
_OTHERS_MAY_WRITE = 0o022


@dataclass(frozen=True)
class Checked:
    """One file as loading left it: a question, or the problems (field, message) that kept it out."""

    stamp: tuple[int, int]
    question: Question | None
    problems: tuple[tuple[str, str], ...]


def default_cache_file(bank: Path) -> Path:
    """`$XDG_CACHE_HOME/screenprep/bank-<folder hash>.pickle` (else under `~/.cache`).

    One file per bank folder: two checkouts or installs sharing one file would each drop the other's
    entries on every start and check all their files again.
    """
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    folder = hashlib.sha1(str(bank.resolve()).encode(), usedforsecurity=False).hexdigest()[:12]
    return Path(base) / "screenprep" / f"bank-{folder}.pickle"


def code_stamp() -> str:
    """Names this version of the checking code (and of Python and pydantic) by its files' stamps."""
    stamps = sorted(
        (str(path.relative_to(_CODE)), *file_stamp(path))
        for pattern in _CHECKING_CODE
        for path in _CODE.glob(pattern)
    )
    text = repr((sys.version, pydantic.VERSION, stamps))
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]


@dataclass
class CheckedFiles:
    """Each file's outcome by path, for the files unchanged since this code checked them."""

    path: Path | None
    code: str = ""
    entries: dict[str, Checked] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def open(cls, path: Path | None) -> CheckedFiles:
        """The cache at `path` (None: no cache); an unusable or other code's file counts as empty."""
        if path is None:
            return cls(None)
        code = code_stamp()
        saved = _read(path)
        files = saved.get("files") if isinstance(saved, dict) and saved.get("code") == code else None
        return cls(path, code, files if isinstance(files, dict) else {})

    def get(self, source: Path) -> Checked | None:
        entry = self.entries.get(str(source))
        try:
            return entry if isinstance(entry, Checked) and entry.stamp == file_stamp(source) else None
        except OSError:
            return None

    def put(self, source: Path, question: Question | None, problems: list[tuple[str, str]]) -> None:
        """Keep a file's outcome; a file that cannot be stamped (gone, unreadable) is checked every time."""
        try:
            stamp = file_stamp(source)
        except OSError:
            return
        self.entries[str(source)] = Checked(stamp, question, tuple(problems))
        self.changed = True

    def save(self, keep: set[Path]) -> None:
        """Write back what changed and drop files that are gone; an unwritable cache is skipped."""
        dropped = set(self.entries) - {str(p) for p in keep}
        if self.path is None or not (self.changed or dropped):
            return
        for name in dropped:
            del self.entries[name]
        data = pickle.dumps({"code": self.code, "files": self.entries}, protocol=pickle.HIGHEST_PROTOCOL)
        partial = self.path.with_suffix(f".{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
                out.write(data)
            partial.replace(self.path)
        except OSError as exc:
            log.debug("question cache not written: %s", exc)


def _read(path: Path) -> object:
    """The pickled cache, or None when it is missing, damaged, or not written by this user alone."""
    try:
        with path.open("rb") as source:
            info = os.fstat(source.fileno())
            if info.st_uid != os.geteuid() or info.st_mode & _OTHERS_MAY_WRITE:
                log.warning("ignoring the question cache %s: another user could have written it", path)
                return None
            return _unpickle_all_at_once(source)
    except OSError:
        return None
    except Exception as exc:  # a truncated or foreign pickle fails in many ways; each means "no cache"
        log.debug("question cache %s unreadable: %r", path, exc)
        return None


def _unpickle_all_at_once(source: BinaryIO) -> object:
    """Unpickle with the cycle collector paused: it would otherwise run over and over while some ten
    thousand new objects appear, none of which can be garbage yet (this halves the load)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(source)
    finally:
        if collecting:
            gc.enable()


def file_stamp(source: Path) -> tuple[int, int]:
    info = source.stat()
    return info.st_size, info.st_mtime_ns
