"""The acknowledgement receipt, read back from the PDF the customer is handed."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from reports.data import ReceiptData
from reports.receipt import ROLL_WIDTH, build_receipt, receipt_qr_payload
from reports.verification import canonical_received_at
from tests.reports import pdfcheck
from tests.reports.samples import (
    CASE_NUMBER,
    DUE_TEXT,
    FULL_CARD,
    FULL_ID,
    FULL_PHONE,
    receipt,
)

LAYOUTS = ("a4", "a5", "80mm")
# (width, height) in points; None: fitted to the content.
PAGE_POINTS = {"a4": (595.28, 841.89), "a5": (419.53, 595.28), "80mm": (226.77, None)}


@pytest.fixture(scope="module")
def built() -> dict[str, bytes]:
    return {layout: build_receipt(receipt(), layout) for layout in LAYOUTS}  # type: ignore[arg-type]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_text_carries_case_number_due_date_and_labels(built: dict[str, bytes], layout: str, tmp_path: Path) -> None:
    for pages in (pdfcheck.pdftotext(built[layout], tmp_path), pdfcheck.pypdf_text(built[layout])):
        text = pdfcheck.squash("".join(pages))
        for expected in (
            "受理回执", "投诉编号", CASE_NUMBER, "受理时间", "2025年3月5日14:32", "处理时限", DUE_TEXT,
            "第十八条", "进度查询", "95588", "021-63210000", "救济途径", "30日内", "上一级机构",
            "调解", "仲裁", "诉讼", "投诉人签字", "接待员工号", "A10023", "验证码",
            "中国某某银行信用卡中心", "上海分中心黄浦投诉接待点", "D-03",
        ):
            assert expected in text, (layout, expected)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_personal_data_is_masked_for_print(built: dict[str, bytes], layout: str, tmp_path: Path) -> None:
    text = pdfcheck.squash("".join(pdfcheck.pdftotext(built[layout], tmp_path)))
    assert FULL_ID not in text and FULL_ID[:6] + FULL_ID[6:14] not in text
    assert FULL_CARD not in text and FULL_CARD[:6] not in text
    assert FULL_PHONE not in text
    assert "张三丰" not in text
    assert "张**" in text
    assert "138****8000" in text
    assert "5678" in text  # the card's last four stay so the customer recognises it
    # Raw bytes too: nothing hides the numbers in metadata or uncompressed streams.
    assert FULL_ID.encode() not in built[layout] and FULL_CARD.encode() not in built[layout]


def test_organisation_name_is_not_cut_to_a_surname(tmp_path: Path) -> None:
    pdf = build_receipt(receipt(complainant_name="上海某某贸易有限公司", complainant_is_organisation=True), "a5")
    assert "上海某某贸易有限公司" in pdfcheck.squash("".join(pdfcheck.pdftotext(pdf, tmp_path)))


def test_no_internal_flags_can_reach_a_receipt(built: dict[str, bytes], tmp_path: Path) -> None:
    names = {f.name for f in dataclasses.fields(ReceiptData)}
    assert not any(word in name for name in names for word in ("flag", "risk", "proxy", "agent"))
    for pdf in built.values():
        text = "".join(pdfcheck.pdftotext(pdf, tmp_path))
        assert "代理" not in text and "风险" not in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_page_size_of_each_layout(built: dict[str, bytes], layout: str, tmp_path: Path) -> None:
    pdf = built[layout]
    assert pdfcheck.page_count(pdf) == 1
    [(width, height)] = pdfcheck.page_sizes(pdf)
    want_w, want_h = PAGE_POINTS[layout]
    assert width == pytest.approx(want_w, abs=0.1)
    if want_h is not None:
        assert height == pytest.approx(want_h, abs=0.1)
    [png] = pdfcheck.render(pdf, tmp_path, layout, dpi=72)
    px_w, px_h = pdfcheck.png_size(png)
    assert abs(px_w - width) <= 1 and abs(px_h - height) <= 1


def test_roll_receipt_is_as_tall_as_its_content(built: dict[str, bytes], tmp_path: Path) -> None:
    import numpy as np
    from PIL import Image

    pdf = built["80mm"]
    [(width, height)] = pdfcheck.page_sizes(pdf)
    assert width == pytest.approx(ROLL_WIDTH)
    assert 300 < height < 900
    [png] = pdfcheck.render(pdf, tmp_path, "roll", dpi=72)
    pixels = np.asarray(Image.open(png).convert("L"))
    inked = np.flatnonzero((pixels < 128).any(axis=1))
    blank_below = pixels.shape[0] - 1 - int(inked[-1])
    assert blank_below < 40, "paper wasted below the last line"
    assert inked[0] < 40, "paper wasted above the first line"


def test_long_request_still_fits_one_roll_page(tmp_path: Path) -> None:
    pdf = build_receipt(receipt(request_summary="要求退还年费并赔偿损失。" * 200), "80mm")
    assert pdfcheck.page_count(pdf) == 1
    text = pdfcheck.squash("".join(pdfcheck.pdftotext(pdf, tmp_path)))
    assert "详见投诉登记" in text  # shortened visibly, not silently


@pytest.mark.parametrize("layout", LAYOUTS)
def test_qr_code_decodes_to_case_number_and_code(built: dict[str, bytes], layout: str, tmp_path: Path) -> None:
    cv2 = pytest.importorskip("cv2")
    [png] = pdfcheck.render(built[layout], tmp_path, f"qr-{layout}", dpi=200)
    value, _points, _raw = cv2.QRCodeDetector().detectAndDecode(cv2.imread(str(png)))
    data = receipt()
    assert value == f"CDR2|{CASE_NUMBER}|{canonical_received_at(data.received_at)}|{data.verification_code}"
    assert value == receipt_qr_payload(data)
    text = pdfcheck.squash("".join(pdfcheck.pdftotext(built[layout], tmp_path)))
    code = data.verification_code
    assert f"{code[:4]}-{code[4:]}" in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_reprint_is_marked_with_its_count(layout: str, tmp_path: Path) -> None:
    first = pdfcheck.squash("".join(pdfcheck.pdftotext(build_receipt(receipt(print_count=1), layout), tmp_path)))  # type: ignore[arg-type]
    assert "补打" not in first and "第1次打印" in first
    third = pdfcheck.squash("".join(pdfcheck.pdftotext(build_receipt(receipt(print_count=3), layout), tmp_path)))  # type: ignore[arg-type]
    assert "补打（第2次）" in third and "第3次打印" in third


def test_fonts_are_embedded_and_subset(built: dict[str, bytes]) -> None:
    for layout, pdf in built.items():
        fonts = pdfcheck.fonts(pdf)
        assert fonts, layout
        for name, font in fonts.items():
            assert re.fullmatch(r"/[A-Z]{6}\+\S+", name), (layout, name)
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, (layout, name)  # type: ignore[operator]
            assert "/ToUnicode" in font, (layout, name)


def test_metadata_names_document_branch_and_time() -> None:
    import io

    import pypdf

    from tests.reports.samples import RECEIVED_AT

    pdf = build_receipt(receipt(), "a4", created_at=RECEIVED_AT)
    meta = pypdf.PdfReader(io.BytesIO(pdf)).metadata
    assert meta is not None
    assert meta.title == f"投诉受理回执 {CASE_NUMBER}"
    assert meta.author is not None and "上海分中心黄浦投诉接待点" in meta.author
    assert meta.subject is not None and CASE_NUMBER in meta.subject
    assert str(meta["/CreationDate"]) == "D:20250305143210+08'00'"


def test_legal_limit_shown_only_when_rolled(tmp_path: Path) -> None:
    from datetime import date

    rolled = build_receipt(receipt(legal_limit=date(2025, 3, 21)), "a5")
    assert "顺延至2025年3月21日" in pdfcheck.squash("".join(pdfcheck.pdftotext(rolled, tmp_path)))
    same = build_receipt(receipt(legal_limit=date(2025, 3, 20)), "a5")
    assert "顺延" not in "".join(pdfcheck.pdftotext(same, tmp_path))


def test_naive_time_and_bad_layout_are_refused() -> None:
    from datetime import datetime

    from app.errors import DeskError

    with pytest.raises(DeskError):
        receipt(received_at=datetime(2025, 3, 5, 14, 32))
    with pytest.raises(ValueError):
        build_receipt(receipt(), "letter")  # type: ignore[arg-type]
