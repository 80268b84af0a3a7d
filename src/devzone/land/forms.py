"""Forms of the land pages: a parcel file upload, the year asked, a disposal step."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from devzone.core.widgets import QuickSelect
from devzone.enterprises import uscc
from devzone.land.actions.imports import SUFFIXES
from devzone.land.models import ROUTE_CHOICES, CaseState
from devzone.orgs.models import Zone


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        widget.attrs.setdefault("class", css)


class ParcelUploadForm(forms.Form):
    zone = forms.ModelChoiceField(
        label=_("开发区"), queryset=Zone.objects.none(), widget=QuickSelect, empty_label=_("请选择开发区")
    )
    file = forms.FileField(label=_("宗地文件（Shapefile .zip / GeoJSON / 带 WKT 列的 .xlsx 或 .csv）"))
    crs = forms.IntegerField(
        label=_("坐标系 EPSG 代码（表格文件无 SRID 时填写，如 4545）"),
        required=False,
        min_value=2000,
        max_value=99999,
    )

    def __init__(self, *args: Any, zones: QuerySet[Zone], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = zones  # type: ignore[attr-defined]
        _style(self)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(SUFFIXES):
            raise forms.ValidationError(_("只接受 .zip（Shapefile）、.geojson、.json、.xlsx 或 .csv 文件"))
        return upload


class BoundaryUploadForm(ParcelUploadForm):
    prefix = "boundary"  # beside the parcel form on one page: its own field names and ids
    file = forms.FileField(label=_("开发区边界文件（Shapefile .zip / GeoJSON / 带 WKT 列的 .xlsx 或 .csv）"))


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)


class OpenCaseForm(forms.Form):
    kind = forms.ChoiceField(choices=[("idle", "闲置土地"), ("inefficient", "低效用地")])
    parcel = forms.IntegerField(min_value=1)
    year = forms.IntegerField(min_value=2000, max_value=2100)


class StepForm(forms.Form):
    state = forms.TypedChoiceField(label=_("步骤"), choices=CaseState.choices[1:], coerce=int)
    on = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    document = forms.CharField(label=_("文件（文号或名称）"), required=False, max_length=200)
    route = forms.ChoiceField(label=_("处置方式"), choices=[("", "—"), *ROUTE_CHOICES], required=False)
    owner = forms.CharField(label=_("责任单位"), required=False, max_length=100)
    deadline = forms.DateField(
        label=_("期限"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    new_holder_uscc = forms.CharField(label=_("新使用权人统一社会信用代码"), required=False, max_length=18)
    note = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class BuildingForm(forms.Form):
    """A 标准厂房: its parcel (on a new building only), 幢号, floors, areas and operator."""

    parcel = forms.ModelChoiceField(label=_("所在宗地"), queryset=None)  # type: ignore[arg-type]
    number = forms.CharField(label=_("幢号"), max_length=40)
    floors = forms.IntegerField(label=_("层数"), min_value=1, max_value=99)
    floor_area_m2 = forms.FloatField(label=_("建筑面积(平方米)"), min_value=1)
    leasable_m2 = forms.FloatField(label=_("可出租面积(平方米)"), min_value=0)
    operator = forms.CharField(label=_("运营方"), max_length=200, required=False)

    def __init__(self, *args: Any, parcels: QuerySet[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if parcels is None:
            del self.fields["parcel"]
        else:
            self.fields["parcel"].queryset = parcels  # type: ignore[attr-defined]
        _style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("leasable_m2") or 0) > (data.get("floor_area_m2") or 0) > 0:
            self.add_error("leasable_m2", _("可出租面积不能大于建筑面积"))
        return data


class UnitForm(forms.Form):
    floor = forms.IntegerField(label=_("楼层"), min_value=-5, max_value=99)
    number = forms.CharField(label=_("单元号"), max_length=40)
    area_m2 = forms.FloatField(label=_("面积(平方米)"), min_value=1)
    vacant_since = forms.DateField(
        label=_("空置起始"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


def _date(label: str, *, required: bool = False) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}))


class LeaseForm(forms.Form):
    units = forms.ModelMultipleChoiceField(
        label=_("单元"), queryset=None, widget=forms.CheckboxSelectMultiple
    )  # type: ignore[arg-type]
    tenant_uscc = forms.CharField(label=_("承租企业统一社会信用代码"), max_length=18, min_length=18)
    tenant_name = forms.CharField(label=_("承租企业名称"), max_length=200, required=False)
    leased_m2 = forms.FloatField(label=_("租赁面积(平方米)"), min_value=1)
    start = _date(_("起租日期"), required=True)
    producing_since = _date(_("投产日期"))

    def __init__(self, *args: Any, units: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units  # type: ignore[attr-defined]
        _style(self)
        self.fields["units"].widget.attrs["class"] = "form-check-input"

    def clean_tenant_uscc(self) -> str:
        value = str(self.cleaned_data["tenant_uscc"]).strip().upper()
        if found := uscc.problem(value):
            raise forms.ValidationError(found.reason)
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, producing = data.get("start"), data.get("producing_since")
        if start and producing and producing < start:
            self.add_error("producing_since", _("投产日期早于起租日期"))
        return data


class LeaseChangeForm(forms.Form):
    """What happens to a lease after it starts: production, an inspection, its end."""

    producing_since = _date(_("投产日期"))
    used_m2 = forms.FloatField(label=_("核查使用面积(平方米)"), min_value=0, required=False)
    ended_on = _date(_("退租日期"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)
