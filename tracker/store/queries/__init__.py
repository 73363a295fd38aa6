"""Reads: listings, lookups, search, paged tables, the reminder facts (portable and SQLite variants), the export."""
