# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Delays: ``await delay(seconds)`` and ``await delay_ms(ms)``.

Both return one shared object, armed with the wait in milliseconds. It is its
own iterator: the first ``__next__`` files the running task in the timer heap
(or, for 0 ms, lets the loop put it at the back of the ready ring) and yields;
the second raises a StopIteration made once. So ``delay_ms`` and ``delay``
with int seconds allocate nothing, which keeps a busy board's heap still.
``delay`` with float seconds makes one float temporary where floats are
heap objects (MicroPython's unix port, CPython); CircuitPython boards with
30-bit floats keep them in the object word. The object must be awaited at once, in
the task that made it (``await delay(x)``), as everyone writes it anyway.
"""

from . import core as _core
from .core import _ms


class _Delay:
    def __init__(self):
        self.ms = -1  # armed wait; -1: spent
        self.stop = StopIteration()

    def __iter__(self):
        return self

    __await__ = __iter__

    def __next__(self):
        ms = self.ms
        if ms < 0:
            # Second step: the wait is over. Reset the traceback so raising
            # the same exception again does not grow it.
            e = self.stop
            e.__traceback__ = None
            raise e
        self.ms = -1
        if ms:
            lp = _core._running
            if lp is None:
                raise RuntimeError("asynccp: delay awaited outside asynccp's loop")
            lp._hpush(lp.cur, _core._ticks_add(lp._ticks(), ms))
            return True
        return None


_delay = _Delay()


def delay(seconds):
    """Wait ``seconds`` (int or float; rounded to whole milliseconds).

    Always yields, even for 0: ``await delay(0)`` lets every other ready task
    run once. The task resumes at the first loop turn at or after the due
    time. A negative delay counts as 0; TypeError if ``seconds`` is not a
    number, ValueError if it is over 3 days. Cancellation: CancelledError is
    raised at this await, the wait is abandoned. Generator form:
    ``yield from delay(seconds)``.
    """
    _delay.ms = 0 if seconds == 0 else _ms(seconds)
    return _delay


def delay_ms(ms):
    """Wait ``ms`` integer milliseconds; otherwise the same as :func:`delay`.

    TypeError if ``ms`` is not an int.
    """
    if not isinstance(ms, int):
        raise TypeError("asynccp: delay_ms takes an int, got %r" % (ms,))
    if ms >= 0x10000000:  # half the tick period (const names of core are not importable)
        raise ValueError("asynccp: %r ms is too long (at most 3 days)" % (ms,))
    _delay.ms = ms if ms > 0 else 0
    return _delay
