"""Mail for the tests: messages as they really come, written to mbox and Maildir files, and a real
Dovecot IMAP server started in tmp_path (`Dovecot`), filled with IMAP APPEND.

The server listens on 127.0.0.1 only, on a free port, with a throw-away configuration: a
passwd-file user, a Maildir, its base and state directories, its log and a TLS certificate signed
by a CA made here (openssl), all in the test's folder. No system service is touched. Tests that need
it are skipped, saying why, where Dovecot or openssl is missing.
"""

from __future__ import annotations

import email.utils
import imaplib
import mailbox
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from email.header import Header
from pathlib import Path

import pytest

from server_rule import REQUIRED, server_missing

DOVECOT = shutil.which("dovecot") or ("/usr/sbin/dovecot" if os.path.exists("/usr/sbin/dovecot") else None)
OPENSSL = shutil.which("openssl")
needs_dovecot = pytest.mark.skipif(
    (DOVECOT is None or OPENSSL is None) and os.environ.get(REQUIRED) != "required",
    reason="Dovecot (Debian's dovecot-imapd) or openssl is not installed: the IMAP tests need a real server",
)
USER, PASSWORD = "aarav", "app-password-123"
ME = "aarav@iitd.ac.in"


@dataclass
class Mail:
    """One message as the tests write it."""

    sender: str
    to: str
    subject: str
    at: datetime | None
    message_id: str | None
    reply_to: str | None = None
    cc: str | None = None
    body: str = "Dear Professor,\n\nA body tracker must never keep.\n"
    raw_date: str | None = None
    """A Date header written as is (malformed ones)."""

    def as_bytes(self) -> bytes:
        lines = [f"From: {self.sender}", f"To: {self.to}"]
        if self.cc:
            lines.append(f"Cc: {self.cc}")
        subject = self.subject if self.subject.isascii() else Header(self.subject, "utf-8").encode()
        lines.append(f"Subject: {subject}")
        if self.raw_date is not None:
            lines.append(f"Date: {self.raw_date}")
        elif self.at is not None:
            lines.append(f"Date: {email.utils.format_datetime(self.at)}")
        if self.message_id:
            lines.append(f"Message-ID: <{self.message_id}>")
        if self.reply_to:
            lines += [f"In-Reply-To: <{self.reply_to}>", f"References: <{self.reply_to}>"]
        lines += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", ""]
        return ("\r\n".join(lines) + "\r\n" + self.body.replace("\n", "\r\n")).encode()


def named(name: str, address: str) -> str:
    """A From/To value with an RFC 2047 encoded name when it is not ASCII."""
    if name.isascii():
        return f'"{name}" <{address}>'
    return f"{Header(name, 'utf-8').encode()} <{address}>"


def at(day: str, hour: int = 10) -> datetime:
    """An instant on an ISO day, UTC."""
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=timezone.utc)


def write_mbox(path: Path, mails: list[Mail]) -> Path:
    box = mailbox.mbox(path)
    for mail in mails:
        message = mailbox.mboxMessage(mail.as_bytes())
        if mail.at is not None:  # the "From " line's date: what stands in for a malformed Date
            message.set_from("MAILER-DAEMON", mail.at.astimezone(timezone.utc).timetuple())
        box.add(message)
    box.flush()
    box.close()
    return path


def write_maildir(path: Path, mails: list[Mail]) -> Path:
    box = mailbox.Maildir(path, create=True)
    for mail in mails:
        box.add(mail.as_bytes())
    return path


# --- Dovecot ---------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_ca(folder: Path, name: str) -> tuple[Path, Path, Path]:
    """A CA and a certificate for 127.0.0.1/localhost signed by it: (ca.crt, server.crt, server.key).

    Elliptic-curve keys (P-256): made at once, where two RSA keys took 0.3-0.5 s of each mail test."""
    folder.mkdir(parents=True, exist_ok=True)
    run = lambda *args: subprocess.run([OPENSSL, *args], cwd=folder, check=True, capture_output=True)  # noqa: E731
    key = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1")
    run("req", "-x509", *key, "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
        "-subj", f"/CN={name} test CA")
    run("req", *key, "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1")
    (folder / "ext").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out",
        "server.crt", "-days", "2", "-extfile", "ext")
    return folder / "ca.crt", folder / "server.crt", folder / "server.key"


