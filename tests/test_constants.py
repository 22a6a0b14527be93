# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""The copies of core's constants agree with core.

Task states and the tick mask are written as numbers outside core (a board
module pays RAM for every imported name, and ``const()`` of another
module's name does not fold): ``t.state < -2  # ended``,
``(ticks + ms) & 0x1FFFFFFF``. This test reads core's definitions and checks
every copy in the package against them: a state literal that names core's
constant has its value, every state literal is one of core's states, the
tests for "ended" (``< -2``, ``> -3``) still mean _DONE or _FAILED, and
every tick mask or half period is core's.
"""

import re
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "src" / "asynccp"
NAMES = ("_SLEEPING", "_READY", "_PARKED", "_DONE", "_FAILED", "_MAX", "_HALF")


def core_constants():
    text = (PKG / "core.py").read_text(encoding="utf-8")
    found = {}
    for name, value in re.findall(r"^(_[A-Z]+) = const\((-?\w+)\)", text, re.M):
        if name in NAMES:
            found[name] = int(value, 0)
    assert sorted(found) == sorted(NAMES), found
    return found


# A task's state: t, me, waiter, task, or self in asyncio's Task (a Lock's,
# a gather's and a ThreadSafeFlag's own ``state`` mean something else).
STATE = re.compile(r"\b(?:t|me|waiter|task|self)\.state\s*(==|!=|<=|>=|<|>|=)\s*(-?\d+)")
NOT_TASKS = ("asyncio/lock.py", "io.py")
TICKS = re.compile(r"0x1FFFFFFF|0x10000000", re.I)
DEF = re.compile(r"^(_MAX|_HALF)\s*=\s*(?:const\()?(0x[0-9A-Fa-f]+)")


def wrong_copies(path, text, c):
    """Lines of ``text`` whose copy of a constant disagrees with core's ``c``."""
    states = {c[n] for n in NAMES[:5]}
    wrong = []
    if str(path) in NOT_TASKS:
        text = re.sub(r"\b(?:self|lock)\.state", "_", text)
    for i, line in enumerate(text.splitlines(), 1):
        where = f"{path}:{i}: {line.strip()}"
        for op, v in STATE.findall(line):
            v = int(v)
            named = re.search(r"core's (_[A-Z]+)", line)
            if op in ("==", "!=", "="):
                if v not in states:
                    wrong.append(f"{where} (not a state of core's)")
                elif named and named.group(1) in c and c[named.group(1)] != v:
                    wrong.append(f"{where} ({named.group(1)} is {c[named.group(1)]})")
            elif op == "<" and v != c["_PARKED"]:  # ended: below _PARKED
                wrong.append(f"{where} (ended is < _PARKED = {c['_PARKED']})")
            elif op == ">" and v not in (c["_DONE"], c["_PARKED"]):
                # not ended (> _DONE), or sleeping or ready (> _PARKED)
                wrong.append(f"{where} (> _DONE or > _PARKED only)")
        m = DEF.match(line)
        if m and int(m.group(2), 16) != c[m.group(1)]:
            wrong.append(f"{where} (core's {m.group(1)} is {c[m.group(1)]:#x})")
        for lit in TICKS.findall(line):
            if int(lit, 16) not in (c["_MAX"], c["_HALF"]):
                wrong.append(f"{where} (not core's tick mask)")
    return wrong


def test_core_states_order_as_the_copies_assume():
    c = core_constants()
    # "ended" is state < _PARKED, and both ended states are below it
    assert c["_SLEEPING"] > c["_PARKED"] and c["_READY"] > c["_PARKED"]
    assert c["_DONE"] == c["_PARKED"] - 1 and c["_FAILED"] < c["_DONE"]
    assert c["_HALF"] * 2 == c["_MAX"] + 1


def test_every_copy_of_a_core_constant_agrees():
    c = core_constants()
    wrong = []
    checked = 0
    for path in sorted(PKG.rglob("*.py")):
        if path.name == "core.py":
            continue
        text = path.read_text(encoding="utf-8")
        checked += len(STATE.findall(text)) + len(TICKS.findall(text))
        wrong += wrong_copies(path.relative_to(PKG), text, c)
    assert checked > 30  # the copies are found at all
    assert not wrong, "\n".join(wrong)


def test_a_wrong_copy_is_found():
    c = core_constants()
    bad = (
        "me.state = -3  # core's _PARKED\n"
        "if t.state == -7:\n"
        "if t.state < -1:  # ended\n"
        "_MAX = const(0x0FFFFFFF)\n"
    )
    assert len(wrong_copies("x.py", bad, c)) == 4
    good = "me.state = -2  # core's _PARKED\nif t.state > -3:\nx = (a + 5) & 0x1FFFFFFF\n"
    assert wrong_copies("x.py", good, c) == []


# ---------------------------------------------------------- short private names

SHORT = re.compile(r"\.(_[a-z]{1,2})\b")


def test_every_short_private_name_has_one_meaning_listed_in_core():
    """Short private attribute names (``._q``, ``._ni``) are shared across the
    package to save RAM, so each must mean one thing: core's docstring lists
    each with its meaning, once. A new one (or one given a second meaning
    under a new name) fails here until it is listed."""
    doc = (PKG / "core.py").read_text(encoding="utf-8").split('"""', 2)[1]
    listed = re.findall(r"``(_[a-z]{1,2})``", doc)
    used = set()
    for path in PKG.rglob("*.py"):
        used.update(SHORT.findall(path.read_text(encoding="utf-8")))
    assert sorted(used - set(listed)) == [], "used, not listed in core's docstring"
    assert sorted(set(listed) - used) == [], "listed in core's docstring, not used"
    # listed twice on purpose, with one meaning: _q tasks in line (the loop's
    # ready ring, a primitive's waiters), _h a ring's head (the loop's, a queue's)
    twice = sorted({n for n in listed if listed.count(n) > 1} - {"_q", "_h"})
    assert twice == [], "listed twice: one meaning each"
