"""orgs slice."""
