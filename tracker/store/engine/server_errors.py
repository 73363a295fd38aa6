"""One sentence for people about a PostgreSQL error (psycopg's, raw or wrapped by SQLAlchemy).

The sentence is built from the server's words and the parsed connection parameters, never from
the URL as typed, so a password never appears in it.
"""

from __future__ import annotations

from tracker.store.engine.sqlite_file import BUSY_MESSAGE

PASSWORD_HELP = "tracker takes it from ~/.pgpass, the service file or PGPASSWORD"

ADVISOR_READS = ("an advisor reads their students' records but never changes them; nothing was written")
NO_GROUP = ("the role {user} is in neither tracker_student nor tracker_advisor; ask the database's owner to "
            "GRANT tracker_student TO {user} (or tracker_advisor)")

_BUSY_STATES = {"55P03", "57014", "40001", "40P01"}
"""lock_not_available, query_canceled (statement_timeout), serialization_failure, deadlock_detected."""


def is_server_error(err: BaseException) -> bool:
    """True for psycopg's errors (raw, or wrapped by SQLAlchemy)."""
    orig = getattr(err, "orig", None) or err
    return type(orig).__module__.split(".")[0] == "psycopg"


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines:  # libpq: 'connection failed: connection to server at "h" (1.2.3.4), port 5 failed: FATAL: ...'
        if "FATAL:" in line:
            return line.split("FATAL:", 1)[1].strip()
    text = lines[-1] if lines else text
    return text.split("failed: ", 1)[1].strip() if text.startswith("connection") and "failed: " in text else text


def explain_connect(err: BaseException, params: dict[str, str], where: str) -> str:
    """Why connecting to the server described by `params` (shown as `where`) failed."""
    text = str(err)
    user = params.get("user") or "your role"
    host = params.get("host") or "the server"
    low = text.lower()
    if "could not translate host name" in low or "name or service not known" in low:
        return f"cannot find the database server {host}: no such host"
    if "timeout expired" in low:
        return f"the database server {where} did not answer within the connect timeout"
    if "password authentication failed" in low or "no password supplied" in low or \
            "authentication failed" in low:
        return f"the server refused the login of {user}: wrong or missing password ({PASSWORD_HELP})"
    if "database" in low and "does not exist" in low:
        return f"there is no database {params.get('dbname', '')!r} on the server {where}"
    if "role" in low and "does not exist" in low:
        return f"the server {where} has no role {user!r}"
    if "no pg_hba.conf entry" in low:
        return f"the server does not let {user} connect to {where} from here (its pg_hba.conf)"
    if "service" in low and ("not found" in low or "definition" in low):
        return f"there is no service {params.get('service', '')!r} in the PostgreSQL service file"
    if "connection refused" in low or "no such file or directory" in low:
        return f"the database server {where} does not answer (connection refused); is it running?"
    if "permission denied for database" in low:
        return f"{user} may not connect to the database {where}"
    return f"cannot connect to the database server {where}: {_first_line(text)}"


def explain_server(err: BaseException, user: str | None = None) -> str:
    """Why a statement on the server failed, in one sentence."""
    orig = getattr(err, "orig", None) or err
    state = getattr(orig, "sqlstate", None) or ""
    text = _first_line(getattr(getattr(orig, "diag", None), "message_primary", None) or str(orig))
    who = user or "your role"
    if state in _BUSY_STATES:
        return BUSY_MESSAGE
    if "row-level security" in text:
        return f"the server refused to write a row that is not {who}'s; nothing was written"
    if state == "42501":  # insufficient_privilege
        return (f"the server refused: {text} ({who} may read or write only what its group allows; "
                f"an advisor never writes); nothing was written")
    if state.startswith("08") or "server closed the connection" in text or "terminating connection" in text:
        return "the connection to the database server was lost; nothing was written, try again"
    if state == "53100":
        return "the database server's disk is full; nothing was written"
    if state == "25006":  # read_only_sql_transaction
        return "the database server is read-only now; nothing was written"
    return f"database error: {text}"


__all__ = ["ADVISOR_READS", "NO_GROUP", "explain_connect", "explain_server", "is_server_error"]
