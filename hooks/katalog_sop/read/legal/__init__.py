"""Legal basis as data: ``dasar_hukum`` texts read into citations of regulations, and the
maintained list of revoked regulations (``sops/peraturan-dicabut.yaml``).

``kinds`` is the table of regulation kinds and their spellings, ``citations`` the parser and
the catalogue-wide identity of a regulation, ``revoked`` the reader of the revoked list.
"""
