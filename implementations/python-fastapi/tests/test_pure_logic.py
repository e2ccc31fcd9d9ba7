"""The pure logic of python-fastapi's own routes: the tokens and passwords of 06 and 17, its
settings, the multi-row INSERT of 12, the rows of 10 and the cache key of 15. (What it shares
with python-fastapi-strict is tested in python-asgi-common.)"""

import uuid
from datetime import UTC, datetime

import pytest
from labasgi.errors import ContractError

from app import auth
from app.cache import user_cache_key
from app.database import rows_affected
from app.scenarios import camel_case, column_row, expand_values
from app.settings import SettingsError, read_settings


def test_protected_tokens_are_checked_with_the_contracts_401s() -> None:
    token = auth.issue_token(42, "s")
    assert auth.check_authorization(f"bearer {token}", "s") == 42
    for header, reason in [
        (None, "authorization header is required"),
        ("Basic x", "authorization scheme must be Bearer"),
        ("Bearer", "bearer token is malformed"),
        (f"Bearer {auth.issue_token(42, 'other')}", "bearer token signature is invalid"),
    ]:
        with pytest.raises(ContractError) as raised:
            auth.check_authorization(header, "s")
        assert (raised.value.status, raised.value.message) == (401, reason)


def test_jwts_expire_and_a_hash_it_cannot_read_matches_no_password() -> None:
    tokens = auth.AccessTokens("s" * 32, 60)
    assert tokens.verify(tokens.issue(9)) == 9
    with pytest.raises(ContractError, match="expired"):
        tokens.verify(tokens.issue(9, now=1000))
    assert not auth.verify_password("x", auth.DECOY_PASSWORD_HASH)
    assert len(auth.new_session_id()) == 43


def test_settings_name_what_is_wrong() -> None:
    base = {"UPSTREAM_URL": "http://u", "DATABASE_URL": "postgres://d", "REDIS_URL": "redis://r"}
    assert read_settings(base).upload_limit_bytes == 32 * 1024 * 1024
    with pytest.raises(SettingsError, match='UPLOAD_LIMIT_BYTES must be a positive integer, got "32MB"'):
        read_settings({**base, "UPLOAD_LIMIT_BYTES": "32MB"})
    with pytest.raises(SettingsError, match="REDIS_URL is not set"):
        read_settings({"UPSTREAM_URL": "http://u", "DATABASE_URL": "postgres://d"})


def test_the_multi_row_insert_repeats_the_values_tuple_with_placeholders_numbered_on() -> None:
    one = "INSERT INTO bulk_inserts (sku, quantity, price_cents) VALUES ($1, $2, $3)"
    assert (
        expand_values(one, 2)
        == "INSERT INTO bulk_inserts (sku, quantity, price_cents) VALUES ($1, $2, $3), ($4, $5, $6)"
    )
    with pytest.raises(ValueError, match="needs an INSERT"):
        expand_values("INSERT INTO t (a) VALUES ($2)", 2)


def test_command_tags_give_the_rows_affected() -> None:
    assert rows_affected("UPDATE 3") == 3
    assert rows_affected("INSERT 0 1") == 1


def test_a_column_row_is_camel_cased_in_table_order_with_json_dates_and_uuids_as_javascript_writes_them() -> None:
    assert camel_case("last_login_at") == "lastLoginAt"
    row = {
        "id": 1,
        "is_verified": True,
        "last_login_at": datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=UTC),
        "preferences": '{"a": 1.0, "theme": "dark"}',
        "v1": uuid.UUID(int=1),
        "deleted_at": None,
    }
    assert column_row(row, frozenset({"preferences"})) == {
        "id": 1,
        "isVerified": True,
        "lastLoginAt": "2024-05-06T07:08:09.123Z",
        "preferences": {"a": 1, "theme": "dark"},
        "v1": "00000000-0000-0000-0000-000000000001",
        "deletedAt": None,
    }


def test_users_are_cached_under_the_node_implementations_key() -> None:
    assert user_cache_key(42) == "cache:user:v1:42"
