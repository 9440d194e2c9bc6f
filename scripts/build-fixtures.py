#!/usr/bin/env python3
"""Compile Contracts/*.vy with the pinned Vyper into Fixtures/<Name>.json.

Usage:
    scripts/build-fixtures.py [--check] [--planted] [--vyper PATH]

--check     compile, compare with the Fixtures/ files and exit 1 listing every
            fixture that is missing or out of date (source hash, dependency
            hash, compiler version, bytecode or any other field); writes nothing.
            Covers the planted-bug fixtures too.
--planted   also compile Contracts/planted/<bug>/<Name>.vy (deliberately wrong
            copies for the fuzzer's tests) into Fixtures/planted/<bug>/<Name>.json.
Always: Contracts/tests/mocks/MockFeed.vy into Fixtures/mocks/MockFeed.json (the PoR preset's feed).
Each fixture also keeps `sourceMap`: the runtime code's source map in solc's compressed
`s:l:f:j` form (one entry per instruction) and the text of every source file it points into.
--vyper     the vyper executable. Default: $VYPER, else the `vyper` next to the
            running Python, else ../venv-vyper/bin/vyper beside the repository,
            else `vyper` on PATH.

The compiler must be exactly VYPER_VERSION; any other version is refused.
Output is deterministic: sorted keys, two-space indent, trailing newline.

Besides what vyper emits, the script reads three kinds of annotation lines
from each contract's source (see Contracts/README.md):
    # error: Name(type name, ...)        custom error, added to the ABI
    # abi-outputs: fn(name, ...)         names for a function's outputs
    # abi-inputs: Name(name, ...)        names for a function's/event's inputs
and checks that the Solidity-style custom errors the code raises
(method_id("CapitalisedName(...)")) are exactly the declared ones.
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

VYPER_VERSION = "0.4.3"
EVM_VERSION = "cancun"
OPTIMIZE = "gas"

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = ROOT / "Contracts"
FIXTURES = ROOT / "Fixtures"
PLANTED = CONTRACTS / "planted"
MOCKS = [CONTRACTS / "tests" / "mocks" / "MockFeed.vy"]


def fail(msg):
    print(f"build-fixtures: {msg}", file=sys.stderr)
    sys.exit(2)


def keccak256(data: bytes) -> bytes:
    try:
        from Crypto.Hash import keccak  # pycryptodome (ships with vyper's deps? not always)

        h = keccak.new(digest_bits=256)
        h.update(data)
        return h.digest()
    except ImportError:
        pass
    try:
        from eth_hash.auto import keccak as eth_keccak

        return eth_keccak(data)
    except ImportError:
        pass
    return _keccak256_py(data)


def _keccak256_py(data: bytes) -> bytes:
    """Plain-Python Keccak-256 (original padding, not SHA3-256)."""
    rc = [
        0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
        0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
        0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
        0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
        0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
        0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
    ]
    rot = [
        [0, 36, 3, 41, 18], [1, 44, 10, 45, 2], [62, 6, 43, 15, 61],
        [28, 55, 25, 21, 56], [27, 20, 39, 8, 14],
    ]
    mask = (1 << 64) - 1

    def rol(x, n):
        n %= 64
        return ((x << n) | (x >> (64 - n))) & mask

    rate = 136
    msg = bytearray(data) + b"\x01"
    while len(msg) % rate:
        msg += b"\x00"
    msg[-1] |= 0x80
    st = [[0] * 5 for _ in range(5)]
    for off in range(0, len(msg), rate):
        for i in range(rate // 8):
            st[i % 5][i // 5] ^= int.from_bytes(msg[off + 8 * i: off + 8 * i + 8], "little")
        for r in range(24):
            c = [st[x][0] ^ st[x][1] ^ st[x][2] ^ st[x][3] ^ st[x][4] for x in range(5)]
            d = [c[(x - 1) % 5] ^ rol(c[(x + 1) % 5], 1) for x in range(5)]
            st = [[st[x][y] ^ d[x] for y in range(5)] for x in range(5)]
            b = [[0] * 5 for _ in range(5)]
            for x in range(5):
                for y in range(5):
                    b[y][(2 * x + 3 * y) % 5] = rol(st[x][y], rot[x][y])
            st = [[b[x][y] ^ ((~b[(x + 1) % 5][y]) & b[(x + 2) % 5][y]) for y in range(5)]
                  for x in range(5)]
            st[0][0] ^= rc[r]
    out = b"".join(st[i % 5][i // 5].to_bytes(8, "little") for i in range(4))
    return out


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def find_vyper(explicit):
    candidates = []
    if explicit:
        candidates.append(explicit)
    if os.environ.get("VYPER"):
        candidates.append(os.environ["VYPER"])
    candidates.append(str(Path(sys.executable).parent / "vyper"))
    candidates.append(str(ROOT.parent / "venv-vyper" / "bin" / "vyper"))
    on_path = shutil.which("vyper")
    if on_path:
        candidates.append(on_path)
    for c in candidates:
        if Path(c).is_file() and os.access(c, os.X_OK):
            return c
    fail(
        f"no vyper executable found; install the pinned compiler:\n"
        f"  python3 -m venv ../venv-vyper && ../venv-vyper/bin/pip install vyper=={VYPER_VERSION}\n"
        f"or pass --vyper PATH / set VYPER"
    )


def vyper_version(vyper):
    out = subprocess.run([vyper, "--version"], capture_output=True, text=True)
    if out.returncode != 0:
        fail(f"`{vyper} --version` failed: {out.stderr.strip()}")
    full = out.stdout.strip()
    return full.split("+")[0], full


# ------------------------------------------------------------------ annotations

ERROR_RE = re.compile(r"^#\s*error:\s*(\w+)\((.*)\)\s*$")
OUTPUTS_RE = re.compile(r"^#\s*abi-outputs:\s*(\w+)\((.*)\)\s*$")
INPUTS_RE = re.compile(r"^#\s*abi-inputs:\s*(\w+)\((.*)\)\s*$")
RAISED_RE = re.compile(r'method_id\(\s*"([A-Z]\w*\([^"]*\))"\s*\)')
IMPORT_RE = re.compile(r"^\s*from\s+(\.+)([\w.]*)\s+import\s+([\w, ]+)$|^\s*import\s+([\w.]+)")


def split_params(s):
    s = s.strip()
    return [p.strip() for p in s.split(",")] if s else []


def parse_annotations(src):
    errors, outputs, inputs = [], {}, {}
    for line in src.splitlines():
        line = line.strip()
        m = ERROR_RE.match(line)
        if m:
            params = []
            for p in split_params(m.group(2)):
                parts = p.split()
                if len(parts) != 2:
                    fail(f"error parameter needs 'type name': {line}")
                params.append({"name": parts[1], "type": parts[0]})
            errors.append({"name": m.group(1), "inputs": params})
            continue
        m = OUTPUTS_RE.match(line)
        if m:
            outputs[m.group(1)] = split_params(m.group(2))
            continue
        m = INPUTS_RE.match(line)
        if m:
            inputs[m.group(1)] = split_params(m.group(2))
    return errors, outputs, inputs


def dependencies(path: Path, seen=None):
    """Local modules imported by `path` (relative imports), recursively."""
    seen = set() if seen is None else seen
    deps = []
    for line in path.read_text().splitlines():
        m = IMPORT_RE.match(line)
        if not m or not m.group(1):
            continue
        base = path.parent
        for _ in range(len(m.group(1)) - 1):
            base = base.parent
        pkg = m.group(2)
        if pkg:
            base = base.joinpath(*pkg.split("."))
        for name in (n.strip() for n in m.group(3).split(",")):
            dep = (base / f"{name}.vy").resolve()
            if dep.is_file() and dep not in seen:
                seen.add(dep)
                deps.append(dep)
                deps.extend(dependencies(dep, seen))
    return deps


def signature(name, types):
    return f"{name}({','.join(types)})"


# ------------------------------------------------------------------ compile

def compile_contract(vyper, version_full, path: Path):
    rel = path.relative_to(ROOT).as_posix()
    proc = subprocess.run(
        [vyper, "-f", "abi,bytecode,bytecode_runtime,method_identifiers,source_map_runtime",
         "--evm-version", EVM_VERSION, "-O", OPTIMIZE, rel],
        cwd=ROOT, capture_output=True, text=True,
    )
    if proc.returncode != 0:
        fail(f"vyper failed on {rel}:\n{proc.stderr}")
    lines = [l for l in proc.stdout.splitlines() if l.strip()]
    if len(lines) != 5:
        fail(f"unexpected vyper output for {rel}")
    abi = json.loads(lines[0])
    bytecode, runtime = lines[1].strip(), lines[2].strip()
    methods = json.loads(lines[3])
    source_map = runtime_source_map(vyper, rel, json.loads(lines[4]), runtime)

    src = path.read_text()
    errors, outputs, inputs = parse_annotations(src)

    # The custom errors raised in the code must be exactly those declared.
    declared = {signature(e["name"], [p["type"] for p in e["inputs"]]) for e in errors}
    raised = set(RAISED_RE.findall(src))
    if declared != raised:
        fail(f"{rel}: declared errors {sorted(declared - raised)} never raised; "
             f"raised errors {sorted(raised - declared)} not declared")

    # Names from annotations (selectors do not depend on them).
    for fn, names in outputs.items():
        hits = [e for e in abi if e.get("type") == "function" and e["name"] == fn]
        if len(hits) != 1 or len(hits[0]["outputs"]) != len(names):
            fail(f"{rel}: abi-outputs {fn} does not match the ABI")
        for o, n in zip(hits[0]["outputs"], names):
            o["name"] = n
    for item, names in inputs.items():
        hits = [e for e in abi if e.get("type") in ("function", "event") and e["name"] == item]
        if len(hits) != 1 or len(hits[0]["inputs"]) != len(names):
            fail(f"{rel}: abi-inputs {item} does not match the ABI")
        for i, n in zip(hits[0]["inputs"], names):
            i["name"] = n

    for e in errors:
        abi.append({"type": "error", "name": e["name"], "inputs": e["inputs"]})

    # vyper prints selectors as integers ("0x95ea7b3"): normalise to 8 hex digits.
    method_ids = {sig: f"{int(sel, 16):08x}" for sig, sel in methods.items()}
    for e in abi:
        if e.get("type") == "function":
            sig = signature(e["name"], [i["type"] for i in e["inputs"]])
            if sig not in method_ids:
                fail(f"{rel}: {sig} missing from method identifiers")
            if keccak256(sig.encode())[:4].hex() != method_ids[sig]:
                fail(f"{rel}: keccak mismatch for {sig}")
    error_selectors = {
        sig: keccak256(sig.encode())[:4].hex() for sig in sorted(declared)
    }
    event_topics = {
        signature(e["name"], [i["type"] for i in e["inputs"]]):
            "0x" + keccak256(signature(e["name"], [i["type"] for i in e["inputs"]]).encode()).hex()
        for e in abi if e.get("type") == "event"
    }

    deps = dependencies(path)
    return {
        "contractName": path.stem,
        "sourceName": rel,
        "sourceSha256": sha256_file(path),
        "dependencies": {d.relative_to(ROOT).as_posix(): sha256_file(d) for d in deps},
        "compiler": {"name": "vyper", "version": VYPER_VERSION, "longVersion": version_full,
                     "optimize": OPTIMIZE},
        "evmVersion": EVM_VERSION,
        "abi": abi,
        "bytecode": bytecode,
        "deployedBytecode": runtime,
        "deployedBytecodeNote": "runtime code as vyper emits it; on chain the constructor "
                                "appends the immutable values after it",
        "methodIdentifiers": method_ids,
        "errorSelectors": error_selectors,
        "eventTopics": event_topics,
        "sourceMap": source_map,
    }


def instruction_pcs(code: bytes):
    """pc of every instruction: PUSH1..PUSH32 (0x60..0x7f) carry 1..32 data bytes."""
    pcs, pc = [], 0
    while pc < len(code):
        pcs.append(pc)
        op = code[pc]
        pc += 1 + (op - 0x5F if 0x60 <= op <= 0x7F else 0)
    return pcs


def compress_source_map(entries):
    """solc's compression: a field equal to the previous entry's is left empty, and
    trailing empty fields (with their colons) are dropped."""
    out, prev = [], None
    for e in entries:
        fields = [("" if prev is not None and v == prev[i] else v) for i, v in enumerate(e)]
        while fields and fields[-1] == "":
            fields.pop()
        out.append(":".join(fields))
        prev = e
    return ";".join(out)


def runtime_source_map(vyper, rel, vyper_map, runtime_hex):
    """vyper's `pc_pos_map_compressed` has one s:l:f:j entry per *byte* of the runtime code
    (vyper 0.4.3); keep the entries at instruction starts, so that the map reads exactly
    like solc's deployedSourceMap, and the texts of the files its source ids name."""
    per_byte, prev = [], ["-1", "-1", "-1", "-"]
    for item in vyper_map["pc_pos_map_compressed"].split(";"):
        fields = item.split(":")
        cur = list(prev)
        for i, v in enumerate(fields[:4]):
            if v != "":
                cur[i] = v
        per_byte.append(cur)
        prev = cur
    code = bytes.fromhex(runtime_hex[2:] if runtime_hex.startswith("0x") else runtime_hex)
    if len(per_byte) != len(code):
        fail(f"{rel}: source map has {len(per_byte)} entries for {len(code)} bytes of runtime code")
    entries = [per_byte[pc] for pc in instruction_pcs(code)]

    # Source ids: 0 is the contract, the imported modules follow (annotated_ast lists them).
    proc = subprocess.run([vyper, "-f", "annotated_ast", "--evm-version", EVM_VERSION, "-O", OPTIMIZE, rel],
                          cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        fail(f"vyper -f annotated_ast failed on {rel}:\n{proc.stderr}")
    tree = json.loads(proc.stdout)
    paths = {}
    for module in [tree["ast"]] + tree.get("imports", []):
        if module.get("ast_type") == "Module" and "source_id" in module:
            resolved = Path(module["resolved_path"]).resolve()
            paths[int(module["source_id"])] = resolved.relative_to(ROOT).as_posix()
    used = sorted({int(e[2]) for e in entries if int(e[2]) >= 0})
    missing = [i for i in used if i not in paths]
    if missing:
        fail(f"{rel}: source map names source ids {missing} that vyper's AST does not list")
    # vyper counts offsets in characters, solc (and the Swift reader) in UTF-8 bytes.
    texts = {i: (ROOT / paths[i]).read_text() for i in paths}
    for e in entries:
        f, start, length = int(e[2]), int(e[0]), int(e[1])
        text = texts.get(f)
        if text is None or text.isascii() or start < 0:
            continue
        e[0] = str(len(text[:start].encode()))
        if length >= 0:
            e[1] = str(len(text[start:start + length].encode()))
    return {
        "deployedSourceMap": compress_source_map(entries),
        "encoding": "solc compressed source map (s:l:f:j, byte offsets) with one entry per "
                    "instruction of deployedBytecode; f indexes sources",
        "sources": [{"id": i, "name": paths[i], "content": texts[i]}
                    for i in sorted(paths)],
    }


def render(obj) -> str:
    return json.dumps(obj, indent=2, sort_keys=True) + "\n"


def diff_reasons(old, new):
    reasons = []
    if old.get("sourceSha256") != new["sourceSha256"]:
        reasons.append("source hash differs")
    if old.get("dependencies") != new["dependencies"]:
        reasons.append("dependency hash differs")
    if old.get("compiler") != new["compiler"]:
        reasons.append("compiler version differs")
    if old.get("bytecode") != new["bytecode"] or old.get("deployedBytecode") != new["deployedBytecode"]:
        reasons.append("bytecode differs")
    if old.get("abi") != new["abi"]:
        reasons.append("abi differs")
    if old.get("sourceMap") != new["sourceMap"]:
        reasons.append("source map differs")
    if not reasons:
        reasons.append("content differs")
    return reasons


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="report out-of-date fixtures, write nothing")
    ap.add_argument("--planted", action="store_true",
                    help="also build Contracts/planted/<bug>/*.vy into Fixtures/planted/<bug>/")
    ap.add_argument("--vyper", help="vyper executable")
    args = ap.parse_args()

    vyper = find_vyper(args.vyper)
    version, version_full = vyper_version(vyper)
    if version != VYPER_VERSION:
        fail(f"{vyper} is vyper {version_full}; these fixtures need exactly vyper {VYPER_VERSION}\n"
             f"  python3 -m venv ../venv-vyper && ../venv-vyper/bin/pip install vyper=={VYPER_VERSION}")

    sources = sorted(CONTRACTS.glob("*.vy"))
    if not sources:
        fail(f"no contracts in {CONTRACTS}")
    jobs = [(path, FIXTURES / f"{path.stem}.json") for path in sources]
    # The test doubles the fuzzer's PoR preset deploys (issue 10): Contracts/tests/mocks -> Fixtures/mocks.
    jobs += [(path, FIXTURES / "mocks" / f"{path.stem}.json") for path in MOCKS]
    # --check always covers the planted copies, so that a stale planted fixture fails CI too.
    if args.planted or args.check:
        for path in sorted(PLANTED.glob("*/*.vy")):
            jobs.append((path, FIXTURES / "planted" / path.parent.name / f"{path.stem}.json"))
    stale = []
    for path, out in jobs:
        art = compile_contract(vyper, version_full, path)
        text = render(art)
        if args.check:
            if not out.is_file():
                stale.append(f"{out.relative_to(ROOT)}: missing")
            elif out.read_text() != text:
                old = json.loads(out.read_text())
                stale.append(f"{out.relative_to(ROOT)}: {', '.join(diff_reasons(old, art))}")
        else:
            out.parent.mkdir(parents=True, exist_ok=True)
            if not out.is_file() or out.read_text() != text:
                out.write_text(text)
                print(f"wrote {out.relative_to(ROOT)}")
            else:
                print(f"unchanged {out.relative_to(ROOT)}")
    if args.check:
        if stale:
            print("out of date (run scripts/build-fixtures.py):")
            for s in stale:
                print(f"  {s}")
            sys.exit(1)
        print(f"all {len(jobs)} fixtures up to date (vyper {VYPER_VERSION})")


if __name__ == "__main__":
    main()
