"""The contract's error shape and messages (labcommon.errors, shared with the WSGI implementations,
re-exported here for the ASGI apps) and the 503 of each reason postgres.py gives."""

from labcommon.errors import (
    BODY_LIMIT_BYTES,
    UPLOAD_PARTS_LIMIT,
    ContractError,
    Messages,
    error_body,
    reason_phrase,
    unauthorized,
)
from labcommon.errors import retry_later as retryable

__all__ = [
    "BODY_LIMIT_BYTES",
    "STORAGE_MESSAGES",
    "UPLOAD_PARTS_LIMIT",
    "ContractError",
    "Messages",
    "error_body",
    "reason_phrase",
    "retryable",
    "storage_unavailable",
    "unauthorized",
]

# Why a database could not serve (postgres.py's reasons), as the contract words each 503.
STORAGE_MESSAGES = {
    "pool_exhausted": Messages.pool_exhausted,
    "busy": Messages.database_busy,
    "unavailable": Messages.database_unavailable,
}


def storage_unavailable(reason: str) -> ContractError:
    """The contract's 503 for a database that cannot serve now (a reason of postgres.py)."""
    return retryable(STORAGE_MESSAGES[reason])
