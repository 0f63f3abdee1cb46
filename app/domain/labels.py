"""Chinese names of stored codes, for printed documents (the GUI translates its own).

Printed receipts and case reports are legal documents in Chinese whatever the
operator's interface language, so their wording lives here, next to the codes.
"""

from __future__ import annotations

STATE_ZH: dict[str, str] = {
    "registered": "已登记",
    "accepted": "已受理",
    "in_progress": "处理中",
    "paused": "中止（外部鉴定）",
    "decided": "已作出处理决定",
    "review_requested": "已申请核查",
    "reviewed": "已核查",
    "closed": "已办结",
    "withdrawn": "已撤回",
    "declined": "不予受理",
}

EVENT_ZH: dict[str, str] = {
    "created": "登记投诉",
    "accept": "受理",
    "start": "开始处理",
    "pause": "中止计时（外部鉴定）",
    "resume": "恢复计时",
    "new_facts": "补充新事实（重新计时）",
    "extend": "延长处理期限",
    "decide": "作出处理决定",
    "request_review": "申请核查",
    "record_review": "核查结论",
    "close": "办结",
    "withdraw": "撤回投诉",
    "decline": "不予受理",
    "hand_over": "移交",
    "note": "备注",
    "notice": "告知",
    "print": "打印/导出",
    "recording": "录音录像",
}

SATISFACTION_ZH: dict[str, str] = {
    "satisfied": "满意",
    "basically_satisfied": "基本满意",
    "dissatisfied": "不满意",
    "unreachable": "无法联系",
}

NOTICE_ZH: dict[str, str] = {
    "acknowledgement": "受理告知",
    "extension": "延期告知",
    "decision": "处理决定告知",
    "review": "核查结论告知",
    "decline": "不予受理告知",
    "recording": "录音录像告知",
    "pause": "鉴定暂停告知",
}

CHANNEL_ZH: dict[str, str] = {
    "in_person": "当面",
    "phone": "电话",
    "sms": "短信",
    "letter": "信函",
    "email": "电子邮件",
    "app": "手机银行",
}

ID_TYPE_ZH: dict[str, str] = {
    "resident_id": "居民身份证",
    "residence_permit": "港澳台居民居住证",
    "passport": "护照",
    "hk_macau_permit": "港澳居民来往内地通行证",
    "taiwan_permit": "台湾居民来往大陆通行证",
    "foreign_permanent": "外国人永久居留身份证",
    "other": "其他证件",
}

ROLE_ZH: dict[str, str] = {
    "receptionist": "接待员",
    "supervisor": "主管",
    "auditor": "审计",
    "admin": "管理员",
}

DOCUMENT_ZH: dict[str, str] = {"receipt": "受理回执", "report": "投诉处理档案"}


def zh(table: dict[str, str], code: str) -> str:
    """The Chinese name of ``code``, or the code itself when the table does not know it."""
    return table.get(code, code)
