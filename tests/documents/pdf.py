"""Converting .docx to PDF with LibreOffice, and reading the PDF back with poppler, for the tests
that check how a document prints. Both are Debian packages (libreoffice-writer-nogui,
poppler-utils) that CI does not install: the tests using them skip where they are absent."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")
needs_office = pytest.mark.skipif(
    not (SOFFICE and POPPLER), reason="LibreOffice (soffice) and poppler-utils are not installed"
)


def to_pdf(docx: Path) -> Path:
    """`docx` printed to PDF by LibreOffice, beside it."""
    assert SOFFICE is not None
    profile = docx.parent / "lo-profile"  # a private profile: no clash with a running LibreOffice
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(docx.parent),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = docx.with_suffix(".pdf")
    assert pdf.is_file(), f"LibreOffice made no PDF of {docx}"
    return pdf


def pages(pdf: Path) -> list[str]:
    """The text of each page, laid out as printed."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True).stdout
    return text.decode("utf-8").split("\f")[:-1]


def info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True).stdout.decode()
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def lines(page: str) -> list[str]:
    """The page's lines of text, without blank ones and without spaces pdftotext put between glyphs."""
    return [line.strip().replace(" ", "") for line in page.splitlines() if line.strip()]
