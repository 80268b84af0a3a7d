"""devzone — run the action plans of development zones (开发区)."""

from __future__ import annotations

__version__ = "0.1.0"
