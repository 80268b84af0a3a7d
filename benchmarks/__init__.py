"""Benchmarks: every ``bench_*.py`` module exposes ``run() -> list[dict]``; ``make bench`` runs them all."""
