"""The projects spec's worked example (§8: 示范经开区, year 2024, as-of 2024-12-31), every figure as the
spec computes it by hand. Shares are asserted exactly as fractions of whole counts (4/5, 2/4, …); money
rates against the spec's sums (27.5 / 225 亿); printed percentages to the spec's two decimals.

Figures the spec does not print (the stuck lists and their ages, 固投转化率, the 产业专班 bonus) are worked
out by hand here from the spec's table, each with its arithmetic in a comment.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from devzone.projects.contracts import (
    Achieved,
    Indicator,
    check_contract,
    deadline_states,
    idle_land,
    overdue_starts,
)
from devzone.projects.lights import NONE, PRESETS, lights
from devzone.projects.method import Gate, ScoreItem, TierSet
from devzone.projects.method_load import resolve
from devzone.projects.nodes import NODES_DIR, load_template, project_nodes
from devzone.projects.pipeline import Table, build, current_stage, stale, stuck_lists
from devzone.projects.quotas import quota_results, signed_in, tier_counts
from devzone.projects.rates import rates
from devzone.projects.records import check_rows
from devzone.projects.scoring import band_min, bonus_per_project, overdue, sign_mix
from devzone.projects.stages import STAGES
from devzone.projects.tests.worked import world

ON = date(2024, 12, 31)
ZONE = ("示范经开区",)
LYG = resolve("lyg-seed")
QLM = resolve("qianlima-2024")


def table(method=LYG, **counting: object) -> Table:
    w = world()
    if counting:
        method = replace(method, counting=replace(method.counting, **counting))
    return build(w.projects, w.milestones, method, w.funds, w.fai)


def test_the_fixture_is_valid_input() -> None:
    w = world()
    check_rows(w.projects, w.milestones, w.funds, w.fai)  # raises on any fault


def test_cohort_is_the_five_contracts_of_2024() -> None:
    r = rates(table(), LYG, year=2024)
    assert sorted(str(c) for c in table().code[r.cohort]) == ["P1", "P3", "P5", "P6", "P7"]  # P4: 框架协议
    assert float(r.denominator["资金到位率"][0]) == 2_250_000  # Σ 协议投资 = 225 亿


def test_default_rates() -> None:
    r = rates(table(), LYG, year=2024)
    assert r.value("履约率", ZONE) == 4 / 5  # P1, P3, P5, P6
    assert r.value("入园率", ZONE) == 4 / 5  # P1, P3, P5, P6
    assert r.value("开工率", ZONE) == 2 / 5  # P1, P6 (入库); P5 has site evidence only
    assert r.value("投产率", ZONE) == 1 / 5  # P6
    assert r.value("达产率", ZONE) == 0.0  # P6 at 40 % of capacity is not 达产
    assert r.value("资金到位率", ZONE) == pytest.approx(27.5 / 225, rel=1e-12)
    assert round(100 * r.value("资金到位率", ZONE), 2) == 12.22
    # not printed in the spec: Σ FAI 2024 of the cohort (15 + 0.8 + 1.2 + 4.0 + 0) / Σ 到位 27.5 = 21 / 27.5
    assert r.value("固投转化率", ZONE) == pytest.approx(21 / 27.5, rel=1e-12)


def test_variants() -> None:
    assert rates(table(), LYG, year=2024, performance="not_terminated").value("履约率", ZONE) == 4 / 5
    assert rates(table(start_evidence="site"), LYG, year=2024).value("开工率", ZONE) == 3 / 5  # P1, P5, P6
    dynamic = rates(table(), LYG, year=2024, funds="dynamic").value("资金到位率", ZONE)
    assert dynamic == pytest.approx(28.1 / 225, rel=1e-12)  # + P2's 0.6 arrived in 2024
    assert round(100 * dynamic, 2) == 12.49


def test_chain_mode() -> None:
    r = rates(table(), LYG, year=2024, denominator="chain")
    assert (r.value("履约率", ZONE), r.value("开工率", ZONE)) == (4 / 5, 2 / 4)
    assert (r.value("投产率", ZONE), r.value("达产率", ZONE)) == (1 / 2, 0 / 1)


def test_re_signing_adds_nothing() -> None:
    w = world()
    p1 = next(p for p in w.projects if p.code == "P1")
    assert p1.signing_events == (date(2024, 9, 12),)
    plain = [replace(p, signing_events=()) if p.code == "P1" else p for p in w.projects]
    without = build(plain, w.milestones, LYG, w.funds, w.fai)
    for rate in ("履约率", "开工率", "资金到位率"):
        assert rates(without, LYG, year=2024).value(rate, ZONE) == rates(table(), LYG, year=2024).value(
            rate, ZONE
        )
    assert int(signed_in(table(), 2024).sum()) == 5


def test_seed_tier_counts_by_gate() -> None:
    t = table()

    def counted(kind: str) -> dict[str, tuple[str, ...]]:
        c = tier_counts(t, LYG, year=2024, tier_set="lyg", gate=replace(LYG.gate, kind=kind))
        return {tier: c.codes(tier, ZONE) for tier in ("ge100", "ge50")}

    assert counted("signed") == {"ge100": ("P1",), "ge50": ("P1", "P3")}
    assert counted("started") == {"ge100": ("P1",), "ge50": ("P1",)}
    assert counted("fai5")["ge50"] == ("P1",)  # P1 15 ≥ 6 ✓; P3 0.8 < 3 ✗


def test_seed_quota_one_of_two() -> None:
    """ "市开发区每年各引进百亿元以上项目2个": the zone, taken as the city zone, achieves 1 of 2."""
    w = world()
    city = [replace(p, zone="连云港经济技术开发区") for p in w.projects]
    t = build(city, w.milestones, LYG, w.funds, w.fai)
    (result,) = quota_results(t, LYG, year=2024, zones=["连云港经济技术开发区"])
    assert (result.quota.tier, result.achieved, result.quota.target, result.met) == ("ge100", 1, 2, False)
    other = quota_results(table(), LYG, year=2024, zones=["示范经开区"])
    assert [(q.quota.tier, q.achieved, q.met) for q in other] == [
        ("ge50", 1, True)
    ]  # 其他开发区: ≥50亿 1个以上


def test_qianlima_bands() -> None:
    c = tier_counts(table(QLM), QLM, year=2024, tier_set="qianlima")
    assert {tier: c.codes(tier, ZONE) for tier in ("b3_10", "b10_20", "b20")} == {
        "b3_10": ("P6",),
        "b10_20": ("P5",),
        "b20": ("P1", "P3"),
    }


def test_scores_with_the_hypothetical_targets() -> None:
    t = table(QLM)
    signed = signed_in(t, 2024)  # P7 counts as signed (terminated later); P4 does not
    assert sorted(str(c) for c in t.code[signed]) == ["P1", "P3", "P5", "P6", "P7"]
    score = sign_mix(
        QLM.score_item("sign"),
        count=int(signed.sum()),
        amount_wan=float(t.total_wan[signed].sum()),
        target_count=6,
        target_wan=300 * 10_000,
    )
    assert score == pytest.approx((5 / 6 * 0.5 + 225 / 300 * 0.5) * 0.5, rel=1e-12)
    assert round(score, 3) == 0.396
    c = tier_counts(t, QLM, year=2024, tier_set="qianlima")
    counts = {tier: c.count(tier, ZONE) for tier in ("b3_10", "b10_20", "b20")}
    assert band_min(QLM.score_item("bands"), counts=counts, targets={"b3_10": 2, "b10_20": 1, "b20": 2}) == (
        pytest.approx(0.4, abs=1e-12)
    )
    late = overdue_starts(t, QLM, ON)
    assert [str(x) for x in t.code[late]] == ["P8"]  # P3 is past its plan but within its contract
    assert overdue(QLM.score_item("overdue"), late=int(late.sum()), fake=0) == pytest.approx(0.4, abs=1e-12)


def test_bonus_per_project_not_in_the_spec() -> None:
    """产业专班 +4 (≥10亿) / +8 (≥50亿) with gate fai5, worked by hand: P1 (120亿, FAI 15 ≥ 6) +8; P5 (15亿,
    FAI 1.2 ≥ 0.75) +4; P3 (0.8 < 3) and P6 (5亿 < 10) nothing → 12."""
    tiers = TierSet(id="zb", kind="threshold", tiers=({"code": "g10", "label": "10亿", "min": 10},
                                                      {"code": "g50", "label": "50亿", "min": 50}))  # fmt: skip
    method = replace(LYG, tier_sets=(*LYG.tier_sets, tiers))
    item = ScoreItem(code="zb", label="重大项目加分", preset="bonus_per_project", points=40, tier_set="zb",
                     bonus=(("g10", 4), ("g50", 8)))  # fmt: skip
    c = tier_counts(table(method), method, year=2024, tier_set="zb", gate=Gate(kind="fai5"))
    assert c.codes("g10", ZONE) == ("P1", "P5")
    totals = [p.total_wan for p in world().projects if p.code in c.codes("g10", ZONE)]
    assert bonus_per_project(item, tiers, totals) == 12.0


def colours(method=LYG, on: date = ON, **kw: object) -> dict[str, str]:
    t = table(method)
    lit = lights(t, method, on, **kw)
    return {str(t.code[p]): lit.colour(p) for p in range(t.n)}


def test_warning_lights_yinchuan() -> None:
    assert colours() == {
        "P1": "黄",
        "P2": "绿",
        "P3": "黄",
        "P4": "",
        "P5": "红",
        "P6": "绿",
        "P7": "",
        "P8": "红",
    }
    t = table()
    lit = lights(t, LYG, ON)
    p = {str(c): k for k, c in enumerate(t.code)}
    assert lit.fai_below_pp[p["P1"]] == pytest.approx(25.0)  # 15 of 20 = 75 % against 序时 100 %
    assert (int(lit.fai[p["P1"]]), int(lit.start[p["P3"]]), int(lit.ledger[p["P5"]])) == (1, 1, 2)
    assert int(lit.start[p["P8"]]) == 2  # not started for more than 3 months
    assert int(lit.overall[p["P4"]]) == int(lit.overall[p["P7"]]) == NONE


def test_p3_turns_red_at_the_end_of_january() -> None:
    assert colours(on=date(2025, 1, 30))["P3"] == "黄"
    assert colours(on=date(2025, 1, 31))["P3"] == "红"


@pytest.mark.parametrize("preset", ["武汉", "三亚"])
def test_p1_yellow_under_the_other_presets(preset: str) -> None:
    assert colours(fai=PRESETS[preset])["P1"] == "黄"


def test_deadlines() -> None:
    states = {(s.code, s.node): s for s in deadline_states(table(), LYG, ON)}
    p1_start, p1_finish = states["P1", "开工"], states["P1", "竣工"]
    assert (p1_start.deadline, p1_start.state) == (date(2024, 11, 10), "met")  # 交地 2024-05-10 + 6 months
    assert (p1_finish.deadline, p1_finish.state) == (date(2026, 5, 10), "pending")
    assert (states["P3", "开工"].deadline, states["P3", "开工"].state) == (date(2025, 2, 1), "pending")
    assert states["P8", "开工"].state == "breach"
    assert states["P8", "开工"].charge_wan is None  # r ‰ is blank unless the zone sets it


def test_late_start_charge_only_when_the_zone_sets_r() -> None:
    method = replace(LYG, contract=replace(LYG.contract, late_permille_per_day=0.5))
    p8 = next(s for s in deadline_states(table(method), method, ON) if (s.code, s.node) == ("P8", "开工"))
    assert p8.days_late == (ON - date(2022, 9, 30)).days == 823
    assert p8.charge_wan == pytest.approx(600 * 0.5 / 1000 * 823)


def test_p8_idle_fee_and_recovery() -> None:
    (idle,) = idle_land(table(), LYG, ON)
    assert (idle.code, idle.agreed_start, idle.fee_due, idle.fee_wan) == (
        "P8",
        date(2022, 9, 30),
        date(2023, 9, 30),
        120.0,
    )
    assert (idle.recover_due, idle.recover) == (date(2024, 9, 30), True)


def _p2_check(at: str):
    w = world()
    p2 = next(p for p in w.projects if p.code == "P2")
    indicators = [Indicator(**row) for row in w.raw["indicators"]]
    achieved = Achieved(**w.raw["achieved"][0])
    assert achieved.uscc == p2.company_uscc
    return check_contract("P2", indicators, achieved, at=at, on=ON, area_mu=p2.area_mu,
                          land_price_wan=p2.land_price_wan, method=LYG)  # fmt: skip


def test_p2_completion_indicators() -> None:
    check = _p2_check("竣工验收")
    intensity, far = check.results
    assert (intensity.name, intensity.actual, intensity.met) == ("投资强度", 270.0, False)  # 13,500 / 50
    assert intensity.short == pytest.approx(0.10)
    assert intensity.penalty_wan == 150.0  # 1,500 × (300 − 270) / 300
    assert intensity.continue_performance
    assert (far.name, far.actual, far.met) == ("容积率", 1.3, True)


def test_p2_review_indicators() -> None:
    check = _p2_check("达产复核")
    by = {r.name: r for r in check.results}
    tax = by["亩均税收"]
    assert (tax.actual, tax.met, tax.short) == (18.0, False, pytest.approx(0.28))  # 900 / 50
    assert tax.penalty_wan is None  # [gap]: no published formula, none by default
    assert tax.rectify_until == date(2025, 12, 31)  # 整改 12 months
    assert check.low_efficiency_candidate and check.mu_exempt_lost
    assert (by["单位能耗增加值"].actual, by["单位能耗增加值"].met) == (3.4, True)  # 6,800 / 2,000
    assert round(by["单位排放增加值"].actual, 1) == 1214.3 and by["单位排放增加值"].met  # 6,800 / 5.6
    assert (by["研发投入占比"].actual, by["研发投入占比"].met) == (0.025, True)


def test_stuck_lists_not_in_the_spec() -> None:
    """Worked by hand from the table: P8 供地 2022-06-30 → 915 days; P3 and P5 入园 2024-08-01 → 152
    days (P5 has no 入库); P1 开工 2024-06-18 → 196; P2 投产 2022-12-01 → 761; P6 投产 2024-11-15 → 46.
    P7 (terminated) and P4 (框架协议) are on no list."""
    lists = stuck_lists(table(), LYG, ON)
    got = {name: [(s.code, s.age_days) for s in items] for name, items in lists.items()}
    assert got == {
        "签约未注册": [],
        "注册未供地": [],
        "供地未开工": [("P8", 915), ("P3", 152), ("P5", 152)],
        "开工未竣工": [("P1", 196)],
        "竣工未投产": [],
        "投产未达产": [("P2", 761), ("P6", 46)],
    }


def test_current_stage() -> None:
    t = table()
    stage = current_stage(t, ON)
    got = {str(t.code[p]): (STAGES[s] if s >= 0 else "") for p, s in enumerate(stage.tolist())}
    assert got == {"P1": "开工", "P2": "投产", "P3": "入园", "P4": "", "P5": "入园", "P6": "投产", "P7": "签约",
                   "P8": "入园"}  # fmt: skip


def test_stale_projects_not_in_the_spec() -> None:
    """No event for more than 60 days on 2024-12-31, worked by hand from the fixture's dates (the spec gives
    none for the money): P1, P2, P3 (money 2024-09-30, 92 days), P5 (开工 2024-10-25, 67 days), P8 (交地
    2022-06-30); P6's 达产复核 of 2024-12-20 is 11 days old; P4 (框架协议) and P7 (terminated) are not active."""
    assert stale(table(), LYG, ON) == ("P1", "P2", "P3", "P5", "P8")


