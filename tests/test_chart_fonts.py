"""Charts in reports find the CJK font even when matplotlib's font cache was built before it was installed.

matplotlib scans the system's fonts once and keeps the list in a cache file; on a machine where the
server ran before ``fonts-noto-cjk`` was installed (``make run`` first, system packages later), the
cache lists no CJK font and every chart label prints as boxes. The test builds such a cache for real:
a full scan, then the CJK entries taken out as if the fonts had come afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from matplotlib import font_manager

SRC = Path(__file__).resolve().parents[1] / "src"
CJK = [p for p in font_manager.findSystemFonts() if "cjk" in Path(p).name.lower()]


def _python(code: str, cache_dir: Path) -> str:
    env = {**os.environ, "MPLCONFIGDIR": str(cache_dir), "PYTHONPATH": str(SRC)}
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300, check=True
    ).stdout


@pytest.mark.skipif(not CJK and not os.environ.get("CI"), reason="no CJK font installed (CI installs one)")
def test_a_font_cache_from_before_the_cjk_fonts_still_gives_charts_a_cjk_font(tmp_path: Path) -> None:
    _python("from matplotlib import font_manager; font_manager.fontManager", tmp_path)
    (cache,) = tmp_path.glob("fontlist-*.json")
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["ttflist"] = [f for f in data["ttflist"] if "CJK" not in f["name"]]
    cache.write_text(json.dumps(data), encoding="utf-8")
    stale = _python(
        "from matplotlib import font_manager; print(sorted({f.name for f in font_manager.fontManager.ttflist}))",
        tmp_path,
    )
    assert "CJK" not in stale  # the cache is stale as on such a machine

    chosen = json.loads(
        _python("import json; from devzone.core.figures import fonts; print(json.dumps(fonts()))", tmp_path)
    )

    assert chosen[0] == "Noto Sans CJK SC"
    assert chosen[-1] == "DejaVu Sans"
