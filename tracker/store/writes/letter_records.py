"""Writing reference-letter requests: who is asked, for what, how far it has got, how it is sent.

Part of the store's write functions (`tracker.store.writes.records` re-exports `set_letter`):
the caller's transaction, values already parsed, vocabulary checked here.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from tracker.domain.choices import choose, clean
from tracker.domain.errors import ChangedElsewhere
from tracker.domain.vocab import LETTER_ROUTES, LETTER_STATUSES
from tracker.store.models import LetterRequest
from tracker.store.queries.lookup import find_opportunity, find_person


LETTER_DATE_FIELD = {
    "alerted": "alerted_on",
    "agreed": "agreed_on",
    "requested": "requested_on",
    "submitted": "submitted_on",
    "thanked": "thanked_on",
}


def set_letter(
    session: Session,
    *,
    opportunity: str,
    writer: str,
    status: str | None,
    on: date,
    notes: str | None = None,
    via: str | None = None,
    submit_to: str | None = None,
    attachments: str | None = None,
    shown: str | None = None,
) -> tuple[LetterRequest, bool]:
    """Create or update the letter request of `writer` for `opportunity`.

    `shown`: the status the caller showed the user (a form, a row of the desk); a letter whose status
    is another now (recorded elsewhere meanwhile: the laptop marked it submitted) is refused with
    ChangedElsewhere, nothing written, rather than taken back a step.

    Returns the request and whether it was new. A new request without a status
    starts as "not-asked"; the status's date field is set to `on`. `via` is "portal"
    or "email" (guessed from `submit_to` when only that is given: an address with
    "@" is e-mail); the other fields left None are kept as they were.
    """
    opp = find_opportunity(session, opportunity)
    person = find_person(session, writer)
    request = session.exec(
        select(LetterRequest).where(LetterRequest.opportunity_id == opp.id, LetterRequest.writer_id == person.id)
    ).first()
    created = request is None
    if shown is not None and request is not None and request.status != shown:
        raise ChangedElsewhere(f"{person.name}'s letter for {opp.title} is {request.status} now (recorded "
                               "elsewhere); nothing changed", fields=("status",), values={"status": request.status})
    if request is None:
        request = LetterRequest(opportunity_id=opp.id, writer_id=person.id)
    if status is not None:
        request.status = choose(status, LETTER_STATUSES, "letter status")
        field = LETTER_DATE_FIELD.get(request.status)
        if field:
            setattr(request, field, on)
    if notes is not None:
        request.notes = clean(notes)
    if submit_to is not None:
        request.submit_to = clean(submit_to)
        if via is None and request.submit_to:
            via = "email" if "@" in request.submit_to and "://" not in request.submit_to else "portal"
    if via is not None:
        request.via = choose(via, LETTER_ROUTES, "letter route")
    if attachments is not None:
        request.attachments = clean(attachments)
    session.add(request)
    session.flush()
    return request, created
