"""``instansi.yaml``: one agency."""

from __future__ import annotations

import yaml

from ..model import Instansi
from ..problems import Problem
from . import fields
from .reader import Reader


def load_instansi(root: yaml.Node, slug: str, path: str) -> tuple[Instansi | None, list[Problem]]:
    """Validate an ``instansi.yaml`` node tree."""
    reader = Reader(path)
    read = reader.read(root, fields.INSTANSI)
    if read is None or reader.problems:
        assert reader.problems, f"{path}: rejected without a problem"
        return None, reader.problems
    values = read.values
    return Instansi(slug, values["nama"], values["pemerintah"], values.get("singkatan"),
                    values.get("alamat"), values.get("situs"), path), []
