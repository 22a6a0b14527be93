# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""How big the long tests run: ``make test``'s size, or nightly size.

``make nightly`` runs the same tests as ``make test`` with
``ASYNCCP_NIGHTLY=1`` in the environment (any value but empty counts). A test
with two sizes takes its bigger one then: runs too long for every change,
worth one each night. The random tests run more programs, bigger ones, and
with a random seed (so each night tries new ones); the soaks run two
simulated days instead of hours; the leak loops a million of each instead of
100000. Each such test reads :data:`NIGHTLY` from here (``grep -l NIGHTLY
tests/*.py``) and says in its docstring what each size runs and how long.
"""

import os

#: True in ``make nightly`` (``ASYNCCP_NIGHTLY`` set and not empty).
NIGHTLY = bool(os.environ.get("ASYNCCP_NIGHTLY"))
