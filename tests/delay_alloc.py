# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
# What an await of asynccp.delay_ms allocates: a script for the micropython
# VM and the 32-bit VM, run by tests/test_samd21_api.py and by make bench
# (bench/run.py, "What a switch allocates"). It prints "per-await MS BYTES"
# for delay_ms(0) and delay_ms(5).
import gc

import asynccp
from asynccp.testing import virtual_loop

lp = virtual_loop()


def job(ms, n):
    for _ in range(n):
        yield from asynccp.delay_ms(ms)


def allocated(ms, n):
    # bytes allocated while a task awaits delay_ms(ms) n times (collection
    # off, so nothing is freed meanwhile)
    gc.collect()
    gc.disable()
    a = gc.mem_alloc()
    lp.add_task(job(ms, n))
    lp.run()
    b = gc.mem_alloc()
    gc.enable()
    return b - a


for ms in (0, 5):
    allocated(ms, 50)  # warm up: the ready ring and the timer list grow once
    # per await: the difference of 300 and 100 awaits (making the task and
    # its generator costs the same in both)
    print("per-await", ms, (allocated(ms, 300) - allocated(ms, 100)) / 200)