def test_p1_nodes_under_the_default_template() -> None:
    """devzone-default on P1 (正式合同 2024-02-20): 注册 planned 2024-03-21, done 2024-03-15 (green); 供地
    planned +15 +60 days = 2024-06-04, done 2024-05-10; 开工 planned 2024-06-04 + 135 days = 2024-10-17, done
    2024-06-18; 竣工验收备案 planned 2024-11-16 (入库) + 540 days = 2026-05-10, not due (no light). The 备案立项 node (no stage) is
    past its planned 2024-04-05 and not marked: yellow, red once 3 months late (after 2024-07-05)."""
    w = world()
    p1 = next(p for p in w.projects if p.code == "P1")
    nodes = {n.name: n for n in project_nodes(load_template(NODES_DIR / "devzone-default.yaml"), p1, w.milestones,
                                              ON, LYG.warnings)}  # fmt: skip
    assert (nodes["正式合同"].planned, nodes["正式合同"].light) == (date(2024, 2, 20), "绿")
    assert (nodes["注册"].planned, nodes["注册"].done_on, nodes["注册"].light) == (
        date(2024, 3, 21),
        date(2024, 3, 15),
        "绿",
    )
    assert (nodes["供地"].planned, nodes["供地"].light) == (date(2024, 6, 4), "绿")
    assert (nodes["开工"].planned, nodes["开工"].done_on, nodes["开工"].light) == (
        date(2024, 10, 17),
        date(2024, 6, 18),
        "绿",
    )
    assert (nodes["备案立项"].planned, nodes["备案立项"].light) == (date(2024, 4, 5), "红")
    assert (nodes["竣工验收备案"].planned, nodes["竣工验收备案"].light) == (date(2026, 5, 10), "")
