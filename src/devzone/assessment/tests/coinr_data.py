"""Readers for the COINr ASEM reference data copied into ``tests/data/coinr/``.

Source: /work/shared/data/coinr (see ``data/coinr/README.md``): COINr 1.1.14, commit b9682034, MIT
licence, "Copyright (c) 2022 William Becker"; data of the JRC ASEM Sustainable Connectivity Portal.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from devzone.assessment.data import LongTable

DATA = Path(__file__).parent / "data" / "coinr"
FRAMEWORK = Path(__file__).parents[1] / "frameworks" / "asem_example.yaml"
GROUPS = ("GDP_group", "GDPpc_group", "Pop_group", "EurAsia_group")
YEAR = 2018


def rows(name: str) -> list[dict[str, str]]:
    """The rows of one CSV file."""
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def idata_table(*, denominate: bool = True) -> tuple[LongTable, dict[str, dict[str, str]]]:
    """asem_idata.csv as a long table (indicators and denominators) plus the group attributes."""
    skip = {"uName", "uCode", "Time", *GROUPS}
    long: list[tuple[str, str, int, float | None]] = []
    attrs: dict[str, dict[str, str]] = {}
    for r in rows("asem_idata.csv"):
        attrs[r["uCode"]] = {g: r[g] for g in GROUPS}
        for k, v in r.items():
            if k not in skip:
                long.append((r["uCode"], k, YEAR, None if v == "" else float(v)))
    return LongTable.from_rows(long, source="asem_idata.csv"), attrs


def coinr6_matrix(stage: str, columns: tuple[str, ...], zones: tuple[str, ...]) -> NDArray[np.float64]:
    """A ``coinr6_asem_<stage>.csv`` data set as zones × columns (COINr6 column names)."""
    by_zone = {r["UnitCode"]: r for r in rows(f"coinr6_asem_{stage}.csv")}
    return np.array(
        [[float(by_zone[z][c]) if by_zone[z][c] != "" else np.nan for c in columns] for z in zones],
        dtype=np.float64,
    )


def coinr6_table(stage: str) -> tuple[LongTable, dict[str, dict[str, str]]]:
    """A COINr6 stage as a long table (indicators only) plus groups (v1 group names)."""
    skip = {"UnitCode", "UnitName", "Year", "Group_GDP", "Group_GDPpc", "Group_Pop", "Group_EurAsia"}
    long: list[tuple[str, str, int, float | None]] = []
    attrs: dict[str, dict[str, str]] = {}
    for r in rows(f"coinr6_asem_{stage}.csv"):
        z = r["UnitCode"]
        attrs[z] = {"GDP_group": r["Group_GDP"], "GDPpc_group": r["Group_GDPpc"], "Pop_group": r["Group_Pop"],
                    "EurAsia_group": r["Group_EurAsia"]}  # fmt: skip
        for k, v in r.items():
            if k not in skip:
                long.append((z, k, YEAR, None if v == "" else float(v)))
    return LongTable.from_rows(long, source=f"coinr6_asem_{stage}.csv"), attrs
