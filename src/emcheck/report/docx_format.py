"""GB/T 9704-2012 page setup, styles and tables for python-docx documents.

A4; margins top 37 / left 28 / right 26 / bottom 35 mm; body 3号 仿宋_GB2312 with a
2-character first-line indent on a fixed 28.95 pt line (22 lines a page); title 2号
方正小标宋简体 (宋体 when missing); headings 一、/（一）/1./（1） in 黑体/楷体/仿宋/仿宋;
page numbers "— N —" in 4号 宋体, odd pages right and even pages left, one character in.
East Asian fonts are written to ``w:rFonts/@w:eastAsia`` (theme fonts removed), since a
Latin font name alone leaves Chinese text in whatever the theme says.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section, _Footer
from docx.shared import Length, Mm, Pt
from docx.styles.style import ParagraphStyle

LATIN = "Times New Roman"
FANGSONG = "仿宋_GB2312"
KAITI = "楷体_GB2312"
HEITI = "黑体"
SONGTI = "宋体"
XIAOBIAOSONG = "方正小标宋简体"

SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号
SIZE_4 = Pt(14)  # 四号
SIZE_TABLE = Pt(10.5)  # 五号
SIZE_SMALL = Pt(9)  # 小五
LINE = Pt(28.95)  # 22 lines on a 225 mm text block
TABLE_LINE = Pt(13.5)

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
TEXT_WIDTH = Mm(210 - 28 - 26)
LANDSCAPE_TEXT_WIDTH = Mm(297 - 37 - 35)
SIGNATURE_TAB = Mm(90)
"""Where the right half of a signature line (the date) starts."""


@dataclass(frozen=True)
class StyleSpec:
    """A paragraph style: fonts, size and paragraph layout."""

    east_asia: str
    size: Pt
    bold: bool = False
    indent_chars: int = 2
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY
    line: Pt = LINE
    keep_with_next: bool = False
    right_indent_chars: int = 0
    latin: str = LATIN


BODY = StyleSpec(FANGSONG, SIZE_3)
STYLES: dict[str, StyleSpec] = {
    "Normal": BODY,
    "Title": StyleSpec(
        XIAOBIAOSONG, SIZE_2, indent_chars=0, align=WD_ALIGN_PARAGRAPH.CENTER, line=Pt(36)
    ),
    "Heading 1": StyleSpec(HEITI, SIZE_3, keep_with_next=True),
    "Heading 2": StyleSpec(KAITI, SIZE_3, keep_with_next=True),
    "Heading 3": StyleSpec(FANGSONG, SIZE_3, bold=True, keep_with_next=True),
    "Heading 4": StyleSpec(FANGSONG, SIZE_3, keep_with_next=True),
    "Footer": StyleSpec(SONGTI, SIZE_4, indent_chars=0, line=Pt(18), latin=SONGTI),
    "EM Plain": StyleSpec(FANGSONG, SIZE_3, indent_chars=0, align=WD_ALIGN_PARAGRAPH.LEFT),
    "EM Centered": StyleSpec(FANGSONG, SIZE_3, indent_chars=0, align=WD_ALIGN_PARAGRAPH.CENTER),
    "EM Closing": StyleSpec(
        FANGSONG, SIZE_3, indent_chars=0, align=WD_ALIGN_PARAGRAPH.RIGHT, right_indent_chars=4
    ),
    "EM Note": BODY,
    "EM Signature": StyleSpec(
        FANGSONG, SIZE_3, indent_chars=0, align=WD_ALIGN_PARAGRAPH.LEFT, keep_with_next=True
    ),
    "EM Label": StyleSpec(HEITI, SIZE_3, indent_chars=0, align=WD_ALIGN_PARAGRAPH.LEFT),
    "EM Small": StyleSpec(
        FANGSONG, SIZE_SMALL, indent_chars=0, align=WD_ALIGN_PARAGRAPH.LEFT, line=TABLE_LINE
    ),
    "EM Caption": StyleSpec(
        HEITI, SIZE_4, indent_chars=0, align=WD_ALIGN_PARAGRAPH.CENTER, keep_with_next=True
    ),
    "EM Table Text": StyleSpec(
        FANGSONG, SIZE_TABLE, indent_chars=0, align=WD_ALIGN_PARAGRAPH.LEFT, line=TABLE_LINE
    ),
    "EM Table Header": StyleSpec(
        HEITI, SIZE_TABLE, indent_chars=0, align=WD_ALIGN_PARAGRAPH.CENTER, line=TABLE_LINE
    ),
}
FONT_FALLBACKS = {XIAOBIAOSONG: SONGTI, FANGSONG: "仿宋", KAITI: "楷体"}
"""Font-table alternatives Word uses where the GB2312-era fonts are not installed."""


def set_up(document: DocumentObject) -> None:
    """Page, styles, fonts and page numbers for a new, empty document."""
    _page(document.sections[0])
    _defaults(document)
    for name, spec in STYLES.items():
        _style(document, name, spec)
    _font_fallbacks(document)
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(document.sections[0].footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(document.sections[0].even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)


def start_section(document: DocumentObject, landscape: bool) -> Length:
    """A new section on a new page, landscape or portrait; returns its text width.

    A landscape page is the portrait page turned so that its binding edge is on top:
    margins top 28 / right 37 / bottom 26 / left 35 mm. Footers carry on from before.
    """
    section = document.add_section(WD_SECTION_START.NEW_PAGE)
    _page(section, landscape)
    return LANDSCAPE_TEXT_WIDTH if landscape else TEXT_WIDTH


def _page(section: Section, landscape: bool = False) -> None:
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = PAGE_HEIGHT, PAGE_WIDTH
        section.top_margin, section.bottom_margin = MARGINS["left"], MARGINS["right"]
        section.left_margin, section.right_margin = MARGINS["bottom"], MARGINS["top"]
        section.header_distance, section.footer_distance = Mm(10), Mm(10)
        return
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.header_distance = Mm(15)
    # The page number's top edge sits about 7 mm below the text block.
    section.footer_distance = Mm(22)


def _defaults(document: DocumentObject) -> None:
    """docDefaults: no theme fonts, Chinese as the East Asian language, no paragraph gap."""
    styles = document.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, FANGSONG, LATIN)
    rpr.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    spacing = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))[0]
    spacing.set(qn("w:after"), "0")


def set_fonts(rpr: BaseOxmlElement, east_asia: str, latin: str = LATIN) -> None:
    """Name the fonts on ``w:rFonts``, East Asian included, and drop theme-font attributes."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for attribute, name in (("w:ascii", latin), ("w:hAnsi", latin), ("w:cs", latin)):
        fonts.set(qn(attribute), name)
    fonts.set(qn("w:eastAsia"), east_asia)


