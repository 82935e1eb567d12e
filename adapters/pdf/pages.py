"""Counting a PDF's pages (what the print partner is told and charges by)."""

from __future__ import annotations

import io

from pypdf import PdfReader


def count_pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)
