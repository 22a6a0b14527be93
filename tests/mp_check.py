# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Checks shared by the scenario scripts that run on the MicroPython VM and on
CPython (mp_scenarios.py, mp_reliability.py). MicroPython finds this file
because a script's own folder is on its path.
"""

# ruff: noqa: UP031  (%-formatting: the scripts keep to what every MicroPython has)

import gc

WRAP = 1 << 29  # the tick counter's period
HAS_MEM = hasattr(gc, "mem_alloc")  # MicroPython: heap figures


class Fail(Exception):
    pass


class Skip(Exception):
    pass


def eq(got, want, what=""):
    if got != want:
        raise Fail("%s: got %r, want %r" % (what, got, want))


def true(cond, what):
    if not cond:
        raise Fail(what)


def raises(exc, fn, *args, **kwargs):
    """fn(*args, **kwargs) must raise exc; returns the exception."""
    name = getattr(fn, "__name__", "call")
    try:
        fn(*args, **kwargs)
    except exc as e:
        return e
    except Exception as e:
        raise Fail("%s(...) raised %s (%s), want %s" % (name, type(e).__name__, e, exc.__name__))
    raise Fail("%s(...) did not raise %s" % (name, exc.__name__))


def ms(lp):
    """Simulated milliseconds since lp's VirtualClock was made."""
    return lp.clock.elapsed_ms


def run_scenarios(scenarios):
    """Run each, print ``ok``/``skip``/``FAIL`` lines and a summary; returns
    the number that failed."""
    failed = 0
    for fn in scenarios:
        name = fn.__name__
        try:
            fn()
            print("ok", name)
        except Skip as e:
            print("skip %s: %s" % (name, e))
        except Exception as e:  # report every failure and go on
            failed += 1
            print("FAIL %s: %s: %s" % (name, type(e).__name__, e))
    print("%d scenarios, %d failed" % (len(scenarios), failed))
    return failed
