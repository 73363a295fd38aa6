"""`python -m tracker` runs the command line, as the console script does."""

from tracker.entry import main

main()
