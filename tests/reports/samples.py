"""Sample receipt and case-report inputs for the report tests and the bench."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta, timezone
from typing import Any

from app.domain.masking import MaskStrength
from reports.data import (
    CaseReportData,
    Classification,
    ComplainedParty,
    DeadlineHistory,
    Decision,
    DeskInfo,
    Extension,
    NoticeRecord,
    Pause,
    Person,
    Proxy,
    ReceiptData,
    RecordingEntry,
    TimelineEntry,
    remedies_notice,
)
from reports.verification import canonical_received_at, receipt_verification_code

CASE_NUMBER = "TS310101-20250305-0007"
FULL_ID = "11010519491231002X"
PROXY_ID = "310101198001011234"
FULL_CARD = "6225880112345678"
FULL_PHONE = "13800138000"
PROXY_PHONE = "13912345678"
RECEIVED_AT = datetime(2025, 3, 5, 6, 32, 10, tzinfo=timezone.utc)  # 14:32 in Beijing
DUE = date(2025, 3, 20)
DUE_TEXT = "2025年3月20日"
RULE_TEXT = "依据《银行业保险业消费投诉处理管理办法》第十八条，自受理之日起15日内作出处理决定"
TEST_KEY = bytes(range(32))

DESK = DeskInfo(
    bank_name="中国某某银行信用卡中心",
    branch_code="310101",
    branch_name="上海分中心黄浦投诉接待点",
    desk_code="D-03",
    hotline="95588",
    branch_contact="021-63210000（工作日9:00-17:00）",
)


def receipt(**overrides: Any) -> ReceiptData:
    case_number = overrides.get("case_number", CASE_NUMBER)
    received_at = overrides.get("received_at", RECEIVED_AT)
    fields: dict[str, Any] = dict(
        desk=DESK,
        case_number=case_number,
        received_at=received_at,
        complainant_name="张三丰",
        complainant_phone=FULL_PHONE,
        request_summary=(
            f"要求退还2025年1月信用卡年费680元并撤销逾期记录。卡号{FULL_CARD}，"
            f"身份证{FULL_ID}。"
        ),
        nominal_due=DUE,
        rule_text=RULE_TEXT,
        remedies_text=remedies_notice(30),
        staff_no="A10023",
        print_count=1,
        verification_code=receipt_verification_code(
            case_number, canonical_received_at(received_at), TEST_KEY
        ),
    )
    fields.update(overrides)
    return ReceiptData(**fields)


def timeline(count: int, start: datetime = RECEIVED_AT) -> tuple[TimelineEntry, ...]:
    kinds = ["受理", "分派", "联系投诉人", "调查", "延期申请", "告知"]
    return tuple(
        TimelineEntry(
            start + timedelta(hours=3 * i),
            kinds[i % len(kinds)],
            f"A100{i % 7}",
            f"第{i + 1}条处理记录：已与投诉人电话沟通，说明账单明细及年费收取依据。",
        )
        for i in range(count)
    )


def case(**overrides: Any) -> CaseReportData:
    fields: dict[str, Any] = dict(
        desk=DESK,
        case_number=CASE_NUMBER,
        state_label="处理中（已延期）",
        received_at=RECEIVED_AT,
        complainant=Person("欧阳明华", "居民身份证", FULL_ID, FULL_PHONE, "上海市黄浦区南京东路100号502室"),
        complained_party=ComplainedParty("中国某某银行信用卡中心", "上海分中心催收部", "李四", "C2031"),
        classification=Classification(
            "A01", "营业现场", "B03", "银行卡", "C05", "信息披露", "D02", "减免息费/罚息", "desk-2025.1"
        ),
        request="要求退还2025年1月信用卡年费680元。",
        facts=f"投诉人称办卡时被承诺免年费。涉及卡号{FULL_CARD}，联系电话{FULL_PHONE}。",
        grounds="投诉人认为银行未履行告知义务。",
        deadline=DeadlineHistory(
            DUE,
            date(2025, 3, 21),
            RULE_TEXT,
            extensions=(
                Extension("一般复杂", date(2025, 4, 4), "需调取办卡录音核实承诺内容。", "王主管（B0001）",
                          RECEIVED_AT + timedelta(days=12)),
            ),
            pauses=(Pause(date(2025, 3, 10), date(2025, 3, 14), "录音鉴定"),),
        ),
        generated_at=RECEIVED_AT + timedelta(days=20),
        generated_by="B0001 王主管",
        mask=MaskStrength.PRINT,
        proxy=Proxy(
            Person("赵六", "居民身份证", PROXY_ID, PROXY_PHONE, "上海市徐汇区某某路1号"),
            "配偶",
            "WT-2025-0031",
            True,
            "代为投诉、提交材料、接收处理决定",
            date(2025, 6, 30),
            "投诉人住院治疗，无法到场。",
        ),
        timeline=timeline(12),
        notices=(
            NoticeRecord("受理告知", "当面", RECEIVED_AT, "a3f5" * 16, True),
            NoticeRecord("延期告知", "短信", RECEIVED_AT + timedelta(days=12), "0b1c" * 16, False),
        ),
        decision=Decision(
            "经调取办卡录音，营销人员曾口头承诺首年免年费。",
            "依据领用合约第五条。",
            "同意退还年费680元。",
            remedies_notice(30),
        ),
        satisfaction_label="满意",
        root_cause="营销话术未纳入质检。",
        rectification="已将年费政策纳入营销话术质检清单。",
        recordings=(
            RecordingEntry(f"{CASE_NUMBER}_seg001.mp4", RECEIVED_AT, 1834.4, 268_435_456, "9f86d081" * 8),
        ),
        received_by="A10023 张接待",
    )
    fields.update(overrides)
    return CaseReportData(**fields)


def with_mask(data: CaseReportData, mask: MaskStrength | None) -> CaseReportData:
    return dataclasses.replace(data, mask=mask)
