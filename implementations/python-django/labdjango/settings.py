"""Production settings: DEBUG off, no access log, no sessions, no templates, no admin.

Everything the lab configures comes from the environment (labwsgi.settings, shared with python-flask): PORT, HOST,
UPSTREAM_URL, DATABASE_URL, AUTH_SECRET, UPLOAD_LIMIT_BYTES, DATABASE_POOL_SIZE and so on.
"""

from urllib.parse import parse_qsl, unquote, urlsplit

from labwsgi.postgres import connect_timeout_seconds
from labwsgi.settings import read_settings

from api.backend.base import connection_class

LAB = read_settings()

DEBUG = False
# The HMAC key of GET /protected's tokens is AUTH_SECRET; Django signs nothing here, but wants a key.
SECRET_KEY = LAB.auth_secret
# The lab's clients reach the server by its address and any port the harness picked.
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "labdjango.urls"
WSGI_APPLICATION = "labdjango.wsgi.application"
# Paths match exactly: /users/ is an unknown route, not a redirect.
APPEND_SLASH = False
INSTALLED_APPS = ["rest_framework", "api"]
MIDDLEWARE: list[str] = []
USE_TZ = True
TIME_ZONE = "UTC"
USE_I18N = False
# Bodies are read from the stream by the views themselves, within the contract's limits.
DATA_UPLOAD_MAX_MEMORY_SIZE = None
DATA_UPLOAD_MAX_NUMBER_FIELDS = None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_url = urlsplit(LAB.database_url)
DATABASES = {
    "default": {
        "ENGINE": "api.backend",
        "NAME": unquote(_url.path.lstrip("/")),
        "USER": unquote(_url.username or ""),
        "PASSWORD": unquote(_url.password or ""),
        "HOST": _url.hostname or "",
        "PORT": str(_url.port or ""),
        # With a pool, connections go back to it after every request.
        "CONN_MAX_AGE": 0,
        "OPTIONS": {
            **dict(parse_qsl(_url.query)),
            "connect_timeout": connect_timeout_seconds(LAB.database_pool_timeout_ms),
            "pool": {
                "min_size": 0,
                "max_size": LAB.database_pool_size,
                "timeout": LAB.database_pool_timeout_ms / 1000,
                "connection_class": connection_class,
                "name": "lab",
            },
        },
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["api.rendering.ContractJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "api.rendering.FirstRendererNegotiation",
    "EXCEPTION_HANDLER": "api.errors.contract_exception_handler",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {"django": {"handlers": ["stderr"], "level": "ERROR", "propagate": False}},
}
