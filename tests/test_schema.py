"""The JSON Schema that editors' tools use agrees with the validator.

The schema cannot express cross-file rules, the order of dates, the step flow or anything
YAML's parser itself decides (duplicate keys, aliases, tabs, encoding); those cases are the
validator's alone and are listed in VALIDATOR_ONLY.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from test_rules import ERROR_CASES, INSTANSI, VALID, WARNING_CASES

from conftest import ROOT
from katalog_sop.read.catalogue import load_catalogue

SCHEMAS = ROOT / "docs" / "schema"

VALIDATOR_ONLY = {
    "yaml-syntax", "yaml-tab", "not-utf8", "too-large", "yaml-alias", "duplicate-key",
    "revisi-before-pembuatan", "unknown-pelaksana", "bad-target", "equal-targets",
    "unreachable", "no-exit", "duplicate-id", "unknown-sop", "too-many-steps", "diganti-self",
    "lanjut-self", "duplicate-label",
}


class _Yaml11NoDates(yaml.SafeLoader):
    """YAML 1.1 as the validator reads it, but dates stay text as editors' tools see them."""


_Yaml11NoDates.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _schema_valid(name: str, text: str) -> bool:
    schema = json.loads((SCHEMAS / name).read_text())
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    data: Any = yaml.load(text, Loader=_Yaml11NoDates)
    return validator.is_valid(data)


def _validator_valid(tmp_path: Path, text: str) -> bool:
    """Whether the validator accepts ``text`` as an SOP beside a copy of the real catalogue
    (so that seed SOPs keep the SOPs they refer to)."""
    shutil.copytree(ROOT / "sops", tmp_path / "sops")
    folder = tmp_path / "sops" / "dinas"
    folder.mkdir()
    (folder / "instansi.yaml").write_text(INSTANSI)
    (folder / "contoh.yaml").write_text(text)
    return not load_catalogue(tmp_path / "sops", tmp_path).errors


def test_schemas_are_valid_json_schemas() -> None:
    for path in SCHEMAS.glob("*.schema.json"):
        jsonschema.Draft202012Validator.check_schema(json.loads(path.read_text()))


CORPUS = {f"invalid-{code}": content for code, (content, _) in ERROR_CASES.items()
          if code not in VALIDATOR_ONLY and isinstance(content, str)}
CORPUS |= {f"valid-{code}": content for code, (content, _) in WARNING_CASES.items()}
CORPUS |= {
    "valid-minimal": VALID,
    "valid-draft": "nama: x\nstatus: draf\ntanggal: {pembuatan: 2020-02}\ndasar_hukum: UU\n"
                   "pelaksana: A\nlangkah: [{kegiatan: x, pelaksana: A}]\n",
    "invalid-month-13": VALID.replace("2020-02-04", "2020-13"),
    "invalid-nip-unquoted": VALID.replace("  jabatan: Kepala Dinas",
                                          "  jabatan: Kepala Dinas\n  nip: 196505081986031016"),
    "invalid-waktu-number": VALID.replace("waktu: 1 hari", "waktu: 2"),
    "invalid-lane-no": VALID.replace("[Kasi, Sekretaris]", "[Kasi, Sekretaris, No]"),
    "invalid-efektif-missing": VALID.replace("  efektif: 2020-03-01\n", ""),
    "valid-pengesahan": VALID.replace("efektif:", "pengesahan:"),
    "invalid-diganti-berlaku": VALID + "diganti_oleh: lain\n",
    "invalid-keputusan-no-tidak": VALID.replace(
        "    pelaksana: Sekretaris", "    pelaksana: Sekretaris\n    keputusan: {ya: 1}"),
    "invalid-step-key": VALID.replace("    waktu: 10 menit", "    durasi: 10 menit"),
    "valid-multiline": VALID.replace("  - UU 25/2009", "  - |\n    UU 25/2009\n    Pasal 1"),
    "invalid-empty-kegiatan": VALID.replace("kegiatan: Menyusun draft", 'kegiatan: ""'),
}
for seed in sorted((ROOT / "sops").glob("*/*.yaml")):
    if seed.name != "instansi.yaml":
        # References to SOPs of the same instansi become references across instansi here.
        CORPUS[f"valid-seed-{seed.parent.name}-{seed.stem}"] = re.sub(
            r"(- sop: )([a-z0-9-]+)(?=\s)", rf"\g<1>{seed.parent.name}/\g<2>",
            seed.read_text())


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_schema_and_validator_agree(name: str, tmp_path: Path) -> None:
    text = CORPUS[name]
    expected_valid = name.startswith("valid-")
    assert _validator_valid(tmp_path, text) is expected_valid
    assert _schema_valid("sop.schema.json", text) is expected_valid


