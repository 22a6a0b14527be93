# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""``await task``: wait for a task to end and take its result.

Loaded the first time a task is awaited (``Task.__await__``): a program that
never awaits a task does not hold it in RAM.
"""

from . import core as _core

_core._gc()


def join(t):
    # The generator behind `await task`: park in the loop's join list of t.
    if t.state > -3:  # not ended
        lp = t.loop
        me = lp.cur
        if me is t:
            raise RuntimeError(_core._m(0))  # a task cannot await itself
        if lp._j is None:
            lp._j = {}
        j = lp._j.get(t)
        if j is None:
            lp._j[t] = j = []
        lp._park(me, j)
        j.append(me)
        yield True  # (a cancellation takes us out of j)
    if t.state == -4:  # core's _FAILED
        raise t.coro
    return t.coro


_core._gc()
