"""Countries as people and files write them: "KR", "South Korea", "Korea"; "UK", "United Kingdom".

CSRankings' country-info.csv gives two-letter codes (ISO 3166, except "uk" for the United
Kingdom); the program catalog and people write names. `spellings` is the one rule a country
filter (`--country`, the TUI's country filter) uses: every way of writing the country asked for.
Pure.
"""

from __future__ import annotations

from tracker.domain.folding import fold

NAMES: dict[str, tuple[str, ...]] = {
    "ae": ("United Arab Emirates", "UAE"), "ar": ("Argentina",), "at": ("Austria",), "au": ("Australia",),
    "bd": ("Bangladesh",), "be": ("Belgium",), "br": ("Brazil",), "ca": ("Canada",),
    "ch": ("Switzerland",), "cl": ("Chile",), "cn": ("China", "PRC"), "co": ("Colombia",), "cy": ("Cyprus",),
    "cz": ("Czech Republic", "Czechia"), "de": ("Germany",), "dk": ("Denmark",), "ee": ("Estonia",),
    "eg": ("Egypt",), "es": ("Spain",), "fi": ("Finland",), "fr": ("France",), "gr": ("Greece",),
    "hk": ("Hong Kong",), "hu": ("Hungary",), "ie": ("Ireland",), "il": ("Israel",), "in": ("India",),
    "ir": ("Iran",), "it": ("Italy",), "jo": ("Jordan",), "jp": ("Japan",),
    "kr": ("South Korea", "Korea", "Republic of Korea"), "lb": ("Lebanon",), "lu": ("Luxembourg",),
    "mt": ("Malta",), "my": ("Malaysia",), "nl": ("Netherlands", "The Netherlands"), "no": ("Norway",),
    "nz": ("New Zealand",), "ph": ("Philippines",), "pk": ("Pakistan",), "pl": ("Poland",), "pt": ("Portugal",),
    "qa": ("Qatar",), "ro": ("Romania",), "ru": ("Russia",), "sa": ("Saudi Arabia",), "se": ("Sweden",),
    "sg": ("Singapore",), "th": ("Thailand",), "tr": ("Turkey", "Türkiye"), "tw": ("Taiwan",),
    "uk": ("United Kingdom", "GB", "Great Britain", "England", "Scotland", "Wales"),
    "us": ("United States", "USA", "United States of America"), "za": ("South Africa",),
}
"""Code (as CSRankings writes it) -> names of the country, the usual one first."""

_BY_SPELLING: dict[str, str] = {fold(spelling): code for code, names in NAMES.items() for spelling in (code, *names)}


def code(text: str) -> str | None:
    """The code of the country `text` names ("Korea" -> "kr"), or None for one not known here."""
    return _BY_SPELLING.get(fold(text))


def spellings(text: str) -> tuple[str, ...]:
    """Every way of writing the country `text` names, in lower case (and folded): its code and
    names; else `text` alone. A stored country in lower case is one of these when it is that country."""
    found = code(text)
    names = (found, *NAMES[found]) if found is not None else (text.strip(),)
    return tuple(dict.fromkeys(variant for s in names for variant in (s.lower(), fold(s))))


def label(text: str) -> str:
    """How a filter shows a country: "South Korea (KR)" for a code or name known here, else as stored."""
    found = code(text)
    return f"{NAMES[found][0]} ({found.upper()})" if found is not None else text.strip()


def choices(stored: list[str]) -> list[tuple[str, str]]:
    """(label, value) for a country filter: one per country among the `stored` values, by label."""
    seen: dict[str, tuple[str, str]] = {}
    for text in stored:
        if text and text.strip():
            found = code(text)
            seen.setdefault(found or fold(text), (label(text), found.upper() if found else text.strip()))
    return sorted(seen.values(), key=lambda pair: fold(pair[0]))
