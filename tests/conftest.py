# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Shared fixtures. ``vloop``: a Loop on a VirtualClock, the default loop for one test."""

import pytest

import asynccp

# Resolve the package's `delay` name before anything imports the submodule
# asynccp.delay directly: otherwise (a known bug, see
# test_core_api.py::test_delay_is_the_function_whatever_was_loaded_first) the
# attribute can be the module, and unrelated tests would fail for that reason.
asynccp.delay  # noqa: B018


@pytest.fixture
def vloop():
    """A new Loop on a new ``VirtualClock(start_ms=0)`` (``vloop.clock``), made the
    default loop for the test (so ``asynccp.add_task``/``run``/``schedule`` use it);
    the previous default loop is restored afterwards."""
    from asynccp import core
    from asynccp.testing import virtual_loop

    saved = core._default
    loop = virtual_loop()
    yield loop
    core._default = saved


@pytest.fixture
def make_vloop():
    """Factory: ``make_vloop(start_ms=0, debug=False)`` -> a virtual loop made the
    default loop; the previous default loop is restored after the test."""
    from asynccp import core
    from asynccp.testing import virtual_loop

    saved = core._default
    yield virtual_loop
    core._default = saved
