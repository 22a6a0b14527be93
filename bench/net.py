# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""``make bench`` (after bench/run.py): networking, side by side in one run.

1. Requests per second that microdot 2.7.0 serves (bench/net_server.py,
   sequential HTTP/1.0 requests from this process over loopback) on
   asynccp.asyncio against the runtime's own asyncio, on CPython and on
   MicroPython's unix port; and the worst lateness of an 80 Hz task in the
   server meanwhile.
2. The RAM a connection waiting for data costs on the 32-bit MicroPython VM
   (tools/mpwasm; asynccp from build/micropython; sockets from a pool whose
   sockets always say "not yet", so this is the CircuitPython path).

Prints the figures and writes them to build/bench/net.md. Timings are no
tests: nothing here asserts. Each figure is the median of five runs, the
two asyncios alternating. ``--quick``: fewer requests, one run.
"""

import argparse
import importlib.util
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from mpy_runner import micropython_binary, py_deps_dir  # noqa: E402
from ports import free_port  # noqa: E402
from wasm_runner import MPY_LIB_DIRS, run_wasm  # noqa: E402

OUT = ROOT / "build" / "bench"
ROUNDS = 5  # runs of each server (--quick: 1); the machine is shared and noisy


def get(port, path):
    for _ in range(200):
        try:
            c = socket.create_connection(("127.0.0.1", port))
            break
        except ConnectionRefusedError:
            time.sleep(0.01)
    c.sendall(b"GET %s HTTP/1.0\r\n\r\n" % path)
    out = b""
    while True:
        b = c.recv(4096)
        if not b:
            break
        out += b
    c.close()
    return out


def serve(cmd, env, n):
    port = free_port()
    with tempfile.TemporaryDirectory() as cwd:
        p = subprocess.Popen(
            [*cmd, str(ROOT / "bench" / "net_server.py"), str(port), env["which"]],
            env=env["env"],
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            get(port, b"/")  # warm up (and wait until it listens)
            t = time.perf_counter()
            for _ in range(n):
                assert get(port, b"/").endswith(b"hello")
            rate = n / (time.perf_counter() - t)
            get(port, b"/shutdown")
            out, err = p.communicate(timeout=60)
        finally:
            if p.poll() is None:
                p.kill()
    words = out.split()
    late = int(words[words.index("late") + 1]) if "late" in words else None
    return rate, late, err


WAIT_RAM = """
import gc, asynccp, asynccp.asyncio as asyncio
Stream = asyncio.Stream

class S:
    def setblocking(self, f): pass
    def connect(self, a): pass
    def recv_into(self, b, n=0): raise OSError(11)
    def close(self): pass

N = 20
gc.collect()
#---
m0 = gc.mem_alloc()

async def reader(st):
    await st.read(64)

for i in range(N):
    asyncio.create_task(reader(Stream(S(), None, False)))
asynccp.get_loop().run_for(0.02)
gc.collect()
#---
print("perconn", (gc.mem_alloc() - m0) // N)
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    n = 200 if args.quick else 1000
    md = Path(importlib.util.find_spec("microdot").origin).parent
    mp_lib = Path(tempfile.mkdtemp(prefix="net-bench-"))
    shutil.copytree(md, mp_lib / "microdot")
    mp_path = ":".join(
        [".frozen", str(ROOT / "build" / "micropython" / "lib"), str(py_deps_dir()), str(mp_lib)]
    )
    cp_env = {"PYTHONPATH": str(ROOT / "src")}
    import os

    rows = []
    rounds = 1 if args.quick else ROUNDS
    for runtime, cmd, extra in (
        ("CPython", [sys.executable], cp_env),
        ("MicroPython unix", [micropython_binary(), "-X", "heapsize=1M"], {"MICROPYPATH": mp_path}),
    ):
        got = {"asynccp": [], "native": []}
        for _ in range(rounds):  # the two asyncios alternate: a busy spell hits both
            for which in got:
                env = dict(os.environ, **extra)
                got[which].append(serve(cmd, {"which": which, "env": env}, n)[:2])
        for which, runs in got.items():
            rate = statistics.median(r for r, _ in runs)
            late = max(x for _, x in runs)
            name = "asynccp.asyncio" if which == "asynccp" else "its own asyncio"
            rows.append((runtime, name, rate, late))
            print(f"{runtime:17} {name:16} {rate:8.0f} requests/s (median of {rounds}),"
                  f" 80 Hz task worst {late} ms late")
    rc, out = run_wasm(WAIT_RAM, MPY_LIB_DIRS)
    per = out.split("perconn")[-1].split()[0] if "perconn" in out else "?"
    print(f"RAM of a connection waiting for data, 32-bit MicroPython VM: {per} bytes")
    OUT.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Networking benchmarks (bench/net.py)",
        "",
        f"microdot 2.7.0, {n} sequential HTTP/1.0 requests over loopback, an 80 Hz task in",
        f"the server; requests/s: the median of {rounds} runs, the two asyncios alternating;",
        "lateness: the worst of them.",
        "",
        "| runtime | asyncio | requests/s | 80 Hz worst lateness (ms) |",
        "|---|---|---:|---:|",
    ]
    lines += [f"| {a} | {b} | {c:.0f} | {d} |" for a, b, c, d in rows]
    lines += ["", f"RAM of a connection waiting for data (32-bit VM): {per} bytes", ""]
    (OUT / "net.md").write_text("\n".join(lines))
    print("wrote", OUT / "net.md")


if __name__ == "__main__":
    main()
