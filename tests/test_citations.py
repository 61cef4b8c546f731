"""The ``dasar_hukum`` parser: each spelling real SOPs use, entries with two regulations,
entries that are not citations, and the identity that makes spellings one regulation."""

from __future__ import annotations

import pytest

from katalog_sop.read.legal.citations import Citation, parse, resolve, title
from katalog_sop.read.legal.kinds import KINDS, Words


def _one(text: str) -> Citation:
    found = parse(text)
    assert len(found) == 1, found
    return found[0]


# (text as written, kind, number, year, citation as written, rest as written)
SPELLINGS = [
    ("Undang-undang Nomor 23 Tahun 2014 Tentang Pemeritahan Daerah;", "uu", "23", 2014,
     "Undang-undang Nomor 23 Tahun 2014", "Tentang Pemeritahan Daerah;"),
    ("Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;", "uu", "25", 2009,
     "Undang-Undang Nomor 25 Tahun 2009", "tentang Pelayanan Publik;"),
    ("UU No. 25 Tahun 2009", "uu", "25", 2009, "UU No. 25 Tahun 2009", ""),
    ("UU 25/2009", "uu", "25", 2009, "UU 25/2009", ""),
    ("Undang Undang RI No.25 Th. 2009 tentang Pelayanan Publik", "uu", "25", 2009,
     "Undang Undang RI No.25 Th. 2009", "tentang Pelayanan Publik"),
    ("PermenPANRB No. 35 tahun 2012 tentang SOP Administrasi Pemerintah", "permenpanrb", "35",
     2012, "PermenPANRB No. 35 tahun 2012", "tentang SOP Administrasi Pemerintah"),
    ("Permenpan RB Nomor 35 Tahun 2012 Tentang Pedoman Penyusunan Standar Operasional "
     "Administrasi Pemerintahan;", "permenpanrb", "35", 2012,
     "Permenpan RB Nomor 35 Tahun 2012",
     "Tentang Pedoman Penyusunan Standar Operasional Administrasi Pemerintahan;"),
    ("Permenpan Nomor 35 Tahun 2012", "permenpanrb", "35", 2012,
     "Permenpan Nomor 35 Tahun 2012", ""),  # after 2009 the ministry is PANRB
    ("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 15 Tahun "
     "2014 tentang Pedoman Standar Pelayanan", "permenpanrb", "15", 2014,
     "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 15 Tahun "
     "2014", "tentang Pedoman Standar Pelayanan"),
    ("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Republik "
     "Indonesia Nomor 15 Tahun 2014 tentang Pedoman Standar Pelayanan;", "permenpanrb", "15",
     2014, "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Republik "
     "Indonesia Nomor 15 Tahun 2014", "tentang Pedoman Standar Pelayanan;"),
    ("Peraturan Menteri Dalam Negeri Nomor 54 Tahun 2009 tentang Pedoman Tata Naskah Dinas",
     "permendagri", "54", 2009, "Peraturan Menteri Dalam Negeri Nomor 54 Tahun 2009",
     "tentang Pedoman Tata Naskah Dinas"),
    ("Permendagri No 86 Tahun 2017", "permendagri", "86", 2017, "Permendagri No 86 Tahun 2017",
     ""),
    ("Peraturan Menteri Kesehatan Nomor 43 Tahun 2019 tentang Pusat Kesehatan Masyarakat",
     "permen", "43", 2019, "Peraturan Menteri Kesehatan Nomor 43 Tahun 2019",
     "tentang Pusat Kesehatan Masyarakat"),
    ("Peraturan Pemerintah Republik Indonesia Nomor 12 Tahun 2019 Tentang Pengelolaan "
     "Keuangan Daerah", "pp", "12", 2019,
     "Peraturan Pemerintah Republik Indonesia Nomor 12 Tahun 2019",
     "Tentang Pengelolaan Keuangan Daerah"),
    ("Peraturan Presiden No. 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
     "Pemerintah;", "perpres", "29", 2014, "Peraturan Presiden No. 29 Tahun 2014",
     "tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah;"),
    ("Instruksi Presiden Nomor 1 Tahun 1995 tentang Perbaikan dan Peningkatan Mutu Pelayanan",
     "inpres", "1", 1995, "Instruksi Presiden Nomor 1 Tahun 1995",
     "tentang Perbaikan dan Peningkatan Mutu Pelayanan"),
    ("Peraturan Daerah Kabupaten Jember Nomor 3 Tahun 2016 tentang tentang Pembentukan dan "
     "Susunan Perangkat Daerah ;", "perda", "3", 2016,
     "Peraturan Daerah Kabupaten Jember Nomor 3 Tahun 2016",
     "tentang tentang Pembentukan dan Susunan Perangkat Daerah ;"),
    ("Peraturan Bupati Jember Nomor 3.1 tahun 2018 tentang Pedoman Penyusunan SOP", "perbup",
     "3.1", 2018, "Peraturan Bupati Jember Nomor 3.1 tahun 2018", "tentang Pedoman Penyusunan SOP"),
    ("Peraturan Walikota Surabaya Nomor 12 Tahun 2020", "perwali", "12", 2020,
     "Peraturan Walikota Surabaya Nomor 12 Tahun 2020", ""),
    ("Pergub Jawa Timur No. 5 Tahun 2021", "pergub", "5", 2021,
     "Pergub Jawa Timur No. 5 Tahun 2021", ""),
    ("Keputusan Bupati Lumajang Nomor 188.45/123/427.12/2020 tentang Tim SAKIP", "kepbup",
     "188.45/123/427.12/2020", 2020, "Keputusan Bupati Lumajang Nomor 188.45/123/427.12/2020",
     "tentang Tim SAKIP"),
    ("215/PMK.05/2016", "pmk", "215/PMK.05/2016", 2016, "215/PMK.05/2016", ""),
    ("Peraturan Menteri Keuangan Nomor 215/PMK.05/2016 tentang Perubahan", "pmk",
     "215/PMK.05/2016", 2016, "Peraturan Menteri Keuangan Nomor 215/PMK.05/2016",
     "tentang Perubahan"),
    ("PER-40/PB/2006", "perdirjen-pb", "PER-40/PB/2006", 2006, "PER-40/PB/2006", ""),
    ("Permenpan Per/21/M.PAN/11/2008", "permenpan", "Per/21/M.PAN/11/2008", 2008,
     "Permenpan Per/21/M.PAN/11/2008", ""),
    ("Permenpan RB Nomor PER/21/M.PAN/11/2008", "permenpan", "PER/21/M.PAN/11/2008", 2008,
     "Permenpan RB Nomor PER/21/M.PAN/11/2008", ""),  # before 2009 the ministry was PAN
    ("Peraturan Menteri Negara Pendayagunaan Aparatur Negara Nomor PER/21/M.PAN/11/2008 "
     "tentang Pedoman Penyusunan SOP", "permenpan", "PER/21/M.PAN/11/2008", 2008,
     "Peraturan Menteri Negara Pendayagunaan Aparatur Negara Nomor PER/21/M.PAN/11/2008",
     "tentang Pedoman Penyusunan SOP"),
    ("Keputusan Menteri PAN Nomor 63/KEP/M.PAN/7/2003 tentang Pedoman Umum Penyelenggaraan "
     "Pelayanan Publik", "kepmenpan", "63/KEP/M.PAN/7/2003", 2003,
     "Keputusan Menteri PAN Nomor 63/KEP/M.PAN/7/2003",
     "tentang Pedoman Umum Penyelenggaraan Pelayanan Publik"),
    ("Peraturan Kepala Badan Kepegawaian Negara Nomor 7 Tahun 2013", "peraturan", "7", 2013,
     "Peraturan Kepala Badan Kepegawaian Negara Nomor 7 Tahun 2013", ""),
    ("Undang-Undang Dasar Negara Republik Indonesia Tahun 1945", "uud", None, 1945,
     "Undang-Undang Dasar Negara Republik Indonesia Tahun 1945", ""),
]


