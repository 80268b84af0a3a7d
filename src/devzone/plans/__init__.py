"""plans slice."""
