# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""What `make bundle` keeps to build again faster, and that it is right.

The compiler shim's cache (tools/mpy_cross_cp.py, $ASYNCCP_MPY_CACHE): a
compile found there must give the bytes the shim computes without it;
anything that decides the output or the verdict (the input, the source name,
the byte-0 magic, an option, a tools file the checks read, a compiler) must
miss; a refusal is never stored; an entry that is not whole is not used. And
`make bundle` compiles through it: the cache holds each board module as the
build wrote it.

The results cache (tools/build.py, $ASYNCCP_BUILD_CACHE): keys follow every
byte and name of what they cover, an entry is used only whole, and what the
build kept is what it made (the sdist and wheel) or what measuring again
gives (the RAM figures).
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys

import pytest
from build_support import (
    BUILD,
    CFG,
    MPY_CACHE,
    ROOT,
    build_tool,
    built_version,
    mpy_cross_cp,
    source_modules,
    uses_fallback,
)

TOOLS = ROOT / "tools"
NAME = f"{CFG.name}/m.py"
SOURCE = 'NAMES = ("ScheduledTask",)\n\n\ndef f(a):\n    assert a\n    return sorted(a)\n'


def shim(args, cache, tools=TOOLS, magic="C"):
    """Run tools/mpy_cross_cp.py (or the copy in `tools`) as build.py's wrapper does."""
    env = dict(os.environ)
    env.pop("ASYNCCP_MPY_CACHE", None)
    if cache is not None:
        env["ASYNCCP_MPY_CACHE"] = str(cache)
    return subprocess.run(
        [sys.executable, tools / "mpy_cross_cp.py", "--as-magic", magic, *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def entries(cache):
    return sorted(p for p in cache.glob("*.mpy")) if cache.is_dir() else []


@pytest.fixture
def src(tmp_path):
    p = tmp_path / "tmp123.py"
    p.write_text(SOURCE, encoding="utf-8")
    return p


@pytest.fixture
def uncached(tmp_path, src):
    """What the shim writes with no cache."""
    out = tmp_path / "uncached.mpy"
    proc = shim(["-o", out, "-s", NAME, src], None)
    assert proc.returncode == 0, proc.stderr
    return out.read_bytes()


def test_a_hit_gives_the_bytes_computed_without_the_cache(tmp_path, src, uncached):
    cache = tmp_path / "cache"
    first, second = tmp_path / "first.mpy", tmp_path / "second.mpy"
    miss = shim(["-o", first, "-s", NAME, src], cache)
    assert miss.returncode == 0, miss.stderr
    assert first.read_bytes() == uncached
    assert len(entries(cache)) == 1
    assert not list(cache.glob(".tmp-*")), "a temporary file was left behind"
    hit = shim(["-o", second, "-s", NAME, src], cache)
    assert hit.returncode == 0, hit.stderr
    assert (hit.stdout, hit.stderr) == ("", "")
    assert second.read_bytes() == uncached
    assert len(entries(cache)) == 1


def _plant(entry, data):
    """Overwrite a cache entry with `data`, as a whole entry (checksum right)."""
    head = entry.read_bytes().split(b"\n", 1)[0] + b"\n"
    entry.write_bytes(head + hashlib.sha256(data).digest() + data)


def test_a_hit_writes_what_the_entry_holds_and_runs_no_check(tmp_path, src, uncached):
    """The second compile comes from the entry: planting other bytes there
    (whole, with their checksum) makes the shim write those."""
    cache = tmp_path / "cache"
    assert shim(["-o", tmp_path / "a.mpy", "-s", NAME, src], cache).returncode == 0
    (entry,) = entries(cache)
    planted = b"C" + uncached[1:] + b"planted"
    _plant(entry, planted)
    out = tmp_path / "b.mpy"
    assert shim(["-o", out, "-s", NAME, src], cache).returncode == 0
    assert out.read_bytes() == planted


@pytest.mark.parametrize(
    "change",
    ["input", "source name", "magic", "option", "no -s"],
)
def test_what_decides_the_output_misses(tmp_path, src, change):
    cache = tmp_path / "cache"
    first = tmp_path / "first.mpy"
    assert shim(["-o", first, "-s", NAME, src], cache).returncode == 0
    args, magic = ["-o", tmp_path / "second.mpy", "-s", NAME], "C"
    if change == "input":
        src.write_text(SOURCE + "\n\ndef g():\n    return 2\n", encoding="utf-8")
    elif change == "source name":
        args[3] = f"{CFG.name}/other.py"
    elif change == "magic":
        magic = "X"
    elif change == "option":
        args += ["-O1"]
    else:
        args = args[:2]  # the input's path is then the source name
    proc = shim([*args, src], cache, magic=magic)
    assert proc.returncode == 0, proc.stderr
    assert len(entries(cache)) == 2, "a second entry: that compile missed"
    assert (tmp_path / "second.mpy").read_bytes() != first.read_bytes()


def test_the_output_path_is_not_part_of_the_key(tmp_path, src):
    """build-tools writes each target's .mpy to its own path: the three
    CircuitPython targets share one entry per module."""
    cache = tmp_path / "cache"
    for i in range(3):
        out = tmp_path / f"t{i}" / "m.mpy"
        out.parent.mkdir()
        assert shim(["-o", out, "-s", NAME, src], cache).returncode == 0
    assert len(entries(cache)) == 1


def _tools_copy(tmp_path):
    copy = tmp_path / "tools"
    copy.mkdir()
    for name in mpy_cross_cp.CHECK_FILES:
        shutil.copy2(TOOLS / name, copy / name)
    return copy


@pytest.mark.parametrize("name", mpy_cross_cp.CHECK_FILES)
def test_a_changed_tools_file_misses(tmp_path, monkeypatch, name):
    copy = _tools_copy(tmp_path)
    args = (SOURCE.encode(), NAME, "C", [])
    monkeypatch.setattr(mpy_cross_cp, "HERE", copy)
    before = mpy_cross_cp.cache_key(*args)
    with open(copy / name, "a", encoding="utf-8") as f:
        f.write("\n# changed\n")
    assert mpy_cross_cp.cache_key(*args) != before


def test_a_changed_compiler_misses(tmp_path, monkeypatch):
    """The key holds each compiler's bytes (MicroPython's and the archived ones)."""
    pkg, exes = mpy_cross_cp.compiler_files()
    assert len(exes) == 1 + len(mpy_cross_cp.REFERENCE_RELEASES)
    args = (SOURCE.encode(), NAME, "C", [])
    real = mpy_cross_cp.cache_key(*args)
    fake = tmp_path / "pkg"
    for exe in exes:
        (fake / exe).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(os.path.join(pkg, exe), fake / exe)
    monkeypatch.setattr(mpy_cross_cp, "compiler_files", lambda: (str(fake), exes))
    assert mpy_cross_cp.cache_key(*args) == real, "the same compilers elsewhere: the same key"
    with open(fake / exes[-1], "ab") as f:
        f.write(b"\0")
    assert mpy_cross_cp.cache_key(*args) != real


def test_a_changed_check_refuses_what_the_cache_holds(tmp_path, src):
    """A module cached as compiled is refused once the list of what SAMD21
    boards lack names a function it calls: the entry is not used."""
    copy = _tools_copy(tmp_path)
    cache = tmp_path / "cache"
    out = tmp_path / "o.mpy"
    assert shim(["-o", out, "-s", NAME, src], cache, tools=copy).returncode == 0
    with open(copy / "samd21-missing-names.txt", "a", encoding="utf-8") as f:
        f.write("builtins sorted\n")
    out.unlink()
    proc = shim(["-o", out, "-s", NAME, src], cache, tools=copy)
    assert proc.returncode == 1
    assert f"{NAME}:6:12: `sorted` does not exist on SAMD21 boards" in proc.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    "source, words",
    [
        ("async def f():\n    pass\n", "`async def`"),
        ('x = 1\nNAMES = ("TimeoutError",)\n', "the string 'TimeoutError'"),
        ("def f(a):\n    return a * (1 / 3)\n", "compiles it differently"),
    ],
)
def test_a_refusal_is_never_cached(tmp_path, source, words):
    cache = tmp_path / "cache"
    src = tmp_path / "tmp123.py"
    src.write_text(source, encoding="utf-8")
    out = tmp_path / "o.mpy"
    for _ in range(2):
        proc = shim(["-o", out, "-s", NAME, src], cache)
        assert proc.returncode == 1 and words in proc.stderr, proc.stderr
        assert not out.exists()
        assert entries(cache) == []


def _entry(tmp_path, src):
    cache = tmp_path / "cache"
    assert shim(["-o", tmp_path / "a.mpy", "-s", NAME, src], cache).returncode == 0
    (entry,) = entries(cache)
    return cache, entry


@pytest.mark.parametrize("damage", ["truncated", "empty", "byte flipped", "other head", "magic"])
def test_an_entry_that_is_not_whole_is_not_used(tmp_path, src, uncached, damage):
    cache, entry = _entry(tmp_path, src)
    whole = entry.read_bytes()
    if damage == "truncated":
        entry.write_bytes(whole[:-5])
    elif damage == "empty":
        entry.write_bytes(b"")
    elif damage == "byte flipped":
        entry.write_bytes(whole[:-1] + bytes([whole[-1] ^ 1]))
    elif damage == "other head":
        entry.write_bytes(b"x" + whole[1:])
    else:
        _plant(entry, b"M" + uncached[1:])  # whole, but not a 'C' file
    out = tmp_path / "b.mpy"
    proc = shim(["-o", out, "-s", NAME, src], cache)
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == uncached
    assert entry.read_bytes() == whole, "the compile wrote the entry again, whole"


def test_verbose_and_version_do_not_use_the_cache(tmp_path, src):
    cache = tmp_path / "cache"
    version = shim(["--version"], cache)
    assert version.returncode == 0 and "mpy v6" in version.stdout
    assert not cache.exists()
    assert shim(["-v", "-o", tmp_path / "o.mpy", "-s", NAME, src], cache).returncode == 0
    assert entries(cache) == []


def test_the_key_covers_every_tools_file_a_compile_reads(tmp_path, src):
    """CHECK_FILES must name every file under tools/ that an uncached compile
    opens (modules imported, lists read): found with an audit hook."""
    out = tmp_path / "o.mpy"
    probe = (
        "import sys\n"
        "opened = set()\n"
        "sys.addaudithook(lambda e, a: opened.add(str(a[0])) if e == 'open' else None)\n"
        f"sys.path.insert(0, {str(TOOLS)!r})\n"
        "import mpy_cross_cp\n"
        f"rc = mpy_cross_cp.main(['-o', {str(out)!r}, '-s', {NAME!r}, {str(src)!r}])\n"
        "print(rc)\n"
        "for p in sorted(opened):\n"
        "    print(p)\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    rc, *opened = proc.stdout.splitlines()
    assert rc == "0"
    read = set()
    for p in opened:
        if p.startswith(str(TOOLS) + os.sep):
            name = p[len(str(TOOLS)) + 1 :]
            if name.startswith("__pycache__" + os.sep):  # tools/__pycache__/x.cpython-311.pyc
                name = name.split(os.sep)[1].split(".")[0] + ".py"
            read.add(name)
    assert {"mpy_cross_cp.py", "boardcheck.py", "samd21-missing-names.txt"} <= read
    assert read <= set(mpy_cross_cp.CHECK_FILES)


def test_make_bundle_compiled_every_board_module_through_the_cache():
    """Each CircuitPython .mpy make bundle wrote with the fallback is an entry
    of the compiler shim's cache, byte for byte (the targets share them)."""
    cp = [t for t in CFG.circuitpython_targets() if uses_fallback(t)]
    if not cp:
        pytest.skip("CircuitPython's own mpy-cross is in use")
    cache = MPY_CACHE
    stored = set()
    for entry in entries(cache):
        data = mpy_cross_cp.cache_get(cache, entry.stem, "C")
        if data is not None:
            stored.add(data)
    for t in cp:
        lib = t.lib_dir(ROOT)
        mpys = sorted(lib.rglob("*.mpy"))
        assert mpys, lib
        for p in mpys:
            assert p.read_bytes() in stored, f"{p}: not in {cache}"


def test_a_hit_loads_no_check_and_starts_no_process(tmp_path, src):
    """What makes a hit cheap (about Python's start-up): it imports neither the
    checks nor subprocess."""
    cache = tmp_path / "cache"
    assert shim(["-o", tmp_path / "a.mpy", "-s", NAME, src], cache).returncode == 0
    probe = (
        "import sys\n"
        f"sys.path.insert(0, {str(TOOLS)!r})\n"
        "import mpy_cross_cp\n"
        f"args = ['-o', {str(tmp_path / 'b.mpy')!r}, '-s', {NAME!r}, {str(src)!r}]\n"
        f"rc = mpy_cross_cp.main(args, cache={str(cache)!r})\n"
        "heavy = ('boardcheck', 'bundleconf', 'subprocess', 'ast', 'tempfile', 'mpy_cross')\n"
        "print(rc, sorted(m for m in heavy if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert proc.stdout.strip() == "0 []", proc.stdout + proc.stderr
    assert (tmp_path / "b.mpy").read_bytes() == (tmp_path / "a.mpy").read_bytes()


def test_an_agreement_of_the_compilers_is_kept_and_a_disagreement_is_not(
    tmp_path, src, monkeypatch
):
    """make bundle's source check asks disagreement() with the shim's cache:
    an agreement found there runs no compiler; a changed input or a damaged
    entry is checked again; a disagreement is found every time."""
    cache = tmp_path / "cache"
    assert mpy_cross_cp.disagreement(src, NAME, cache=cache) is None
    (marker,) = cache.glob("*.agree")
    with monkeypatch.context() as m:
        m.setattr(subprocess, "run", lambda *a, **k: pytest.fail("a compiler ran"))
        assert mpy_cross_cp.disagreement(src, NAME, cache=cache) is None
    marker.write_bytes(marker.read_bytes()[:-3])
    assert mpy_cross_cp.disagreement(src, NAME, cache=cache) is None
    assert marker.read_bytes().endswith(b"agree\n"), "checked again and kept whole"
    src.write_text(SOURCE + "X = 2\n", encoding="utf-8")
    assert mpy_cross_cp.disagreement(src, NAME, cache=cache) is None
    assert len(list(cache.glob("*.agree"))) == 2
    src.write_text("def f(a):\n    return a * (1 / 3)\n", encoding="utf-8")
    for _ in range(2):
        assert "line 2: 1 / 3" in mpy_cross_cp.disagreement(src, NAME, cache=cache)
    assert len(list(cache.glob("*.agree"))) == 2
    assert entries(cache) == [], "no compile entry: only the check ran"


# ------------------------------------------------------------ results cache


def test_content_key_follows_every_byte_and_name(tmp_path):
    B = build_tool()
    folder = tmp_path / "f"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_bytes(b"one")
    (folder / "sub" / "b.txt").write_bytes(b"two")
    key = B.content_key("step", folder)
    assert B.content_key("step", folder) == key
    (folder / "__pycache__").mkdir()
    (folder / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"written by an import")
    assert B.content_key("step", folder) == key, "__pycache__ is not an input"
    (folder / "a.txt").write_bytes(b"onE")
    assert B.content_key("step", folder) != key
    (folder / "a.txt").write_bytes(b"one")
    (folder / "sub" / "b.txt").rename(folder / "sub" / "c.txt")
    assert B.content_key("step", folder) != key
    (folder / "sub" / "c.txt").rename(folder / "sub" / "b.txt")
    (folder / "empty").write_bytes(b"")
    assert B.content_key("step", folder) != key
    (folder / "empty").unlink()
    assert B.content_key("step", folder) == key
    assert B.content_key("ab", "c") != B.content_key("a", "bc")
    assert B.content_key("x", tmp_path / "missing") != B.content_key("x", b"")


def _stored(tmp_path):
    B = build_tool()
    cache = tmp_path / "results"
    made = tmp_path / "made"
    made.mkdir()
    (made / "x.whl").write_bytes(b"wheel bytes")
    (made / "x.tar.gz").write_bytes(b"sdist bytes")
    B.store_result(cache, "dist", "k1", {"n": [1, None, "a"]}, sorted(made.iterdir()))
    return B, cache, cache / "dist" / "k1"


def test_a_result_is_kept_whole(tmp_path):
    B, cache, entry = _stored(tmp_path)
    value, files = B.cached_result(cache, "dist", "k1")
    assert value == {"n": [1, None, "a"]}
    assert {n: p.read_bytes() for n, p in files.items()} == {
        "x.whl": b"wheel bytes",
        "x.tar.gz": b"sdist bytes",
    }
    assert not list((cache / "dist").glob(".tmp-*")), "a temporary folder was left behind"
    assert B.cached_result(cache, "dist", "k2") is None
    assert B.cached_result(cache, "sizes", "k1") is None
    assert B.cached_result(None, "dist", "k1") is None
    B.store_result(None, "dist", "k1", 1)  # no cache: nothing to do


@pytest.mark.parametrize("damage", ["file changed", "file gone", "manifest", "format"])
def test_a_damaged_result_is_not_used_and_is_made_again(tmp_path, damage):
    B, cache, entry = _stored(tmp_path)
    manifest = entry / "manifest.json"
    if damage == "file changed":
        (entry / "x.whl").write_bytes(b"wheel byteS")
    elif damage == "file gone":
        (entry / "x.whl").unlink()
    elif damage == "manifest":
        manifest.write_text(manifest.read_text()[:-5])
    else:
        data = json.loads(manifest.read_text())
        data["format"] = "asynccp build results 0"
        manifest.write_text(json.dumps(data))
    assert B.cached_result(cache, "dist", "k1") is None
    assert not entry.exists(), "the damaged entry is removed, so it can be stored again"
    B.store_result(cache, "dist", "k1", 2, [])
    assert B.cached_result(cache, "dist", "k1") == (2, {})


def test_cache_folders_from_the_environment(monkeypatch, tmp_path):
    B = build_tool()
    monkeypatch.delenv("ASYNCCP_BUILD_CACHE", raising=False)
    monkeypatch.delenv("ASYNCCP_MPY_CACHE", raising=False)
    results = B.results_cache(ROOT)
    assert results == BUILD / "cache" / "results"
    assert B.mpy_cache_folder(results) == results / "mpy-cross-cp" == MPY_CACHE
    monkeypatch.setenv("ASYNCCP_MPY_CACHE", str(tmp_path / "m"))
    assert B.mpy_cache_folder(results) == tmp_path / "m"
    monkeypatch.setenv("ASYNCCP_BUILD_CACHE", "")
    monkeypatch.setenv("ASYNCCP_MPY_CACHE", "")
    assert B.results_cache(ROOT) is None and B.mpy_cache_folder(None) is None
    monkeypatch.setenv("ASYNCCP_BUILD_CACHE", str(tmp_path / "r"))
    monkeypatch.delenv("ASYNCCP_MPY_CACHE")
    assert B.mpy_cache_folder(B.results_cache(ROOT)) == tmp_path / "r" / "mpy-cross-cp"


def _results():
    built_version()
    return BUILD / "cache" / "results"


def test_make_bundle_kept_the_sdist_and_wheel_it_made():
    """One entry of dist/ holds exactly build/dist's files, byte for byte."""
    made = {p.name: p.read_bytes() for p in CFG.dist_out.iterdir()}
    B = build_tool()
    kept = []
    for entry in sorted((_results() / "dist").iterdir()):
        hit = B.cached_result(_results(), "dist", entry.name)
        if hit:
            kept.append({n: p.read_bytes() for n, p in hit[1].items()})
    assert made in kept


def test_kept_ram_figures_are_what_measuring_again_gives():
    """The sizes/ entry for this build's inputs exists, SIZES.md has its
    figures, and the unix port measures the package's import as it says
    (the 32-bit VM's figures: tests/test_samd21_budget.py)."""
    B = build_tool()
    modules = [B.module_name(m) for m in source_modules()]
    hit = B.cached_result(_results(), "sizes", B.sizes_key(CFG, modules))
    assert hit, "no sizes/ entry for this build's inputs (stale build?)"
    figures = hit[0]
    lib = CFG.micropython_targets()[0].lib_dir(ROOT)
    (alone, err), (after, _) = figures["unix"][CFG.name]
    assert err is None and after == 0
    assert list(B.import_ram(CFG, CFG.name, [lib])) == [alone, None]
    text = CFG.sizes_out.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith(f"| `{CFG.name}` |"))
    wasm_alone, wasm_after = figures["wasm"][0][CFG.name]
    assert row.split("|")[-5:-1] == [f" {n} " for n in (alone, after, wasm_alone, wasm_after)]
    minimal, seed = figures["wasm"][2]
    assert f"**{minimal}** bytes" in text and f"**{seed}** bytes" in text