@pytest.mark.parametrize("text,kind,number,year,written,rest", SPELLINGS,
                         ids=[row[0][:40] for row in SPELLINGS])
def test_each_spelling(text: str, kind: str, number: str | None, year: int, written: str,
                       rest: str) -> None:
    citation = _one(text)
    assert (citation.kind, citation.number, citation.year) == (kind, number, year)
    assert (citation.text, citation.rest, citation.before) == (written, rest, "")
    assert text[citation.start:citation.end] == written


def test_every_kind_is_read_by_its_full_name() -> None:
    """What the index page calls a kind is a spelling of it (the same regulation whether an
    SOP writes the bare number or the full name). In 2009, the year the ministry of PAN
    became PANRB, both names stand as written."""
    for kind in KINDS:
        name = f"{kind.label} Kepala Badan Contoh" if kind.words is Words.ISSUER else kind.label
        assert _one(f"{name} Nomor 7 Tahun 2009 tentang Contoh").kind == kind.code, kind.code


def test_an_entry_holding_an_amended_regulation_and_its_amendment() -> None:
    text = ("Undang-Undang Nomor 32 Tahun 2004 tentang Pemerintahan Daerah sebagaimana telah "
            "diubah kedua kalinya dengan Undang-Undang Nomor 12 Tahun 2008;")
    first, second = parse(text)
    assert (first.kind, first.number, first.year) == ("uu", "32", 2004)
    assert (second.kind, second.number, second.year) == ("uu", "12", 2008)
    assert first.rest == "tentang Pemerintahan Daerah"
    assert second.before == "sebagaimana telah diubah kedua kalinya dengan"
    assert second.rest == ";"
    assert title(first) == "Pemerintahan Daerah"


