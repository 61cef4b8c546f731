"""The page templates: strict about missing values, escaping every editor text, and giving
Markdown whose raw HTML blocks no editor text can break."""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources

import jinja2
import pytest
from markupsafe import Markup

from katalog_sop.model import (
    Catalogue,
    Instansi,
    Keputusan,
    Langkah,
    PartialDate,
    Penetapan,
    Pengesah,
    Revocation,
    Sop,
    SopRef,
    Status,
    Tanggal,
)
from katalog_sop.problems import Problem
from katalog_sop.render import escape, pages, templating

HOSTILE = "<script>alert(\"x\" & 'y')</script>\n\tz"
CONTEXT = pages.SiteContext(built=dt.date(2026, 1, 2), site_url="https://katalog.contoh.go.id/",
                            edit_base="https://github.com/contoh/katalog-sop/edit/main/",
                            pdf=True)
TEMPLATES = {"dasar_hukum.html", "dasar_hukum_sop.html", "instansi_page.html",
             "instansi_table.html", "macros.html", "rules_reference.html", "sop_kop.html",
             "sop_page.html", "sop_bagan.html", "warnings_report.html"}


def _catalogue(text: str, status: Status = Status.BERLAKU) -> tuple[Sop, Catalogue]:
    """One instansi with two SOPs, every editor text of the first one being ``text``."""
    agency = Instansi(slug="dinas-uji", nama=text, pemerintah=text, singkatan=text, alamat=text,
                      situs="https://contoh.go.id/?a=1&b=2", source="sops/dinas-uji/instansi.yaml")
    other = Sop(instansi="dinas-uji", slug="lain", nama=text, status=Status.BERLAKU,
                tanggal=Tanggal(PartialDate(2024, 1)), pelaksana=(text,),
                langkah=(Langkah(nomor=1, kegiatan=text, pelaksana=(text,)),), dasar_hukum=(),
                nomor=text + "2", source="sops/dinas-uji/lain.yaml")
    steps = (
        Langkah(nomor=1, kegiatan=text, pelaksana=(text, "Staf"), kelengkapan=(text, text),
                waktu=text, output=(text,), keterangan=text,
                keputusan=Keputusan(ya=2, tidak="selesai", pertanyaan=text)),
        Langkah(nomor=2, kegiatan=text, pelaksana=("Staf",), waktu="2 jam"),
    )
    sop = Sop(
        instansi="dinas-uji", slug="uji", nama=text, status=status,
        tanggal=Tanggal(PartialDate(2024, 1, 2), pengesahan=PartialDate(2024, 2, 3)),
        pelaksana=(text, "Staf"), langkah=steps, dasar_hukum=(text, text), nomor=text,
        diganti_oleh=SopRef("dinas-uji", "lain") if status is Status.DICABUT else None,
        disahkan_oleh=Pengesah(jabatan=text, nama=text, nip=text, pangkat=text),
        penetapan=Penetapan(nomor=text, tanggal=PartialDate(2024, 3), tentang=text),
        kualifikasi_pelaksana=(text,), keterkaitan=(text, SopRef("dinas-uji", "lain")),
        peralatan_perlengkapan=(text,), peringatan=(text,), pencatatan_pendataan=(text,),
        source="sops/dinas-uji/uji.yaml",
    )
    return sop, Catalogue((agency,), (other, sop))


def _body(page: str) -> str:
    """The part of an SOP page after its front matter (which ends at the first blank line)."""
    front, body = page.split("\n\n", 1)
    assert front.startswith("---\n") and front.endswith("\n---")
    return body


def _outside_pre(html: str) -> list[str]:
    return re.sub(r"<pre\b.*?</pre>", "<pre/>", html, flags=re.S).split("\n")


# --- the environment ---


def test_environment_is_made_once_with_the_required_settings() -> None:
    env = templating.environment()
    assert env is templating.environment()
    assert env.undefined is jinja2.StrictUndefined
    assert env.autoescape is True
    assert env.trim_blocks and env.lstrip_blocks


def test_every_template_is_package_data_and_compiles() -> None:
    folder = resources.files("katalog_sop.render") / "templates"
    assert {entry.name for entry in folder.iterdir()} == TEMPLATES
    for name in TEMPLATES:
        templating.environment().get_template(name)


def test_a_missing_value_is_an_error_not_an_empty_string() -> None:
    env = templating.environment()
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("<p>{{ missing }}</p>").render()
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("<p>{{ agency.nama }}</p>").render(agency=object())
    with pytest.raises(jinja2.UndefinedError):
        templating.render("instansi_table.html", rows=[], data="data/katalog-sop")  # no total


