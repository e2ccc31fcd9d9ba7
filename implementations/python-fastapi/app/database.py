"""Rows as the contract answers them, and the counts of asyncpg's command tags."""

import asyncpg
from labasgi.postgres import iso_millis


def user_json(row: asyncpg.Record) -> dict[str, object]:
    """A user as the contract answers it, keys in the schema's order."""
    return {
        "id": int(row["id"]),
        "email": row["email"],
        "name": row["name"],
        "country": row["country"],
        "createdAt": iso_millis(row["created_at"]),
    }


def rows_affected(status: str) -> int:
    """The row count of a command tag such as `UPDATE 3` or `INSERT 0 1` (pg's rowCount)."""
    return int(status.rsplit(" ", 1)[-1])
