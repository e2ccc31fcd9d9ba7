"""The database scenarios 09-13 on the app's one pool (as Express shares one): the statements of
implementations/sql/*.sql, run as the Node implementations run them (implementations/contract/
src/scenarios/*.ts), with the same answers byte for byte."""

import re
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Annotated, Any

import asyncpg
from fastapi import APIRouter, Request
from fastapi.responses import Response
from labasgi.bodies import parse_json, read_json
from labasgi.errors import ContractError
from labasgi.jsonout import JsResponse
from labasgi.postgres import iso_millis
from labasgi.sql import load_queries
from labasgi.web import json_body, query, url_values

from .database import rows_affected, user_json
from .resources import Shared
from .schemas import (
    AuthorsQuery,
    BulkInsertRequest,
    BulkUpdateRequest,
    ColumnsQuery,
    CursorPageQuery,
    OffsetPageQuery,
    StockParams,
)

router = APIRouter()

PAGINATION = load_queries("pagination", "pagination_offset", "pagination_cursor")
N_PLUS_ONE = load_queries(
    "n_plus_one",
    "n_plus_one_page",
    "n_plus_one_posts_of_author",
    "n_plus_one_posts_of_authors",
    "n_plus_one_page_with_posts",
)
BULK = load_queries("bulk", "bulk_insert_one", "bulk_update_one", "bulk_update_all")
STOCK = load_queries(
    "stock",
    "stock_read",
    "stock_read_for_update",
    "stock_write",
    "stock_write_if_unchanged",
    "stock_record",
    "stock_level",
    "stock_reset_ledger",
    "stock_reset_products",
    "stock_levels",
)


# --- 09: offset and cursor pagination (one row more than the page tells whether there is a next) --


@router.get("/pagination/offset")
async def offset_page(shared: Shared, params: Annotated[OffsetPageQuery, query(OffsetPageQuery)]) -> Response:
    async with shared.database.connection() as connection:
        rows = await connection.fetch(
            PAGINATION["pagination_offset"], params.limit + 1, (params.page - 1) * params.limit
        )
    next_page = params.page + 1 if len(rows) > params.limit else None
    return JsResponse({"users": [user_json(row) for row in rows[: params.limit]], "nextPage": next_page})


@router.get("/pagination/cursor")
async def cursor_page(shared: Shared, params: Annotated[CursorPageQuery, query(CursorPageQuery)]) -> Response:
    async with shared.database.connection() as connection:
        rows = await connection.fetch(PAGINATION["pagination_cursor"], params.after, params.limit + 1)
    users = [user_json(row) for row in rows[: params.limit]]
    return JsResponse({"users": users, "nextAfter": users[-1]["id"] if len(rows) > params.limit else None})


# --- 10: what SELECT * costs --------------------------------------------------------------------

# The jsonb columns of each variant (asyncpg reads jsonb as its text); every other column is written
# as it comes, timestamps as Date#toISOString() and UUIDs as text.
_TYPED = ("v1", "v2", "v3", "v4")
COLUMN_VARIANTS: dict[str, frozenset[str]] = {
    "narrow": frozenset(),
    "wide": frozenset({"preferences"}),
    "wide-projection": frozenset(),
    "extra-wide": frozenset({"preferences", "tags"}),
    "extra-wide-projection": frozenset(),
    "integer": frozenset(),
    "timestamp": frozenset(),
    "uuid": frozenset(),
    "varchar": frozenset(),
    "text": frozenset(),
    "jsonb": frozenset(_TYPED),
}
COLUMNS = load_queries("columns", *(f"columns_{variant.replace('-', '_')}" for variant in COLUMN_VARIANTS))
_SNAKE = re.compile(r"_([a-z])")


def camel_case(name: str) -> str:
    return _SNAKE.sub(lambda match: match.group(1).upper(), name)


def column_value(value: Any, is_json: bool) -> Any:
    if value is None:
        return None
    if is_json:
        return parse_json(value.encode())
    if isinstance(value, datetime):
        return iso_millis(value)
    if isinstance(value, bool | int | str):
        return value
    return str(value)  # uuid


def column_row(row: asyncpg.Record, json_columns: frozenset[str]) -> dict[str, Any]:
    """A row with its columns in table order (SELECT * and the named projections list them so)."""
    return {camel_case(name): column_value(value, name in json_columns) for name, value in row.items()}


