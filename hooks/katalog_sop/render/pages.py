"""The generated pages as Markdown text: pure functions from the model to ``str``.

Editor text only ever enters through ``escape.html`` (inside raw HTML blocks, which Markdown
leaves alone) or ``escape.mermaid``. Links are relative and assume directory URLs:
an instansi lives at ``<instansi>/``, an SOP at ``<instansi>/<sop>/``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote, urljoin

from ..model import Catalogue, Instansi, Langkah, PartialDate, Sop, SopRef, Status
from ..problems import Problem, Rule
from ..read import waktu
from . import escape, mermaid, opendata, qr, text
from .escape import html

DASH = "\u2014"
DATA_DIR = "data"
ALL_DATA = "katalog-sop"


@dataclass(frozen=True)
class GeneratedPage:
    """A page to add to the site: where it lives, its Markdown, and its YAML source."""

    src_uri: str
    markdown: str
    source: str
    in_nav: bool


@dataclass(frozen=True)
class SiteContext:
    """What pages need to know about the site they are published on."""

    built: dt.date
    site_url: str = ""
    """The canonical address of the site's root (``https://.../``), or empty if unknown."""
    edit_base: str = ""
    """Where editors change files: the repository root of an edit URL, or empty."""
    pdf: bool = False
    """Whether the build also writes ``<sop>.pdf`` beside each SOP page."""

    def url(self, path: str) -> str | None:
        """The canonical address of a site path such as ``instansi/sop/``."""
        return urljoin(self.site_url.rstrip("/") + "/", path) if self.site_url else None

    def edit_url(self, repo_path: str) -> str | None:
        """Where an editor changes ``repo_path`` (a path from the repository root)."""
        return urljoin(self.edit_base.rstrip("/") + "/", repo_path) if self.edit_base else None


def plan(catalogue: Catalogue, context: SiteContext) -> list[GeneratedPage]:
    """Every generated page of the catalogue, in a stable order."""
    pages = []
    for agency in catalogue.instansi:
        pages.append(GeneratedPage(f"{agency.slug}/index.md", instansi_page(agency, catalogue),
                                   agency.source, in_nav=True))
        for sop in catalogue.sops_of(agency.slug):
            pages.append(GeneratedPage(f"{sop.instansi}/{sop.slug}.md",
                                       sop_page(sop, catalogue, context), sop.source,
                                       in_nav=False))
    return pages


def open_data(catalogue: Catalogue, context: SiteContext) -> list[tuple[str, str]]:
    """The open-data files ``(site path, content)``: all SOPs, then each instansi."""
    address = {sop.key: context.url(f"{sop.instansi}/{sop.slug}/") or
               f"{sop.instansi}/{sop.slug}/" for sop in catalogue.sops}
    files = [
        (f"{DATA_DIR}/{ALL_DATA}.json",
         opendata.catalogue_json(catalogue, catalogue.instansi, context.built, address)),
        (f"{DATA_DIR}/{ALL_DATA}.csv",
         opendata.identity_csv(catalogue, catalogue.instansi, address)),
    ]
    for agency in catalogue.instansi:
        files.append((f"{DATA_DIR}/{agency.slug}.json",
                      opendata.catalogue_json(catalogue, [agency], context.built, address)))
        files.append((f"{DATA_DIR}/{agency.slug}.csv",
                      opendata.identity_csv(catalogue, [agency], address)))
    return files


def _data_links(prefix: str, name: str) -> str:
    return (f'<a href="{prefix}{DATA_DIR}/{name}.json" download>JSON</a> (seluruh isi SOP) '
            f'\u00b7 <a href="{prefix}{DATA_DIR}/{name}.csv" download>CSV</a> (identitas SOP)')


def _front_matter(title: str, **extra: object) -> str:
    # The title is stored HTML-escaped: Material prints page.meta.title unescaped into both
    # <title> and the header, so the escaped form is what keeps either from being markup.
    lines = ["---", f"title: {json.dumps(html(title), ensure_ascii=False)}"]
    lines += [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in extra.items()]
    lines.append("---")
    return "\n".join(lines)


