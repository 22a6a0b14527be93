# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""asynccp.trace (CPython and the MicroPython VM) and the asynccp-timeline command."""

import io
import subprocess
import sys
import textwrap

import pytest
from mpy_runner import MPY_LIB, MPY_LIB_DIRS, ROOT, run_micropython_code, src_lib_dirs

import asynccp
from asynccp import timeline
from asynccp.trace import HEADER, Tracer


def test_records_steps_and_late_starts(vloop):
    clock = vloop.clock
    tr = Tracer(64)
    tr.watch_all()

    async def slow():  # 30 ms of work, a 10 ms wait, 5 ms more
        clock.advance(30)
        await asynccp.delay(0.01)
        clock.advance(5)

    def tick():  # a plain function: one step per call
        pass

    asynccp.schedule(10, tick)  # every 100 ms
    asynccp.schedule(4, slow)  # every 250 ms
    vloop.run_for(0.6)
    recs = tr.records()
    assert recs[:6] == [
        ("tick", 0, 0, 0),
        ("slow", 0, 30, 0),
        ("slow", 40, 45, None),
        ("tick", 100, 100, 0),
        ("tick", 200, 200, 0),
        ("slow", 250, 280, 0),
    ]
    # slow's run due at 500 takes 500-530 without yielding, so the tick due
    # at 500 (made due after it) starts at 530: 30 ms late.
    assert ("tick", 530, 530, 30) in recs
    assert tr.names == ["tick", "slow"]
    assert len(tr) == len(recs)


def test_ring_keeps_the_newest(vloop):
    tr = Tracer(4)
    tr.watch_all()

    async def ticker():
        while True:
            await asynccp.delay(0.1)

    asynccp.add_task(ticker())
    vloop.run_for(1)  # steps at 0, 100, ... 900
    assert len(tr) == 4
    assert tr.records() == [("ticker", t, t, None) for t in (0, 100, 200, 300)]  # 600..900
    tr.clear()
    assert len(tr) == 0 and tr.records() == []
    tr.recording = False
    vloop.run_for(1)
    assert len(tr) == 0


def test_watch_one_task_result_cancel_and_run_later(vloop):
    tr = Tracer(16)

    async def work():
        await asynccp.delay(0.05)
        return 42

    async def forever():
        while True:
            await asynccp.delay(1)

    t = tr.watch(asynccp.add_task(work()), name="worker")
    f = tr.watch(asynccp.add_task(forever()))
    results = []

    async def waiter():
        results.append(await t)  # the result passes through the tracer
        f.cancel()
        try:
            await f
        except asynccp.CancelledError:
            results.append("cancelled")

    asynccp.add_task(waiter())  # not watched
    vloop.run_for(0.1)
    assert results == [42, "cancelled"]
    assert [r[0] for r in tr.records()] == ["worker", "forever", "worker", "forever"]
    assert t.done() and f.done()
    # run_later: the first step's lateness is start minus the requested start
    tr2 = Tracer(8)
    tr2.watch_all()
    asynccp.run_later(0.2, work())
    vloop.run_for(1)
    assert tr2.records()[0] == ("work", 0, 0, 0)


def test_schedule_made_before_watch_all_and_restart(vloop):
    st = asynccp.schedule(10, lambda: None)
    tr = Tracer(64)
    tr.watch_all()
    vloop.run_for(0.25)
    # made before watch_all(), and watched all the same, under its function
    assert {r[0] for r in tr.records()} == {"<lambda>"}
    tr.watch(st, name="poll")
    tr.clear()
    vloop.run_for(0.2)
    assert [r[0] for r in tr.records()] == ["poll", "poll"]
    st.stop()
    vloop.run_for(0.2)
    st.start()
    tr.clear()
    vloop.run_for(0.2)
    assert [r[0] for r in tr.records()] == ["poll", "poll"]  # still watched


def test_errors_pass_through(vloop):
    tr = Tracer(8)
    tr.watch_all()
    seen = []
    asynccp.set_exception_handler(lambda task, e: seen.append(type(e).__name__))

    async def bad():
        raise ValueError("x")

    def bad_plain():
        raise KeyError("y")

    asynccp.schedule(10, bad)
    asynccp.schedule(10, bad_plain)
    vloop.run_for(0.15)
    assert seen == ["ValueError", "KeyError"] * 2
    assert [r[0] for r in tr.records()] == ["bad", "bad_plain"] * 2


def test_dump_csv():
    tr = Tracer(4)
    tr.names = ['a,"b"', "c"]
    tr._rec(0, 100, 103, -1)
    tr._rec(1, 110, 110, 7)
    out = io.StringIO()
    tr.dump(out)
    assert out.getvalue() == HEADER + '\n"a,""b""",0,3,\nc,10,10,7\n'
    assert timeline.read_trace(io.StringIO(out.getvalue())) == [
        ('a,"b"', 0, 3, None),
        ("c", 10, 10, 7),
    ]


def test_dump_across_the_tick_wrap(make_vloop):
    loop = make_vloop(start_ms=(1 << 29) - 150)
    tr = Tracer(8)
    tr.watch_all()

    async def t():
        while True:
            await asynccp.delay(0.1)

    asynccp.add_task(t())
    loop.run_for(0.35)
    assert tr.records() == [("t", ms, ms, None) for ms in (0, 100, 200, 300)]


