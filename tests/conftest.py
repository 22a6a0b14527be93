# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Shared fixtures: ``vloop`` and ``make_vloop``, loops on a virtual clock."""

import pytest

import asynccp
from asynccp import core
from asynccp.testing import VirtualClock

# Resolve the package's `delay` name before anything imports the submodule
# asynccp.delay directly: otherwise (a known bug, see
# test_core_api.py::test_delay_is_the_function_whatever_was_loaded_first) the
# attribute can be the module, and unrelated tests would fail for that reason.
asynccp.delay


class NoSpinClock(VirtualClock):
    """A VirtualClock that fails the test when the loop asks to sleep 0 ms or
    less: the loop only sleeps when nothing is due, so that would be a busy
    loop (and, on a virtual clock, a hang)."""

    def sleep_ms(self, ms):
        if ms <= 0:
            raise AssertionError(f"the loop asked to sleep {ms} ms: it would spin")
        super().sleep_ms(ms)


def _virtual_loop(start_ms=0, debug=False):
    # what asynccp.testing.virtual_loop() does, with the guarded clock
    clock = NoSpinClock(start_ms)
    loop = asynccp.Loop(debug, clock)
    loop.clock = clock
    core._default = loop
    return loop


@pytest.fixture
def make_vloop():
    """Factory: ``make_vloop(start_ms=0, debug=False)`` -> a Loop on a new virtual
    clock (``loop.clock``), made the default loop (so ``asynccp.add_task``, ``run``,
    ``schedule`` use it). The previous default loop is restored after the test."""
    saved = core._default
    yield _virtual_loop
    core._default = saved


@pytest.fixture
def vloop(make_vloop):
    """A Loop on a virtual clock at 0, the default loop for the test."""
    return make_vloop()
