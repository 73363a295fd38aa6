"""What tracker takes from the machine: the clock (TRACKER_TODAY) and the user's folders (TRACKER_DB, platformdirs)."""
