"""Rebuild the derived import fixtures from the seeds: python tests/data/import/make_fixtures.py

- text/ba-ria-vung-tau-2023-bom-crlf.txt: seed 003 saved by Notepad (UTF-8 with BOM, CRLF).
- text/ba-ria-vung-tau-2022-nfd.txt: seed 000 pasted from Word (NFD, decomposed).
- html/hoi-nghi-mien-trung-2011-cp1258.html: seed 004 as an old table-layout page in
  Windows-1258, written the way real cp1258 files are: base letters with their breve,
  circumflex or horn precomposed (ă â ê ô ơ ư), tone marks as combining characters.
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


if __name__ == "__main__":
    main()