def _blocks(*blocks: str) -> str:
    return "\n\n".join(block for block in blocks if block) + "\n"


# --- SOP page ---


def sop_page(sop: Sop, catalogue: Catalogue, context: SiteContext) -> str:
    """The page of one SOP: header, identity table, sections, diagram, procedure table.

    The body is one raw HTML block (no blank line inside), so Markdown never reads it.
    """
    agency = catalogue.agency(sop.instansi)
    address = context.url(f"{sop.instansi}/{sop.slug}/")
    body = "\n".join(part for part in (
        f'<div class="sop-halaman" data-status="{sop.status.value}" data-pagefind-body>',
        _watermark(sop, catalogue),
        f'<p class="sop-jejak" data-pagefind-ignore><a href="../">{html(agency.nama)}</a></p>',
        # What search results show and filter by: the instansi with its government (two
        # agencies often share a name), read by Pagefind from this element's text.
        f'<p hidden data-pagefind-meta="instansi">{html(search_label(agency))}</p>',
        # Pagefind decodes character references in this text once more than a browser does,
        # and its UI shows filter values as HTML: so the stored value must be the escaped
        # label (search_filter), written here escaped twice over.
        f'<p hidden data-pagefind-filter="instansi">{html(html(search_filter(agency)))}</p>',
        _actions(sop, context),
        _status_block(sop, catalogue),
        _kop(sop, agency, address),
        _sections(sop, catalogue),
        '<section class="sop-alur" data-pagefind-ignore><h2 id="diagram-alir">Diagram Alir</h2>'
        '<div class="sop-diagram"><pre class="mermaid"><code>'
        + "\n".join(html(line) for line in mermaid.diagram(sop).splitlines())
        + "</code></pre></div>"
        '<p class="sop-diagram__tunggu">Diagram alir belum selesai dimuat saat dicetak; '
        "tunggu sebentar lalu cetak ulang.</p></section>",
        '<section class="sop-uraian"><h2 id="uraian-prosedur">Uraian Prosedur</h2>'
        + _procedure_table(sop) + "</section>",
        _source_line(sop, context.edit_url(sop.source)),
        _print_footer(sop, address, context),
        "</div>",
    ) if part)
    return _blocks(_front_matter(sop.nama, hide=["navigation", "toc"]), body)


def _actions(sop: Sop, context: SiteContext) -> str:
    buttons = ['<button type="button" class="md-button sop-aksi__cetak" data-katalog-cetak>'
               "Cetak</button>"]
    if context.pdf:
        buttons.append(f'<a class="md-button sop-aksi__pdf" href="{sop.slug}.pdf" download>'
                       "Unduh PDF</a>")
    return f'<p class="sop-aksi" data-pagefind-ignore>{"".join(buttons)}</p>'


def _watermark(sop: Sop, catalogue: Catalogue) -> str:
    if sop.status is Status.DRAF:
        return ('<div class="sop-tanda-air" aria-hidden="true" data-pagefind-ignore>'
                "<span>DRAF</span></div>")
    if sop.status is Status.DICABUT:
        note = ""
        target = catalogue.sop(sop.diganti_oleh.key) if sop.diganti_oleh else None
        if target is not None:
            replacement = html(target.nama) + (f" ({html(target.nomor)})" if target.nomor else "")
            note = f"<small>Diganti oleh SOP {replacement}</small>"
        return ('<div class="sop-tanda-air" aria-hidden="true" data-pagefind-ignore>'
                f"<span>DICABUT{note}</span></div>")
    return ""


def _print_footer(sop: Sop, address: str | None, context: SiteContext) -> str:
    """The running footer of every printed page, in the page margin (CSS margin boxes).

    Margin boxes take only literal text, so the text is written into a generated rule;
    every piece of it passes ``escape.css_string``.
    """
    built = PartialDate(context.built.year, context.built.month, context.built.day)
    parts = [f"Nomor SOP: {sop.nomor or DASH}", sop.nama]
    if address:
        parts.append(address)
    parts.append(f"Dibangun {text.tanggal(built)}")
    footer = escape.css_string("  \u00b7  ".join(parts))
    return f"<style>@page sop {{ @bottom-left {{ content: {footer}; }} }}</style>"


