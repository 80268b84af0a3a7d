"""Forms of the account pages: the system administrator's account fields, the security administrator's grants."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from devzone.accounts.models import Role
from devzone.orgs.models import Unit, Zone


class NewAccountForm(forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150, validators=[UnicodeUsernameValidator()])
    display_name = forms.CharField(label=_("姓名"), max_length=150, required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    unit = forms.ModelChoiceField(label=_("所在单位"), queryset=Unit.objects.all(), required=False)


class ProfileForm(forms.Form):
    display_name = forms.CharField(label=_("姓名"), max_length=150, required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    unit = forms.ModelChoiceField(label=_("所在单位"), queryset=Unit.objects.all(), required=False)


class GrantForm(forms.Form):
    role = forms.ChoiceField(label=_("角色"), choices=Role.choices)
    zones = forms.ModelMultipleChoiceField(
        label=_("负责的开发区"), queryset=Zone.objects.all(), required=False
    )
    province = forms.CharField(label=_("管辖省份"), max_length=30, required=False)
    city = forms.CharField(label=_("管辖城市（留空为全省）"), max_length=30, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zones"].widget.attrs["size"] = 6
