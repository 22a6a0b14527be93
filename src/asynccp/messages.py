# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""The texts of asynccp's error messages, by number (a text, or a function
of the values that makes the text).

Loaded only when asynccp raises one of its errors (``core._m(n, ...)``
imports it then, and ``_m`` here lets it go again once the message is
made): a board does not hold these texts in RAM, where each would cost
about 90 bytes. Each call of ``_m`` has a comment quoting its text
(tests/test_messages.py checks them). If this module is left off a board,
the errors are still raised, with the number and the values in the
message. New messages go at the end: the numbers stay.
A message may be a function of the values: it can look at them (which
keyword was misspelled, say) at no cost to a program that raises nothing.
"""


def _near(name, names):
    # the word of `names` most like `name` (the most 2-letter pieces in
    # common), or None if none is close
    best = None
    top = 0.5
    for w in names.split():
        same = 0
        for i in range(len(w) - 1):
            if w[i : i + 2] in name:
                same += 1
        score = 2 * same / (len(w) + len(name) - 2 or 1)
        if score > top:
            best = w
            top = score
    return best


def _keywords(kw, names):
    # what is wrong with the keywords in kw, given the right ones (names)
    out = []
    for k in kw:
        if k not in names.split():
            near = _near(k, names)
            out.append(k + "=" + (" (did you mean %s=?)" % near if near else ""))
    right = "=, ".join(names.split())
    return "unknown keyword " + ", ".join(out) + "; schedule's are " + right + "="


def _schedule_function(f, kw):
    # 16: the function is not one, or missing (a misspelled keyword)
    if f is None and kw:
        return "asynccp: schedule got no function: " + _keywords(kw, _NAMES)
    return "asynccp: schedule takes a function (not called: f, not f()), got %r" % (f,)


def _frequency(v):
    # 14: kwargs in place of a missing frequency (see ScheduledTask)
    if type(v) is dict:
        if v:
            return "asynccp: schedule got no frequency: " + _keywords(v, _NAMES)
        v = None
    return "asynccp: frequency must be a number in Hz or a Duration, got %r" % (v,)


def _catch_up(c, kw):
    # 17 (kw: schedule's keywords, to name catchup=)
    if "catchup" in kw:
        return "asynccp: schedule got catchup=: the keyword is catch_up= (REBASE, BURST or SKIP)"
    if type(c) is str:
        return (
            "asynccp: catch_up takes REBASE, BURST or SKIP (from asynccp.scheduler import SKIP),"
            " not the string %r" % c
        )
    return "asynccp: catch_up must be REBASE, BURST or SKIP, got %r" % (c,)


def _number(v):
    # 26: the value's type, and no more than 40 characters of it
    r = repr(v)
    return "asynccp: a Duration needs an int or float, got %r: %s" % (
        type(v),
        r if len(r) < 40 else r[:36] + "...",
    )


_NAMES = "frequency hz coroutine_function catch_up"
# unknown names of asynccp (and of a Loop) that have an obvious right one
_INSTEAD = {
    "sleep": "delay",
    "sleep_ms": "delay_ms",
    "create_task": "add_task",
    "get_event_loop": "get_loop",
    "get_running_loop": "get_loop",
    "run_forever": "run",
    "run_until_complete": "add_task and run",
}


def _attribute(name, where):
    # 44: lazy.attr (where: None) and lazy.method (where: the class's _lazy;
    # "" for a resource's Handle)
    if where == "":
        return (
            "asynccp: a Handle has no %r: use the resource inside `async with handle as bus:`"
            " (bus.%s(...)), or in a generator: bus = yield from handle, then"
            " handle.release()" % (name, name)
        )
    right = _INSTEAD.get(name)
    return "asynccp: %s has no %r%s (asyncio programs: import asynccp.asyncio as asyncio)" % (
        "asynccp" if where is None else "a " + where,
        name,
        ": use %s" % right if right else "",
    )


def _foreign(e):
    # 45: a task ended by exception e with no handler set. If e is what
    # another asyncio library raises when one of its awaitables is awaited
    # in asynccp's loop (CPython's: "no running event loop"; Adafruit's: an
    # attribute "ph_..." of None, its task queue's), this says what to use
    # instead: as a note on e where exceptions take notes (CPython), else a
    # line printed just before the traceback. Returns that text, or "".
    s = str(e)
    if "no running event loop" in s or "'NoneType'" in s and "'ph_" in s:
        return _note(
            e,
            "asynccp: an asyncio library's sleep (or other awaitable) was awaited in an"
            " asynccp task: use asynccp.delay(s), or run asyncio code with:"
            " import asynccp.asyncio as asyncio",
        )
    return ""


def _note(e, text):
    try:
        e.add_note(text)
    except AttributeError:  # (MicroPython, CircuitPython: no notes)
        print(text)
    return text


M = (
    # core
    "asynccp: a task cannot await itself",  # 0
    "asynccp: awaited outside asynccp's loop",  # 1
    "asynccp: expected a coroutine object (call the function: f()), got %r",  # 2
    "asynccp: a loop is already running",  # 3
    # 4: the deadlock report, naming the waiting tasks by their coroutines
    lambda w: "asynccp: tasks wait for something nothing can give them: %r" % [t.coro for t in w],
    # 5: another library's awaitable (asyncio's, say)
    "asynccp: a task awaited %r, which asynccp cannot wait for: use asynccp.delay(s),"
    " or run asyncio code with: import asynccp.asyncio as asyncio",
    "asynccp: seconds must be a number, got %r",  # 6
    "asynccp: %r seconds is too long (at most 3 days)",  # 7
    # delay
    "asynccp: delay_ms takes an int, got %r",  # 8
    "asynccp: %r ms is too long (at most 3 days)",  # 9
    # event
    "asynccp: suspend() needs a running task",  # 10
    # scheduler
    "asynccp: the period must be above zero, got %r",  # 11
    "asynccp: the frequency must be above zero, got %r",  # 12
    "asynccp: %r Hz is too fast (at most 100 kHz)",  # 13
    _frequency,  # 14: frequency must be a number in Hz or a Duration
    "asynccp: the period of %r is too long (at most 37 hours)",  # 15
    _schedule_function,  # 16: schedule takes a function (not called: f, not f())
    _catch_up,  # 17: catch_up must be REBASE, BURST or SKIP
    "asynccp: %r is %d ms behind; re-based",  # 18
    # resource, semaphore, lock, queue
    "asynccp: release() by a handle that does not hold the resource",  # 19
    "asynccp: this task already holds the resource",  # 20
    "asynccp: Semaphore(value) takes an int, got %r",  # 21
    "asynccp: Semaphore(value) must be 0 or more, got %r",  # 22
    "asynccp: release() of a Lock that is not held",  # 23
    "asynccp: Queue(maxsize) takes an int, got %r",  # 24
    "asynccp: Queue(maxsize) must be 1 or more, got %r",  # 25
    # duration
    _number,  # 26: a Duration needs an int or float
    "asynccp: cannot compare a Duration with %r",  # 27
    "asynccp: a Duration adds and subtracts only Durations, got %r",  # 28
    "asynccp: a Duration can be multiplied only by a number, got %r",  # 29
    # trace
    "asynccp: a Tracer needs size >= 1, got %r",  # 30
    # asyncio: word for word what MicroPython's asyncio says (CPython's for
    # Semaphore and Queue, which MicroPython's has not), so a program that
    # prints an error prints the same
    "coroutine expected",  # 31
    "can't cancel self",  # 32
    "can't gather",  # 33
    "can't wait",  # 34
    "Lock not acquired",  # 35
    "no running event loop",  # 36
    "ticks interval overflow",  # 37
    "Task exception wasn't retrieved",  # 38
    "Semaphore initial value must be >= 0",  # 39
    "BoundedSemaphore released too many times",  # 40
    "task_done() called too many times",  # 41
    "can't convert %r to int",  # 42
    # asynccp's again
    "asynccp: a delay was made and never awaited: a missing await (or yield from)"
    " before asynccp.delay() or delay_ms()? A task that does not await never lets"
    " the others run",  # 43
    _attribute,  # 44: has no (attribute): use
    _foreign,  # 45: an asyncio library's sleep (or other awaitable) was awaited
)


def _m(n, args):
    # Message n with args filled in, for core._m; then these texts go again:
    # out of sys.modules, and out of the package, where the import put them
    # (SAMD21 boards have no delattr: `messages` is left None there, which
    # holds nothing). Here, not in core: every program holds core's bytes.
    try:
        m = M[n]
        return m % args if type(m) is str else m(*args)
    finally:
        from sys import modules

        modules.pop("asynccp" + "." + "messages", None)  # (qstrs: no string held)
        setattr(modules["asynccp"], "messages", None)
