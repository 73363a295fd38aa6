"""A database named by a URL (`postgresql://user@host:5432/dbname`), not a file: telling them apart, parsing, showing.

Standard library only, but for the parse (psycopg's, imported when a URL is parsed): the lean
entry points call `is_url` to send a URL the normal way. A password in a URL is accepted (libpq
takes it), but never shown: `display` and every message build their text from the parsed parts,
never from the URL as typed. tracker itself never stores a password: libpq's `~/.pgpass`, its
service file (`?service=name`) or `PGPASSWORD` supply it.
"""

from __future__ import annotations

import re

from tracker.domain.errors import StoreError
from tracker.system.paths import URL_START as _SCHEME
from tracker.system.paths import is_url

SCHEMES = ("postgresql", "postgres")
"""The URL schemes tracker opens (PostgreSQL, through psycopg 3)."""

_PASSWORD = re.compile(r"(://[^/@:]*):[^/@]*@")

HOW = "write it as postgresql://user@host:5432/dbname or postgresql:///dbname?service=name"


def without_password(url: str) -> str:
    """`url` with any password left out (for a message about a URL that did not parse)."""
    return _PASSWORD.sub(r"\1@", url)


def parse(url: str) -> dict[str, str]:
    """The connection parameters of `url`; StoreError (one sentence, no password) when it is not one tracker opens."""
    scheme = _SCHEME.match(url)
    name = scheme.group(1).lower() if scheme else ""
    if name.split("+")[0] not in SCHEMES:
        raise StoreError(f"tracker opens postgresql:// URLs or SQLite files, not {name}:// URLs; for a file "
                         f"whose name looks like a URL, write ./ before it")
    from psycopg import ProgrammingError
    from psycopg.conninfo import conninfo_to_dict

    plain = "postgresql://" + url[scheme.end():]  # a "+psycopg" in the scheme is SQLAlchemy's, not libpq's
    try:
        params = {k: str(v) for k, v in conninfo_to_dict(plain).items() if v is not None}
    except ProgrammingError:
        raise StoreError(f"the database URL {without_password(url)} does not parse; {HOW}") from None
    port = params.get("port", "")
    if port and not all(p.isdigit() for p in port.split(",")):
        raise StoreError(f"the database URL {without_password(url)} has a port that is not a number; {HOW}")
    if not params.get("dbname") and not params.get("service"):
        raise StoreError(f"the database URL {without_password(url)} names no database; {HOW}")
    return params


def display(params: dict[str, str]) -> str:
    """Server and database, for people: `alice@db.example.org:5432/tracker`, never a password."""
    where = params.get("host") or ("the local socket" if not params.get("service") else "")
    if params.get("port") and where:
        where += f":{params['port']}"
    who = f"{params['user']}@" if params.get("user") else ""
    text = f"{who}{where}/{params.get('dbname', '')}" if where else f"{who}{params.get('dbname', '')}"
    if params.get("service"):
        text += f" (service {params['service']})"
    return text


__all__ = ["HOW", "SCHEMES", "display", "is_url", "parse", "without_password"]