def _style(document: DocumentObject, name: str, spec: StyleSpec) -> None:
    styles = document.styles
    style = (
        styles[name]
        if name in [s.name for s in styles]
        else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    )
    assert isinstance(style, ParagraphStyle)
    if style.name.startswith("EM "):
        style.base_style = styles["Normal"]
    font = style.font
    font.size, font.bold, font.italic = spec.size, spec.bold, False
    rpr = style.element.get_or_add_rPr()
    set_fonts(rpr, spec.east_asia, spec.latin)
    _drop(rpr, "w:color")
    ppr = style.element.get_or_add_pPr()
    _drop(ppr, "w:pBdr")
    layout = style.paragraph_format
    layout.alignment = spec.align
    layout.space_before = layout.space_after = Pt(0)
    layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    layout.line_spacing = spec.line
    layout.keep_with_next = spec.keep_with_next
    # 公文 pages run full (22 lines): no widow/orphan control pushing lines over.
    layout.widow_control = False
    layout.right_indent = Pt(spec.size.pt * spec.right_indent_chars)
    _indent_chars(style, spec.indent_chars, spec.size)
    if name == "EM Signature":
        layout.tab_stops.add_tab_stop(SIGNATURE_TAB)


def _indent_chars(style: ParagraphStyle, chars: int, size: Pt) -> None:
    """First-line indent in characters (``w:firstLineChars``), with the same in points."""
    style.paragraph_format.first_line_indent = Pt(size.pt * chars)
    ind = style.element.get_or_add_pPr().find(qn("w:ind"))
    if ind is not None:
        ind.set(qn("w:firstLineChars"), str(chars * 100))


def _drop(parent: BaseOxmlElement, tag: str) -> None:
    for child in parent.findall(qn(tag)):
        parent.remove(child)


def _font_fallbacks(document: DocumentObject) -> None:
    """Font-table entries naming an alternative (``w:altName``) for fonts often missing.

    python-docx keeps the font table as raw bytes, so the entries are added to its XML.
    """
    part = next(
        (r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable")),
        None,
    )
    if part is None:
        return
    fonts = parse_xml(part.blob)
    for name, alternative in FONT_FALLBACKS.items():
        font = OxmlElement("w:font", {qn("w:name"): name})
        for tag, value in (("w:altName", alternative), ("w:charset", "86"), ("w:family", "roman")):
            font.append(OxmlElement(tag, {qn("w:val"): value}))  # charset 86: GB2312
        fonts.append(font)
    part._blob = serialize_part_xml(fonts)


def _page_number(footer: _Footer, align: WD_ALIGN_PARAGRAPH) -> None:
    """ "— N —" with a PAGE field, one character in from the outer edge."""
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = "Footer"
    paragraph.alignment = align
    layout = paragraph.paragraph_format
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        layout.right_indent = SIZE_4
    else:
        layout.left_indent = SIZE_4
    paragraph.add_run("— ")
    for inner in _PAGE_FIELD:
        paragraph._p.append(parse_xml(f"<w:r {nsdecls('w')}>{inner}</w:r>"))
    paragraph.add_run(" —")


_PAGE_FIELD = (
    '<w:fldChar w:fldCharType="begin"/>',
    '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
    '<w:fldChar w:fldCharType="separate"/>',
    "<w:t>1</w:t>",
    '<w:fldChar w:fldCharType="end"/>',
)
"""The runs of a PAGE field; "1" is what shows until the field is updated."""
