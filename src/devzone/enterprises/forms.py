"""Forms of the 亩均 pages: filters, the data upload, a new run, 公示, objections and decisions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from devzone.core.widgets import QuickSelect
from devzone.enterprises.method_load import method_title, shipped_methods
from devzone.orgs.models import Zone

ALL_ZONES = "all"
UPLOAD_SUFFIXES = (".xlsx", ".csv")
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs.setdefault("class", css)


class EnterpriseFilterForm(forms.Form):
    q = forms.CharField(label=_("名称或信用代码"), required=False, max_length=100)
    zone = forms.ModelChoiceField(
        label=_("开发区"), queryset=Zone.objects.none(), required=False, widget=QuickSelect
    )
    industry = forms.CharField(label=_("行业代码"), required=False, max_length=5)

    def __init__(self, *args: Any, zones: QuerySet[Zone], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = zones  # type: ignore[attr-defined]
        self.fields["zone"].empty_label = _("全部")  # type: ignore[attr-defined]
        _style(self)


class ResultFilterForm(forms.Form):
    zone = forms.ModelChoiceField(
        label=_("开发区"), queryset=Zone.objects.none(), required=False, widget=QuickSelect
    )
    industry = forms.CharField(label=_("行业代码"), required=False, max_length=5)
    klass = forms.ChoiceField(label=_("类别"), required=False)
    segment = forms.ChoiceField(label=_("分组"), required=False)
    q = forms.CharField(label=_("名称或信用代码"), required=False, max_length=100)

    def __init__(
        self,
        *args: Any,
        zones: QuerySet[Zone],
        classes: list[tuple[str, str]],
        segments: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = zones  # type: ignore[attr-defined]
        self.fields["zone"].empty_label = _("全部")  # type: ignore[attr-defined]
        self.fields["klass"].choices = [("", _("全部")), *classes]  # type: ignore[attr-defined]
        self.fields["segment"].choices = [("", _("全部")), *segments]  # type: ignore[attr-defined]
        _style(self)


class UploadForm(forms.Form):
    zone = forms.ModelChoiceField(label=_("开发区"), queryset=Zone.objects.none(), widget=QuickSelect)
    year = forms.IntegerField(label=_("数据年度"), min_value=2000, max_value=2100)
    file = forms.FileField(label=_("数据文件（.xlsx 模板 / .csv）"))

    def __init__(self, *args: Any, zones: QuerySet[Zone], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = zones  # type: ignore[attr-defined]
        _style(self)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(UPLOAD_SUFFIXES):
            raise forms.ValidationError(_("只接受 .xlsx 或 .csv 文件"))
        return upload


class TemplateForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)


class RunForm(forms.Form):
    zone = forms.ChoiceField(label=_("评价范围"))
    year = forms.IntegerField(label=_("评价年度"), min_value=2000, max_value=2100)
    method = forms.ChoiceField(label=_("评价办法"))
    title = forms.CharField(label=_("标题"), required=False, max_length=200)

    def __init__(self, *args: Any, zones: QuerySet[Zone], all_zones: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(z.pk), z.name) for z in zones]
        if all_zones:
            choices.insert(0, (ALL_ZONES, str(_("全部开发区"))))
        self.fields["zone"].choices = choices  # type: ignore[attr-defined]
        self.fields["method"].choices = [(m, method_title(m)) for m in shipped_methods()]  # type: ignore[attr-defined]
        _style(self)

    def zone_id(self) -> int | None:
        """The chosen zone's id, or None for every zone."""
        value = self.cleaned_data["zone"]
        return None if value == ALL_ZONES else int(value)


class PubliciseForm(forms.Form):
    days = forms.IntegerField(label=_("公示天数"), min_value=1, max_value=60, initial=7)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class ObjectionForm(forms.Form):
    reason = forms.CharField(label=_("异议理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    evidence = forms.FileField(label=_("证明材料"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

    def clean_evidence(self) -> Any:
        upload = self.cleaned_data.get("evidence")
        if upload is not None and upload.size > MAX_EVIDENCE_BYTES:
            raise forms.ValidationError(_("证明材料不能超过 20 MB"))
        return upload


class DecisionForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("处理结果"),
        choices=[("1", _("异议成立")), ("0", _("异议不成立"))],
        coerce=lambda v: v == "1",
    )
    new_class = forms.ChoiceField(label=_("调整后类别"), required=False)
    decision = forms.CharField(label=_("处理意见"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)

    def __init__(self, *args: Any, classes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_class"].choices = [("", "—"), *classes]  # type: ignore[attr-defined]
        _style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("upheld") and not data.get("new_class"):
            self.add_error("new_class", _("异议成立时须选择调整后类别"))
        return data
