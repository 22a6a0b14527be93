# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""asynccp 0.1.x name: ``from asynccp.managed_spi import ManagedSpi``."""

from .resource import ManagedSpi  # noqa: F401
