"""The build's settings: ``extra.katalog`` of mkdocs.yml (most filled from the environment
with ``!ENV``), read once into a typed object; anything unknown or malformed is an error
that names the setting and its environment variable."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urljoin

from .read.hints import did_you_mean
from .read.reader import is_http_url, is_slug

ENVIRONMENT = {"edit_base": "KATALOG_EDIT_BASE", "pdf": "KATALOG_PDF",
               "instansi": "KATALOG_INSTANSI", "diagram": "KATALOG_DIAGRAM",
               "site_url": "KATALOG_SITE_URL"}
"""The environment variable behind each setting (see mkdocs.yml)."""

KEYS = ("sops_dir", "edit_base", "pdf", "instansi", "diagram")
DIAGRAM_MODES = ("svg", "js")
"""How swimlanes are drawn: at build time as inline SVG, or by Mermaid in the reader's
browser; empty (the default) chooses SVG when Chromium is found (``site.diagrams.choose``)."""
_YES = ("1", "true", "ya")
_NO = ("", "0", "false", "tidak")
_UNSAFE = re.compile(r"[\"'<>`\\\s]")


class SettingsError(Exception):
    """A setting that cannot be used; the message is the Indonesian text to show."""


@dataclass(frozen=True)
class Settings:
    """What the build needs to know, validated."""

    built: dt.date
    sops_dir: str = "sops"
    site_url: str = ""
    """The canonical address of the site's root (``https://.../``), or empty if unknown."""
    edit_base: str = ""
    """Where editors change files: the repository root of an edit URL, or empty."""
    pdf: bool = False
    """Whether the build also writes ``<sop>.pdf`` beside each SOP page."""
    instansi: str | None = None
    """Build the standalone site of this one instansi."""
    diagram: str = ""
    """One of ``DIAGRAM_MODES``, or empty until the hook has chosen (pages then draw in the
    browser, as with "js")."""

    @property
    def diagram_svg(self) -> bool:
        """Whether pages carry their diagram as SVG drawn at build time."""
        return self.diagram == "svg"

    def url(self, path: str) -> str | None:
        """The canonical address of a site path such as ``instansi/sop/``."""
        return urljoin(self.site_url.rstrip("/") + "/", path) if self.site_url else None

    def edit_url(self, repo_path: str) -> str | None:
        """Where an editor changes ``repo_path`` (a path from the repository root)."""
        return urljoin(self.edit_base.rstrip("/") + "/", repo_path) if self.edit_base else None

    def page_edit_url(self, src_uri: str, docs_path: str | None) -> str | None:
        """Where an editor changes the page ``src_uri``: its file in ``docs/`` when it was
        written there (``docs_path``, from the repository root), else its YAML file."""
        if docs_path is not None:
            return self.edit_url(docs_path)
        if src_uri.endswith("/index.md"):
            return self.edit_url(f"{self.sops_dir}/{src_uri.removesuffix('index.md')}"
                                 "instansi.yaml")
        if "/" in src_uri:  # an SOP page; generated pages at the root have no source
            return self.edit_url(f"{self.sops_dir}/{src_uri.removesuffix('.md')}.yaml")
        return None


def read(extra: Mapping[str, Any] | None, site_url: str | None,
         environment: Mapping[str, str]) -> Settings:
    """Validate ``extra.katalog`` and ``site_url``; ``environment`` gives SOURCE_DATE_EPOCH."""
    raw = dict(extra or {})
    for key in raw:
        if key not in KEYS:
            raise SettingsError(f'extra.katalog: kunci "{key}" tidak dikenal'
                                f"{did_you_mean(str(key), KEYS)}; kunci yang sah: "
                                + ", ".join(KEYS))
    values = {key: _text(key, raw.get(key)) for key in KEYS}
    pdf = values["pdf"].lower()
    if pdf not in _YES + _NO:
        raise SettingsError(f"{_name('pdf')}: \"{values['pdf']}\" tidak dikenal; tulis 1 "
                            "(buat PDF) atau kosongkan")
    instansi = values["instansi"] or None
    if instansi is not None and not is_slug(instansi):
        raise SettingsError(f'{_name("instansi")}: "{instansi}" bukan nama folder instansi; '
                            "tulis nama folder di sops/, misalnya satpolpp-lumajang")
    diagram = values["diagram"].lower()
    if diagram and diagram not in DIAGRAM_MODES:
        raise SettingsError(f'{_name("diagram")}: "{values["diagram"]}" tidak dikenal; tulis svg '
                            "(diagram digambar saat pembangunan), js (digambar di peramban "
                            "pengunjung) atau kosongkan (svg bila Chromium ada)")
    sops_dir = values["sops_dir"] or "sops"
    parts = PurePosixPath(sops_dir).parts
    if PurePosixPath(sops_dir).is_absolute() or ".." in parts or "\\" in sops_dir:
        raise SettingsError(f'extra.katalog.sops_dir: "{sops_dir}" harus folder di dalam '
                            "repositori, misalnya sops")
    return Settings(built=_built(environment), sops_dir=sops_dir,
                    site_url=_url("site_url", site_url or ""),
                    edit_base=_url("edit_base", values["edit_base"]),
                    pdf=pdf in _YES, instansi=instansi, diagram=diagram)


def _name(key: str) -> str:
    variable = ENVIRONMENT.get(key)
    where = "site_url" if key == "site_url" else f"extra.katalog.{key}"
    return f"{where} ({variable})" if variable else where


def _text(key: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) and key == "pdf":
        return "1" if value else ""
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise SettingsError(f"{_name(key)}: harus berupa teks")
    return str(value).strip()


def _url(key: str, value: str) -> str:
    """An http(s) address with nothing that could end an HTML attribute, or empty."""
    if value and (not is_http_url(value) or _UNSAFE.search(value)):
        raise SettingsError(f'{_name(key)}: "{value}" bukan alamat http:// atau https:// '
                            "yang sah (tanpa spasi, tanda kutip, < atau >)")
    return value


def _built(environment: Mapping[str, str]) -> dt.date:
    # SOURCE_DATE_EPOCH (reproducible-builds.org) pins the build date for byte-identical output.
    epoch = environment.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.date.today()
    if not (epoch.isascii() and epoch.isdigit() and len(epoch) <= 12):
        raise SettingsError(f'SOURCE_DATE_EPOCH: "{epoch}" harus jumlah detik sejak 1970 '
                            "(angka bulat)")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
