"""Unit tests of the pure logic: validation messages, coercion, tokens, JSON bytes, dates, uploads."""

import io
from datetime import UTC, datetime

import pytest
from labcommon.errors import ContractError

from labwsgi import contract, upload


def message(call):
    with pytest.raises(ContractError) as raised:
        call()
    return raised.value.status, raised.value.message


def test_query_values_are_coerced_as_ajv_coerces_them():
    assert contract.validate_query(contract.USERS_QUERY, "limit=%205") == {"limit": 5}
    assert contract.validate_query(contract.USERS_QUERY, "limit=1e1") == {"limit": 10}
    assert contract.validate_query(contract.USERS_QUERY, "") == {"limit": 20}
    assert message(lambda: contract.validate_query(contract.USERS_QUERY, "limit=")) == (400, "querystring/limit must be integer")
    assert message(lambda: contract.validate_query(contract.USERS_QUERY, "limit=1&limit=2")) == (400, "querystring/limit must be integer")
    assert message(lambda: contract.validate_query(contract.USERS_QUERY, "limit=abc&offset=1")) == (
        400,
        "querystring must NOT have additional properties: 'offset'",
    )


def test_path_ids_are_checked_against_the_safe_integers():
    assert contract.user_id_param("42") == 42
    assert message(lambda: contract.user_id_param("1.5")) == (400, "params/id must be integer")
    assert message(lambda: contract.user_id_param("9007199254740992")) == (400, "params/id must be <= 9007199254740991")


def test_bodies_are_never_coerced_and_errors_name_the_field():
    body = {"email": "a@b", "name": 42, "country": "NO"}
    assert message(lambda: contract.validate(contract.CREATE_USER_REQUEST, body, "body")) == (400, "body/name must be string")
    body = {"email": "a@b\n", "name": "n", "country": "NO"}
    assert message(lambda: contract.validate(contract.CREATE_USER_REQUEST, body, "body"))[1].startswith("body/email must match pattern")
    assert message(lambda: contract.validate(contract.CREATE_USER_REQUEST, {"email": "a@b", "country": "NO", "x": 1}, "body")) == (
        400,
        "body must have required property 'name'",
    )


def test_json_is_read_and_written_as_javascript_does():
    value = contract.loads(b'{"b":1.0,"2":"x","1":"y","s":"\u2028\u00e9"}')
    assert contract.dumps(value) == '{"1":"y","2":"x","b":1,"s":"\u2028\u00e9"}'.encode()
    assert message(lambda: contract.parse_json_body("application/json", b"NaN")) == (400, "body is not valid JSON")
    assert message(lambda: contract.parse_json_body("text/plain", b"{}")) == (415, "content-type must be application/json")
    assert contract.parse_json_body(None, None) is None


def test_created_at_is_written_to_the_millisecond_in_utc():
    moment = datetime(2024, 1, 1, 0, 1, 0, 579000, tzinfo=UTC)
    # node-pg computes 1000 * parseFloat(".579") and Date truncates it: 579, as here.
    assert contract.iso_millis(moment) == "2024-01-01T00:01:00.579Z"
    assert contract.iso_millis(datetime(2024, 1, 1, tzinfo=UTC)) == "2024-01-01T00:00:00.000Z"


def test_bearer_tokens():
    token = contract.issue_token(42, "s")
    assert contract.check_authorization(f"bEaReR {token}", "s") == 42
    assert message(lambda: contract.check_authorization("Basic x", "s"))[1] == "authorization scheme must be Bearer"
    assert message(lambda: contract.check_authorization(f"Bearer {token.upper()}", "s"))[1] == "bearer token is malformed"
    assert message(lambda: contract.check_authorization(f"Bearer {token}", "t"))[1] == "bearer token signature is invalid"


def multipart(body: str) -> tuple:
    return io.BytesIO(body.encode()).read, "multipart/form-data; boundary=b"


def test_upload_digests_files_and_keeps_busboy_rules():
    read, content_type = multipart(
        '--b\r\nContent-Disposition: form-data; name="f"; filename="C:\\\\dir\\\\a.txt"\r\n\r\nabc\r\n'
        '--b\r\nContent-Disposition: form-data; name="t"\r\n\r\nfield\r\n--b--\r\n'
    )
    assert upload.read_files(read, content_type, 10) == [
        {"field": "f", "filename": "a.txt", "bytes": 3, "sha256": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}
    ]
    read, content_type = multipart('--b\r\nContent-Disposition: form-data; name="f"; filename="a"\r\n\r\nabcdef\r\n--b--\r\n')
    assert message(lambda: upload.read_files(read, content_type, 5)) == (413, "file must not be larger than 5 bytes")
    read, content_type = multipart("")
    assert message(lambda: upload.read_files(read, content_type, 5)) == (400, "body must contain at least one file")
    read, content_type = multipart('--b\r\nContent-Disposition: form-data; name="a"; filename="a"\r\n\r\nabc')
    assert message(lambda: upload.read_files(read, content_type, 5)) == (400, "body is not valid multipart/form-data")
