# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""bundle.toml, the package's files, and the source checks the build needs.

Shared by tools/build.py, the compiler shim and the build tests.
"""

import ast
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "bundle.toml"

KINDS = ("circuitpython", "micropython")
COMPILERS = ("circuitpython", "micropython")
FALLBACKS = ("micropython-as-circuitpython", "")


class ConfigError(Exception):
    """bundle.toml says something the build cannot do."""


@dataclass
class Target:
    name: str
    kind: str
    out: str
    compiler: str
    magic: str
    mpy_version: int
    tag: str = ""
    fallback: str = ""
    mpy_cross: str = ""
    mpy_format: str = ""

    @property
    def header(self):
        """The first two bytes every .mpy of this target starts with."""
        return self.magic.encode("ascii") + bytes([self.mpy_version])

    @property
    def env_var(self):
        """Environment variable naming CircuitPython's mpy-cross for this target."""
        return "ASYNCCP_MPY_CROSS_" + self.name.upper().replace(".", "_").replace("-", "_")

    def lib_dir(self, root=ROOT):
        return Path(root) / "build" / self.out / "lib"


@dataclass
class Dependency:
    pypi_name: str
    module: str
    repo: str
    bundle_prefix: str
    mip: str = ""


@dataclass
class Budget:
    """bundle.toml's [budget]: RAM limits on the 32-bit MicroPython VM, in bytes."""

    minimal: int  # `import <package>`
    seed: int  # the minimal set plus seed_modules
    seed_modules: list


@dataclass
class Program:
    """A [[program]] of bundle.toml: a whole program and its heap budget."""

    path: Path
    samd21: int  # the budget on a SAMD21 board
    unix_at: int  # what it needed at 70c4a61 on MicroPython's 64-bit unix port
    samd21_at: int  # ... and on the SAMD21 build

    @property
    def unix(self):
        """The budget on MicroPython's unix port: samd21 scaled by unix_at / samd21_at."""
        return self.samd21 * self.unix_at // self.samd21_at


@dataclass
class Config:
    root: Path
    name: str
    source: Path
    pypi_name: str
    repo: str
    bundle_prefix: str
    examples: Path
    requirements: Path
    bundles: list
    bundles_out: Path
    dist_out: Path
    sizes_out: Path
    sizes_heapsize: str
    library_path: str
    desktop_only: list = field(default_factory=list)
    budget: Budget = None
    programs: list = field(default_factory=list)
    targets: list = field(default_factory=list)
    dependencies: list = field(default_factory=list)

    @property
    def repo_name(self):
        """CircuitPython_asynccp: the last part of the repository URL."""
        name = self.repo.rstrip("/").rsplit("/", 1)[-1]
        return name[:-4] if name.endswith(".git") else name

    @property
    def bundle_key(self):
        """owner/name, as circup names a bundle."""
        parts = self.repo.rstrip("/").split("/")
        return parts[-2] + "/" + self.repo_name

    def circuitpython_targets(self):
        return [t for t in self.targets if t.kind == "circuitpython"]

    def micropython_targets(self):
        return [t for t in self.targets if t.kind == "micropython"]


def _need(table, key, where):
    if key not in table:
        raise ConfigError(f"bundle.toml: {where} needs `{key}`")
    return table[key]


def _budget(table):
    where = "[budget]"
    budget = Budget(
        minimal=_need(table, "minimal", where),
        seed=_need(table, "seed", where),
        seed_modules=_need(table, "seed_modules", where),
    )
    for key in ("minimal", "seed"):
        value = getattr(budget, key)
        if type(value) is not int or value <= 0:
            raise ConfigError(f"bundle.toml: {where} {key} must be a positive number of bytes")
    mods = budget.seed_modules
    if not isinstance(mods, list) or not mods or not all(isinstance(m, str) for m in mods):
        raise ConfigError(f"bundle.toml: {where} seed_modules must be a list of module names")
    return budget