def test_zero_cost_unless_imported():
    code = (
        "import sys, asynccp\n"
        "async def f():\n    pass\n"
        "asynccp.add_task(f()); asynccp.schedule(1, f).stop(); asynccp.run()\n"
        "print(sorted(m for m in sys.modules if m.startswith('asynccp')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "asynccp.trace" not in out and "asynccp.timeline" not in out


MP_SCRIPT = textwrap.dedent(
    """
    import gc
    import asynccp
    from asynccp.trace import Tracer
    from asynccp.testing import virtual_loop

    async def blink():
        while True:
            await asynccp.delay_ms(7)

    def gen():
        while True:
            yield from asynccp.delay_ms(5)

    def tick():
        pass

    async def run():
        await asynccp.delay_ms(3)

    def app(traced):
        loop = virtual_loop()
        tr = None
        if traced:
            tr = Tracer(16)
            tr.watch_all()
        asynccp.add_task(blink())
        asynccp.add_task(gen())
        asynccp.schedule(100, tick)
        asynccp.schedule(50, run)
        loop.run_for(1)  # warm up: the ring is full, every path taken
        gc.collect()
        a = gc.mem_alloc()
        loop.run_for(2)
        return gc.mem_alloc() - a, tr

    plain, _ = app(False)
    traced, tr = app(True)
    print("EXTRA", traced - plain)
    print("N", len(tr))
    for r in tr.records()[:6]:
        print("REC", r[0], r[1], r[2], r[3])
    tr.dump()
    """
)


@pytest.mark.parametrize("lib", ["py", "mpy"])
def test_on_micropython_no_allocation_per_record(lib):
    if lib == "mpy":
        if not (MPY_LIB / "asynccp" / "trace.mpy").is_file():
            pytest.skip("no build/micropython/lib: run `make bundle`")
        dirs = MPY_LIB_DIRS
    else:
        dirs = src_lib_dirs()
    rc, out = run_micropython_code(MP_SCRIPT, dirs, heapsize="512k")
    assert rc == 0, out
    assert "EXTRA 0" in out, out  # tracing 2 s of steps allocated nothing more
    assert "N 16" in out
    assert "REC blink " in out or "REC gen " in out or "REC tick " in out, out
    rows = timeline.read_trace(out.splitlines())
    assert len(rows) == 16 and {r[0] for r in rows} <= {"blink", "gen", "tick", "run"}


# -- asynccp-timeline ----------------------------------------------------------


def test_read_trace_from_a_serial_log():
    log = (
        "Auto-reload is on.\ncode.py output:\n"
        + HEADER
        + "\nold,0,1,\n"  # an earlier dump: the last one counts
        + "some print\n"
        + HEADER
        + "\nt,0,2,\nu,5,5,3\nAdafruit CircuitPython 9.2 REPL\n"
    )
    assert timeline.read_trace(io.StringIO(log)) == [("t", 0, 2, None), ("u", 5, 5, 3)]
    with pytest.raises(timeline.TraceError):
        timeline.read_trace(io.StringIO("nothing here\n"))


def test_timeline_command_draws_a_png(tmp_path, vloop):
    tr = Tracer(128)
    tr.watch_all()

    async def display():
        vloop.clock.advance(20)
        await asynccp.delay(0)

    asynccp.schedule(80, lambda: None)
    asynccp.schedule(15, display)
    vloop.run_for(0.5)
    csv = tmp_path / "trace.csv"
    with open(csv, "w") as f:
        tr.dump(f)
    assert timeline.main([str(csv), "-o", str(tmp_path / "t.png")]) == 0
    png = (tmp_path / "t.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10000
    # default output name, cropping, and a bad input
    assert timeline.main([str(csv), "--start", "100", "--end", "200", "--late", "5"]) == 0
    assert (tmp_path / "trace.png").is_file()
    bad = tmp_path / "bad.csv"
    bad.write_text("hello\n")
    assert timeline.main([str(bad)]) == 1


def test_timeline_without_matplotlib(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import fails
    assert timeline.main([str(tmp_path / "x.csv")]) == 2
    assert "pip install 'circuitpython-asynccp[timeline]'" in capsys.readouterr().err


def test_timeline_console_script_is_declared():
    import tomllib

    with open(ROOT / "pyproject.toml", "rb") as f:
        proj = tomllib.load(f)
    assert proj["project"]["scripts"]["asynccp-timeline"] == "asynccp.timeline:main"
    assert proj["project"]["optional-dependencies"]["timeline"] == ["matplotlib"]
    # build-tools takes the first entry as the board package; the wheel also has the
    # desktop-only subpackage (src/asynccp/timeline, a symlinked folder) and the
    # board subpackage asynccp.asyncio
    assert proj["tool"]["setuptools"]["packages"] == [
        "asynccp",
        "asynccp.asyncio",
        "asynccp.timeline",
    ]


def test_watch_a_task_with_a_pending_cancel(vloop):
    ran = []

    async def job():
        try:
            await asynccp.delay(1)
        finally:
            ran.append("finally")

    t = asynccp.add_task(job())
    vloop.run_for(0.01)  # job sleeps
    t.cancel()  # pending until its next step
    tr = Tracer(4)
    tr.watch(t)
    vloop.run_for(0.01)
    assert ran == ["finally"] and t.done()
    assert [r[0] for r in tr.records()] == ["job"]  # the step that took the cancellation
