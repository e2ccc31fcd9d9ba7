"""What can go wrong, in the domain's words; the web adapter turns each into the contract's answer."""


class DomainError(Exception):
    """Base of every failure a use case reports."""


class UserNotFound(DomainError):
    def __init__(self, user_id: int) -> None:
        super().__init__(f"user {user_id} does not exist")
        self.user_id = user_id


class EmailTaken(DomainError):
    def __init__(self, email: str) -> None:
        super().__init__(f"email {email} is already taken")
        self.email = email


class StorageUnavailable(DomainError):
    """The store cannot serve now but may a moment later; `reason` is pool_exhausted, busy or unavailable."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class UpstreamUnreachable(DomainError):
    pass


class UpstreamFailed(DomainError):
    def __init__(self, status: int) -> None:
        super().__init__(f"upstream answered with status {status}")
        self.status = status


class UpstreamInvalid(DomainError):
    pass


class UpstreamTimedOut(DomainError):
    def __init__(self, timeout_ms: int) -> None:
        super().__init__(f"upstream did not answer within {timeout_ms} ms")
        self.timeout_ms = timeout_ms


class NotAuthenticated(DomainError):
    """`reason`: missing, not_bearer, malformed or bad_signature."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
