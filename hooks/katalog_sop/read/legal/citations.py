"""Read a ``dasar_hukum`` entry into the regulations it cites.

An entry is the editor's text, shown exactly as written everywhere; the parse only adds
meaning to it. ``parse`` finds zero or more citations in it (kind, number, year, region or
issuer, and the text around each as written); an entry in which none is found stays text.
``resolve`` turns a citation into a ``Regulation``: the same regulation however an SOP
spells it, with its name, anchor and, where the address pattern is known, its page on
peraturan.go.id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .kinds import (
    BARE,
    BY_CODE,
    KINDS,
    LEVELS,
    MINISTRIES,
    NATIONAL_WORDS,
    PAN_RENAMED,
    PANRB_FROM,
    Kind,
    Words,
)

PERATURAN_GO_ID = "https://peraturan.go.id/id/"


@dataclass(frozen=True)
class Citation:
    """One regulation named in an entry, with the entry's text around it as written."""

    kind: str
    """The code of its kind in ``kinds.KINDS``."""
    number: str | None
    """As written ("25", "3.1", "215/PMK.05/2016"); None only for the 1945 Constitution."""
    year: int | None
    text: str
    """The citation as written: "UU No. 25 Tahun 2009"."""
    before: str = ""
    """What stands between the previous citation's ``rest`` and this one, as written
    ("sebagaimana telah diubah dengan"); for the first, the entry's text before it."""
    rest: str = ""
    """What follows, up to the next citation's ``before``, as written ("tentang Pelayanan
    Publik;")."""
    issuer: str | None = None
    """For kinds named by their issuer: who, as written ("Kesehatan" of Peraturan Menteri
    Kesehatan)."""
    region: str | None = None
    """For regional kinds: the region as written ("Kabupaten Lumajang", "Jember"); None
    when the entry does not name it."""
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Regulation:
    """A regulation as the catalogue identifies it: equal however it is spelled."""

    key: tuple[str, ...]
    kind: str = field(compare=False)
    group: str = field(compare=False)
    """The index heading: its kind's name, with the issuer for kinds named by it."""
    name: str = field(compare=False)
    """Its name: "Undang-Undang Nomor 25 Tahun 2009"."""
    year: int | None = field(compare=False)
    number: str | None = field(compare=False)
    link: str | None = field(compare=False)
    """Its page on peraturan.go.id, when the kind's address pattern is known."""

    @property
    def anchor(self) -> str:
        """Its id on the index page, from its identity: ``uu-25-2009``,
        ``perbup-kabupaten-lumajang-93-2021``, ``pmk-215-pmk.05-2016`` (the year once)."""
        parts = self.key[:-1] if self.key[-2].endswith(self.key[-1]) else self.key
        return "-".join(slug for slug in map(_slug, parts) if slug)


_ALL_NAMES = "|".join(f"(?:{name})" for kind in KINDS for name in kind.names)
_NAME = re.compile("(?i)(?<![\\w])(?:" + "|".join(
    f"(?P<k{index}>{'|'.join(kind.names)})" for index, kind in enumerate(KINDS)) + ")(?![\\w])")
_STOP = rf"(?:{_ALL_NAMES}|nomor|nomer|nmr|no|tentang|tahun|thn|th)(?![\w])"
_WORD = rf"(?!{_STOP})[^\s\d;,:()\[\]\"']+"
_BODY = re.compile(
    rf"(?i)(?P<words>(?:\s+{_WORD}){{0,16}}?)\s*,?\s*"
    r"(?P<marker>(?:nomor|nomer|nmr\.?|no\.|no(?![\w]))\s*[:.]?\s*)?"
    r"(?P<number>(?=[^\s,;]*\d)[0-9a-z][0-9a-z./\-\u2010\u2011]*)"
    r"(?:\s*,?\s*(?:tahun|thn\.?|th\.?)\s*(?P<year>(?:19|20)\d\d)(?!\d))?")
_CONSTITUTION = re.compile(
    r"(?i)(?:\s+(?:negara\s+)?(?:republik\s+indonesia|NRI|RI))?(?:\s+tahun)?\s*(?P<year>1945)"
    r"(?!\d)")
_BARE = tuple((re.compile(rf"(?i)(?<![\w/.\-])(?:{pattern})(?![\w/])"), code)
              for pattern, code in BARE)
