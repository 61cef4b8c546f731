"""Open data: the catalogue as JSON (everything) and CSV (the identity fields).

For Satu Data Indonesia and for provinces that aggregate their kabupaten's catalogues. Values
are exactly as the editors wrote them; dates are ISO (``YYYY-MM-DD`` or ``YYYY-MM``). Beside
``dasar_hukum`` (the texts as written), ``dasar_hukum_peraturan`` holds, entry by entry, the
regulations read from each text (``read.legal``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from typing import Any

from ..model import (
    Catalogue,
    Instansi,
    Keputusan,
    Keterkaitan,
    Langkah,
    PartialDate,
    Sop,
    SopRef,
)
from ..read import waktu
from ..read.legal.citations import Citation, resolve
from ..read.legal.citations import parse as parse_citations

CSV_COLUMNS = (
    "instansi", "nama_instansi", "pemerintah", "sop", "nomor", "nama", "status",
    "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif", "tanggal_pengesahan",
    "disahkan_oleh_jabatan", "disahkan_oleh_nama", "disahkan_oleh_nip", "jumlah_langkah",
    "jumlah_waktu", "alamat_halaman",
)


def _date(value: PartialDate | None) -> str | None:
    return value.iso() if value else None


def _related(item: Keterkaitan) -> Any:
    return {"sop": item.key} if isinstance(item, SopRef) else item


def _step(step: Langkah) -> dict[str, Any]:
    """One step; ``lanjut`` and ``pilihan`` (contract v2) only where the editor wrote them,
    so that a v1 file's record is what it always was."""
    record: dict[str, Any] = {
        "nomor": step.nomor,
        "id": step.id,
        "kegiatan": step.kegiatan,
        "pelaksana": list(step.pelaksana),
        "kelengkapan": list(step.kelengkapan),
        "waktu": step.waktu,
        "output": list(step.output),
        "keterangan": step.keterangan,
        "keputusan": _decision(step.keputusan),
    }
    if step.lanjut is not None:
        record["lanjut"] = step.lanjut
    return record


def _decision(decision: Keputusan | None) -> dict[str, Any] | None:
    if decision is None:
        return None
    if decision.pilihan:
        return {"pertanyaan": decision.pertanyaan,
                "pilihan": [{"label": item.label, "ke": item.ke} for item in decision.pilihan]}
    return {"pertanyaan": decision.pertanyaan, "ya": decision.ya, "tidak": decision.tidak}


def _citation(citation: Citation, pemerintah: str, catalogue: Catalogue) -> dict[str, Any]:
    """One regulation read from a ``dasar_hukum`` entry: the parse (pieces of the text as
    written, kind, number, year) and what the catalogue makes of it; every key always
    present, null where it does not apply, like the rest of the record."""
    regulation = resolve(citation, pemerintah)
    revocation = catalogue.revocation(regulation.key)
    return {
        "teks": citation.text,
        "sebelum": citation.before,
        "sesudah": citation.rest,
        "jenis": citation.kind,
        "nomor": citation.number,
        "tahun": citation.year,
        "penerbit": citation.issuer,
        "daerah": citation.region,
        "nama": regulation.name,
        "tautan": regulation.link,
        "dicabut_oleh": revocation.dicabut_oleh if revocation is not None else None,
    }


def sop_record(sop: Sop, address: str, catalogue: Catalogue) -> dict[str, Any]:
    """Everything an SOP file holds, as plain JSON values."""
    signer = sop.disahkan_oleh
    decree = sop.penetapan
    total, uncounted = waktu.total(step.waktu for step in sop.langkah)
    pemerintah = catalogue.agency(sop.instansi).pemerintah
    return {
        "instansi": sop.instansi,
        "sop": sop.slug,
        "alamat_halaman": address,
        "nomor": sop.nomor,
        "nama": sop.nama,
        "status": sop.status.value,
        "diganti_oleh": sop.diganti_oleh.key if sop.diganti_oleh else None,
        "tanggal": {
            "pembuatan": _date(sop.tanggal.pembuatan),
            "revisi": _date(sop.tanggal.revisi),
            "efektif": _date(sop.tanggal.efektif),
            "pengesahan": _date(sop.tanggal.pengesahan),
        },
        "disahkan_oleh": None if signer is None else {
            "jabatan": signer.jabatan, "nama": signer.nama, "nip": signer.nip,
            "pangkat": signer.pangkat,
        },
        "penetapan": None if decree is None else {
            "nomor": decree.nomor, "tanggal": _date(decree.tanggal), "tentang": decree.tentang,
        },
        "dasar_hukum": list(sop.dasar_hukum),
        "dasar_hukum_peraturan": [
            [_citation(citation, pemerintah, catalogue) for citation in parse_citations(entry)]
            for entry in sop.dasar_hukum],
        "kualifikasi_pelaksana": list(sop.kualifikasi_pelaksana),
        "keterkaitan": [_related(item) for item in sop.keterkaitan],
        "peralatan_perlengkapan": list(sop.peralatan_perlengkapan),
        "peringatan": list(sop.peringatan),
        "pencatatan_pendataan": list(sop.pencatatan_pendataan),
        "pelaksana": list(sop.pelaksana),
        "langkah": [_step(step) for step in sop.langkah],
        "jumlah_waktu": total or None,
        "waktu_tidak_terhitung": uncounted,
    }


def catalogue_json(catalogue: Catalogue, agencies: Iterable[Instansi], built: dt.date,
                   address: dict[str, str]) -> str:
    """The JSON document of the given instansi and all their SOPs."""
    document = {
        "katalog": "Katalog SOP",
        "dibangun": built.isoformat(),
        "instansi": [
            {
                "instansi": agency.slug,
                "nama": agency.nama,
                "pemerintah": agency.pemerintah,
                "singkatan": agency.singkatan,
                "alamat": agency.alamat,
                "situs": agency.situs,
                "sop": [sop_record(sop, address[sop.key], catalogue)
                        for sop in catalogue.sops_of(agency.slug)],
            }
            for agency in agencies
        ],
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def identity_csv(catalogue: Catalogue, agencies: Iterable[Instansi],
                 address: dict[str, str]) -> str:
    """One CSV row per SOP with its identity fields (UTF-8, comma-separated, RFC 4180)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for agency in agencies:
        for sop in catalogue.sops_of(agency.slug):
            signer = sop.disahkan_oleh
            total, _ = waktu.total(step.waktu for step in sop.langkah)
            writer.writerow([
                agency.slug, agency.nama, agency.pemerintah, sop.slug, sop.nomor or "", sop.nama,
                sop.status.value, _date(sop.tanggal.pembuatan) or "",
                _date(sop.tanggal.revisi) or "", _date(sop.tanggal.efektif) or "",
                _date(sop.tanggal.pengesahan) or "", signer.jabatan if signer else "",
                (signer.nama or "") if signer else "", (signer.nip or "") if signer else "",
                len(sop.langkah), total, address[sop.key],
            ])
    return out.getvalue()
