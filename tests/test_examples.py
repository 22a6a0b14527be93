# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Every example in examples/ runs unchanged and does what it says.

Under the virtual clock (tests/example_harness.py) each runs for a bounded
simulated time with recording fakes for its pins and buses; and each also
runs for real, as a user would start it, on Blinka's simulated board, where
it prints what it does and ends by itself after a few seconds.
"""

import ast
import os
import re
import subprocess
import sys
import time

import pytest
from build_support import bundleconf
from example_harness import EXAMPLES, ROOT, run_example
from ports import free_port

ALL = sorted(p.name for p in EXAMPLES.glob("*.py"))


ASYNCIO = [n for n in ALL if n.startswith("asynccp_asyncio_")]

#: Programs that end by themselves on a board too
ENDS_EVERYWHERE = {"asynccp_asyncio_blink.py"}


def test_the_examples_the_docs_name_are_there():
    # README.md and the guides (getting started, migrating from 0.1.x, sharing a
    # bus, small boards) send users to these by name
    for name in (
        "asynccp_simpletest.py",
        "asynccp_loop_task.py",
        "asynccp_scheduled_app.py",
        "asynccp_shared_spi.py",
        "asynccp_toy_app.py",
        "asynccp_generator_tasks.py",
    ):
        assert name in ALL


def test_the_asyncio_guides_examples_are_there():
    # the asyncio guide's programs: LEDs at two rates with gather; buttons steering an
    # animation through shared state, and through an Event
    assert ASYNCIO == [
        "asynccp_asyncio_blink.py",
        "asynccp_asyncio_buttons.py",
        "asynccp_asyncio_event.py",
        "asynccp_asyncio_web_led.py",  # streams: a web page switching an LED
    ]
    assert "asyncio.gather(" in (EXAMPLES / ASYNCIO[0]).read_text()
    assert "class Interval" in (EXAMPLES / ASYNCIO[1]).read_text()
    assert "asyncio.Event()" in (EXAMPLES / ASYNCIO[2]).read_text()


@pytest.mark.parametrize("name", ALL)
def test_example_is_a_plain_program(name):
    """What a user copies as code.py: SPDX header, a docstring, asynccp.run()
    at the end (asyncio.run(main()) for the asyncio programs, whose only
    change is the import line), nothing from the tests."""
    text = (EXAMPLES / name).read_text()
    assert text.startswith("# SPDX-FileCopyrightText: ")
    tree = ast.parse(text)
    assert ast.get_docstring(tree)
    if name in ASYNCIO:
        assert text.rstrip().endswith("asyncio.run(main())")
        assert "import asynccp.asyncio as asyncio  # was: import asyncio" in text
        # nothing but asyncio from asynccp: the program is an asyncio program
        assert "asynccp." not in text.replace("asynccp.asyncio", "")
    else:
        assert "asynccp.run()" in text
    for word in ("example_harness", "virtual_loop", "pytest"):
        assert word not in text
    # on a computer it stops by itself; as code.py on a board it runs for ever
    # (but for the one that ends by itself everywhere)
    if name not in ENDS_EVERYWHERE:
        assert 'if sys.implementation.name == "cpython":' in text


def test_generator_example_has_no_async_syntax():
    tree = ast.parse((EXAMPLES / "asynccp_generator_tasks.py").read_text())
    assert bundleconf.async_constructs(tree) == []


def toggles(writes):
    """(ms, value) writes -> the times the value changed."""
    out = []
    last = None
    for ms, v in writes:
        if v != last:
            out.append((ms, v))
        last = v
    return out


def test_simpletest():
    sim = run_example("asynccp_simpletest.py", 10)
    assert sim.stopped_after == 5  # on a computer
    counts = [p for p in sim.prints if p[1].startswith("count")]
    assert counts == [(1000 * i, f"count {i + 1}") for i in range(10)]
    # off at start, then a change every 500 ms, each one printed
    assert toggles(sim.writes["Dx_OUTPUT"]) == [(0, False), (0, True)] + [
        (500 * i, i % 2 == 0) for i in range(1, 20)
    ]
    leds = [p for p in sim.prints if p[1].startswith("LED")]
    assert leds == [(500 * i, "LED on" if i % 2 == 0 else "LED off") for i in range(20)]


def test_loop_task():
    def setup(sim):
        sim.inputs["Dx_INPUT_TOGGLE"] = lambda ms: not (1000 <= ms < 1950)  # held 1.0-1.95 s

    sim = run_example("asynccp_loop_task.py", 3, setup)
    assert sim.stopped_after == 5
    assert sim.reads == {"Ax_INPUT_WAVE_SINE": 30, "Dx_INPUT_TOGGLE": 30}  # 10 passes a second
    assert sim.prints == [
        (900, "sensor 32768, button presses 0, LED off"),
        (1900, "sensor 32768, button presses 1, LED on"),
        (2900, "sensor 32768, button presses 1, LED off"),
    ]
    assert toggles(sim.writes["Dx_OUTPUT"]) == [(0, False), (1000, True), (2000, False)]


def test_scheduled_app_rates_and_debounce():
    def setup(sim):
        sim.analog["Ax_INPUT_WAVE_SINE"] = lambda ms: 1000 + ms // 1000
        sim.inputs["Dx_INPUT_TOGGLE"] = lambda ms: not (2000 <= ms < 2500)
        # a bounce: 5 ms low at 4 s is too short to count as a press
        prev = sim.inputs["Dx_INPUT_TOGGLE"]
        sim.inputs["Dx_INPUT_TOGGLE"] = lambda ms: prev(ms) and not (4000 <= ms < 4005)

    sim = run_example("asynccp_scheduled_app.py", 10, setup)
    assert sim.stopped_after == 5
    assert sim.reads["Dx_INPUT_TOGGLE"] == 800  # exactly 80 Hz
    assert sim.reads["Ax_INPUT_WAVE_SINE"] == 2  # at 0 and 5 s
    assert sim.globals["__name__"] == "__main__"
    shown = [p for p in sim.prints if p[1].startswith("sensor")]
    assert [t for _, t in shown] == [
        "sensor 1000, button presses 0, LED off",
        "sensor 1000, button presses 1, LED on",
        "sensor 1000, button presses 1, LED off",
        "sensor 1005, button presses 1, LED off",
    ]
    times = [ms for ms, _ in shown]
    assert times[0] == 0
    assert 2025 <= times[1] <= 2025 + 67  # debounced (3 samples), shown within a 15 Hz frame
    assert 2525 <= times[2] <= 2525 + 67
    assert 5000 <= times[3] <= 5067
    led = toggles(sim.writes["Dx_OUTPUT"])
    assert [v for _, v in led] == [False, True, False]
    assert 2025 <= led[1][0] <= 2092 and 2525 <= led[2][0] <= 2592
    # once a second, the runs so far: the rates hold exactly
    reports = [p for p in sim.prints if p[1].startswith("after")]
    assert reports == [
        (
            1000 * k,
            f"after {k} s: button checked {80 * k} times (80 Hz), "
            f"display updated {15 * k} times (15 Hz)",
        )
        for k in range(1, 10)
    ]


def test_the_readme_program_prints_once_per_press(tmp_path):
    """README.md's first program, on the simulated board's pins: the LED
    blinks, the button is read 80 times a second, and a press held for
    several readings prints one line."""
    readme = (ROOT / "README.md").read_text()
    code = re.search(r"^## Usage\n.*?^```python\n(.*?)^```", readme, re.M | re.S).group(1)
    assert "board.LED" in code and "board.D5" in code
    code = code.replace("board.LED", "board.Dx_OUTPUT").replace("board.D5", "board.Dx_INPUT_TOGGLE")
    program = tmp_path / "readme_program.py"
    program.write_text(code)

    def setup(sim):  # held 1.0-1.3 s and 2.0-2.1 s
        sim.inputs["Dx_INPUT_TOGGLE"] = lambda ms: not (1000 <= ms < 1300 or 2000 <= ms < 2100)

    sim = run_example(program, 3, setup)
    assert sim.prints == [(1000, "pressed"), (2000, "pressed")]
    assert sim.reads["Dx_INPUT_TOGGLE"] == 240  # 80 a second
    assert [ms for ms, _ in toggles(sim.writes["Dx_OUTPUT"])] == [0] + [500 * i for i in range(6)]


def test_fixed_rate_the_schedule_holds_its_rate_the_sleeping_loop_drifts():
    sim = run_example("asynccp_fixed_rate.py", 5.5)
    assert sim.stopped_after == 5.5  # five reports, on a computer
    reports = [re.fullmatch(REPORT, t) for t in sim.texts()]
    assert len(reports) == 5 and all(reports), sim.texts()
    for k, m in enumerate(reports, 1):
        scheduled, looped = int(m["scheduled"]), int(m["looped"])
        assert int(m["s"]) == k
        assert scheduled == 80 * k  # 80 Hz, however long the job takes
        # a pass is at least the job's 2 ms plus the delay's 12 ms: 71.4 a second
        assert 1000 * k / 15 <= looped <= 1000 * k / 14 + 1
    assert [ms for ms, _ in sim.prints] == [1000 * k for k in range(1, 6)]


REPORT = (
    r"after (?P<s>\d+) s: the schedule ran (?P<scheduled>\d+) times, "
    r"the loop with delay\(\) (?P<looped>\d+) times"
)


def test_shared_spi_one_device_at_a_time():
    sim = run_example("asynccp_shared_spi.py", 10)
    sensor_reads = sum(1 for _, what, _, _ in sim.spi if what == "readinto 4")
    # runs start every 123 ms from 0; each takes 100 ms (+ waits for the bus)
    assert sensor_reads in (81, 82)
    assert [t for _, t in sim.prints][0] == "logged after 0 sensor readings"
    assert len(sim.prints) == 7  # at 0, 1.5, ... 9 s
    for (ms, text), k in zip(sim.prints, range(7)):
        assert 1500 * k <= ms <= 1500 * k + 20 + 5  # four 5 ms parts, plus a wait for the bus
    for ms, what, low, locked in sim.spi:
        assert "busy" not in what  # asynccp serialised them: try_lock never failed
        if what.startswith(("write", "readinto", "configure")):
            assert locked
        if what.startswith(("write", "readinto")):
            assert len(low) == 1, (ms, what, low)  # exactly one device selected
    sd = [low for _, what, low, _ in sim.spi if what == "write 128"]
    assert sd and all(low == ["CS"] for low in sd)
    sensor = [low for _, what, low, _ in sim.spi if what in ("write 2", "write 1", "readinto 4")]
    assert all(low == ["Dx_OUTPUT"] for low in sensor)
    # chip selects idle high at the end (nothing mid-transfer at 10 s is fine too)
    assert not (sim.writes["Dx_OUTPUT"][-1][1] is False and sim.writes["CS"][-1][1] is False)


class FakePrinter:
    """A 3D printer's serial port: answers M105 with a temperature report."""

    def __init__(self, **kwargs):
        self.kwargs = kwargs
        self.buf = b""
        self.written = []

    @property
    def in_waiting(self):
        return len(self.buf)

    def read(self, n):
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def write(self, data):
        self.written.append(data)
        if data == b"M105\n":
            self.buf += b"ok T:205.3 /210.0 B:60.1 /60.0\n"