def search_label(agency: Instansi) -> str:
    """How search results name an instansi: its name and its government."""
    return f"{agency.nama} \u2014 {agency.pemerintah}"


def search_filter(agency: Instansi) -> str:
    """The instansi's value in the search filter, as Pagefind stores it: whitespace folded
    and, since its UI shows filter values as HTML, escaped."""
    return html(" ".join(search_label(agency).split()))


def _status_block(sop: Sop, catalogue: Catalogue) -> str:
    if sop.status is Status.DRAF:
        return ('<div class="admonition warning sop-status sop-status--draf">'
                '<p class="admonition-title">Draf</p>'
                "<p>SOP ini masih draf: belum disahkan dan belum berlaku.</p></div>")
    if sop.status is Status.DICABUT:
        replacement = ""
        if sop.diganti_oleh is not None:
            replacement = f" Digantikan oleh {_sop_link(sop.diganti_oleh, sop, catalogue)}."
        return ('<div class="admonition danger sop-status sop-status--dicabut">'
                '<p class="admonition-title">Dicabut</p>'
                f"<p>SOP ini sudah dicabut dan tidak berlaku lagi.{replacement}</p></div>")
    return ""


def _kop(sop: Sop, agency: Instansi, address: str | None) -> str:
    rows = [
        ("Nomor SOP", f'<span data-pagefind-meta="nomor">{html(sop.nomor)}</span>'
         if sop.nomor else DASH),
        ("Tanggal Pembuatan", text.tanggal(sop.tanggal.pembuatan) or DASH),
        ("Tanggal Revisi", text.tanggal(sop.tanggal.revisi) or DASH),
    ]
    if sop.tanggal.efektif or not sop.tanggal.pengesahan:
        rows.append(("Tanggal Efektif", text.tanggal(sop.tanggal.efektif) or DASH))
    if sop.tanggal.pengesahan:
        rows.append(("Tanggal Pengesahan", text.tanggal(sop.tanggal.pengesahan)))
    rows.append(("Disahkan oleh", _pengesah(sop)))
    if sop.penetapan is not None:
        rows.append(("Penetapan", _penetapan(sop)))
    rows.append(("Nama SOP",
                 f'<strong class="sop-nama" data-pagefind-meta="title">{html(sop.nama)}</strong>'))
    body = "".join(f'<tr><th scope="row">{label}</th><td>{value}</td></tr>'
                   for label, value in rows)
    status = text.STATUS_LABELS[sop.status]
    return (
        f'<div class="sop-kop" data-status="{sop.status.value}">'
        '<div class="sop-kop__instansi">'
        f'<p class="sop-kop__pemerintah">{html(agency.pemerintah)}</p>'
        f'<p class="sop-kop__nama-instansi">{html(agency.nama)}</p>'
        f'<p class="sop-kop__status">Status: {status}</p>'
        + (f'<div class="sop-qr">{qr.svg(address)}</div>' if address else "")
        + "</div>"
        f'<table class="sop-identitas"><tbody>{body}</tbody></table>'
        "</div>"
    )


def _pengesah(sop: Sop) -> str:
    signer = sop.disahkan_oleh
    if signer is None:
        return DASH
    parts = [f'<span class="sop-pengesah__jabatan">{html(signer.jabatan)}</span>']
    if signer.nama:
        parts.append(f'<span class="sop-pengesah__nama">{html(signer.nama)}</span>')
    if signer.pangkat:
        parts.append(f'<span class="sop-pengesah__pangkat">{html(signer.pangkat)}</span>')
    if signer.nip:
        parts.append(f'<span class="sop-pengesah__nip">NIP. {html(signer.nip)}</span>')
    return "<br>".join(parts)


def _penetapan(sop: Sop) -> str:
    decree = sop.penetapan
    assert decree is not None
    parts = []
    if decree.nomor:
        parts.append(f"Nomor {html(decree.nomor)}")
    if decree.tanggal:
        parts.append(f"tanggal {text.tanggal(decree.tanggal)}")
    if decree.tentang:
        parts.append(f"tentang {html(decree.tentang)}")
    return " ".join(parts) or DASH


