"""Personal data never reaches paper whole: receipts and masked reports built, printed to PDF, read back."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.masking import MaskStrength
from reports.case_report import build_case_report
from reports.data import ComplainedParty, Decision, Person, TimelineEntry
from reports.receipt import build_receipt
from tests.pii_forms import WrittenNumber, sentences, shows
from tests.reports import pdfcheck
from tests.reports.samples import DESK, RECEIVED_AT, case, receipt

# Each example builds a real PDF: a handful keeps the test to seconds (the detector
# itself is tried on thousands of examples in tests/app/domain/test_pii_text.py).
PDF_EXAMPLES = settings(max_examples=12, deadline=None,
                        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _read_back(pdf: bytes, tmp_path: Path) -> str:
    # pdftotext breaks lines anywhere; shows() joins digits across spaces and line breaks.
    return "\n".join(pdfcheck.pdftotext(pdf, tmp_path)) + "\n" + "\n".join(pdfcheck.pypdf_text(pdf))


@PDF_EXAMPLES
@given(sentence=sentences(count=3), layout=st.sampled_from(["a4", "a5", "80mm"]))
def test_no_receipt_ever_prints_a_full_number(sentence: tuple[str, list[WrittenNumber]], layout: str,
                                              tmp_path: Path) -> None:
    text, numbers = sentence
    pdf = build_receipt(receipt(request_summary=text), layout)  # type: ignore[arg-type]
    printed = _read_back(pdf, tmp_path)
    assert pdfcheck.page_count(pdf) == 1
    for number in numbers:
        assert not shows(printed, number.digits), (text, printed)
        assert number.digits.encode() not in pdf


@PDF_EXAMPLES
@given(sentence=sentences(count=4), mask=st.sampled_from([MaskStrength.SCREEN, MaskStrength.PRINT]))
def test_no_masked_report_ever_prints_a_full_number(sentence: tuple[str, list[WrittenNumber]], mask: MaskStrength,
                                                    tmp_path: Path) -> None:
    text, numbers = sentence
    base = case(mask=mask)
    data = dataclasses.replace(
        base,
        request=text, facts=f"事实：{text}", grounds=text,
        complained_party=ComplainedParty(f"机构{text}", f"网点{text}", f"员工{text}"),
        timeline=(TimelineEntry(RECEIVED_AT, "备注", "A1001", text),),
        decision=Decision(text, text, text, text),
        root_cause=text, rectification=text,
        representatives=(Person(f"王{text}", "居民身份证", "", "", f"地址{text}"),),
    )
    pdf = build_case_report(data)
    printed = _read_back(pdf, tmp_path)
    for number in numbers:
        assert not shows(printed, number.digits), (text, number)


def test_receipt_prints_the_common_forms_masked(tmp_path: Path) -> None:
    request = ("本人身份证350102-19761103-6003，手机+86 138 0013 8000，"
               "卡号6222\u30000212\u30003456\u30007890被盗刷，备用0086-139-1234-5678。")
    printed = pdfcheck.squash(_read_back(build_receipt(receipt(request_summary=request), "a5"), tmp_path))
    for full in ("350102197611036003", "13800138000", "6222021234567890", "13912345678"):
        assert not shows(printed, full)
    assert "**************6003" in printed and "138****8000" in printed and "************7890" in printed


@pytest.mark.parametrize("name", ["买买提·艾力江", "阿卜杜热西提·买买提", "欧阳娜娜娜"])
def test_long_person_names_are_masked_on_the_receipt(name: str, tmp_path: Path) -> None:
    printed = pdfcheck.squash(_read_back(build_receipt(receipt(complainant_name=name), "a5"), tmp_path))
    assert name not in printed
    assert f"投诉人{name[0]}" in printed and "*" in printed.split("投诉人", 1)[1][:3]


def test_organisation_names_stay_whole_on_the_receipt(tmp_path: Path) -> None:
    pdf = build_receipt(receipt(complainant_name="福州某某贸易", complainant_is_organisation=True), "a5")
    assert "福州某某贸易" in pdfcheck.squash(_read_back(pdf, tmp_path))


def test_long_person_names_are_masked_in_a_masked_report(tmp_path: Path) -> None:
    data = case(complainant=Person("买买提·艾力江", "居民身份证", "11010519491231002X", "13800138000"))
    printed = pdfcheck.squash("".join(pdfcheck.pdftotext(build_case_report(data), tmp_path)))
    assert "买买提·艾力江" not in printed and "买**·***" in printed


@pytest.mark.parametrize(("hotline", "contact", "expected", "absent"), [
    ("", "", "请向受理网点（上海分中心黄浦投诉接待点）咨询办理进度。", ("客服热线", "受理网点：")),
    ("95588", "", "客服热线：95588。查询时", ("受理网点：",)),
    ("", "021-63210000", "受理网点：021-63210000。查询时", ("客服热线",)),
    ("  ", "上海市黄浦区南京东路100号。", "受理网点：上海市黄浦区南京东路100号。查询时", ("客服热线",)),
])
def test_receipt_never_prints_an_empty_contact_slot(hotline: str, contact: str, expected: str,
                                                    absent: tuple[str, ...], tmp_path: Path) -> None:
    desk = dataclasses.replace(DESK, hotline=hotline, branch_contact=contact)
    for layout in ("a4", "a5", "80mm"):
        printed = pdfcheck.squash(_read_back(build_receipt(receipt(desk=desk), layout), tmp_path))  # type: ignore[arg-type]
        assert expected in printed, layout
        for word in absent:
            assert word not in printed, (layout, word)
        assert "：；" not in printed and "：。" not in printed and "。。" not in printed


@pytest.mark.parametrize("request_text", [
    "要求退还年费并赔偿损失。" * 17,  # 204 characters: cut to 200
    "要求退还年费。\n" * 40,
    "W" * 199,  # wide Latin letters: 199 characters fill more lines than 200 Chinese ones
    "请求" + "m" * 198,
])
@pytest.mark.parametrize("layout", ["a4", "a5"])
def test_long_request_keeps_the_footer_on_the_one_page(request_text: str, layout: str, tmp_path: Path) -> None:
    pdf = build_receipt(receipt(request_summary=request_text), layout)  # type: ignore[arg-type]
    assert pdfcheck.page_count(pdf) == 1
    [page] = pdfcheck.pdftotext(pdf, tmp_path)
    text = pdfcheck.squash(page)
    assert "投诉请求" in text and "投诉人签字" in text and "本回执仅证明您的投诉已被受理" in text
    assert text.index("投诉请求") < text.index("救济途径") < text.index("投诉人签字")


def test_a_request_cut_to_fit_says_so(tmp_path: Path) -> None:
    pdf = build_receipt(receipt(request_summary="W" * 199), "a5")
    text = pdfcheck.squash("".join(pdfcheck.pdftotext(pdf, tmp_path)))
    assert "…（详见投诉登记）" in text
    assert "W" * 40 in text, "as much of the request as fits is kept"


def _title_top(pdf: bytes, tmp_path: Path) -> float:
    """How far down the page (points) the receipt's title 投诉受理回执 starts."""
    import re
    import subprocess

    path = tmp_path / "bbox.pdf"
    path.write_bytes(pdf)
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True,
                           text=True).stdout
    match = re.search(r'yMin="([0-9.]+)"[^>]*>投诉受理回执<', boxes)
    assert match is not None
    return float(match.group(1))


def test_without_a_bank_name_the_branch_heads_the_receipt(tmp_path: Path) -> None:
    with_bank = build_receipt(receipt(), "a5")
    without = build_receipt(receipt(desk=dataclasses.replace(DESK, bank_name="")), "a5")
    [page] = pdfcheck.pdftotext(without, tmp_path)
    first = [line for line in page.splitlines() if line.strip()][0]
    assert first.strip() == DESK.branch_name
    # No empty line is left where the bank name would stand: the title moves up.
    assert _title_top(without, tmp_path) < _title_top(with_bank, tmp_path) - 8
