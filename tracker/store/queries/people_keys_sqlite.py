"""The People filter's SQLite variant: every person's search keys kept in memory, in the table's first sort.

A keystroke in the People filter asked SQLite for the matching people's first page: a LIKE pass over
30,000 people's keys (the trigram index cannot serve a word of one or two letters), then a window
count and a sort of up to 23,000 matches, 30-70 ms at full size. The same answer comes from the keys
themselves: the portable search (`tracker.store.queries.search`) is "every word is in one of the
folded keys", a LIKE on each key, and LIKE with a pattern of `%word%` (its wildcards escaped) is a
substring test in which A-Z match a-z. So the keys SQLite holds are read once, joined by the folding's
field separator (no word holds one, so no word spans two fields) and lower-cased as SQLite's `lower`
does (A-Z only), in the order of the table's first sort (the folded name, then the id, as SQLite sorts
them); a search is then one substring test per person and word, about 2.5 ms, and the page's rows are
read by their ids. tests/test_people_keys.py proves the pages equal to the portable query's.

The Store keeps one `PeopleKeys` with the change count it was read at (`Store.keep_people_keys`), and
uses it only while that count is current (`Store.people_found`); otherwise the portable query answers.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from tracker.domain.folding import SEPARATOR, word_forms

_KEYS = f"""
SELECT person.id, person.role, lower(
    coalesce(person.search_name, lower(person.name)) || char({ord(SEPARATOR)})
    || coalesce(person.search_text, '') || char({ord(SEPARATOR)})
    || coalesce(organization.search_text, lower(organization.name), ''))
FROM person LEFT OUTER JOIN organization ON organization.id = person.organization_id
ORDER BY lower(coalesce(person.search_name, lower(person.name))), person.id
"""
"""Each person's id, role and keys (name and aliases; lab, areas and e-mail; organization), in the
People table's first sort (`tracker.store.queries.people_table`: the folded name, then the id)."""

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
"""What SQLite's `lower` and its LIKE's case rule change: A-Z, nothing else."""


@dataclass(frozen=True)
class PeopleKeys:
    """Every person's keys, read at change count `version`, in the People table's first sort."""

    version: int
    ids: list[int]
    roles: list[str]
    keys: list[str]

    def found(self, search_words: list[str], role: str | None) -> list[int]:
        """The ids of the people with every one of `search_words` (folded, `tracker.domain.folding.words`)
        in one of their keys, and of `role` (None: any), in the table's first sort."""
        chosen = range(len(self.ids))
        keys = self.keys
        for word in search_words:
            forms = [form.translate(_ASCII_LOWER) for form in word_forms(word)]
            if len(forms) == 1:
                chosen = [i for i in chosen if forms[0] in keys[i]]
            else:  # a word with a hyphen, found with or without it (`word_forms`)
                chosen = [i for i in chosen if any(form in keys[i] for form in forms)]
        if role is not None:
            roles = self.roles
            chosen = [i for i in chosen if roles[i] == role]
        ids = self.ids
        return [ids[i] for i in chosen]


def read_keys(conn: sqlite3.Connection, version: int) -> PeopleKeys:
    """Every person's keys, read in one snapshot (`version`: the change count read before it)."""
    conn.execute("BEGIN")
    try:
        rows = conn.execute(_KEYS).fetchall()
    finally:
        conn.commit()
    if not rows:
        return PeopleKeys(version, [], [], [])
    ids, roles, keys = (list(column) for column in zip(*rows))
    return PeopleKeys(version, ids, roles, keys)
