# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Which module each lazily loaded name of asynccp lives in.

``asynccp.schedule`` (the package's ``__getattr__``) and ``loop.schedule``
(``Loop.__getattr__``) load this module the first time a name is not found,
then the name's own module. A program that uses only what ``import asynccp``
loads (tasks and delays) never loads it.
"""

# " name:module " for each name. A name with no module is a module-level
# function that calls the default loop's method of that name (whichever loop
# is the default then, see get_loop). One string, not a dict: it takes a
# third of the RAM, and its names become interned strings only when used.
_NAMES = (
    " set_exception_handler: run_for: suspend:event CancelledError:cancel"
    " schedule:scheduler schedule_later:scheduler ScheduledTask:scheduler"
    " ManagedResource:resource ManagedSpi:managed_spi Duration:duration"
    " Event:event Lock:lock Semaphore:semaphore Queue:queue QueueEmpty:queue"
    " QueueFull:queue wait_for:timeout TimeoutError:timeout "
)


def load(name):
    """The module of ``name``, imported; "" for a module-level loop function;
    None if asynccp has no such lazily loaded name."""
    i = _NAMES.find(" " + name + ":")
    if i < 0:
        return None
    i += len(name) + 2
    mod = _NAMES[i : _NAMES.find(" ", i)]
    if mod:
        return __import__(mod, globals(), None, [name], 1)
    return mod
