# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Shared fixtures: ``vloop`` and ``make_vloop``, loops on a virtual clock."""

import pytest

from asynccp import core, testing


class NoSpinClock(testing.VirtualClock):
    """A VirtualClock that fails the test when the loop asks to sleep 0 ms or
    less: the loop only sleeps when nothing is due, so that would be a busy
    loop (and, on a virtual clock, a hang)."""

    def sleep_ms(self, ms):
        if ms <= 0:
            raise AssertionError(f"the loop asked to sleep {ms} ms: it would spin")
        super().sleep_ms(ms)


def _virtual_loop(start_ms=0, debug=False):
    # the library's own virtual_loop(), on a NoSpinClock (the loop takes the
    # clock's methods when it is made, so the clock's class is chosen before)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(testing, "VirtualClock", NoSpinClock)
        return testing.virtual_loop(start_ms, debug)


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
