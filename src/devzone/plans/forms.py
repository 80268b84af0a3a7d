"""Forms of the plans pages (upload, review fields, progress reports)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from devzone.core.widgets import QuickSelect
from devzone.orgs.models import Zone
from devzone.plans.models import OwnerRole
from devzone.plans.readers import SUFFIXES


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("方案文件（Word、PDF、网页、文本；.doc/.wps/.rtf/.odt 经 LibreOffice 转换）"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(SUFFIXES)}),
    )
    city = forms.CharField(label=_("城市"), max_length=30, required=False)
    province = forms.CharField(label=_("省份"), max_length=30, required=False)
    zone = forms.ModelChoiceField(
        label=_("所属开发区（留空为全市共享）"),
        queryset=Zone.objects.none(),
        required=False,
        widget=QuickSelect,
    )
    year = forms.IntegerField(label=_("年度（补全“20xx年”）"), min_value=2000, max_value=2100, required=False)

    def __init__(self, *args: Any, zones: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if zones is not None:
            self.fields["zone"].queryset = zones


# A date input reads and writes ISO dates only: the locale's own format ("2023/01/01") leaves the
# browser's <input type="date"> empty, and the next save is refused for a missing date.
ISO_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ContextForm(forms.Form):
    title = forms.CharField(label=_("方案标题"), max_length=200)
    city = forms.CharField(label=_("城市"), max_length=30, required=False)
    province = forms.CharField(label=_("省份"), max_length=30, required=False)
    zone = forms.ModelChoiceField(
        label=_("所属开发区"), queryset=Zone.objects.none(), required=False, widget=QuickSelect
    )
    start_date = forms.DateField(label=_("起始日期"), widget=ISO_DATE)
    end_date = forms.DateField(label=_("截止日期"), widget=ISO_DATE)

    def __init__(self, *args: Any, zones: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if zones is not None:
            self.fields["zone"].queryset = zones
        # Bootstrap's classes let the fields shrink to a phone's column instead of their default width.
        for name, field in self.fields.items():
            css = "form-select form-select-sm" if name == "zone" else "form-control form-control-sm"
            field.widget.attrs["class"] = css


class OwnerFixForm(forms.Form):
    name = forms.CharField(label=_("单位名称"), max_length=200, required=False)
    dismiss = forms.BooleanField(label=_("删除此责任单位"), required=False)
    role = forms.ChoiceField(label=_("角色"), choices=OwnerRole.choices, required=False)


class DeadlineForm(forms.Form):
    due_date = forms.DateField(label=_("完成时限"), required=False, widget=ISO_DATE)


class OwnerAddForm(forms.Form):
    name = forms.CharField(label=_("单位名称"), max_length=200)
    role = forms.ChoiceField(label=_("角色"), choices=OwnerRole.choices, initial=OwnerRole.LEAD)


class OwnerApplyForm(forms.Form):
    """Settle every unmatched owner written the same way, and keep the written name as an alias."""

    name = forms.CharField(label=_("单位名称"), max_length=200)


class TaskForm(forms.Form):
    heading = forms.CharField(label=_("重点任务"), max_length=300, required=False)
    text = forms.CharField(label=_("具体内容"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class DeadlineAddForm(forms.Form):
    due_date = forms.DateField(label=_("完成时限"), widget=ISO_DATE)
    text = forms.CharField(label=_("说明"), max_length=200, required=False)


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("退回意见"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class TargetForm(forms.Form):
    indicator = forms.CharField(label=_("指标"), max_length=200)
    value = forms.FloatField(label=_("目标值"))
    unit = forms.CharField(label=_("单位"), max_length=20, required=False)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


def current_period() -> str:
    return dt.date.today().strftime("%Y-%m")


class ReportForm(forms.Form):
    period = forms.RegexField(
        label=_("报告期（年-月，如 2025-06）"), regex=r"^\d{4}-(0[1-9]|1[0-2])$", initial=current_period
    )
    percent = forms.IntegerField(label=_("完成进度（%）"), min_value=0, max_value=100)
    narrative = forms.CharField(
        label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    evidence = MultipleFileField(label=_("佐证材料"), required=False)


class ProgressImportForm(forms.Form):
    """进展批量报送: the period every row reports, and the filled template."""

    period = forms.RegexField(
        label=_("报告期（年-月，如 2025-06）"),
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        initial=current_period,
        error_messages={"invalid": _("报告期应写成“年-月”，如 2025-06")},
    )
    file = forms.FileField(label=_("填好的进展填报表（.xlsx）"))


class MilestonesForm(forms.Form):
    """节点计划 as lines of ``日期 进度``, e.g. ``2026-06-30 50``; an empty box clears the plan."""

    lines = forms.CharField(
        label=_("节点计划"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "placeholder": "2026-06-30 50\n2026-09-30 80"}),
        help_text=_(
            "每行一个节点：日期（如 2025-06-30）和该日应达到的进度（%），以空格分隔。留空则按时间线性计算序时进度。"
        ),
    )

    def clean_lines(self) -> list[tuple[dt.date, float]]:
        nodes: list[tuple[dt.date, float]] = []
        errors: list[str] = []
        for number, line in enumerate(self.cleaned_data["lines"].splitlines(), start=1):
            parts = line.replace(",", " ").replace("，", " ").replace("%", " ").split()
            if not parts:
                continue
            try:
                if len(parts) != 2:
                    raise ValueError(line)
                nodes.append((dt.date.fromisoformat(parts[0]), float(parts[1])))
            except ValueError:
                errors.append(
                    _("第 %(n)d 行“%(line)s”应为“日期 进度”，如 2026-06-30 50") % {"n": number, "line": line}
                )
        if errors:
            raise forms.ValidationError(errors)
        return nodes

    @staticmethod
    def initial_text(milestones: object) -> str:
        if not isinstance(milestones, list):
            return ""
        return "\n".join(f"{day} {percent:g}" for day, percent in milestones)
