"""A plan file that expands inside its reader: refused at the parse child's limit, this process untouched."""

from __future__ import annotations

import resource

import pytest

from devzone.core import files
from devzone.core.tests import hostile
from devzone.plans.readers import read_source
from devzone.plans.schema import PlanParseError

MiB = 1024 * 1024


def test_a_pdf_deflate_bomb_is_refused_and_this_process_keeps_its_memory() -> None:
    """No zip to look into: the 1,000 : 1 page stream is seen only by inflating it, so only the child
    limits can stop it (in the server, 20 MB of it would take some 40 GB)."""
    bomb = hostile.pdf_bomb(megabytes=300)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    limits = files.Limits(parse_memory_bytes=250 * MiB)
    with pytest.raises(PlanParseError, match=r"^炸弹\.pdf：文件解析时超出内存上限"):
        read_source(bomb, source="炸弹.pdf", limits=limits)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024
