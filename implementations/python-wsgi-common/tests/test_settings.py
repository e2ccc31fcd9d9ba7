"""Unit tests of the settings both WSGI implementations read, and of the gunicorn settings made from them."""

import pytest

from labwsgi.gunicorn_config import gunicorn_settings
from labwsgi.postgres import connect_timeout_seconds
from labwsgi.settings import SettingsError, read_settings

LAB_ENV = {"PORT": "0", "UPSTREAM_URL": "http://127.0.0.1:9", "DATABASE_URL": "postgres://lab@127.0.0.1:5432/lab"}


def test_the_node_implementations_defaults_fill_what_the_environment_leaves_out():
    settings = read_settings(LAB_ENV)
    assert (settings.host, settings.auth_secret, settings.upstream_timeout_ms) == ("127.0.0.1", "lab-secret", 5000)
    assert (settings.upload_limit_bytes, settings.database_pool_size, settings.database_pool_timeout_ms) == (32 * 1024 * 1024, 10, 5000)


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("PORT", "", "PORT is not set"),
        ("PORT", "65536", 'PORT must be an integer from 0 to 65535, got "65536"'),
        ("UPSTREAM_URL", "https://example.com", 'UPSTREAM_URL must be an http:// URL, got "https://example.com"'),
        ("DATABASE_URL", "mysql://secret@db/lab", "DATABASE_URL must be a postgres:// or postgresql:// URL"),
        ("DATABASE_POOL_SIZE", "0", 'DATABASE_POOL_SIZE must be a positive integer, got "0"'),
    ],
)
def test_a_wrong_setting_is_refused_with_a_message_naming_it(name, value, expected):
    with pytest.raises(SettingsError, match=expected) as raised:
        read_settings({**LAB_ENV, name: value})
    assert "secret" not in str(raised.value)


def test_libpq_connect_timeout_is_whole_seconds_and_two_at_least():
    assert [connect_timeout_seconds(ms) for ms in (1, 2000, 2001, 5000)] == [2, 2, 3, 5]


def test_gunicorn_binds_the_lab_address_with_the_workers_the_environment_asks_for():
    settings = gunicorn_settings("python-test", "app:app", {**LAB_ENV, "PORT": "8080", "WEB_CONCURRENCY": "3"})
    assert (settings["bind"], settings["workers"], settings["threads"], settings["proc_name"]) == (["127.0.0.1:8080"], 3, 8, "python-test")
    assert settings["accesslog"] is None


def test_gunicorn_settings_end_the_process_with_one_line_when_the_environment_is_wrong(capsys):
    with pytest.raises(SystemExit) as raised:
        gunicorn_settings("python-test", "app:app", {})
    assert raised.value.code == 1
    assert capsys.readouterr().err == "python-test failed to start: PORT is not set: start the server with PORT=<port> (0 picks a free port)\n"
