# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""The Loop's less used methods, and asynccp 0.1.x's ``asynccp.loop``.

:meth:`Loop.run_later <asynccp.Loop.run_later>` and
:meth:`Loop.set_exception_handler <asynccp.Loop.set_exception_handler>`
(and the functions of the same names on the default loop) are added to Loop
when this module loads: the first time one is used, or when 0.1.x code
imports ``from asynccp.loop import Loop``. A program that only runs tasks
and delays does not hold them in RAM.
"""

from . import core as _core
from .core import Loop, Task, get_loop  # noqa: F401  (the 0.1.x names)

_core._gc()


def _run_later(self, seconds_to_delay, coroutine):
    """Add a task that starts ``seconds_to_delay`` seconds from now.

    Does not yield. Returns its :class:`Task`; cancelling it before it
    starts means it never runs. TypeError/ValueError as for
    :func:`~asynccp.delay.delay` and :meth:`add_task`.
    """
    ms = _core._ms(seconds_to_delay)
    t = self.add_task(coroutine)
    # add_task put t at the back of the ready ring: take it back out
    self._t = (self._t - 1) & self._n
    self._q[self._t] = None
    self._at(t, (self._ticks() + ms) & 0x1FFFFFFF)
    return t


def run_later(seconds_to_delay, coroutine):
    """:meth:`Loop.run_later <asynccp.Loop.run_later>` on the default loop."""
    return get_loop().run_later(seconds_to_delay, coroutine)


def _set_exception_handler(self, handler):
    """Send exceptions that end tasks to ``handler(task, exception)``.

    By default (and after ``set_exception_handler(None)``) an exception
    that ends a task nobody awaits leaves :meth:`run`. With a handler, it
    is passed to the handler and the other tasks go on. CancelledError is
    never passed; KeyboardInterrupt and SystemExit always leave run().
    """
    self.handler = handler


def set_exception_handler(handler):
    """:meth:`Loop.set_exception_handler
    <asynccp.Loop.set_exception_handler>` on the default loop."""
    get_loop().set_exception_handler(handler)


Loop.run_later = _run_later
Loop.set_exception_handler = _set_exception_handler


# In the package too: asynccp.<name> then needs no lookup (asynccp/lazy.py)
__import__("asynccp").run_later = run_later
__import__("asynccp").set_exception_handler = set_exception_handler
_core._gc()
