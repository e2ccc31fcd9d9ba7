"""The pure logic that makes answers the contract's: ajv's first error and its message, ajv's
coercion of URL values, JavaScript's numbers in JSON, the SQL files, uploads, database failures,
settings, and a FastAPI app that answers errors in the contract's shape."""

import asyncio
import hashlib
from typing import Annotated

import pytest
from fastapi.testclient import TestClient

from labasgi.errors import ContractError, storage_unavailable
from labasgi.jsonout import dumps
from labasgi.multipart import basename, disposition_params, file_digests, read_upload
from labasgi.postgres import iso_millis, retryable_reason
from labasgi.schemas import CreateUserRequest, EchoRequest, UsersQuery
from labasgi.settings import SettingsError, positive_integer, redis_url
from labasgi.sql import parse_queries
from labasgi.validation import coerce_url_values, js_to_number, query_values, validate
from labasgi.web import contract_app, query


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


def test_ajv_meets_a_missing_property_then_an_additional_one_then_the_properties_in_order() -> None:
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


def test_a_body_that_is_not_an_object_must_be_object() -> None:
    assert message(EchoRequest, []) == "body must be object"
    assert message(EchoRequest, None) == "body must be object"


def test_lengths_are_checked_before_patterns_as_ajv_does() -> None:
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


def test_query_values_get_their_defaults_and_numeric_text_is_coerced() -> None:
    assert validate(UsersQuery, {}, "querystring").limit == 20
    assert validate(UsersQuery, coerce_url_values(UsersQuery, {"limit": " 1e1 "}), "querystring").limit == 10


def test_numbers_are_read_and_written_as_javascript_does() -> None:
    assert js_to_number("0x10") == 16
    assert js_to_number(" ") == 0
    assert js_to_number("abc") != js_to_number("abc")  # NaN
    assert dumps({"a": 2.0, "b": 2.5, "c": "Zoë", "d": [1e21]}) == '{"a":2,"b":2.5,"c":"Zoë","d":[1e+21]}'.encode()


def test_sql_files_are_parsed_by_name() -> None:
    text = "-- header\n\n-- name: one\n-- A comment.\nSELECT 1\n  FROM t WHERE id = $1;\n\n-- name: two\nSELECT 2;\n"
    assert parse_queries(text) == {"one": "SELECT 1\n  FROM t WHERE id = $1", "two": "SELECT 2"}


def test_file_names_and_disposition_parameters_follow_busboy() -> None:
    assert basename("a/b\\c.txt") == "c.txt"
    assert basename("..") == ""
    assert disposition_params('form-data; name="a;b"; filename="x \\"y\\".bin"') == {
        "name": "a;b",
        "filename": 'x "y".bin',
    }


async def chunks(body: bytes, size: int = 7):
    for start in range(0, len(body), size):
        yield body[start : start + size]


def multipart(*parts: str) -> bytes:
    return ("".join(f"--b\r\n{part}\r\n" for part in parts) + "--b--\r\n").encode()


def test_an_upload_yields_each_file_with_its_digest_and_skips_plain_fields() -> None:
    body = multipart(
        'Content-Disposition: form-data; name="note"\r\n\r\nhello',
        'Content-Disposition: form-data; name="doc"; filename="dir/a.txt"\r\n\r\nabc',
    )

    async def collect():
        return [file async for file in file_digests("multipart/form-data; boundary=b", chunks(body), 100)]

    [file] = asyncio.run(collect())
    assert (file.field, file.filename, file.bytes, file.sha256) == (
        "doc",
        "a.txt",
        3,
        hashlib.sha256(b"abc").hexdigest(),
    )


def test_an_upload_without_a_file_or_over_the_limit_gets_the_contracts_answer() -> None:
    def status(body: bytes, limit: int = 100) -> tuple[int, str]:
        with pytest.raises(ContractError) as raised:
            asyncio.run(read_upload("multipart/form-data; boundary=b", chunks(body), limit))
        return raised.value.status, raised.value.message

    assert status(b"not multipart at all") == (400, "body must contain at least one file")
    file = 'Content-Disposition: form-data; name="f"; filename="a"\r\n\r\n' + "x" * 11
    assert status(multipart(file), limit=10) == (413, "file must not be larger than 10 bytes")


def test_database_failures_a_client_may_retry_have_a_reason_and_others_none() -> None:
    assert retryable_reason(ConnectionRefusedError(), None) == "unavailable"
    assert retryable_reason(TimeoutError(), None) == "busy"
    assert retryable_reason(ValueError(), None) is None
    answer = storage_unavailable("pool_exhausted")
    assert (answer.status, answer.headers) == (503, {"retry-after": "1"})


def test_dates_are_written_as_date_to_iso_string() -> None:
    from datetime import UTC, datetime, timedelta, timezone

    moment = datetime(2024, 1, 2, 3, 4, 5, 678_999, tzinfo=timezone(timedelta(hours=2)))
    assert iso_millis(moment) == "2024-01-02T01:04:05.678Z"
    assert iso_millis(datetime(2024, 1, 1, tzinfo=UTC)) == "2024-01-01T00:00:00.000Z"


def test_settings_readers_name_what_is_wrong() -> None:
    assert positive_integer({}, "X", 7) == 7
    with pytest.raises(SettingsError, match='X must be a positive integer, got "32MB"'):
        positive_integer({"X": "32MB"}, "X", 7)
    with pytest.raises(SettingsError, match="REDIS_URL must be a redis://"):
        redis_url({"REDIS_URL": "http://r"})


def test_a_contract_app_answers_unknown_routes_bad_queries_and_failures_in_the_contracts_shape() -> None:
    app = contract_app()

    @app.get("/users")
    async def users(params: Annotated[UsersQuery, query(UsersQuery)]) -> dict[str, int]:
        return {"limit": params.limit}

    @app.get("/fails")
    async def fails() -> None:
        raise RuntimeError("boom")

    client = TestClient(app, raise_server_exceptions=False)
    assert client.get("/users?limit=5").text == '{"limit":5}'
    unknown = client.get("/users/")
    assert (unknown.status_code, unknown.headers["content-type"]) == (404, "application/json; charset=utf-8")
    assert unknown.text == '{"statusCode":404,"error":"Not Found","message":"route GET /users/ does not exist"}'
    assert client.post("/users").json()["message"] == "route POST /users does not exist"
    assert client.get("/users?limit=0").json()["message"] == "querystring/limit must be >= 1"
    assert client.get("/fails").json() == {
        "statusCode": 500,
        "error": "Internal Server Error",
        "message": "internal server error",
    }


def test_a_nul_character_postgresql_refuses_is_the_requests_fault_and_other_refusals_ours() -> None:
    import asyncpg

    app = contract_app()

    @app.get("/nul")
    async def nul() -> None:
        raise asyncpg.exceptions.CharacterNotInRepertoireError("invalid byte sequence for encoding UTF8: 0x00")

    @app.get("/other")
    async def other() -> None:
        raise asyncpg.exceptions.UndefinedTableError("relation does not exist")

    client = TestClient(app, raise_server_exceptions=False)
    refused = client.get("/nul")
    assert (refused.status_code, refused.json()["message"]) == (
        400,
        "body must not contain the character U+0000, which PostgreSQL text cannot store",
    )
    assert client.get("/other").status_code == 500
