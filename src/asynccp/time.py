# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""asynccp 0.1.x name: ``from asynccp.time import Duration``."""

from .duration import Duration  # noqa: F401
