# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Sphinx configuration. Builds offline: no intersphinx, no remote images.

``make docs`` (or ``sphinx-build -W -b html docs docs/_build/html``).
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

project = "asynccp"
author = "asynccp contributors"
copyright = "2026, asynccp contributors"  # noqa: A001 - Sphinx's name
release = os.environ.get("ASYNCCP_VERSION", "")

extensions = ["sphinx.ext.autodoc", "sphinx.ext.viewcode"]
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "undoc-members": False}
autodoc_typehints = "none"
exclude_patterns = ["_build", "_generated/*.csv"]
templates_path = []
html_theme = "furo"
html_title = "asynccp"
html_static_path = []


def _timeline(app):
    # The tracing guide's picture, made from a run of timeline_demo.py.
    import timeline_demo

    timeline_demo.make(HERE / "_generated")


def setup(app):
    app.connect("builder-inited", _timeline)
