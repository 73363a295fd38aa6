"""Reading message headers over IMAP (the standard library's imaplib), from any provider.

Only header fields are fetched (`BODY.PEEK[HEADER.FIELDS (...)]`, which leaves messages unread)
with INTERNALDATE, in batches by UID, and only UIDs above the highest one seen in the folder
(while its UIDVALIDITY is unchanged). TLS certificates are verified against the system's
certificate authorities (or the file named by `SSL_CERT_FILE`); `imap://` without TLS is refused
except to this machine. Every failure is a `MailError`: one sentence, no password in it.
"""

from __future__ import annotations

import imaplib
import re
import socket
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from tracker.domain.errors import TrackerError
from tracker.domain.mail import HEADER_FIELDS

TIMEOUT = 12.0
"""Seconds to wait for the server at each step: a host that does not answer fails within 15 s."""
BATCH = 500
"""UIDs per FETCH."""
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
BROKEN_OFF = (OSError, imaplib.IMAP4.error, imaplib.IMAP4.abort)
"""What a connection that breaks off mid-way raises (a timeout, a dropped line, a server error):
for callers, which do not import the network modules themselves (tests/test_privacy.py)."""
"""Hosts `imap://` (no TLS) may reach: this machine only."""
_FETCH = "(UID INTERNALDATE BODY.PEEK[HEADER.FIELDS (" + " ".join(f.upper() for f in HEADER_FIELDS) + ")])"
_UID = re.compile(rb"UID (\d+)")
_INTERNALDATE = re.compile(rb'INTERNALDATE "([^"]+)"')
_LIST = re.compile(rb'^\((?P<flags>[^)]*)\) (?P<delim>"(?:[^"\\]|\\.)*"|NIL) (?P<name>.+)$')


class MailError(TrackerError):
    """The mail server could not be reached, refused the login, or lacks a folder: one sentence."""


@dataclass(frozen=True)
class ImapUrl:
    """Where an account's mail is: imaps://USER@HOST[:PORT] (no password, ever)."""

    tls: bool
    user: str
    host: str
    port: int

    def __str__(self) -> str:
        scheme = "imaps" if self.tls else "imap"
        user = self.user.replace("%", "%25").replace("@", "%40")
        default = 993 if self.tls else 143
        return f"{scheme}://{user}@{self.host}" + (f":{self.port}" if self.port != default else "")


def parse_url(text: str) -> ImapUrl:
    """Read imaps://USER@HOST[:PORT]; USER may hold an @ (as is or as %40). No password is accepted."""
    from urllib.parse import unquote

    match = re.fullmatch(r"(imaps?)://(.+)@([^@/:\[\]]+|\[[0-9a-fA-F:]+\])(?::(\d{1,5}))?/?", text.strip())
    if match is None:
        raise MailError(f'"{text}" is not an IMAP address; write imaps://USER@HOST or imaps://USER@HOST:PORT')
    scheme, userinfo, host, port = match.groups()
    if ":" in userinfo.split("@")[-1] and not userinfo.startswith("["):
        raise MailError("put no password in the address: tracker asks for it, or reads TRACKER_IMAP_PASSWORD "
                        "or the system keyring (docs/mail.md)")
    tls = scheme == "imaps"
    host = host.strip("[]").lower()
    if not tls and host not in LOCAL_HOSTS:
        raise MailError(f"imap:// sends your password unencrypted; use imaps://{unquote(userinfo)}@{host} "
                        "(plain imap:// is accepted only to 127.0.0.1 or localhost)")
    number = int(port) if port else (993 if tls else 143)
    if not 0 < number < 65536:
        raise MailError(f"port {port} is not a port number (1 to 65535)")
    return ImapUrl(tls=tls, user=unquote(userinfo), host=host, port=number)


def _tls_context() -> ssl.SSLContext:
    """Certificates verified, host names checked: the system's authorities, or `SSL_CERT_FILE`'s."""
    return ssl.create_default_context()


def connect(url: ImapUrl, password: str, *, timeout: float | None = None) -> imaplib.IMAP4:
    """A logged-in connection, or a MailError saying in one sentence what went wrong."""
    timeout = TIMEOUT if timeout is None else timeout
    where = f"{url.host}:{url.port}"
    try:
        if url.tls:
            conn: imaplib.IMAP4 = imaplib.IMAP4_SSL(url.host, url.port, ssl_context=_tls_context(), timeout=timeout)
        else:
            conn = imaplib.IMAP4(url.host, url.port, timeout=timeout)
    except ssl.SSLCertVerificationError as err:
        reason = err.verify_message or "not trusted"
        raise MailError(f"the certificate of {where} does not verify ({reason}); nothing was read") from None
    except (TimeoutError, socket.timeout):
        raise MailError(f"{where} did not answer within {timeout:.0f} s; check the host and port") from None
    except ssl.SSLError as err:
        raise MailError(f"no TLS connection to {where} ({err.reason or err}); is it an imaps:// port?") from None
    except OSError as err:
        raise MailError(f"cannot reach {where}: {err.strerror or err}") from None
    except imaplib.IMAP4.error as err:
        raise MailError(f"{where} does not speak IMAP: {_text(err)}") from None
    try:
        conn.login(url.user, password)
    except imaplib.IMAP4.error:
        _close(conn)
        raise MailError(f"{where} refused the login of {url.user}: wrong user or password "
                        "(Gmail and Outlook need an app password, see docs/mail.md)") from None
    except (OSError, imaplib.IMAP4.abort) as err:
        _close(conn)
        raise MailError(f"{where} closed the connection during login: {_text(err)}") from None
    return conn