_MINISTRIES = tuple((re.compile(f"(?i)(?:{pattern})"), regulation, decree)
                    for pattern, regulation, decree in MINISTRIES)
_YEAR_IN_NUMBER = re.compile(r"(?:^|[/.\-])((?:19|20)\d\d)$")
_NUMBER_OF_YEAR = re.compile(r"^(\d{1,4})\s*/\s*((?:19|20)\d\d)$")
_CONNECTOR = re.compile(
    r"(?i)[,;]?\s*(?:\bsebagaimana\b|\byang\s+telah\b|\bjuncto\b|\bjis?\b\.?|\bjo\b\.?)")
_JOINED = re.compile(r"(?i)[,;]?\s*\b(?:dan|serta)\s*$")
_NATIONAL_TAIL = re.compile(r"(?i)\s+(?:(?:negara\s+)?republik\s+indonesia|RI|NRI)$")


def parse(text: str) -> tuple[Citation, ...]:
    """Every citation in ``text``, in order; none when it is not a citation at all."""
    found: list[Citation] = []
    position = 0
    while (name := _NAME.search(text, position)) is not None:
        kind = KINDS[int(name.lastgroup[1:])] if name.lastgroup else KINDS[0]
        citation = _after_name(text, name, kind)
        if citation is None:
            position = name.end()
        else:
            found.append(citation)
            position = citation.end
    for pattern, code in _BARE if "/" in text else ():  # every bare number has a slash
        for match in pattern.finditer(text):
            if not any(c.start < match.end() and match.start() < c.end for c in found):
                year = int(match["year"])
                found.append(Citation(_renamed(code, year), match[0], year, match[0],
                                      start=match.start(), end=match.end()))
    found.sort(key=lambda c: c.start)
    return _with_surroundings(text, found)


def _after_name(text: str, name: re.Match[str], kind: Kind) -> Citation | None:
    """The citation whose kind's name is ``name``, or None when no number follows it."""
    if kind.code == "uud":
        constitution = _CONSTITUTION.match(text, name.end())
        if constitution is None:
            return None
        return Citation("uud", None, 1945, text[name.start():constitution.end()],
                        start=name.start(), end=constitution.end())
    body = _BODY.match(text, name.end())
    if body is None:
        return None
    number = body["number"].rstrip(".-/\u2010\u2011")
    year = int(body["year"]) if body["year"] else None
    end = body.start("number") + len(number) if year is None else body.end()
    if year is None:
        in_number = _YEAR_IN_NUMBER.search(number)
        if body["marker"] is None and not ("/" in number and in_number):
            return None  # "Peraturan Presiden 2014 ...": no number marker, no year
        if in_number:
            year = int(in_number[1])
            split = _NUMBER_OF_YEAR.match(number)
            if split and kind.plain_numbers:
                number = split[1]  # "UU 25/2009": number 25 of 2009
    words = " ".join(body["words"].split())
    code, issuer, region = kind.code, None, None
    if kind.words is Words.ISSUER:
        issuer = _NATIONAL_TAIL.sub("", words) or None
        if issuer is not None and kind.code in ("permen", "kepmen"):
            for pattern, regulation, decree in _MINISTRIES:
                if pattern.fullmatch(issuer):
                    code, issuer = (regulation if kind.code == "permen" else decree), None
                    break
        elif issuer is None and kind.code not in ("permen", "kepmen"):
            return None  # "Peraturan Nomor 5": whose?
    elif kind.words is Words.REGION:
        region = words or None
    elif words and not NATIONAL_WORDS.match(words) and body["marker"] is None:
        return None  # "UU Pelayanan Publik 2009": words but no number marker
    if year is not None:
        code = _renamed(code, year)
    return Citation(code, number, year, text[name.start():end], issuer=issuer, region=region,
                    start=name.start(), end=end)


def _renamed(code: str, year: int) -> str:
    """PAN and PANRB by the year of the regulation (see ``kinds.PANRB_FROM``)."""
    renamed = {new: old for old, new in PAN_RENAMED.items()}
    if year >= PANRB_FROM and code in PAN_RENAMED:
        return PAN_RENAMED[code]
    if year < PANRB_FROM - 1 and code in renamed:
        return renamed[code]
    return code


