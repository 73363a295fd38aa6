"""Modal forms to add and edit records, and small dialogs."""
