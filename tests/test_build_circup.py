# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""circup (pinned, --offline) installs asynccp from the built bundle onto a fake board.

The bundles are make bundle's: build/bundles (asynccp, what a GitHub release
carries for `circup bundle-add`) and build/deps/bundles (adafruit_ticks,
bundled by the same pinned circuitpython-build-tools from its pinned PyPI
package). build_support.circup_device says how circup is set up offline.
"""

import pytest
from build_support import (
    CFG,
    ROOT,
    built_version,
    circup_device,
    dependency_bundles,
    tree_bytes,
)


@pytest.mark.parametrize("platform", ["9.x", "10.x"])
def test_circup_installs_the_built_bundle(tmp_path, platform):
    version = built_version()
    deps = dependency_bundles()
    device, circup = circup_device(
        tmp_path,
        platform,
        [(CFG.bundle_key, CFG.bundles_out, CFG.bundle_prefix, version), *deps],
    )
    proc = circup("install", CFG.name)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    built = ROOT / "build" / f"circuitpython-{platform}" / "lib"

    want = tree_bytes(built / CFG.name)
    got = tree_bytes(device / "lib" / CFG.name)
    assert sorted(got) == sorted(want)
    for name, data in want.items():
        assert got[name] == data, f"{name} differs from build/circuitpython-{platform}"

    for dep in CFG.dependencies:
        dep_file = device / "lib" / f"{dep.module}.mpy"
        assert dep_file.is_file(), f"circup did not install the dependency {dep.module}"
        assert dep_file.read_bytes() == (built / f"{dep.module}.mpy").read_bytes()

    freeze = circup("freeze")
    assert freeze.returncode == 0, freeze.stdout + freeze.stderr
    lines = set(freeze.stdout.split())
    assert f"{CFG.name}=={version}" in lines, freeze.stdout
    for dep, (_key, _folder, _prefix, dver) in zip(CFG.dependencies, deps):
        assert f"{dep.module}=={dver}" in lines, freeze.stdout