def load(path=CONFIG):
    path = Path(path)
    root = path.resolve().parent
    with open(path, "rb") as f:
        doc = tomllib.load(f)
    pkg = _need(doc, "package", "the file")
    bundles = doc.get("bundles", {})
    sizes = doc.get("sizes", {})
    cfg = Config(
        root=root,
        name=_need(pkg, "name", "[package]"),
        source=root / _need(pkg, "source", "[package]"),
        pypi_name=_need(pkg, "pypi_name", "[package]"),
        repo=_need(pkg, "repo", "[package]"),
        bundle_prefix=_need(pkg, "bundle_prefix", "[package]"),
        examples=root / pkg.get("examples", "examples"),
        requirements=root / pkg.get("requirements", "requirements.txt"),
        bundles=list(bundles.get("build", ["py", "mpy", "example", "json"])),
        bundles_out=root / bundles.get("output", "build/bundles"),
        dist_out=root / doc.get("pypi", {}).get("output", "build/dist"),
        sizes_out=root / sizes.get("output", "build/SIZES.md"),
        sizes_heapsize=sizes.get("heapsize", "256k"),
        library_path=bundles.get("library_path", "libraries/helpers/" + pkg.get("name", "")),
        desktop_only=list(pkg.get("desktop_only", [])),
    )
    if "budget" in doc:
        cfg.budget = _budget(doc["budget"])
    for i, t in enumerate(doc.get("program", [])):
        where = f"[[program]] #{i + 1}"
        prog = Program(
            path=root / _need(t, "path", where),
            samd21=_need(t, "samd21", where),
            unix_at=_need(t, "unix_at", where),
            samd21_at=_need(t, "samd21_at", where),
        )
        for key in ("samd21", "unix_at", "samd21_at"):
            value = getattr(prog, key)
            if type(value) is not int or value <= 0:
                raise ConfigError(f"bundle.toml: {where} {key} must be a positive number of bytes")
        cfg.programs.append(prog)
    if "board_exclude" in pkg:
        raise ConfigError(
            "bundle.toml: board_exclude is gone: circuitpython-build-tools cannot leave files "
            "out, so a desktop-only part of the package is a subpackage that is a symlink to a "
            "folder outside src/ (see desktop_only)"
        )
    names = set()
    for i, t in enumerate(doc.get("target", [])):
        where = f"[[target]] #{i + 1}"
        target = Target(
            name=_need(t, "name", where),
            kind=_need(t, "kind", where),
            out=_need(t, "out", where),
            compiler=_need(t, "compiler", where),
            magic=_need(t, "magic", where),
            mpy_version=int(_need(t, "mpy_version", where)),
            tag=t.get("tag", ""),
            fallback=t.get("fallback", ""),
            mpy_cross=t.get("mpy_cross", ""),
            mpy_format=t.get("mpy_format", ""),
        )
        where = f"[[target]] {target.name!r}"
        if target.name in names:
            raise ConfigError(f"bundle.toml: two targets named {target.name!r}")
        names.add(target.name)
        if target.kind not in KINDS:
            raise ConfigError(f"bundle.toml: {where}: kind must be one of {KINDS}")
        if target.compiler not in COMPILERS:
            raise ConfigError(f"bundle.toml: {where}: compiler must be one of {COMPILERS}")
        if target.fallback not in FALLBACKS:
            raise ConfigError(f"bundle.toml: {where}: fallback must be one of {FALLBACKS}")
        if len(target.magic) != 1:
            raise ConfigError(f"bundle.toml: {where}: magic is one character")
        if target.kind == "circuitpython":
            if not target.tag:
                raise ConfigError(f"bundle.toml: {where}: a circuitpython target needs `tag`")
            if target.compiler != "circuitpython":
                raise ConfigError(f"bundle.toml: {where}: compiler must be circuitpython")
        elif target.compiler != "micropython":
            raise ConfigError(f"bundle.toml: {where}: compiler must be micropython")
        cfg.targets.append(target)
    if not cfg.targets:
        raise ConfigError("bundle.toml: no [[target]]")
    for i, d in enumerate(doc.get("dependency", [])):
        where = f"[[dependency]] #{i + 1}"
        cfg.dependencies.append(
            Dependency(
                pypi_name=_need(d, "pypi_name", where),
                module=_need(d, "module", where),
                repo=_need(d, "repo", where),
                bundle_prefix=_need(d, "bundle_prefix", where),
                mip=d.get("mip", ""),
            )
        )
    return cfg


def _skipped(rel):
    """__pycache__ folders and .pyc files: git ignores them, so no clone has them."""
    return "__pycache__" in rel.parts or rel.suffix in (".pyc", ".pyo")


def package_files(cfg, tree=None):
    """Every file of the package as the sdist and wheel have it, relative to src/
    (asynccp/x.py, asynccp/timeline/__init__.py): src/asynccp listed with its
    symlinked desktop-only subpackages followed. `tree` is the repository root
    (default: this checkout) or a copy of it."""
    tree = Path(tree or cfg.root)
    source = tree / cfg.source.relative_to(cfg.root)
    if not source.is_dir():
        raise ConfigError(f"{source} does not exist")
    files = []
    for dirpath, dirnames, filenames in os.walk(source, followlinks=True):
        dirnames.sort()
        for name in sorted(filenames):
            rel = (Path(dirpath) / name).relative_to(source)
            if _skipped(rel) or any(part.startswith(".") for part in rel.parts):
                continue
            files.append(Path(cfg.name) / rel)
    if not any(f.suffix == ".py" for f in files):
        raise ConfigError(f"{source} has no .py module")
    return sorted(files)


def board_files(cfg, tree=None):
    """The files circuitpython-build-tools puts into every board zip, relative
    to src/ (asynccp/x.py): its own rule (build.get_package_info, 1.21.0) is
    every file under <repository>/<first of tool.setuptools.packages> that
    ``Path.rglob("*")`` lists, and rglob does not descend into a symlinked
    folder, so the desktop-only subpackages (bundle.toml desktop_only) are
    not among them. __pycache__ is left out here as no clone has it."""
    tree = Path(tree or cfg.root)
    top = tree / cfg.name
    if not top.is_dir():
        raise ConfigError(
            f"{top} does not exist: circuitpython-build-tools looks for the package there "
            f"(commit the symlink: ln -s {cfg.source.relative_to(cfg.root)} {cfg.name})"
        )
    files = sorted(
        Path(cfg.name) / p.relative_to(top)
        for p in top.rglob("*")
        if p.is_file() and not _skipped(p.relative_to(top))
    )
    if not any(f.suffix == ".py" for f in files):
        raise ConfigError(f"{top} has no .py module")
    return files


