# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""ManagedSpi: a :class:`~asynccp.ManagedResource` for an SPI bus shared by
chip-select devices (also the asynccp 0.1.x import path
``from asynccp.managed_spi import ManagedSpi``)."""

from .core import _gc
from .resource import ManagedResource

_gc()


class ManagedSpi(ManagedResource):
    """An SPI bus shared by devices that each have a chip select pin.

    The bus lock (``try_lock``/``unlock``) stays with the code inside the
    ``async with`` block, as drivers expect; the handle only arbitrates.
    """

    def __init__(self, spi, loop=None):
        super().__init__(spi, _select, _deselect)

    def cs_handle(self, chip_select):
        """A handle that drives ``chip_select`` (a ``digitalio.DigitalInOut``)
        low while it holds the bus, high otherwise (active low). Makes the pin
        an output, high, now."""
        if hasattr(chip_select, "switch_to_output"):
            chip_select.switch_to_output(value=True)
        else:
            chip_select.value = True
        return self.handle(chip_select)


def _select(cs):
    cs.value = False


def _deselect(cs):
    cs.value = True


# In the package too: asynccp.<name> then needs no lookup (asynccp/lazy.py)
__import__("asynccp").ManagedSpi = ManagedSpi
_gc()
