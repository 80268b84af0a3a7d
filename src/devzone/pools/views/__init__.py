"""The pools pages: the pre-screen, the pools and their members, qualifications, the year-end counts."""
