"""The parsed-file cache: used while a file is unchanged, refreshed when it changes, never fatal."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from questions import load_bank

SOURCE = Path(__file__).resolve().parents[1] / "data" / "questions" / "test-two-heads.yaml"


def a_bank(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "bank"
    root.mkdir()
    shutil.copy(SOURCE, root / SOURCE.name)
    return root, tmp_path / "cache" / "bank.json"


def test_an_unchanged_file_is_read_from_the_cache(tmp_path: Path):
    root, cache = a_bank(tmp_path)
    first = load_bank(root, cache=cache)
    data = json.loads(cache.read_text())
    (entry,) = data["files"].values()
    entry["raw"]["title"] = "Title from the cache"
    cache.write_text(json.dumps(data))
    assert load_bank(root, cache=cache).get("test-two-heads").title == "Title from the cache"
    assert first.get("test-two-heads").title != "Title from the cache"


def test_a_changed_file_is_parsed_again(tmp_path: Path):
    root, cache = a_bank(tmp_path)
    load_bank(root, cache=cache)
    path = root / SOURCE.name
    path.write_text(path.read_text().replace("title: Two heads", "title: Changed heads"))
    assert load_bank(root, cache=cache).get("test-two-heads").title == "Changed heads"


def test_a_broken_or_unwritable_cache_is_ignored(tmp_path: Path):
    root, cache = a_bank(tmp_path)
    cache.parent.mkdir()
    cache.write_text("{not json")
    assert len(load_bank(root, cache=cache)) == 1
    blocked = tmp_path / "a-file" / "bank.json"
    blocked.parent.write_text("a file where the cache folder would be")
    assert len(load_bank(root, cache=blocked)) == 1


def test_two_bank_folders_keep_separate_caches(tmp_path, monkeypatch):
    """Two checkouts sharing one cache file would each drop the other's entries on every start."""
    from questions._cache import default_cache_file

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first, second = default_cache_file(tmp_path / "a" / "bank"), default_cache_file(tmp_path / "b" / "bank")
    assert first != second and first.parent == second.parent == tmp_path / "screenprep"
    assert default_cache_file(tmp_path / "a" / "bank") == first
