"""POST /upload: multipart/form-data read from the request stream one chunk at a time, each file
part fed through SHA-256 and a byte count and then dropped, so that memory stays flat whatever
the file's size and nothing touches the disk.

Werkzeug's sans-IO MultipartDecoder does the parsing; the rules around it are busboy's, which the
Node implementations use (every part counts towards the limit of 1000; a part is a file if it has
a file name or is sent as application/octet-stream; file names lose any directory; a part named
after an Object.prototype property is refused, as @fastify/multipart refuses it).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from labcommon.errors import UPLOAD_PARTS_LIMIT, ContractError, Messages
from werkzeug.http import parse_options_header
from werkzeug.sansio.multipart import Data, Epilogue, Field, File, MultipartDecoder, NeedData, State

from .contract import media_type

CHUNK_BYTES = 64 * 1024

# The properties of JavaScript's Object.prototype.
RESERVED_PART_NAMES = frozenset(
    {
        "constructor",
        "__defineGetter__",
        "__defineSetter__",
        "hasOwnProperty",
        "__lookupGetter__",
        "__lookupSetter__",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "toString",
        "valueOf",
        "__proto__",
        "toLocaleString",
    }
)


def is_multipart(content_type: str | None) -> bool:
    return media_type(content_type) == "multipart/form-data"


def basename(filename: str) -> str:
    """busboy's basename: what follows the last / or \\, and no '.' or '..'."""
    cut = max(filename.rfind("/"), filename.rfind("\\"))
    name = filename[cut + 1 :]
    return "" if name in (".", "..") else name


def _part_is_file(event: Field | File) -> tuple[bool, str]:
    filename = basename(event.filename) if isinstance(event, File) else None
    content_type = event.headers.get("content-type")
    part_type = media_type(content_type) if content_type else "text/plain"
    return part_type == "application/octet-stream" or bool(filename), filename or ""


def read_files(read: Callable[[int], bytes], content_type: str | None, limit_bytes: int) -> list[dict[str, Any]]:
    """The files of a multipart body as the contract reports them, or the contract's 400 or 413."""
    boundary = parse_options_header(content_type or "")[1].get("boundary")
    if not boundary:
        raise ContractError(400, Messages.invalid_multipart)
    decoder = MultipartDecoder(boundary.encode("latin-1", errors="replace"))
    files: list[dict[str, Any]] = []
    parts = 0
    current: dict[str, Any] | None = None
    digest: Any = None
    ended = False
    received = 0
    while True:
        try:
            event = decoder.next_event()
        except ValueError:
            # An empty body holds no part at all: busboy finds no file there rather than a broken
            # body. One that has bytes but never a boundary is broken.
            if decoder.state == State.PREAMBLE and received == 0:
                break
            raise ContractError(400, Messages.invalid_multipart) from None
        if isinstance(event, NeedData):
            if ended:
                raise ContractError(400, Messages.invalid_multipart)
            chunk = read(CHUNK_BYTES)
            received += len(chunk)
            ended = not chunk
            decoder.receive_data(chunk or None)
        elif isinstance(event, Field | File):
            parts += 1
            if parts > UPLOAD_PARTS_LIMIT:
                raise ContractError(413, Messages.too_many_parts)
            if event.name in RESERVED_PART_NAMES:
                raise ContractError(400, Messages.reserved_part_name)
            is_file, filename = _part_is_file(event)
            current = {"field": event.name or "", "filename": filename, "bytes": 0, "sha256": ""} if is_file else None
            digest = hashlib.sha256() if is_file else None
        elif isinstance(event, Data):
            if current is not None:
                current["bytes"] += len(event.data)
                if current["bytes"] > limit_bytes:
                    raise ContractError(413, Messages.file_too_large(limit_bytes))
                digest.update(event.data)
                if not event.more_data:
                    current["sha256"] = digest.hexdigest()
                    files.append(current)
                    current = None
        elif isinstance(event, Epilogue):
            break
    if not files:
        raise ContractError(400, Messages.no_file)
    return files
