"""The JSON Schemas of ``docs/schema/``, generated from the field table (``fields``).

Editors' tools (the YAML language server) read them; the loader reads the same table, so
the two cannot drift. Regenerate after changing ``fields.py``:

    python -m katalog_sop.read.schema docs/schema

A test fails when the committed files differ from what this module generates.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from ..model import END, Status
from .fields import INSTANSI, MAX_STEPS, REVOKED, SOP, Field, Kind, Need

SLUG = "[a-z0-9]+(-[a-z0-9]+)*"
BASE_ID = "https://katalog-sop.invalid/schema/"

DEFS: dict[str, Any] = {
    "teks": {"type": "string", "pattern": "\\S"},
    "teksOpsional": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/teks"}]},
    "daftarTeks": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/teks"},
                             {"type": "array", "items": {"$ref": "#/$defs/teks"}}]},
    "tanggal": {
        "type": "string",
        "anyOf": [{"format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
                  {"pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"}],
        "description": "TTTT-BB-HH, atau TTTT-BB bila formulir hanya menyebut bulan.",
    },
    "tanggalOpsional": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/tanggal"}]},
    "rujukanSop": {"type": "string", "pattern": f"^{SLUG}(/{SLUG})?$",
                   "description": "nama-berkas (instansi sama) atau "
                                  "folder-instansi/nama-berkas."},
    "butirKeterkaitan": {"oneOf": [
        {"$ref": "#/$defs/teks"},
        {"type": "object", "additionalProperties": False, "required": ["sop"],
         "properties": {"sop": {"$ref": "#/$defs/rujukanSop"}}},
    ]},
    "tujuan": {"description": "Nomor langkah, id langkah, atau selesai.",
               "oneOf": [{"type": "integer", "minimum": 1, "maximum": MAX_STEPS},
                         {"type": "string", "pattern": f"^{SLUG}$"}]},
}

_TITLES = {
    "sop": ("SOP AP (Katalog SOP)",
            "Satu SOP Administrasi Pemerintahan (Permenpan RB 35/2012). Aturan yang melibatkan "
            "berkas lain, urutan tanggal, dan alur langkah diperiksa oleh `katalog-sop check`."),
    "instansi": ("Instansi (Katalog SOP)",
                 "Satu instansi: berkas instansi.yaml di folder instansi."),
    "peraturan-dicabut": ("Peraturan yang dicabut (Katalog SOP)",
                          "Daftar peraturan yang sudah dicabut, untuk seluruh katalog: berkas "
                          "sops/peraturan-dicabut.yaml. `katalog-sop check` juga memeriksa bahwa "
                          "setiap peraturan terbaca (jenis, nomor, tahun)."),
}
SPECS = {"sop": SOP, "instansi": INSTANSI, "peraturan-dicabut": REVOKED}
"""Each schema's field table, by the schema's name."""


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"oneOf": [{"type": "null"}, schema]}


def _value(spec: Field) -> dict[str, Any]:
    """The schema of one field's value, as the loader reads it (empty = not written,
    except for required text and lists)."""
    required = spec.need is Need.REQUIRED
    kind = spec.kind
    schema: dict[str, Any]
    if kind is Kind.TEXT:
        schema = _ref("teks" if required else "teksOpsional")
    elif kind is Kind.TEXTS:
        if spec.non_empty:
            array: dict[str, Any] = {"type": "array", "minItems": 1}
            if spec.unique:
                array["uniqueItems"] = True
            schema = {"oneOf": [_ref("teks"), {**array, "items": _ref("teks")}]}
        else:
            schema = _ref("daftarTeks")
    elif kind is Kind.DATE:
        schema = _ref("tanggalOpsional")
    elif kind is Kind.CHOICE:
        schema = {"enum": list(spec.choices)}
        if spec.default is not None:
            schema["default"] = spec.default
    elif kind is Kind.URL:
        url = {"type": "string", "pattern": "^https?://[^\\s/?#]+[^\\s]*$"}
        schema = url if required else _nullable(url)
    elif kind is Kind.NIP:
        schema = _nullable({"type": "string", "pattern": "^ *([0-9] *){18}$"})
    elif kind is Kind.SOP_REF:
        schema = _ref("rujukanSop")
    elif kind is Kind.RELATED:
        schema = {"oneOf": [{"type": "null"}, _ref("butirKeterkaitan"),
                            {"type": "array", "items": _ref("butirKeterkaitan")}]}
    elif kind is Kind.MAPPING:
        schema = {"type": "object" if required else ["object", "null"], **_object(spec)}
    elif kind is Kind.STEPS:
        schema = {"type": "array", "minItems": 1, "maxItems": spec.max_items,
                  "items": {"type": "object", **_object(spec)}}
    elif kind is Kind.RECORDS:
        schema = {"type": "array", "minItems": spec.min_items,
                  "items": {"type": "object", **_object(spec)}}
    elif kind is Kind.STEP_ID:
        schema = {"type": "string", "allOf": [{"pattern": f"^{SLUG}$"},
                                              {"not": {"pattern": "^[0-9]+$"}},
                                              {"not": {"const": END}}]}
    else:
        schema = _ref("tujuan")
    if spec.description:
        schema["description"] = spec.description
    return schema


def _object(spec: Field) -> dict[str, Any]:
    result: dict[str, Any] = {"additionalProperties": False}
    required = [child.key for child in spec.fields if child.need is Need.REQUIRED]
    if required:
        result["required"] = required
    result["properties"] = {child.key: _value(child) for child in spec.fields}
    exclusions = [{"not": {"required": [child.key, other]}}
                  for child in spec.fields for other in child.excludes]
    if exclusions:
        result["allOf"] = exclusions
    if spec.alternatives:
        result["oneOf"] = [
            {"required": list(group),
             "not": {"anyOf": [{"required": [key]} for other in spec.alternatives
                               if other is not group for key in other]}}
            for group in spec.alternatives]
    return result


def _unless_draft(spec: Field) -> dict[str, Any]:
    """What a non-draft must also have: the fields required unless draft, not empty."""
    fields = [child for child in spec.fields if child.need is Need.UNLESS_DRAFT]
    result: dict[str, Any] = {}
    if fields:
        result["required"] = [child.key for child in fields]
        result["properties"] = {
            child.key: ({"type": "object", **_unless_draft(child)}
                        if child.kind is Kind.MAPPING else {"type": "string"})
            for child in fields}
    if spec.any_of_unless_draft:
        result["anyOf"] = [{"required": [key], "properties": {key: {"type": "string"}}}
                           for key in spec.any_of_unless_draft]
    return result


def _status_is_not(value: str) -> dict[str, Any]:
    return {"not": {"required": ["status"], "properties": {"status": {"const": value}}}}


def generate(name: str) -> dict[str, Any]:
    """The schema of ``sop``, ``instansi`` or ``peraturan-dicabut`` files."""
    spec = SPECS[name]
    title, description = _TITLES[name]
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE_ID}{name}.schema.json",
        "title": title,
        "description": description,
        "type": "object",
        **_object(spec),
    }
    conditions = []
    if any(child.need is Need.UNLESS_DRAFT for child in spec.fields):
        conditions.append({"if": _status_is_not(Status.DRAF.value), "then": _unless_draft(spec)})
    for child in spec.fields:
        if child.only_when_status:
            conditions.append({"if": _status_is_not(child.only_when_status),
                               "then": {"not": {"required": [child.key]}}})
    if conditions:
        schema["allOf"] = conditions
    text = json.dumps(schema)
    used: set[str] = set()
    while True:  # the definitions referenced, directly or through another definition
        found = {n for n in DEFS if f'"#/$defs/{n}"' in text} - used
        if not found:
            break
        used |= found
        text += json.dumps([DEFS[n] for n in found])
    schema["$defs"] = {n: DEFS[n] for n in DEFS if n in used}
    return schema


def render(name: str) -> str:
    """The file's text, as committed."""
    return json.dumps(generate(name), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("docs/schema")
    for name in SPECS:
        (folder / f"{name}.schema.json").write_text(render(name), encoding="utf-8")
        print(f"ditulis: {folder / f'{name}.schema.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
