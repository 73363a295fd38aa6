"""LinkedIn profiles and names as the LinkedIn import compares them. Pure.

A profile URL is written many ways: `https://www.linkedin.com/in/kim-minsoo/`,
`http://linkedin.com/in/kim-minsoo`, `https://kr.linkedin.com/in/kim-minsoo/ko`,
`linkedin.com/in/Kim-Minsoo?trk=...`. `profile_key` gives all of them the same key.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from tracker.domain.folding import fold

_PROFILE = re.compile(r"^(?:[a-z0-9-]+\.)?linkedin\.com/(in|pub)/([^/?#]+)(?:/([^?#]*))?", re.IGNORECASE)
_TITLES = re.compile(r"^(?:prof|professor|dr|mr|ms|mrs)\.?\s+", re.IGNORECASE)


def profile_key(url: str | None) -> str | None:
    """"in/kim-minsoo" for any spelling of that profile's URL; None when `url` is not a LinkedIn profile.

    Scheme, `www.` or a country subdomain, a trailing slash, a locale suffix (`/ko`, `/en-us`),
    a query or fragment and the case of the id do not matter.
    """
    if not url:
        return None
    text = url.strip()
    text = re.sub(r"^[a-z]+://", "", text, flags=re.IGNORECASE)
    match = _PROFILE.match(text)
    if match is None:
        return None
    return f"{match.group(1).lower()}/{unquote(match.group(2)).lower()}"


def name_key(name: str | None) -> str | None:
    """A full name as compared: folded (no case, no accents), without a title ("Prof.", "Dr.")."""
    if not name:
        return None
    text = fold(name)
    while True:
        shorter = _TITLES.sub("", text)
        if shorter == text:
            break
        text = shorter
    return text or None
