"""accounts slice."""
