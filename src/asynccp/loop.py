# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""asynccp 0.1.x name for the loop module: ``from asynccp.loop import Loop``."""

from .core import Loop, Task, get_loop  # noqa: F401
