"""Reading the words people type for stages, roles, channels and the like."""

from __future__ import annotations

from collections.abc import Sequence

from tracker.domain.errors import InvalidInput

def clean(text: str | None) -> str | None:
    """`text` without surrounding blanks; None when nothing is left."""
    if text is None:
        return None
    text = text.strip()
    return text or None


ALIASES: dict[str, str] = {
    "phd": "phd-student",
    "phd-candidate": "phd-student",
    "student": "phd-student",
    "post-doc": "postdoc",
    "prof": "professor",
    "pi": "professor",
    "letter-writer": "writer",
    "referee": "writer",
    "recommender": "writer",
    "mail": "email",
    "e-mail": "email",
    "li": "linkedin",
    "noresponse": "no-response",
    "no-reply": "no-response",
    "ghosted": "no-response",
    "interview": "interviewing",
    "offer": "offered",
    "rejected-by-them": "rejected",
    "not-asked-yet": "not-asked",
}


def normalize_word(text: str) -> str:
    """Lower case, spaces and underscores as hyphens: "No Response" -> "no-response"."""
    return "-".join(text.strip().lower().replace("_", " ").replace("-", " ").split())


def choose(text: str, choices: Sequence[str], what: str) -> str:
    """The entry of `choices` that `text` names, accepting case, spacing and common aliases.

    Raises InvalidInput naming the bad word and every accepted one.
    """
    word = normalize_word(text)
    if word in choices:
        return word
    alias = ALIASES.get(word)
    if alias in choices:
        return alias  # type: ignore[return-value]
    raise InvalidInput(f'unknown {what} "{text}"; use one of: {", ".join(choices)}')
