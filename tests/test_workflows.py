# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""The GitHub Actions workflows (.github/workflows) and .readthedocs.yaml.

They cannot run here, so the pinned zizmor lints the workflows offline (it
refuses a file that is not a valid workflow, and reports security findings),
and these tests check that they run what this project has: every
``make <target>`` is a Makefile target; the build workflow runs the README's
two commands on every push and pull request; the release workflows attach
exactly the zips and JSON make bundle writes to build/bundles, under the
names ``circup bundle-add`` fetches, and upload build/dist to PyPI; and
.readthedocs.yaml builds docs/ as ``make docs`` does.
"""

import glob
import os
import re
import shlex
import subprocess

import pytest
import yaml
from build_support import BUILD, CFG, ROOT, VENV_BIN, built_version, circup_bundle_id

WORKFLOWS = ROOT / ".github" / "workflows"
NAMES = ["build.yml", "release_gh.yml", "release_pypi.yml"]

# The inputs of the actions the workflows use (from each action's action.yml):
# a misspelt input is silently ignored by GitHub, and zizmor does not check them.
ACTION_INPUTS = {
    "actions/checkout": {"fetch-depth", "persist-credentials", "ref", "submodules"},
    "actions/setup-python": {"python-version", "cache"},
    "actions/upload-artifact": {"name", "path", "if-no-files-found", "retention-days"},
}


def _load(name):
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def _on(workflow):
    # YAML 1.1 reads the key `on` as true
    return workflow.get("on", workflow.get(True))


def _steps(workflow):
    for job in workflow["jobs"].values():
        yield from job["steps"]


def _commands(workflow):
    """Each shell command line the workflow's `run` steps hold, in order."""
    for step in _steps(workflow):
        for line in step.get("run", "").replace("\\\n", " ").splitlines():
            if line.strip():
                yield line.strip()


def _makefile_targets():
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][\w-]*):", text, re.M))


def test_the_workflows_are_there():
    assert sorted(p.name for p in WORKFLOWS.glob("*.yml")) == sorted(NAMES)


def test_zizmor_finds_nothing():
    """zizmor (pinned in requirements-dev.txt), offline, strictest persona: a
    file that is not a valid workflow fails it, and so does any finding."""
    env = {k: v for k, v in os.environ.items() if k not in ("GH_TOKEN", "GITHUB_TOKEN")}
    proc = subprocess.run(
        [
            VENV_BIN / "zizmor",
            "--offline",
            "--no-config",
            "--persona",
            "auditor",
            "--strict-collection",
            "--no-progress",
            "--color",
            "never",
            WORKFLOWS,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "No findings" in proc.stdout + proc.stderr


@pytest.mark.parametrize("name", NAMES)
def test_every_make_target_they_run_exists(name):
    targets = _makefile_targets()
    used = [t for c in _commands(_load(name)) for t in re.findall(r"\bmake\s+([\w-]+)", c)]
    assert used, f"{name} runs no make target"
    for target in used:
        assert target in targets, f"{name} runs `make {target}`, which the Makefile lacks"


@pytest.mark.parametrize("name", NAMES)
def test_actions_are_pinned_and_given_known_inputs(name):
    for step in _steps(_load(name)):
        if "uses" not in step:
            continue
        action, _, ref = step["uses"].partition("@")
        assert action in ACTION_INPUTS, f"{name}: {action} is not one the project uses"
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{name}: {action} not pinned to a commit"
        unknown = set(step.get("with", {})) - ACTION_INPUTS[action]
        assert not unknown, f"{name}: {action} has no input {sorted(unknown)}"
        if action == "actions/setup-python":
            assert str(step["with"]["python-version"]) == "3.11"
        if action == "actions/checkout":
            # every tag, or git describe (the version) falls back to 0.0.1-alpha
            assert step["with"]["fetch-depth"] == 0


def test_build_runs_the_readme_commands_on_every_push_and_pull_request():
    workflow = _load("build.yml")
    on = _on(workflow)
    assert set(on) == {"push", "pull_request"}
    assert not any(on.values()), "no branch filters: every push and pull request"
    makes = [c for c in _commands(workflow) if c.startswith("make")]
    assert makes == ["make bundle", "make test"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    building = readme[readme.index("## Building") :]
    for command in makes:
        assert command in building


@pytest.mark.parametrize("name", ["release_gh.yml", "release_pypi.yml"])
def test_releases_run_on_a_published_release_after_make_bundle(name):
    workflow = _load(name)
    assert _on(workflow) == {"release": {"types": ["published"]}}
    commands = list(_commands(workflow))
    assert commands.index("make bundle") < commands.index("make test")
    check = next(i for i, c in enumerate(commands) if "build/VERSION.txt" in c)
    upload = next(i for i, c in enumerate(commands) if "upload" in c)
    assert commands.index("make test") < check < upload, "version checked before uploading"


def _upload_globs(name, verb):
    workflow = _load(name)
    line = next(c for c in _commands(workflow) if verb in c)
    return [w for w in shlex.split(line) if w.startswith("build/")]


def test_github_release_gets_the_zips_circup_bundle_add_fetches():
    version = built_version()
    globs = _upload_globs("release_gh.yml", "gh release upload")
    uploaded = {os.path.basename(p) for g in globs for p in glob.glob(str(ROOT / g))}
    written = {p.name for p in CFG.bundles_out.iterdir() if not p.name.endswith(".ignore")}
    assert uploaded == written, "the release must carry every zip and JSON of build/bundles"
    bid = circup_bundle_id(CFG.bundle_key)  # circup bundle-add asynccp/CircuitPython_asynccp
    platforms = ["py"] + [f"{t.name}-mpy" for t in CFG.circuitpython_targets()]
    for platform in platforms:
        assert f"{bid}-{platform}-{version}.zip" in uploaded, platform


def test_pypi_gets_the_sdist_and_wheel():
    globs = _upload_globs("release_pypi.yml", "twine upload")
    uploaded = sorted(p for g in globs for p in glob.glob(str(ROOT / g)))
    dists = sorted(str(p) for p in CFG.dist_out.iterdir())
    assert uploaded == dists
    assert any(p.endswith(".whl") for p in dists) and any(p.endswith(".tar.gz") for p in dists)
    commands = list(_commands(_load("release_pypi.yml")))
    assert any(c.startswith(".venv/bin/python -m twine upload") for c in commands), (
        "the pinned twine from make venv"
    )
    assert (BUILD / "dist").resolve() == CFG.dist_out.resolve()


def test_readthedocs_builds_the_docs_as_make_docs_does():
    conf = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert conf["version"] == 2
    assert str(conf["build"]["tools"]["python"]) == "3.11"
    assert conf["sphinx"]["configuration"] == "docs/conf.py"
    assert (ROOT / conf["sphinx"]["configuration"]).is_file()
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "sphinx -W --keep-going" in makefile
    assert conf["sphinx"]["fail_on_warning"] is True  # make docs' -W (and --keep-going)
    reqs = [i["requirements"] for i in conf["python"]["install"]]
    assert reqs == ["requirements-dev.txt"], "the docs' pinned Sphinx, furo and matplotlib"
    pins = (ROOT / reqs[0]).read_text(encoding="utf-8")
    for tool in ("sphinx==", "furo==", "matplotlib=="):
        assert tool in pins