@pytest.mark.parametrize("text,valid", [
    (INSTANSI, True),
    (INSTANSI + "situs: https://lumajangkab.go.id\n", True),
    (INSTANSI + "situs: javascript:alert(1)\n", False),
    (INSTANSI + "situs: ftp://contoh.go.id\n", False),
    (INSTANSI + "nama_lain: x\n", False),
    ("nama: Dinas\n", False),
])
def test_instansi_schema_agrees(text: str, valid: bool, tmp_path: Path) -> None:
    folder = tmp_path / "sops" / "dinas"
    folder.mkdir(parents=True)
    (folder / "instansi.yaml").write_text(text)
    assert (not load_catalogue(tmp_path / "sops", tmp_path).errors) is valid
    assert _schema_valid("instansi.schema.json", text) is valid


def test_every_yaml_file_points_at_the_schema() -> None:
    for path in sorted((ROOT / "sops").glob("*/*.yaml")):
        first = path.read_text().splitlines()[0]
        name = "instansi" if path.name == "instansi.yaml" else "sop"
        expected = f"# yaml-language-server: $schema=../../docs/schema/{name}.schema.json"
        assert first == expected, path


_REVOKED_ITEM = ("  - peraturan: UU 32/2004\n    dicabut_oleh: UU 23/2014\n"
                 "    sumber: https://peraturan.go.id/id/uu-no-23-tahun-2014\n")


@pytest.mark.parametrize("text,valid", [
    ("dicabut:\n" + _REVOKED_ITEM, True),
    ("dicabut:\n" + _REVOKED_ITEM + "    keterangan: Ketentuan Penutup\n", True),
    ("dicabut:\n" + _REVOKED_ITEM + "    keterangan:\n", True),
    ("dicabut: []\n", True),
    ("dicabut:\n", False),
    ("- peraturan: UU 32/2004\n", False),
    ("dicabut:\n" + _REVOKED_ITEM.replace("https://", "ftp://"), False),
    ("dicabut:\n" + _REVOKED_ITEM.replace("    sumber: https://peraturan.go.id/id/uu-no-23-tahun"
                                          "-2014\n", "    sumber:\n"), False),
    ("dicabut:\n" + _REVOKED_ITEM.replace("    dicabut_oleh: UU 23/2014\n", ""), False),
    ("dicabut:\n" + _REVOKED_ITEM + "    pasal: 409\n", False),
    ("dicabut:\n" + _REVOKED_ITEM + "lain: x\n", False),
])
def test_revoked_list_schema_agrees(text: str, valid: bool, tmp_path: Path) -> None:
    """The shape of ``sops/peraturan-dicabut.yaml``; whether each text reads as a regulation
    is the validator's alone (tests/test_rules.py)."""
    (tmp_path / "sops").mkdir()
    (tmp_path / "sops" / "peraturan-dicabut.yaml").write_text(text)
    assert (not load_catalogue(tmp_path / "sops", tmp_path).errors) is valid
    assert _schema_valid("peraturan-dicabut.schema.json", text) is valid


def test_revoked_list_points_at_its_schema() -> None:
    first = (ROOT / "sops" / "peraturan-dicabut.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../docs/schema/peraturan-dicabut.schema.json"
