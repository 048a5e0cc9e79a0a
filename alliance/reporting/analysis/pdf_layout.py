"""The PDF page machinery: A4 in DejaVu Sans (shipped with matplotlib, so "é", "−" and "η²"
render), headings that never sit alone at a page foot, paragraphs kept whole, tables, charts."""

from __future__ import annotations

import io
import struct
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import matplotlib
from fpdf import FPDF, FontFace

from alliance.reporting.analysis.words import text

__all__ = ["ACCENT", "BLACK", "GREY", "Doc", "PageContext", "module_page"]

_FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
ACCENT = (0, 84, 147)
GREY = (90, 90, 90)
BLACK = (0, 0, 0)
_NEXT_LINE: dict[str, Any] = {"new_x": "LMARGIN", "new_y": "NEXT"}


class PageContext(Protocol):
    """The fields of the report's context that a module's page reads."""

    analysis: Mapping[str, Any]
    lang: str


class Doc(FPDF):
    """A4 pages in DejaVu Sans with a page-number footer and a few layout helpers."""

    def __init__(self) -> None:
        super().__init__(format="A4")
        for style, file in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf"),
                            ("I", "DejaVuSans-Oblique.ttf")):
            self.add_font("DejaVu", style, str(_FONTS / file))
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_font("DejaVu", size=10)

    def footer(self) -> None:
        self.set_y(-12)
        self.para(f"Coach Alliance · {self.page_no()}", 8, colour=GREY, align="C", keep=False)

    def heading(self, title: str) -> None:
        if self.will_page_break(60):
            self.add_page()
        self.ln(3)
        self.start_section(title)
        self.para(title, 14, "B", ACCENT)

    def para(self, body: str, size: float = 10, style: str = "", colour: tuple = BLACK,
             align: str = "L", boxed: bool = False, keep: bool = True) -> None:
        """A paragraph; with `keep`, moved whole to the next page rather than split across."""
        self.set_font("DejaVu", style, size)
        self.set_text_color(*colour)
        self.set_fill_color(240, 244, 248)
        padding = 3 if boxed else 0
        if keep:
            self._keep_whole(0, size * 0.5, body, padding=padding)
        self.multi_cell(0, size * 0.5, body, align=align, fill=boxed, padding=padding,
                        **_NEXT_LINE)
        self.set_text_color(*BLACK)
        self.set_font("DejaVu", size=10)
        self.ln(1.5)

    def note(self, body: str) -> None:
        self.para(body, 8.5, "I", GREY)

    def bullets(self, items: Sequence[str], size: float = 10) -> None:
        self.set_font("DejaVu", size=size)
        for item in items:
            self._keep_whole(self.epw - 5, size * 0.52, item)
            self.set_x(self.l_margin + 1)
            self.cell(4, size * 0.52, "•")
            self.multi_cell(0, size * 0.52, item, align="L", **_NEXT_LINE)
            self.ln(1)
        self.set_font("DejaVu", size=10)
        self.ln(1)

    def _keep_whole(self, width: float, line: float, body: str, padding: int = 0) -> None:
        """Start a new page if `body` would not fit on this one (no orphan last lines)."""
        height = float(self.multi_cell(  # type: ignore[arg-type]
            width, line, body, padding=padding, dry_run=True, output="HEIGHT"))
        if height < self.eph / 3 and self.will_page_break(height):
            self.add_page()

    def grid(self, rows: Sequence[Sequence[Any]], widths: Sequence[float],
             align: Sequence[str] | None = None) -> None:
        """A table, header first, numbers right-aligned; a short row's last cell spans the rest."""
        self.set_font("DejaVu", size=9)
        header = FontFace(emphasis="BOLD", fill_color=(226, 234, 244))
        align = align or ("LEFT",) + ("RIGHT",) * (len(widths) - 1)
        with self.table(col_widths=widths, text_align=align, line_height=5, padding=(1, 1.5),
                        headings_style=header, width=sum(widths), align="LEFT",
                        borders_layout="HORIZONTAL_LINES") as table:
            for row in rows:
                cells = table.row()
                for i, value in enumerate(row):
                    span = len(widths) - i if i == len(row) - 1 else 1
                    cells.cell(str(value), colspan=span, align="LEFT" if span > 1 else None)
        self.set_font("DejaVu", size=10)
        self.ln(3)

    def chart(self, png: bytes, width: float = 160) -> None:
        pixels_w, pixels_h = struct.unpack(">II", png[16:24])
        if self.will_page_break(width * pixels_h / pixels_w + 2):
            self.add_page()
        self.image(io.BytesIO(png), x=self.l_margin + (self.epw - width) / 2, w=width)
        self.ln(3)


def module_page(doc: Doc, ctx: PageContext, key: str) -> Mapping[str, Any] | None:
    """An optional module's section, on a new page under its heading; None when it is off."""
    section = ctx.analysis.get(key)
    if section is not None:
        doc.add_page()
        doc.heading(text(f"h_{key}", ctx.lang))
    return section
