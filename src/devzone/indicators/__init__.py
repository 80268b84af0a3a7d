"""indicators slice."""
