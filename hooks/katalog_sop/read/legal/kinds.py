"""The kinds of regulation that ``dasar_hukum`` entries cite, and how SOPs spell them.

One table drives the parser (``citations``), the index page's groups and their order, and
the links to peraturan.go.id. To teach the parser a new spelling, add a pattern to ``names``
of its kind; to add a kind, add a row where it belongs in the order of the statute book
(Undang-Undang Nomor 12 Tahun 2011, Pasal 7 and 8), which is also the index page's order.

Patterns are regular expressions matched case-insensitively at word boundaries; short
abbreviations that are also ordinary letters (``UU``, ``PP``, ``PMK``) are written inside
``(?-i:...)`` so that only the capitals count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


class Words(Enum):
    """What the words between a kind's name and its number are."""

    NONE = "none"
    """Nothing the identity needs ("Republik Indonesia"); kept in the text as written."""
    ISSUER = "issuer"
    """Who issued it: the minister's portfolio ("Dalam Negeri"), the agency ("Kepala Badan
    Kepegawaian Negara")."""
    REGION = "region"
    """The region: "Kabupaten Lumajang", "Jember", "Provinsi Jawa Timur"."""


@dataclass(frozen=True)
class Kind:
    """One kind of regulation."""

    code: str
    """Stable short name: part of a regulation's identity and anchor, and of open data."""
    label: str
    """The full Indonesian name, as an index heading and in a regulation's name."""
    names: tuple[str, ...]
    """How SOPs write it (regular expressions; the first kind in ``KINDS`` order whose
    pattern matches at a position wins there, so more specific kinds come first)."""
    words: Words = Words.NONE
    level: str | None = None
    """For a regional kind, the level its name implies (Peraturan Bupati: Kabupaten);
    None for one whose text says it (Peraturan Daerah Kabupaten/Kota/Provinsi ...)."""
    regional: bool = False
    plain_numbers: bool = True
    """Numbered 1, 2, 3 … within a year, so "25/2009" means number 25 of 2009."""
    peraturan_go_id: str | None = None
    """The kind's part of a peraturan.go.id address (``uu`` in ``/id/uu-no-25-tahun-2009``),
    only for kinds whose addresses are known to follow that pattern; None: not linked."""


_DASH = "[-\u2010\u2011\u2013 ]?"
_UU = rf"undang{_DASH}undang"

KINDS: tuple[Kind, ...] = (
    Kind("uud", "Undang-Undang Dasar Negara Republik Indonesia Tahun 1945",
         (rf"{_UU}\s+dasar", r"(?-i:UUD)")),
    Kind("perppu", "Peraturan Pemerintah Pengganti Undang-Undang",
         (rf"peraturan\s+pemerintah\s+pengganti\s+{_UU}", r"perppu", r"perpu")),
    Kind("uu", "Undang-Undang", (_UU, r"(?-i:UU)"), peraturan_go_id="uu"),
    Kind("pp", "Peraturan Pemerintah", (r"peraturan\s+pemerintah", r"(?-i:PP)"),
         peraturan_go_id="pp"),
    Kind("perpres", "Peraturan Presiden", (r"peraturan\s+presiden", r"perpres"),
         peraturan_go_id="perpres"),
    Kind("keppres", "Keputusan Presiden", (r"keputusan\s+presiden", r"keppres", r"kepres")),
    Kind("inpres", "Instruksi Presiden", (r"instruksi\s+presiden", r"inpres")),
    # Ministers' regulations: "Peraturan Menteri <portfolio>" is read by ``permen`` and
    # refined through MINISTRIES; these rows hold the abbreviations.
    Kind("permenpanrb",
         "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
         (r"permen\s*-?\s*pan\s*(?:-|dan|&|/)?\s*rb", r"permenpan\s*(?:-|dan|&|/)?\s*rb"),
         peraturan_go_id="permenpanrb"),
    Kind("permenpan", "Peraturan Menteri Negara Pendayagunaan Aparatur Negara",
         (r"permen\s*-?\s*pan",), plain_numbers=False),
    Kind("permendagri", "Peraturan Menteri Dalam Negeri", (r"permendagri", r"permen\s+dagri"),
         peraturan_go_id="permendagri"),
    Kind("pmk", "Peraturan Menteri Keuangan", (r"(?-i:PMK)", r"permenkeu"), plain_numbers=False),
    Kind("permen", "Peraturan Menteri", (r"peraturan\s+menteri(?:\s+negara)?", r"permen"),
         words=Words.ISSUER),
    Kind("kepmenpanrb",
         "Keputusan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
         (r"kepmen\s*-?\s*pan\s*(?:-|dan|&|/)?\s*rb", r"kepmenpan\s*(?:-|dan|&|/)?\s*rb"),
         plain_numbers=False),
    Kind("kepmenpan", "Keputusan Menteri Negara Pendayagunaan Aparatur Negara",
         (r"kepmen\s*-?\s*pan",), plain_numbers=False),
    Kind("kepmendagri", "Keputusan Menteri Dalam Negeri", (r"kepmendagri",)),
    Kind("kmk", "Keputusan Menteri Keuangan", (r"(?-i:KMK)",), plain_numbers=False),
    Kind("kepmen", "Keputusan Menteri", (r"keputusan\s+menteri(?:\s+negara)?", r"kepmen"),
         words=Words.ISSUER, plain_numbers=False),
    Kind("perdirjen-pb", "Peraturan Direktur Jenderal Perbendaharaan",
         (r"peraturan\s+(?:direktur\s+jenderal|dirjen)\s+perbendaharaan",
          r"perdirjen\s+(?:pb|perbendaharaan)"),
         plain_numbers=False),
    Kind("perda", "Peraturan Daerah", (r"peraturan\s+daerah", r"perda"), words=Words.REGION,
         regional=True),
    Kind("pergub", "Peraturan Gubernur", (r"peraturan\s+gubernur", r"pergub"),
         words=Words.REGION, level="Provinsi", regional=True),
    Kind("perbup", "Peraturan Bupati", (r"peraturan\s+bupati", r"perbup", r"perbub"),
         words=Words.REGION, level="Kabupaten", regional=True),
    Kind("perwali", "Peraturan Wali Kota", (r"peraturan\s+wali\s*kota", r"perwali", r"perwal",
                                            r"perwakot"),
         words=Words.REGION, level="Kota", regional=True),
    Kind("kepgub", "Keputusan Gubernur", (r"keputusan\s+gubernur", r"kepgub"),
         words=Words.REGION, level="Provinsi", regional=True, plain_numbers=False),
    Kind("kepbup", "Keputusan Bupati", (r"keputusan\s+bupati", r"kepbup"),
         words=Words.REGION, level="Kabupaten", regional=True, plain_numbers=False),
    Kind("kepwali", "Keputusan Wali Kota", (r"keputusan\s+wali\s*kota", r"kepwal(?:i)?"),
         words=Words.REGION, level="Kota", regional=True, plain_numbers=False),
    # Anything else that is numbered: "Peraturan Kepala Badan Kepegawaian Negara Nomor ...",
    # "Keputusan Sekretaris Daerah Nomor ...", "Surat Edaran Menteri ... Nomor ...".
    Kind("peraturan", "Peraturan", (r"peraturan",), words=Words.ISSUER, plain_numbers=False),
    Kind("keputusan", "Keputusan", (r"keputusan",), words=Words.ISSUER, plain_numbers=False),
    Kind("instruksi", "Instruksi", (r"instruksi",), words=Words.ISSUER, plain_numbers=False),
    Kind("surat-edaran", "Surat Edaran", (r"surat\s+edaran",), words=Words.ISSUER,
         plain_numbers=False),
)

