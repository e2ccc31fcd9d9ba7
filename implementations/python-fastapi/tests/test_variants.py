"""Python's own variants, chosen at start: LAB_DB_DRIVER and LAB_JSON are read and checked like the
other settings; msgspec's /echo reads, judges and writes an order as the default (Pydantic) path and
the Node implementations do; SQLAlchemy runs the statements of implementations/sql as they are."""

import math

import pytest
from labasgi.errors import ContractError
from labasgi.jsonout import dumps
from labasgi.schemas import EchoRequest
from labasgi.validation import validate

from app.echo import decode_order, encode_like_javascript, validate_order
from app.settings import SettingsError, read_settings
from app.user_reads import USERS, named_parameters, sqlalchemy_url

BASE = {"UPSTREAM_URL": "http://u", "DATABASE_URL": "postgres://d", "REDIS_URL": "redis://r"}


def test_the_variants_default_to_asyncpg_and_pydantic_and_refuse_a_name_they_do_not_know() -> None:
    settings = read_settings(BASE)
    assert (settings.db_driver, settings.json_library) == ("asyncpg", "pydantic")
    chosen = read_settings({**BASE, "LAB_DB_DRIVER": "sqlalchemy", "LAB_JSON": "msgspec"})
    assert (chosen.db_driver, chosen.json_library) == ("sqlalchemy", "msgspec")
    with pytest.raises(SettingsError, match='LAB_JSON must be pydantic or msgspec, got "orjson"'):
        read_settings({**BASE, "LAB_JSON": "orjson"})


def order() -> dict:
    item = {"sku": "A", "name": "a", "quantity": 1, "unitPrice": 2.5, "tags": ["x"]}
    address = {"street": "s", "city": "c", "postcode": "p", "country": "NO"}
    customer = {"id": 1, "name": "n", "email": "a@b", "address": address}
    return {"id": "o", "createdAt": "t", "customer": customer, "items": [item], "notes": "", "metadata": {"k": "v"}}


def pydantic_verdict(value) -> str | None:
    try:
        validate(EchoRequest, value, "body")
    except ContractError as error:
        return error.message
    return None


def msgspec_verdict(value) -> str | None:
    try:
        validate_order(value)
    except ContractError as error:
        return error.message
    return None


EDITS = [
    lambda o: None,
    lambda o: o["customer"]["address"].update(country="NO\n"),
    lambda o: o["customer"]["address"].update(country="no"),
    lambda o: o["items"][0].update(quantity=1.5),
    lambda o: o["items"][0].update(quantity=True),
    lambda o: o["items"][0].update(unitPrice=True),
    lambda o: o["items"][0].update(unitPrice=-0.5),
    lambda o: o["items"][0].update(tags=None),
    lambda o: o["items"][0].update(tags=[1]),
    lambda o: o.update(notes=None),
    lambda o: o.update(metadata={"k": 1}),
    lambda o: o.update(items=[]),
    lambda o: o.update(extra=1),
    lambda o: o["customer"].pop("email"),
    lambda o: o["customer"].update(email="ab"),
    lambda o: o["customer"].update(id=0),
    lambda o: o.update(id=""),
    lambda o: o.update(items=[o["items"][0]] * 2001),
]


@pytest.mark.parametrize("edit", EDITS)
def test_msgspec_accepts_and_refuses_exactly_the_orders_pydantic_does_with_the_same_message(edit) -> None:
    value = order()
    edit(value)
    assert msgspec_verdict(value) == pydantic_verdict(value)


def test_a_body_that_is_not_an_object_is_refused_alike() -> None:
    for value in (None, [], 3, "x"):
        assert msgspec_verdict(value) == pydantic_verdict(value) == "body must be object"


@pytest.mark.parametrize(
    "raw",
    [
        b'{"a":2.0,"b":2.5,"c":"Zo\xc3\xab","d":[1e21,1.5e300,0.0001,-0]}',
        b'{"big":123456789012345678901234567890,"safe":9007199254740991,"dup":1,"dup":2}',
        b'{"s":"\\u2028\\u0000\\t\\"\\\\/","n":null,"t":true}',
    ],
)
def test_msgspec_reads_and_writes_json_as_the_default_path_does(raw: bytes) -> None:
    from labasgi.bodies import parse_body

    assert decode_order(raw) == parse_body(raw)
    assert encode_like_javascript(decode_order(raw)) == dumps(parse_body(raw))


def test_msgspec_writes_small_numbers_as_javascript_does() -> None:
    # JSON.stringify: 0.00001 and 1e-7 (the stdlib's json writes 1e-05 and 1e-07).
    assert encode_like_javascript([0.00001, 1e-7, 1e21]) == b"[0.00001,1e-7,1e+21]"


def test_what_msgspec_cannot_read_goes_the_default_way() -> None:
    assert math.isinf(decode_order(b"[1e400]")[0])
    assert decode_order(b'"\\ud800"') == "\ud800"
    with pytest.raises(ContractError, match="body is not valid JSON"):
        decode_order(b"{")


def test_sqlalchemy_runs_the_shared_statements_with_named_parameters_on_asyncpg() -> None:
    assert str(named_parameters(USERS["user_by_id"])).endswith("WHERE id = :p1")
    assert (
        sqlalchemy_url("postgres://lab:secret@127.0.0.1:5432/lab")
        == "postgresql+asyncpg://lab:secret@127.0.0.1:5432/lab"
    )
