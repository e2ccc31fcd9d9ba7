"""Unit tests of what every Python implementation shares: error bodies and the environment's readers."""

import pytest

from labcommon.environment import SettingsError, database_url, port, positive_integer, settings_or_exit, upstream_url
from labcommon.errors import ContractError, Messages, error_body, retry_later, unauthorized


def test_error_bodies_take_their_phrase_from_node_where_python_words_it_otherwise():
    assert error_body(413, Messages.body_too_large) == {
        "statusCode": 413,
        "error": "Payload Too Large",
        "message": "body must not be larger than 1048576 bytes",
    }
    assert error_body(503, "x")["error"] == "Service Unavailable"
    assert error_body(599, "x")["error"] == "Error"


def test_a_401_says_the_scheme_and_a_503_says_when_to_retry():
    assert unauthorized(Messages.not_bearer).headers == {"www-authenticate": "Bearer"}
    assert retry_later(Messages.pool_exhausted).headers == {"retry-after": "1"}
    assert ContractError(404, Messages.user_not_found(7)).body()["message"] == "user 7 does not exist"


@pytest.mark.parametrize("raw", ["0", "-1", "1.5", "٣", "9007199254740992"])
def test_a_positive_integer_setting_refuses_anything_else_naming_the_variable(raw):
    with pytest.raises(SettingsError, match=f'DATABASE_POOL_SIZE must be a positive integer, got "{raw}"'):
        positive_integer({"DATABASE_POOL_SIZE": raw}, "DATABASE_POOL_SIZE", 10)


def test_an_unset_setting_falls_back_and_a_port_may_be_zero():
    assert positive_integer({}, "DATABASE_POOL_SIZE", 10) == 10
    assert port({"PORT": "0"}) == 0


@pytest.mark.parametrize("raw", ["https://upstream", "http://", "http://:80", "upstream:80"])
def test_the_upstream_must_be_an_http_url_with_a_host(raw):
    with pytest.raises(SettingsError, match="UPSTREAM_URL must be an http:// URL"):
        upstream_url({"UPSTREAM_URL": raw})


def test_a_wrong_database_url_is_refused_without_repeating_its_password():
    with pytest.raises(SettingsError) as raised:
        database_url({"DATABASE_URL": "mysql://lab:hunter2@db/lab"})
    assert "hunter2" not in str(raised.value)


def test_a_server_with_a_wrong_setting_exits_1_with_one_line_naming_it(capsys):
    with pytest.raises(SystemExit) as raised:
        settings_or_exit("python-test", port, {})
    assert raised.value.code == 1
    assert capsys.readouterr().err.startswith("python-test failed to start: PORT is not set")
