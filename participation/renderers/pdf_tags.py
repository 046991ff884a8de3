"""Table tags WeasyPrint leaves short of PDF/UA-1, mended after the PDF is written.

WeasyPrint tags an HTML table as Table → [THead, Table → Table → … → Caption, TBody] and its
header cells without a /Scope. PDF/UA-1 (ISO 14289-1, 7.5) wants the Caption as the first
child of its Table and a Scope on every TH, so that a screen reader names the table and
says which header a cell belongs to. The fix moves each Caption up, drops the empty wrappers
and gives TH /Scope /Column in a THead, /Row elsewhere.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator

import pikepdf
from pikepdf import Array, Dictionary, Name


def _kids(element: Dictionary) -> list[Dictionary]:
    found = element.get("/K")
    if isinstance(found, Array):
        return [kid for kid in found if isinstance(kid, Dictionary)]
    return [found] if isinstance(found, Dictionary) else []


def _tagged(element: Dictionary) -> bool:
    return "/S" in element


def _elements(element: Dictionary) -> Iterator[Dictionary]:
    """Every structure element below `element`, depth first, parents before children."""
    for kid in _kids(element):
        if _tagged(kid):
            yield kid
            yield from _elements(kid)


def _caption_in(wrapper: Dictionary) -> Dictionary | None:
    """The Caption at the end of a chain of Table wrappers with nothing else in them."""
    element = wrapper
    while element.get("/S") == Name.Table:
        kids = [kid for kid in _kids(element) if _tagged(kid)]
        if len(kids) != 1:
            return None
        element = kids[0]
    return element if element.get("/S") == Name.Caption else None


def _mend_table(table: Dictionary) -> None:
    kids = table.get("/K")
    if not isinstance(kids, Array):
        return
    for index, kid in enumerate(list(kids)):
        caption = _caption_in(kid) if isinstance(kid, Dictionary) and _tagged(kid) else None
        if caption is None:
            continue
        del kids[index]
        caption.P = table
        kids.insert(0, caption)
        return


def _scope_headers(element: Dictionary, in_head: bool = False) -> None:
    """Every TH below `element`: /Column under a THead, /Row elsewhere."""
    for kid in _kids(element):
        if not _tagged(kid):
            continue
        if kid.get("/S") == Name.TH:
            attributes = kid.get("/A")
            if not isinstance(attributes, Dictionary):
                attributes = Dictionary(O=Name.Table)
                kid.A = attributes
            attributes.Scope = Name.Column if in_head else Name.Row
        _scope_headers(kid, in_head or kid.get("/S") == Name.THead)


def _join_split_captions(tables: list[Dictionary]) -> None:
    """A caption left at the foot of a page, its table on the next: one Table again (the
    structure is the reading order, not the page)."""
    for alone, following in itertools.pairwise(tables):
        kids = [kid for kid in _kids(alone) if _tagged(kid)]
        if [kid.get("/S") for kid in kids] != [Name.Caption]:
            continue
        if any(kid.get("/S") == Name.Caption for kid in _kids(following)):
            continue
        caption = kids[0]
        rest = following.get("/K")
        following.K = Array([caption, *(rest if isinstance(rest, Array) else [rest])])
        caption.P = following
        parent = alone.get("/P")
        siblings = parent.get("/K") if isinstance(parent, Dictionary) else None
        if isinstance(siblings, Array):
            for index, sibling in enumerate(list(siblings)):
                if isinstance(sibling, Dictionary) and sibling.objgen == alone.objgen:
                    del siblings[index]
                    break


def mend_tables(pdf: bytes) -> bytes:
    """The PDF with each table's Caption first in its Table and a Scope on each TH."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        tree = document.Root.get("/StructTreeRoot")
        if not isinstance(tree, Dictionary):  # an untagged PDF: nothing to mend
            return pdf
        tables = [e for e in _elements(tree) if e.get("/S") == Name.Table]
        outer = [t for t in tables if t.get("/P", Dictionary()).get("/S") != Name.Table]
        for table in outer:
            _mend_table(table)
            _scope_headers(table)
        _join_split_captions(outer)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
