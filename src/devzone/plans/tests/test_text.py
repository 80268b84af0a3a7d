from __future__ import annotations

import codecs

import pytest

from devzone.plans.schema import PlanParseError
from devzone.plans.text import decode_bytes, normalise

PLAN = "一、主要任务\n(一)体制机制优化工程（责任单位：市委编办）"


def test_decode_utf8_plain() -> None:
    assert decode_bytes(PLAN.encode("utf-8"), source="a.txt") == PLAN


def test_decode_utf8_bom_is_dropped() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + PLAN.encode("utf-8"), source="a.txt") == PLAN


def test_decode_gbk_and_gb18030() -> None:
    assert decode_bytes(PLAN.encode("gbk"), source="a.txt") == PLAN
    assert decode_bytes("㐀规划".encode("gb18030"), source="a.txt") == "㐀规划"


def test_decode_utf16_with_bom() -> None:
    assert decode_bytes(PLAN.encode("utf-16"), source="a.txt") == PLAN


def test_decode_binary_names_file() -> None:
    with pytest.raises(PlanParseError, match=r"^x\.bin：含有二进制数据"):
        decode_bytes(b"ab\x00cd", source="x.bin")


def test_decode_undecodable_names_file_and_offset() -> None:
    with pytest.raises(
        PlanParseError, match=r"^y\.txt：既不是 UTF-8 也不是 GB18030/GBK 编码的文本（第 2 字节无法解码）"
    ):
        decode_bytes(b"ab\xff\xff\xff", source="y.txt")


def test_normalise_keeps_length_and_maps_fullwidth() -> None:
    text = "（责任单位：市商务局（自贸办））；达到５０％，\r\n"
    out = normalise(text)
    assert len(out) == len(text)
    assert out == "(责任单位:市商务局(自贸办));达到50%, \n"


def test_normalise_keeps_chinese_marks() -> None:
    assert normalise("甲、乙。“丙”《丁》") == "甲、乙。“丙”《丁》"