def _sections(sop: Sop, catalogue: Catalogue) -> str:
    related = [
        _sop_link(item, sop, catalogue) if isinstance(item, SopRef) else html(item)
        for item in sop.keterkaitan
    ]
    pairs = [
        ("dasar-hukum", "Dasar Hukum", [html(t) for t in sop.dasar_hukum]),
        ("kualifikasi-pelaksana", "Kualifikasi Pelaksana",
         [html(t) for t in sop.kualifikasi_pelaksana]),
        ("keterkaitan", "Keterkaitan", related),
        ("peralatan-perlengkapan", "Peralatan/Perlengkapan",
         [html(t) for t in sop.peralatan_perlengkapan]),
        ("peringatan", "Peringatan", [html(t) for t in sop.peringatan]),
        ("pencatatan-pendataan", "Pencatatan dan Pendataan",
         [html(t) for t in sop.pencatatan_pendataan]),
    ]
    sections = "".join(
        f'<section class="sop-bagian__isi" aria-labelledby="{anchor}">'
        f'<h2 id="{anchor}">{title}</h2>{_ordered(items)}</section>'
        for anchor, title, items in pairs
    )
    return f'<div class="sop-bagian">{sections}</div>'


def _ordered(items: list[str]) -> str:
    if not items:
        return f'<p class="sop-kosong">{DASH}</p>'
    return "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"


def _sop_link(ref: SopRef, page_sop: Sop, catalogue: Catalogue) -> str:
    target = catalogue.sop(ref.key)
    if target is None:
        # Only in a standalone site of one instansi: the loader checked that the file exists.
        return f"SOP {html(ref.slug)} (instansi {html(ref.instansi)})"
    href = (f"../{ref.slug}/" if ref.instansi == page_sop.instansi
            else f"../../{ref.instansi}/{ref.slug}/")
    label = f"SOP {html(target.nama)}"
    if target.nomor:
        label += f" ({html(target.nomor)})"
    return f'<a class="sop-tautan" href="{href}">{label}</a>'


def _procedure_table(sop: Sop) -> str:
    head = (
        "<thead>"
        '<tr><th rowspan="2" scope="col">No</th><th rowspan="2" scope="col">Kegiatan</th>'
        '<th rowspan="2" scope="col">Pelaksana</th><th colspan="3" scope="colgroup">Mutu Baku'
        '</th><th rowspan="2" scope="col">Keterangan</th></tr>'
        '<tr><th scope="col">Kelengkapan</th><th scope="col">Waktu</th>'
        '<th scope="col">Output</th></tr>'
        "</thead>"
    )
    rows = "".join(_step_row(step, sop) for step in sop.langkah)
    total, uncounted = waktu.total(step.waktu for step in sop.langkah)
    total_text = html(total) if total else DASH
    if uncounted:
        listed = "; ".join(html(value) for value in uncounted)
        total_text += f'<br><span class="sop-catatan">tidak terhitung: {listed}</span>'
    foot = (f'<tfoot><tr><th colspan="4" scope="row">Jumlah waktu</th>'
            f'<td class="sop-jumlah-waktu" colspan="3">{total_text}</td></tr></tfoot>')
    return (f'<div class="sop-tabel"><table class="sop-prosedur">{head}'
            f"<tbody>{rows}</tbody>{foot}</table></div>")


def _step_row(step: Langkah, sop: Sop) -> str:
    kegiatan = html(step.kegiatan)
    if step.keputusan is not None:
        decision = step.keputusan
        question = f"{html(decision.pertanyaan)} " if decision.pertanyaan else ""
        kegiatan += (f'<span class="sop-keputusan">{question}'
                     f"Ya: {_target_text(decision.ya, sop)}; "
                     f"Tidak: {_target_text(decision.tidak, sop)}</span>")
    cells = [
        f'<td class="sop-no">{step.nomor}</td>',
        f"<td>{kegiatan}</td>",
        f"<td>{'<br>'.join(html(name) for name in step.pelaksana)}</td>",
        f"<td>{_cell_list(step.kelengkapan)}</td>",
        f"<td>{html(step.waktu) if step.waktu else ''}</td>",
        f"<td>{_cell_list(step.output)}</td>",
        f"<td>{html(step.keterangan) if step.keterangan else ''}</td>",
    ]
    return f'<tr id="langkah-{step.nomor}">{"".join(cells)}</tr>'


