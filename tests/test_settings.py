"""Environment settings are parsed strictly, and the defaults are the safe ones."""

from __future__ import annotations

import pytest
from django.conf import settings

from devzone.core.env import SettingError, env_bool, env_choice, env_int


def test_debug_is_off_by_default() -> None:
    assert settings.DEBUG is False


def test_chinese_is_the_default_language_and_english_is_available() -> None:
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert "en" in dict(settings.LANGUAGES)


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("0", False), ("Yes", True), ("off", False)])
def test_env_bool_reads_the_known_words(monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool) -> None:
    monkeypatch.setenv("DEVZONE_X", raw)
    assert env_bool("DEVZONE_X", default=not expected) is expected


def test_env_bool_refuses_a_typo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEVZONE_DEBUG", "ture")
    with pytest.raises(SettingError, match="DEVZONE_DEBUG"):
        env_bool("DEVZONE_DEBUG", default=False)


def test_env_int_refuses_words_and_small_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEVZONE_SESSION_IDLE_MINUTES", "half an hour")
    with pytest.raises(SettingError):
        env_int("DEVZONE_SESSION_IDLE_MINUTES", default=30, minimum=1)
    monkeypatch.setenv("DEVZONE_SESSION_IDLE_MINUTES", "0")
    with pytest.raises(SettingError):
        env_int("DEVZONE_SESSION_IDLE_MINUTES", default=30, minimum=1)


def test_idle_timeout_default_is_thirty_minutes() -> None:
    assert settings.SESSION_IDLE_SECONDS == 30 * 60


def test_env_choice_reads_a_known_word_and_refuses_others(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEVZONE_WEBHOOK_FORMAT", "DingTalk")
    assert env_choice("DEVZONE_WEBHOOK_FORMAT", choices=("wecom", "dingtalk"), default="wecom") == "dingtalk"
    monkeypatch.setenv("DEVZONE_WEBHOOK_FORMAT", "feishu")
    with pytest.raises(SettingError, match="wecom, dingtalk"):
        env_choice("DEVZONE_WEBHOOK_FORMAT", choices=("wecom", "dingtalk"), default="wecom")


def test_notice_channels_are_off_by_default() -> None:
    assert settings.DEVZONE_SMTP_HOST == "" and settings.DEVZONE_WEBHOOK_URL == ""
    assert settings.DEVZONE_SMTP_TLS == "off" and settings.DEVZONE_WEBHOOK_FORMAT == "wecom"
