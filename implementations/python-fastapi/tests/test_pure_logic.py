"""The pure logic that makes answers the contract's: ajv's first error and its message, ajv's
coercion of URL values, JavaScript's numbers in JSON, the SQL files, the tokens and settings."""

import pytest

from app import auth
from app.errors import ContractError
from app.jsonout import dumps
from app.schemas import CreateUserRequest, EchoRequest, UsersQuery
from app.settings import SettingsError, read_settings
from app.sql import parse_queries
from app.upload import basename, disposition_params
from app.validation import coerce_url_values, js_to_number, query_values, validate


def order() -> dict:
    item = {"sku": "A", "name": "a", "quantity": 1, "unitPrice": 2.5}
    address = {"street": "s", "city": "c", "postcode": "p", "country": "NO"}
    customer = {"id": 1, "name": "n", "email": "a@b", "address": address}
    return {"id": "o", "createdAt": "t", "customer": customer, "items": [item, dict(item)]}


def message(model, data, data_var="body") -> str:
    with pytest.raises(ContractError) as raised:
        validate(model, data, data_var)
    assert raised.value.status == 400
    return raised.value.message


def test_a_valid_order_passes() -> None:
    assert validate(EchoRequest, order(), "body").items[1].quantity == 1


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda o: o["customer"].update(email=42), "body/customer/email must be string"),
        (lambda o: o["customer"]["address"].pop("city"), "body/customer/address must have required property 'city'"),
        (lambda o: o["items"][0].update(colour="red"), "body/items/0 must NOT have additional properties: 'colour'"),
        (lambda o: o.update(discount=10), "body must NOT have additional properties: 'discount'"),
        (lambda o: o["items"][1].update(quantity=-1), "body/items/1/quantity must be >= 1"),
        (lambda o: o["items"][0].update(quantity="2"), "body/items/0/quantity must be integer"),
        (lambda o: o.update(items=[]), "body/items must NOT have fewer than 1 items"),
        (lambda o: o.update(metadata={"a": 1}), "body/metadata/a must be string"),
        (lambda o: o["items"][0].update(tags=None), "body/items/0/tags must be array"),
    ],
)
def test_an_invalid_order_gets_ajvs_message(edit, expected: str) -> None:
    data = order()
    edit(data)
    assert message(EchoRequest, data) == expected


def test_ajv_order_missing_then_additional_then_properties() -> None:
    data = order()
    data.pop("createdAt")
    data["zzz"] = 1
    data["customer"]["id"] = 0
    assert message(EchoRequest, data) == "body must have required property 'createdAt'"
    data["createdAt"] = "t"
    assert message(EchoRequest, data) == "body must NOT have additional properties: 'zzz'"
    data.pop("zzz")
    data["items"][0]["quantity"] = 0
    assert message(EchoRequest, data) == "body/customer/id must be >= 1"


def test_a_body_that_is_not_an_object() -> None:
    assert message(EchoRequest, []) == "body must be object"
    assert message(EchoRequest, None) == "body must be object"


def test_lengths_before_patterns_as_ajv() -> None:
    long_email = "a" * 243 + "@example.test"
    assert message(CreateUserRequest, {"email": long_email, "name": "n", "country": "NO"}) == (
        "body/email must NOT have more than 254 characters"
    )
    assert message(CreateUserRequest, {"email": "x", "name": "n", "country": "NO"}) == (
        "body/email must NOT have fewer than 3 characters"
    )
    assert message(CreateUserRequest, {"email": "a@b", "name": "n", "country": "no"}) == (
        'body/country must match pattern "^[A-Z]{2}$"'
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ([("limit", "0")], "querystring/limit must be >= 1"),
        ([("limit", "101")], "querystring/limit must be <= 100"),
        ([("limit", "abc")], "querystring/limit must be integer"),
        ([("limit", "2.5")], "querystring/limit must be integer"),
        ([("limit", "")], "querystring/limit must be integer"),
        ([("limit", "1"), ("limit", "2")], "querystring/limit must be integer"),
        ([("offset", "20")], "querystring must NOT have additional properties: 'offset'"),
    ],
)
def test_query_strings_are_coerced_as_ajv_does(query, expected: str) -> None:
    values = coerce_url_values(UsersQuery, query_values(query))
    assert message(UsersQuery, values, "querystring") == expected


def test_query_defaults_and_coercion() -> None:
    assert validate(UsersQuery, {}, "querystring").limit == 20
    assert validate(UsersQuery, coerce_url_values(UsersQuery, {"limit": " 1e1 "}), "querystring").limit == 10


def test_javascript_numbers() -> None:
    assert js_to_number("0x10") == 16
    assert js_to_number(" ") == 0
    assert js_to_number("abc") != js_to_number("abc")  # NaN
    assert dumps({"a": 2.0, "b": 2.5, "c": "Zoë", "d": [1e21]}) == '{"a":2,"b":2.5,"c":"Zoë","d":[1e+21]}'.encode()


def test_sql_files_are_parsed_by_name() -> None:
    text = "-- header\n\n-- name: one\n-- A comment.\nSELECT 1\n  FROM t WHERE id = $1;\n\n-- name: two\nSELECT 2;\n"
    assert parse_queries(text) == {"one": "SELECT 1\n  FROM t WHERE id = $1", "two": "SELECT 2"}


def test_file_names_and_disposition() -> None:
    assert basename("a/b\\c.txt") == "c.txt"
    assert basename("..") == ""
    assert disposition_params('form-data; name="a;b"; filename="x \\"y\\".bin"') == {
        "name": "a;b",
        "filename": 'x "y".bin',
    }


def test_protected_tokens() -> None:
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


def test_jwts_and_passwords() -> None:
    tokens = auth.AccessTokens("s", 60)
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
