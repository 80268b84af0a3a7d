"""projects slice."""
