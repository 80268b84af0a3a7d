from __future__ import annotations

import io

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devzone.plans.parse import parse_bytes, parse_text, to_json
from devzone.plans.schema import ParsedDocument, PlanParseError
from devzone.plans.tests.strategies import CN_NUMBERS, PlanSpec, plan_specs, render_plan

PLAN_TEXT = (
    "一、主要任务\n(一)体制机制优化工程\n1.规范职能定位。20xx年9月底前理顺关系,地区生产总值突破800亿元。"
    "(责任单位:各县区\n、功能板块,市委编办)\n"
)
# Chinese plan vocabulary mixed with arbitrary characters, so the grammar's paths are reached
plan_alphabet = st.sampled_from(
    list(
        "一二三四五六七八九十()（）、,，。;；:：\n 1234567890%年月底前每责任单位牵头配合达到突破亿元个家位翻番“”《》市局委办各县区"
    )
)
plan_like_text = st.text(alphabet=plan_alphabet, max_size=300) | st.text(max_size=300)
settings_ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_spans(doc: ParsedDocument) -> None:
    n = len(doc.text)
    for plan in doc.plans:
        assert 0 <= plan.span[0] <= plan.span[1] <= n
        for task in plan.tasks:
            assert 0 <= task.span[0] <= task.span[1] <= n
            for o in task.owners:
                assert 0 <= o.span[0] <= o.span[1] <= n
            for d in task.deadlines:
                assert doc.text[d.span[0] : d.span[1]] == d.text
        for t in plan.targets:
            assert 0 <= t.span[0] <= t.span[1] <= n


@settings_
@given(plan_like_text)
def test_arbitrary_text_never_raises(text: str) -> None:
    doc = parse_text(text)
    _check_spans(doc)
    to_json(doc)


@settings_
@given(plan_like_text, st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
def test_encoded_text_decodes_back(text: str, encoding: str) -> None:
    text = text.replace("\x00", "").lstrip("\ufeff")
    data = text.encode(encoding)
    doc = parse_bytes(data, source="x.txt")
    if encoding != "gb18030" or not _is_utf8(data):
        assert doc.text == text


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@settings_
@given(st.binary(max_size=400))
def test_random_bytes_only_plan_parse_error(data: bytes) -> None:
    for name in ("r.txt", "r.docx", "r.pdf", "r.html"):
        try:
            parse_bytes(data, source=name)
        except PlanParseError as exc:
            assert str(exc).startswith(f"{name}：")


# bytes that get past each reader's sniffing: a PDF header, a zip header, a page with markup in it
format_heads = st.sampled_from(
    [b"%PDF-1.7\n", b"PK\x03\x04", b"<html><head><meta charset=gbk>", b"<table><tr><td>"]
)
markup = st.lists(
    st.sampled_from(["<p>", "</p>", "<td rowspan=3>", "<td colspan=99999>", "</td>", "<tr>", "<table>", "</table>",
                     "<br>", "<script>", "</script>", "<nav>", "一、主要任务", "责任单位", "|", "\n", "&#0;", "<!--"]),
    max_size=40,
).map(lambda parts: "".join(parts).encode())  # fmt: skip


@settings_
@given(format_heads, markup | st.binary(max_size=400))
def test_malformed_pdf_docx_html_only_plan_parse_error(head: bytes, body: bytes) -> None:
    for name in ("m.pdf", "m.docx", "m.html"):
        try:
            doc = parse_bytes(head + body, source=name)
        except PlanParseError as exc:
            assert str(exc).startswith(f"{name}：")
        else:
            _check_spans(doc)


def _docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("招商引资行动方案")
    d.add_paragraph("一、主要任务")
    d.add_paragraph("1.产业链招商。每年引进项目30个以上。(牵头单位:投资促进局;配合单位:经发局)")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


DOCX = _docx()


@settings(max_examples=80, deadline=None)
@given(st.integers(min_value=0, max_value=len(DOCX) - 1), st.integers(min_value=0, max_value=255))
def test_truncated_or_corrupted_docx_only_plan_parse_error(cut: int, byte: int) -> None:
    for data in (DOCX[:cut], DOCX[:cut] + bytes([byte]) + DOCX[cut + 1 :]):
        try:
            parse_bytes(data, source="t.docx")
        except PlanParseError as exc:
            assert str(exc).startswith("t.docx：")


@settings_
@given(plan_specs)
def test_render_parse_round_trip(spec: PlanSpec) -> None:
    doc = parse_text(render_plan(spec))
    (plan,) = doc.plans
    assert plan.title == spec.title
    (top,) = plan.sections
    assert (top.number, top.title) == ("一", "主要任务")
    assert [(s.number, s.title) for s in top.children] == [
        (CN_NUMBERS[i], s.title) for i, s in enumerate(spec.sections)
    ]
    expected = [(s, t) for s in spec.sections for t in s.tasks]
    assert len(plan.tasks) == len(expected)
    for task, (section, spec_task) in zip(plan.tasks, expected, strict=True):
        assert task.heading == spec_task.heading
        assert task.section_path[-1].endswith(section.title)
        assert [(o.name, o.role) for o in task.owners] == [(n, "lead") for n in spec_task.leads] + [
            (n, "support") for n in spec_task.supports
        ]
        want = [(spec_task.deadline[0], spec_task.deadline[1], False)] if spec_task.deadline else []
        assert [(d.year, d.month, d.recurring) for d in task.deadlines] == want


@settings_
@given(st.sampled_from([PLAN_TEXT]), st.booleans())
def test_fullwidth_and_halfwidth_punctuation_parse_alike(text: str, wide: bool) -> None:
    table = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；"}) if wide else {}
    a = parse_text(text).plans[0].tasks[0]
    b = parse_text(text.translate(table)).plans[0].tasks[0]
    assert [(o.name, o.role) for o in a.owners] == [(o.name, o.role) for o in b.owners]
    assert [(d.year, d.month) for d in a.deadlines] == [(d.year, d.month) for d in b.deadlines]
    assert [(t.kind, t.op, t.value) for t in a.targets] == [(t.kind, t.op, t.value) for t in b.targets]


_TABLE_WORDS = (
    *(
        "序号",
        "|",
        " |",
        "1",
        "2",
        "重点工作",
        "责任单位",
        "牵头单位",
        "配合单位",
        "完成时限",
        "责任",
        "领导",
    ),
    *("12月底前", "县水务局", "建设。", "张三", "每季度末", "〔2016〕3号", "任务名称", "等部门", "部门分工:"),
    *("\n", "\n", " ", "  ", "\t", "一、", "(", ")"),
)


@given(st.lists(st.sampled_from(_TABLE_WORDS), max_size=80).map("".join))
@settings(max_examples=300, deadline=None)
def test_table_shaped_text_never_raises(text: str) -> None:
    # cells one a line, bars, header words broken over lines: the table readers take any of it
    doc = parse_text(text)
    for plan in doc.plans:
        for task in plan.tasks:
            assert 0 <= task.span[0] <= task.span[1] <= len(text)
