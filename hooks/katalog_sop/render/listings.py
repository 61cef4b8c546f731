"""The instansi pages and the home page's list of instansi."""

from __future__ import annotations

from urllib.parse import quote

from ..model import Catalogue, Instansi
from . import names, templating, text
from .context import ALL_DATA, data_base
from .escape import html


def search_label(agency: Instansi) -> str:
    """How search results name an instansi: its name and its government."""
    return f"{agency.nama} \u2014 {agency.pemerintah}"


def search_filter(agency: Instansi) -> str:
    """The instansi's value in the search filter, as Pagefind stores it: whitespace folded
    and, since its UI shows filter values as HTML, escaped."""
    return html(" ".join(search_label(agency).split()))


def instansi_page(agency: Instansi, catalogue: Catalogue) -> str:
    """The page of one instansi: its details and the table of its SOPs."""
    sops = catalogue.sops_of(agency.slug)
    return templating.markdown(templating.front_matter(names.instansi_name(agency, catalogue)),
                               *templating.blocks(
        "instansi_page.html",
        agency=agency,
        search_query=quote(search_filter(agency)),
        data=data_base("../", agency.slug),
        rows=[{"sop": sop, "status": text.STATUS_LABELS[sop.status],
               "tanggal": sop.tanggal.efektif or sop.tanggal.pengesahan} for sop in sops],
    ))


def instansi_table(catalogue: Catalogue) -> str:
    """The home page's list of every instansi with its pemerintah and SOP count."""
    return templating.markdown(*templating.blocks(
        "instansi_table.html",
        rows=[{"agency": agency, "count": len(catalogue.sops_of(agency.slug))}
              for agency in catalogue.instansi],
        total=len(catalogue.sops),
        data=data_base("", ALL_DATA),
    ))
