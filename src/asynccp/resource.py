# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Shared-resource arbitration: one SPI bus, many tasks.

:class:`~asynccp.managed_spi.ManagedSpi`, the SPI bus with chip selects, is
in ``managed_spi`` (a program using ManagedResource alone does not load it).

A ManagedResource has at most one holder. Tasks that want it wait in a FIFO
queue; release hands it straight to the first waiter (no barging), so every
waiter is served in the order it asked.
"""

from .core import _gc, _m
from .waitq import _enter, _exit, _give, _here, _wait

_gc()


class ManagedResource:
    """Arbitrates a shared ``resource`` between tasks.

    ``on_acquire(*args, **kwargs)`` is called when a handle takes the
    resource and ``on_release(*args, **kwargs)`` when it gives it back, with
    the arguments given to :meth:`handle`. ``loop`` is accepted for asynccp
    0.1.x code and not needed: tasks know their loop.
    """

    def __init__(self, resource, on_acquire=None, on_release=None, loop=None):
        self.resource = resource
        self._acquire = on_acquire
        self._release = on_release
        self._ot = None  # the owner: the holding task (or the waiter it was handed to)
        self._oh = None  # the owner's handle (short names: see core)
        self._q = []  # waiting tasks, first come first served

    def handle(self, *args, **kwargs):
        """A reusable :class:`Handle`; its args go to on_acquire/on_release."""
        return Handle(self, args, kwargs)

    def _hand_on(self, t=None):
        # Give the resource to the first waiter, or free it. Also the way a
        # waiter t handed it passes it on if cancelled before taking it.
        self._oh = None
        self._ot = _give(self._q, self._hand_on)


class Handle:
    """Access to a :class:`ManagedResource`, for ``async with handle as r:``.

    Entering waits until the resource is free and every earlier waiter has
    had it (it yields only if it has to wait), calls ``on_acquire``, and
    gives the resource. Leaving calls ``on_release`` and hands the resource
    to the next waiter; this happens even when the block raised. It does not
    yield.

    Cancellation while waiting: the task leaves the queue (and, if the
    resource was just handed to it, passes it on); CancelledError is raised.
    If ``on_acquire`` raises, the resource is passed on and the exception
    raised. RuntimeError if the task already holds the resource (asynccp
    0.1.x deadlocked).

    Generator form (boards without async syntax)::

        bus = yield from handle      # waits its turn
        try:
            ...
        finally:
            handle.release()
    """

    def __init__(self, resource, args, kwargs):
        self._rs = resource  # its ManagedResource
        self.args = args
        self.kwargs = kwargs

    @property
    def active(self):
        """True while this handle holds the resource."""
        return self._rs._oh is self

    def __iter__(self):
        return _acquire(self)

    __await__ = __iter__
    __aenter__ = _enter
    __aexit__ = _exit
    # handle.write(...) for bus.write(...): an AttributeError that says how
    # to get the resource (asynccp/lazy.py). Imported here: a module global
    # would cost RAM.
    from .core import _method as __getattr__

    def release(self):
        """Give the resource back (``on_release``, then the next waiter).

        Does not yield. RuntimeError if this handle does not hold it.
        """
        r = self._rs
        if r._oh is not self:
            raise RuntimeError(_m(19))  # release() by a handle that does not hold
        try:
            if r._release is not None:
                r._release(*self.args, **self.kwargs)
        finally:
            r._hand_on()


def _acquire(self):
    r = self._rs
    t = _here().cur
    if r._ot is t:
        raise RuntimeError(_m(20))  # this task already holds the resource
    if r._ot is not None:
        yield from _wait(r._q)  # woken as the new owner
    r._ot = t
    r._oh = self
    if r._acquire is not None:
        try:
            r._acquire(*self.args, **self.kwargs)
        except BaseException:
            r._hand_on()
            raise
    return r.resource


# In the package too: asynccp.<name> then needs no lookup (asynccp/lazy.py)
__import__("asynccp").ManagedResource = ManagedResource
_gc()