def test_toy_app():
    printers = []

    def setup(sim):
        sim.analog["Ax_INPUT_WAVE_SINE"] = lambda ms: 500
        # one detent clockwise at 1.00-1.04 s: (A, B) = 10, 00, 01, then back to 11
        seq = {1000: (1, 0), 1010: (0, 0), 1020: (0, 1)}
        sim.inputs["Dx_INPUT_TRUE"] = lambda ms: seq.get(ms // 10 * 10, (1, 1))[0]
        sim.inputs["Dx_INPUT_FALSE"] = lambda ms: seq.get(ms // 10 * 10, (1, 1))[1]
        sim.inputs["Dx_INPUT_TRUE_PULL_UP"] = lambda ms: not (3000 <= ms < 3100)

        def uart(**kwargs):
            printers.append(FakePrinter(**kwargs))
            return printers[-1]

        sim.uart_factory = uart

    sim = run_example("asynccp_toy_app.py", 6, setup)
    assert sim.stopped_after == 5
    assert printers and printers[0].kwargs["baudrate"] == 115200
    assert len(printers[0].written) == 30  # M105 every 200 ms
    assert sim.reads["Dx_INPUT_TRUE"] == 601  # the encoder: every 10 ms (+1 at start)
    prints = sim.prints
    assert (1030, "knob 1") in prints
    assert (3000, "click 1") in prints
    assert [p for p in prints if p[1].startswith("light")] == [
        (1000, "light 500 (the beach ball turned 10 times meanwhile)"),
        (3000, "light 500 (the beach ball turned 10 times meanwhile)"),
        (5000, "light 500 (the beach ball turned 10 times meanwhile)"),
    ]
    hot = [p for p in prints if p[1].startswith("hotend")]
    assert hot[0] == (200, "hotend 205.3") and len(hot) == 29
    # the beach ball spins (toggles every 100 ms) only while the sensor reads
    ball = toggles(sim.writes["Dx_OUTPUT"])
    for ms, v in ball:
        if v:
            assert ms % 2000 < 1000
    assert sum(1 for ms, v in ball if v and ms < 1000) == 5


def test_generator_tasks():
    sim = run_example("asynccp_generator_tasks.py", 6)
    assert sim.stopped_after == 6
    texts = sim.texts()
    averages = [p for p in sim.prints if p[1].startswith("sensor average")]
    # each run samples for 200 ms; at 5.2 s heartbeat 3 holds the console
    # (5.2-5.3 s), so that report waits for it
    assert [ms for ms, _ in averages] == [200, 1200, 2200, 3200, 4200, 5300]
    # a heartbeat's two lines are never split by a report
    for i, t in enumerate(texts):
        if t.endswith("begin"):
            assert texts[i + 1] == t.replace("begin", "end")
    assert texts.count("heartbeat 1 begin") == 1 and "heartbeat 3 end" in texts
    assert len(toggles(sim.writes["Dx_OUTPUT"])) == 13  # off, then 12 changes in 6 s
    leds = [p for p in sim.prints if p[1].startswith("LED")]
    assert leds == [(500 * i, "LED on" if i % 2 == 0 else "LED off") for i in range(12)]


def test_asyncio_blink():
    sim = run_example("asynccp_asyncio_blink.py", 6)
    # 10 blinks of 0.5 s, 20 of 0.2 s: gather waits for both, then the program ends
    assert sim.prints[-1] == (5000, "done")
    assert sim.main_task.done()
    assert [p for p in sim.prints if p[1].startswith("LED 1")] == [
        (500 * i, f"LED 1 on {i + 1}") for i in range(10)
    ]
    assert [p for p in sim.prints if p[1].startswith("LED 2")] == [
        (200 * i, f"LED 2 on {i + 1}") for i in range(20)
    ]
    on1 = [ms for ms, v in toggles(sim.writes["Dx_OUTPUT"]) if v]
    on2 = [ms for ms, v in toggles(sim.writes["CS"]) if v]
    assert on1 == [500 * i for i in range(10)]
    assert on2 == [200 * i for i in range(20)]
    assert sim.writes["Dx_OUTPUT"][-1] == (4750, False) and sim.writes["CS"][-1] == (3900, False)


def test_asyncio_buttons_shared_state():
    def setup(sim):
        # "slower" held at 1.0-1.2 s and 2.0-2.2 s, "faster" at 3.0-3.1 s
        sim.inputs["Dx_INPUT_TOGGLE"] = lambda ms: not (1000 <= ms < 1200 or 2000 <= ms < 2200)
        sim.inputs["Dx_INPUT_TRUE_PULL_UP"] = lambda ms: not (3000 <= ms < 3100)

    sim = run_example("asynccp_asyncio_buttons.py", 6, setup)
    assert sim.main_task.done()  # on a computer main() returns after 5 s
    assert [p for p in sim.prints if p[1].startswith("interval")] == [
        (1000, "interval is now 0.6"),
        (2000, "interval is now 0.7"),
        (3000, "interval is now 0.6"),
    ]
    assert sim.reads["Dx_INPUT_TOGGLE"] == 120  # every 50 ms: 0 to 5.95 s
    # each toggle waits the interval in force when it toggled (at 1.0 s the
    # LED's turn comes before the buttons', as its sleep began first)
    times = [ms for ms, _ in toggles(sim.writes["Dx_OUTPUT"])][1:]
    gaps = [b - a for a, b in zip(times, times[1:])]

    def interval(ms):
        return 500 if ms <= 1000 else 600 if ms < 2000 else 700 if ms < 3000 else 600

    assert times[:3] == [0, 500, 1000]
    assert gaps == [interval(t) for t in times[:-1]]
    leds = [p for p in sim.prints if p[1].startswith("LED")]
    assert leds == [(ms, "LED on" if i % 2 == 0 else "LED off") for i, ms in enumerate(times)]


def test_asyncio_buttons_event():
    def setup(sim):
        # a press at 1.0 s, another during the animation (1.15 s), one at 3.0 s
        sim.inputs["Dx_INPUT_TOGGLE"] = lambda ms: (
            not (1000 <= ms < 1100 or 1150 <= ms < 1200 or 3000 <= ms < 3050)
        )

    sim = run_example("asynccp_asyncio_event.py", 5.1, setup)
    assert sim.main_task.done()  # on a computer main() returns after 5 s
    ends = "animation ends: the LED flashed 6 times"
    assert sim.prints == [
        (1000, "animation begins"),
        (1600, ends),
        (1600, "animation begins"),  # pressed meanwhile: once more, right after
        (2200, ends),
        (3000, "animation begins"),
        (3600, ends),
    ]
    flashes = [ms for ms, v in toggles(sim.writes["Dx_OUTPUT"]) if v]
    assert flashes == (
        [1000 + 100 * i for i in range(6)]
        + [1600 + 100 * i for i in range(6)]
        + [3000 + 100 * i for i in range(6)]
    )


def _start(name, env, out):
    return subprocess.Popen([sys.executable, str(EXAMPLES / name)], env=env, stdout=out, stderr=out)


def test_examples_run_for_real_on_blinka_and_end_by_themselves(tmp_path):
    """Started as a user would on a computer, on Blinka's simulated board,
    with the real clock: each prints what it does, raises nothing and ends
    by itself after a few seconds; the rates hold."""
    expect = {
        "asynccp_simpletest.py": ["LED on", "LED off", "count 5"],
        "asynccp_loop_task.py": ["sensor ", ", LED "],
        "asynccp_scheduled_app.py": ["button presses 0, LED off", "after 4 s: button checked"],
        "asynccp_fixed_rate.py": ["after 5 s: the schedule ran"],
        "asynccp_shared_spi.py": ["logged after "],
        "asynccp_toy_app.py": ["light ", "the beach ball turned"],
        "asynccp_generator_tasks.py": ["sensor average", "LED off", "heartbeat 3 end"],
        "asynccp_asyncio_blink.py": ["LED 1 on 10", "LED 2 on 20", "done"],
        "asynccp_asyncio_buttons.py": ["LED on", "interval is now 0.6"],  # "slower" toggles
        "asynccp_asyncio_event.py": ["animation begins", "animation ends"],
        "asynccp_mqtt_sensor.py": ["no MQTT broker at 127.0.0.1:", "(button checked "],
        "asynccp_asyncio_web_led.py": [
            "asked for /on - the page says: LED on",
            "asked for /off - the page says: LED off",
            "done",
        ],
    }
    assert set(expect) == set(ALL)
    env = dict(os.environ, BLINKA_OS_AGNOSTIC="1", PYTHONUNBUFFERED="1")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    env["MQTT_PORT"] = str(free_port())  # the MQTT example: no broker there
    procs = {}
    started = time.monotonic()
    for name in ALL:
        out = open(tmp_path / (name + ".out"), "w")  # closed below
        procs[name] = (_start(name, env, out), out)
    try:
        for name, (p, _) in procs.items():
            # each stops after 5 or 6 s; generous for a loaded machine
            rc = p.wait(timeout=max(1, 120 - (time.monotonic() - started)))
            assert rc == 0, (name, (tmp_path / (name + ".out")).read_text())
    finally:
        for p, out in procs.values():
            p.kill()
            p.wait()
            out.close()
    outputs = {n: (tmp_path / (n + ".out")).read_text() for n in ALL}
    for name, texts in expect.items():
        assert "Traceback" not in outputs[name], (name, outputs[name])
        for text in texts:
            assert text in outputs[name], (name, text, outputs[name])
    # The rates on the real clock (exact on the virtual one, above). A loaded
    # machine can make a schedule re-base now and then (a run missed); a
    # loop that sleeps after a 2 ms job can never make more than 1000/14 a
    # second.
    for m in re.finditer(
        r"after (\d+) s: button checked (\d+) times.*updated (\d+)",
        outputs["asynccp_scheduled_app.py"],
    ):
        k, button, display = (int(g) for g in m.groups())
        assert 0.9 * 80 * k <= button <= 80 * k + 1, m.group(0)
        assert 0.9 * 15 * k <= display <= 15 * k + 1, m.group(0)
    reports = list(re.finditer(REPORT, outputs["asynccp_fixed_rate.py"]))
    assert len(reports) == 5
    for m in reports:
        k, scheduled, looped = int(m["s"]), int(m["scheduled"]), int(m["looped"])
        assert 0.9 * 80 * k <= scheduled <= 80 * k + 1, m.group(0)
        assert looped <= 1000 * k / 14 + 1 and looped < scheduled, m.group(0)


@pytest.mark.parametrize("name", sorted(set(ALL) - {"asynccp_fixed_rate.py"}))
def test_without_blinka_os_agnostic_the_error_says_to_set_it(name, tmp_path):
    """On a computer without BLINKA_OS_AGNOSTIC, Blinka finds a board with
    no such pins (and no analog input): the example stops with an error
    that says what to set."""
    env = dict(os.environ)
    env.pop("BLINKA_OS_AGNOSTIC", None)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    proc = subprocess.run(
        [sys.executable, str(EXAMPLES / name)], env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode != 0
    assert "set BLINKA_OS_AGNOSTIC=1" in proc.stderr.splitlines()[-1], proc.stderr
