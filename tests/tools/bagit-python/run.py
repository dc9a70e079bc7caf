"""Runs the Library of Congress bagit-python (vendored unmodified in ./bagit) as `bagit.py`.

Why vendored: python3-bagit is not in Debian 12 and CI reaches only Debian and npm,
so the independent BagIt validator travels with the tests. Source: LibraryOfCongress/bagit-python
src/bagit/__init__.py (git blob 890dbd802b5863feeab2c73c3a8afd95496d6ed1, commit 462f6b0a),
CC0 public domain. The upstream module asks importlib.metadata for its own version, which
only exists for an installed distribution, so we answer that one question here.
Usage: python3 run.py --validate BAG_DIR
"""
import importlib.metadata
import os
import sys

_real_version = importlib.metadata.version


def _version(name):
    if name == "bagit":
        return "1.9.0+vendored"
    return _real_version(name)


importlib.metadata.version = _version
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bagit  # noqa: E402

if __name__ == "__main__":
    bagit.main()
