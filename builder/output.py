"""Files a plugin adds to the site beside Pelican's pages (feeds, data files)."""

from __future__ import annotations

import os


def write_output_file(output_path, relative: str, data: bytes):
    """A file a plugin adds to the site (feeds, data files), its folders made as needed."""
    path = os.path.join(output_path, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)