def _target_text(target: str | int, sop: Sop) -> str:
    if target == "selesai":
        return "selesai"
    number = target if isinstance(target, int) else next(
        step.nomor for step in sop.langkah if step.id == target)
    return f'<a href="#langkah-{number}">langkah {number}</a>'


def _cell_list(items: tuple[str, ...]) -> str:
    if len(items) <= 1:
        return "".join(html(item) for item in items)
    return "<ul>" + "".join(f"<li>{html(item)}</li>" for item in items) + "</ul>"


def _source_line(sop: Sop, edit_url: str | None) -> str:
    if edit_url:
        link = (f'<a class="sop-sunting" href="{html(edit_url)}">'
                f"Ubah berkas sumber {html(sop.source)}</a>")
    else:
        link = f"Berkas sumber: <code>{html(sop.source)}</code>"
    return f'<p class="sop-sumber" data-pagefind-ignore>{link}</p>'


# --- instansi and home ---


def instansi_page(agency: Instansi, catalogue: Catalogue) -> str:
    """The page of one instansi: its details and the table of its SOPs."""
    details = [f'<p class="instansi-pemerintah">{html(agency.pemerintah)}</p>']
    if agency.singkatan:
        details.append(f"<p>Singkatan: {html(agency.singkatan)}</p>")
    if agency.alamat:
        details.append(f"<p>Alamat: {html(agency.alamat)}</p>")
    if agency.situs:
        details.append(f'<p>Situs: <a href="{html(agency.situs)}" rel="nofollow noopener">'
                       f"{html(agency.situs)}</a></p>")
    sops = catalogue.sops_of(agency.slug)
    rows = "".join(
        "<tr>"
        f"<td>{html(sop.nomor) if sop.nomor else DASH}</td>"
        f'<td><a href="{sop.slug}/">{html(sop.nama)}</a></td>'
        f"<td>{text.tanggal(sop.tanggal.efektif or sop.tanggal.pengesahan) or DASH}</td>"
        f'<td><span class="katalog-status katalog-status--{sop.status.value}">'
        f"{text.STATUS_LABELS[sop.status]}</span></td>"
        "</tr>"
        for sop in sops
    )
    table = (
        '<table class="katalog-daftar"><thead><tr><th scope="col">Nomor</th>'
        '<th scope="col">Nama SOP</th><th scope="col">Tanggal Efektif</th>'
        f'<th scope="col">Status</th></tr></thead><tbody>{rows}</tbody></table>'
    )
    search = f"../cari/?instansi={quote(search_filter(agency))}"
    return _blocks(
        _front_matter(agency.nama),
        "".join(details),
        f'<p class="katalog-jumlah">{len(sops)} SOP \u00b7 <a href="{html(search)}">Cari di '
        f"instansi ini</a> \u00b7 Data terbuka: {_data_links('../', agency.slug)}</p>",
        table,
    )


def instansi_table(catalogue: Catalogue) -> str:
    """The home page's list of every instansi with its pemerintah and SOP count."""
    rows = "".join(
        "<tr>"
        f'<td><a href="{agency.slug}/">{html(agency.nama)}</a></td>'
        f"<td>{html(agency.pemerintah)}</td>"
        f'<td class="katalog-angka">{len(catalogue.sops_of(agency.slug))}</td>'
        "</tr>"
        for agency in catalogue.instansi
    )
    return (
        '<table class="katalog-daftar katalog-instansi"><thead><tr>'
        '<th scope="col">Instansi</th><th scope="col">Pemerintah</th>'
        f'<th scope="col">Jumlah SOP</th></tr></thead><tbody>{rows}</tbody></table>\n\n'
        '<h2 id="data-terbuka">Data terbuka</h2>\n\n'
        f'<p class="katalog-data">Seluruh katalog ({len(catalogue.sops)} SOP): '
        f"{_data_links('', ALL_DATA)}. Data setiap instansi tersedia di halaman instansinya. "
        "Isinya persis seperti ditulis penyunting; tanggal dalam bentuk ISO (TTTT-BB-HH).</p>\n"
    )


