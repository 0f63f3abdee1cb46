"""The archived case report, read back from its PDF."""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import pypdf
import pytest

from app.domain.masking import MaskStrength
from reports.case_report import build_case_report, report_fingerprint
from reports.data import CaseReportData, Organisation, Person, TimelineEntry
from tests.reports import pdfcheck
from tests.reports.samples import (
    CASE_NUMBER,
    DUE_TEXT,
    FULL_CARD,
    FULL_ID,
    FULL_PHONE,
    PROXY_ID,
    PROXY_PHONE,
    RECEIVED_AT,
    case,
    timeline,
    with_mask,
)

LABELS = (
    "投诉处理档案", "投诉编号", "案件状态", "受理时间", "一、投诉人", "代理人及授权委托", "授权委托书编号",
    "二、被投诉方", "三、投诉分类", "办理渠道", "业务类别", "投诉原因", "诉求类型", "四、投诉请求、事实与理由",
    "事实经过", "五、处理时限", "延期记录", "中止计时", "六、告知记录", "七、处理决定", "核实情况",
    "依据和理由", "处理结果", "救济途径", "八、满意度回访与溯源整改", "九、处理过程记录", "十、录音录像",
    "文档指纹",
)


@pytest.fixture(scope="module")
def standard() -> bytes:
    return build_case_report(case())


def _text(pdf: bytes, tmp_path: Path) -> str:
    return pdfcheck.squash("".join(pdfcheck.pdftotext(pdf, tmp_path)))


def test_every_section_and_value_is_printed(standard: bytes, tmp_path: Path) -> None:
    text = _text(standard, tmp_path)
    for expected in (
        *LABELS, CASE_NUMBER, DUE_TEXT, "2025年3月21日", "处理中（已延期）", "A01", "营业现场", "B03", "银行卡",
        "C05", "信息披露", "D02", "减免息费/罚息", "desk-2025.1", "需调取办卡录音核实承诺内容", "王主管（B0001）",
        "2025年4月4日", "录音鉴定", "2025年3月10日", "a3f5" * 16, "已签收", "同意退还年费680元", "满意",
        "营销话术未纳入质检", "第12条处理记录", f"{CASE_NUMBER}_seg001.mp4", "9f86d081" * 8, "30:34", "256.0MB",
        "WT-2025-0031", "投诉人住院治疗，无法到场", "李四", "C2031", "A10023张接待",
    ):
        assert expected in text, expected
    assert "第十八条" in _text(standard, tmp_path)
    assert "".join(pdfcheck.pypdf_text(standard)).count(CASE_NUMBER) >= 2


def test_every_page_has_header_and_footer(tmp_path: Path) -> None:
    pdf = build_case_report(case(timeline=timeline(120)))
    pages = pdfcheck.pdftotext(pdf, tmp_path)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        flat = pdfcheck.squash(page)
        assert f"第{number}页共{len(pages)}页" in flat
        assert f"投诉编号{CASE_NUMBER}" in flat
        assert "上海分中心黄浦投诉接待点" in flat
        assert "生成时间2025-03-2514:32" in flat
    # The timeline table repeats its header row on the pages it continues to.
    assert sum("时间事项操作人内容" in pdfcheck.squash(p) for p in pages) >= 2


def test_fingerprint_is_printed_on_the_last_page_only(tmp_path: Path) -> None:
    data = case(timeline=timeline(80))
    pdf = build_case_report(data)
    pages = [pdfcheck.squash(p) for p in pdfcheck.pdftotext(pdf, tmp_path)]
    fingerprint = report_fingerprint(data)
    assert re.fullmatch(r"[0-9a-f]{64}", fingerprint)
    assert fingerprint in pages[-1]
    assert not any(fingerprint in p for p in pages[:-1])


def test_fingerprint_follows_the_content() -> None:
    data = case()
    assert report_fingerprint(data) == report_fingerprint(case())
    assert report_fingerprint(dataclasses.replace(data, facts=data.facts + "补充。")) != report_fingerprint(data)
    assert report_fingerprint(with_mask(data, None)) != report_fingerprint(data)


def test_masked_fingerprint_does_not_depend_on_hidden_digits() -> None:
    """Otherwise the printed hash would let a reader brute-force the masked ID digits."""
    a = case()
    assert isinstance(a.complainant, Person)
    # Same first 6 and last 4, different birth date and sequence: identical once masked.
    other_id = FULL_ID[:6] + "19800101" + FULL_ID[14:]
    b = dataclasses.replace(a, complainant=dataclasses.replace(a.complainant, id_number=other_id))
    for mask in (MaskStrength.PRINT, MaskStrength.SCREEN):
        assert report_fingerprint(with_mask(a, mask)) == report_fingerprint(with_mask(b, mask))
    assert report_fingerprint(with_mask(a, None)) != report_fingerprint(with_mask(b, None))