def test_printed_values_are_escaped_text_markup_or_numbers() -> None:
    template = templating.environment().from_string("<p>{{ value }}</p>")
    assert template.render(value=HOSTILE) == f"<p>{escape.html(HOSTILE)}</p>"
    assert template.render(value=HOSTILE) == (
        "<p>&lt;script&gt;alert(&quot;x&quot; &amp; &#x27;y&#x27;)&lt;/script&gt;&#10;&#9;z</p>")
    assert template.render(value=Markup("<b>tebal</b>")) == "<p><b>tebal</b></p>"
    assert template.render(value=42) == "<p>42</p>"
    for wrong in (None, True, 1.5, ["a"]):
        with pytest.raises(TypeError):
            template.render(value=wrong)


def test_no_template_bypasses_the_escaping() -> None:
    folder = resources.files("katalog_sop.render") / "templates"
    for name in TEMPLATES:
        source = (folder / name).read_text(encoding="utf-8")
        # |safe and |e/|escape (markupsafe's escaping, not escape.html), ~ (joins with it).
        assert not re.search(r"\|\s*(safe|e|escape|forceescape|join)\b|~", source), name


# --- the SOP page ---


@pytest.mark.parametrize("status", list(Status))
def test_editor_text_is_escaped_everywhere_on_the_sop_page(status: Status) -> None:
    sop, catalogue = _catalogue(HOSTILE, status)
    page = pages.sop_page(sop, catalogue, CONTEXT)
    body = _body(page)
    escaped = escape.html(HOSTILE)
    assert "&lt;script&gt;" in body and "&#10;" in body and "&#9;" in body
    assert "<script" not in body and "\t" not in page
    # Every text of the SOP and its instansi: nama (x3 with the link texts), pemerintah,
    # breadcrumb, nomor, the four signer fields, penetapan (2), sections (7), kegiatan (2),
    # pertanyaan, pelaksana, kelengkapan (2), waktu, output, keterangan, the uncounted time.
    assert body.count(escaped) >= 25
    for fragment in (f'<strong class="sop-nama" data-pagefind-meta="title">{escaped}</strong>',
                     f"<li>{escaped}</li>", f'<span data-pagefind-meta="nomor">{escaped}</span>',
                     f"Nomor {escaped} tanggal Maret 2024 tentang {escaped}</td>",
                     f'<td class="sop-bagan__kegiatan">{escaped}<span class="sop-keputusan">'
                     f'{escaped} Ya: <a href="#langkah-2">langkah 2</a>; Tidak: selesai</span>'):
        assert fragment in body


@pytest.mark.parametrize("text", ["baris satu\n\n\nbaris dua\n", "\n\n", "a\r\n\r\nb", " \n \n "])
def test_sop_body_is_one_html_block_even_with_blank_lines_in_editor_text(text: str) -> None:
    sop, catalogue = _catalogue(text, Status.DICABUT)
    page = pages.sop_page(sop, catalogue, CONTEXT)
    body = _body(page)
    assert body.startswith('<nav class="sop-jejak"') and body.endswith("</div>\n")
    assert "\n\n" not in body and not re.search(r"\n[ \t]*\n", body)
    assert escape.html(text) in body and "&#10;" in body


def test_sop_body_lines_start_and_end_with_markup_and_keep_editor_spaces() -> None:
    sop, catalogue = _catalogue("  spasi di tepi  ")
    body = _body(pages.sop_page(sop, catalogue, CONTEXT))
    for line in _outside_pre(body.removesuffix("\n")):
        assert line.startswith("<") and line.endswith(">"), line
    assert "<li>  spasi di tepi  </li>" in body
    assert '<td class="sop-bagan__mutu" data-label="Waktu">  spasi di tepi  </td>' in body


def test_the_diagram_keeps_its_lines_exactly() -> None:
    sop, catalogue = _catalogue("Langkah")
    body = _body(pages.sop_page(sop, catalogue, CONTEXT))
    diagram = re.search(r'<pre class="mermaid"><code>(.*?)</code></pre>', body, re.S)
    assert diagram is not None
    assert "\n    automaticLaneOrdering: false\n" in diagram[1]
    assert "\n  subgraph lane1[" in diagram[1]


# --- the other pages ---


def test_instansi_page_and_home_table_escape_editor_text() -> None:
    _, catalogue = _catalogue(HOSTILE)
    escaped = escape.html(HOSTILE)
    agency = catalogue.instansi[0]
    for markdown in (pages.instansi_page(agency, catalogue), pages.instansi_table(catalogue)):
        assert escaped in markdown and "<script" not in markdown and "\t" not in markdown
        for block in markdown.split("\n\n"):
            assert block.strip(" \n") and not re.search(r"\n[ \t]*\n", block)
    page = pages.instansi_page(agency, catalogue)
    assert f"<p>Alamat: {escaped}</p>" in page
    assert 'href="https://contoh.go.id/?a=1&amp;b=2"' in page


def test_reports_escape_messages_and_paths() -> None:
    _, catalogue = _catalogue("Nama")
    warning = Problem("sops/<dinas>/x.yaml", 3, "kode", HOSTILE, warning=True)
    report = pages.warnings_report([warning], catalogue)
    assert f"<li><code>sops/&lt;dinas&gt;/x.yaml:3</code> {escape.html(HOSTILE)}</li>" in report
    assert "<script" not in report and "\t" not in report
    assert "<p class=\"katalog-jumlah\">1 peringatan pada 1 berkas.</p>" in report


