"""The real catalogue built by a real ``mkdocs build --strict``."""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path

from test_properties_support import Element, parse_html

from conftest import ROOT, SOP_KEYS
from katalog_sop.model import Catalogue


def test_seed_catalogue_has_eight_sops_in_five_instansi(real_catalogue: Catalogue) -> None:
    assert len(real_catalogue.sops) == 8
    assert sorted(a.slug for a in real_catalogue.instansi) == [
        "dpmptsp-lumajang", "kecamatan-pakusari", "kecamatan-sumbersuko",
        "satpolpp-balangan", "satpolpp-lumajang",
    ]
    # The keys other test files are parametrized with are exactly the catalogue's SOPs.
    assert sorted(sop.key for sop in real_catalogue.sops) == list(SOP_KEYS)


def test_every_sop_and_instansi_has_a_page(real_catalogue: Catalogue, built_site: Path) -> None:
    for sop in real_catalogue.sops:
        page = (built_site / sop.instansi / sop.slug / "index.html").read_text()
        assert 'class="mermaid"' in page
        assert "Bagan Alir" in page
    for agency in real_catalogue.instansi:
        page = (built_site / agency.slug / "index.html").read_text()
        for sop in real_catalogue.sops_of(agency.slug):
            assert f'href="{sop.slug}/"' in page


def _links_outside_content(page: Path, site: Path) -> set[str]:
    """Every link of a page outside its <article> (navigation, header), as site paths."""
    html = re.sub(r"<article.*?</article>", "", page.read_text(), flags=re.S)
    base = "/" + page.parent.relative_to(site).as_posix() + "/"
    hrefs = re.findall(r'href="([^"#:]*)"', html)
    return {posixpath.normpath(posixpath.join(base, href)) + "/" for href in hrefs
            if not href.endswith((".css", ".png"))}


def test_sop_pages_stay_out_of_the_navigation(real_catalogue: Catalogue,
                                              built_site: Path) -> None:
    sop_paths = {f"/{sop.instansi}/{sop.slug}/" for sop in real_catalogue.sops}
    instansi_paths = {f"/{agency.slug}/" for agency in real_catalogue.instansi}
    for page in built_site.rglob("index.html"):
        links = _links_outside_content(page, built_site)
        assert not links & sop_paths, page
        assert instansi_paths <= links, page


def test_mermaid_loads_only_where_there_is_a_diagram(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        html = page.read_text()
        has_diagram = '<pre class="mermaid">' in html
        assert ("mermaid.min.js" in html) == has_diagram, page


def test_no_page_refers_to_another_host_for_assets(built_site: Path) -> None:
    pattern = re.compile(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//', re.I)
    for page in built_site.rglob("*.html"):
        assert not pattern.search(page.read_text()), page
    for css in built_site.rglob("*.css"):
        assert "fonts.googleapis" not in css.read_text(), css


def test_vendored_mermaid_is_the_recorded_file() -> None:
    folder = ROOT / "docs" / "assets" / "vendor" / "mermaid"
    recorded = dict(
        line.split(":", 1) for line in (folder / "VENDOR.txt").read_text().splitlines()
        if ":" in line and not line.startswith(" ")
    )
    digest = hashlib.sha256((folder / "mermaid.min.js").read_bytes()).hexdigest()
    assert recorded["sha256"].strip() == digest
    assert int(recorded["version"].strip().split(".")[0]) >= 11
    assert Path(folder / "LICENSE.txt").read_text().startswith("The MIT License")


def _parsed_pages(site: Path) -> dict[str, Element]:
    return {page.relative_to(site).as_posix(): parse_html(page.read_text())
            for page in site.rglob("*.html")}


def test_every_page_has_its_own_title(built_site: Path) -> None:
    titles: dict[str, list[str]] = {}
    for path, doc in _parsed_pages(built_site).items():
        titles.setdefault(" ".join(doc.one("title").text.split()), []).append(path)
    assert {title: paths for title, paths in titles.items() if len(paths) > 1} == {}


def test_sop_titles_name_the_sop_and_its_instansi(real_catalogue: Catalogue,
                                                  built_site: Path) -> None:
    for sop in real_catalogue.sops:
        doc = parse_html((built_site / sop.instansi / sop.slug / "index.html").read_text())
        agency = real_catalogue.agency(sop.instansi)
        title = doc.one("title").text
        assert title.startswith(f"{sop.nama} \u2014 {agency.nama}"), title
        assert title.endswith(" - Katalog SOP"), title
        # The heading and the header name the SOP alone.
        assert doc.one("h1").text == sop.nama


def test_nav_entries_are_unique_and_name_repeated_instansi_with_their_government(
        real_catalogue: Catalogue, built_site: Path) -> None:
    for path, doc in _parsed_pages(built_site).items():
        nav = doc.one("nav", "md-nav--primary")
        entries = [" ".join(link.text.split()) for link in nav.find_all("a", "md-nav__link")]
        assert len(entries) == len(set(entries)), (path, entries)
    home = parse_html((built_site / "index.html").read_text())
    home_entries = {" ".join(link.text.split()) for link in
                    home.one("nav", "md-nav--primary").find_all("a", "md-nav__link")}
    # The seed catalogue has two instansi named Satuan Polisi Pamong Praja.
    assert {"Satuan Polisi Pamong Praja (Kabupaten Balangan)",
            "Satuan Polisi Pamong Praja (Kabupaten Lumajang)"} <= home_entries
    assert "Kecamatan Pakusari" in home_entries


def test_sop_pages_lead_back_through_a_breadcrumb(real_catalogue: Catalogue,
                                                  built_site: Path) -> None:
    for sop in real_catalogue.sops:
        doc = parse_html((built_site / sop.instansi / sop.slug / "index.html").read_text())
        crumbs = doc.one("nav", "sop-jejak").find_all("li")
        assert len(crumbs) == 3 and crumbs[0].text == "Beranda"
        assert crumbs[0].one("a").attrs["href"] == "../../"
        assert crumbs[1].one("a").attrs["href"] == "../"
        assert crumbs[1].text.startswith(real_catalogue.agency(sop.instansi).nama)
        assert crumbs[2].text == sop.nama and crumbs[2].attrs["aria-current"] == "page"
