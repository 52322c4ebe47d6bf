"""Where the bundled data lives.

In a wheel, ``rules/`` and ``translations/`` are installed inside the package (hatchling
force-include); in a source checkout or an editable install they are the top-level folders of the
repository. Looking in both places keeps one layout working for wheel, sdist, editable and pipx.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_path(name: str) -> Path:
    installed = _PACKAGE / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent.parent / name
