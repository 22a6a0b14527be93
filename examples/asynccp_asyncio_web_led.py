# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""An asyncio program on asynccp: a web page switches an LED while another
LED blinks at a fixed rate.

One task blinks the LED on D2 four times a second; a small web server (the
streams of ``asynccp.asyncio``, MicroPython's API) serves a page with two
links, ``/on`` and ``/off``, that switch the LED on D1. Serving a page never
holds up the blinking: a connection that waits for data waits in the loop,
not in the socket. The only change for asynccp is the import line.

On a CircuitPython Wi-Fi board, as code.py: connect first (``CIRCUITPY_WIFI_SSID``
and ``CIRCUITPY_WIFI_PASSWORD`` in settings.toml: CircuitPython connects by
itself then), open ``http://<the board's address>/`` in a browser; it runs
for ever. On a computer, ``BLINKA_OS_AGNOSTIC=1 python
asynccp_asyncio_web_led.py`` runs it on Blinka's simulated board on a free
port of 127.0.0.1 for 3 seconds, during which a little client in the same
program asks for ``/on`` and ``/off`` and prints what the page says.
"""

import sys

import board
import digitalio

import asynccp.asyncio as asyncio  # was: import asyncio

PAGE = (
    "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n"
    "<html><body><h1>LED %s</h1>"
    '<p><a href="/on">on</a> <a href="/off">off</a></p></body></html>\r\n'
)


def pin(*names):
    """The first of these pins this board has."""
    for name in names:
        if hasattr(board, name):
            return getattr(board, name)
    raise AttributeError(
        "no pin named %s on this board: edit the names (on a computer, set "
        "BLINKA_OS_AGNOSTIC=1 to use Blinka's simulated board)" % " or ".join(names)
    )


async def blink(led):
    """Blink at a fixed rate: on and off every 0.125 s."""
    on = False
    while True:
        on = not on
        led.value = on
        await asyncio.sleep(0.125)


def web(led):
    """The connection handler: read the request line and the headers (at
    most 5 s for each line), switch the LED if asked, answer with the page."""
    state = [False]  # the LED's value (what the program set, not read back)

    async def handle(reader, writer):
        try:
            request = await asyncio.wait_for(reader.readline(), 5)
            while (await asyncio.wait_for(reader.readline(), 5)) not in (b"\r\n", b""):
                pass  # the headers
            path = request.split(b" ")[1] if request.count(b" ") >= 2 else b"/"
            if path in (b"/on", b"/off"):
                state[0] = path == b"/on"
                led.value = state[0]
            writer.write(PAGE % ("on" if state[0] else "off"))
            await writer.drain()
        except (OSError, asyncio.TimeoutError):
            pass  # a client that went away, or was too slow
        await writer.wait_closed()

    return handle


async def visit(port, path):
    """What a browser does: ask for ``path``; the page's heading."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n" % path)
    await writer.drain()
    page = await reader.read()
    await writer.wait_closed()
    return page[page.find(b"<h1>") + 4 : page.find(b"</h1>")].decode()


async def main():
    led = digitalio.DigitalInOut(pin("D1", "Dx_OUTPUT"))
    led.switch_to_output(value=False)
    blinker = digitalio.DigitalInOut(pin("D2", "CS"))
    blinker.switch_to_output(value=False)
    asyncio.create_task(blink(blinker))
    if sys.implementation.name == "cpython":  # on a computer: a free port, 3 seconds
        server = await asyncio.start_server(web(led), "127.0.0.1", 0)
        for path in (b"/on", b"/off", b"/on"):
            await asyncio.sleep(0.5)
            print("asked for", path.decode(), "- the page says:", await visit(server.port, path))
        await asyncio.sleep(1.5)
        server.close()
        await server.wait_closed()
        print("done")
    else:
        server = await asyncio.start_server(web(led), "0.0.0.0", 80)
        await server.wait_closed()  # for ever


asyncio.run(main())
