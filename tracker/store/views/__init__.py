"""What each screen and report shows, read in one go: board, details, letters, offers, stats, calendar, drafts."""
