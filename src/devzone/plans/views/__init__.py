"""Plans pages: import and review (``review``), work on tasks (``work``), dashboard and documents (``board``)."""
