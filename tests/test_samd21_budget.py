# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""RAM budgets for small boards.

Import RAM on the 32-bit MicroPython VM (tools/mpwasm, run by
tests/wasm_runner.py, which loads the built ``build/micropython`` ``.mpy``
files; make test runs make bundle first): the minimal set (``import
asynccp``) and the seed set (then the seed modules) in bytes of
``gc.mem_alloc()`` after a full collection, from a fresh VM with
``supervisor`` stubbed (CircuitPython's code paths) and without what SAMD21
boards lack (wasm_runner.samd21_lib). The budgets are bundle.toml's
``[budget]``; build/SIZES.md reports the same figures.

That VM cannot enforce a small heap: it grows its heap instead of raising
MemoryError, and collects only when a ``runPython`` call returns, so it
never shows a program's peak (the compiler's work, modules loaded mid-run,
fragmentation). Whole programs are run in a heap that raises MemoryError
instead (tests/heap_runner.py: MicroPython's unix port with ``-X heapsize``),
at their ``[[program]]`` budgets. The seed-sized app also runs on the 32-bit
VM, with a SAMD21's pystack, to check what it does there.
"""

import ast
import re
import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest
import wasm_runner
from build_support import CFG, built_version, bundleconf
from heap_runner import run_in_heap
from wasm_runner import MPY_LIB_DIRS, import_ram, import_ram_many, run_wasm

BUDGET = CFG.budget
SEED_APP = wasm_runner.ROOT / "tests" / "samd21_seed_app.py"


@pytest.fixture(scope="module")
def built():
    built_version()  # fails with a clear message when make bundle has not run
    return MPY_LIB_DIRS


# ------------------------------------------------------------------ the VM


def test_runner_runs_chunks_and_reports_exceptions(tmp_path):
    rc, out = run_wasm("x = 1\nprint('one', x)\n#---\nx += 1\nprint('two', x)", [tmp_path])
    assert (rc, out) == (0, "one 1\ntwo 2\n")
    rc, out = run_wasm("print('one')\n#---\n{}['k']\n#---\nprint('three')", [tmp_path])
    assert rc == 1
    assert out.startswith("one\n") and "KeyError" in out and "three" not in out
    assert "chunk 2 of 3" in out


def test_vm_is_32_bit_and_loads_the_built_mpy_files(built):
    code = "import sys, asynccp\nprint(sys.maxsize, asynccp.__file__, asynccp.__version__)"
    rc, out = run_wasm(code, built)
    assert rc == 0, out
    maxsize, path, version = out.split()
    assert int(maxsize) == 2**31 - 1
    assert path.endswith("/asynccp/__init__.mpy")
    assert version == built_version()


def test_supervisor_stub_gives_asynccp_its_circuitpython_clock(built):
    code = (
        "import sys, supervisor, asynccp\n"
        "print(asynccp.core._TUPLE_ITER, 'adafruit_ticks' in sys.modules,"
        " supervisor.ticks_ms() >> 29)"
    )
    assert run_wasm(code, built) == (0, "True False 0\n")
    rc, out = run_wasm("import supervisor", built, supervisor=False)
    assert rc == 1 and "ImportError" in out, "the stub is the only supervisor"


def test_pystack_is_a_samd21s():
    """384 words (1536 bytes, CircuitPython 9 on SAMD21): a plain recursion
    gets about 35 calls deep (the board: about 45); 2048 words go deeper."""
    code = (
        "d = [0]\ndef f(n):\n    d[0] = n\n    f(n + 1)\n"
        "try:\n    f(0)\nexcept RuntimeError as e:\n    print(d[0], e)"
    )
    rc, out = run_wasm(code, [])
    assert rc == 0, out
    depth, msg = out.split(" ", 1)
    assert 25 <= int(depth) <= 50 and msg.strip() == "pystack exhausted"
    rc, out = run_wasm(code, [], pystack_words=2048)
    assert rc == 0 and int(out.split()[0]) > 100, out


# -------------------------------------------------------- the measurement


def _fixture_modules(lib, garbage_blocks=32):
    """fix_a and fix_b: the same module, keeping a 16- or a 4112-byte
    bytearray, and each making about 4 KB of garbage while it imports."""
    for name, size in (("fix_a", 16), ("fix_b", 16 + 4096)):
        (lib / f"{name}.py").write_text(
            f"junk = None\nfor i in range({garbage_blocks}):\n    junk = bytearray(112)\n"
            f"junk = None\nKEEP = bytearray({size})\n",
            encoding="utf-8",
        )


def test_known_sizes_are_measured_exactly_without_the_garbage(tmp_path):
    _fixture_modules(tmp_path)
    (a,), (b,) = import_ram_many([[["fix_a"]], [["fix_b"]]], [tmp_path])
    assert b - a == 4096, (a, b)
    assert 0 < a < 256, f"fix_a measured {a} bytes: the ~4 KB of garbage counted?"


def test_reading_in_the_collecting_chunk_would_count_the_garbage(tmp_path):
    """Why the harness reads in the chunk after gc.collect(): on this VM the
    reading in the same chunk still holds the import's garbage (fix_b keeps
    4112 bytes and throws away about 4 KB). If this ever fails, the VM's
    collection changed: check wasm_runner's and SIZES.md's explanations."""
    _fixture_modules(tmp_path)
    naive = (
        "import gc\nfix_b = None\ngc.collect()\n#---\na = gc.mem_alloc()\n#---\n"
        "import fix_b\n#---\ngc.collect()\nprint('RAM', gc.mem_alloc() - a)"
    )
    rc, out = run_wasm(naive, [tmp_path])
    assert rc == 0, out
    (exact,) = import_ram([["fix_b"]], [tmp_path])
    assert int(out.split()[1]) > exact + 3000, (out, exact)


def test_each_vm_is_fresh_and_figures_repeat(built):
    steps = [[CFG.name], list(BUDGET.seed_modules)]
    first, again, alone = import_ram_many([steps, steps, [[CFG.name]]], built)
    assert first == again
    assert alone == first[:1]


def test_an_extra_module_makes_the_figure_grow(built):
    (minimal,), (more,) = import_ram_many([[[CFG.name]], [[CFG.name, f"{CFG.name}.lock"]]], built)
    assert more > minimal + 500, (minimal, more)


def test_a_failing_import_is_reported_not_measured(built):
    (res,) = import_ram_many([[[f"{CFG.name}.no_such_module"]]], built)
    assert isinstance(res, str) and "ImportError" in res
    with pytest.raises(wasm_runner.MeasureError):
        import_ram([[f"{CFG.name}.no_such_module"]], built)


# ---------------------------------------------------------------- budgets


def test_budget_table_is_read_and_checked(tmp_path):
    import bundleconf

    assert BUDGET is not None, "bundle.toml needs its [budget] table"
    assert BUDGET.seed_modules and all(m.startswith(CFG.name + ".") for m in BUDGET.seed_modules)
    text = (wasm_runner.ROOT / "bundle.toml").read_text(encoding="utf-8")
    for bad in ('minimal = "5k"', "minimal = -1", "minimal = 5000.5"):
        broken = tmp_path / "bundle.toml"
        broken.write_text(re.sub(r"(?m)^minimal = .*$", bad, text), encoding="utf-8")
        with pytest.raises(bundleconf.ConfigError, match="minimal"):
            bundleconf.load(broken)


@pytest.fixture(scope="module")
def sets(built):
    return wasm_runner.minimal_and_seed(CFG.name, BUDGET.seed_modules, built)


def test_minimal_set_within_budget(sets):
    minimal, _ = sets
    assert minimal <= BUDGET.minimal, (
        f"`import {CFG.name}` takes {minimal} bytes on the 32-bit VM: "
        f"over bundle.toml's [budget] minimal = {BUDGET.minimal} by {minimal - BUDGET.minimal}"
    )


def test_seed_set_within_budget(sets):
    minimal, seed = sets
    assert seed > minimal
    assert seed <= BUDGET.seed, (
        f"`import {CFG.name}` then {', '.join(BUDGET.seed_modules)} take {seed} bytes on the "
        f"32-bit VM: over bundle.toml's [budget] seed = {BUDGET.seed} by {seed - BUDGET.seed}"
    )


def test_sizes_report_gives_these_figures(sets):
    """build/SIZES.md (whose figures make bundle may take from its results
    cache) says what measuring here gives."""
    text = CFG.sizes_out.read_text(encoding="utf-8")
    found = re.findall(r"^- (minimal|seed) set, .*: \*\*(\d+)\*\* bytes", text, re.M)
    assert [(k, int(n)) for k, n in found] == [("minimal", sets[0]), ("seed", sets[1])]


# --------------------------------------------------------------- seed app


@pytest.fixture(scope="module")
def seed_app(built):
    rc, out = run_wasm(SEED_APP.read_text(encoding="utf-8"), built, samd21=True)
    assert rc == 0, out
    lines = {}
    for line in out.splitlines():
        key, *values = line.split()
        lines[key] = values
    return lines


def _ints(values):
    return [int(v) for v in values]


def test_seed_app_runs_on_circuitpython_code_paths(seed_app):
    assert seed_app["cp"] == ["True", "False"], "supervisor clock, no adafruit_ticks"


def test_seed_app_ran_for_three_seconds(seed_app):
    """Run counts for 3 s (each schedule runs at once, then every period);
    the lower margins allow for a busy machine."""
    sensor, button, display, spi_sensor, spi_card = _ints(seed_app["runs"])
    assert sensor == 1  # every 5 s
    assert 192 <= button <= 252  # 80 Hz: 240
    assert 36 <= display <= 48  # 15 Hz: 45
    assert 19 <= spi_sensor <= 26  # every 123 ms: 25
    assert 2 <= spi_card <= 3  # every 1.5 s: at 0 and 1.5 s (3 s is the end)
    state, checks, presses = _ints(seed_app["app"])
    assert state == 7 * sensor and checks == button
    assert presses >= 4  # the simulated button is pressed twice a second
    readings, logged, written, _locked, cancelled, victim_done = seed_app["spi"]
    assert int(readings) >= spi_sensor - 2 and int(logged) >= 2
    # each finished reading wrote 3 bytes, each finished log 512 (plus unfinished ones)
    assert int(written) >= 3 * int(readings) + 512 * int(logged)
    assert (cancelled, victim_done) == ("1", "True"), "cancelled mid-delay"


# ------------------------------------------------- whole programs in a heap


def _generator_form(path):
    """No async syntax (SAMD21 firmware has none): tools/bundleconf.py's walk."""
    return not bundleconf.async_constructs(ast.parse(path.read_text(encoding="utf-8")))


