"""core slice."""
