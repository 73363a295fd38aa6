"""The one owner of a tracker SQLite database file in this process.

Every connection to the database file is opened here, by `Database.connect`: the ORM's
engine (as its pool's `creator`), the SQLite-only read paths, the change watcher, backups
and restores. Nothing else in tracker opens the database file, its `-wal` or its `-shm`
with a plain file handle. The reason: SQLite's locks on Linux are POSIX advisory locks,
and closing *any* descriptor of a file drops *all* of the process's locks on it. A plain
`open(db).read(16)` while connections are open silently releases their shared lock; the
next process that closes its connection then believes it is the last user, checkpoints
and deletes the WAL under us, and our later commits go to a deleted file (lost) or fail
with "disk I/O error". So the header check is done by SQLite itself ("file is not a
database"), and the file is only `stat`ed (which opens nothing) before the first
connection.

Paths are taken literally: `sqlite3.connect(path)` without `uri=True` opens exactly that
file whatever characters it holds (`%41`, `?mode=ro`); the read-only fallback builds its
URI with `Path.as_uri()`, which quotes them.

Standard library only: the lean entry points use it without importing SQLAlchemy.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from pathlib import Path

from tracker.domain.errors import StoreError
from tracker.store.engine.server_errors import explain_server, is_server_error
from tracker.store.engine.sqlite_file import BUSY_MESSAGE, busy_timeout_ms, is_busy
from tracker.system.private_files import create_private_file, private_dir

MMAP_BYTES = 256 << 20
"""Reads go through a memory map: fewer copies (and system calls) for full passes over `interaction`.
Mapped pages count as the process's resident memory, so a long-lived process (the TUI) does
without (`Database.memory_map`)."""

_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def check_path(path: Path, *, create: bool = False, create_dirs: bool = False) -> bool:
    """Check `path` before any connection exists: True if it was created (empty, mode 0600).

    Refuses at once, with one sentence, anything that is not a regular file (a FIFO would
    block SQLite's open for ever) and a missing folder (unless `create_dirs`). Only `stat`s
    the file; never opens it.
    """
    parent = path.parent
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise StoreError(f"cannot use the database {path}: {err.strerror}") from err
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise StoreError(f"{path} is a directory, not a database file")
        if not stat.S_ISREG(info.st_mode):
            raise StoreError(f"{path} is {_kind(info.st_mode)}, not a database file; give the path of a file")
        return False
    if not parent.is_dir():
        if not create_dirs:
            raise StoreError(f"the directory {parent} does not exist; create it or choose another --db path")
        try:
            private_dir(parent)
        except OSError as err:
            raise StoreError(f"cannot create the directory {parent}: {err.strerror}") from err
    if not create:
        raise StoreError(f"there is no database at {path}")
    try:
        create_private_file(path)  # no connection to this new file exists yet in this process
    except FileExistsError:
        return False  # another process made it just now: no descriptor of ours was opened
    except OSError as err:
        raise StoreError(f"cannot create the database {path}: {plain_os_error(err)}") from err
    return True


def plain_os_error(err: OSError) -> str:
    import errno

    if err.errno == errno.EROFS:
        return "the folder is on a read-only file system"
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    return err.strerror or str(err)


def read_only_reason(path: Path) -> str | None:
    """Why the database cannot be written here ("read-only file system", ...), None if it can."""
    folder = path.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return "it is on a read-only file system"
    except OSError:
        pass
    if os.path.exists(path) and not os.access(path, os.W_OK):
        return "the file is read-only"
    sides = [path.with_name(path.name + s) for s in ("-wal", "-shm")]
    if not os.access(folder, os.W_OK | os.X_OK) and not all(os.access(s, os.W_OK) for s in sides):
        return "its folder is read-only"
    return None


def explain(err: BaseException, path: Path | str | None = None) -> str:
    """One sentence for people about a database error (raw `sqlite3`, or wrapped by SQLAlchemy)."""
    orig = getattr(err, "orig", None) or err
    if isinstance(orig, StoreError):
        return str(orig)
    if is_server_error(orig):
        return explain_server(orig)
    where = f" {path}" if path else ""
    if is_busy(orig):
        return BUSY_MESSAGE
    code = (getattr(orig, "sqlite_errorcode", None) or 0) & 0xFF
    text = str(orig)
    if code == 8 or "readonly" in text:  # SQLITE_READONLY
        return f"the database{where} is read-only; nothing was written"
    if code == 13 or "database or disk is full" in text:  # SQLITE_FULL
        return "the disk is full; nothing was written"
    if code == 26 or "file is not a database" in text:  # SQLITE_NOTADB
        return f"{path or 'the file'} is not a tracker database (it is not an SQLite file)"
    if code == 11 or "malformed" in text:  # SQLITE_CORRUPT
        return f"the database{where} is damaged ({text}); restore a backup with `tracker restore`"
    if code == 10 or "disk I/O error" in text:  # SQLITE_IOERR
        return f"the database{where} could not be read or written (disk I/O error): is the disk full or gone?"
    if code == 14:  # SQLITE_CANTOPEN
        return f"cannot open the database{where}: {text}"
    return f"database error: {text}"


class Database:
    """The tracker database at one path: the only code that opens connections to it.

    Create it with `Database.open` (checks the path, makes a missing file 0600). Hand its
    `connect` to whatever needs a connection; `close` releases the watcher's connection.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        """The database file, exactly as given."""
        self.read_only: str | None = read_only_reason(path)
        """Why this process cannot write the file (then connections are read-only), else None."""
        self._watcher: sqlite3.Connection | None = None
        self._watch_lock = threading.Lock()
        """The watcher's connection is used by one thread at a time (the TUI looks from a worker, and
        closes from the UI thread: closing it under a running PRAGMA crashed the process)."""
        self._seen: tuple[int, int] | None = None
        """(`PRAGMA data_version`, what `data_version` returned then), on the watcher's connection."""
        self.memory_map = True
        """Map the file into memory for reads (commands); False for long-lived processes (the TUI)."""

    @classmethod
    def open(cls, path: Path | str, *, create: bool = False, create_dirs: bool = False) -> Database:
        """The owner of the database at `path`, after `check_path` (nothing is opened yet)."""
        path = Path(path)
        check_path(path, create=create, create_dirs=create_dirs)
        return cls(path)

    @property
    def writable(self) -> bool:
        """False when every write would be refused (`require_writable`): the file is read-only here."""
        return self.read_only is None

    def require_writable(self) -> None:
        """Refuse, with one sentence, to start a write on a database this process cannot write."""
        if not self.writable:
            raise StoreError(f"cannot write to {self.path}: {self.read_only}; nothing was written")

    def explain(self, err: BaseException) -> str:
        """`explain(err)` for this database, saying why it is read-only when that is the cause."""
        text = explain(err, self.path)
        if self.read_only is not None and "read-only" in text:
            return f"cannot write to {self.path}: {self.read_only}; nothing was written"
        return text

    def _uri(self, mode: str) -> str:
        return f"{self.path.resolve().as_uri()}?{mode}"

    def connect(self, *, query_only: bool = False) -> sqlite3.Connection:
        """A new connection with tracker's pragmas, in autocommit mode (the caller says BEGIN).

        On a file this process cannot write, the connection is read-only (`mode=ro`, or
        `immutable=1` where SQLite cannot even create its `-shm`), so reading still works
        and a write fails as "read-only".
        """
        timeout = busy_timeout_ms()
        try:
            if self.read_only is None:
                conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                       timeout=timeout / 1000)
            else:
                conn = self._connect_read_only(timeout)
            try:
                conn.execute(f"PRAGMA busy_timeout = {timeout}")
                conn.execute("PRAGMA foreign_keys = ON")
                if self.read_only is None and not query_only:
                    conn.execute("PRAGMA synchronous = FULL")
                if query_only:
                    conn.execute("PRAGMA query_only = ON")
                if self.memory_map:
                    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            except BaseException:
                conn.close()
                raise
        except sqlite3.Error as err:
            raise StoreError(explain(err, self.path)) from err
        return conn

    def _connect_read_only(self, timeout: int) -> sqlite3.Connection:
        conn = sqlite3.connect(self._uri("mode=ro"), uri=True, isolation_level=None, check_same_thread=False,
                               timeout=timeout / 1000)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError:
            conn.close()
        # A WAL database whose -shm cannot be created: SQLite reads it only as immutable.
        return sqlite3.connect(self._uri("immutable=1"), uri=True, isolation_level=None,
                               check_same_thread=False)

    def schema(self, conn: sqlite3.Connection) -> str | None:
        """The Alembic revision of the database on `conn`; None for an empty database.

        This is the header check too: SQLite itself says "file is not a database".
        Raises StoreError for a file that is not SQLite, or an SQLite file that is not tracker's.
        """
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "alembic_version" not in tables:
                if tables - {"sqlite_sequence"}:
                    raise StoreError(f"{self.path} is an SQLite database, but not one of tracker's")
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error as err:
            raise StoreError(explain(err, self.path)) from err
        return row[0] if row else None

    def use_wal(self, conn: sqlite3.Connection) -> None:
        """Put the (checked) database in WAL mode; the mode is kept in the file."""
        if self.read_only is not None:
            return
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.Error as err:
            raise StoreError(explain(err, self.path)) from err

    def data_version(self) -> int:
        """A number that changes whenever a record changes, written by any process (or our pool).

        The count of writes to the tables that hold records (migration keep01's `kept_stamp`, moved by
        their triggers: `tracker.store.queries.kept_reminders.writes`), read on a connection kept for
        this purpose, and read again only when `PRAGMA data_version` there says someone committed.
        A commit that changes no record leaves it as it was (`tracker remind` keeping its list, run
        from a new shell; a mail sync that logged nothing new; the undo log alone): an open TUI does not
        read its screens again for it, nor make again the screens it made ahead. `tracker restore`
        moves it past every value the database had (`tracker.store.safety.restore`). A file without
        the count (an older schema, opened read-only) gives `PRAGMA data_version` itself.
        """
        from tracker.store.queries.kept_reminders import writes

        with self._watch_lock:
            if self._watcher is None:
                self._watcher = self.connect(query_only=True)
            try:
                version = int(self._watcher.execute("PRAGMA data_version").fetchone()[0])
                if self._seen is None or self._seen[0] != version:
                    count = writes(self._watcher)
                    self._seen = (version, version if count is None else count)
                return self._seen[1]
            except sqlite3.Error as err:
                raise StoreError(explain(err, self.path)) from err

    def close(self) -> None:
        """Close the watcher's connection (the engine's pool is closed by its owner)."""
        with self._watch_lock:
            if self._watcher is not None:
                self._watcher.close()
                self._watcher = None
                self._seen = None


__all__ = ["Database", "check_path", "explain", "plain_os_error", "read_only_reason"]
