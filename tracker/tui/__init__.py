"""The Textual app: the daily cockpit over the same store as the CLI."""