def _columns_route(variant: str, json_columns: frozenset[str]) -> Callable[..., Awaitable[Response]]:
    statement = COLUMNS[f"columns_{variant.replace('-', '_')}"]

    async def rows(shared: Shared, params: Annotated[ColumnsQuery, query(ColumnsQuery)]) -> Response:
        async with shared.database.connection() as connection:
            found = await connection.fetch(statement, params.after, params.limit)
        return JsResponse({"rows": [column_row(row, json_columns) for row in found]})

    return rows


for _variant, _json_columns in COLUMN_VARIANTS.items():
    router.add_api_route(f"/columns/{_variant}", _columns_route(_variant, _json_columns), methods=["GET"])


# --- 11: N+1, a page of authors with their posts loaded three ways ------------------------------


def post_json(post_id: int, title: str, published_at: Any) -> dict[str, object]:
    return {"id": post_id, "title": title, "publishedAt": iso_millis(published_at)}


async def authors_page(connection: asyncpg.Connection, params: AuthorsQuery) -> list[asyncpg.Record]:
    return await connection.fetch(N_PLUS_ONE["n_plus_one_page"], params.limit, (params.page - 1) * params.limit)


async def authors_lazily(connection: asyncpg.Connection, params: AuthorsQuery) -> list[dict[str, Any]]:
    """1 + N queries: the authors, then each author's posts, one after the other."""
    authors = []
    for author in await authors_page(connection, params):
        posts = await connection.fetch(N_PLUS_ONE["n_plus_one_posts_of_author"], author["id"])
        authors.append(
            {
                "id": author["id"],
                "name": author["name"],
                "posts": [post_json(p["id"], p["title"], p["published_at"]) for p in posts],
            }
        )
    return authors


async def authors_with_join(connection: asyncpg.Connection, params: AuthorsQuery) -> list[dict[str, Any]]:
    """1 query: the page joined with its posts, one row per post."""
    rows = await connection.fetch(
        N_PLUS_ONE["n_plus_one_page_with_posts"], params.limit, (params.page - 1) * params.limit
    )
    authors: list[dict[str, Any]] = []
    for row in rows:
        if not authors or authors[-1]["id"] != row["id"]:
            authors.append({"id": row["id"], "name": row["name"], "posts": []})
        # An author without posts has one row whose post columns are null.
        if row["post_id"] is not None:
            authors[-1]["posts"].append(post_json(row["post_id"], row["title"], row["published_at"]))
    return authors


async def authors_with_in(connection: asyncpg.Connection, params: AuthorsQuery) -> list[dict[str, Any]]:
    """2 queries: the authors, then all their posts with `author_id = ANY($1)`."""
    authors = [{"id": row["id"], "name": row["name"], "posts": []} for row in await authors_page(connection, params)]
    if not authors:
        return authors
    by_id = {author["id"]: author for author in authors}
    posts = await connection.fetch(N_PLUS_ONE["n_plus_one_posts_of_authors"], list(by_id))
    for post in posts:
        by_id[post["author_id"]]["posts"].append(post_json(post["id"], post["title"], post["published_at"]))
    return authors


AUTHOR_LOADERS = {"lazy": authors_lazily, "join": authors_with_join, "in": authors_with_in}


def _authors_route(
    load: Callable[[asyncpg.Connection, AuthorsQuery], Awaitable[list[dict[str, Any]]]],
) -> Callable[..., Awaitable[Response]]:
    async def authors(shared: Shared, params: Annotated[AuthorsQuery, query(AuthorsQuery)]) -> Response:
        async with shared.database.connection() as connection:
            return JsResponse({"authors": await load(connection, params)})

    return authors


for _variant, _load in AUTHOR_LOADERS.items():
    router.add_api_route(f"/n-plus-one/{_variant}", _authors_route(_load), methods=["GET"])


# --- 12: 1,000 rows written per request ---------------------------------------------------------

_VALUES = re.compile(r"^([\s\S]*\bVALUES\s*)\(([^()]*)\)\s*$", re.IGNORECASE)


