"""Errors meant for people: the CLI prints them as one line and exits with status 2."""

from __future__ import annotations


class TrackerError(Exception):
    """Base for every error a user can cause and fix: bad input, unknown names, bad files."""

    exit_code = 2


class InvalidInput(TrackerError):
    """A value that cannot be used: an unknown stage, a bad date, a negative count..."""


class NotFound(TrackerError):
    """A name or id that matches nothing."""


class Ambiguous(TrackerError):
    """A name that matches several records."""


class StoreError(TrackerError):
    """The database cannot be opened or used: missing directory, not a database, too new."""


class ChangedElsewhere(TrackerError):
    """A record changed (by another window, machine or process) since it was read for editing.

    `fields`: the fields changed both there and in the edit refused (empty when not known), with their
    values as they are now in `values`."""

    def __init__(self, message: str, *, fields: tuple[str, ...] = (), values: dict[str, object] | None = None
                 ) -> None:
        super().__init__(message)
        self.fields = fields
        self.values = values or {}