def _with_surroundings(text: str, found: list[Citation]) -> tuple[Citation, ...]:
    """Each citation with the text before and after it, so that the entry's text is split
    among them without a character lost (only the whitespace between pieces)."""
    result = []
    before = text[:found[0].start] if found else ""
    for index, citation in enumerate(found):
        following = found[index + 1].start if index + 1 < len(found) else len(text)
        gap = text[citation.end:following]
        rest, next_before = gap, ""
        if index + 1 < len(found):
            joined = _CONNECTOR.search(gap) or _JOINED.search(gap)
            if joined is not None:
                rest, next_before = gap[:joined.start()], gap[joined.start():]
        result.append(Citation(citation.kind, citation.number, citation.year, citation.text,
                               before.strip(), rest.strip(), citation.issuer, citation.region,
                               citation.start, citation.end))
        before = next_before
    return tuple(result)


def title(citation: Citation) -> str | None:
    """What the regulation is about, from the text after it: "tentang Pelayanan Publik;"
    gives "Pelayanan Publik"."""
    words = citation.rest.split(";", 1)[0]
    words = re.sub(r"(?i)^(?:\s*tentang\b)+", "", words).strip(" \t\n.,:")
    return words or None


def kind_of(citation: Citation) -> Kind:
    """The citation's kind."""
    return BY_CODE[citation.kind]


_GOVERNMENT = re.compile(r"(?i)^\s*(?:pemerintah\s+)?(kabupaten|kota|provinsi)\s+(.+?)\s*$")


def _region(kind: Kind, written: str | None,
            pemerintah: str | None) -> tuple[str | None, str | None]:
    """A regional citation's level and region name; a region the entry does not name is
    taken from the citing instansi's government when the kind fits it (a Peraturan Bupati
    cited by an agency of Pemerintah Kabupaten Lumajang is Lumajang's)."""
    level, name = kind.level, None
    if written:
        first, _, others = written.partition(" ")
        written_level = LEVELS.get(first.rstrip(".").casefold())
        if written_level is not None and others:
            level, name = level or written_level, others
        else:
            name = written
    government = _GOVERNMENT.match(pemerintah or "")
    if government is not None:
        own_level, own_name = LEVELS[government[1].casefold()], " ".join(government[2].split())
        if name is None and level in (None, own_level):
            return own_level, own_name
        if name is not None and level is None and name.casefold() == own_name.casefold():
            return own_level, name
    return level, name


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "-", text.casefold()).strip("-.")


def resolve(citation: Citation, pemerintah: str | None = None) -> Regulation:
    """The regulation a citation names; ``pemerintah`` is the citing instansi's government,
    for regional regulations whose entry does not name the region."""
    kind = kind_of(citation)
    number, year = citation.number, citation.year
    if kind.code == "uud":
        return Regulation(("uud", "", "", "1945"), "uud", kind.label, kind.label, 1945, None,
                          None)
    assert number is not None
    shown_number = str(int(number)) if number.isascii() and number.isdigit() else number
    group = kind.label
    qualifier = ""
    prefix = kind.label
    if citation.issuer:
        group = prefix = f"{kind.label} {citation.issuer}"
        qualifier = " ".join(citation.issuer.casefold().split())
    elif kind.regional:
        level, region = _region(kind, citation.region, pemerintah)
        if region is not None:
            shown = f"{level} {region}" if kind.level is None and level else region
            prefix = f"{kind.label} {shown}"
            qualifier = f"{(level or '').casefold()} {region.casefold()}".strip()
        else:
            qualifier = "?" + " ".join((pemerintah or "").casefold().split())
    name = f"{prefix} Nomor {shown_number}"
    if year is not None and not shown_number.endswith(str(year)):
        name += f" Tahun {year}"
    link = None
    if kind.peraturan_go_id and shown_number.isascii() and shown_number.isdigit() and year:
        link = f"{PERATURAN_GO_ID}{kind.peraturan_go_id}-no-{shown_number}-tahun-{year}"
    number_key = "".join(shown_number.casefold().split())
    key = (kind.code, qualifier, number_key, str(year or ""))
    return Regulation(key, kind.code, group, name, year, shown_number, link)
