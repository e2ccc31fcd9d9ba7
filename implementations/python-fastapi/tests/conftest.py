"""The app reads its settings on import; the tests give it some that reach nothing."""

import os

os.environ.setdefault("UPSTREAM_URL", "http://127.0.0.1:9")
os.environ.setdefault("DATABASE_URL", "postgres://lab@127.0.0.1:1/lab")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:1")
