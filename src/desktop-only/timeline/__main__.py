# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""``python -m asynccp.timeline``: the same as the ``asynccp-timeline`` command."""

import sys

from asynccp.timeline import main

sys.exit(main())
