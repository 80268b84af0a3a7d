"""Forms of the land pages: a parcel file upload, the year asked, a disposal step."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from devzone.land.actions.imports import SUFFIXES
from devzone.land.models import ROUTE_CHOICES, CaseState
from devzone.orgs.models import Zone


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        widget.attrs.setdefault("class", css)


class ParcelUploadForm(forms.Form):
    zone = forms.ModelChoiceField(label=_("开发区"), queryset=Zone.objects.none())
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
