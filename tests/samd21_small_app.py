# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
# A small app in generator form: a blinking task, two schedules (80 Hz and
# 15 Hz), a task cancelled mid-delay, then the schedules stopped.
import asynccp


class Led:
    value = False


led = Led()
counts = [0, 0, 0]  # blinks, fast runs, slow runs
cancelled = []
running = [True]


def blink():
    while running[0]:
        led.value = not led.value
        counts[0] += 1
        yield from asynccp.delay(0.25)


def fast():
    counts[1] += 1


def slow():
    counts[2] += 1


def victim():
    try:
        yield from asynccp.delay(10)
    except asynccp.CancelledError:
        cancelled.append(True)
        raise


def main():
    jobs = [asynccp.schedule(80, fast), asynccp.schedule(15, slow)]
    task = asynccp.add_task(victim())
    yield from asynccp.delay(0.5)
    task.cancel()
    yield from asynccp.delay(1.5)
    for job in jobs:
        job.stop()
    running[0] = False


asynccp.add_task(blink())
asynccp.add_task(main())
asynccp.run()
print("small", counts[0], counts[1], counts[2], len(cancelled))