#: The last line each program prints when it ran to the end. On the virtual
#: clock of the heap runs (tests/heap_runner.py) every count is exact.
ENDS = {
    "samd21_seed_app": "spi 24 2 1098 False 1 True",
    "samd21_small_app": "small 8 160 30 1",
    "samd21_asyncio_leds": "leds 4 10",
    "samd21_asyncio_prims": "prims 5 5 10 45 set timeout cancelled",
}


def test_the_programs_are_bundle_tomls_and_generator_form():
    assert sorted(p.path.stem for p in CFG.programs) == sorted(ENDS)
    for prog in CFG.programs:
        assert _generator_form(prog.path), prog.path
        assert prog.unix == prog.samd21 * prog.unix_at // prog.samd21_at


@pytest.mark.parametrize("prog", CFG.programs, ids=lambda p: p.path.stem)
def test_program_runs_in_its_heap_budget(built, prog):
    """The program, run whole as a board runs it, in a heap of its budget
    (bundle.toml's [[program]], on MicroPython's 64-bit unix port) and in
    every larger heap up to 2 KB more, in steps of 100 bytes: a bigger heap
    moves the collections and the holes in it, and a board's heap is what
    it is. It must print what it does when it runs to the end."""
    sizes = range(prog.unix, prog.unix + 2001, 100)
    with ThreadPoolExecutor(4) as ex:
        results = dict(zip(sizes, ex.map(lambda n: run_in_heap(prog.path, n), sizes)))
    failed = [n for n, (rc, _) in results.items() if rc != 0]
    assert not failed, (
        f"{prog.path.name} does not run in {failed} bytes of heap (budget {prog.unix} on "
        f"this port, for {prog.samd21} on a SAMD21 board):\n{results[failed[0]][1][-1500:]}"
    )
    for _, out in results.values():
        assert out.splitlines()[-1] == ENDS[prog.path.stem], out


