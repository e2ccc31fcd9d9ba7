"""The common API's request schemas (scenarios 01-08; implementations/contract/openapi.yaml) as
Pydantic models; an app declares those of its other scenarios beside its routes, on `Strict`.

Fields are declared in the schema's `properties` order, which is also its `required` order, so
that validation.py can tell which error ajv would have met first. Bodies are validated strictly
(no coercion, no unknown property); query strings and path parameters are coerced first, as ajv's
coerceTypes does.
"""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

MAX_SAFE_INTEGER = 2**53 - 1

NonEmpty = Annotated[str, StringConstraints(min_length=1)]
# openapi.yaml's PageLimit and PageNumber.
PageLimit = Annotated[int, Field(ge=1, le=100)]
PageNumber = Annotated[int, Field(ge=1, le=1_000_000)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Address(Strict):
    street: NonEmpty
    city: NonEmpty
    postcode: NonEmpty
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


class Customer(Strict):
    id: Annotated[int, Field(ge=1)]
    name: NonEmpty
    email: Annotated[str, StringConstraints(min_length=3)]
    address: Address


class OrderItem(Strict):
    sku: NonEmpty
    name: NonEmpty
    quantity: Annotated[int, Field(ge=1)]
    unitPrice: Annotated[float, Field(ge=0)]
    tags: list[str] = None  # type: ignore[assignment] - absent, never null


class EchoRequest(Strict):
    """POST /echo: an order document."""

    id: NonEmpty
    createdAt: NonEmpty
    customer: Customer
    items: Annotated[list[OrderItem], Field(min_length=1, max_length=2000)]
    notes: str = None  # type: ignore[assignment]
    metadata: dict[str, str] = None  # type: ignore[assignment]


class CreateUserRequest(Strict):
    """POST /users."""

    email: Annotated[str, StringConstraints(min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")]
    name: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


class UsersQuery(Strict):
    limit: PageLimit = 20


class UserParams(Strict):
    id: Annotated[int, Field(ge=1, le=MAX_SAFE_INTEGER)]


class ExternalQuery(Strict):
    delayMs: Annotated[int, Field(ge=0, le=10_000)] = None  # type: ignore[assignment]


class ProtectedQuery(Strict):
    page: PageNumber = 1
    pageSize: PageLimit = 20


class Quote(Strict):
    symbol: NonEmpty
    price: float
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


class UpstreamQuote(Strict):
    """The upstream's GET /quote answer, checked before it is passed on."""

    delayMs: Annotated[int, Field(ge=0, le=10_000)]
    quote: Quote
