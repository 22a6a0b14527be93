# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Waiting in line: what resources and the primitives share.

Not loaded by ``import asynccp``: ``resource``, ``event``, ``semaphore``
(and ``lock``), ``queue`` and ``timeout`` import it.

A waiter parks itself at the end of a plain list and yields; whoever frees
what it waits for pops it off the front and wakes it (first come, first
served). A waiter woken with something handed to it (a permit, the resource,
an item) may be cancelled before it runs: the cancellation then calls the
``back`` function given with it, which passes that on to the next in line.
"""

from . import core as _core
from .delay import _Delay

_core._gc()


def _here():
    # the running loop, for an awaitable; awaited outside it is a clear error
    lp = _core._running
    if lp is None:
        raise RuntimeError(_core._m(1))  # awaited outside asynccp's loop
    return lp


def _wait(q):
    # Park the running task at the end of list q until _give() (or another
    # waker) pops it off q and wakes it. A cancellation takes it out of q.
    lp = _here()
    t = lp.cur
    lp._park(t, q)
    q.append(t)
    yield True
    lp._w.pop(t, None)  # it has taken what it was handed, if anything


def _give(q, then):
    # Wake the first waiter of q, handing it something; returns it, or None
    # if nobody waits. If it is cancelled before it runs, then(task) is called
    # at once, so what it was handed goes on to the next in line (then None:
    # nothing to pass on). To wake every waiter: while _give(q, None): pass
    if q:
        t = q.pop(0)
        lp = t.loop
        lp._wake(t)
        lp._w[t] = then
        return t
    return None


# What __aexit__ returns: an awaitable that finishes at once (a delay that
# was never armed; awaiting it allocates nothing).
_NOW = _Delay()


# `async with x:` for what is taken by awaiting x and given back by
# x.release() (a resource handle, a semaphore, a lock): their classes take
# these two as __aenter__ and __aexit__.


def _enter(self):
    return self


def _exit(self, *args):
    self.release()
    return _NOW


_core._gc()