def test_two_regional_regulations_in_one_entry() -> None:
    text = ("Peraturan Daerah Kabupaten Lumajang Nomor 15 Tahun 2007 tentang Susunan Organisasi "
            "sebagaimana telah diubah dengan Peraturan Daerah Kabupaten Lumajang Nomor 15 Tahun "
            "2009;")
    assert [(c.kind, c.region, c.number, c.year) for c in parse(text)] == [
        ("perda", "Kabupaten Lumajang", "15", 2007), ("perda", "Kabupaten Lumajang", "15", 2009)]


def test_a_kind_named_without_a_number_is_not_a_citation() -> None:
    """The seed's item ends with the dangling words "Peraturan Presiden": one citation, and
    those words stay text after it."""
    text = ("Peraturan Pemerintah Nomor 6 Tahun 2008 tentang Pedoman Evaluasi Penyelenggaraan "
            "Pemerintahan Daerah; Peraturan Presiden")
    citation = _one(text)
    assert (citation.kind, citation.number, citation.year) == ("pp", "6", 2008)
    assert citation.rest.endswith("; Peraturan Presiden")
    assert title(citation) == "Pedoman Evaluasi Penyelenggaraan Pemerintahan Daerah"
    # Nor does a kind borrow the number of the next one ("Peraturan Presiden dan ...").
    found = _one("Peraturan Presiden dan Peraturan Pemerintah Nomor 8 Tahun 2008")
    assert (found.kind, found.before) == ("pp", "Peraturan Presiden dan")


@pytest.mark.parametrize("text", [
    "Peraturan Perundangan-undangan yang berlaku",
    "Peraturan perundang-undangan terkait",
    "Standar Pelayanan Publik Kecamatan",
    "Undang-Undang yang berlaku 2 tahun terakhir",
    "Peraturan Presiden 2014",
    "Nomor 5 Tahun 2014",
    "Rencana Strategis 2015-2019",
    "SOP 800/12/2020",
    "",
])
def test_text_that_is_not_a_citation(text: str) -> None:
    assert parse(text) == ()


def test_pieces_keep_every_character_but_the_whitespace_between_them() -> None:
    text = ("Pasal 18 ayat (6) Undang-Undang Dasar 1945; UU No. 23 Tahun 2014 jo. UU 9/2015 "
            "tentang Pemerintahan Daerah dan Perda Kabupaten Lumajang No. 5 Tahun 2016.")
    found = parse(text)
    assert [c.kind for c in found] == ["uud", "uu", "uu", "perda"]
    pieces = [piece for c in found for piece in (c.before, c.text, c.rest)]
    assert "".join("".join(pieces).split()) == "".join(text.split())
    assert found[0].before == "Pasal 18 ayat (6)"
    assert found[2].before == "jo."
    assert found[3].before == "dan"


