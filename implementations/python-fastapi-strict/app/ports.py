"""What the use cases need from the outside world, as Protocols; adapters/ implements them."""

from collections.abc import AsyncIterator
from typing import Protocol

from .domain.entities import FileDigest, NewUser, Quote, User


class UserRepository(Protocol):
    async def first_users(self, limit: int) -> list[User]: ...

    async def user_by_id(self, user_id: int) -> User | None: ...

    async def insert(self, user: NewUser) -> User:
        """The stored user; raises EmailTaken for an email that is taken."""
        ...


class QuoteProvider(Protocol):
    async def quote(self, delay_ms: int | None) -> Quote: ...


class FileDigester(Protocol):
    def digest(self, body: AsyncIterator[bytes]) -> AsyncIterator[FileDigest]:
        """Every file of an upload, hashed as it streams by."""
        ...
