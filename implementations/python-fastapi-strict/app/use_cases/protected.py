"""Scenario 06: the authenticated user's page of items."""

from ..domain.entities import Item, ItemPage
from ..domain.tokens import user_of_authorization


class Authenticate:
    def __init__(self, secret: str) -> None:
        self.secret = secret

    def __call__(self, authorization: str | None) -> int:
        return user_of_authorization(authorization, self.secret)


class ShowItems:
    def __call__(self, user_id: int, page: int, page_size: int) -> ItemPage:
        first = (page - 1) * page_size + 1
        items = tuple(Item(item, f"Item {item} of user {user_id}") for item in range(first, first + page_size))
        return ItemPage(user_id, page, page_size, items)
