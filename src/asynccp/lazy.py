# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Which module each lazily loaded name of asynccp lives in.

``asynccp.schedule`` (the package's ``__getattr__``) and ``loop.schedule``
(``Loop.__getattr__``) load this module the first time a name is not found,
then the name's own module (which, for a Loop method, adds it to Loop). A
program that uses only what ``import asynccp`` loads (tasks and delays)
never loads it.
"""

# " name:module " for each name. One string, not a dict: it takes a third of
# the RAM, and its names become interned strings only when used.
_NAMES = (
    " CancelledError:task set_exception_handler:task suspend:event"
    " schedule:scheduler schedule_later:scheduler ScheduledTask:scheduler"
    " ManagedResource:resource ManagedSpi:managed_spi Duration:duration"
    " Event:event Lock:lock Semaphore:semaphore Queue:queue QueueEmpty:queue"
    " QueueFull:queue wait_for:timeout TimeoutError:timeout "
)


def load(name):
    """The module that has ``name``, imported; None if asynccp has no such
    lazily loaded name."""
    i = _NAMES.find(" " + name + ":")
    if i < 0:
        return None
    i += len(name) + 2
    mod = _NAMES[i : _NAMES.find(" ", i)]
    return __import__(mod, globals(), None, [name], 1)
