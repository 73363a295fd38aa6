"""Opening the database: its one owner of connections (`database`), the Store and migrations (`store`)."""