def test_spellings_of_one_regulation_are_one_regulation() -> None:
    spellings = ["PermenPANRB No. 35 tahun 2012 tentang SOP Administrasi Pemerintah",
                 "Permenpan RB Nomor 35 Tahun 2012",
                 "Peraturan Menteri PAN-RB Nomor 35 Tahun 2012",
                 "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor "
                 "035 Tahun 2012"]
    regulations = {resolve(_one(text)) for text in spellings}
    assert len(regulations) == 1
    (regulation,) = regulations
    assert regulation.name == ("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi "
                               "Birokrasi Nomor 35 Tahun 2012")
    assert regulation.link == "https://peraturan.go.id/id/permenpanrb-no-35-tahun-2012"
    assert regulation.anchor == "permenpanrb-35-2012"
    assert resolve(_one("Permenpan RB Nomor 35 Tahun 2013")) not in regulations


@pytest.mark.parametrize("text,link", [
    ("UU No. 25 Tahun 2009", "https://peraturan.go.id/id/uu-no-25-tahun-2009"),
    ("PP 13/2019", "https://peraturan.go.id/id/pp-no-13-tahun-2019"),
    ("Perpres Nomor 29 Tahun 2014", "https://peraturan.go.id/id/perpres-no-29-tahun-2014"),
    ("Permendagri Nomor 52 Tahun 2011", "https://peraturan.go.id/id/permendagri-no-52-tahun-2011"),
    ("Instruksi Presiden Nomor 1 Tahun 1995", None),  # address pattern not known
    ("Peraturan Menteri Kesehatan Nomor 43 Tahun 2019", None),
    ("215/PMK.05/2016", None),  # letters in the number
    ("Peraturan Bupati Jember Nomor 3.1 tahun 2018", None),  # regional: never linked
    ("Peraturan Daerah Kabupaten Jember Nomor 3 Tahun 2016", None),
])
def test_links_to_peraturan_go_id_only_where_the_pattern_is_known(text: str,
                                                                   link: str | None) -> None:
    assert resolve(_one(text)).link == link


def test_a_regional_regulation_without_its_region_is_the_citing_government_s() -> None:
    text = "Peraturan Bupati Nomor 93 Tahun 2021 Tentang Kedudukan"
    lumajang = resolve(_one(text), "Pemerintah Kabupaten Lumajang")
    assert lumajang.name == "Peraturan Bupati Lumajang Nomor 93 Tahun 2021"
    assert lumajang == resolve(_one("Perbup Lumajang No. 93 Tahun 2021"))
    assert lumajang != resolve(_one(text), "Pemerintah Kabupaten Jember")
    # A kota's agency cannot tell whose Peraturan Bupati it is: kept apart, named as written.
    kota = resolve(_one(text), "Pemerintah Kota Surabaya")
    assert kota.name == "Peraturan Bupati Nomor 93 Tahun 2021"
    assert kota != resolve(_one(text), "Pemerintah Kota Malang")
    perda = resolve(_one("Peraturan Daerah Nomor 1 Tahun 2015"), "Pemerintah Kabupaten Lumajang")
    assert perda.name == "Peraturan Daerah Kabupaten Lumajang Nomor 1 Tahun 2015"
    assert perda == resolve(_one("Perda Kab. Lumajang Nomor 1 Tahun 2015"))


def test_names_and_anchors_of_numbers_with_their_year() -> None:
    pmk = resolve(_one("215/PMK.05/2016"))
    assert (pmk.name, pmk.anchor) == ("Peraturan Menteri Keuangan Nomor 215/PMK.05/2016",
                                      "pmk-215-pmk.05-2016")
    perbup = resolve(_one("Peraturan Bupati Jember Nomor 3.1 tahun 2018"))
    assert (perbup.name, perbup.anchor) == ("Peraturan Bupati Jember Nomor 3.1 Tahun 2018",
                                            "perbup-kabupaten-jember-3.1-2018")