def modules(cfg, *, boards=True, tree=None):
    """The package's .py modules, relative to src/ (boards=False: the wheel's, all of them)."""
    files = board_files(cfg, tree) if boards else package_files(cfg, tree)
    return [f for f in files if f.suffix == ".py"]


def layout_problems(cfg, tree=None):
    """Why circuitpython-build-tools, run on `tree` (a checkout of this
    repository), would not ship exactly src/asynccp less its desktop-only
    subpackages: [] if it would."""
    tree = Path(tree or cfg.root)
    source = tree / cfg.source.relative_to(cfg.root)
    source_rel = cfg.source.relative_to(cfg.root).as_posix()
    problems = []
    try:
        with open(tree / "pyproject.toml", "rb") as f:
            setuptools = tomllib.load(f).get("tool", {}).get("setuptools", {})
    except FileNotFoundError:
        setuptools = {}
    packages = setuptools.get("packages")
    if not isinstance(packages, list) or not packages or packages[0] != cfg.name:
        problems.append(
            f"pyproject.toml: tool.setuptools.packages must be a list starting with "
            f'"{cfg.name}" (circuitpython-build-tools takes its first entry as the package)'
        )
        packages = packages if isinstance(packages, list) else []
    if setuptools.get("py-modules"):
        problems.append("pyproject.toml: tool.setuptools.py-modules must not be set")
    top = tree / cfg.name
    if top != source:
        if not top.is_symlink():
            problems.append(
                f"{cfg.name}: must be a symlink to {source_rel}, where circuitpython-build-tools "
                f"looks for the package (ln -s {source_rel} {cfg.name}; commit it)"
            )
        elif top.resolve() != source.resolve():
            problems.append(f"{cfg.name}: a symlink to {os.readlink(top)}, not to {source_rel}")
    if not source.is_dir():
        return problems + [f"{source_rel}: missing"]
    for entry in cfg.desktop_only:
        path = source / entry
        if not (path.is_symlink() and path.is_dir()):
            problems.append(
                f"{source_rel}/{entry}: bundle.toml desktop_only names it, so it must be a "
                "symlink to a folder outside the package (circuitpython-build-tools ships "
                "everything else in the package to boards)"
            )
        if f"{cfg.name}.{entry}" not in packages:
            problems.append(
                f'pyproject.toml: tool.setuptools.packages lacks "{cfg.name}.{entry}" '
                "(the wheel would not have it)"
            )
    for dirpath, dirnames, _files in os.walk(source):
        for d in dirnames:
            path = Path(dirpath) / d
            rel = path.relative_to(source).as_posix()
            if path.is_symlink() and rel not in cfg.desktop_only:
                problems.append(
                    f"{source_rel}/{rel}: a symlinked folder, which circuitpython-build-tools "
                    "leaves out of the board zips; name it in bundle.toml desktop_only if "
                    "that is meant"
                )
    return problems


# ------------------------------------------------------------ source checks

_ASYNC_NODES = {
    ast.AsyncFunctionDef: "`async def`",
    ast.Await: "`await`",
    ast.AsyncWith: "`async with`",
    ast.AsyncFor: "`async for`",
}


def async_constructs(tree):
    """(line, col, what) for every piece of async syntax in a parsed module."""
    found = []
    for node in ast.walk(tree):
        what = _ASYNC_NODES.get(type(node))
        if what:
            found.append((node.lineno, node.col_offset + 1, what))
        elif isinstance(node, ast.comprehension) and node.is_async:
            found.append(
                (node.target.lineno, node.target.col_offset + 1, "`async for` comprehension")
            )
    return sorted(found)


def check_source(text, display_name, *, forbid_async):
    """Problems with one module's source, each as "name:line:col: message"."""
    try:
        tree = ast.parse(text, filename=display_name)
    except SyntaxError as e:
        col = f"{e.offset}:" if e.offset else ""
        return [f"{display_name}:{e.lineno}:{col} syntax error: {e.msg}"]
    if not forbid_async:
        return []
    return [
        f"{display_name}:{line}:{col}: {what} cannot be compiled exactly for CircuitPython "
        "without CircuitPython's own mpy-cross (MicroPython's compiler makes coroutines that "
        "CircuitPython runs as plain generators)"
        for line, col, what in async_constructs(tree)
    ]


def check_file(path, display_name=None, *, forbid_async):
    path = Path(path)
    name = display_name or os.path.relpath(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        return [f"{name}: not UTF-8: {e}"]
    return check_source(text, name, forbid_async=forbid_async)
