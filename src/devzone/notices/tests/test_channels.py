"""E-mail and the group robot against local sinks: what arrives is what an SMTP server and a robot receive."""

from __future__ import annotations

import base64
import hashlib
import hmac
import urllib.parse

import pytest

from devzone.notices import channels
from devzone.notices.tests.conftest import HttpSink, SmtpSink


def test_an_email_arrives_with_chinese_subject_and_body_and_the_login(smtp_sink: SmtpSink) -> None:
    server = channels.Smtp(
        host=smtp_sink.host,
        port=smtp_sink.port,
        user="devzone",
        password="s3cret",
        sender="devzone@example.cn",
        security="off",
    )
    channels.send_email(server, to="wang@example.cn", subject="【devzone】已逾期", body="任务 1.1 已逾期")
    [message] = smtp_sink.messages
    assert message["Subject"] == "【devzone】已逾期"
    assert message["From"] == "devzone@example.cn" and message["To"] == "wang@example.cn"
    assert message.get_content().strip() == "任务 1.1 已逾期"
    assert smtp_sink.envelopes == [("devzone@example.cn", ["wang@example.cn"])]
    assert smtp_sink.logins == [("devzone", "s3cret")]


def test_an_unreachable_mail_server_is_a_send_failure(smtp_sink: SmtpSink) -> None:
    server = channels.Smtp("127.0.0.1", 1, "", "", "devzone@example.cn", "off")
    with pytest.raises(channels.SendFailed, match="邮件发送失败"):
        channels.send_email(server, to="wang@example.cn", subject="主题", body="正文")


def test_wecom_robot_gets_a_text_message(http_sink: HttpSink) -> None:
    channels.post_robot(channels.Robot(http_sink.url, "wecom", ""), "【已逾期】任务 1.1")
    [request] = http_sink.requests
    assert request["json"] == {"msgtype": "text", "text": {"content": "【已逾期】任务 1.1"}}
    assert request["path"] == "/cgi-bin/webhook/send?key=test"
    assert request["content_type"] == "application/json; charset=utf-8"


def test_dingtalk_robot_with_a_secret_signs_the_url(http_sink: HttpSink) -> None:
    secret = "SECtest"
    channels.post_robot(channels.Robot(http_sink.url, "dingtalk", secret), "公示开始")
    [request] = http_sink.requests
    assert request["json"] == {"msgtype": "text", "text": {"content": "公示开始"}}
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(request["path"]).query)
    timestamp = query["timestamp"][0]
    # 钉钉 加签: base64(HmacSHA256(key=secret, message=timestamp + "\n" + secret))
    expected = base64.b64encode(
        hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    ).decode()
    assert query["sign"] == [expected] and query["key"] == ["test"]


def test_dingtalk_signature_for_a_fixed_time() -> None:
    url = channels.robot_url(
        channels.Robot("https://oapi.dingtalk.com/robot/send?access_token=t", "dingtalk", "SECabc"),
        now_ms=1700000000000,
    )
    digest = hmac.new(b"SECabc", b"1700000000000\nSECabc", hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest))
    assert url == f"https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1700000000000&sign={sign}"


def test_a_robot_refusal_is_a_send_failure(http_sink: HttpSink) -> None:
    http_sink.answer = {"errcode": 93000, "errmsg": "invalid webhook url"}
    with pytest.raises(channels.SendFailed, match="群机器人拒收：93000"):
        channels.post_robot(channels.Robot(http_sink.url, "wecom", ""), "测试")


def test_long_robot_text_is_cut_on_a_character_within_the_byte_limit() -> None:
    cut = channels.clip("逾期" * 2000)
    assert len(cut.encode()) <= channels.ROBOT_MAX_BYTES and cut.endswith("…")
    assert channels.clip("短") == "短"


def test_both_channels_are_off_by_default() -> None:
    assert channels.smtp() is None and channels.robot() is None
