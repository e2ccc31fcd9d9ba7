"""The domain and use cases on fake ports, and the web adapter's pure mapping of errors."""

import asyncio
from datetime import UTC, datetime

import pytest
from labasgi.errors import ContractError
from labasgi.schemas import CreateUserRequest, UsersQuery
from labasgi.validation import coerce_url_values, query_values, validate

from app.domain.entities import NewUser, User
from app.domain.errors import EmailTaken, NotAuthenticated, StorageUnavailable, UserNotFound
from app.domain.tokens import issue_token
from app.use_cases.protected import Authenticate, ShowItems
from app.use_cases.users import CreateUser, GetUser, ListUsers


class FakeUsers:
    """The UserRepository port in memory."""

    def __init__(self) -> None:
        self.rows: dict[int, User] = {}

    async def first_users(self, limit: int) -> list[User]:
        return [self.rows[key] for key in sorted(self.rows)][:limit]

    async def user_by_id(self, user_id: int) -> User | None:
        return self.rows.get(user_id)

    async def insert(self, user: NewUser) -> User:
        if any(row.email == user.email for row in self.rows.values()):
            raise EmailTaken(user.email)
        stored = User(len(self.rows) + 1, user.email, user.name, user.country, datetime.now(UTC))
        self.rows[stored.id] = stored
        return stored


def test_users_use_cases() -> None:
    users = FakeUsers()
    created = asyncio.run(CreateUser(users)(NewUser("a@b", "A", "NO")))
    assert asyncio.run(GetUser(users)(created.id)) == created
    assert asyncio.run(ListUsers(users)(10)) == [created]
    with pytest.raises(UserNotFound, match="user 9 does not exist"):
        asyncio.run(GetUser(users)(9))
    with pytest.raises(EmailTaken, match="email a@b is already taken"):
        asyncio.run(CreateUser(users)(NewUser("a@b", "B", "SE")))


def test_authentication_and_items() -> None:
    authenticate = Authenticate("s")
    assert authenticate(f"Bearer {issue_token(5, 's')}") == 5
    for header, reason in [(None, "missing"), ("Basic x", "not_bearer"), ("Bearer v1.0.x", "malformed")]:
        with pytest.raises(NotAuthenticated) as raised:
            authenticate(header)
        assert raised.value.reason == reason
    page = ShowItems()(5, 3, 5)
    assert [item.id for item in page.items] == [11, 12, 13, 14, 15]
    assert page.items[0].title == "Item 11 of user 5"


def test_the_web_adapter_maps_domain_errors() -> None:
    from app.adapters.web.app import contract_error

    assert contract_error(UserNotFound(4)).status == 404
    unavailable = contract_error(StorageUnavailable("unavailable"))
    assert (unavailable.status, unavailable.message, unavailable.headers) == (
        503,
        "the database is unavailable, try again",
        {"retry-after": "1"},
    )
    assert contract_error(NotAuthenticated("bad_signature")).headers == {"www-authenticate": "Bearer"}


def test_validation_messages_are_ajvs() -> None:
    with pytest.raises(ContractError, match="body/name must NOT have more than 100 characters"):
        validate(CreateUserRequest, {"email": "a@b", "name": "n" * 101, "country": "NO"}, "body")
    with pytest.raises(ContractError, match="querystring/limit must be integer"):
        validate(
            UsersQuery, coerce_url_values(UsersQuery, query_values([("limit", "1"), ("limit", "2")])), "querystring"
        )
