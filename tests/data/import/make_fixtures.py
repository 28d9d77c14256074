"""Rebuild the derived import fixtures from the seeds: python tests/data/import/make_fixtures.py

- text/ba-ria-vung-tau-2023-bom-crlf.txt: seed 003 saved by Notepad (UTF-8 with BOM, CRLF).
- text/ba-ria-vung-tau-2022-nfd.txt: seed 000 pasted from Word (NFD, decomposed).
- html/hoi-nghi-mien-trung-2011-cp1258.html: seed 004 as an old table-layout page in
  Windows-1258, written the way real cp1258 files are: base letters with their breve,
  circumflex or horn precomposed (ă â ê ô ơ ư), tone marks as combining characters.
- corpus/thai-binh-2012-cp1258.html: a corpus page (THAI_BINH_PAGE below) in Windows-1258.
- corpus/*_files/: the photos of the corpus pages saved with "Save page as… (complete)",
  small JPEG/PNG/GIF/WebP images made with Pillow, each a different colour (so no two are
  the same file), plus the stylesheets and scripts a browser saves beside them.
"""

from __future__ import annotations

import html
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent / "seeds"
TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258_bytes(text: str) -> bytes:
    """``text`` encoded as Windows-1258 software writes it (tones decomposed)."""
    out: list[str] = []
    tones: list[str] = []
    for ch in unicodedata.normalize("NFD", text) + "\x00":
        if unicodedata.combining(ch) and out:
            if ch in TONE_MARKS:
                tones.append(ch)
            else:
                out[-1] = unicodedata.normalize("NFC", out[-1] + ch)  # ă â ê ô ơ ư
            continue
        out.extend(tones)  # the tone after its letter, as cp1258 text has it
        tones = []
        out.append(ch)
    return "".join(out[:-1]).encode("cp1258")


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def cp1258_page() -> str:
    lines = [ln.strip() for ln in seed("004").splitlines() if ln.strip()]
    title, dateline, lead, *paragraphs = lines
    paragraphs = [p for p in paragraphs if p not in ("Quảng cáo",)]
    theo = paragraphs.pop()
    body = "\n".join(f"<P align=justify>{html.escape(p)}</P>" for p in paragraphs)
    return f"""<HTML>
<HEAD>
<META http-equiv="Content-Type" content="text/html; charset=windows-1258">
<meta charset="windows-1258">
<TITLE>{html.escape(title)}</TITLE>
<SCRIPT language=javascript>function openWin(u){{window.open(u)}}</SCRIPT>
</HEAD>
<BODY bgcolor=#ffffff>
<TABLE width=980 align=center>
<TR><TD colspan=2><IMG src="images/banner.jpg" alt="logo"></TD></TR>
<TR>
<TD width=200 valign=top class=menu>
<A href="index.asp">Trang chủ</A><BR>
<A href="gioithieu.asp">Giới thiệu</A><BR>
<A href="tintuc.asp">Tin tức</A><BR>
<A href="lienhe.asp">Liên hệ</A>
</TD>
<TD valign=top>
<TABLE width="100%">
<TR><TD class=title><FONT size=4 color=#003366><B>{html.escape(title)}</B></FONT></TD></TR>
<TR><TD><SPAN class=date>{html.escape(dateline)}</SPAN></TD></TR>
<TR><TD>
<P align=justify><B>{html.escape(lead)}</B></P>
{body}
<P align=right><I>{html.escape(theo)}</I></P>
</TD></TR>
</TABLE>
<P><A href="javascript:window.print()">In bài</A> | <A href="javascript:openWin('guibai.asp')">Gửi email</A></P>
<P><FONT color=red>Quảng cáo</FONT></P>
<P><B>Các tin khác:</B></P>
<UL><LI><A href="tin.asp?id=1">Hội nghị tập huấn khuyến công năm 2011</A></LI></UL>
</TD>
</TR>
<TR><TD colspan=2 align=center>Bản quyền thuộc Sở Công Thương. Ghi rõ nguồn khi phát hành lại.</TD></TR>
</TABLE>
</BODY>
</HTML>
"""


