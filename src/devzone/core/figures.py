"""Charts drawn into documents (.docx reports): a CJK font and PNG bytes, with matplotlib's object API.

No pyplot and no global backend, so drawing is safe in a web server's threads; pure (no Django).
"""

from __future__ import annotations

import io
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from matplotlib import font_manager, rc_context
from matplotlib.figure import Figure

CJK_FONTS = ("Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Zen Hei", "SimHei", "Microsoft YaHei")


def _add_installed_cjk() -> None:
    """Add CJK font files matplotlib's font cache does not know. The cache is built once, at the first
    import; fonts installed after that (``make run`` before ``apt-get install fonts-noto-cjk``) would
    otherwise never be seen, and every chart would print boxes for Chinese."""
    for path in font_manager.findSystemFonts():
        name = Path(path).name.lower()
        if "cjk" in name or name.startswith(("wqy", "simhei", "msyh")):
            font_manager.fontManager.addfont(path)


def fonts() -> list[str]:
    """The installed CJK fonts in order of preference, then DejaVu Sans for Latin text."""
    names = {f.name for f in font_manager.fontManager.ttflist}
    if not names & set(CJK_FONTS):
        _add_installed_cjk()
        names = {f.name for f in font_manager.fontManager.ttflist}
    return [n for n in CJK_FONTS if n in names] + ["DejaVu Sans"]


def chart_style() -> AbstractContextManager[Any]:
    """Matplotlib settings for Chinese labels (a CJK font; an ASCII minus sign every font has)."""
    return rc_context({"font.family": fonts(), "axes.unicode_minus": False})


def png(fig: Figure) -> io.BytesIO:
    """The figure as PNG bytes, rewound for python-docx's ``add_picture``."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    buf.seek(0)
    return buf
