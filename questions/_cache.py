"""Parsed question files kept as JSON between runs, so start-up parses only files that changed."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_FORMAT = 1
"""Bumped when what is cached changes, so an old cache is ignored instead of misread."""


def default_cache_file(bank: Path) -> Path:
    """`$XDG_CACHE_HOME/screenprep/bank-<folder hash>.json` (else under `~/.cache`).

    One file per bank folder: two checkouts or installs sharing one file would each drop the other's
    entries on every start and parse all their files again.
    """
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    folder = hashlib.sha1(str(bank.resolve()).encode(), usedforsecurity=False).hexdigest()[:12]
    return Path(base) / "screenprep" / f"bank-{folder}.json"


@dataclass
class ParsedFiles:
    """Each file's parsed YAML, valid while its size and modification time are unchanged."""

    path: Path | None
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def open(cls, path: Path | None) -> ParsedFiles:
        """The cache at `path` (None: no cache); an unreadable or foreign file counts as empty."""
        if path is None:
            return cls(None)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(path)
        if not isinstance(data, dict) or data.get("format") != _FORMAT:
            return cls(path)
        return cls(path, data.get("files", {}))

    def get(self, source: Path) -> Any | None:
        entry = self.entries.get(str(source))
        return entry["raw"] if entry and entry["stamp"] == _stamp(source) else None

    def put(self, source: Path, raw: Any) -> None:
        self.entries[str(source)] = {"stamp": _stamp(source), "raw": raw}
        self.changed = True

    def save(self, keep: set[Path]) -> None:
        """Write back what changed and drop files that are gone; an unwritable cache is skipped."""
        dropped = set(self.entries) - {str(p) for p in keep}
        if self.path is None or not (self.changed or dropped):
            return
        for name in dropped:
            del self.entries[name]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps({"format": _FORMAT, "files": self.entries}), encoding="utf-8")
            partial.replace(self.path)
        except OSError as exc:
            log.debug("question cache not written: %s", exc)


def _stamp(source: Path) -> list[int]:
    info = source.stat()
    return [info.st_size, info.st_mtime_ns]
