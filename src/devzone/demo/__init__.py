"""The demo province: a root app (like urls.py and api.py) whose ``devzone_demo`` command builds every slice's demo."""