def test_a_program_over_its_heap_fails():
    """What the test above relies on: a heap too small is a MemoryError."""
    prog = CFG.programs[1]
    rc, out = run_in_heap(prog.path, prog.unix // 2)
    assert rc != 0 and "MemoryError" in out, out


def test_seed_app_uses_the_generator_forms():
    text = SEED_APP.read_text(encoding="utf-8")
    assert "yield from asynccp.delay(" in text and "= yield from handle" in text
    assert re.search(r"finally:\n\s+handle\.release\(\)", text)


# ------------------------------------------------- the small boards guide


GUIDE = wasm_runner.ROOT / "docs" / "guides" / "small_boards.rst"


def _guide_rows():
    """The rows of the guide's module table: (what you use, the modules the
    row says to copy, its RAM figure). The modules are those named before
    any parenthesis (which says what else loads only in some cases); a row
    that says "too" adds to the first asyncio row's."""
    text = GUIDE.read_text(encoding="utf-8")
    table = text.split(".. list-table::", 1)[1].split("\n\n", 1)[1].split("\n\n", 1)[0]
    rows = []
    for raw in table.split("\n   * - ")[1:]:  # (after the header row)
        cells = [" ".join(c.split()) for c in raw.split("\n     - ")]
        assert len(cells) == 3, raw
        use, copy, ram = cells
        modules = re.findall(r"``([a-z_/]+)``", copy.split("(", 1)[0])
        if " too" in copy:
            modules = [m for r in rows if "asyncio" in r[0] for m in r[1]][:3] + modules
        rows.append((use, modules, int(ram)))
    return rows


def test_guide_table_is_read_whole():
    rows = _guide_rows()
    assert len(rows) >= 20
    assert rows[0][1] == [] and "import asynccp" in rows[0][0]
    assert rows[-1][1] == ["scheduler", "resource", "waitq", "duration"]
    funcs = next(r for r in rows if "gather" in r[0])
    assert funcs[1] == ["asyncio/__init__", "task", "awaitable", "asyncio/funcs"]


def test_guide_table_figures_are_measured(built, tmp_path):
    """Each row of the small boards guide's table, measured as it says: the
    package (``__init__``, ``core``, ``delay``, and ``lazy``, which the table
    says the names need) and the row's modules alone in ``lib/asynccp``;
    the RAM ``import`` of each of them holds on top of ``import asynccp``."""
    source = built[0] / CFG.name
    wrong = []
    rows = _guide_rows()
    assert rows
    for i, (use, modules, ram) in enumerate(rows):
        lib = tmp_path / str(i)
        copy = ["__init__", "core", "delay"] + (["lazy"] + modules if modules else [])
        for m in copy:
            (lib / CFG.name / m).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / f"{m}.mpy", lib / CFG.name / f"{m}.mpy")
        steps = [[CFG.name]] + (
            [[f"{CFG.name}.{m.replace('/__init__', '').replace('/', '.')}" for m in modules]]
            if modules
            else []
        )
        figures = import_ram(steps, [lib])
        got = figures[-1] - (figures[0] if modules else 0)
        if got != ram:
            wrong.append(f"{use[:50]!r}: the guide says {ram}, measured {got}")
    assert not wrong, "docs/guides/small_boards.rst's table:\n" + "\n".join(wrong)
