# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Controlling schedules: stop, start, change_rate and schedule_later.

These are :class:`~asynccp.scheduler.ScheduledTask` methods (and
:func:`schedule_later`, also a Loop method) that a small app which only
schedules never calls, so they are not in ``scheduler``: the first use of
one loads this module, which adds them to ScheduledTask and Loop.
"""

from micropython import const

from .core import Loop, Task, _gc, get_loop
from .scheduler import ScheduledTask, _period

_gc()

_MAX = const(0x1FFFFFFF)  # the tick period less one (see core)


def stop(self):
    """No new run starts. A run in progress is not interrupted.

    Does not yield. :meth:`start` resumes the schedule.
    """
    self.stopped = True
    if self.c is None:
        Task.cancel(self)  # it only waits: end it now, so run() need not wait


def start(self):
    """Resume a stopped schedule, first run at once; does nothing if it runs
    already (it never doubles up). Does not yield. It does not undo a
    :meth:`cancel` whose run has not ended yet."""
    lp = self.loop
    if self.done():
        self._start(False)
    elif self.c is None and self.coro is lp:
        # stop()'s cancel not delivered yet (the task is in the ready ring
        # for it): drop it, and run from there
        del lp._x[self]
        self.coro = self
        self.stopped = False
        self.acc = 0
        self.due = lp._ticks()
    else:
        self.stopped = False  # stopped mid-run: carry on from there


def change_rate(self, frequency):
    """Change the rate. Does not yield.

    The next run becomes due one new period after the last grid time (the
    last run's due time, unless runs were skipped), at once if that has
    passed, and the grid goes on from there. TypeError/ValueError as for
    :func:`~asynccp.scheduler.schedule`.
    """
    p = _period(frequency)
    lp = self.loop
    sleeping = self.state == 0 and self.c is None  # until the next run, in the timer list
    if sleeping:
        i = lp._s.index(self)
        del lp._k[i]
        del lp._s[i]
        # back one old period (the last advance carried if acc < r)
        self.due = (self.due - self.q - (self.acc < self.r)) & _MAX
    self.q, self.r, self.den = p
    self.acc = 0
    if sleeping:
        self._advance()
        lp._at(self, self.due)


def throw(self, e):
    # the loop's throw(): a cancellation goes to the run's await
    return self.send(None, e)


def _schedule_later(self, frequency=None, coroutine_function=None, *args, **kwargs):
    """Like :meth:`schedule`, but the first run is one period from now."""
    return ScheduledTask(self, frequency, coroutine_function, args, kwargs, True)


def schedule_later(frequency=None, coroutine_function=None, *args, **kwargs):
    """Like :func:`~asynccp.scheduler.schedule`, but the first run is one
    period from now."""
    return get_loop().schedule_later(frequency, coroutine_function, *args, **kwargs)


ScheduledTask.stop = stop
ScheduledTask.start = start
ScheduledTask.change_rate = change_rate
ScheduledTask.throw = throw
ScheduledTask.task = property(lambda self: self)  # asynccp 0.1.x: the driving task
Loop.schedule_later = _schedule_later


# In the package too: asynccp.<name> then needs no lookup (asynccp/lazy.py)
__import__("asynccp").schedule_later = schedule_later
_gc()
