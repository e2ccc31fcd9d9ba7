"""The ASGI app uvicorn serves: the web adapter's FastAPI application."""

from .adapters.web.app import app

__all__ = ["app"]
