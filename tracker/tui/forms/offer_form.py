"""OfferForm: record an offer; the opportunity moves to "offered"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlmodel import Session
from textual.suggester import SuggestFromList
from textual.widgets import Input

from tracker.tui.forms.base import Change, Field, FormScreen
from tracker.tui.widgets.date_input import DateInput

CURRENCIES = ("INR", "USD", "SGD", "KRW", "EUR", "GBP", "CAD", "JPY", "CHF", "AUD", "CNY", "HKD")
"""Offered as completions; any three-letter code is accepted."""

_CURRENCY = re.compile(r"[A-Za-z]{3}")


class OfferForm(FormScreen):
    """When it came, when to answer, the stipend, and the internship's dates."""

    heading = "New offer"

    def __init__(self, opportunity: str) -> None:
        super().__init__()
        self.opportunity = opportunity
        """The opportunity's title (a unique prefix is enough)."""

    def subtitle(self) -> str | None:
        return self.opportunity

    def fields(self) -> Iterable[Field]:
        yield Field("received_on", "Received on", DateInput("today", mode="date"), required=True)
        yield Field("respond_by", "Respond by", DateInput(mode="date", ahead=True, empty_hint="no answer deadline given"))
        yield Field("stipend", "Stipend", Input(placeholder="per month, e.g. 1500", type="number", compact=True))
        yield Field("currency", "Currency", Input(
            placeholder="e.g. SGD, USD, KRW, INR", max_length=3,
            suggester=SuggestFromList(CURRENCIES, case_sensitive=False), compact=True,
        ))
        yield Field("start", "Starts", DateInput(mode="date", ahead=True, empty_hint="e.g. 2027-05-15, Jun 1"))
        yield Field("end", "Ends", DateInput(mode="date", ahead=True, empty_hint="e.g. 2027-07-31, Aug 15"))

    def load(self, session: Session) -> Any:
        from tracker.store.writes.edits import opportunity_stage

        return opportunity_stage(session, self.opportunity)

    def loaded(self, data: Any) -> None:
        title, stage = data
        self.opportunity = title
        self.set_subtitle(f"{title} ({stage})")

    def build(self) -> Change | None:
        received = self.when("received_on", required=True)
        respond_by = self.when("respond_by")
        stipend = self.number("stipend")
        currency = self.text("currency")
        start, end = self.when("start"), self.when("end")
        if currency and not _CURRENCY.fullmatch(currency):
            self.fail("currency", f'"{currency}" is not a currency code; use three letters, e.g. SGD, USD, INR')
        if stipend is not None and currency is None:
            self.fail("currency", "give the stipend's currency, e.g. SGD, USD, INR")
        if start and end and end < start:
            self.fail("end", f"the offer ends ({end:%Y-%m-%d}) before it starts ({start:%Y-%m-%d})")
        if received and respond_by and respond_by < received:
            self.fail("respond_by", f"the answer is due before the offer came ({received:%Y-%m-%d})")
        if self.errors or received is None:
            return None
        values: dict[str, Any] = {
            "received_on": received, "respond_by": respond_by, "stipend": stipend,
            "currency": currency.upper() if currency else None, "start": start, "end": end,
        }
        return _add(self.opportunity, values)


def _add(opportunity: str, values: dict[str, Any]) -> Change:
    def change(session: Session) -> str:
        from tracker.store.writes.records import add_offer

        offer = add_offer(session, opportunity=opportunity, **values)
        by: date | None = offer.respond_by
        return f'Offer for "{opportunity}" recorded' + (f", respond by {by:%a %Y-%m-%d}" if by else "")

    return change
