"""Forms of the pools pages: a province's certificate list and the yearly supplement, uploaded for a zone."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from devzone.core.files import TABLE_SUFFIXES
from devzone.pools.kinds import BY_CODE


def _table_file(upload: Any) -> Any:
    if not str(upload.name).lower().endswith(TABLE_SUFFIXES):
        raise forms.ValidationError(_("只接受 .xlsx 或 .csv 文件"))
    return upload


class CertificateUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("资质类别"), choices=[(k, v.name) for k, v in BY_CODE.items()])
    file = forms.FileField(
        label=_("认定名单（.xlsx 或 .csv：企业名称、统一社会信用代码、证书编号、发证日期）")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].widget.attrs["class"] = "form-select"
        self.fields["file"].widget.attrs["class"] = "form-control"

    def clean_file(self) -> Any:
        return _table_file(self.cleaned_data["file"])


class SupplementUploadForm(forms.Form):
    file = forms.FileField(label=_("年度补充数据（.xlsx 或 .csv，按模板填写）"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["class"] = "form-control"

    def clean_file(self) -> Any:
        return _table_file(self.cleaned_data["file"])
