"""How pages name an instansi and an SOP where names repeat: agencies often share a name
(every kabupaten has its Satuan Polisi Pamong Praja), and so do SOPs of different agencies
(or a revoked SOP and the new one that replaces it)."""

from __future__ import annotations

from ..model import Catalogue, Instansi, Sop

GOVERNMENT_PREFIX = "Pemerintah "
"""Left out where the government qualifies a name: "(Kabupaten Lumajang)", not
"(Pemerintah Kabupaten Lumajang)"."""

TITLE_SEPARATOR = " \u2014 "


def government(agency: Instansi) -> str:
    """The instansi's government as a short qualifier, e.g. "Kabupaten Lumajang"."""
    short = agency.pemerintah.removeprefix(GOVERNMENT_PREFIX)
    return short if short.strip() else agency.pemerintah


def instansi_name(agency: Instansi, catalogue: Catalogue) -> str:
    """The instansi as the nav, its page and its SOPs' pages name it: its name, followed by
    its government where another instansi of the catalogue has the same name."""
    if catalogue.shares_name(agency):
        return f"{agency.nama} ({government(agency)})"
    return agency.nama


def sop_title(sop: Sop, catalogue: Catalogue) -> str:
    """The browser title of an SOP page: the SOP and its instansi, and the SOP's Nomor (or,
    for a draft without one, its file name) where its instansi has another SOP of the same
    name, so that no two pages of the catalogue share a title."""
    title = sop.nama
    if catalogue.shares_name(sop):
        title += f" ({sop.nomor or sop.slug})"
    return title + TITLE_SEPARATOR + instansi_name(catalogue.agency(sop.instansi), catalogue)
