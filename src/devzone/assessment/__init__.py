"""assessment slice."""
