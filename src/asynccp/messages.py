# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""The texts of asynccp's error messages, by number (a text, or a function
of the values that makes the text).

Loaded only when asynccp raises one of its errors (``core._m(n, ...)``
imports it then, and lets it go again once the message is made): a board
does not hold these texts in RAM, where each would cost about 90 bytes. Each call of ``_m`` has a
comment quoting its text (tests/test_messages.py checks them). If this
module is left off a board, the errors are still raised, with the number and
the values in the message. New messages go at the end: the numbers stay.
"""

M = (
    # core
    "asynccp: a task cannot await itself",  # 0
    "asynccp: awaited outside asynccp's loop",  # 1
    "asynccp: expected a coroutine object (call the function: f()), got %r",  # 2
    "asynccp: a loop is already running",  # 3
    # 4: the deadlock report, naming the waiting tasks by their coroutines
    lambda w: "asynccp: tasks wait for something nothing can give them: %r" % [t.coro for t in w],
    "asynccp: a task awaited %r, which asynccp cannot wait for",  # 5
    "asynccp: seconds must be a number, got %r",  # 6
    "asynccp: %r seconds is too long (at most 3 days)",  # 7
    # delay
    "asynccp: delay_ms takes an int, got %r",  # 8
    "asynccp: %r ms is too long (at most 3 days)",  # 9
    # event
    "asynccp: suspend() needs a running task",  # 10
    # scheduler
    "asynccp: the period must be above zero, got %r",  # 11
    "asynccp: the frequency must be above zero, got %r",  # 12
    "asynccp: %r Hz is too fast (at most 100 kHz)",  # 13
    "asynccp: frequency must be a number in Hz or a Duration, got %r",  # 14
    "asynccp: the period of %r is too long (at most 37 hours)",  # 15
    "asynccp: schedule takes a function (not called: f, not f()), got %r",  # 16
    "asynccp: catch_up must be REBASE, BURST or SKIP, got %r",  # 17
    "asynccp: %r is %d ms behind; re-based",  # 18
    # resource, semaphore, lock, queue
    "asynccp: release() by a handle that does not hold the resource",  # 19
    "asynccp: this task already holds the resource",  # 20
    "asynccp: Semaphore(value) takes an int, got %r",  # 21
    "asynccp: Semaphore(value) must be 0 or more, got %r",  # 22
    "asynccp: release() of a Lock that is not held",  # 23
    "asynccp: Queue(maxsize) takes an int, got %r",  # 24
    "asynccp: Queue(maxsize) must be 1 or more, got %r",  # 25
    # duration
    "asynccp: a Duration needs a number, got %r",  # 26
    "asynccp: cannot compare a Duration with %r",  # 27
    "asynccp: a Duration adds and subtracts only Durations, got %r",  # 28
    "asynccp: a Duration can be multiplied only by a number, got %r",  # 29
    # trace
    "asynccp: a Tracer needs size >= 1, got %r",  # 30
    # asyncio: word for word what MicroPython's asyncio says (CPython's for
    # Semaphore and Queue, which MicroPython's has not), so a program that
    # prints an error prints the same
    "coroutine expected",  # 31
    "can't cancel self",  # 32
    "can't gather",  # 33
    "can't wait",  # 34
    "Lock not acquired",  # 35
    "no running event loop",  # 36
    "ticks interval overflow",  # 37
    "Task exception wasn't retrieved",  # 38
    "Semaphore initial value must be >= 0",  # 39
    "BoundedSemaphore released too many times",  # 40
    "task_done() called too many times",  # 41
    "can't convert %r to int",  # 42
)
