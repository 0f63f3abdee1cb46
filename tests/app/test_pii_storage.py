"""Card data never stored in free text, and no full ID or phone on a masked screen: through the real CLI."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.domain.card import REMOVED
from app.services.intake import CaseIntake, PartyInput, scrub_free_text
from tests.pii_forms import shows

from .conftest import intake_dict

CARD = "6222021234567890128"  # Luhn-valid, 19 digits
CARD_FORMS = [
    "6222\u30000212\u30003456\u30007890\u3000128",  # ideographic spaces
    "６２２２－０２１２－３４５６－７８９０－１２８",  # full-width digits and hyphens
    "6222\u00a00212\u200b3456 7890.128",  # no-break and zero-width spaces, a dot
    "622202/1234567890128",
    "6222 – 0212 – 3456 – 7890 – 128",  # en dashes with spaces
]
ID = "350102197611036003"
PHONE = "13800138000"


def _form(i: int) -> str:
    return CARD_FORMS[i % len(CARD_FORMS)]


@pytest.fixture
def home(tmp_path: Path) -> str:
    d = str(tmp_path / "desk")
    assert main(["--data-dir", d, "init", "--branch", "0591", "--branch-name", "福州分行营业部", "--desk", "w01",
                 "--staff-no", "1024", "--operator-name", "林晓"]) == 0
    for staff, name, role in (("1025", "王敏", "receptionist"), ("2048", "陈主管", "supervisor")):
        assert main(["--data-dir", d, "operator", "add", "--staff-no", staff, "--name", name,
                     "--role", role]) == 0
    return d


def _texts(value: str) -> list[str]:
    """The value, and every string inside it when it is JSON (event data, audit details are JSON
    with \\u escapes, which would hide a number from a plain text search)."""
    out = [value]
    if value[:1] in "{[":
        try:
            tree = json.loads(value)
        except ValueError:
            return out
        stack = [tree]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                out.append(item)
            elif isinstance(item, dict):
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
    return out


def _every_stored_text(home: str) -> list[str]:
    """Every text value in every table of the store, read with plain sqlite3."""
    db = sqlite3.connect(Path(home) / "desk.sqlite3")
    try:
        found: list[str] = []
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in db.execute(f'SELECT * FROM "{table}"'):
                for v in row:
                    if isinstance(v, (str, bytes)):
                        found.extend(_texts(v if isinstance(v, str) else v.decode("utf-8", "replace")))
        return found
    finally:
        db.close()


def _run(home: str, *args: str) -> None:
    assert main(["--data-dir", home, *args]) == 0, args


def _walk_a_case_with_card_data_everywhere(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    data: dict[str, Any] = intake_dict(
        complainant={"name": "张三", "id_number": "11010519491231002X", "phone": PHONE,
                     "address": f"福州市鼓楼区五四路100号（卡{_form(0)}）"},
        request=f"要求退还盗刷款。卡号{_form(1)}，密码 123456，CVV 321，有效期 12/28",
        facts=f"投诉人（身份证{ID[:6]}-{ID[6:14]}-{ID[14:]}，电话+86 138 0013 8000）称卡{_form(2)}被盗刷。",
        grounds=f"卡{_form(3)}的交易密码：654321",
        complained_institution=f"鼓楼支行（卡{_form(4)}）",
        proxy={"name": "李四", "id_number": "110105194912310038", "phone": "13900139000",
               "relation": f"配偶，卡{_form(0)}", "absence_reason": f"住院，卡{_form(1)}",
               "poa_reference": f"WT-{_form(2)}", "poa_signed_original": True},
    )
    f = tmp_path / "case.json"
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    _run(home, "case", "add", "--json", str(f))
    number = capsys.readouterr().out.strip()
    _run(home, "case", "accept", number, "--reason", f"受理，卡{_form(3)}")
    _run(home, "case", "pause", number, "--reason", f"鉴定，卡{_form(4)} 密码 111222")
    _run(home, "case", "resume", number, "--reason", f"恢复，卡{_form(0)}")
    _run(home, "case", "extend", number, "--level", "1", "--reason", f"复杂，卡{_form(1)}")
    _run(home, "case", "note", number, "--text", f"回访，卡{_form(2)}，CVN2：987")
    _run(home, "case", "new-facts", number, "--facts", f"补充，卡{_form(3)}")
    _run(home, "case", "hand-over", number, "--to", "1025", "--reason", f"移交，卡{_form(4)}")
    _run(home, "--operator", "1025", "case", "decide", number, "--verified", f"核实卡{_form(0)}",
         "--basis", f"依据卡{_form(1)}", "--outcome", f"退还卡{_form(2)}", "--remedies", f"救济卡{_form(3)}")
    _run(home, "--operator", "1025", "case", "close", number, "--root-cause", f"溯源卡{_form(4)}",
         "--rectification", f"整改卡{_form(0)}", "--satisfaction", "satisfied", "--surveyed-by", "2048",
         "--survey-note", f"回访卡{_form(1)} 有效期１２／２８")
    capsys.readouterr()
    return number


def test_no_card_number_or_secret_is_stored_in_any_field(home: str, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    _walk_a_case_with_card_data_everywhere(home, tmp_path, capsys)
    stored = _every_stored_text(home)
    assert not [t for t in stored if shows(t, CARD)], "a full card number was stored"
    for secret in ("123456", "654321", "111222", "321", "987", "1228"):
        assert not [t for t in stored if ("密码" in t or "CVV" in t or "CVN" in t or "有效期" in t)
                    and shows(t.replace("12/28", "1228").replace("１２／２８", "1228"), secret)
                    and REMOVED not in t], secret
    everything = "\n".join(stored)
    assert everything.count("622202*********0128") >= 20, "card numbers are kept masked (first 6, last 4)"
    # ID numbers and phones in free text are the complainant's own facts: stored as typed.
    assert f"{ID[:6]}-{ID[6:14]}-{ID[14:]}" in everything and "+86 138 0013 8000" in everything


def test_plain_case_show_masks_ids_and_phones_in_free_text(home: str, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    number = _walk_a_case_with_card_data_everywhere(home, tmp_path, capsys)
    for extra in ([], ["--json"]):
        assert main(["--data-dir", home, "case", "show", number, *extra]) == 0
        out = capsys.readouterr().out
        for full in (ID, PHONE, "11010519491231002X", "110105194912310038", "13900139000"):
            assert not shows(out, full), (extra, full)
        assert "350102********6003" in out and "138****8000" in out
    # Revealed (a supervisor, with a reason, audited): the facts as stored.
    assert main(["--data-dir", home, "--operator", "2048", "case", "show", number, "--json", "--reveal",
                 "--reason", f"核对身份，卡{_form(2)}"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert f"{ID[:6]}-{ID[6:14]}-{ID[14:]}" in shown["facts"]
    # The reveal's reason goes to the audit log: scrubbed like every other free text.
    assert not [t for t in _every_stored_text(home) if shows(t, CARD)]


def test_names_and_staff_are_scrubbed_too() -> None:
    person = PartyInput(name=f"王五{CARD}", legal_representative=f"赵{CARD}", inheritance_proof=f"继承{CARD}")
    intake = CaseIntake(complainant=person, channel="A01", business="B0302", reason="C05", demand="D02",
                        request="r", facts="f", complained_staff=f"员工{CARD}", representatives=(person,))
    clean = scrub_free_text(intake)
    texts = [clean.complained_staff, clean.complainant.name, clean.complainant.legal_representative,
             clean.complainant.inheritance_proof, clean.representatives[0].name]
    assert all(CARD not in t and "622202*********0128" in t for t in texts)
    assert clean.scrubbed == ("card_number",)
