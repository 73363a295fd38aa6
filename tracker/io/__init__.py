"""Import and export: CSV (and later JSON, ICS)."""
