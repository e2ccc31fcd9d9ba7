"""The FileDigester port on a multipart/form-data body: python-asgi-common's streamed parser, its
digests turned into the domain's entities as each file's part ends."""

from collections.abc import AsyncIterator

from labasgi.multipart import file_digests

from ...domain.entities import FileDigest


class MultipartDigester:
    def __init__(self, content_type: str, limit_bytes: int) -> None:
        self.content_type = content_type
        self.limit_bytes = limit_bytes

    async def digest(self, body: AsyncIterator[bytes]) -> AsyncIterator[FileDigest]:
        async for file in file_digests(self.content_type, body, self.limit_bytes):
            yield FileDigest(file.field, file.filename, file.bytes, file.sha256)
