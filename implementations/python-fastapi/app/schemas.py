"""The request schemas of python-fastapi's scenarios beyond the common API (09-13, 17), from
implementations/contract/openapi.yaml, as Pydantic models on python-asgi-common's `Strict`; fields
in the schema's `properties` order, so that ajv's first error can be told."""

from typing import Annotated

from labasgi.schemas import MAX_SAFE_INTEGER, PageLimit, PageNumber, Strict
from pydantic import Field, StringConstraints

MAX_INT4 = 2_147_483_647
MAX_BULK_ITEMS = 1000


class LoginRequest(Strict):
    """POST /auth/login."""

    email: Annotated[str, StringConstraints(min_length=3, max_length=254)]
    password: Annotated[str, StringConstraints(min_length=1, max_length=1024)]


class UnauthenticatedItemsQuery(Strict):
    userId: Annotated[int, Field(ge=1, le=MAX_SAFE_INTEGER)]
    page: PageNumber = 1
    pageSize: PageLimit = 20


class OffsetPageQuery(Strict):
    page: PageNumber = 1
    limit: PageLimit = 20


class CursorPageQuery(Strict):
    after: Annotated[int, Field(ge=0, le=MAX_SAFE_INTEGER)] = 0
    limit: PageLimit = 20


class ColumnsQuery(Strict):
    after: Annotated[int, Field(ge=0, le=MAX_INT4)] = 0
    limit: PageLimit = 20


class AuthorsQuery(Strict):
    page: PageNumber = 1
    limit: PageLimit = 20


class BulkInsertItem(Strict):
    sku: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    quantity: Annotated[int, Field(ge=0, le=1_000_000)]
    priceCents: Annotated[int, Field(ge=0, le=100_000_000)]


class BulkInsertRequest(Strict):
    items: Annotated[list[BulkInsertItem], Field(min_length=1, max_length=MAX_BULK_ITEMS)]


class BulkUpdateItem(Strict):
    id: Annotated[int, Field(ge=1, le=MAX_INT4)]
    quantity: Annotated[int, Field(ge=0, le=1_000_000)]


class BulkUpdateRequest(Strict):
    items: Annotated[list[BulkUpdateItem], Field(min_length=1, max_length=MAX_BULK_ITEMS)]


class StockParams(Strict):
    id: Annotated[int, Field(ge=1, le=MAX_INT4)]
