"""Import and export: CSV (log, opportunities, people), CSRankings faculty lists, iCalendar."""
