"""Full screens: the six main views and the detail screens."""