# A page of an old portal of Sở Công Thương Thái Bình saved by Internet Explorer ("Web page,
# complete"): Windows-1258, <font> markup, photos in thai-binh-2012-cp1258_files/ with
# percent-encoded (UTF-8) names in the page.
THAI_BINH_PAGE = """<HTML>
<HEAD>
<META http-equiv=Content-Type content="text/html; charset=windows-1258">
<TITLE>So Cong Thuong Thai Binh</TITLE>
</HEAD>
<BODY>
<TABLE cellSpacing=0 cellPadding=0 width=960 align=center border=0>
<TR><TD colSpan=2><IMG src="thai-binh-2012-cp1258_files/banner.gif" width=960></TD></TR>
<TR>
<TD vAlign=top width=180 class=menutrai>
<P><A href="http://sct.thaibinh.gov.vn/">Trang chủ</A></P>
<P><A href="http://sct.thaibinh.gov.vn/gioithieu">Giới thiệu</A></P>
<P><A href="http://sct.thaibinh.gov.vn/khuyencong">Khuyến công</A></P>
<P><B>Thống kê truy cập</B><BR>Số lượt truy cập: 345.678</P>
</TD>
<TD vAlign=top>
<TABLE width="100%">
<TR><TD class=tieu_de><FONT face=Arial color=#990000 size=4><B>Khai mạc Hội chợ triển lãm hàng công nghiệp nông thôn tiêu biểu tỉnh Thái Bình năm 2012</B></FONT></TD></TR>
<TR><TD><SPAN class=ngay>Ngày 12/4/2012</SPAN></TD></TR>
<TR><TD>
<P align=justify><FONT face=Arial size=2>Ngày 10/4/2012, tại Trung tâm Hội chợ triển lãm tỉnh, Sở Công Thương Thái Bình khai mạc Hội chợ triển lãm hàng công nghiệp nông thôn tiêu biểu tỉnh Thái Bình năm 2012 với 150 gian hàng của 90 doanh nghiệp, cơ sở.</FONT></P>
<P align=center><IMG height=300 src="thai-binh-2012-cp1258_files/image001.jpg" width=450></P>
<P align=center><FONT face=Arial size=2><I>Lãnh đạo tỉnh cắt băng khai mạc hội chợ</I></FONT></P>
<P align=justify><FONT face=Arial size=2>Hội chợ giới thiệu các sản phẩm thủ công mỹ nghệ như chiếu cói, thêu ren, mây tre đan, đồ gỗ, cùng nhiều sản phẩm cơ khí, chế biến nông sản của các làng nghề trong tỉnh.</FONT></P>
<P align=center><IMG height=300 src="thai-binh-2012-cp1258_files/%E1%BA%A2nh%20h%E1%BB%99i%20ch%E1%BB%A3.jpg" width=450></P>
<P align=center><FONT face=Arial size=2><I>Khách tham quan gian hàng chiếu cói Hới</I></FONT></P>
<P align=justify><FONT face=Arial size=2>Hội chợ diễn ra đến hết ngày 15/4/2012, là dịp để các cơ sở quảng bá sản phẩm, tìm kiếm đối tác và mở rộng thị trường tiêu thụ.</FONT></P>
<P align=right><FONT face=Arial size=2><B>Người viết: Phạm Thu Hà</B></FONT></P>
<P align=right><FONT face=Arial size=2>Nguồn: Sở Công Thương Thái Bình</FONT></P>
</TD></TR>
<TR><TD><A href="javascript:window.print()">In trang</A> | <A href="javascript:history.back()">Quay lại</A></TD></TR>
</TABLE>
</TD>
</TR>
</TABLE>
</BODY>
</HTML>
"""

