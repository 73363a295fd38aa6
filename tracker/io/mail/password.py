"""Where an IMAP password comes from: `TRACKER_IMAP_PASSWORD`, else the system keyring (the optional
`keyring` package, when it has a usable backend). tracker never stores it anywhere itself; the CLI
asks with a hidden prompt when neither has it."""

from __future__ import annotations

import os

ENV = "TRACKER_IMAP_PASSWORD"
SERVICE = "tracker-imap"
"""The keyring's service name; the entry's user name is the account's URL (user and host)."""


def _keyring():  # type: ignore[no-untyped-def]
    """The keyring module when installed and backed by a real store; else None."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 (a broken keyring configuration: as if there were none)
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return None
    return keyring


def keyring_available() -> bool:
    """Whether a system keyring can hold the password."""
    return _keyring() is not None


def stored_password(url: str) -> str | None:
    """The password from the environment, else the keyring; None when neither has one."""
    value = os.environ.get(ENV)
    if value:
        return value
    module = _keyring()
    if module is None:
        return None
    try:
        return module.get_password(SERVICE, url)
    except Exception:  # noqa: BLE001 (a locked or failing keyring: ask instead)
        return None


def save_password(url: str, password: str) -> bool:
    """Put the password in the system keyring; whether it was saved."""
    module = _keyring()
    if module is None:
        return False
    try:
        module.set_password(SERVICE, url, password)
    except Exception:  # noqa: BLE001
        return False
    return True


def forget_password(url: str) -> None:
    """Remove the account's password from the keyring, if it is there."""
    module = _keyring()
    if module is None:
        return
    try:
        module.delete_password(SERVICE, url)
    except Exception:  # noqa: BLE001 (not there: nothing to remove)
        pass
