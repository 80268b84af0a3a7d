"""The 亩均 pages: registry, imports, runs, score cards and objections, downloads."""