# corpus/<page>_files/<name>: (format, colour). Files that are not photos are written as text.
CORPUS_FILES = {
    "quang-nam-2019-joomla_files": {
        "tap-huan-1.jpg": ("JPEG", (200, 40, 40)),
        "Tập huấn 2.JPG": ("JPEG", (40, 200, 40)),
        "logo.png": ("PNG", (40, 40, 200)),
        "template.css": "body { margin: 0 }\n",
        "jquery.min.js": "/* jQuery */\n",
    },
    "dong-nai-2023-wordpress_files": {
        "binh-chon-san-pham-1024x683.jpg": ("JPEG", (200, 200, 40)),
        "style.css": "body { margin: 0 }\n",
        "jquery.min.js": "/* jQuery */\n",
    },
    "long-an-2018-khong-ngay_files": {
        "banner.jpg": ("JPEG", (10, 10, 10)),
        "doan-cong-tac.jpg": ("JPEG", (200, 40, 200)),
        "trao-doi.jpg": ("JPEG", (40, 200, 200)),
    },
    "tra-vinh-2014-anh_files": {
        "logo.gif": ("GIF", (250, 250, 250)),
        "lop-det-chieu.jpg": ("JPEG", (120, 60, 30)),
        "hoc-vien.jpg": ("JPEG", (30, 60, 120)),
        "san-pham.jpg": ("JPEG", (60, 120, 30)),
    },
    "phu-tho-2026-sau-sap-nhap_files": {
        "may-che-nan.webp": ("WEBP", (90, 140, 60)),
    },
    "Trang chi tiết_files": {  # hung-yen-2019-hai-ngay.html, renamed after it was saved
        "banner-hungyen.jpg": ("JPEG", (5, 60, 5)),
        "may-det-tham.jpg": ("JPEG", (150, 90, 200)),
        "may-det-tham.webp": ("WEBP", (150, 90, 200)),
        "site.css": "body { margin: 0 }\n",
    },
    "quang-binh-2019-thang-chu_files": {
        "hoi-thao-300x200.jpg": ("JPEG", (70, 70, 160)),
    },
    "an-giang-2013-nhieu-anh_files": {  # gian-hang-3.jpg was not saved
        "gian-hang-1.jpg": ("JPEG", (220, 120, 20)),
        "gian-hang-2.jpg": ("JPEG", (20, 120, 220)),
    },
    "thai-binh-2012-cp1258_files": {
        "banner.gif": ("GIF", (0, 0, 128)),
        "image001.jpg": ("JPEG", (128, 0, 0)),
        "Ảnh hội chợ.jpg": ("JPEG", (0, 128, 0)),
    },
}


def image_bytes(fmt: str, colour: tuple[int, int, int]) -> bytes:
    """A small image of one colour with a diagonal line (Pillow is used only here)."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (48, 32), colour)
    ImageDraw.Draw(image).line((0, 0, 47, 31), fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def write_corpus_files() -> None:
    corpus = HERE / "corpus"
    (corpus / "thai-binh-2012-cp1258.html").write_bytes(cp1258_bytes(THAI_BINH_PAGE))
    for folder, files in CORPUS_FILES.items():
        (corpus / folder).mkdir(exist_ok=True)
        for name, spec in files.items():
            path = corpus / folder / name
            if isinstance(spec, str):
                path.write_text(spec, encoding="utf-8")
            else:
                path.write_bytes(image_bytes(*spec))


def main() -> None:
    (HERE / "text").mkdir(exist_ok=True)
    (HERE / "html").mkdir(exist_ok=True)
    text = seed("003").replace("\n", "\r\n")
    (HERE / "text" / "ba-ria-vung-tau-2023-bom-crlf.txt").write_bytes(
        b"\xef\xbb\xbf" + text.encode("utf-8")
    )
    (HERE / "text" / "ba-ria-vung-tau-2022-nfd.txt").write_bytes(
        unicodedata.normalize("NFD", seed("000")).encode("utf-8")
    )
    (HERE / "html" / "hoi-nghi-mien-trung-2011-cp1258.html").write_bytes(
        cp1258_bytes(cp1258_page())
    )
    write_corpus_files()


if __name__ == "__main__":
    main()
