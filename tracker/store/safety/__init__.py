"""Keeping data safe: backups, restore, and undo (before-images of each action)."""
