# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""Rates that do not drift: a schedule next to a loop that sleeps.

Both run the same job, one that takes 2 ms (reading a sensor over I2C, say;
here ``time.sleep(0.002)`` stands in for it), and both are meant to run it
80 times a second:

- ``asynccp.schedule(80, job)`` starts a run every 12.5 ms on a fixed grid.
  The time the job takes does not add up: 80 runs every second, 288000 an
  hour.
- A loop that runs the job, then awaits ``asynccp.delay(1 / 80)``, waits
  *after* each job: every pass takes the job's 2 ms longer than the delay
  (which is 12 ms: delays are whole milliseconds). It falls further behind
  every second.

Once a second it prints how many times each has run so far. No wiring
needed. On a computer, ``python asynccp_fixed_rate.py`` prints five reports
and stops; as code.py on a board it goes on for ever.
"""

import sys
import time

import asynccp

scheduled_runs = 0
loop_runs = 0
seconds = 0


def job():
    """The work: 2 ms that nothing else can use (the loop waits for it)."""
    time.sleep(0.002)


def scheduled_job():
    global scheduled_runs
    scheduled_runs += 1
    job()


async def sleeping_loop():
    global loop_runs
    while True:
        loop_runs += 1
        job()
        await asynccp.delay(1 / 80)


def report():
    global seconds
    seconds += 1
    print(
        "after %d s: the schedule ran %d times, the loop with delay() %d times"
        % (seconds, scheduled_runs, loop_runs)
    )


asynccp.schedule_later(1, report)  # first, so that it runs before the jobs due at the same time
asynccp.schedule(80, scheduled_job)
asynccp.add_task(sleeping_loop())
if sys.implementation.name == "cpython":  # on a computer: five reports, then stop
    asynccp.get_loop().run_for(5.5)
else:  # as code.py on a board: for ever
    asynccp.run()
