"""Copy numbers are taken when a copy is counted: two copies built before either went out end as 1 and 2."""

from __future__ import annotations

import subprocess
from pathlib import Path

from app.desk import Desk
from app.services import documents as docs
from app.services.case_actions import print_count
from app.services.identity import Actor
from reports.verification import desk_receipt_key

from .test_cases import _register


def _text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(out.split())


def _build(desk: Desk, actor: Actor, number: str, kind: docs.DocumentKind) -> docs.BuiltDocument:
    with desk.write() as s:
        return docs.build_document(s, desk.rulebook, actor, number, kind, contacts=docs.DeskContacts(),
                                   receipt_key=desk_receipt_key(), layout="80mm")


def test_stale_receipt_is_rebuilt_with_its_real_copy_number(desk: Desk, actors: dict[str, Actor],
                                                            tmp_path: Path) -> None:
    number = _register(desk, actors["1024"])
    actor = actors["1024"]
    a = _build(desk, actor, number, docs.DocumentKind.RECEIPT)
    b = _build(desk, actor, number, docs.DocumentKind.RECEIPT)
    assert a.count == b.count == 1
    first = docs.deliver_copy(desk, actor, a, docs.write_pdf_file(tmp_path / "a.pdf"))
    delivered: list[docs.BuiltDocument] = []

    def to_file(built: docs.BuiltDocument) -> str:
        delivered.append(built)
        return docs.write_pdf_file(tmp_path / "b.pdf")(built)

    second = docs.deliver_copy(desk, actor, b, to_file)
    assert (first.count, second.count) == (1, 2)
    assert delivered[0].count == 2 and delivered[0].layout == "80mm", "rebuilt as copy 2, in the same layout"
    assert "补打" not in _text(tmp_path / "a.pdf") and "第1次打印" in _text(tmp_path / "a.pdf")
    assert "补打（第1次）" in _text(tmp_path / "b.pdf") and "第2次打印" in _text(tmp_path / "b.pdf")
    with desk.read() as s:
        assert print_count(s, number, "receipt") == 2


def test_failed_delivery_counts_nothing_and_frees_the_case(desk: Desk, actors: dict[str, Actor],
                                                           tmp_path: Path) -> None:
    number = _register(desk, actors["1024"])
    actor = actors["1024"]
    built = _build(desk, actor, number, docs.DocumentKind.REPORT)

    def jammed(_built: docs.BuiltDocument) -> str:
        raise OSError("paper jam")

    try:
        docs.deliver_copy(desk, actor, built, jammed)
    except OSError:
        pass
    else:
        raise AssertionError("the failure must reach the caller")
    with desk.read() as s:
        assert print_count(s, number, "report") == 0
    # The lock was let go: the next delivery of the same case goes through at once.
    issued = docs.deliver_copy(desk, actor, built, docs.write_pdf_file(tmp_path / "r.pdf"))
    assert issued.count == 1
