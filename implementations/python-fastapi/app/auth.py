"""Credentials of scenarios 06 and 17, as the contract makes and checks them: GET /protected's
`v1.<id>.<hex HMAC-SHA256>` tokens, scrypt password hashes, HS256 JWTs and sessions in Redis."""

import base64
import hashlib
import hmac
import json
import re
import secrets
import time
import warnings
from dataclasses import dataclass

import jwt
from jwt.warnings import InsecureKeyLengthWarning
from labasgi.errors import ContractError, Messages, unauthorized

_TOKEN = re.compile(r"^v1\.([1-9][0-9]{0,15})\.([0-9a-f]{64})$")
_SUBJECT = re.compile(r"^[1-9][0-9]{0,15}$")
SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{43}$")
MAX_SAFE_INTEGER = 2**53 - 1
ACCESS_TOKEN_ISSUER = "backend-benchmark-lab"

# AUTH_SECRET is the lab's to choose (its default, lab-secret, is 10 bytes), as for the Node
# implementations' jose, which does not warn; a warning per process on stderr says nothing new.
warnings.filterwarnings("ignore", category=InsecureKeyLengthWarning)


def read_bearer(header: str | None) -> str:
    """The token of `Authorization: Bearer <token>`; the contract's 401 otherwise."""
    if not header:
        raise unauthorized(Messages.missing_authorization)
    space = header.find(" ")
    scheme = header if space == -1 else header[:space]
    if scheme.lower() != "bearer":
        raise unauthorized(Messages.not_bearer)
    token = "" if space == -1 else header[space + 1 :].strip()
    if token == "":
        raise unauthorized(Messages.malformed_token)
    return token


def _sign(payload: str, secret: str) -> bytes:
    return hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest()


def issue_token(user_id: int, secret: str) -> str:
    payload = f"v1.{user_id}"
    return f"{payload}.{_sign(payload, secret).hex()}"


def verify_token(token: str, secret: str) -> int:
    """GET /protected's token: its user id, or the contract's 401."""
    match = _TOKEN.match(token)
    if not match or int(match.group(1)) > MAX_SAFE_INTEGER:
        raise unauthorized(Messages.malformed_token)
    expected = _sign(f"v1.{match.group(1)}", secret)
    if not hmac.compare_digest(bytes.fromhex(match.group(2)), expected):
        raise unauthorized(Messages.invalid_signature)
    return int(match.group(1))


def check_authorization(header: str | None, secret: str) -> int:
    """GET /protected's header: the 401s of readBearer, then those of the token."""
    if not header:
        raise unauthorized(Messages.missing_authorization)
    space = header.find(" ")
    scheme = header if space == -1 else header[:space]
    if scheme.lower() != "bearer":
        raise unauthorized(Messages.not_bearer)
    return verify_token("" if space == -1 else header[space + 1 :].strip(), secret)


# Passwords: "scrypt$<N>$<r>$<p>$<salt, base64>$<key, base64>" (contract/src/password-hash.ts).
_HASH = re.compile(r"^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$")
DECOY_PASSWORD_HASH = (
    "scrypt$16384$8$1$" + base64.b64encode(bytes(16)).decode() + "$" + base64.b64encode(bytes(32)).decode()
)


def verify_password(password: str, stored: str) -> bool:
    """Whether the password is the one hashed (constant-time); false for a hash it cannot read. Blocking."""
    match = _HASH.match(stored)
    if not match:
        return False
    n, r, p = (int(group) for group in match.groups()[:3])
    expected = base64.b64decode(match.group(5))
    actual = hashlib.scrypt(
        password.encode(), salt=base64.b64decode(match.group(4)), n=n, r=r, p=p, maxmem=256 * n * r, dklen=len(expected)
    )
    return hmac.compare_digest(actual, expected)


@dataclass(frozen=True)
class AccessTokens:
    secret: str
    ttl_seconds: int

    def issue(self, user_id: int, now: int | None = None) -> str:
        issued = int(time.time()) if now is None else now
        claims = {"sub": str(user_id), "iss": ACCESS_TOKEN_ISSUER, "iat": issued, "exp": issued + self.ttl_seconds}
        return jwt.encode(claims, self.secret, algorithm="HS256", headers={"typ": "JWT"})

    def verify(self, token: str) -> int:
        """The user id of a valid, unexpired JWT of ours; the contract's 401 otherwise."""
        try:
            claims = jwt.decode(
                token,
                self.secret,
                algorithms=["HS256"],
                issuer=ACCESS_TOKEN_ISSUER,
                options={"require": ["sub", "exp"], "verify_sub": False},
            )
        except jwt.ExpiredSignatureError:
            raise unauthorized(Messages.expired_token) from None
        except jwt.InvalidSignatureError:
            raise unauthorized(Messages.invalid_signature) from None
        except jwt.PyJWTError:
            raise unauthorized(Messages.invalid_access_token) from None
        subject = claims.get("sub")
        if not isinstance(subject, str) or not _SUBJECT.match(subject) or int(subject) > MAX_SAFE_INTEGER:
            raise unauthorized(Messages.invalid_access_token)
        return int(subject)


def session_key(session_id: str) -> str:
    return f"session:{session_id}"


def new_session_id() -> str:
    """256 random bits, base64url without padding: 43 characters."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode()


def session_value(user_id: int) -> str:
    return json.dumps({"userId": user_id}, separators=(",", ":"))


def checked_session_id(header: str | None) -> str:
    token = read_bearer(header)
    if not SESSION_ID.match(token):
        raise unauthorized(Messages.malformed_token)
    return token


def stored_user_id(stored: bytes | str | None) -> int:
    if stored is None:
        raise unauthorized(Messages.unknown_session)
    user_id = json.loads(stored)["userId"]
    if not isinstance(user_id, int):
        raise ContractError(500, Messages.internal)
    return user_id


def protected_page(user_id: int, page: int, page_size: int) -> dict[str, object]:
    """GET /protected's deterministic page, items numbered across pages from 1."""
    first = (page - 1) * page_size + 1
    items = [{"id": item, "title": f"Item {item} of user {user_id}"} for item in range(first, first + page_size)]
    return {"userId": user_id, "page": page, "pageSize": page_size, "items": items}
