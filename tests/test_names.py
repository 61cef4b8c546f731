"""How pages name an instansi and an SOP where names repeat (render/names.py)."""

from __future__ import annotations

from katalog_sop.model import Catalogue, Instansi, Langkah, PartialDate, Sop, Status, Tanggal
from katalog_sop.render import names


def _agency(slug: str, nama: str, pemerintah: str) -> Instansi:
    return Instansi(slug=slug, nama=nama, pemerintah=pemerintah)


def _sop(instansi: str, slug: str, nama: str, nomor: str | None = None) -> Sop:
    return Sop(instansi=instansi, slug=slug, nama=nama,
               status=Status.BERLAKU if nomor else Status.DRAF,
               tanggal=Tanggal(PartialDate(2024, 1)), pelaksana=("Staf",),
               langkah=(Langkah(nomor=1, kegiatan="Kerja", pelaksana=("Staf",)),),
               dasar_hukum=(), nomor=nomor)


LUMAJANG = _agency("satpolpp-lumajang", "Satuan Polisi Pamong Praja",
                   "Pemerintah Kabupaten Lumajang")
BALANGAN = _agency("satpolpp-balangan", "Satuan  Polisi Pamong\nPraja",
                   "Pemerintah Kabupaten Balangan")
DINAS = _agency("dinas", "Dinas Kominfo", "Pemerintah")


def test_an_instansi_is_named_with_its_government_only_where_its_name_repeats() -> None:
    # Runs of whitespace do not tell names apart: a reader sees them as one space.
    catalogue = Catalogue((LUMAJANG, BALANGAN, DINAS), ())
    assert names.instansi_name(LUMAJANG, catalogue) == \
        "Satuan Polisi Pamong Praja (Kabupaten Lumajang)"
    assert names.instansi_name(BALANGAN, catalogue) == \
        "Satuan  Polisi Pamong\nPraja (Kabupaten Balangan)"
    assert names.instansi_name(DINAS, catalogue) == "Dinas Kominfo"
    alone = Catalogue((LUMAJANG,), ())
    assert names.instansi_name(LUMAJANG, alone) == "Satuan Polisi Pamong Praja"


def test_a_government_without_more_than_its_prefix_is_kept_whole() -> None:
    assert names.government(DINAS) == "Pemerintah"
    assert names.government(_agency("x", "X", "Pemerintah  ")) == "Pemerintah  "
    assert names.government(_agency("x", "X", "Pemkab Jember")) == "Pemkab Jember"


def test_same_named_sops_have_different_titles() -> None:
    sops = (
        _sop("satpolpp-balangan", "data", "PENGUMPULAN DATA KINERJA", "1/2020"),
        _sop("satpolpp-lumajang", "data", "PENGUMPULAN DATA KINERJA", "2/2020"),
        _sop("satpolpp-lumajang", "data-baru", "PENGUMPULAN  DATA KINERJA"),
        _sop("satpolpp-lumajang", "lain", "Pengumpulan Data Kinerja", "3/2020"),
    )
    catalogue = Catalogue((LUMAJANG, BALANGAN), sops)
    titles = [names.sop_title(sop, catalogue) for sop in sops]
    assert titles == [
        "PENGUMPULAN DATA KINERJA \u2014 Satuan  Polisi Pamong\nPraja (Kabupaten Balangan)",
        "PENGUMPULAN DATA KINERJA (2/2020) \u2014 Satuan Polisi Pamong Praja "
        "(Kabupaten Lumajang)",
        # A draft has no Nomor yet: its file name tells it apart.
        "PENGUMPULAN  DATA KINERJA (data-baru) \u2014 Satuan Polisi Pamong Praja "
        "(Kabupaten Lumajang)",
        # Letter case does tell names apart.
        "Pengumpulan Data Kinerja \u2014 Satuan Polisi Pamong Praja (Kabupaten Lumajang)",
    ]
