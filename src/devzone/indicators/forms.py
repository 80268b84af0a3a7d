"""Forms of the indicator pages; zone choices are narrowed to what the user may change."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from devzone.accounts.access import can_change_place, can_change_shared, changeable_zone_ids
from devzone.core.widgets import QuickSelect
from devzone.indicators.models import Coverage, Indicator, TargetKind, TargetOp
from devzone.indicators.periods import PeriodError, parse_period
from devzone.orgs.models import Zone

if TYPE_CHECKING:
    from devzone.accounts.models import User

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def clean_period_text(value: str) -> str:
    try:
        return parse_period(value).label
    except PeriodError as error:
        raise ValidationError(_("统计期无法识别（如 2025、2025Q4、2025-06）")) from error


class BootstrapForm(forms.Form):
    """A form whose widgets carry Bootstrap's classes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


def changeable_zones(user: User) -> Any:
    ids = changeable_zone_ids(user)
    zones = Zone.objects.all()
    return zones if ids is None else zones.filter(pk__in=ids)


class PeriodForm(BootstrapForm):
    period = forms.CharField(label=_("统计期"), max_length=10)

    def clean_period(self) -> str:
        return clean_period_text(self.cleaned_data["period"])


class UploadForm(BootstrapForm):
    file = forms.FileField(label=_("填好的模板（.xlsx）"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("文件超过 5 MB"))
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(_("请上传 .xlsx 文件"))
        return upload


class TargetForm(BootstrapForm):
    """A target entered by hand; ``sentence`` is the plan's wording, kept as the target's text."""

    zone = forms.ModelChoiceField(
        label=_("开发区"), queryset=Zone.objects.none(), required=False, widget=QuickSelect
    )  # a province coordinator chooses among 3,000 zones
    city = forms.CharField(label=_("城市"), max_length=30)
    coverage = forms.ChoiceField(label=_("范围"), choices=Coverage.choices, initial=Coverage.ZONE)
    indicator = forms.ModelChoiceField(label=_("指标"), queryset=Indicator.objects.all())
    kind = forms.ChoiceField(label=_("目标类型"), choices=TargetKind.choices)
    op = forms.ChoiceField(label=_("比较"), choices=TargetOp.choices, initial=TargetOp.GE)
    value = forms.FloatField(label=_("目标值"))
    unit = forms.CharField(label=_("目标单位"), max_length=30)
    base_period = forms.CharField(label=_("基期"), max_length=10, initial="2020")
    base_value = forms.FloatField(label=_("基期值（可空，空则取基期数据）"), required=False)
    deadline = forms.CharField(label=_("期限"), max_length=10, initial="2025")
    sentence = forms.CharField(label=_("目标原文"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["zone"].queryset = changeable_zones(user).only("pk", "name", "city")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        zone = data.get("zone")
        if zone is None and not can_change_shared(self.user):
            raise ValidationError(_("只有主管部门可以录入全市目标，请选择开发区"))
        if zone is None and not can_change_place(self.user, city=data.get("city", ""), province=""):
            raise ValidationError(_("“%(city)s”不在您的管辖范围内") % {"city": data.get("city", "")})
        if zone is not None:
            data["coverage"] = Coverage.ZONE
            data["city"] = zone.city
        elif data.get("coverage") == Coverage.ZONE:
            self.add_error("coverage", _("全市目标请选择“全市开发区合计”或“全市”"))
        return data


class LinkForm(BootstrapForm):
    indicator = forms.ModelChoiceField(
        label=_("指标"), queryset=Indicator.objects.all(), to_field_name="code"
    )


class PlanTargetsForm(BootstrapForm):
    """A parsed plan (devzone.plan/1 JSON, from `devzone plan parse --json`) to take targets from."""

    plan_file = forms.FileField(label=_("方案解析结果（JSON）"))
    zone = forms.ModelChoiceField(
        label=_("开发区（空则按目标主体分配到本市各开发区或全市）"),
        queryset=Zone.objects.none(),
        required=False,
        widget=QuickSelect,
    )
    city = forms.CharField(label=_("城市"), max_length=30)
    base_period = forms.CharField(label=_("基期"), max_length=10, initial="2020")
    default_deadline = forms.CharField(label=_("未写明年份时的期限"), max_length=10, initial="2025")

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["zone"].queryset = changeable_zones(user).only("pk", "name", "city")

    def clean_base_period(self) -> str:
        return clean_period_text(self.cleaned_data["base_period"])

    def clean_default_deadline(self) -> str:
        return clean_period_text(self.cleaned_data["default_deadline"])

    def clean_plan_file(self) -> dict[str, Any]:
        upload = self.cleaned_data["plan_file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("文件超过 5 MB"))
        try:
            data = json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ValidationError(_("不是 UTF-8 的 JSON 文件")) from error
        if not isinstance(data, dict):
            raise ValidationError(_("JSON 顶层应为对象（devzone.plan/1）"))
        return data

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        zone = data.get("zone")
        if zone is None and not can_change_shared(self.user):
            raise ValidationError(_("只有主管部门可以导入全市目标，请选择开发区"))
        if zone is None and not can_change_place(self.user, city=data.get("city", ""), province=""):
            raise ValidationError(_("“%(city)s”不在您的管辖范围内") % {"city": data.get("city", "")})
        if zone is not None:
            data["city"] = zone.city
        return data


class TrackPlanForm(BootstrapForm):
    """The two periods a plan rarely writes per target; the defaults come from the plan's span."""

    base_period = forms.CharField(label=_("基期"), max_length=10)
    default_deadline = forms.CharField(label=_("未写明年份时的期限"), max_length=10)

    def clean_base_period(self) -> str:
        return clean_period_text(self.cleaned_data["base_period"])

    def clean_default_deadline(self) -> str:
        return clean_period_text(self.cleaned_data["default_deadline"])