@pytest.mark.parametrize("mask", [MaskStrength.PRINT, MaskStrength.SCREEN])
def test_masked_report_never_shows_full_numbers(mask: MaskStrength, tmp_path: Path) -> None:
    pdf = build_case_report(with_mask(case(), mask))
    text = _text(pdf, tmp_path)
    for secret in (FULL_ID, PROXY_ID, FULL_CARD, FULL_PHONE, PROXY_PHONE):
        assert secret not in text, secret
        assert secret.encode() not in pdf
    assert "138****8000" in text
    if mask is MaskStrength.SCREEN:
        assert "110105********002X" in text and "622588******5678" in text
    else:
        assert "**************002X" in text and "************5678" in text
        assert "欧阳明华" not in text and "欧阳**" in text


def test_unmasked_report_is_marked_on_every_page(tmp_path: Path) -> None:
    pdf = build_case_report(with_mask(case(), None))
    pages = pdfcheck.pdftotext(pdf, tmp_path)
    assert FULL_ID in pdfcheck.squash("".join(pages))
    assert all("含未脱敏个人信息" in p for p in pages)


def test_long_facts_flow_across_pages_without_clipping(tmp_path: Path) -> None:
    sentences = [f"第{i:04d}句：投诉人陈述当日在柜台办理分期业务时工作人员的解释与合同条款不一致。" for i in range(560)]
    facts = "".join(sentences)
    assert len(facts) >= 20_000
    short = build_case_report(case())
    long = build_case_report(case(facts=facts))
    assert pdfcheck.page_count(long) >= pdfcheck.page_count(short) + 8

    pages = pdfcheck.pdftotext(long, tmp_path)
    total = len(pages)
    # Remove each page's header and footer so a sentence cut by a page break reads whole.
    header_footer = re.compile(
        rf"投诉处理档案·中国某某银行信用卡中心上海分中心黄浦投诉接待点|投诉编号{CASE_NUMBER}"
        rf"|生成时间2025-03-2514:32·生成人B0001王主管|第\d+页共{total}页"
    )
    body = "".join(header_footer.sub("", pdfcheck.squash(p)) for p in pages)
    missing = [s for s in sentences if s not in body]
    assert not missing, f"{len(missing)} sentences clipped, e.g. {missing[:2]}"


def test_two_hundred_events_and_a_huge_entry_all_print(tmp_path: Path) -> None:
    huge = "这是一条非常长的处理记录。" * 700  # longer than a page: must become continuation rows
    events = timeline(200) + (TimelineEntry(RECEIVED_AT, "备注", "A1000", huge),)
    pdf = build_case_report(case(timeline=events))
    text = _text(pdf, tmp_path)
    for i in (1, 57, 133, 200):
        assert f"第{i}条处理记录" in text
    assert text.count("这是一条非常长的处理记录。") == 700


def test_organisation_and_representatives(tmp_path: Path) -> None:
    reps = tuple(Person(f"代表{i}", "居民身份证", f"11010519800101{i:03d}8", f"1390000{i:04d}") for i in range(1, 6))
    data = case(
        complainant=Organisation("上海某某贸易有限公司", "91310101MA1FL0XX1X", "钱七", "021-63218888", "上海市黄浦区"),
        representatives=reps,
        proxy=None,
        recordings=(),
        decision=None,
        notices=(),
    )
    text = _text(build_case_report(data), tmp_path)
    for expected in ("上海某某贸易有限公司", "91310101MA1FL0XX1X", "钱*", "集体投诉代表人（5人）", "代*",
                     "本案无录音录像记录", "尚未作出处理决定", "尚无告知记录"):
        assert expected in text, expected
    assert "110105198001010058" not in text and "代表5" not in text


def test_a4_pages_render_at_a4_size(standard: bytes, tmp_path: Path) -> None:
    pngs = pdfcheck.render(standard, tmp_path, "report", dpi=72)
    assert len(pngs) == pdfcheck.page_count(standard)
    for png in pngs:
        width, height = pdfcheck.png_size(png)
        assert abs(width - 595.28) <= 1 and abs(height - 841.89) <= 1


def test_fonts_are_embedded_and_subset(standard: bytes) -> None:
    fonts = pdfcheck.fonts(standard)
    assert len(fonts) >= 2
    for name, font in fonts.items():
        assert re.fullmatch(r"/[A-Z]{6}\+\S+", name), name
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, name  # type: ignore[operator]


def test_metadata(standard: bytes) -> None:
    meta = pypdf.PdfReader(io.BytesIO(standard)).metadata
    assert meta is not None
    assert meta.title == f"投诉处理档案 {CASE_NUMBER}"
    assert meta.author is not None and "上海分中心黄浦投诉接待点" in meta.author
    assert meta.subject is not None and "处理中" in meta.subject
    assert str(meta["/CreationDate"]) == "D:20250325143210+08'00'"


def test_report_data_refuses_naive_times() -> None:
    from datetime import datetime

    from app.errors import DeskError

    with pytest.raises(DeskError):
        case(generated_at=datetime(2025, 3, 25, 10, 0))
    assert isinstance(case(), CaseReportData)
