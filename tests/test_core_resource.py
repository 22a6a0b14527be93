# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""ManagedResource and ManagedSpi: tasks sharing a bus take turns through
handles, first come first served, with on_acquire/on_release around each
turn (ManagedSpi's chip selects), handle.active, and the generator form
for boards without async syntax."""

import pytest

import asynccp
from asynccp.managed_resource import ManagedResource as OldManagedResource
from asynccp.managed_spi import ManagedSpi as OldManagedSpi


def ms(loop):
    return loop.clock.elapsed_ms


class Bus:
    """A stand-in for a busio object: records who is on it."""

    def __init__(self):
        self.log = []


def test_async_with_handle_gives_the_resource_and_calls_the_hooks(vloop):
    bus = Bus()
    calls = []
    res = asynccp.ManagedResource(
        bus,
        on_acquire=lambda *a, **k: calls.append(("acquire", a, k)),
        on_release=lambda *a, **k: calls.append(("release", a, k)),
    )
    h = res.handle("dev1", speed=5)

    async def user():
        assert not h.active
        async with h as r:
            assert r is bus
            assert h.active
            calls.append("inside")
            await asynccp.delay(0.1)
            calls.append("still inside")
        assert not h.active
        calls.append("after")

    asynccp.add_task(user())
    asynccp.run()
    assert calls == [
        ("acquire", ("dev1",), {"speed": 5}),
        "inside",
        "still inside",
        ("release", ("dev1",), {"speed": 5}),
        "after",
    ]


def test_a_handle_is_reusable(vloop):
    res = asynccp.ManagedResource(Bus())
    h = res.handle()
    n = []

    async def user():
        for _ in range(3):
            async with h:
                n.append(ms(vloop))
                await asynccp.delay(0.01)

    asynccp.add_task(user())
    asynccp.run()
    assert n == [0, 10, 20]


def test_first_come_first_served(vloop):
    res = asynccp.ManagedResource("bus")
    order = []

    async def user(name, ask_at, hold):
        await asynccp.delay_ms(ask_at)
        async with res.handle(name) as r:
            assert r == "bus"
            order.append((name, ms(vloop)))
            await asynccp.delay_ms(hold)

    # asked for at 0, 5, 10, 15, 20 while each holds for 100 ms
    for name, ask_at in [("d", 15), ("a", 0), ("e", 20), ("b", 5), ("c", 10)]:
        asynccp.add_task(user(name, ask_at, 100))
    asynccp.run()
    assert order == [("a", 0), ("b", 100), ("c", 200), ("d", 300), ("e", 400)]


def test_no_barging_a_releasing_task_goes_to_the_back(vloop):
    res = asynccp.ManagedResource("bus")
    order = []

    async def greedy(name):
        for _ in range(3):
            async with res.handle():
                order.append(name)
                await asynccp.delay(0.01)

    asynccp.add_task(greedy("a"))
    asynccp.add_task(greedy("b"))
    asynccp.run()
    assert order == ["a", "b", "a", "b", "a", "b"]


def test_only_one_handle_is_active_at_a_time(vloop):
    res = asynccp.ManagedResource("bus")
    handles = [res.handle(i) for i in range(4)]
    samples = []

    async def user(h):
        for _ in range(3):
            async with h:
                await asynccp.delay(0.01)

    async def watcher():
        for _ in range(130):
            samples.append(sum(h.active for h in handles))
            await asynccp.delay(0.001)

    for h in handles:
        asynccp.add_task(user(h))
    asynccp.add_task(watcher())
    asynccp.run()
    assert set(samples) <= {0, 1}  # never two at once
    assert samples.count(1) > 100  # and mostly someone holds it
    assert samples[-1] == 0


def test_entering_a_free_resource_does_not_yield(vloop):
    res = asynccp.ManagedResource("bus")
    log = []

    async def other():
        log.append("other")

    async def user():
        asynccp.add_task(other())
        async with res.handle():
            log.append("got it")
        log.append("released")
        await asynccp.delay(0)

    asynccp.add_task(user())
    asynccp.run()
    assert log == ["got it", "released", "other"]


def test_release_on_exception_and_the_next_waiter_gets_it(vloop):
    released = []
    res = asynccp.ManagedResource("bus", on_release=lambda name: released.append(name))
    log = []

    async def failing():
        try:
            async with res.handle("f"):
                await asynccp.delay(0.1)
                raise ValueError("oops")
        except ValueError:
            log.append(("caught", ms(vloop)))

    async def waiting():
        await asynccp.delay(0.01)
        async with res.handle("w"):
            log.append(("waiter got it", ms(vloop)))

    asynccp.add_task(failing())
    asynccp.add_task(waiting())
    asynccp.run()
    assert released == ["f", "w"]
    assert log == [("caught", 100), ("waiter got it", 100)]


def test_cancel_while_waiting_leaves_the_queue(vloop):
    res = asynccp.ManagedResource("bus")
    log = []

    async def holder():
        async with res.handle():
            await asynccp.delay(1)

    async def waiter(name):
        try:
            async with res.handle():
                log.append((name, ms(vloop)))
        except asynccp.CancelledError:
            log.append((name, "cancelled", ms(vloop)))

    async def main():
        asynccp.add_task(holder())
        await asynccp.delay(0)
        b = asynccp.add_task(waiter("b"))
        asynccp.add_task(waiter("c"))
        await asynccp.delay(0.5)
        b.cancel()

    asynccp.add_task(main())
    asynccp.run()
    assert log == [("b", "cancelled", 500), ("c", 1000)]


def test_the_holding_task_entering_again_is_a_runtime_error(vloop):
    res = asynccp.ManagedResource("bus")
    got = []

    async def user():
        async with res.handle():
            try:
                async with res.handle():
                    got.append("entered twice")
            except RuntimeError:
                got.append("refused")
        async with res.handle():  # still usable
            got.append("again")

    asynccp.add_task(user())
    asynccp.run()
    assert got == ["refused", "again"]


def test_on_acquire_failure_passes_the_resource_on(vloop):
    def acquire(name):
        if name == "bad":
            raise OSError("device gone")

    res = asynccp.ManagedResource("bus", on_acquire=acquire)
    log = []

    async def user(name):
        try:
            async with res.handle(name):
                log.append((name, "in"))
                await asynccp.delay(0.1)
        except OSError:
            log.append((name, "failed"))

    asynccp.add_task(user("good"))
    asynccp.add_task(user("bad"))
    asynccp.add_task(user("other"))
    asynccp.run()
    assert log == [("good", "in"), ("bad", "failed"), ("other", "in")]
    assert ms(vloop) == 200


def test_generator_form(vloop):
    res = asynccp.ManagedResource(
        "bus",
        on_acquire=lambda n: log.append(("acquire", n)),
        on_release=lambda n: log.append(("release", n)),
    )
    log = []

    def user(name, hold):
        h = res.handle(name)
        bus = yield from h
        try:
            log.append((name, bus, h.active, ms(vloop)))
            yield from asynccp.delay(hold)
        finally:
            h.release()
        log.append((name, "out", h.active))

    asynccp.add_task(user("a", 0.2))
    asynccp.add_task(user("b", 0.1))
    asynccp.run()
    assert log == [
        ("acquire", "a"),
        ("a", "bus", True, 0),
        ("release", "a"),
        ("a", "out", False),
        ("acquire", "b"),
        ("b", "bus", True, 200),
        ("release", "b"),
        ("b", "out", False),
    ]


def test_release_by_a_handle_that_does_not_hold_it_is_a_runtime_error(vloop):
    res = asynccp.ManagedResource("bus")
    with pytest.raises(RuntimeError):
        res.handle().release()


def test_loop_argument_is_accepted_for_01x_code(vloop):
    res = OldManagedResource("bus", loop=vloop)
    got = []

    async def user():
        async with res.handle() as r:
            got.append(r)

    vloop.add_task(user())
    vloop.run()
    assert got == ["bus"]
    assert OldManagedSpi is asynccp.ManagedSpi


# -- ManagedSpi ------------------------------------------------------------------------------


class Pin:
    """A stand-in for digitalio.DigitalInOut: records every value written."""

    def __init__(self, name, log):
        self.name = name
        self.log = log
        self.output = False
        self._value = None

    def switch_to_output(self, value=False, drive_mode=None):
        self.output = True
        self.value = value

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, v):
        self._value = v
        self.log.append((self.name, v))


class PlainPin:
    """A pin object with only a value attribute."""

    def __init__(self):
        self.value = None


def test_managed_spi_cs_handle_drives_an_active_low_chip_select(vloop):
    spi = Bus()
    log = []
    mgr = asynccp.ManagedSpi(spi)
    cs1 = Pin("cs1", log)
    cs2 = Pin("cs2", log)
    h1 = mgr.cs_handle(cs1)
    h2 = mgr.cs_handle(cs2)
    # made outputs, high (deselected), at once
    assert cs1.output and cs2.output
    assert log == [("cs1", True), ("cs2", True)]
    del log[:]

    async def device(h, pin, name):
        for _ in range(2):
            async with h as bus:
                assert bus is spi
                assert pin.value is False
                log.append((name, "transfer"))
                await asynccp.delay(0.01)
            assert pin.value is True

    asynccp.add_task(device(h1, cs1, "d1"))
    asynccp.add_task(device(h2, cs2, "d2"))
    asynccp.run()
    assert log == [
        ("cs1", False),
        ("d1", "transfer"),
        ("cs1", True),
        ("cs2", False),
        ("d2", "transfer"),
        ("cs2", True),
        ("cs1", False),
        ("d1", "transfer"),
        ("cs1", True),
        ("cs2", False),
        ("d2", "transfer"),
        ("cs2", True),
    ]


def test_managed_spi_cs_without_switch_to_output(vloop):
    mgr = asynccp.ManagedSpi(Bus(), loop=vloop)
    pin = PlainPin()
    h = mgr.cs_handle(pin)
    assert pin.value is True
    seen = []

    async def user():
        async with h:
            seen.append(pin.value)
        seen.append(pin.value)

    asynccp.add_task(user())
    asynccp.run()
    assert seen == [False, True]


def test_cancel_just_after_the_hand_off_passes_the_resource_on(vloop):
    """The holder releases (the first waiter is handed the resource) and then
    cancels that waiter before it ran: the next waiter gets the resource, and
    on_acquire is never called for the cancelled one."""
    acquired = []
    res = asynccp.ManagedResource("bus", on_acquire=lambda name: acquired.append(name))
    log = []
    tasks = {}

    async def holder():
        async with res.handle("holder"):
            await asynccp.delay(1)
        tasks["b"].cancel()

    async def waiter(name):
        try:
            async with res.handle(name):
                log.append((name, ms(vloop)))
        except asynccp.CancelledError:
            log.append((name, "cancelled"))

    async def main():
        asynccp.add_task(holder())
        await asynccp.delay(0)
        tasks["b"] = asynccp.add_task(waiter("b"))
        asynccp.add_task(waiter("c"))

    asynccp.add_task(main())
    asynccp.run()
    assert log == [("b", "cancelled"), ("c", 1000)]
    assert acquired == ["holder", "c"]