# --- the Dasar Hukum pages ---


def _citing_catalogue(text: str, count: int) -> Catalogue:
    """``count`` SOPs whose names and instansi are ``text``, each citing regulations whose
    issuer, region and title hold ``text`` too, one of them revoked."""
    words = "<script>z&y</script>"  # read as the issuer's, and the region's, name
    agency = Instansi(slug="dinas-uji", nama=text, pemerintah=text,
                      source="sops/dinas-uji/instansi.yaml")
    entries = (f"Peraturan Menteri {words} Nomor 1 Tahun 2020 tentang {text}",
               f"Peraturan Bupati {words} Nomor 2 Tahun 2021 tentang {text}",
               "PER-40/PB/2006", f"UU 32/2004 tentang {text}")
    sops = tuple(Sop(instansi="dinas-uji", slug=f"sop-{n}", nama=text, status=Status.DICABUT,
                     tanggal=Tanggal(PartialDate(2024, 1)), pelaksana=("Staf",),
                     langkah=(Langkah(nomor=1, kegiatan="x", pelaksana=("Staf",)),),
                     dasar_hukum=entries, nomor=f"{text}{n}",
                     source=f"sops/dinas-uji/sop-{n}.yaml") for n in range(count))
    revoked = Revocation(text, "UU 23/2014", "https://peraturan.go.id/id/uu-no-23-tahun-2014",
                         ("uu", "", "32", "2004"), ("uu", "", "23", "2014"))
    return Catalogue((agency,), sops, (revoked,))


@pytest.mark.parametrize("count", [1, 11])
def test_editor_text_is_escaped_on_the_dasar_hukum_pages(count: int) -> None:
    generated = pages.legal_pages(_citing_catalogue(HOSTILE, count))
    assert [path for path, _ in generated][1:] == ([] if count == 1 else [
        f"dasar-hukum/{anchor}.md" for anchor in (
            "uu-32-2004", "permen-script-z-y-script-1-2020", "perdirjen-pb-per-40-pb-2006",
            "perbup-kabupaten-script-z-y-script-2-2021")])  # in the index's order
    escaped = escape.html(HOSTILE)
    for path, page in generated:
        body = _body(page)
        assert "<script" not in body and "\t" not in page
        assert escaped in body  # the names of the SOPs and their instansi
        assert (f"tentang {escaped}" in body) is ("perdirjen" not in path)  # no title: bare
        for block in body.split("\n\n"):  # each a raw HTML block, whatever the text holds
            assert block.startswith("<") and block.rstrip("\n").endswith(">"), block
            for line in block.splitlines():
                assert line.startswith("<") and line.endswith(">"), line
    index = _body(generated[0][1])
    assert "Peraturan Menteri &lt;script&gt;z&amp;y&lt;/script&gt; Nomor 1 Tahun 2020" in index
    assert "Peraturan Bupati &lt;script&gt;z&amp;y&lt;/script&gt; Nomor 2 Tahun 2021" in index
    # Each regulation's citing instansi: on the index, or on the list's own page.
    assert index.count(f"<span>{escaped}</span>") == (4 if count == 1 else 0)
    for _, page in generated[1:]:
        assert _body(page).count(f"<span>{escaped}</span>") == 1


def test_long_lists_have_their_own_pages_out_of_the_nav() -> None:
    from katalog_sop.render import site_plan

    plan = site_plan.build(_citing_catalogue("Dinas", 11), [], CONTEXT)
    legal = {page.src_uri: page.in_nav for page in plan.pages
             if page.src_uri.startswith("dasar-hukum")}
    assert legal.pop("dasar-hukum.md") is True
    assert len(legal) == 4 and not any(legal.values())
    index = next(page.markdown for page in plan.pages if page.src_uri == "dasar-hukum.md")
    for path in legal:
        anchor = path.removeprefix("dasar-hukum/").removesuffix(".md")
        assert (f'<h3 id="{anchor}">' in index
                and f'<a href="{anchor}/">lihat daftar SOP</a>' in index), anchor


def test_regulations_whose_anchors_would_clash_get_distinct_ids() -> None:
    catalogue = _citing_catalogue("Dinas", 1)
    sop = catalogue.sops[0]
    written = ("Keputusan Bupati Jember Nomor 3/1 Tahun 2018", "Kepbup Jember No. 3-1 Tahun 2018")
    catalogue = Catalogue(catalogue.instansi, (Sop(**{**sop.__dict__, "dasar_hukum": written}),))
    index = _body(pages.legal_pages(catalogue)[0][1])
    ids = re.findall(r'<h3 id="([^"]+)"', index)
    assert ids == ["kepbup-kabupaten-jember-3-1-2018", "kepbup-kabupaten-jember-3-1-2018-2"]
