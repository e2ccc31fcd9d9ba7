"""POST /upload: each file part streamed through SHA-256 as it arrives, never held in memory nor
written to disk (python-multipart's push parser over the request's stream), with the limits and
answers of the Node implementations (busboy's rules for what is a file and its name).

`file_digests` yields each file once its part has ended and leaves "no file at all" to its
caller (a use case may word that in its own terms); `read_upload` is the whole answer."""

import hashlib
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from urllib.parse import unquote

from python_multipart.multipart import MultipartParser, parse_options_header

from .errors import UPLOAD_PARTS_LIMIT, ContractError, Messages

# Names that @fastify/multipart refuses, since they would shadow Object.prototype's properties.
RESERVED_PART_NAMES = frozenset(
    {
        "__proto__",
        "__defineGetter__",
        "__defineSetter__",
        "__lookupGetter__",
        "__lookupSetter__",
        "constructor",
        "hasOwnProperty",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "toLocaleString",
        "toString",
        "valueOf",
    }
)

_PARAM = re.compile(r';\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)')


def is_multipart(content_type: str | None) -> bool:
    return (content_type or "").split(";", 1)[0].strip().lower() == "multipart/form-data"


def disposition_params(value: str) -> dict[str, str]:
    """The parameters of a Content-Disposition value, quoted or not, RFC 5987's `name*` included."""
    params: dict[str, str] = {}
    for key, raw in _PARAM.findall(value):
        text = raw.strip()
        if text.startswith('"') and text.endswith('"') and len(text) >= 2:
            text = re.sub(r"\\(.)", r"\1", text[1:-1])
        name = key.lower()
        if name.endswith("*"):
            charset, _, rest = text.partition("'")
            _, _, encoded = rest.partition("'")
            params[name[:-1]] = unquote(encoded, encoding=charset or "utf-8", errors="replace")
        elif name not in params:
            params[name] = text
    return params


def basename(path: str) -> str:
    """busboy's: what follows the last / or \\, and never . or .."""
    for index in range(len(path) - 1, -1, -1):
        if path[index] in "/\\":
            path = path[index + 1 :]
            break
    return "" if path in ("..", ".") else path


@dataclass(frozen=True)
class FileDigest:
    """One file of an upload: its part's name, its file name, its size and SHA-256 (hex)."""

    field: str
    filename: str
    bytes: int
    sha256: str


@dataclass
class _Part:
    headers: dict[str, str] = field(default_factory=dict)
    field: str = ""
    filename: str = ""
    hash: "hashlib._Hash | None" = None
    bytes: int = 0


class _Reader:
    """The parser's callbacks: a running hash and count per file part, the limits checked as it goes."""

    def __init__(self, limit_bytes: int) -> None:
        self.limit_bytes = limit_bytes
        self.files: list[FileDigest] = []
        self.parts = 0
        self.part: _Part | None = None
        self.header_field = b""
        self.header_value = b""
        self.ended = False

    def on_part_begin(self) -> None:
        self.parts += 1
        if self.parts > UPLOAD_PARTS_LIMIT:
            raise ContractError(413, Messages.too_many_parts)
        self.part = _Part()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def on_header_end(self) -> None:
        assert self.part is not None
        name = self.header_field.decode("latin-1").strip().lower()
        self.part.headers[name] = self.header_value.decode("utf-8", "replace").strip()
        self.header_field = self.header_value = b""

    def on_headers_finished(self) -> None:
        part = self.part
        assert part is not None
        params = disposition_params(part.headers.get("content-disposition", ""))
        name = params.get("name")
        if name is not None and name in RESERVED_PART_NAMES:
            raise ContractError(400, Messages.reserved_part_name)
        part.field = name or ""
        filename = params.get("filename")
        content_type = part.headers.get("content-type", "text/plain").split(";", 1)[0].strip().lower()
        # busboy's rule, which both Node implementations follow: a file has a file name, or is binary.
        if content_type == "application/octet-stream" or filename:
            part.filename = basename(filename or "")
            part.hash = hashlib.sha256()

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        part = self.part
        if part is None or part.hash is None:
            return
        part.bytes += end - start
        if part.bytes > self.limit_bytes:
            raise ContractError(413, Messages.file_too_large(self.limit_bytes))
        part.hash.update(data[start:end])

    def on_part_end(self) -> None:
        part = self.part
        if part is not None and part.hash is not None:
            self.files.append(FileDigest(part.field, part.filename, part.bytes, part.hash.hexdigest()))
        self.part = None

    def on_end(self) -> None:
        self.ended = True


_CALLBACKS = (
    "on_part_begin",
    "on_part_data",
    "on_part_end",
    "on_header_field",
    "on_header_value",
    "on_header_end",
    "on_headers_finished",
    "on_end",
)


async def file_digests(content_type: str, body: AsyncIterator[bytes], limit_bytes: int) -> AsyncIterator[FileDigest]:
    """Each file of a multipart body as its part ends; the contract's 400 or 413 as soon as the body shows one.

    A body that is not multipart at all has no part, so it yields nothing: its caller answers "no file".
    """
    _, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if not boundary:
        raise ContractError(400, Messages.invalid_multipart)
    reader = _Reader(limit_bytes)
    parser = MultipartParser(boundary, {name: getattr(reader, name) for name in _CALLBACKS})  # type: ignore[arg-type]
    started = False
    yielded = 0
    try:
        async for chunk in body:
            if chunk:
                started = True
                parser.write(chunk)
            while yielded < len(reader.files):
                yielded += 1
                yield reader.files[yielded - 1]
    except ContractError:
        raise
    except Exception:
        if reader.parts == 0 and not reader.files:
            return
        raise ContractError(400, Messages.invalid_multipart) from None
    if started and not reader.ended and reader.parts > 0:
        raise ContractError(400, Messages.invalid_multipart)


async def read_upload(content_type: str, body: AsyncIterator[bytes], limit_bytes: int) -> dict[str, object]:
    """POST /upload's answer, `{ files }`; the contract's 400 for a body without a file."""
    files = [
        {"field": file.field, "filename": file.filename, "bytes": file.bytes, "sha256": file.sha256}
        async for file in file_digests(content_type, body, limit_bytes)
    ]
    if not files:
        raise ContractError(400, Messages.no_file)
    return {"files": files}
