"""Writes: records, edits, deletes, stage moves and offers, imports (portable and SQLite variants)."""