def expand_values(insert_one: str, rows: int) -> str:
    """`INSERT ... VALUES ($1, $2, $3)` made one statement for `rows` rows: `($1, $2, $3), ($4, $5, $6), ...`

    (the contract's expandValues, implementations/sql/README.md)."""
    match = _VALUES.match(insert_one)
    placeholders = match.group(2).split(",") if match else []
    if not match or any(text.strip() != f"${index + 1}" for index, text in enumerate(placeholders)):
        raise ValueError(f"expand_values needs an INSERT ending in VALUES ($1, ..., $n), not: {insert_one}")
    width = len(placeholders)
    tuples = ("(" + ", ".join(f"${row * width + column + 1}" for column in range(width)) + ")" for row in range(rows))
    return match.group(1) + ", ".join(tuples)


async def insert_each(connection: asyncpg.Connection, body: BulkInsertRequest) -> None:
    """One INSERT per row, one after the other: row-by-row and transaction differ only in the transaction around it."""
    for item in body.items:
        await connection.execute(BULK["bulk_insert_one"], item.sku, item.quantity, item.priceCents)


@router.post("/bulk/insert/row-by-row")
async def insert_row_by_row(
    shared: Shared, body: Annotated[BulkInsertRequest, json_body(BulkInsertRequest)]
) -> Response:
    # Each statement outside a transaction commits on its own: a WAL flush per row.
    async with shared.database.connection() as connection:
        await insert_each(connection, body)
    return JsResponse({"inserted": len(body.items)})


@router.post("/bulk/insert/transaction")
async def insert_in_transaction(
    shared: Shared, body: Annotated[BulkInsertRequest, json_body(BulkInsertRequest)]
) -> Response:
    async with shared.database.connection() as connection, connection.transaction():
        await insert_each(connection, body)
    return JsResponse({"inserted": len(body.items)})


@router.post("/bulk/insert/multi-row")
async def insert_multi_row(
    shared: Shared, body: Annotated[BulkInsertRequest, json_body(BulkInsertRequest)]
) -> Response:
    values = [value for item in body.items for value in (item.sku, item.quantity, item.priceCents)]
    async with shared.database.connection() as connection:
        await connection.execute(expand_values(BULK["bulk_insert_one"], len(body.items)), *values)
    return JsResponse({"inserted": len(body.items)})


@router.post("/bulk/update/row-by-row")
async def update_row_by_row(
    shared: Shared, body: Annotated[BulkUpdateRequest, json_body(BulkUpdateRequest)]
) -> Response:
    updated = 0
    async with shared.database.connection() as connection, connection.transaction():
        for item in body.items:
            updated += rows_affected(await connection.execute(BULK["bulk_update_one"], item.quantity, item.id))
    return JsResponse({"updated": updated})


@router.post("/bulk/update/single-statement")
async def update_single_statement(
    shared: Shared, body: Annotated[BulkUpdateRequest, json_body(BulkUpdateRequest)]
) -> Response:
    ids = [item.id for item in body.items]
    quantities = [item.quantity for item in body.items]
    async with shared.database.connection() as connection:
        status = await connection.execute(BULK["bulk_update_all"], ids, quantities)
    return JsResponse({"updated": rows_affected(status)})


# --- 13: one product's stock decremented under concurrency, four ways ----------------------------

STOCK_PRODUCTS = 10
INITIAL_STOCK = 1000
MAX_STOCK_ATTEMPTS = 10


def product_not_found(product_id: int) -> ContractError:
    return ContractError(404, f"product {product_id} does not exist")


def available(product_id: int, row: asyncpg.Record | None) -> asyncpg.Record:
    """The product's row, or the contract's 404; a 409 when there is nothing left to take."""
    if row is None:
        raise product_not_found(product_id)
    if row["stock"] == 0:
        raise ContractError(409, f"product {product_id} is out of stock")
    return row


async def retry(product_id: int, attempt: Callable[[], Awaitable[int | None]]) -> int:
    """Tries again while `attempt` reports a conflict (None), a serialization failure or a deadlock; then a 409."""
    for _ in range(MAX_STOCK_ATTEMPTS):
        try:
            stock = await attempt()
        except (asyncpg.SerializationError, asyncpg.DeadlockDetectedError):
            continue
        if stock is not None:
            return stock
    raise ContractError(
        409, f"product {product_id} was changed by other requests {MAX_STOCK_ATTEMPTS} times in a row; try again"
    )


