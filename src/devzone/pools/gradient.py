"""A zone's 梯度培育 report (.docx): the titles counted at year-end, the pools' funnel, what falls due, the
firms close to qualifying — A4, 公文 style, through core's document writer, with one chart.

Pure: no Django; the view gathers the figures into a :class:`GradientReport`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from docx.shared import Cm

from devzone.core.documents import (
    Outline,
    add_caption,
    add_paragraph,
    add_table,
    document_bytes,
    new_document,
)
from devzone.core.figures import chart_style, png

NEAR_MISSES_LISTED = 30  # the report names this many; the pages list them all


@dataclass(frozen=True, kw_only=True)
class KindCount:
    name: str
    stock: int
    previous: int
    first: int
    re_entry: int
    moved_in: int
    renewed: int
    lapsed: int
    revoked: int
    moved_out: int

    @property
    def net(self) -> int:
        return self.stock - self.previous

    @property
    def entered(self) -> int:
        return self.first + self.re_entry + self.moved_in

    @property
    def left(self) -> int:
        return self.lapsed + self.revoked + self.moved_out


@dataclass(frozen=True, kw_only=True)
class DueRow:
    firm: str
    kind: str
    certificate_no: str
    valid_to: dt.date
    renewal: str
    within: int


@dataclass(frozen=True, kw_only=True)
class NearMiss:
    firm: str
    verdict: str
    gaps: str


@dataclass(kw_only=True)
class GradientReport:
    zone: str
    year: int
    today: dt.date
    kinds: list[KindCount]
    hte_series: list[tuple[int, int]]  # (year, year-end 高企 stock)
    funnel: list[tuple[str, list[tuple[str, int]]]]  # (pool, [(state words, members)])
    due: list[DueRow]
    screened_year: int | None = None
    verdicts: list[tuple[str, int]] = field(default_factory=list)  # (verdict words, firms) for 高企
    near: list[NearMiss] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.zone}{self.year}年度梯度培育工作报告"


def _series_png(series: Sequence[tuple[int, int]]) -> object:
    from matplotlib.figure import Figure  # noqa: PLC0415 - only the report draws

    with chart_style():
        fig = Figure(figsize=(6.0, 3.0), dpi=150)
        ax = fig.add_subplot()
        years = [str(y) for y, _ in series]
        values = [v for _, v in series]
        bars = ax.bar(years, values, color="#3b6ea5")
        ax.bar_label(bars, labels=[f"{v}" for v in values], fontsize=9)
        ax.set_ylabel("家")
        ax.set_title("高新技术企业年末有效数")
        ax.spines[["top", "right"]].set_visible(False)
        ax.set_ylim(0, max(values, default=0) * 1.2 + 1)
        fig.tight_layout()
        return png(fig)


def _overview(r: GradientReport) -> str:
    hte = next((k for k in r.kinds if k.name == "高新技术企业"), None)
    parts = []
    if hte is not None:
        sign = "增加" if hte.net >= 0 else "减少"
        parts.append(
            f"截至{r.year}年末，本区有效期内高新技术企业 {hte.stock} 家，较上年末{sign} {abs(hte.net)} 家："
            f"新增 {hte.entered} 家（首次认定 {hte.first} 家、中断后再认定 {hte.re_entry} 家、整体迁入 {hte.moved_in} 家），"
            f"减少 {hte.left} 家（到期未续 {hte.lapsed} 家、被取消 {hte.revoked} 家、整体迁出 {hte.moved_out} 家），"
            f"另有 {hte.renewed} 家到期重新认定"
        )
    others = [f"{k.name} {k.stock} 家" for k in r.kinds if k.name != "高新技术企业" and k.stock]
    if others:
        parts.append("其他资质：" + "、".join(others))
    if not parts:
        return f"截至{r.year}年末，本区尚无有效期内的资质记录。"
    return "；".join(parts) + "。数字按资质记录逐家计算，与指标看板上的数值一致。"


def gradient_docx(r: GradientReport) -> bytes:
    document = new_document(r.title)
    outline = Outline(document)
    add_paragraph(document, _overview(r))

    outline.heading("资质企业数量")
    # six columns fit a portrait page (a wider table would go onto a landscape page of its own)
    rows = [[k.name, k.previous, k.entered, k.left, k.stock, k.net] for k in r.kinds]
    add_table(document, ["资质类别", "上年末", "新增", "减少", "年末有效", "净增"],
              rows or [["—", 0, 0, 0, 0, 0]], widths_cm=[5.1, 2.1, 2.1, 2.1, 2.1, 2.1])  # fmt: skip
    add_paragraph(document, "新增含首次认定、中断后再认定和整体迁入；减少含到期未续、被取消和整体迁出；"
                  "有效期内重新认定（续期）的企业不计入新增或减少。" + "".join(
                      f"{k.name}本年重新认定 {k.renewed} 家。" for k in r.kinds if k.renewed))  # fmt: skip
    if any(v for _, v in r.hte_series):
        document.add_picture(_series_png(r.hte_series), width=Cm(15))
        add_caption(document, f"图 1 高新技术企业年末有效数（{r.hte_series[0][0]}—{r.hte_series[-1][0]}年）")

    outline.heading("培育库")
    if r.funnel:
        for pool, states in r.funnel:
            total = sum(n for _, n in states)
            add_paragraph(document, f"{pool}：在库及已办结企业共 {total} 家。")
            add_table(document, ["环节", "企业数"], [[s, n] for s, n in states], widths_cm=[10.6, 5.0])
    else:
        add_paragraph(document, "尚未建立培育库。")

    outline.heading("到期与复核提醒")
    six = sum(1 for d in r.due if d.within == 6)
    add_paragraph(
        document,
        f"自{r.today:%Y年%m月%d日}起 12 个月内到期的资质共 {len(r.due)} 项，其中 6 个月内 {six} 项；"
        "请提前组织企业准备重新认定或复核材料。",
    )
    if r.due:
        add_table(
            document,
            ["序号", "企业名称", "资质类别", "证书编号", "有效期至", "须办理"],
            [[i, d.firm, d.kind, d.certificate_no, d.valid_to.isoformat(), d.renewal]
             for i, d in enumerate(r.due, start=1)],
            widths_cm=[1.3, 4.4, 2.5, 3.4, 2.3, 1.7], size=9,
        )  # fmt: skip

    outline.heading("后备企业预筛")
    if r.screened_year is None:
        add_paragraph(document, "本区尚无企业年度数据或年度补充数据，未开展预筛。")
    else:
        tally = "、".join(f"{w} {n} 家" for w, n in r.verdicts)
        add_paragraph(document, f"按{r.screened_year}年度数据对照高新技术企业认定条件预筛：{tally}。")
        if r.near:
            shown = r.near[:NEAR_MISSES_LISTED]
            more = f"（另有 {len(r.near) - len(shown)} 家见候选企业名单）" if len(r.near) > len(shown) else ""
            add_paragraph(document, f"接近达标的企业及主要差距如下{more}：")
            add_table(
                document, ["序号", "企业名称", "结论", "主要差距"],
                [[i, n.firm, n.verdict, n.gaps] for i, n in enumerate(shown, start=1)],
                widths_cm=[1.3, 4.5, 1.8, 8.0], size=9,
            )  # fmt: skip

    outline.heading("附录 计算说明", numbered=False)
    add_paragraph(
        document,
        "年末有效数为当年12月31日仍在有效期内的资质，按企业所在开发区计；企业整体迁移的，自迁入当年起计入迁入地。"
        "净增 = 年末有效数 − 上年末有效数 = 首次认定 + 再认定 + 迁入 − 到期未续 − 被取消 − 迁出。"
        "高新技术企业有效期三年，到期须重新认定；专精特新、小巨人等称号到期须复核。预筛结论仅为初步判断，以认定机构评审为准。",
    )
    return document_bytes(document)
