"""Forms of the assessment pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from devzone.assessment.models import Framework


class FrameworkForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Framework
        fields = ["yaml_text"]
        widgets = {
            "yaml_text": forms.Textarea(attrs={"rows": 28, "class": "font-monospace", "spellcheck": "false"})
        }


class RunForm(forms.Form):
    framework = forms.ModelChoiceField(label=_("考核框架"), queryset=Framework.objects.all())
    year = forms.IntegerField(label=_("考评年度"), min_value=1990, max_value=2100)
    samples = forms.IntegerField(
        label=_("不确定性抽样次数"), min_value=0, max_value=20000, initial=0,
        help_text=_("0 表示不做排名不确定性分析"),
    )  # fmt: skip
    seed = forms.IntegerField(label=_("随机种子"), required=False, min_value=0, max_value=2**62)
    note = forms.CharField(label=_("备注"), required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")
        self.fields["framework"].widget.attrs["class"] = "form-select"


class UploadForm(forms.Form):
    file = forms.FileField(label=_("数据文件（.csv / .xlsx）"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["class"] = "form-control"
