# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""The trace behind the tracing guide's picture: three schedules, one of them
slow, run for 0.6 simulated seconds, dumped, and drawn by asynccp-timeline."""

import asynccp
from asynccp.testing import virtual_loop
from asynccp.timeline import draw, read_trace
from asynccp.trace import Tracer


def make(out_dir):
    loop = virtual_loop()
    tracer = Tracer(400)
    tracer.watch_all()

    async def check_button():
        loop.clock.advance(1)  # 1 ms of work (simulated time)

    async def update_display():
        loop.clock.advance(8)  # a slow SPI display: 8 ms, a yield, 6 ms more
        await asynccp.delay(0)
        loop.clock.advance(6)

    async def read_sensor():
        loop.clock.advance(2)
        await asynccp.delay(0.1)  # conversion time
        loop.clock.advance(2)

    asynccp.schedule(80, check_button)
    asynccp.schedule(15, update_display)
    asynccp.schedule(5, read_sensor)
    loop.run_for(0.6)
    out_dir.mkdir(parents=True, exist_ok=True)
    csv = out_dir / "trace.csv"
    with open(csv, "w") as f:
        tracer.dump(f)
    with open(csv) as f:
        rows = read_trace(f)
    draw(rows, out_dir / "timeline.png", end_ms=300)
    return rows
