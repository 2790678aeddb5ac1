"""Privacy tools: erase one person, export one team, and copy the live database safely.

Export follows foreign keys from `teams` outward, so tables added by later migrations are included
without listing them here; tables that only hold figures derived from the ledger are left out.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from storage._db import Connection
from storage._records import Team

DERIVED_TABLES = frozenset({"progress_totals", "progress_steps", "question_totals"})
_FOOTPRINT = {
    "answers": "SELECT COUNT(*) FROM attempts WHERE user_id = ?",
    "scored posts": "SELECT COUNT(*) FROM points_ledger WHERE user_id = ?",
    "review cards": "SELECT COUNT(*) FROM review_cards WHERE user_id = ?",
}


class Privacy:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    async def teams(self) -> list[Team]:
        rows = await self._c.fetchall("SELECT id, platform, external_id, name FROM teams ORDER BY id")
        return [Team.from_row(row) for row in rows]

    async def footprint(self, user_id: int) -> dict[str, int]:
        """What forgetting this person would delete, for the confirmation message."""
        counts = {}
        for label, sql in _FOOTPRINT.items():
            row = await self._c.fetchone(sql, (user_id,))
            counts[label] = int(row[0]) if row else 0
        return counts

    async def forget(self, user_id: int) -> None:
        """Delete the person and everything that refers to them; team figures drop their share."""
        async with self._c.transaction() as raw:
            await raw.execute("DELETE FROM points_ledger WHERE user_id = ?", (user_id,))
            await raw.execute(
                "DELETE FROM progress_steps WHERE (team_id, channel_id, category, user_id) IN ("
                " SELECT team_id, channel_id, category, user_id FROM progress_totals WHERE user_id = ?)",
                (user_id,),
            )
            await raw.execute("DELETE FROM users WHERE id = ?", (user_id,))

    async def export(self, team_id: int) -> dict[str, list[dict[str, Any]]]:
        """Every row that belongs to the team, table by table."""
        filters = await self._team_filters()
        tables: dict[str, list[dict[str, Any]]] = {}
        for table, condition in filters.items():
            rows = await self._c.fetchall(
                f'SELECT * FROM "{table}" WHERE {condition}', (team_id,) * condition.count("?")
            )
            tables[table] = [dict(row) for row in rows]
        return tables

    async def _team_filters(self) -> dict[str, str]:
        """For each table, a condition that keeps the team's rows, found by following foreign keys."""
        rows = await self._c.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
        names = [row[0] for row in rows if row[0] not in DERIVED_TABLES]
        links = {name: await self._c.fetchall(f'PRAGMA foreign_key_list("{name}")') for name in names}
        filters = {"teams": "id = ?"}
        while True:
            found = {
                name: f'"{link["from"]}" IN (SELECT "{link["to"] or "id"}" FROM "{link["table"]}"'
                f" WHERE {filters[link['table']]})"
                for name in names
                if name not in filters
                for link in links[name]
                if link["table"] in filters and link["seq"] == 0
            }
            if not found:
                return filters
            filters |= found


def backup(source: Path, target: Path) -> int:
    """Copy the database with SQLite's online backup (safe while the bot writes); returns bytes written."""
    with closing(sqlite3.connect(source)) as live, closing(sqlite3.connect(target)) as copy:
        live.backup(copy)
        verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
    if verdict != "ok":
        raise RuntimeError(f"the backup failed its integrity check: {verdict}")
    return target.stat().st_size
