# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""asynccp 0.1.x name: ``from asynccp.managed_resource import ManagedResource``."""

from .resource import Handle, ManagedResource  # noqa: F401
