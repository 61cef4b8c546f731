"""Rules that need more than one file, and the conformance warnings (advice, not law)."""

from __future__ import annotations

from ..model import END, Pilihan, Revocation, Sop, SopRef
from ..problems import Problem, problem
from . import flow
from .hints import HintBudget
from .legal.revoked import cited_revocations
from .waktu import parse as parse_waktu


def catalogue_problems(sops: list[Sop], lines: dict[str, dict[str, int]], keys: set[str],
                       refs: list[tuple[str, str, str, SopRef]]) -> list[Problem]:
    """References to missing SOPs, replacement cycles, and duplicate numbers per instansi.

    ``refs`` holds every well-formed reference of every file, valid or not, as
    ``(source, instansi, field, reference)``; ``keys`` every SOP file on disk, valid or not,
    so that a reference to a file with errors of its own is not reported a second time;
    ``lines`` maps a valid SOP's key to the line of each top-level key.
    """
    found: list[Problem] = []
    hints = HintBudget()
    for source, instansi, field, ref in refs:
        if ref.key not in keys:
            shown = ref.slug if ref.instansi == instansi else ref.key
            candidates = [k.split("/", 1)[1] if k.startswith(f"{instansi}/") else k
                          for k in sorted(keys)]
            found.append(problem(source, ref.line or 1, "unknown-sop", field=field,
                                 value=shown, hint=hints.hint(shown, candidates)))
    found += _replacement_problems(sops)
    first_nomor: dict[tuple[str, str], Sop] = {}
    for sop in sops:
        if sop.nomor is not None:
            seen = first_nomor.setdefault((sop.instansi, sop.nomor), sop)
            if seen is not sop:
                found.append(problem(sop.source, lines.get(sop.key, {}).get("nomor", 1),
                                     "duplicate-nomor", value=sop.nomor, other=seen.source))
    return found


def _replacement_problems(sops: list[Sop]) -> list[Problem]:
    """``diganti_oleh`` naming the SOP itself, or a chain that comes back to it."""
    replaced_by = {sop.key: sop.diganti_oleh for sop in sops if sop.diganti_oleh is not None}
    found: list[Problem] = []
    for sop in sops:
        ref = sop.diganti_oleh
        if ref is None:
            continue
        if ref.key == sop.key:
            found.append(problem(sop.source, ref.line or 1, "diganti-self"))
            continue
        chain = [sop.key]
        step: SopRef | None = ref
        while step is not None and step.key not in chain and len(chain) <= len(sops):
            chain.append(step.key)
            step = replaced_by.get(step.key)
        if step is not None and step.key == sop.key:
            found.append(problem(sop.source, ref.line or 1, "diganti-cycle",
                                 chain=" \u2192 ".join([*chain, sop.key])))
    return found


def warnings_for(sop: Sop, lines: dict[str, int], pemerintah: str | None = None,
                 revoked: tuple[Revocation, ...] = ()) -> list[Problem]:
    """Conformance warnings for one valid SOP; ``revoked`` is the list of revoked
    regulations, ``pemerintah`` the government of the SOP's instansi (for regional
    citations that do not name their region)."""
    found: list[Problem] = []
    for index, citation, revocation in cited_revocations(sop, pemerintah, revoked):
        line = sop.dasar_hukum_line(index, lines.get("dasar_hukum", 1))
        found.append(problem(sop.source, line, "dasar-hukum-dicabut",
                             field=f"dasar_hukum[{index}]", value=citation.text,
                             replacement=revocation.dicabut_oleh))
    used = {name for step in sop.langkah for name in step.pelaksana}
    for name in sop.pelaksana:
        if name not in used:
            found.append(problem(sop.source, lines.get("pelaksana", 1), "unused-pelaksana",
                                 value=name))
    for step in sop.langkah:
        field = f"langkah[{step.nomor}]"
        if step.waktu is not None and parse_waktu(step.waktu) is None:
            found.append(problem(sop.source, step.line, "waktu-uncountable",
                                 field=f"{field}.waktu", value=step.waktu))
        starter = _starts_with_executor(step.kegiatan, sop.pelaksana)
        if starter is not None:
            found.append(problem(sop.source, step.line, "kegiatan-starts-with-pelaksana",
                                 field=f"{field}.kegiatan", value=starter))
        if step.keputusan is not None and step.keputusan.pertanyaan is None:
            found.append(problem(sop.source, step.line, "keputusan-without-pertanyaan",
                                 field=f"{field}.keputusan"))
        if step.keputusan is not None:
            found += _repeated_targets(sop, step.nomor, step.keputusan.pilihan)
        missing = [name for name, value in (("kelengkapan", step.kelengkapan),
                                            ("waktu", step.waktu), ("output", step.output))
                   if not value]
        if missing:
            found.append(problem(sop.source, step.line, "no-mutu-baku", field=field,
                                 missing=", ".join(missing)))
        if len(step.pelaksana) > 1:
            found.append(problem(sop.source, step.line, "many-pelaksana", field=field,
                                 count=len(step.pelaksana)))
    if not flow.diagram_fits(sop.langkah):
        limits = "; ".join(f"{steps} langkah dengan {most} keputusan itu" if most else
                           f"{steps} langkah tanpa keputusan itu"
                           for most, steps in flow.DIAGRAM_LIMITS)
        found.append(problem(sop.source, lines.get("langkah", 1), "diagram-too-large",
                             count=len(sop.langkah), loops=flow.loops(sop.langkah),
                             limits=limits))
    efektif, pembuatan = sop.tanggal.efektif, sop.tanggal.pembuatan
    if efektif and pembuatan and efektif.sort_key() < pembuatan.sort_key():
        found.append(problem(sop.source, lines.get("tanggal", 1), "efektif-before-pembuatan",
                             efektif=efektif.iso(), pembuatan=pembuatan.iso()))
    return found


def _starts_with_executor(kegiatan: str, pelaksana: tuple[str, ...]) -> str | None:
    folded = kegiatan.casefold()
    for name in sorted(pelaksana, key=len, reverse=True):
        prefix = name.casefold()
        if folded.startswith(prefix) and (len(folded) == len(prefix)
                                          or not folded[len(prefix)].isalnum()):
            return name
    return None


def _repeated_targets(sop: Sop, nomor: int, pilihan: tuple[Pilihan, ...]) -> list[Problem]:
    """``pilihan`` items going where an earlier item of the same decision goes."""
    ids = flow.step_ids(sop.langkah)
    first: dict[flow.Target, int] = {}
    found: list[Problem] = []
    for index, item in enumerate(pilihan, start=1):
        target = flow.resolve(item.ke, ids)
        if target in first:
            shown = "selesai" if target == END else f"langkah {target}"
            found.append(problem(sop.source, item.line, "duplicate-choice-target",
                                 field=f"langkah[{nomor}].keputusan.pilihan[{index}].ke",
                                 other=f"pilihan[{first[target]}]", value=shown))
        else:
            first[target] = index
    return found
