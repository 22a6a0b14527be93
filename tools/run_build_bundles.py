# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Run circuitpython-build-tools' ``circuitpython-build-bundles`` for bundle.toml's targets.

Usage: python tools/run_build_bundles.py TARGETS_JSON [circuitpython-build-bundles options]

TARGETS_JSON is a list of {"tag": ..., "name": ...}: the CircuitPython
targets from bundle.toml. They replace build-tools' own target list
(``circuitpython_build_tools.target_versions.VERSIONS``, which its
``build_bundles`` reads when it runs), so the zips made are exactly
bundle.toml's. Everything else is the pinned build-tools, unchanged.
"""

import json
import sys

from circuitpython_build_tools import target_versions
from circuitpython_build_tools.scripts import build_bundles


def main():
    versions = json.loads(sys.argv[1])
    target_versions.VERSIONS[:] = versions
    build_bundles.build_bundles.main(args=sys.argv[2:], prog_name="circuitpython-build-bundles")


if __name__ == "__main__":
    main()