BY_CODE: dict[str, Kind] = {kind.code: kind for kind in KINDS}

MINISTRIES: tuple[tuple[str, str, str], ...] = (
    # (portfolio as written, after "Peraturan/Keputusan Menteri [Negara]"; its regulation;
    #  its decree)
    (r"pendayagunaan\s+aparatur\s+negara\s+(?:dan|&)\s+reformasi\s+birokrasi"
     r"|pan\s*(?:-|dan|&|/)?\s*rb", "permenpanrb", "kepmenpanrb"),
    (r"pendayagunaan\s+aparatur\s+negara|pan", "permenpan", "kepmenpan"),
    (r"dalam\s+negeri", "permendagri", "kepmendagri"),
    (r"keuangan", "pmk", "kmk"),
)
"""Ministers whose regulations have a kind of their own (and often an abbreviation)."""

PANRB_FROM = 2010
"""The ministry for the state apparatus became "dan Reformasi Birokrasi" in October 2009: its
regulations from 2010 on are PANRB ones, those up to 2008 PAN ones, however an SOP names
the ministry (SOPs write "Permenpan" for PermenPANRB 35/2012 and the other way round)."""
PAN_RENAMED = {"permenpan": "permenpanrb", "kepmenpan": "kepmenpanrb"}

BARE: tuple[tuple[str, str], ...] = (
    # Numbers that name their kind themselves, cited without it ("215/PMK.05/2016").
    (r"(?-i:\d{1,4}/PMK\.?\d{0,3}/(?P<year>(?:19|20)\d\d))", "pmk"),
    (r"(?-i:\d{1,4}/KMK\.?\d{0,3}/(?P<year>(?:19|20)\d\d))", "kmk"),
    (r"PER[-\u2010\u2011]\d{1,4}/PB/(?P<year>(?:19|20)\d\d)", "perdirjen-pb"),
    (r"PER/\d{1,4}/M\.?PAN/\d{1,2}/(?P<year>(?:19|20)\d\d)", "permenpan"),
    (r"KEP/\d{1,4}/M\.?PAN/\d{1,2}/(?P<year>(?:19|20)\d\d)", "kepmenpan"),
)

LEVELS = {"kabupaten": "Kabupaten", "kab": "Kabupaten", "kota": "Kota", "provinsi": "Provinsi",
          "propinsi": "Provinsi", "prov": "Provinsi", "prop": "Provinsi"}
"""How the level of a region is written, and its name."""

NATIONAL_WORDS = re.compile(r"(?i)^(?:(?:negara\s+)?republik\s+indonesia|RI|NRI)$")
"""Words after a national kind that add nothing ("Peraturan Pemerintah Republik Indonesia")."""
