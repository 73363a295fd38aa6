"""Pure domain logic: no I/O, no database, no Textual. Every function takes `today`/`now` explicitly."""
