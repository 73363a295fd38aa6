"""The sample season of `tracker demo`: the season (`season.load_demo`), its rows and its data."""
