"""The web forms of the projects slice: a milestone with its evidence file, and its verification."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from devzone.core.files import evidence_problem, upload_head
from devzone.core.widgets import QuickSelect
from devzone.orgs.models import Unit, Zone
from devzone.projects.models import EVIDENCE_CHOICES
from devzone.projects.stages import MILESTONE_STAGES


def _style(form: forms.Form, *, small: bool = False) -> None:
    """Bootstrap's classes on every field (the small ones for a form inside a page's column)."""
    for field in form.fields.values():
        kind = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs.setdefault("class", f"{kind} {kind}-sm" if small else kind)


def _checked_evidence(upload: Any) -> Any:
    # Checked with the shared evidence check: the extension must be allowed and the first bytes must match
    # it, so an executable renamed 证明.pdf is refused before anything is stored.
    problem = evidence_problem(upload.name or "", upload_head(upload), upload.size or 0)
    if problem:
        raise forms.ValidationError(problem)
    return upload


class MilestoneForm(forms.Form):
    stage = forms.ChoiceField(label="阶段", choices=[(s, s) for s in MILESTONE_STAGES])
    reached_on = forms.DateField(label="达到日期", widget=forms.DateInput(attrs={"type": "date"}))
    evidence = forms.ChoiceField(label="佐证材料类型", choices=[("", "请选择"), *EVIDENCE_CHOICES])
    evidence_file = forms.FileField(label="佐证文件", help_text="PDF、图片或办公文档，不超过 10 MB")
    evidence_on = forms.DateField(
        label="佐证日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    value = forms.FloatField(label="产能利用率（达产时填，0–1）", required=False, min_value=0, max_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

    def clean_evidence_file(self) -> Any:
        return _checked_evidence(self.cleaned_data["evidence_file"])


class NodeForm(forms.Form):
    """A node of the plan that is no stage, marked done with its document (备案证明, 环评批复 …)."""

    node = forms.ChoiceField(label="节点")
    done_on = forms.DateField(label="完成日期", widget=forms.DateInput(attrs={"type": "date"}))
    evidence_file = forms.FileField(label="佐证文件", help_text="PDF、图片或办公文档，不超过 10 MB")

    def __init__(self, *args: Any, nodes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["node"].choices = [(n, n) for n in nodes]  # type: ignore[attr-defined]
        _style(self, small=True)

    def clean_evidence_file(self) -> Any:
        return _checked_evidence(self.cleaned_data["evidence_file"])


class VerifyForm(forms.Form):
    unit = forms.ModelChoiceField(label="核验单位", queryset=Unit.objects.none(), empty_label=None)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["unit"].widget.attrs["class"] = "form-select form-select-sm"


class ProjectUploadForm(forms.Form):
    zone = forms.ModelChoiceField(
        label="开发区", queryset=Zone.objects.none(), widget=QuickSelect, empty_label="请选择开发区"
    )
    file = forms.FileField(label="项目台账（.xlsx：项目、节点、到位资金三张表；或只有项目的 .csv）")

    def __init__(self, *args: Any, zones: QuerySet[Zone], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = zones  # type: ignore[attr-defined]
        self.fields["zone"].widget.attrs["class"] = "form-select"
        self.fields["file"].widget.attrs["class"] = "form-control"
