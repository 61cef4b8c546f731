"""Settings are read once, typed, and refused with a message naming the setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_project, mkdocs_build
from katalog_sop import settings


def _read(extra: dict[str, object] | None = None, site_url: str = "",
          environment: dict[str, str] | None = None) -> settings.Settings:
    return settings.read(extra, site_url, environment or {})


def test_defaults_and_values() -> None:
    found = _read({"sops_dir": "sops", "edit_base": "https://github.com/o/r/edit/main/",
                   "pdf": "1", "instansi": "satpolpp-lumajang"},
                  "https://katalog.contoh.go.id/", {"SOURCE_DATE_EPOCH": "86400"})
    assert found.pdf is True and found.instansi == "satpolpp-lumajang"
    assert found.built.isoformat() == "1970-01-02"
    assert found.url("a/b/") == "https://katalog.contoh.go.id/a/b/"
    assert found.page_edit_url("a/b.md", None) == "https://github.com/o/r/edit/main/sops/a/b.yaml"
    assert found.page_edit_url("a/index.md", None) == \
        "https://github.com/o/r/edit/main/sops/a/instansi.yaml"
    assert found.page_edit_url("laporan-kesesuaian.md", None) is None
    empty = _read({"pdf": "", "instansi": "", "edit_base": "", "diagram": ""})
    assert (empty.pdf, empty.instansi, empty.edit_url("x")) == (False, None, None)
    assert (empty.diagram, empty.diagram_svg) == ("", False)
    assert _read({"diagram": "SVG"}).diagram_svg and _read({"diagram": "js"}).diagram == "js"


@pytest.mark.parametrize("extra,site_url,environment,message", [
    ({"pfd": "1"}, "", {}, 'extra.katalog: kunci "pfd" tidak dikenal (maksud Anda "pdf"?)'),
    ({"pdf": "mungkin"}, "", {}, 'extra.katalog.pdf (KATALOG_PDF): "mungkin" tidak dikenal'),
    ({"instansi": "x/"}, "", {}, 'extra.katalog.instansi (KATALOG_INSTANSI): "x/" bukan nama'),
    ({"instansi": ".."}, "", {}, 'extra.katalog.instansi (KATALOG_INSTANSI): ".." bukan nama'),
    ({}, 'https://k.go.id/"><script>alert(1)</script>', {}, "site_url (KATALOG_SITE_URL): "),
    ({}, "javascript:alert(1)", {}, "site_url (KATALOG_SITE_URL): "),
    ({"edit_base": "https://github.com/o/r/edit/main/\" onmouseover=\"x"}, "", {},
     "extra.katalog.edit_base (KATALOG_EDIT_BASE): "),
    ({"diagram": "png"}, "", {}, 'extra.katalog.diagram (KATALOG_DIAGRAM): "png" tidak dikenal; '
     "tulis svg (diagram digambar saat pembangunan), js (digambar di peramban pengunjung) "
     "atau kosongkan (svg bila Chromium ada)"),
    ({"sops_dir": "../rahasia"}, "", {}, 'extra.katalog.sops_dir: "../rahasia" harus folder'),
    ({"sops_dir": "/etc"}, "", {}, 'extra.katalog.sops_dir: "/etc" harus folder'),
    ({}, "", {"SOURCE_DATE_EPOCH": "kemarin"}, 'SOURCE_DATE_EPOCH: "kemarin" harus'),
])
def test_bad_settings_are_named(extra: dict[str, object], site_url: str,
                                environment: dict[str, str], message: str) -> None:
    with pytest.raises(settings.SettingsError) as raised:
        _read(extra, site_url, environment)
    assert str(raised.value).startswith(message), str(raised.value)


@pytest.mark.parametrize("variable,value", [
    ("KATALOG_SITE_URL", 'https://k.go.id/"><script>alert(1)</script>'),
    ("KATALOG_EDIT_BASE", "https://github.com/o/r/edit/main/' autofocus onfocus='x"),
    ("KATALOG_INSTANSI", "x/"),
    ("KATALOG_INSTANSI", ".."),
    ("KATALOG_INSTANSI", "tidak-ada"),
])
def test_build_stops_on_a_bad_setting(variable: str, value: str, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = mkdocs_build(project, tmp_path / "site", env={variable: value})
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    expected = ("sops/tidak-ada:1: berkas ini tidak dibaca: folder instansi ini tidak ada"
                if value == "tidak-ada" else "Pengaturan tidak sah: ")
    assert expected in result.stderr, result.stderr
    assert not (tmp_path / "site" / "index.html").exists()
