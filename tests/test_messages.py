# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Error message texts live in asynccp/messages.py, loaded only when an error
is raised (a board that never hits an error does not hold them in its small
heap). Each ``_m(n, ...)`` call quotes its text in a comment, so the code reads
as if the text were there: these tests keep the quotes true, every text used,
and the errors users get complete."""

import re
import sys
from pathlib import Path

import pytest
from mpy_runner import run_micropython_code, src_lib_dirs

import asynccp
from asynccp.messages import M

PKG = Path(__file__).resolve().parent.parent / "src" / "asynccp"
sys.path.insert(0, str(PKG.parent.parent / "docs"))
from errorlist import _function_text  # noqa: E402  the text the docs show

sys.path.pop(0)


def _text(n):
    """Message n as the docs list it (a function's: the texts in its source)."""
    return M[n] if isinstance(M[n], str) else _function_text(M[n], PKG / "messages.py")


CALL = re.compile(r"_m\((\d+)\b")


def _calls():
    """(file, line number, message number, the line's comment) of every _m call."""
    found = []
    for path in sorted(PKG.rglob("*.py")):
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "def _m(" in line:
                continue
            for m in CALL.finditer(line):
                comment = line.split("#", 1)[1].strip() if "#" in line else ""
                found.append((str(path.relative_to(PKG)), i, int(m.group(1)), comment))
    return found


def _words(s):
    return re.findall(r"[a-z0-9_()]+", s.lower())


def test_every_call_quotes_its_message():
    calls = _calls()
    assert len(calls) >= 25
    for name, line, n, comment in calls:
        assert n < len(M), f"{name}:{line}: no message {n}"
        assert comment, f"{name}:{line}: _m({n}) without a comment quoting its text"
        text = _text(n)
        words = _words(comment)
        # the comment's words appear, in order and together, in the text
        assert " ".join(words) in " ".join(_words(text)), (
            f"{name}:{line}: comment {comment!r} is not in message {n}: {text!r}"
        )


# These texts are asynccp.asyncio's: MicroPython's words, so a program
# ported from asyncio prints what it printed there. (New messages go after
# them, asynccp's again.)
ASYNCIO = range(31, 43)


def test_every_message_is_used_and_says_asynccp():
    used = {n for _, _, n, _ in _calls()}
    assert used == set(range(len(M))), f"unused message numbers: {set(range(len(M))) - used}"
    assert M[ASYNCIO[0]] == "coroutine expected"
    for n in range(len(M)):
        assert _text(n).startswith("asynccp: ") == (n not in ASYNCIO), n


def _message(fn, *args):
    try:
        fn(*args)
    except Exception as e:
        return type(e).__name__, str(e)
    raise AssertionError("no error")


def test_errors_carry_the_whole_text():
    def f():
        pass

    assert _message(asynccp.add_task, f) == ("TypeError", M[2] % (f,))
    assert _message(asynccp.delay, "1") == ("TypeError", M[6] % ("1",))
    assert _message(asynccp.delay_ms, 2**28) == ("ValueError", M[9] % (2**28,))
    assert _message(asynccp.schedule, 0, f) == ("ValueError", M[12] % (0,))
    assert _message(asynccp.Queue, 0) == ("ValueError", M[25] % (0,))


MP_CODE = """
import asynccp
def f():
    pass
for call in (lambda: asynccp.add_task(f), lambda: asynccp.delay("1"),
             lambda: asynccp.schedule(0, f), lambda: asynccp.Queue(0)):
    try:
        call()
    except Exception as e:
        print(type(e).__name__, "|", e)
"""


def test_errors_carry_the_whole_text_on_micropython():
    rc, out = run_micropython_code(MP_CODE, src_lib_dirs())
    assert rc == 0, out
    lines = out.strip().splitlines()
    assert len(lines) == 4, out
    assert lines[0].startswith("TypeError | asynccp: expected a coroutine object"), out
    assert lines[1] == "TypeError | " + M[6] % ("1",), out
    assert lines[2] == "ValueError | " + M[12] % (0,), out
    assert lines[3] == "ValueError | " + M[25] % (0,), out


def test_without_messages_module_errors_still_come(tmp_path, monkeypatch):
    """A board without messages.mpy still gets the right exception, with the
    message number and the values."""
    import builtins

    real = builtins.__import__

    def no_messages(name, *args, **kwargs):
        if name == "messages" or name.endswith(".messages"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_messages)
    kind, text = _message(asynccp.delay, "1")
    assert kind == "TypeError"
    # where the text is: the docs' numbered list (docs/errors.rst, made from
    # messages.py, numbered as M is: tests/test_docs.py)
    assert text == "asynccp error 6 ('1',): " + DOCS_LIST
    assert (
        "errors.html" in DOCS_LIST
        and "error-numbers" in (PKG.parent.parent / "docs" / "errors.rst").read_text()
    )


DOCS_LIST = "circuitpython-asynccp.readthedocs.io/en/latest/errors.html"


@pytest.mark.parametrize("n", range(len(M)))
def test_each_message_formats(n):
    """Every text takes the values its calls give it (one %r or %s per value)."""
    calls = [c for c in _calls() if c[2] == n]
    assert calls
    text = M[n]
    if not isinstance(text, str):  # a function: tested by what it says (below)
        assert callable(text)
        return
    holes = len(re.findall(r"%[rsd]", text))
    for name, line, _, _ in calls:
        src = (PKG / name).read_text(encoding="utf-8").splitlines()[line - 1]
        args = src[src.index(f"_m({n}") + len(f"_m({n}") :]
        given = 0 if args.startswith(")") else args.split(")")[0].count(",")
        assert given == holes, f"{name}:{line}: message {n} takes {holes} values"


# -- errors that say what was wrong and the fix: a user's first mistakes -------------


def _f():
    pass


def _raised(code, env=None):
    env = {"asynccp": asynccp, "f": _f, **(env or {})}
    try:
        exec(code, env)
    except Exception as e:
        return type(e).__name__, str(e)
    raise AssertionError("no error: " + code)


def _loop():
    from asynccp.testing import VirtualClock

    return asynccp.Loop(clock=VirtualClock())


def test_misspelled_schedule_keyword_is_named():
    for call in ("schedule", "schedule_later"):
        kind, text = _raised(f"asynccp.{call}(frequency=10, corouting_function=f)")
        assert kind == "TypeError"
        assert "corouting_function= (did you mean coroutine_function=?)" in text, text
        kind, text = _raised(f"asynccp.{call}(hz=10, corouting_function=f)")
        assert "corouting_function= (did you mean coroutine_function=?)" in text, text
        kind, text = _raised(f"asynccp.{call}(frequncy=10, coroutine_function=f)")
        assert kind == "TypeError"
        assert "no frequency" in text and "frequncy= (did you mean frequency=?)" in text, text
    # the errors that were there stay
    assert _raised("asynccp.schedule(10, None)")[1] == (
        "asynccp: schedule takes a function (not called: f, not f()), got None"
    )
    assert _raised("asynccp.schedule(None, f)")[1] == (
        "asynccp: frequency must be a number in Hz or a Duration, got None"
    )


def test_catch_up_string_and_catchup_keyword_fail_at_the_call():
    lp = _loop()
    for code in ('lp.schedule(80, f, catch_up="skip")', 'lp.schedule(80, f, catchup="skip")'):
        kind, text = _raised(code, {"lp": lp})
        assert kind == "ValueError", code
        assert "catch_up" in text and "SKIP" in text, text
    assert "not the string 'skip'" in _raised('lp.schedule(80, f, catch_up="skip")', {"lp": lp})[1]
    assert "catchup=" in _raised("lp.schedule(80, f, catchup=2)", {"lp": lp})[1]
    assert lp._k == [] and lp._h == lp._t  # nothing was scheduled


def test_a_missing_await_is_an_error_not_a_starved_loop():
    lp = _loop()
    ran = []

    async def forgot():
        while True:
            asynccp.delay(0.5)  # no await: the other task would never run

    def other():  # (a generator: no warning about a coroutine never run)
        ran.append(1)
        yield

    lp.add_task(forgot())
    lp.add_task(other())
    kind, text = _raised("lp.run()", {"lp": lp})
    assert kind == "RuntimeError"
    assert "missing await" in text, text
    assert ran == []  # it never ran: the error came at forgot's second delay
    next(iter(asynccp.delay(0)))  # disarmed: the next delay is fine (and awaited)
    asynccp.delay_ms(5)
    kind, text = _raised("asynccp.delay_ms(5)")
    assert kind == "RuntimeError" and "never awaited" in text


def test_a_foreign_awaitable_names_the_fix():
    lp = _loop()

    class Foreign:
        def __await__(self):
            yield "not asynccp's"

    async def t():
        await Foreign()

    lp.add_task(t())
    kind, text = _raised("lp.run()", {"lp": lp})
    assert kind == "TypeError"
    assert "asynccp.delay" in text and "import asynccp.asyncio as asyncio" in text, text


def test_cpythons_asyncio_sleep_in_an_asynccp_task_names_the_fix():
    """CPython's asyncio.sleep raises inside its own code before it yields
    ("no running event loop"): the error that leaves run() carries a note
    saying what to use instead. Other errors get no note."""
    import asyncio as cpython_asyncio

    lp = _loop()

    async def t():
        await cpython_asyncio.sleep(0.1)

    lp.add_task(t())
    with pytest.raises(RuntimeError, match="no running event loop") as got:
        lp.run()
    (note,) = got.value.__notes__
    assert "asynccp.delay(s)" in note and "import asynccp.asyncio as asyncio" in note

    async def other():
        raise RuntimeError("something else")

    lp.add_task(other())
    with pytest.raises(RuntimeError) as got:
        lp.run()
    assert not hasattr(got.value, "__notes__")


ADAFRUIT = """
import asyncio  # Adafruit's (its folder is first on the path)
import asynccp
assert "peers" in asyncio.__file__, asyncio.__file__
async def t():
    await asyncio.sleep(0.1)
asynccp.add_task(t())
try:
    asynccp.run()
except Exception as e:
    print(type(e).__name__, "|", e, "|", e.__notes__)
"""


def test_adafruits_asyncio_sleep_in_an_asynccp_task_names_the_fix():
    """Adafruit's asyncio (3.1.1, pinned in bench/requirements-peers.txt;
    make venv puts it in .venv/peers, apart: its package is named asyncio)
    fails inside its own code before it yields: the error carries the same
    note."""
    import os
    import subprocess

    peers = Path(sys.prefix) / "peers"  # (sys.prefix: the venv)
    env = dict(os.environ, PYTHONPATH=str(peers))
    p = subprocess.run(
        [sys.executable, "-c", ADAFRUIT], capture_output=True, text=True, env=env, check=False
    )
    assert p.returncode == 0, p.stderr
    kind, text, notes = p.stdout.strip().split(" | ")
    assert kind == "AttributeError" and "'ph_" in text, p.stdout
    assert "asynccp.delay(s)" in notes and "import asynccp.asyncio as asyncio" in notes


MP_FOREIGN = """
import asynccp
async def t():
    # what Adafruit's asyncio raises when its sleep runs outside its loop
    # (its task queue is given the current task, None)
    raise AttributeError("'NoneType' object has no attribute 'ph_child'")
asynccp.add_task(t())
try:
    asynccp.run()
except AttributeError as e:
    print("raised |", e)
"""


def test_adafruits_asyncio_error_in_an_asynccp_task_names_the_fix_on_micropython():
    """Where exceptions take no notes (MicroPython, CircuitPython), the hint
    is the line printed just before the traceback. (Adafruit's asyncio does
    not run on MicroPython's unix port: its native _asyncio crashes there
    without a loop, as MicroPython's own does; so the error is raised as
    Adafruit's pure-Python task queue raises it on CPython, above.)"""
    rc, out = run_micropython_code(MP_FOREIGN, src_lib_dirs())
    assert rc == 0, out
    hint, raised = out.strip().splitlines()
    assert hint.startswith("asynccp: an asyncio library's sleep") and "asynccp.delay(s)" in hint
    assert raised == "raised | 'NoneType' object has no attribute 'ph_child'"


def test_duration_of_a_string_names_its_type_briefly():
    from asynccp import Duration

    for f in ("of_hours", "of_minutes", "of_seconds", "of_milliseconds", "of_microseconds"):
        kind, text = _raised(f"Duration.{f}('5')", {"Duration": Duration})
        assert kind == "TypeError", f
        assert "str" in text and "'5'" in text and len(text) < 100, text


def test_handle_without_async_with_says_how():
    h = asynccp.ManagedResource("bus").handle()
    kind, text = _raised("h.write(b'x')", {"h": h})
    assert kind == "AttributeError"
    assert "async with handle as bus:" in text and "yield from handle" in text, text
    assert not hasattr(h, "write") and h.active is False


def test_unknown_names_suggest_the_right_one():
    for name, right in (("sleep", "delay"), ("sleep_ms", "delay_ms"), ("create_task", "add_task")):
        kind, text = _raised(f"asynccp.{name}")
        assert kind == "AttributeError"
        assert f"no '{name}': use {right}" in text, text
    assert "use delay" in _raised("asynccp.get_loop().sleep")[1]
    assert _raised("asynccp.nonesuch") == ("AttributeError", "nonesuch")  # loads nothing
    assert not hasattr(asynccp, "sleep")


MP_FIRST_MISTAKES = """
import asynccp
from asynccp import Duration
def f():
    pass
lp = asynccp.Loop()
h = asynccp.ManagedResource("bus").handle()
async def forgot():
    while True:
        asynccp.delay(0.5)
def run_forgot():
    lp.add_task(forgot())
    lp.run()
for call in (lambda: asynccp.schedule(frequency=10, corouting_function=f),
             lambda: lp.schedule(80, f, catchup="skip"),
             lambda: lp.schedule(80, f, catch_up="skip"),
             run_forgot,
             lambda: Duration.of_seconds("5"),
             lambda: h.write(b"x"),
             lambda: asynccp.sleep(1)):
    try:
        call()
        print("no error")
    except Exception as e:
        print(type(e).__name__, "|", e)
"""


def test_first_mistakes_name_their_fix_on_micropython():
    rc, out = run_micropython_code(MP_FIRST_MISTAKES, src_lib_dirs())
    assert rc == 0, out
    lines = out.strip().splitlines()
    assert len(lines) == 7, out
    assert lines[0].startswith("TypeError |") and "did you mean coroutine_function=" in lines[0]
    assert lines[1].startswith("ValueError |") and "catch_up=" in lines[1]
    assert lines[2].startswith("ValueError |") and "not the string 'skip'" in lines[2]
    assert lines[3].startswith("RuntimeError |") and "missing await" in lines[3]
    assert lines[4].startswith("TypeError |") and len(lines[4]) < 120
    assert lines[5].startswith("AttributeError |") and "async with handle as bus:" in lines[5]
    assert lines[6].startswith("AttributeError |") and "use delay" in lines[6]