# --- editor guide and conformance report ---

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_PLACEHOLDER_NAMES = {
    "field": "isian", "detail": "rincian", "offset": "posisi", "size": "ukuran",
    "limit": "batas", "key": "kunci", "first": "baris", "hint": " (maksud Anda ...?)",
    "why": " (alasan)", "raw": "nilai", "reading": "jenis", "expected": "bentuk",
    "found": "yang ditemukan", "value": "nilai", "choices": "pilihan", "name": "nama",
    "revisi": "tanggal revisi", "pembuatan": "tanggal pembuatan", "count": "jumlah",
    "nomor": "nomor langkah", "other": "tempat lain", "missing": "yang belum diisi",
    "efektif": "tanggal efektif",
}


def _template_text(template: str) -> str:
    """A message template with its placeholders shown as «words» for the guide."""
    parts = []
    last = 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(html(template[last:match.start()]))
        name = _PLACEHOLDER_NAMES.get(match[1], match[1])
        if name.startswith(" ("):
            parts.append(f"<em>{html(name)}</em>")
        else:
            parts.append(f"<em>\u00ab{html(name)}\u00bb</em>")
        last = match.end()
    parts.append(html(template[last:]))
    return "".join(parts)


def rules_reference(rules: Iterable[Rule]) -> str:
    """The guide's list of every message with its fix, from the same table as the messages."""
    rules = list(rules)
    sections = []
    for warning, title, intro in (
        (False, "Pesan kesalahan", "Kesalahan menghentikan pembangunan situs sampai diperbaiki."),
        (True, "Peringatan kesesuaian", "Peringatan adalah saran dari Permenpan RB 35/2012; "
         "situs tetap dibangun, dan semua peringatan tampil di Laporan Kesesuaian."),
    ):
        rows = "".join(
            f'<tr id="aturan-{rule.code}"><td><code>{rule.code}</code></td>'
            f"<td>{_template_text(rule.template)}</td><td>{html(rule.fix)}</td></tr>"
            for rule in rules if rule.warning is warning
        )
        sections.append(
            f'<h2 id="{"peringatan" if warning else "kesalahan"}">{title}</h2>\n\n'
            f"<p>{intro}</p>\n\n"
            '<table class="katalog-daftar katalog-aturan"><thead><tr><th scope="col">Kode</th>'
            '<th scope="col">Pesan</th><th scope="col">Cara memperbaiki</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )
    return "\n\n".join(sections) + "\n"


def warnings_report(warnings: Iterable[Problem], catalogue: Catalogue) -> str:
    """The conformance report: every warning, grouped by SOP, linked to its page."""
    by_source: dict[str, list[Problem]] = {}
    for item in warnings:
        by_source.setdefault(item.path, []).append(item)
    sops = {sop.source: sop for sop in catalogue.sops}
    blocks = [
        _front_matter("Laporan Kesesuaian"),
        "<p>Saran penulisan SOP menurut Permenpan RB 35/2012 yang belum dipenuhi. Peringatan "
        "tidak menghentikan pembangunan situs; perbaiki bila dokumen aslinya memang "
        'memungkinkan. Penjelasan setiap peringatan ada di <a href="../panduan-penyunting/'
        '#peringatan">Panduan Penyunting</a>.</p>',
        f'<p class="katalog-jumlah">{sum(len(v) for v in by_source.values())} peringatan pada '
        f"{len(by_source)} berkas.</p>",
    ]
    for source in sorted(by_source):
        sop = sops.get(source)
        heading = (f'<a href="../{sop.instansi}/{sop.slug}/">{html(sop.nama)}</a>'
                   if sop else html(source))
        items = "".join(f"<li><code>{html(source)}:{item.line}</code> {html(item.message)}</li>"
                        for item in by_source[source])
        blocks.append(f'<section class="katalog-laporan"><h2>{heading}</h2>'
                      f"<ul>{items}</ul></section>")
    return _blocks(*blocks)