async def read_then_write(
    shared: Shared, product_id: int, strategy: str, read: str, isolation: str | None = None
) -> int:
    """In one transaction: the stock read (`read`, with or without a lock), then written back minus one and recorded."""
    async with shared.database.connection() as connection, connection.transaction(isolation=isolation):
        stock = available(product_id, await connection.fetchrow(STOCK[read], product_id))["stock"]
        await connection.execute(STOCK["stock_write"], stock - 1, product_id)
        await connection.execute(STOCK["stock_record"], product_id, strategy)
        return stock - 1


async def decrement_no_lock(shared: Shared, product_id: int) -> int:
    # Two requests that read the same stock both write the same new stock: a decrement is lost.
    return await read_then_write(shared, product_id, "no-lock", "stock_read")


async def decrement_pessimistic(shared: Shared, product_id: int) -> int:
    # The row is locked from the read to the commit: requests for one product queue up.
    return await read_then_write(shared, product_id, "pessimistic", "stock_read_for_update")


class _Changed(Exception):
    """Another request changed the product since it was read: the transaction is rolled back."""


async def decrement_optimistic(shared: Shared, product_id: int) -> int:
    # No lock while reading; the write succeeds only if the version read is still the row's.
    async with shared.database.connection() as connection:

        async def attempt() -> int | None:
            version = available(product_id, await connection.fetchrow(STOCK["stock_read"], product_id))["version"]
            try:
                async with connection.transaction():
                    row = await connection.fetchrow(STOCK["stock_write_if_unchanged"], product_id, version)
                    if row is None:
                        raise _Changed()
                    await connection.execute(STOCK["stock_record"], product_id, "optimistic")
                    return row["stock"]
            except _Changed:
                # Rolled back (as the Node implementations do), and tried again.
                return None

        return await retry(product_id, attempt)


async def decrement_serializable(shared: Shared, product_id: int) -> int:
    # Read then write as no-lock does, but PostgreSQL aborts (40001) a transaction whose read another
    # has since changed, and the request tries again on a connection of its own.
    return await retry(
        product_id, lambda: read_then_write(shared, product_id, "serializable", "stock_read", "serializable")
    )


STRATEGIES: dict[str, Callable[[Any, int], Awaitable[int]]] = {
    "no-lock": decrement_no_lock,
    "pessimistic": decrement_pessimistic,
    "optimistic": decrement_optimistic,
    "serializable": decrement_serializable,
}


async def no_body(request: Request) -> None:
    """The stock POSTs take no body; one that is not JSON is a 415, as for every POST of the API."""
    await read_json(request)


def _decrement_route(decrement: Callable[[Any, int], Awaitable[int]]) -> Callable[..., Awaitable[Response]]:
    async def route(id: str, request: Request, shared: Shared) -> Response:
        await no_body(request)
        product_id = url_values(StockParams, {"id": id}, "params").id
        return JsResponse({"productId": product_id, "stock": await decrement(shared, product_id)})

    return route


for _strategy, _decrement in STRATEGIES.items():
    router.add_api_route(f"/stock/{{id}}/decrement/{_strategy}", _decrement_route(_decrement), methods=["POST"])


@router.post("/stock/reset")
async def reset_stock(request: Request, shared: Shared) -> Response:
    """Every product back to the initial stock and version 0, the ledger empty, in one transaction."""
    await no_body(request)
    async with shared.database.connection() as connection, connection.transaction():
        await connection.execute(STOCK["stock_reset_ledger"])
        await connection.execute(STOCK["stock_reset_products"], INITIAL_STOCK, STOCK_PRODUCTS)
        rows = await connection.fetch(STOCK["stock_levels"])
    products = [{"productId": row["id"], "stock": row["stock"], "decrements": row["decrements"]} for row in rows]
    return JsResponse({"products": products})


@router.get("/stock/{id}")
async def stock_level(id: str, shared: Shared) -> Response:
    product_id = url_values(StockParams, {"id": id}, "params").id
    async with shared.database.connection() as connection:
        row = await connection.fetchrow(STOCK["stock_level"], product_id)
    if row is None:
        raise product_not_found(product_id)
    return JsResponse({"productId": row["id"], "stock": row["stock"], "decrements": row["decrements"]})