def _running(pid: int) -> bool:
    """The process is alive: neither gone nor a zombie waiting for its parent (init) to reap it."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


class Dovecot:
    """A Dovecot IMAP server of the test's own, on 127.0.0.1 (imaps on `port`, plain imap on `plain_port`)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = free_port()
        self.plain_port = free_port()
        self.ca, cert, key = make_ca(root / "tls", "tracker")
        mail = root / "mail"
        (root / "state").mkdir(parents=True, exist_ok=True)
        # The runtime folder holds Unix sockets, whose paths must stay under 108 bytes: a short folder
        # of its own in /tmp, not under a deep tmp_path (pytest's default basetemp is long).
        self.run_dir = Path(tempfile.mkdtemp(prefix="tracker-dv-", dir="/tmp"))
        self.run_dir.chmod(0o755)
        (mail / USER).mkdir(parents=True)
        (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
        if os.geteuid() == 0:
            # Dovecot never gives mail access to root: the mail is the `dovecot` user's, reached through a
            # chroot (made as root, so the test's private folders need not be opened to others).
            for folder in (mail, mail / USER):
                shutil.chown(folder, "dovecot", "dovecot")
            users = ("default_login_user = dovenull\ndefault_internal_user = dovecot\nfirst_valid_uid = 1\n"
                     f"valid_chroot_dirs = {mail}\nservice auth {{\n  user = root\n}}\n")
            userdb = f"uid=dovecot gid=dovecot home={mail}/./{USER}"
        else:
            me = pwd.getpwuid(os.geteuid()).pw_name
            users = f"default_login_user = {me}\ndefault_internal_user = {me}\n"
            userdb = f"uid={os.geteuid()} gid={os.getegid()} home={mail}/{USER}"
        self.config = root / "dovecot.conf"
        self.config.write_text(f"""
base_dir = {self.run_dir}
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
disable_plaintext_auth = no
auth_mechanisms = plain
mail_location = maildir:~/Maildir
{users}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = {userdb}
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox "Sent Messages" {{
    special_use = \\Sent
    auto = subscribe
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.plain_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.port}
    ssl = yes
  }}
}}
service stats {{
  inet_listener http {{
    port = 0
  }}
}}
""")

    @property
    def url(self) -> str:
        return f"imaps://{USER}@127.0.0.1:{self.port}"

    def start(self) -> None:
        errors = self.root / "start.err"
        with open(errors, "wb") as err:  # not a pipe: the daemon would hold it open
            code = subprocess.run([DOVECOT, "-c", str(self.config)], stdout=subprocess.DEVNULL, stderr=err).returncode
        if code != 0:
            raise RuntimeError(f"dovecot did not start: {errors.read_text(errors='replace')}")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("dovecot did not listen within 10 s: " + self.log())

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        try:
            self._stop()
        finally:
            shutil.rmtree(self.run_dir, ignore_errors=True)

    def _stop(self) -> None:
        """Kill the server and its processes at once: a throw-away server has nothing to save, and
        its own shutdown (SIGTERM) took 2.5 s, waiting for its log process, in each of some twenty
        tests. Dovecot's master leads a process group of its own, which every process it starts
        joins."""
        pid_file = self.run_dir / "master.pid"
        if not pid_file.exists():
            return
        pid = int(pid_file.read_text().split()[0])
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _running(pid):
            time.sleep(0.01)

    def client(self) -> imaplib.IMAP4_SSL:
        conn = imaplib.IMAP4_SSL("127.0.0.1", self.port, ssl_context=ssl.create_default_context(cafile=str(self.ca)))
        conn.login(USER, PASSWORD)
        return conn

    def append(self, folder: str, mails: list[Mail]) -> None:
        """Put messages in `folder` with IMAP APPEND (INTERNALDATE: the message's date, else now)."""
        conn = self.client()
        try:
            for mail in mails:
                when = imaplib.Time2Internaldate(mail.at) if mail.at else None
                status, data = conn.append(f'"{folder}"', None, when, mail.as_bytes())
                assert status == "OK", data
        finally:
            conn.logout()


@pytest.fixture
def dovecot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A running Dovecot whose CA the client trusts (SSL_CERT_FILE) and whose password it has."""
    if DOVECOT is None or OPENSSL is None:
        server_missing("Dovecot (Debian's dovecot-imapd) or openssl is not installed: the IMAP tests need a real server")
    server = Dovecot(tmp_path / "dovecot")
    server.start()
    monkeypatch.setenv("SSL_CERT_FILE", str(server.ca))
    monkeypatch.setenv("TRACKER_IMAP_PASSWORD", PASSWORD)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    try:
        yield server
    finally:
        server.stop()


# --- a season's mail -------------------------------------------------------------------------------------

KIM = "kim@gist.ac.kr"
SATO, SATO_GMAIL = "sato@u-tokyo.ac.jp", "k.sato@gmail.com"
PARK = "park.postdoc@gist.ac.kr"


def add_people(cli) -> None:  # type: ignore[no-untyped-def]
    """The tracked people and opportunities the season's mail is about."""
    cli.ok("profile", "--name", "Aarav Sharma", "--timezone", "UTC")
    cli.ok("add", "person", "Prof. Kim Minsoo", "--role", "professor", "--org", "GIST", "--email", KIM)
    cli.ok("add", "person", "Dr. Sato Kenji", "--role", "researcher", "--org", "University of Tokyo",
           "--email", f"{SATO}, {SATO_GMAIL}")
    cli.ok("add", "person", "Prof. Jürgen Müller", "--role", "professor", "--org", "TU Munich",
           "--email", "mueller@tum.de")
    cli.ok("add", "opportunity", "GIST CV Lab", "--kind", "outreach", "--org", "GIST", "--contact", "kim")
    cli.ok("add", "opportunity", "Tokyo Vision Group", "--kind", "outreach", "--org", "University of Tokyo",
           "--contact", "sato")
    cli.ok("add", "opportunity", "TUM Robotics", "--kind", "outreach", "--org", "TU Munich", "--contact", "jürgen")


def season() -> tuple[list[Mail], list[Mail]]:
    """(sent folder, inbox): cold e-mails, replies (one from a second address, one Korean-encoded name),
    a reply from a postdoc tracker does not know, mail to oneself, a newsletter, a malformed Date."""
    sent = [
        Mail(f"Aarav Sharma <{ME}>", named("김민수", KIM), "Summer internship: video retrieval", at("2026-11-02"),
             "s1@iitd.ac.in"),
        Mail(f"Aarav Sharma <{ME}>", f"Sato Kenji <{SATO}>, friend@example.org", "Internship in your group",
             at("2026-11-03"), "s2@iitd.ac.in"),
        Mail(f"Aarav Sharma <{ME}>", "mueller@tum.de", "Réunion: Praktikum über Robotik", at("2026-11-04"),
             "s3@iitd.ac.in"),
        Mail(f"Aarav Sharma <{ME}>", "aarav.sharma@gmail.com", "note to self", at("2026-11-04"), "s4@iitd.ac.in"),
    ]
    inbox = [
        Mail(named("김민수", KIM), f"Aarav <{ME}>", "Re: Summer internship: video retrieval", at("2026-11-06"),
             "r1@gist.ac.kr", reply_to="s1@iitd.ac.in"),
        Mail(named("Park Jisoo", PARK), f"Aarav <{ME}>", "Re: Summer internship: video retrieval", at("2026-11-07"),
             "r2@gist.ac.kr", reply_to="s1@iitd.ac.in", cc=KIM),
        Mail(f"Sato Kenji <{SATO_GMAIL}>", ME, "Re: Internship in your group", at("2026-11-09"), "r3@gmail.com",
             reply_to="s2@iitd.ac.in", raw_date="sometime next week"),
        Mail("Weekly News <news@example.com>", ME, "This week in AI", at("2026-11-08"), "n1@example.com"),
        Mail(f"Aarav Sharma <{ME}>", "aarav.sharma@gmail.com", "cc to myself", at("2026-11-05"), "s5@iitd.ac.in"),
    ]
    return sent, inbox


def log_by_hand(cli) -> None:  # type: ignore[no-untyped-def]
    """What a student would type for the same season."""
    cli.ok("log", "email", "--to", "kim", "--subject", "Summer internship: video retrieval", "--on", "2026-11-02")
    cli.ok("log", "email", "--to", "sato", "--subject", "Internship in your group", "--on", "2026-11-03")
    cli.ok("log", "email", "--to", "jürgen", "--subject", "Réunion: Praktikum über Robotik", "--on", "2026-11-04")
    cli.ok("log", "email", "--from", "kim", "--subject", "Re: Summer internship: video retrieval", "--on", "2026-11-06")
    cli.ok("log", "email", "--from", "sato", "--subject", "Re: Internship in your group", "--on", "2026-11-09")
