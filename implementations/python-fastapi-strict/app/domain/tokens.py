"""GET /protected's bearer tokens, `v1.<userId>.<hex HMAC-SHA256 of "v1.<userId>">`: pure rules."""

import hashlib
import hmac
import re

from .errors import NotAuthenticated

_TOKEN = re.compile(r"^v1\.([1-9][0-9]{0,15})\.([0-9a-f]{64})$")
MAX_SAFE_INTEGER = 2**53 - 1


def sign(payload: str, secret: str) -> bytes:
    return hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest()


def issue_token(user_id: int, secret: str) -> str:
    payload = f"v1.{user_id}"
    return f"{payload}.{sign(payload, secret).hex()}"


def user_of_authorization(header: str | None, secret: str) -> int:
    """The user id of `Authorization: Bearer <token>`, or why it is refused."""
    if not header:
        raise NotAuthenticated("missing")
    space = header.find(" ")
    scheme = header if space == -1 else header[:space]
    if scheme.lower() != "bearer":
        raise NotAuthenticated("not_bearer")
    token = "" if space == -1 else header[space + 1 :].strip()
    match = _TOKEN.match(token)
    if not match or int(match.group(1)) > MAX_SAFE_INTEGER:
        raise NotAuthenticated("malformed")
    if not hmac.compare_digest(bytes.fromhex(match.group(2)), sign(f"v1.{match.group(1)}", secret)):
        raise NotAuthenticated("bad_signature")
    return int(match.group(1))
