"""The titles people write before a name: which words are not part of it. Data only (imported by the
lookup on every command, and by the duplicate guard's `tracker.domain.similar`)."""

from __future__ import annotations

HONORIFICS = frozenset({
    "prof", "professor", "dr", "doctor", "mr", "mrs", "ms", "miss", "mx", "sir", "phd", "asst", "assoc",
    "emeritus", "교수", "교수님", "박사", "박사님", "선생님", "先生", "教授", "博士",
    # Academic titles of other countries, as folded: Turkish "Doç. Dr.", "Dr. Öğr. Üyesi", "Yrd. Doç.";
    # German "PD Dr. habil.", "Priv.-Doz."; Polish "dr hab."; Italian "Dott.", "Dott.ssa"; Spanish and
    # Portuguese "Dra.". (Not "Ing.": it is a surname too.)
    "doc", "ogr", "uyesi", "yrd", "habil", "hab", "priv", "doz", "pd", "dott", "ssa", "dra",
})
"""Words that are not part of a person's name."""
