"""Land records: parcel files imported, 宗地, 标准厂房 buildings with their units and leases, disposal cases.

Geometry is stored as WKT text in EPSG:4490 (lon, lat) — no PostGIS: the engines (shapely) read it back,
and SQLite and PostgreSQL store it alike. Areas in m², money in 万元. Every model carries a ``zone`` FK
to :class:`devzone.orgs.models.Zone`, so :mod:`devzone.accounts.access` scopes it and the audit entry
belongs to the zone. A case's steps (:class:`CaseStep`) are its append-only history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from devzone.enterprises.models import Enterprise
from devzone.orgs.models import Zone

BUILD_CLASS_CHOICES = [
    ("A1", "A1 住宅用地"),
    ("A2", "A2 工矿仓储用地"),
    ("A31", "A31 道路"),
    ("A32", "A32 其他交通"),
    ("A4", "A4 商服用地"),
    ("A51", "A51 公共管理"),
    ("A52", "A52 公共服务"),
    ("A6", "A6 其他建成"),
    ("B11", "B11 未供应未建成"),
    ("B12", "B12 其他未建成"),
    ("B21", "B21 达到供地条件"),
    ("B22", "B22 未达到供地条件"),
    ("C1", "C1 不可建设"),
    ("C2", "C2 不可建设"),
    ("C3", "C3 不可建设"),
]
SUPPLY_CLASS_CHOICES = [
    ("D1", "D1 划拨"),
    ("D21", "D21 有偿使用未到期"),
    ("D22", "D22 有偿使用到期未处置"),
    ("E1", "E1 未供应"),
    ("E21", "E21 未供应"),
    ("E22", "E22 未供应"),
    ("F", "F 其他"),
]


class LandImport(models.Model):
    """One imported parcel file (宗地导入批次), kept as it came, with the CRS it was read in."""

    zone = models.ForeignKey(Zone, verbose_name=_("开发区"), on_delete=models.PROTECT, related_name="+")
    file = models.FileField(_("导入文件"), upload_to="land/imports/")
    original_name = models.CharField(_("文件名"), max_length=200)
    sha256 = models.CharField(max_length=64)
    source_crs = models.CharField(_("源坐标系"), max_length=200)
    calc_epsg = models.PositiveIntegerField(_("计算面积坐标系 (EPSG)"))
    parcels = models.PositiveIntegerField(_("宗地数"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("宗地导入批次")
        verbose_name_plural = _("宗地导入批次")

    def __str__(self) -> str:
        return f"{self.original_name}（{self.parcels} 宗）"


class Parcel(models.Model):
    """A 宗地 of a zone: geometry, codes, TD/T classes, supply terms, build state and holder."""

    # The geometry is kept, not repeated in every audit entry (the import's file holds it too).
    audit_omit = ("geom_wkt",)

    zone = models.ForeignKey(Zone, verbose_name=_("开发区"), on_delete=models.PROTECT, related_name="+")
    ref = models.CharField(_("编号"), max_length=40, help_text="宗地代码, or the file's feature id")
    zddm = models.CharField(_("宗地代码"), max_length=19, blank=True)
    name = models.CharField(_("名称"), max_length=200, blank=True)
    geom_wkt = models.TextField(_("几何 (WKT, EPSG:4490)"), blank=True)
    source_crs = models.CharField(_("源坐标系"), max_length=200, blank=True)
    calc_epsg = models.PositiveIntegerField(_("计算面积坐标系 (EPSG)"), null=True, blank=True)
    area_calc_m2 = models.FloatField(_("计算面积(平方米)"), null=True, blank=True)
    area_cert_m2 = models.FloatField(_("证载面积(平方米)"), null=True, blank=True)
    area_flag = models.CharField(_("面积提示"), max_length=300, blank=True)
    build_class = models.CharField(_("建设状况"), max_length=4, choices=BUILD_CLASS_CHOICES, blank=True)
    supply_class = models.CharField(_("供应状况"), max_length=4, choices=SUPPLY_CLASS_CHOICES, blank=True)
    landuse_code = models.CharField(_("土地用途代码"), max_length=10, blank=True)
    industry_code = models.CharField(_("行业代码"), max_length=4, blank=True)
    is_industrial = models.BooleanField(_("工业用地"), default=False)
    holder_uscc = models.CharField(_("使用权人统一社会信用代码"), max_length=18, blank=True)
    holder = models.ForeignKey(
        Enterprise, verbose_name=_("使用权人"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="parcels",
    )  # fmt: skip
    holder_name = models.CharField(_("使用权人名称"), max_length=200, blank=True)
    reserve = models.BooleanField(_("储备地"), default=False)
    contract_no = models.CharField(_("合同编号"), max_length=60, blank=True)
    contract_date = models.DateField(_("合同日期"), null=True, blank=True)
    price_wan = models.FloatField(_("价款(万元)"), null=True, blank=True)
    agreed_start = models.DateField(_("约定动工日期"), null=True, blank=True)
    agreed_finish = models.DateField(_("约定竣工日期"), null=True, blank=True)
    started_on = models.DateField(_("动工日期"), null=True, blank=True)
    stopped_on = models.DateField(_("中止日期"), null=True, blank=True)
    completed_on = models.DateField(_("竣工日期"), null=True, blank=True)
    footprint_required_m2 = models.FloatField(_("应开发基底面积(平方米)"), null=True, blank=True)
    footprint_built_m2 = models.FloatField(_("已开发基底面积(平方米)"), null=True, blank=True)
    invest_total_wan = models.FloatField(_("总投资(万元)"), null=True, blank=True)
    invest_done_wan = models.FloatField(_("已投资(万元)"), null=True, blank=True)
    floor_area_m2 = models.FloatField(_("建筑面积(平方米)"), default=0.0)
    footprint_m2 = models.FloatField(_("建筑基底面积(平方米)"), default=0.0)
    yard_m2 = models.FloatField(_("露天堆场及操作场地(平方米)"), default=0.0)
    office_land_m2 = models.FloatField(_("行政办公及生活服务用地(平方米)"), default=0.0)
    gov_cause = models.CharField(_("政府原因（已核实）"), max_length=200, blank=True)
    land_import = models.ForeignKey(
        LandImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="records"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["zone", "ref"]
        constraints = [models.UniqueConstraint(fields=["zone", "ref"], name="land_parcel_unique_zone_ref")]
        verbose_name = _("宗地")
        verbose_name_plural = _("宗地")

    def __str__(self) -> str:
        return f"宗地 {self.ref}" + (f"（{self.name}）" if self.name else "")

    @property
    def area_m2(self) -> float:
        """The legal area: 证载 where registered, else computed."""
        if self.area_cert_m2 is not None:
            return self.area_cert_m2
        return self.area_calc_m2 or 0.0

    @property
    def area_mu(self) -> float:
        return self.area_m2 * 0.0015


class Building(models.Model):
    """A 标准厂房 (or 小微企业园 building) on a parcel."""

    zone = models.ForeignKey(Zone, verbose_name=_("开发区"), on_delete=models.PROTECT, related_name="+")
    parcel = models.ForeignKey(
        Parcel, verbose_name=_("宗地"), on_delete=models.PROTECT, related_name="buildings"
    )
    number = models.CharField(_("幢号"), max_length=40)
    floors = models.PositiveSmallIntegerField(_("层数"))
    floor_area_m2 = models.FloatField(_("建筑面积(平方米)"))
    leasable_m2 = models.FloatField(_("可出租面积(平方米)"))
    operator = models.CharField(_("运营方"), max_length=200, blank=True)

    class Meta:
        ordering = ["zone", "number"]
        constraints = [models.UniqueConstraint(fields=["parcel", "number"], name="land_building_unique")]
        verbose_name = _("标准厂房")
        verbose_name_plural = _("标准厂房")

    def __str__(self) -> str:
        return f"标准厂房 {self.number}"


class FactoryUnit(models.Model):
    """A unit of a building (floor, unit number, area); ``vacant_since`` while nobody leases it."""

    zone = models.ForeignKey(Zone, verbose_name=_("开发区"), on_delete=models.PROTECT, related_name="+")
    building = models.ForeignKey(Building, on_delete=models.CASCADE, related_name="units")
    floor = models.SmallIntegerField(_("楼层"))
    number = models.CharField(_("单元号"), max_length=40)
    area_m2 = models.FloatField(_("面积(平方米)"))
    vacant_since = models.DateField(_("空置起始"), null=True, blank=True)

    class Meta:
        ordering = ["building", "floor", "number"]
        constraints = [models.UniqueConstraint(fields=["building", "number"], name="land_unit_unique")]
        verbose_name = _("厂房单元")
        verbose_name_plural = _("厂房单元")

    def __str__(self) -> str:
        return f"单元 {self.number}"


class Lease(models.Model):
    """A lease of units to a tenant (by USCC); ``used_m2`` from the latest inspection."""

    zone = models.ForeignKey(Zone, verbose_name=_("开发区"), on_delete=models.PROTECT, related_name="+")
    building = models.ForeignKey(Building, on_delete=models.PROTECT, related_name="leases")
    units = models.ManyToManyField(FactoryUnit, verbose_name=_("单元"), related_name="leases")
    tenant_uscc = models.CharField(_("承租企业统一社会信用代码"), max_length=18)
    tenant_name = models.CharField(_("承租企业名称"), max_length=200, blank=True)
    leased_m2 = models.FloatField(_("租赁面积(平方米)"))
    start = models.DateField(_("起租日期"))
    ended_on = models.DateField(_("退租日期"), null=True, blank=True)
    producing_since = models.DateField(_("投产日期"), null=True, blank=True)
    used_m2 = models.FloatField(_("核查使用面积(平方米)"), null=True, blank=True)

    class Meta:
        ordering = ["building", "start", "pk"]
        verbose_name = _("租约")
        verbose_name_plural = _("租约")

    def __str__(self) -> str:
        return f"租约 {self.tenant_name or self.tenant_uscc}（{self.start.isoformat()} 起）"


class CaseKind(models.TextChoices):
    IDLE = "idle", _("闲置土地")
    INEFFICIENT = "inefficient", _("低效用地")
    FACTORY = "factory", _("标准厂房腾退")


class CaseState(models.IntegerChoices):
    CANDIDATE = 0, _("候选")
    INVESTIGATE = 1, _("调查")
    DECIDED = 2, _("认定")
    PLAN = 3, _("方案")
    DISPOSING = 4, _("处置中")
    DISPOSED = 5, _("处置完成")
    REVITALISED = 6, _("盘活")
    REVIEW = 7, _("复核")


ROUTE_CHOICES = [
    ("R1", "R1 征缴闲置费"),
    ("R2", "R2 无偿收回"),
    ("R3", "R3 延长动工期限"),
    ("R4", "R4 调整用途/规划条件"),
    ("R5", "R5 临时使用"),
    ("R6", "R6 置换/协议有偿收回"),
    ("R7", "R7 限期开发/复工"),
    ("R8", "R8 协议收回/收购储备"),
    ("R9", "R9 腾退（厂房）"),
    ("R10", "R10 转让/兼并重组"),
    ("R11", "R11 增容技改/二次开发"),
    ("R12", "R12 腾笼换鸟"),
]


class DisposalCase(models.Model):
    """A disposal case of a parcel (闲置 / 低效) or a lease (厂房腾退), from 候选 to 盘活; each step is a
    :class:`CaseStep`. ``decided_on``, ``closed_on`` and ``used_on`` are the dates 盘活 is counted by."""

    zone = models.ForeignKey(Zone, verbose_name=_("开发区"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("类型"), max_length=20, choices=CaseKind.choices)
    parcel = models.ForeignKey(
        Parcel, verbose_name=_("宗地"), null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    lease = models.ForeignKey(
        Lease, verbose_name=_("租约"), null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    state = models.PositiveSmallIntegerField(
        _("状态"), choices=CaseState.choices, default=CaseState.CANDIDATE
    )
    rules = models.JSONField(_("认定规则"), default=list, blank=True)
    reasons = models.JSONField(_("线索理由"), default=list, blank=True)
    route = models.CharField(_("处置方式"), max_length=4, choices=ROUTE_CHOICES, blank=True)
    area_m2 = models.FloatField(_("面积(平方米)"))
    owner = models.CharField(_("责任单位"), max_length=100, blank=True)
    deadline = models.DateField(_("期限"), null=True, blank=True)
    decided_on = models.DateField(_("认定日期"), null=True, blank=True)
    closed_on = models.DateField(_("处置完成日期"), null=True, blank=True)
    used_on = models.DateField(_("盘活利用日期"), null=True, blank=True)
    new_holder_uscc = models.CharField(_("新使用权人"), max_length=18, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["zone", "-created_at", "-pk"]
        verbose_name = _("处置案件")
        verbose_name_plural = _("处置案件")

    def __str__(self) -> str:
        target = self.parcel.ref if self.parcel_id and self.parcel else f"租约 {self.lease_id}"
        return f"{self.get_kind_display()} {target}"


class CaseStep(models.Model):
    """One step of a case (调查, 认定, 方案…): its date, document, deadline and owner; append-only."""

    zone = models.ForeignKey(Zone, verbose_name=_("开发区"), on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(DisposalCase, on_delete=models.CASCADE, related_name="steps")
    state = models.PositiveSmallIntegerField(_("状态"), choices=CaseState.choices)
    on = models.DateField(_("日期"))
    document = models.CharField(_("文件"), max_length=200, blank=True)
    deadline = models.DateField(_("期限"), null=True, blank=True)
    owner = models.CharField(_("责任单位"), max_length=100, blank=True)
    note = models.TextField(_("说明"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "state", "pk"]
        verbose_name = _("处置步骤")
        verbose_name_plural = _("处置步骤")

    def __str__(self) -> str:
        return f"{self.get_state_display()} {self.on.isoformat()}"


class ZoneBoundary(models.Model):
    """A zone's boundary (开发区四至范围), imported from a file like the parcels; one per zone, replaced
    by the next import. Parcels outside it are refused on import; the map draws it under the parcels."""

    audit_omit = ("geom_wkt",)

    zone = models.OneToOneField(Zone, verbose_name=_("开发区"), on_delete=models.PROTECT, related_name="+")
    geom_wkt = models.TextField(_("几何 (WKT, EPSG:4490)"))
    file = models.FileField(_("导入文件"), upload_to="land/boundaries/")
    original_name = models.CharField(_("文件名"), max_length=200)
    source_crs = models.CharField(_("源坐标系"), max_length=200)
    calc_epsg = models.PositiveIntegerField(_("计算面积坐标系 (EPSG)"))
    area_m2 = models.FloatField(_("面积(平方米)"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("开发区边界")
        verbose_name_plural = _("开发区边界")

    def __str__(self) -> str:
        return f"{self.zone.name} 边界"

    @property
    def area_mu(self) -> float:
        return self.area_m2 * 0.0015
