# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Delays: ``await delay(seconds)`` and ``await delay_ms(ms)``.

Both return one shared object, armed with the wait in milliseconds; the
await files the running task in the timer list (or, for 0 ms, lets the loop
put it at the back of the ready ring), yields once, and is done. The object
must be awaited at once, in the task that made it (``await delay(x)``), as
everyone writes it anyway.

What an await allocates, per runtime (``delay_ms``, and ``delay`` with int
seconds; a float ``delay`` also makes a float where floats are heap objects,
as on MicroPython's unix port and CPython, not on CircuitPython boards):

- MicroPython: nothing. The object is its own iterator, and its second step
  raises a StopIteration made once (its traceback reset, so it does not grow).
- CircuitPython: one tuple iterator (16 bytes on a board). CircuitPython
  gives an exception a new traceback object each time it leaves a Python
  function (32 bytes on a board), so the shared StopIteration would cost
  that at every await; a tuple's iterator ends without raising.
- CPython: the same tuple iterator, because raising from a Python
  ``__next__`` is slow there (see core's ``_TUPLE_ITER``).
"""

from . import core as _core

_core._gc()


class _Delay:
    ms = -1  # the armed wait; -1: none (spent, or taken by wait_for)

    def __next__(self):
        ms = self.ms
        if ms < 0:
            # The second step: the wait is over.
            e = _STOP
            e.__traceback__ = None
            raise e
        self.ms = -1
        if ms:
            lp = _core._running
            if lp is None:
                raise RuntimeError(_core._m(1))  # awaited outside asynccp's loop
            lp._at(lp.cur, (lp._ticks() + ms) & 0x1FFFFFFF)
            return True
        return None

    if _core._TUPLE_ITER:

        def __iter__(self):  # (see the module docstring)
            if self.ms < 0:
                return _SPENT
            return iter(_SLEPT if _Delay.__next__(self) else _YIELDED)

    else:

        def __iter__(self):
            return self

    __await__ = __iter__


_STOP = StopIteration()
_SLEPT = (True,)  # the loop reads True: filed in the timer list
_YIELDED = (None,)  # None: to the back of the ready ring
_SPENT = iter(())
_delay = _Delay()


def delay_ms(ms):
    """Wait ``ms`` integer milliseconds; otherwise the same as :func:`delay`.

    TypeError if ``ms`` is not an int.
    """
    if not isinstance(ms, int):
        raise TypeError(_core._m(8, ms))  # delay_ms takes an int
    if ms >> 28 > 0:  # 2**28 ms or more: half the tick period (a shift: fewer bytes)
        raise ValueError(_core._m(9, ms))  # ms is too long (at most 3 days)
    d = _delay
    if ~d.ms:  # armed (not -1): see delay
        d.ms = -1
        raise RuntimeError(_core._m(43))  # a delay was made and never awaited
    d.ms = max(ms, 0)
    return d


def delay(seconds):
    """Wait ``seconds`` (int or float; rounded to whole milliseconds).

    Always yields, even for 0: ``await delay(0)`` lets every other ready task
    run once. The task resumes at the first loop turn at or after the due
    time. A negative delay counts as 0; TypeError if ``seconds`` is not a
    number, ValueError if it is over 3 days. Cancellation: CancelledError is
    raised at this await, the wait is abandoned. RuntimeError if awaited
    outside asynccp's loop. Generator form: ``yield from delay(seconds)``.
    """
    if ~_delay.ms:  # armed (not -1): the last one was never awaited. A task that forgot
        _delay.ms = -1  # `await` would never let the others run, silently
        raise RuntimeError(_core._m(43))  # a delay was made and never awaited
    _delay.ms = 0 if seconds == 0 else _core._ms(seconds)  # (0: the fast path)
    return _delay


# Loop.delay(seconds), as in asynccp 0.1.x: the same function (this module
# is always loaded with core, so core does not hold a method for it).
_core.Loop.delay = staticmethod(delay)


_core._gc()
