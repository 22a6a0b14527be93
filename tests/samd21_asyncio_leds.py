# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
# The cooperative multitasking guide's first asyncio program in generator
# form: two LEDs blinking at two rates, with create_task and gather.
import asynccp.asyncio as asyncio


class Led:
    value = False


def blink(led, interval, count):
    for _ in range(count):
        led.value = True
        yield from asyncio.sleep(interval)
        led.value = False
        yield from asyncio.sleep(interval)
    return count


def main():
    led1_task = asyncio.create_task(blink(Led(), 0.25, 4))
    led2_task = asyncio.create_task(blink(Led(), 0.1, 10))
    done = yield from asyncio.gather(led1_task, led2_task)
    print("leds", *done)


asyncio.run(main())
