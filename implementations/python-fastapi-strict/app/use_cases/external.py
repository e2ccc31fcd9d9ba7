"""Scenario 05: a quote from the slow upstream."""

from ..domain.entities import Quote
from ..ports import QuoteProvider


class GetQuote:
    def __init__(self, quotes: QuoteProvider) -> None:
        self.quotes = quotes

    async def __call__(self, delay_ms: int | None) -> Quote:
        return await self.quotes.quote(delay_ms)
