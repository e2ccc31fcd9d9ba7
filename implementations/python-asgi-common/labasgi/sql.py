"""Named queries of implementations/sql/*.sql (the lab's neutral format), loaded once at start.

A query runs from its ``-- name:`` line to the next one or the end of the file; other ``--``
lines are comments; the trailing ``;`` is stripped. asyncpg takes PostgreSQL's ``$1`` as it is.
"""

import os
import re
from pathlib import Path

_NAME = re.compile(r"^--\s*name:\s*(\S+)\s*$")


def sql_directory() -> Path:
    """implementations/sql, beside this implementation's folder (LAB_SQL_DIR overrides it)."""
    override = os.environ.get("LAB_SQL_DIR")
    return Path(override) if override else Path(__file__).resolve().parents[2] / "sql"


def parse_queries(text: str) -> dict[str, str]:
    """Every named query of one file's text."""
    queries: dict[str, str] = {}
    name: str | None = None
    lines: list[str] = []

    def finish() -> None:
        if name is not None:
            sql = "\n".join(lines).strip()
            queries[name] = sql[:-1].rstrip() if sql.endswith(";") else sql

    for line in text.splitlines():
        match = _NAME.match(line.strip())
        if match:
            finish()
            name, lines = match.group(1), []
        elif name is not None and not line.strip().startswith("--"):
            lines.append(line)
    finish()
    return queries


def load_queries(area: str, *names: str) -> dict[str, str]:
    """The named queries of ``<area>.sql``; an error naming the file for one that is missing."""
    path = sql_directory() / f"{area}.sql"
    queries = parse_queries(path.read_text(encoding="utf-8"))
    missing = [name for name in names if name not in queries]
    if missing:
        raise RuntimeError(f"{path} has no query named {', '.join(missing)}")
    return {name: queries[name] for name in names}
