"""Decision letters and notices of stored cases: PDFs read back, copies counted, notices recorded."""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from sqlalchemy import select

from app.cli import main
from app.db.models import AuditEntry
from app.desk import open_desk
from app.domain.rules import load_rules
from tests.cups import SocketPrinter, add_socket_printer, private_cups

from .conftest import intake_dict

ID = "350102197611036003"
PHONE = "13912345678"
CARD = "6222000000000009"
OTHER_PHONE = "15012349876"


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def flat(path: Path) -> str:
    return re.sub(r"\s+", "", pdf_text(path))


@pytest.fixture
def home(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    d = str(tmp_path / "desk")
    assert main(["--data-dir", d, "init", "--branch", "0591", "--branch-name", "福州分行营业部", "--desk", "W01",
                 "--bank-name", "示例银行", "--staff-no", "1024", "--operator-name", "林晓"]) == 0
    assert main(["--data-dir", d, "operator", "add", "--staff-no", "2001", "--name", "王主管",
                 "--role", "supervisor"]) == 0
    f = tmp_path / "case.json"
    complainant = {"name": "欧阳明月", "id_number": ID, "phone": PHONE, "address": "福州市台江区八一七中路1号"}
    f.write_text(json.dumps(intake_dict(complainant=complainant, card_number=CARD,
                                        request=f"退还年费，卡号{CARD}，回电{OTHER_PHONE}"), ensure_ascii=False),
                 encoding="utf-8")
    assert main(["--data-dir", d, "case", "add", "--json", str(f)]) == 0
    capsys.readouterr()
    return d


def _number(home: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--data-dir", home, "case", "list", "--json"]) == 0
    return str(json.loads(capsys.readouterr().out)[0]["number"])


def _events(home: str, number: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(["--data-dir", home, "case", "show", number, "--json"]) == 0
    return list(json.loads(capsys.readouterr().out)["events"])


def _run(home: str, *args: str) -> int:
    return main(["--data-dir", home, *args])


def _decide(home: str, number: str, *, verified: str = "经核实，年费已按合同收取。") -> None:
    assert _run(home, "case", "accept", number) == 0
    assert _run(home, "case", "decide", number, "--verified", verified,
                "--basis", f"依据领用合约第五条。客户卡号{CARD}，身份证{ID}。",
                "--outcome", f"同意减免年费200元，已退回尾号0009的卡片；如有疑问请拨{OTHER_PHONE}。",
                "--remedies", "可向上级行申请核查。") == 0


def _no_sensitive_digits(text: str) -> None:
    for secret in (ID, CARD, PHONE, OTHER_PHONE, ID[:6] + ID[-4:], CARD[:6]):
        assert secret not in text
    assert "欧阳明月" not in text


def test_decision_letter_has_four_sections_review_deadline_and_no_full_personal_data(
        home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    number = _number(home, capsys)
    _decide(home, number)
    out = tmp_path / "decision.pdf"
    assert _run(home, "letter", number, "--kind", "decision", "-o", str(out)) == 0
    text = flat(out)
    assert "投诉处理意见书" in text and number in text
    assert f"（投诉编号{number}）" in text, "the case number in the letter's own wording is not masked"
    for heading in ("核实情况", "依据和理由", "处理结果", "救济途径", "盖章处", "签收", "经办人"):
        assert heading in text
    days = load_rules().review_request_days
    assert f"收到本意见书之日起{days}日内" in text and "书面" in text
    assert "同意减免年费200元" in text
    assert re.search(r"验证码[A-Z2-7]{4}-[A-Z2-7]{4}", text)
    assert "欧阳**：" in text  # the complainant, masked as on the receipt
    _no_sensitive_digits(text)
    assert len(PdfReader(out).pages) >= 1
    assert "补打" not in text


def test_reprint_is_copy_2_marked_bu_da_on_the_timeline(home: str, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    number = _number(home, capsys)
    _decide(home, number)
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    assert _run(home, "letter", number, "--kind", "decision", "-o", str(first)) == 0
    assert _run(home, "letter", number, "--kind", "decision", "-o", str(second)) == 0
    assert "reprint, copy 2" in capsys.readouterr().out
    assert "补打" not in flat(first) and "第1次打印" in flat(first)
    assert "补打" in flat(second) and "第2次打印" in flat(second)
    prints = [e for e in _events(home, number, capsys) if e["kind"] == "print"]
    assert [(e["data"]["document"], e["data"]["count"]) for e in prints] == [  # type: ignore[index]
        ("decision_letter", 1), ("decision_letter", 2)]
    # Audited like the receipt: one audit line per copy, and the chain still verifies.
    assert _run(home, "audit", "verify") == 0
    desk = open_desk(home)
    try:
        with desk.read() as s:
            actions = [a.action for a in s.scalars(select(AuditEntry))]
    finally:
        desk.close()
    assert actions.count("case.print") == 2


@pytest.mark.parametrize("kind", ["decision", "extension", "pause", "declined"])
def test_a_letter_for_a_step_the_case_never_took_exits_2_and_writes_nothing(
        kind: str, home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    number = _number(home, capsys)
    out = tmp_path / "letter.pdf"
    assert _run(home, "letter", number, "--kind", kind, "-o", str(out)) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: kind: ") and "[letter_step_missing]" in err[0]
    assert not out.exists() and not list(tmp_path.glob("letter.pdf*"))
    assert not [e for e in _events(home, number, capsys) if e["kind"] in ("print", "notice")]


def test_extension_notice_has_reason_and_new_date_per_level(home: str, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    number = _number(home, capsys)
    assert _run(home, "case", "accept", number) == 0
    assert _run(home, "case", "extend", number, "--level", "1", "--reason", "需调取异地网点监控录像") == 0
    out = tmp_path / "ext.pdf"
    assert _run(home, "letter", number, "--kind", "extension", "-o", str(out), "--delivered", "post") == 0
    text = flat(out)
    rules = load_rules()
    assert "延期告知书" in text and "需调取异地网点监控录像" in text
    assert f"延长至{rules.first_extension_total_days}日" in text
    capsys.readouterr()
    assert _run(home, "case", "show", number, "--json") == 0
    due = json.loads(capsys.readouterr().out)["due_date"]
    y, m, d = (int(x) for x in due.split("-"))
    assert f"{y}年{m}月{d}日前作出处理决定" in text
    assert _run(home, "--operator", "2001", "case", "extend", number, "--level", "2",
                "--reason", "涉及第三方机构核查", "--approver", "2001") == 0
    out2 = tmp_path / "ext2.pdf"
    assert _run(home, "letter", number, "--kind", "extension", "-o", str(out2)) == 0
    text2 = flat(out2)
    assert f"延长至{rules.second_extension_total_days}日" in text2 and "涉及第三方机构核查" in text2
    assert "上级机构批准" in text2


def test_pause_and_declined_notices_say_why(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    number = _number(home, capsys)
    assert _run(home, "case", "accept", number) == 0
    assert _run(home, "case", "pause", number, "--reason", "签名笔迹送司法鉴定") == 0
    out = tmp_path / "pause.pdf"
    assert _run(home, "letter", number, "--kind", "pause", "-o", str(out)) == 0
    text = flat(out)
    assert "暂停告知书" in text and "签名笔迹送司法鉴定" in text and "不计入处理期限" in text

    f = tmp_path / "case2.json"
    f.write_text(json.dumps(intake_dict(), ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert _run(home, "case", "add", "--json", str(f)) == 0
    other = capsys.readouterr().out.strip()
    assert _run(home, "case", "decline", other, "--reason", "非投诉人本人或其代理人提出") == 0
    out2 = tmp_path / "declined.pdf"
    assert _run(home, "letter", other, "--kind", "declined", "-o", str(out2)) == 0
    text2 = flat(out2)
    assert "不予受理告知书" in text2 and "非投诉人本人或其代理人提出" in text2


def test_delivery_is_a_notice_event_with_channel_and_the_pdf_hash(home: str, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    number = _number(home, capsys)
    _decide(home, number)
    out = tmp_path / "d.pdf"
    assert _run(home, "letter", number, "--kind", "decision", "-o", str(out), "--delivered", "in-person") == 0
    assert "notice recorded" in capsys.readouterr().out
    notices = [e for e in _events(home, number, capsys) if e["kind"] == "notice"]
    assert len(notices) == 1
    data = notices[0]["data"]
    assert isinstance(data, dict)
    assert data["notice"] == "decision" and data["channel"] == "in_person" and data["signed"] is True
    assert data["content_hash"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert notices[0]["reason"] == "投诉处理意见书 第1份，投诉人当面签收"
    out2 = tmp_path / "d2.pdf"
    assert _run(home, "letter", number, "--kind", "decision", "-o", str(out2), "--delivered", "sms") == 0
    notices = [e for e in _events(home, number, capsys) if e["kind"] == "notice"]
    assert notices[-1]["data"]["channel"] == "sms" and notices[-1]["data"]["signed"] is False  # type: ignore[index]


def test_a_long_decision_flows_onto_further_pages_with_header_and_footer(
        home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    number = _number(home, capsys)
    long_text = "\n".join(f"第{i}项：经调阅交易流水、通话录音及网点监控，核实客户于当日办理的业务情况。" * 3
                          for i in range(1, 60))
    _decide(home, number, verified=long_text)
    out = tmp_path / "long.pdf"
    assert _run(home, "letter", number, "--kind", "decision", "-o", str(out)) == 0
    reader = PdfReader(out)
    pages = len(reader.pages)
    assert pages >= 3
    for i, page in enumerate(reader.pages, start=1):
        text = re.sub(r"\s+", "", page.extract_text())
        assert number in text and f"第{i}页共{pages}页" in text and "验证码" in text
    whole = flat(out)
    assert "第59项" in whole and "盖章处" in whole and "救济途径" in whole


def test_unknown_kind_is_a_usage_error(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    number = _number(home, capsys)
    assert _run(home, "letter", number, "--kind", "apology", "-o", str(tmp_path / "x.pdf")) == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.fixture(scope="module")
def cups_server() -> Iterator[str]:
    with private_cups() as server:
        yield server


@pytest.fixture
def cups(cups_server: str) -> Iterator[str]:
    """The private scheduler; libcups keeps the server it found per thread, so it is told too."""
    import cups as pycups

    pycups.setServer(cups_server)
    try:
        yield cups_server
    finally:
        pycups.setServer("")  # empty: libcups reads CUPS_SERVER again next time, as a fresh process would


def test_print_letter_through_cups_records_an_in_person_notice(home: str, cups: str, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("CUPS_SERVER", cups)
    printer = SocketPrinter()
    try:
        add_socket_printer(cups, "DeskLetters", printer.port)
        number = _number(home, capsys)
        _decide(home, number)
        capsys.readouterr()
        assert _run(home, "print", number, "--letter", "decision", "--printer", "DeskLetters",
                    "--timeout", "20") == 0
        assert "printer:DeskLetters" in capsys.readouterr().out
        assert printer.received.wait(10)
        job = printer.jobs[0]
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(job)).pages)
        assert "投诉处理意见书" in re.sub(r"\s+", "", text)
        events = _events(home, number, capsys)
        assert [e["data"]["document"] for e in events if e["kind"] == "print"] == [  # type: ignore[index]
            "decision_letter"]
        notice = next(e["data"] for e in events if e["kind"] == "notice")
        assert isinstance(notice, dict)
        assert notice["channel"] == "in_person" and notice["signed"] is True
        assert notice["content_hash"] == hashlib.sha256(job).hexdigest()
    finally:
        printer.close()


def test_print_letter_for_a_missing_step_exits_2_before_printing(home: str, cups: str,
                                                                  monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("CUPS_SERVER", cups)
    printer = SocketPrinter()
    try:
        add_socket_printer(cups, "DeskLetters2", printer.port)
        number = _number(home, capsys)
        assert _run(home, "print", number, "--letter", "declined", "--printer", "DeskLetters2") == 2
        assert "[letter_step_missing]" in capsys.readouterr().err
        assert not printer.jobs
    finally:
        printer.close()
