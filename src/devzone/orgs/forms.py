from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from devzone.core.widgets import QuickSelect
from devzone.orgs.models import OwnerGroup, Unit, Zone, ZoneKind, ZoneLevel


class AliasField(forms.CharField):
    """Aliases typed as one line, separated by 、 , or ；."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "、".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        for sep in ",，;；":
            text = text.replace(sep, "、")
        return [part.strip() for part in text.split("、") if part.strip()]


class ZoneForm(forms.ModelForm):
    aliases = AliasField(label=_("别名（用顿号分隔）"), required=False)

    class Meta:
        model = Zone
        fields = [
            "name",
            "short_name",
            "level",
            "kind",
            "region_code",
            "province",
            "city",
            "aliases",
            "description",
        ]


class UnitForm(forms.ModelForm):
    aliases = AliasField(label=_("别名（用顿号分隔）"), required=False)

    class Meta:
        model = Unit
        fields = ["name", "short_name", "kind", "province", "city", "zone", "aliases"]
        help_texts = {"short_name": _("留空则与全称相同")}
        widgets = {"zone": QuickSelect}  # a province coordinator chooses among 3,000 zones

    def __init__(self, *args: Any, zones: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["short_name"].required = False
        if zones is not None:
            self.fields["zone"].queryset = zones.only("pk", "name")

    def _get_validation_exclusions(self) -> set[str]:
        # A name already taken is the action's refusal (save_unit), which says which unit has it.
        return {*super()._get_validation_exclusions(), "name"}


class GroupForm(forms.ModelForm):
    """A unit group (单位组) such as 各县区: plans name it, publishing expands it to its members."""

    aliases = AliasField(label=_("别名（用顿号分隔）"), required=False)
    members = forms.ModelMultipleChoiceField(
        label=_("成员单位"),
        queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )

    class Meta:
        model = OwnerGroup
        fields = ["name", "province", "city", "aliases"]

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["members"].queryset = units

    def _get_validation_exclusions(self) -> set[str]:
        # A name already taken in the city is the action's refusal (save_group), in the reviewer's words.
        return {*super()._get_validation_exclusions(), "name"}


class ZoneFilterForm(forms.Form):
    q = forms.CharField(label=_("名称"), required=False)
    level = forms.ChoiceField(
        label=_("级别"), required=False, choices=[("", _("全部级别")), *ZoneLevel.choices]
    )
    kind = forms.ChoiceField(
        label=_("类型"), required=False, choices=[("", _("全部类型")), *ZoneKind.choices]
    )
    city = forms.CharField(label=_("城市"), required=False)


class ResolveForm(forms.Form):
    text = forms.CharField(
        label=_("责任单位（照方案原文）"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    city = forms.CharField(label=_("方案所在城市"), required=False, max_length=30)
    province = forms.CharField(label=_("省份"), required=False, max_length=30)