def _text(err: BaseException) -> str:
    arg = err.args[0] if err.args else err
    return arg.decode("utf-8", "replace") if isinstance(arg, bytes) else str(arg)


def _close(conn: imaplib.IMAP4) -> None:
    try:
        conn.logout()
    except (OSError, imaplib.IMAP4.error):
        pass


def close(conn: imaplib.IMAP4) -> None:
    """Log out, ignoring a connection already gone."""
    _close(conn)


def _unquote(name: bytes) -> str:
    text = name.decode("utf-8", "replace").strip()
    if text.startswith('"') and text.endswith('"'):
        text = re.sub(r"\\(.)", r"\1", text[1:-1])
    return text


def folders(conn: imaplib.IMAP4) -> list[tuple[str, set[str]]]:
    """Every folder with its flags (RFC 6154 special-use ones among them: \\Sent...)."""
    status, lines = conn.list()
    found: list[tuple[str, set[str]]] = []
    if status != "OK":
        return found
    items = iter(lines)
    for line in items:
        if isinstance(line, tuple):  # a literal: (b'(\\Sent) "/" {9}', b'Sent Mail')
            head, literal = line
            match = _LIST.match(head.rstrip() + b' ""')
            if match:
                found.append((literal.decode("utf-8", "replace"), set(match["flags"].decode().split())))
            continue
        match = _LIST.match(line or b"")
        if match:
            found.append((_unquote(match["name"]), set(match["flags"].decode().split())))
    return found


def sent_folder(conn: imaplib.IMAP4) -> str:
    """The folder the server marks \\Sent (RFC 6154), else one named "Sent"."""
    listed = folders(conn)
    for name, flags in listed:
        if "\\Sent" in flags:
            return name
    return "Sent"


def _quoted(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def open_folder(conn: imaplib.IMAP4, folder: str) -> int:
    """Select `folder` read-only; its UIDVALIDITY. A folder that does not exist is a MailError."""
    try:
        status, _ = conn.select(_quoted(folder), readonly=True)
    except imaplib.IMAP4.error:
        status = "NO"
    if status != "OK":
        names = ", ".join(name for name, _ in folders(conn)) or "none"
        raise MailError(f'there is no folder "{folder}" on the server (its folders: {names})')
    values = conn.untagged_responses.get("UIDVALIDITY") or [b"0"]
    return int(values[-1])


def _ranges(uids: list[int]) -> Iterator[str]:
    """Sorted UIDs as an IMAP set in pieces of at most BATCH UIDs: "3:40,42"."""
    for start in range(0, len(uids), BATCH):
        chunk = uids[start:start + BATCH]
        parts: list[str] = []
        first = prev = chunk[0]
        for uid in chunk[1:]:
            if uid != prev + 1:
                parts.append(f"{first}:{prev}" if first != prev else str(first))
                first = uid
            prev = uid
        parts.append(f"{first}:{prev}" if first != prev else str(first))
        yield ",".join(parts)


def new_uids(conn: imaplib.IMAP4, after: int, since: date | None = None) -> list[int]:
    """The UIDs above `after` (and, with `since`, of messages from that day on), ascending."""
    criteria = [f"UID {after + 1}:*"]
    if since is not None:
        criteria.append(f"SINCE {since.day}-{since:%b}-{since.year}")
    status, data = conn.uid("SEARCH", *criteria)
    if status != "OK":
        raise MailError(f"the server refused to list the messages: {_text(imaplib.IMAP4.error(data[-1]))}")
    uids = sorted({int(u) for u in b" ".join(d for d in data if d).split()})
    return [u for u in uids if u > after]  # "N:*" always matches the last message, even below N


def fetch_headers(conn: imaplib.IMAP4, uids: list[int],
                  progress: Callable[[int], None] | None = None) -> Iterator[tuple[int, bytes, Arrival]]:
    """(UID, raw header fields, INTERNALDATE read when asked) of each message of `uids`, BATCH at a time."""
    for piece in _ranges(uids):
        status, data = conn.uid("FETCH", piece, _FETCH)
        if status != "OK":
            raise MailError(f"the server refused to send the headers: {_text(imaplib.IMAP4.error(data[-1]))}")
        count = 0
        for item in data:
            if not isinstance(item, tuple):
                continue
            head, raw = item
            uid = _UID.search(head)
            if uid is None:
                continue
            count += 1
            when = _INTERNALDATE.search(head)
            yield int(uid.group(1)), raw, Arrival(when.group(1) if when else None)
        if progress is not None:
            progress(count)


class Arrival:
    """A message's INTERNALDATE, parsed only if its Date header is missing or malformed (called then)."""

    __slots__ = ("text",)

    def __init__(self, text: bytes | None) -> None:
        self.text = text

    def __call__(self) -> datetime | None:
        if self.text is None:
            return None
        try:
            return datetime.strptime(self.text.decode("ascii").strip(), "%d-%b-%Y %H:%M:%S %z")
        except ValueError:
            return None
