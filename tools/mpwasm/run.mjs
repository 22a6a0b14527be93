// SPDX-FileCopyrightText: 2026 asynccp contributors
// SPDX-License-Identifier: MIT
//
// Run Python scripts on the 32-bit MicroPython VM (MicroPython 1.27 compiled to
// wasm32, the npm package pinned in package.json beside this file).
//
//   node tools/mpwasm/run.mjs [--heapsize BYTES] [--pystack WORDS] [--lib DIR]...
//                             [--import MODULE]... [--pre FILE] [--json] SCRIPT...
//
// Each --lib folder is copied into the VM's in-memory filesystem (as /lib0,
// /lib1, ...) and put first on sys.path, in the order given; each --import
// module is imported before the script starts (a call of its own, so what it
// allocates is there before the script's first chunk), then the code of the
// --pre file runs (one call). Each SCRIPT runs
// in a fresh VM of its own. A script is cut into chunks at lines that are
// exactly `#---`; each chunk is one runPython call, so between two chunks
// the VM is back at top level: there `gc.collect()` sees no stale pointers on
// the wasm stack, which it does inside a running call (figures measured within
// one call read 20-35% high).
//
// --pystack is in machine words (4 bytes): 384 is CircuitPython 9's SAMD21
// pystack (1536 bytes). --heapsize is only the heap's first size: this build
// grows its heap when it runs out, so it never raises MemoryError for want of
// heap; measure with gc.mem_alloc() instead.
//
// Output: what the scripts print, and a Python exception's traceback (its
// line numbers count from the start of the chunk); the exit
// status is 1 if a script raised. With --json, one JSON array on stdout
// instead: [{"rc": 0 or 1, "out": "..."}, ...], one entry per script.

import fs from "node:fs";
import path from "node:path";
import { loadMicroPython } from "@micropython/micropython-webassembly-pyscript/micropython.mjs";

function usage(msg) {
  process.stderr.write(`run.mjs: ${msg}\n`);
  process.stderr.write(
    "usage: node run.mjs [--heapsize BYTES] [--pystack WORDS] [--lib DIR]... [--import MODULE]... " +
      "[--pre FILE] [--json] SCRIPT...\n",
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    heapsize: 64 * 1024,
    pystack: 384,
    libs: [],
    imports: [],
    pre: null,
    json: false,
    scripts: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--heapsize" || a === "--pystack") {
      const n = Number.parseInt(value(), 10);
      if (!(n > 0)) usage(`${a}: a positive number`);
      opts[a.slice(2)] = n;
    } else if (a === "--lib") {
      const dir = value();
      if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
        usage(`--lib ${dir}: no such folder`);
      }
      opts.libs.push(dir);
    } else if (a === "--import") {
      const name = value();
      if (!/^[A-Za-z_][\w.]*$/.test(name)) usage(`--import ${name}: not a module name`);
      opts.imports.push(name);
    } else if (a === "--pre") {
      const file = value();
      if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) usage(`--pre ${file}: no such file`);
      opts.pre = fs.readFileSync(file, "utf8");
    } else if (a === "--json") {
      opts.json = true;
    } else if (a.startsWith("--")) {
      usage(`unknown option ${a}`);
    } else {
      opts.scripts.push(a);
    }
  }
  if (opts.scripts.length === 0) usage("no script");
  return opts;
}

function copyTree(mp, src, dst) {
  for (const e of fs.readdirSync(src, { withFileTypes: true })) {
    const s = path.join(src, e.name);
    const d = `${dst}/${e.name}`;
    if (e.name === "__pycache__") continue;
    if (fs.statSync(s).isDirectory()) {
      mp.FS.mkdir(d);
      copyTree(mp, s, d);
    } else {
      mp.FS.writeFile(d, fs.readFileSync(s));
    }
  }
}

// Chunks of a script: split at lines that are exactly "#---". Each is
// { code, line }, line being where the chunk starts in the script (1-based).
function chunks(text) {
  const out = [];
  let cur = [];
  let start = 1;
  text.split("\n").forEach((line, i) => {
    if (line.trimEnd() === "#---") {
      out.push({ code: cur.join("\n"), line: start });
      cur = [];
      start = i + 2;
    } else {
      cur.push(line);
    }
  });
  out.push({ code: cur.join("\n"), line: start });
  return out;
}

async function runScript(opts, text, write) {
  const mp = await loadMicroPython({
    heapsize: opts.heapsize,
    pystack: opts.pystack,
    stdout: write,
    stderr: write,
    linebuffer: false,
  });
  const paths = [];
  opts.libs.forEach((lib, i) => {
    const d = `/lib${i}`;
    mp.FS.mkdir(d);
    copyTree(mp, lib, d);
    paths.push(d);
  });
  // Runs before the script's first chunk: whatever it allocates is in the
  // script's baseline, never in its measurement.
  mp.runPython(`import sys\nsys.path[:0] = ${JSON.stringify(paths)}\ndel sys`);
  try {
    for (const name of opts.imports) mp.runPython(`import ${name}`);
    if (opts.pre !== null) mp.runPython(opts.pre);
  } catch (e) {
    if (e?.name !== "PythonError") throw e;
    write(`${e.message.trimEnd()}\n[run.mjs: --import or --pre failed]\n`);
    return 1;
  }
  const parts = chunks(text);
  for (let i = 0; i < parts.length; i++) {
    try {
      mp.runPython(parts[i].code);
    } catch (e) {
      if (e?.name !== "PythonError") throw e;
      write(
        `${e.message.trimEnd()}\n[run.mjs: exception in chunk ${i + 1} of ${parts.length}, ` +
          `which starts at line ${parts[i].line} of the script: "<stdin>", line 1]\n`,
      );
      return 1;
    }
  }
  return 0;
}

const opts = parseArgs(process.argv.slice(2));
const results = [];
for (const script of opts.scripts) {
  const text = fs.readFileSync(script === "-" ? 0 : script, "utf8");
  // The VM writes bytes one at a time (linebuffer off), run.mjs strings.
  const bytes = [];
  const enc = new TextEncoder();
  const write = opts.json
    ? (s) => bytes.push(...(typeof s === "string" ? enc.encode(s) : s))
    : (s) => process.stdout.write(s);
  const rc = await runScript(opts, text, write);
  results.push({ rc, out: new TextDecoder().decode(new Uint8Array(bytes)) });
}
if (opts.json) process.stdout.write(JSON.stringify(results) + "\n");
process.exitCode = results.some((r) => r.rc !== 0) ? 1 : 0;
