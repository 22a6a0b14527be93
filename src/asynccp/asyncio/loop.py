# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""The loop object (get_event_loop(), new_event_loop(), Loop), current_task()
and the report of an exception nobody retrieved: loaded on first use."""

import sys

from .. import core as _core
from ..core import _m
from . import Task, _flush, _promote, _Stop, _until, create_task

_core._gc()


def _report(t, e):
    if not getattr(t, "_r", False):  # (asynccp's tasks have no _r)
        lp = t.loop
        me = lp.cur
        lp.cur = t  # current_task() in the handler: the task that failed
        try:
            Loop.call_exception_handler(
                {"message": _m(38), "exception": e, "future": t}  # Task exception wasn't retrieved
            )
        except BaseException as x:  # leaves run(), as in MicroPython
            raise _Stop(x)
        finally:
            lp.cur = me
    return
    yield  # (a generator)


def _stopper():
    return
    yield


_stop_task = None  # the task run_forever() waits for; stop() readies it


def _print_exception(e, f):
    try:
        from sys import print_exception  # samd21: full builds and MicroPython; else traceback

        print_exception(e, f)
    except ImportError:
        try:
            from traceback import print_exception

            print_exception(None, e, e.__traceback__, None, f)
        except ImportError:  # neither (SAMD21 boards): the exception alone
            print(repr(e), file=f)


class Loop:
    """The loop object (:func:`get_event_loop`); as in MicroPython its
    methods are called on the class, without ``self``, and act on asynccp's
    default loop."""

    _exc_handler = None

    def create_task(coro):
        """:func:`create_task`."""
        return create_task(coro)

    def run_forever():
        """Run the loop until :meth:`stop` is called (with nothing left to
        run, it waits for that, as MicroPython's does)."""
        global _stop_task
        t = _stop_task = Task()
        t.coro = t._c = _stopper()
        t.loop = _core._running or _core.get_loop()
        _until(t)

    def run_until_complete(aw):
        """Run until ``aw`` (a coroutine or a task) ends; its result."""
        return _until(_promote(aw))

    def stop():
        """Make :meth:`run_forever` return, after the tasks ready now."""
        global _stop_task
        t = _stop_task
        if t is not None:
            _flush(t.loop)
            t.loop._ready(t)
            _stop_task = None

    def close():
        """Does nothing (as in MicroPython)."""

    def set_exception_handler(handler):
        """Call ``handler(loop, context)`` for an exception that ended a
        task nobody awaited; ``context`` has ``"message"``,
        ``"exception"`` and ``"future"`` (the task)."""
        Loop._exc_handler = handler

    def get_exception_handler():
        """The handler set, or None."""
        return Loop._exc_handler

    def default_exception_handler(loop, context):
        """Print the report MicroPython's asyncio prints, on stderr."""
        f = getattr(sys, "stderr", None)
        t = context["future"]
        print(context["message"], file=f)
        print("future:", t, "coro=", getattr(t, "_c", t.coro), file=f)
        _print_exception(context["exception"], f)

    def call_exception_handler(context):
        """Call the handler set, or :meth:`default_exception_handler`."""
        (Loop._exc_handler or Loop.default_exception_handler)(Loop, context)


def current_task():
    """The running task (a task made with asynccp's API too); RuntimeError
    if no task runs."""
    lp = _core._running
    if lp is None or lp.cur is None:
        raise RuntimeError(_m(36))  # no running event loop
    return lp.cur


def get_event_loop(runq_len=0, waitq_len=0):
    """The loop object, :class:`Loop` (the arguments are ignored)."""
    return Loop


def new_event_loop():
    """Give the program a fresh asynccp loop (on the same clock) as the
    default loop, dropping every task of the old one; returns :class:`Loop`."""
    old = _core._default
    lp = _core.Loop()
    if old is not None:
        lp._ticks = old._ticks
        lp._sleep = old._sleep
    _core._default = lp
    return Loop


_core._gc()
