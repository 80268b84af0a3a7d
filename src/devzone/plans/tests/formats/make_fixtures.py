"""Build the input-format fixtures beside this file from two tuning documents (run it again to rebuild).

    PYTHONPATH=src python src/devzone/plans/tests/formats/make_fixtures.py

Needs LibreOffice (``soffice``), ``pdftoppm`` (poppler-utils) and Pillow. The texts come from
``../real/tuning/`` only (never the blind set); README.md names the published sources.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
TUNING = HERE.parent / "real" / "tuning"
PROSE = "huangshigang_2023_fenjie"  # numbered items, owners in (责任单位:…) notes
TABLE = "huoshan_kaifaqu_qingdan_2025"  # a 序号/重点工作/责任领导/责任单位/完成时限 table

_STYLE = "body{font-family:'Noto Sans CJK SC';font-size:14pt} p{text-indent:2em;margin:0}"
_WEB_CHROME = (
    "<script>var _hmt=_hmt||[];document.write('统计代码');</script><style>.nav{color:red}</style>"
    "<nav><a href='/'>首页</a> | <a href='/zwgk'>政务公开</a> | <a href='/tzgg'>通知公告</a></nav>"
)


def _paragraphs(stem: str) -> list[str]:
    return [line.strip() for line in (TUNING / f"{stem}.txt").read_text("utf-8").splitlines() if line.strip()]


def _table(stem: str) -> tuple[str, list[list[str]]]:
    """The title line and the rows of a one-cell-per-line copy whose cells end in " |"."""
    title, *cells = _paragraphs(stem)
    values = [c.removesuffix("|").strip() for c in cells]
    width = 5
    return title, [values[i : i + width] for i in range(0, len(values), width)]


def prose_html(*, charset: str = "utf-8", chrome: bool = False) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(PROSE))
    extra = _WEB_CHROME if chrome else ""
    return (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f"<title>通知公告</title><style>{_STYLE}</style></head><body>{extra}{body}</body></html>"
    )


def table_html(*, chrome: bool = False) -> str:
    title, rows = _table(TABLE)
    head, *body = rows
    cells = "".join(f"<th>{html.escape(c)}</th>" for c in head)
    trs = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in body)
    extra = _WEB_CHROME if chrome else ""
    return (
        '<html><head><meta charset="utf-8"><title>责任清单</title>'
        f"<style>{_STYLE} table{{border-collapse:collapse}} td,th{{border:1px solid #000}}</style></head>"
        f'<body>{extra}<p>{html.escape(title)}</p><table border="1" cellspacing="0" width="100%">'
        f"<tr>{cells}</tr>{trs}</table></body></html>"
    )


def _soffice(source: Path, target: str, out: Path) -> Path:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(  # noqa: S603
            [
                shutil.which("soffice") or "soffice",
                "--headless",
                "--norestore",
                "--infilter=HTML (StarWriter)",  # open the page in Writer, not Writer/Web (no .rtf/.doc there)
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--convert-to",
                target,
                "--outdir",
                str(out),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    return out / f"{source.stem}.{target.split(':', maxsplit=1)[0]}"


_ENCRYPT = (
    'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
    '"DocumentOpenPassword":{"type":"string","value":"devzone"}}'
)


def main() -> None:
    # the saved web pages: GB2312-labelled prose with site chrome, and a UTF-8 page with a <table>
    (HERE / f"{PROSE}.html").write_bytes(prose_html(charset="gb2312", chrome=True).encode("gb18030"))
    (HERE / f"{TABLE}.html").write_text(table_html(chrome=True), "utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        prose = work / f"{PROSE}.html"
        prose.write_text(prose_html(), "utf-8")
        table = work / f"{TABLE}.html"
        table.write_text(table_html(), "utf-8")
        for target, suffix in (
            ("pdf:writer_pdf_Export", "pdf"),
            ("odt", "odt"),
            ("rtf", "rtf"),
            ("doc:MS Word 97", "doc"),
        ):
            made = _soffice(prose, target, work / suffix)
            shutil.copy(made, HERE / f"{PROSE}.{suffix}")
        shutil.copy(_soffice(table, "pdf:writer_pdf_Export", work / "tpdf"), HERE / f"{TABLE}.pdf")
        encrypted = _soffice(prose, _ENCRYPT, work / "enc")
        shutil.copy(encrypted, HERE / f"{PROSE}.encrypted.pdf")
        # a scan: the first page as a picture only, no text layer
        subprocess.run(  # noqa: S603
            [
                shutil.which("pdftoppm") or "pdftoppm",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                "-png",
                str(HERE / f"{PROSE}.pdf"),
                str(work / "p"),
            ],
            check=True,
            timeout=60,
        )
        page = next(work.glob("p*.png"))
        Image.open(page).convert("RGB").save(HERE / f"{PROSE}.scan.pdf", "PDF", resolution=60)


if __name__ == "__main__":
    main()
