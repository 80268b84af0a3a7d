"""Assessment pages: frameworks, runs and results, zone data. Views check; actions act."""
