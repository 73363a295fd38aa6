"""Mail in: IMAP (imap), mbox and Maildir files (files), LinkedIn's data export (linkedin), and the
one path every message takes into the log (logbook)."""
