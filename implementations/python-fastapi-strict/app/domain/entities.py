"""The entities of the common API, free of any framework, driver or wire format."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class NewUser:
    email: str
    name: str
    country: str


@dataclass(frozen=True)
class User:
    id: int
    email: str
    name: str
    country: str
    created_at: datetime


@dataclass(frozen=True)
class Quote:
    """What the upstream answered (its document, as it sent it) and how long the call took."""

    document: dict[str, object]
    upstream_ms: float


@dataclass(frozen=True)
class Item:
    id: int
    title: str


@dataclass(frozen=True)
class ItemPage:
    user_id: int
    page: int
    page_size: int
    items: tuple[Item, ...]


@dataclass(frozen=True)
class FileDigest:
    field: str
    filename: str
    bytes: int
    sha256: str
