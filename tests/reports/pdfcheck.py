"""Reading a generated PDF back: text, page sizes, fonts, rendered pages."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pypdf
from pypdf.generic import DictionaryObject


def pdftotext(pdf: bytes, tmp_path: Path, name: str = "doc") -> list[str]:
    """Text of each page via poppler's pdftotext."""
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True)
    return out.stdout.decode("utf-8").split("\f")[: page_count(pdf)]


def pypdf_text(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def squash(text: str) -> str:
    """Text without any whitespace: line breaks land anywhere in CJK text."""
    return re.sub(r"\s+", "", text)


def page_count(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    return [
        (float(p.mediabox.width), float(p.mediabox.height))
        for p in pypdf.PdfReader(io.BytesIO(pdf)).pages
    ]


def render(pdf: bytes, tmp_path: Path, name: str, dpi: int = 72) -> list[Path]:
    """Each page rendered to PNG by pdftoppm."""
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(path), str(tmp_path / name)], check=True)
    return sorted(tmp_path.glob(f"{name}-*.png"))


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def fonts(pdf: bytes) -> dict[str, DictionaryObject]:
    """Every font dictionary the pages use, by BaseFont name."""
    found: dict[str, DictionaryObject] = {}
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        resources = page["/Resources"].get_object()
        assert isinstance(resources, DictionaryObject)
        font_dict = resources.get("/Font")
        if font_dict is None:
            continue
        fonts_here = font_dict.get_object()
        assert isinstance(fonts_here, DictionaryObject)
        for ref in fonts_here.values():
            font = ref.get_object()
            assert isinstance(font, DictionaryObject)
            found[str(font["/BaseFont"])] = font
    return found
