"""The checked-file cache: used while a file and the checking code are unchanged, never fatal, never
read from a file someone else could have written."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

from questions import load_bank
from questions._cache import Checked, code_stamp

SOURCE = Path(__file__).resolve().parents[1] / "data" / "questions" / "test-two-heads.yaml"


def a_bank(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "bank"
    root.mkdir()
    shutil.copy(SOURCE, root / SOURCE.name)
    return root, tmp_path / "cache" / "bank.pickle"


def retitle_cached(cache: Path, title: str, *, code: str | None = None, mode: int = 0o600) -> None:
    """Change the cached question's title, so a load that shows it must have read the cache."""
    saved = pickle.loads(cache.read_bytes())
    (path, entry), *_ = saved["files"].items()
    question = entry.question.model_copy(update={"title": title})
    saved["files"][path] = Checked(entry.stamp, question, entry.problems)
    saved["code"] = code or saved["code"]
    cache.write_bytes(pickle.dumps(saved))
    os.chmod(cache, mode)


def test_an_unchanged_file_is_read_from_the_cache(tmp_path: Path):
    root, cache = a_bank(tmp_path)
    first = load_bank(root, cache=cache)
    assert cache.stat().st_mode & 0o777 == 0o600
    retitle_cached(cache, "Title from the cache")
    assert load_bank(root, cache=cache).get("test-two-heads").title == "Title from the cache"
    assert first.get("test-two-heads").title == "Two heads"


def test_a_changed_file_is_checked_again(tmp_path: Path):
    root, cache = a_bank(tmp_path)
    load_bank(root, cache=cache)
    path = root / SOURCE.name
    path.write_text(path.read_text().replace("title: Two heads", "title: Changed heads"))
    assert load_bank(root, cache=cache).get("test-two-heads").title == "Changed heads"


def test_a_broken_file_keeps_its_problems_in_the_cache(tmp_path: Path):
    root, cache = a_bank(tmp_path)
    path = root / SOURCE.name
    path.write_text(path.read_text().replace("difficulty: easy", "difficulty: trivial"))
    first = load_bank(root, cache=cache)
    again = load_bank(root, cache=cache)
    assert len(first) == len(again) == 0
    assert [str(p) for p in again.problems] == [str(p) for p in first.problems]
    assert "difficulty" in str(first.problems[0])


def test_another_code_version_s_cache_is_ignored(tmp_path: Path):
    root, cache = a_bank(tmp_path)
    load_bank(root, cache=cache)
    retitle_cached(cache, "Title from older code", code="0" * 16)
    assert code_stamp() != "0" * 16
    assert load_bank(root, cache=cache).get("test-two-heads").title == "Two heads"


def test_a_cache_others_may_write_is_not_read(tmp_path: Path, caplog):
    root, cache = a_bank(tmp_path)
    load_bank(root, cache=cache)
    retitle_cached(cache, "Title someone else wrote", mode=0o666)
    assert load_bank(root, cache=cache).get("test-two-heads").title == "Two heads"
    assert "another user could have written it" in caplog.text


def test_a_broken_or_unwritable_cache_is_ignored(tmp_path: Path):
    root, cache = a_bank(tmp_path)
    cache.parent.mkdir()
    cache.write_bytes(b"\x80\x05not a pickle")
    os.chmod(cache, 0o600)
    assert len(load_bank(root, cache=cache)) == 1
    blocked = tmp_path / "a-file" / "bank.pickle"
    blocked.parent.write_text("a file where the cache folder would be")
    assert len(load_bank(root, cache=blocked)) == 1


def test_two_bank_folders_keep_separate_caches(tmp_path, monkeypatch):
    """Two checkouts sharing one cache file would each drop the other's entries on every start."""
    from questions._cache import default_cache_file

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first, second = default_cache_file(tmp_path / "a" / "bank"), default_cache_file(tmp_path / "b" / "bank")
    assert first != second and first.parent == second.parent == tmp_path / "screenprep"
    assert default_cache_file(tmp_path / "a" / "bank") == first
