# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""circup (pinned, --offline) installs asynccp from the built bundle onto a fake board.

circup reads bundles from its data folder ($XDG_DATA_HOME/circup): a
bundle_config.json naming the bundles, circup.json with their local tags,
and each bundle unpacked as <vendor>/<id>-<platform>/<id>-<platform>-<tag>/.
That is what it leaves after downloading a release, and here it is made from
build/bundles (asynccp) and build/deps/bundles (adafruit_ticks, bundled by
the same pinned circuitpython-build-tools from its pinned PyPI package).
"""

import json
import os
import subprocess
import zipfile

import pytest
from build_support import BUILD, CFG, ROOT, VENV_BIN, built_version

BOARDS = {
    "9.x": "Adafruit CircuitPython 9.2.9 on 2025-09-01; Adafruit Feather M4 Express with samd51j19",
    "10.x": "Adafruit CircuitPython 10.0.3 on 2025-11-01; Raspberry Pi Pico with rp2040",
}
PLATFORM_KEYS = {"9.x": "9mpy", "10.x": "10mpy", "11.x": "11mpy"}


def _bundle_id(repo_key):
    return repo_key.split("/")[1].lower().replace("_", "-")


def _unpack(zip_path, dest):
    with zipfile.ZipFile(zip_path) as z:
        z.extractall(dest)


def _install_bundle(data_dir, repo_key, bundles_dir, prefix, version, platform):
    vendor = repo_key.split("/")[0]
    bid = _bundle_id(repo_key)
    assert bid == prefix, f"circup would look for {bid}-*.zip, the build wrote {prefix}-*.zip"
    for key, name in (("py", "py"), (PLATFORM_KEYS[platform], f"{platform}-mpy")):
        z = bundles_dir / f"{prefix}-{name}-{version}.zip"
        _unpack(z, data_dir / vendor / f"{bid}-{key}")


def _dep_version(dep):
    for p in (BUILD / "deps" / "bundles").glob(f"{dep.bundle_prefix}-*.json"):
        return p.name[len(dep.bundle_prefix) + 1 : -len(".json")]
    raise AssertionError(f"no bundle JSON for {dep.pypi_name} in build/deps/bundles")


@pytest.fixture
def circup_env(tmp_path):
    def make(platform):
        data_home = tmp_path / "xdg-data"
        data_dir = data_home / "circup"
        data_dir.mkdir(parents=True)
        version = built_version()
        config = {CFG.name: CFG.bundle_key}
        tags = {CFG.bundle_key: [version]}
        _install_bundle(
            data_dir, CFG.bundle_key, CFG.bundles_out, CFG.bundle_prefix, version, platform
        )
        for dep in CFG.dependencies:
            key = "/".join(dep.repo.removesuffix(".git").split("/")[-2:])
            dver = _dep_version(dep)
            config[dep.module] = key
            tags[key] = [dver]
            _install_bundle(
                data_dir, key, BUILD / "deps" / "bundles", dep.bundle_prefix, dver, platform
            )
        (data_dir / "bundle_config.json").write_text(json.dumps(config), encoding="utf-8")
        (data_dir / "circup.json").write_text(json.dumps(tags), encoding="utf-8")
        device = tmp_path / "CIRCUITPY"
        (device / "lib").mkdir(parents=True)
        (device / "boot_out.txt").write_text(
            BOARDS[platform] + "\nBoard ID:test_board\n", encoding="utf-8"
        )
        env = dict(os.environ)
        env["XDG_DATA_HOME"] = str(data_home)
        env["XDG_CONFIG_HOME"] = str(tmp_path / "xdg-config")
        env["XDG_CACHE_HOME"] = str(tmp_path / "xdg-cache")
        env["HOME"] = str(tmp_path / "home")

        def circup(*args):
            proc = subprocess.run(
                [VENV_BIN / "circup", "--offline", "--path", device, *args],
                env=env,
                cwd=tmp_path,
                capture_output=True,
                text=True,
                timeout=120,
                stdin=subprocess.DEVNULL,
            )
            return proc

        return device, circup

    return make


@pytest.mark.parametrize("platform", ["9.x", "10.x"])
def test_circup_installs_the_built_bundle(circup_env, platform):
    device, circup = circup_env(platform)
    proc = circup("install", CFG.name)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    built = ROOT / "build" / f"circuitpython-{platform}" / "lib"

    installed = device / "lib" / CFG.name
    want = {
        p.relative_to(built / CFG.name): p.read_bytes()
        for p in (built / CFG.name).rglob("*")
        if p.is_file()
    }
    got = {p.relative_to(installed): p.read_bytes() for p in installed.rglob("*") if p.is_file()}
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
    assert f"{CFG.name}=={built_version()}" in lines, freeze.stdout
    for dep in CFG.dependencies:
        assert f"{dep.module}=={_dep_version(dep)}" in lines, freeze.stdout
