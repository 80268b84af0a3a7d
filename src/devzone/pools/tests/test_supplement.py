"""The yearly supplement: read through the shared reader, every fault reported at once, nothing kept otherwise."""

from __future__ import annotations

import datetime as dt

import pytest

from devzone.core.files import FileRefused
from devzone.pools.supplement import read_supplement

GOOD = "91350100M000100Y43"


def csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_a_valid_file_reads_typed_with_labels_or_names() -> None:
    table = read_supplement("补充.csv", csv(
        "uscc,year,营业收入,ip_i,segment_start,tax_collection",
        f"{GOOD},2024,\"1,250.5\",3,2015-03,是",
        f"{GOOD},2023,1100,,2015-03,否",
    ))  # fmt: skip
    rows = table.to_pylist()
    assert rows[0] == {"uscc": GOOD, "year": 2024, "revenue": 1250.5, "ip_i": 3,
                       "segment_start": dt.date(2015, 3, 1), "tax_collection": True}  # fmt: skip
    assert rows[1]["ip_i"] is None


def test_every_fault_is_reported_at_once_naming_row_and_column() -> None:
    with pytest.raises(FileRefused) as caught:
        read_supplement("补充.csv", csv(
            "uscc,year,revenue,st_staff,registered_on",
            "91350100M000100Y44,2024,1000,5,2010-01-01",
            f"{GOOD},2024,一千,5,2010-01-01",
            f"{GOOD},2024,1000,2.5,2010-13-01",
        ))  # fmt: skip
    text = [str(i) for i in caught.value.issues]
    assert "补充.csv，第 2 行，A（uscc） 列：校验码为 4，按 GB 32100—2015 应为 3" in text
    assert "补充.csv，第 3 行，C（revenue） 列：“一千”不能读作数字" in text
    assert "补充.csv，第 4 行，D（st_staff） 列：“2.5”不能读作整数" in text
    assert any("第 4 行，E（registered_on）" in t for t in text)
    assert any("与第 3 行重复" in t for t in text)


def test_an_unknown_column_or_a_missing_key_column_is_refused() -> None:
    with pytest.raises(FileRefused) as caught:
        read_supplement("补充.csv", csv("uscc,营收,revenue", f"{GOOD},1,2"))
    text = [str(i) for i in caught.value.issues]
    assert any("B 列：不认识的列名“营收”" in t for t in text)
    assert any("缺少必填列 year" in t for t in text)
