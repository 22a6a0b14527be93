# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Error message texts live in asynccp/messages.py, loaded only when an
error is raised (issue 10: a board that never hits an error does not hold
them). Each ``_m(n, ...)`` call quotes its text in a comment, so the code
reads as if the text were there: these tests keep the quotes true, every
text used, and the errors users get complete."""

import re
from pathlib import Path

import pytest
from mpy_runner import run_micropython_code, src_lib_dirs

import asynccp
from asynccp.messages import M

PKG = Path(__file__).resolve().parent.parent / "src" / "asynccp"
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
        text = M[n] if isinstance(M[n], str) else "tasks wait for something nothing can give them"
        words = _words(comment)
        # the comment's words appear, in order and together, in the text
        assert " ".join(words) in " ".join(_words(text)), (
            f"{name}:{line}: comment {comment!r} is not in message {n}: {text!r}"
        )


# From here on the texts are asynccp.asyncio's: MicroPython's words, so
# a program ported from asyncio prints what it printed there.
ASYNCIO_FIRST = 31


def test_every_message_is_used_and_says_asynccp():
    used = {n for _, _, n, _ in _calls()}
    assert used == set(range(len(M))), f"unused message numbers: {set(range(len(M))) - used}"
    assert M[ASYNCIO_FIRST] == "coroutine expected"
    for n, text in enumerate(M):
        if isinstance(text, str):
            assert text.startswith("asynccp: ") == (n < ASYNCIO_FIRST), n


def _message(fn, *args):
    try:
        fn(*args)
    except Exception as e:  # noqa: BLE001
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
    assert text == "asynccp error 6 ('1',)"


@pytest.mark.parametrize("n", range(len(M)))
def test_each_message_formats(n):
    """Every text takes the values its calls give it (one %r or %s per value)."""
    calls = [c for c in _calls() if c[2] == n]
    assert calls
    text = M[n]
    if not isinstance(text, str):
        assert "nothing can give them" in text({})
        return
    holes = len(re.findall(r"%[rsd]", text))
    for name, line, _, _ in calls:
        src = (PKG / name).read_text(encoding="utf-8").splitlines()[line - 1]
        args = src[src.index(f"_m({n}") + len(f"_m({n}") :]
        given = 0 if args.startswith(")") else args.split(")")[0].count(",")
        assert given == holes, f"{name}:{line}: message {n} takes {holes} values"
