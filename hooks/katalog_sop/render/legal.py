"""The "Dasar Hukum" index page (every regulation the catalogue cites, by kind, newest first,
with the SOPs that cite it), and the notes beside revoked entries on an SOP page.

A regulation cited by more than ``LIST_UP_TO`` SOPs has its list on a page of its own
(``dasar-hukum/<anchor>/``), linked from its entry: a national law is cited by a third of a
large catalogue's SOPs, and with every list on one page that page would hold tens of
thousands of links (8.6 MB of HTML at 5,000 synthetic SOPs).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..model import Catalogue, Instansi, Revocation, Sop
from ..read.legal.citations import Regulation, parse, resolve, title
from ..read.legal.kinds import KINDS
from ..read.legal.revoked import cited_revocations
from . import templating, text

INDEX_PAGE = "dasar-hukum.md"
INDEX_DIR = INDEX_PAGE.removesuffix(".md")
INDEX_TITLE = "Dasar Hukum"
LIST_UP_TO = 10
"""A regulation's citing SOPs are listed on the index page up to this many, on a page of
their own above."""


@dataclass(frozen=True)
class Citing:
    """The SOPs of one instansi that cite a regulation."""

    agency: Instansi
    sops: list[tuple[Sop, str]]
    """Each SOP with its status label."""


@dataclass(frozen=True)
class Entry:
    """One regulation on the index page."""

    regulation: Regulation
    anchor: str
    """Its id on the index page (the regulation's anchor, unique on the page)."""
    title: str | None
    """What it is about, as most of its citations write it."""
    citing: list[Citing]
    count: int
    """How many SOPs cite it."""
    revocation: Revocation | None
    replacement: Regulation | None
    replacement_anchor: str | None
    """The replacement's anchor on this page, when the catalogue cites it too."""

    @property
    def list_page(self) -> str | None:
        """Where its list of citing SOPs is, from the index page, when not on it."""
        return f"{self.anchor}/" if self.count > LIST_UP_TO else None


@dataclass(frozen=True)
class Group:
    """The regulations of one kind (with its issuer, for ministers' and other regulations)."""

    label: str
    anchor: str
    entries: list[Entry]


@dataclass(frozen=True)
class Note:
    """What an SOP page says beside an entry that cites a revoked regulation."""

    revoked: str
    """The revoked regulation's name."""
    replacement: str
    href: str
    """Its entry on the index page, from the SOP page."""


def replacement_of(revocation: Revocation) -> Regulation:
    """The regulation that revoked it (the list's loader checked that it reads as one)."""
    return resolve(parse(revocation.dicabut_oleh)[0])


def notes(sop: Sop, catalogue: Catalogue) -> dict[int, list[Note]]:
    """The notes of an SOP page, by entry number (from 1)."""
    found: dict[int, list[Note]] = {}
    pemerintah = catalogue.agency(sop.instansi).pemerintah
    for index, citation, revocation in cited_revocations(sop, pemerintah,
                                                         catalogue.revocations):
        revoked = resolve(citation, pemerintah)
        found.setdefault(index, []).append(Note(
            revoked.name, replacement_of(revocation).name,
            f"../../{INDEX_DIR}/#{revoked.anchor}"))
    return found


def _number_order(number: str | None) -> tuple[int, int, str]:
    """Higher numbers first within a year (plain numbers as numbers)."""
    if number is not None and number.isascii() and number.isdigit():
        return (0, -int(number), "")
    return (1, 0, (number or "").casefold())


def groups(catalogue: Catalogue) -> list[Group]:
    """Every regulation cited, grouped by kind in the statute book's order, newest first."""
    regulations: dict[tuple[str, ...], Regulation] = {}
    titles: dict[tuple[str, ...], Counter[str]] = {}
    shown_title: dict[tuple[str, ...], dict[str, str]] = {}
    citing: dict[tuple[str, ...], dict[str, dict[str, Sop]]] = {}
    for sop in catalogue.sops:
        pemerintah = catalogue.agency(sop.instansi).pemerintah
        for written in sop.dasar_hukum:
            for citation in parse(written):
                regulation = resolve(citation, pemerintah)
                key = regulation.key
                regulations.setdefault(key, regulation)
                citing.setdefault(key, {}).setdefault(sop.instansi, {}).setdefault(sop.key, sop)
                about = title(citation)
                if about is not None:
                    folded = " ".join(about.casefold().split())
                    titles.setdefault(key, Counter())[folded] += 1
                    shown_title.setdefault(key, {}).setdefault(folded, about)
    order = {kind.code: index for index, kind in enumerate(KINDS)}
    by_group: dict[tuple[int, str], list[tuple[str, ...]]] = {}
    for key, regulation in regulations.items():
        by_group.setdefault((order[regulation.kind], regulation.group), []).append(key)
    grouped = sorted(by_group.items(), key=lambda item: (item[0][0], item[0][1].casefold()))
    for _, keys in grouped:
        keys.sort(key=lambda k: (regulations[k].year is None, -(regulations[k].year or 0),
                                 _number_order(regulations[k].number), regulations[k].name, k))
    # Anchors come from identities and are unique but for a number written once with a dot
    # and once with a dash (3.1, 3-1): then the later one, in page order, gets a suffix.
    anchors: dict[tuple[str, ...], str] = {}
    taken: set[str] = set()
    for _, keys in grouped:
        for key in keys:
            anchors[key] = _unique(regulations[key].anchor, taken)
    result = []
    for (_, label), keys in grouped:
        entries = []
        for key in keys:
            revocation = catalogue.revocation(key)
            replacement = replacement_of(revocation) if revocation is not None else None
            counted = titles.get(key)
            about = shown_title[key][counted.most_common(1)[0][0]] if counted else None
            agencies = [catalogue.agency(slug) for slug in citing[key]]
            agencies.sort(key=lambda a: (a.pemerintah.casefold(), a.nama.casefold(), a.slug))
            entries.append(Entry(
                regulations[key], anchors[key], about,
                [Citing(agency, [(sop, text.STATUS_LABELS[sop.status])
                                 for sop in citing[key][agency.slug].values()])
                 for agency in agencies],
                sum(len(sops) for sops in citing[key].values()), revocation, replacement,
                anchors.get(replacement.key) if replacement is not None else None))
        result.append(Group(label, _unique("jenis-" + "-".join(
            "".join(ch if ch.isalnum() else " " for ch in label.casefold()).split()), taken),
            entries))
    return result


def _unique(anchor: str, taken: set[str]) -> str:
    """``anchor``, or with the first suffix -2, -3, … that no earlier id of the page has."""
    found, suffix = anchor, 2
    while found in taken:
        found, suffix = f"{anchor}-{suffix}", suffix + 1
    taken.add(found)
    return found


def index_pages(catalogue: Catalogue) -> list[tuple[str, str]]:
    """The "Dasar Hukum" page, then the pages of long lists: ``(src_uri, Markdown)``."""
    found = groups(catalogue)
    entries = [entry for group in found for entry in group.entries]
    citing = {sop.key for entry in entries for place in entry.citing for sop, _ in place.sops}
    pages = [(INDEX_PAGE, templating.markdown(
        templating.front_matter(INDEX_TITLE, hide=["toc"]),
        *templating.blocks(
            "dasar_hukum.html", groups=found, total=len(entries), sops=len(citing),
            revoked=[entry for entry in entries if entry.revocation is not None])))]
    for entry in entries:
        if entry.list_page is not None:
            pages.append((f"{INDEX_DIR}/{entry.anchor}.md", templating.markdown(
                templating.front_matter(entry.regulation.name, hide=["toc"]),
                *templating.blocks("dasar_hukum_sop.html", entry=entry))))
    return pages


__all__ = ["INDEX_PAGE", "LIST_UP_TO", "Entry", "Group", "Note", "groups", "index_pages",
           "notes"]
