"""tracker: research-internship outreach in the terminal."""

__version__ = "0.1.0"
