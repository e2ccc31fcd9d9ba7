"""Scenario 07: the digests of an upload's files; at least one file."""

from collections.abc import AsyncIterator

from ..domain.entities import FileDigest
from ..domain.errors import DomainError
from ..ports import FileDigester


class NoFile(DomainError):
    pass


class DigestUpload:
    def __init__(self, digester: FileDigester) -> None:
        self.digester = digester

    async def __call__(self, body: AsyncIterator[bytes]) -> list[FileDigest]:
        files = [digest async for digest in self.digester.digest(body)]
        if not files:
            raise NoFile()
        return files
