# SPDX-FileCopyrightText: 2026 asynccp contributors
# SPDX-License-Identifier: MIT
"""``asynccp-timeline``: draw a dump of :mod:`asynccp.trace` as a timeline.

A desktop command, installed with the PyPI package::

    pip install "circuitpython-asynccp[timeline]"    # brings matplotlib
    asynccp-timeline trace.csv -o timeline.png

One row per task, a bar for each step (from its start to its end tick; a
step under a millisecond is drawn as a thin bar), and a red mark where a run
started late: a triangle at the start and a red line back to the time the
run was due. The input may be a whole serial-console log: the last
``task,start_ms,end_ms,late_ms`` header in it and the rows after it are read.

This module is not for boards: it needs matplotlib. Importing it is harmless
anywhere (everything it needs is imported when :func:`main` runs).
"""

HEADER = "task,start_ms,end_ms,late_ms"


class TraceError(Exception):
    """The input is not a trace dump."""


def read_trace(lines):
    """Parse a dump: ``[(task, start_ms, end_ms, late_ms or None), ...]``.

    ``lines`` is an iterable of text lines (a file). Lines before the last
    header are skipped (a serial log with other output, or several dumps:
    the last one is read); reading stops at the first line after it that is
    not a record. TraceError if there is no header.
    """
    import csv

    lines = [line.strip().lstrip("\ufeff") for line in lines]
    start = None
    for i, line in enumerate(lines):
        if line == HEADER:
            start = i + 1
    if start is None:
        raise TraceError("no line %r: not a dump of asynccp.trace" % (HEADER,))
    rows = []
    for fields in csv.reader(lines[start:]):
        if len(fields) != 4:
            break
        name, s, e, late = fields
        try:
            row = (name, int(s), int(e), int(late) if late else None)
        except ValueError:
            break
        rows.append(row)
    return rows


def draw(rows, out, title=None, start_ms=None, end_ms=None, late_ms=1):
    """Draw ``rows`` (as :func:`read_trace` gives) into the image file ``out``.

    ``start_ms``/``end_ms`` crop the time axis; runs at least ``late_ms``
    late are marked. Returns the number of steps drawn.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if start_ms is not None:
        rows = [r for r in rows if r[2] >= start_ms]
    if end_ms is not None:
        rows = [r for r in rows if r[1] <= end_ms]
    names = []
    for r in rows:
        if r[0] not in names:
            names.append(r[0])
    lo = min([r[1] for r in rows] + [r[1] - (r[3] or 0) for r in rows], default=0)
    hi = max([r[2] for r in rows], default=1)
    if start_ms is not None:
        lo = start_ms
    if end_ms is not None:
        hi = end_ms
    span = max(hi - lo, 1)
    width_in = 12.0
    # A step shorter than about two pixels is drawn two pixels wide.
    min_w = span / (width_in * 100) * 2
    height_in = 1.6 + 0.45 * max(len(names), 1)
    fig, ax = plt.subplots(figsize=(width_in, height_in), dpi=100)
    row = {n: i for i, n in enumerate(names)}
    color = "#3b6ea8"
    late_color = "#d62728"
    for n in names:
        bars = [(r[1], max(r[2] - r[1], min_w)) for r in rows if r[0] == n]
        ax.broken_barh(bars, (row[n] - 0.35, 0.7), facecolors=color, linewidth=0)
    late = [r for r in rows if r[3] is not None and r[3] >= late_ms]
    for r in late:
        y = row[r[0]]
        ax.plot([r[1] - r[3], r[1]], [y - 0.42, y - 0.42], color=late_color, linewidth=1.5)
    if late:
        ax.plot(
            [r[1] for r in late],
            [row[r[0]] - 0.42 for r in late],
            linestyle="none",
            marker="v",
            markersize=7,
            color=late_color,
        )
    ax.set_yticks(range(len(names)))
    ax.set_yticklabels(names)
    ax.set_ylim(len(names) - 0.4, -0.8)
    pad = span * 0.01
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_xlabel("time (ms)")
    ax.grid(axis="x", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    handles = [Patch(color=color, label="step (start to end)")]
    handles.append(
        Line2D(
            [],
            [],
            color=late_color,
            marker="v",
            linewidth=1.5,
            label="late start (line from the due time)",
        )
    )
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.5 / height_in - 0.12),
        ncol=2,
        fontsize="small",
        frameon=False,
    )
    if title is None:
        title = "%d steps, %d late starts (>= %d ms)" % (len(rows), len(late), late_ms)
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
    return len(rows)


def main(argv=None):
    """The ``asynccp-timeline`` command. Returns the exit status."""
    import argparse
    import sys

    p = argparse.ArgumentParser(
        prog="asynccp-timeline",
        description="Draw a dump of asynccp.trace (CSV) as a timeline: one row per task, "
        "a bar per step, red marks for late starts.",
    )
    p.add_argument("trace", help="the CSV dump (a serial-console log holding one works too)")
    p.add_argument(
        "-o", "--output", help="image to write (.png, .svg, .pdf); default: TRACE with .png"
    )
    p.add_argument("--start", type=int, metavar="MS", help="leave out what ends before MS")
    p.add_argument("--end", type=int, metavar="MS", help="leave out what starts after MS")
    p.add_argument(
        "--late",
        type=int,
        default=1,
        metavar="MS",
        help="mark runs that started at least MS late (default 1)",
    )
    p.add_argument("--title", help="the chart's title")
    args = p.parse_args(argv)
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        print(
            "asynccp-timeline needs matplotlib: pip install 'circuitpython-asynccp[timeline]'",
            file=sys.stderr,
        )
        return 2
    out = args.output
    if out is None:
        out = args.trace[:-4] if args.trace.lower().endswith(".csv") else args.trace
        out += ".png"
    try:
        with open(args.trace, encoding="utf-8", errors="replace") as f:
            rows = read_trace(f)
    except (OSError, TraceError) as e:
        print("asynccp-timeline: %s" % (e,), file=sys.stderr)
        return 1
    n = draw(rows, out, args.title, args.start, args.end, args.late)
    print("asynccp-timeline: %d steps of %d tasks -> %s" % (n, len({r[0] for r in rows}), out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
