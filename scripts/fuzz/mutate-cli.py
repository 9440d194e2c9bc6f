#!/usr/bin/env python3
"""Seeded mutation fuzzer for the porvm command line.

Every subcommand (demo, run, bench, statetest, scenario, exec, fuzz, fuzz merge, simulate) is fed mutated versions of the files the
repository ships (Scenarios/, Simulations/, Fixtures/, Tests/PorvmCLITests/Fixtures, a few state tests taken
from ../shared/ethereum-tests, bytecode snippets) and mutated flag values. Each run is bounded in
wall-clock time and address space, and classified against porvm's contract:

  OK        exit 0 or 1; or exit 2 with exactly one stderr line that starts with "porvm:"
  CRASH     killed by a signal, exit >= 128, or any exit code other than 0, 1, 2
  HANG      still running at the timeout
  BADERROR  exit 2 with an empty or multi-line stderr, a line not starting with "porvm:",
            or a raw control character in the message; for statetest, a fixture reported
            as "ERROR <file>: ..." (malformed input must be exit 2 and one line, not a failed case)

Failing inputs are saved under --out as reproducers (cmd.sh + the input files + meta.json),
de-duplicated by (subcommand, outcome, pattern of the first significant stderr line).
Exit status: 0 all runs OK, 1 some crash/hang/bad error, 2 setup error.

Standard library only, plus PyYAML when present (YAML-aware scenario mutations; without it
scenario YAML is mutated as raw text and as JSON).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

try:
    import yaml  # type: ignore
except Exception:  # pragma: no cover - optional
    yaml = None

REPO = Path(__file__).resolve().parents[2]
SUBCOMMANDS = ["run", "bench", "statetest", "scenario", "demo", "exec", "fuzz", "fuzz-merge", "simulate", "view", "t8n"]
OUTCOMES = ["ok", "crash", "hang", "baderror"]

# --------------------------------------------------------------------------------------------
# Interesting values

EXTREME_INTS = [-1, 0, 1, 2**31 - 1, 2**32, 2**53 + 1, 2**62, 2**63 - 1, -(2**63), 2**63, 2**64 - 1, 2**64,
                2**128, 2**255, 2**256 - 1, 2**256, -(2**256), 10**80]
# Number texts that no Python value prints as: written into JSON/YAML verbatim.
RAW_NUMBERS = ["1e309", "-1e309", "1e-309", "1e9223372036854775807", "1e-9223372036854775808",
               "1e9223372036854775808", "-9223372036854775808e-9223372036854775808", "1.5e-9223372036854775807",
               "9" * 400, "-" + "9" * 400, "0." + "0" * 400 + "1", "1" + "0" * 100 + "e-100", "-0", "0e0",
               "1E+400", "1.6e18", "2.5e-1", "123456789012345678901234567890.5"]
NUMBER_STRINGS = ["-1", "0", "", " ", "1e309", "1e-9223372036854775808", "1e9223372036854775807",
                  "-9223372036854775808", "9223372036854775808", "18446744073709551616", str(2**256),
                  str(2**256 - 1), "-" + str(2**255 + 1), "0x", "0x" + "f" * 64, "0x" + "f" * 65, "0x1g",
                  "1_000", "1__0", "_1", "1.5", ".5", "5.", "1e", "e5", "1e+", "NaN", "inf", "-inf", "+5",
                  "\u0663", "1 ether", "1e400 ether", "-1 ether", "1e-9223372036854775808 ether",
                  "9223372036854775807 wei", "1.5 gwei", "1 lots", "99999999999999999999999 ether",
                  "+9223372036854775807 days", "+1e18 weeks", "-9223372036854775808", "+-1", "--1",
                  "1 day", "-1 day", "+9223372036854775807", "9223372036854775807 d", "2 hours 3"]
HEX_STRINGS = ["0x", "0x0", "0x00", "0x" + "ff" * 32, "0x" + "ff" * 33, "0x" + "00" * 33, "0xzz", "0x 1",
               "0X01", "00", "0x-1", "0x" + "f" * 17, "0x10000000000000000", "0x" + "1" + "0" * 64,
               "0x8000000000000000", "0x7fffffffffffffff", "0xffffffffffffffff"]
CONTROL = ["\x00", "\x01", "\x07", "\x08", "\x1b[31m", "\r", "\t", "\x7f", "\x1b]0;x\x07", "\n"]
INVALID_UTF8 = [b"\xff", b"\xfe\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\x80",
                b"\xe2\x82", b"\xef\xbb\xbf"]
INTERESTING_BYTES = [0x00, 0xff, 0x7f, 0x80, 0x01, 0x22, 0x27, 0x7b, 0x7d, 0x5b, 0x5d, 0x3a, 0x2c, 0x0a, 0x09,
                     0x26, 0x2a, 0x21, 0x23, 0x2d, 0x7c, 0x3e, 0x5c, 0x30, 0x39, 0x65, 0x2e]
TYPE_SWAPS = [None, True, False, 0, -1, 1.5, "", "x", [], {}, [1, 2], {"a": 1}, "0x", "true"]
FORKS = ["Cancun", "Prague", "London", "Berlin", "Paris", "Shanghai", "Merge", "Frontier", "Osaka", "cancun",
         "", "Cancun\x00", "C" * 5000, "\u00e9", "-1"]

# Bytecode: opcodes with stack arguments, to build (PUSH extreme)* OPCODE programs.
OPCODES_WITH_ARGS = {
    0x01: 2, 0x02: 2, 0x04: 2, 0x05: 2, 0x06: 2, 0x07: 2, 0x08: 3, 0x09: 3, 0x0a: 2, 0x0b: 2, 0x1a: 2, 0x1b: 2,
    0x1c: 2, 0x1d: 2, 0x20: 2, 0x31: 1, 0x35: 1, 0x37: 3, 0x39: 3, 0x3b: 1, 0x3c: 4, 0x3e: 3, 0x3f: 1, 0x40: 1,
    0x49: 1, 0x51: 1, 0x52: 2, 0x53: 2, 0x54: 1, 0x55: 2, 0x56: 1, 0x57: 2, 0x5c: 1, 0x5d: 2, 0x5e: 3, 0xa0: 2,
    0xa1: 3, 0xa2: 4, 0xa3: 5, 0xa4: 6, 0xf0: 3, 0xf1: 7, 0xf2: 7, 0xf3: 2, 0xf4: 6, 0xf5: 4, 0xfa: 6, 0xfd: 2,
    0xff: 1,
}
STACK_WORDS = [0, 1, 2, 31, 32, 33, 0x1f, 0x20, 0xffff, 2**32 - 1, 2**32, 2**63 - 1, 2**63, 2**64 - 1, 2**64,
               2**128, 2**255, 2**256 - 1, 2**256 - 32, 0x100000, 10**7]
CODE_SNIPPETS = ["", "00", "600160020160005260206000f3", "5f5ff3", "60006000fd", "fe", "5b600056", "6000356000f3",
                 "366000600037366000f3", "3d6000600039", "60205f5f3e", "6001600055600054", "5c5d", "5f5f5f5f5f5ff0",
                 "60ff60005260206000a0", "7f" + "ff" * 32 + "600052", "61ffff56", "5e", "49", "4a", "f5", "60016000f0"]
HUGE = 1_000_000
ABI_TYPES = ["uint256[1000000000000]", "uint256[9223372036854775807]", "uint256[18446744073709551616]", "uint256[-1]",
             "uint256[0]", "uint0", "uint257", "uint7", "int1024", "bytes0", "bytes33", "tuple", "tuple[]", "tuple[3]",
             "uint256" + "[]" * 200, "uint256" + "[2]" * 64, "(uint256,address)", "function", "fixed128x18", "string[][]",
             "address payable", "", " uint256", "uint256 ", "Uint256", "bytes32[4294967296]", "uint256[0x10]"]


def mutate_abi(rng: random.Random, artifact: dict) -> dict:
    """ABI-aware: odd types, components and names in one entry of an artifact's `abi`."""
    abi = artifact.get("abi")
    if not isinstance(abi, list) or not abi:
        return artifact
    entry = rng.choice(abi)
    params = [p for key in ("inputs", "outputs") for p in entry.get(key, []) if isinstance(p, dict)]
    k = rng.randrange(5)
    if params and k < 3:
        p = rng.choice(params)
        p["type"] = rng.choice(ABI_TYPES)
        if p["type"].startswith("tuple") and rng.random() < 0.5:
            p["components"] = rng.choice([[], [{"type": "uint256"}] * 1000, [{"type": "tuple", "components": "x"}],
                                          [{"name": "a", "type": rng.choice(ABI_TYPES)}]])
    elif k == 3:
        entry["type"] = rng.choice(["function", "event", "error", "constructor", "fallback", "receive", "", "x", None])
    else:
        entry["name"] = rng.choice(["", "a" * 100_000, "mint", "x(y)", "\u00e9", None, 5])
    return artifact


def enc_word(v: int) -> str:
    v %= 2**256
    if v == 0:
        return "5f"
    n = (v.bit_length() + 7) // 8
    return "%02x" % (0x5f + n) + v.to_bytes(n, "big").hex()


# --------------------------------------------------------------------------------------------
# Structure-aware mutation of JSON-like trees

RAW_MARK = "@@PORVM-RAW-%d@@"


class Raw:
    """A value written verbatim into the serialized text (numbers no Python value prints as, deep nesting)."""

    def __init__(self, text: str):
        self.text = text


def paths(tree, prefix=()):
    out = [prefix]
    if isinstance(tree, dict):
        for k, v in tree.items():
            out.extend(paths(v, prefix + (k,)))
    elif isinstance(tree, list):
        for i, v in enumerate(tree):
            out.extend(paths(v, prefix + (i,)))
    return out


def get_at(tree, path):
    for p in path:
        tree = tree[p]
    return tree


def set_at(tree, path, value):
    if not path:
        return value
    parent = get_at(tree, path[:-1])
    parent[path[-1]] = value
    return tree


def mutate_value(rng: random.Random, value, flavour: str):
    """A replacement for one node. flavour: 'json' (statetest/artifacts) or 'scenario'."""
    r = rng.random()
    if isinstance(value, str) and value.startswith("0x") and r < 0.35:
        return mutate_hex_string(rng, value)
    if r < 0.12:
        return rng.choice(TYPE_SWAPS)
    if r < 0.27:
        v = rng.choice(EXTREME_INTS)
        return v if rng.random() < 0.5 else str(v)
    if r < 0.40:
        return Raw(rng.choice(RAW_NUMBERS))
    if r < 0.52:
        return rng.choice(NUMBER_STRINGS)
    if r < 0.58:
        return rng.choice(HEX_STRINGS)
    if r < 0.64:
        kind = rng.randrange(4)
        if kind == 0:
            return "A" * rng.choice([HUGE, 70_000, 4097])
        if kind == 1:
            return "0x" + "ab" * rng.choice([HUGE // 2, 24_577, 49_153])
        if kind == 2:
            return "9" * rng.choice([HUGE, 5000])
        return "x" * 300 + rng.choice(CONTROL)
    if r < 0.70:
        depth = rng.choice([100, 1000, 10_000, 100_000])
        if rng.random() < 0.5:
            return Raw("[" * depth + "1" + "]" * depth)
        return Raw('{"a":' * depth + "1" + "}" * depth)
    if r < 0.76:
        s = value if isinstance(value, str) else json.dumps(value, default=lambda o: "x") if not isinstance(value, Raw) else "x"
        pos = rng.randrange(len(s) + 1)
        return s[:pos] + rng.choice(CONTROL) + s[pos:]
    if r < 0.82 and isinstance(value, list):
        if value and rng.random() < 0.5:
            return value * rng.choice([2, 50, 1000])
        return []
    if r < 0.88 and isinstance(value, str):
        return value * rng.choice([2, 1000])
    if r < 0.94:
        return [value] if rng.random() < 0.5 else {"x": value}
    return rng.choice(TYPE_SWAPS)


def mutate_hex_string(rng: random.Random, s: str) -> str:
    body = s[2:]
    k = rng.randrange(9)
    if k == 0 and body:
        i = rng.randrange(len(body))
        return "0x" + body[:i] + rng.choice("0123456789abcdefgxZ ") + body[i + 1:]
    if k == 1:
        return "0x" + body[:-1]
    if k == 2:
        return body
    if k == 3:
        return "0x" + "f" * rng.choice([16, 17, 64, 65, 128])
    if k == 4:
        return "0x" + "0" * rng.choice([1, 63, 64, 65, 200]) + "1"
    if k == 5:
        return "0x" + body * rng.choice([2, 100, 2000])
    if k == 6:
        return rng.choice(HEX_STRINGS)
    if k == 7:
        return "0x" + body + rng.choice(CONTROL)
    return "0x" + "ff" * rng.choice([32, 33, 24577, 49153])


def mutate_tree(rng: random.Random, tree, flavour: str, count: int = 0):
    """Applies 1..3 mutations to a JSON-like tree in place (returns the new root)."""
    count = count or rng.choice([1, 1, 1, 2, 3])
    for _ in range(count):
        ps = paths(tree)
        if not ps:
            break
        path = rng.choice(ps)
        node = get_at(tree, path)
        op = rng.random()
        if op < 0.22 and path:
            parent = get_at(tree, path[:-1])
            if isinstance(parent, dict):
                del parent[path[-1]]
            elif isinstance(parent, list):
                del parent[path[-1]]
        elif op < 0.30 and isinstance(node, dict) and node:
            k = rng.choice(list(node))
            newk = rng.choice([k + "x", k.upper(), "", "\x01", k[:-1], "unknown_field", "x" * 10_000,
                               "<<", "0x" + k])
            node[newk] = node.pop(k)
        elif op < 0.36 and isinstance(node, dict):
            node[rng.choice(["extra", "__proto__", "steps", "name", "expect", "abi", "bytecode", "env",
                             "transaction", "post", "pre"])] = mutate_value(rng, None, flavour)
        else:
            tree = set_at(tree, path, mutate_value(rng, node, flavour))
    return tree


def dump_json(tree) -> bytes:
    raws: list[str] = []

    def conv(v):
        if isinstance(v, Raw):
            raws.append(v.text)
            return RAW_MARK % (len(raws) - 1)
        if isinstance(v, dict):
            return {k: conv(x) for k, x in v.items()}
        if isinstance(v, list):
            return [conv(x) for x in v]
        return v

    text = json.dumps(conv(tree), indent=1, ensure_ascii=False, allow_nan=True)
    for i, r in enumerate(raws):
        text = text.replace(json.dumps(RAW_MARK % i), r)
    return text.encode("utf-8", "surrogatepass")


def dump_yaml(tree) -> bytes:
    if yaml is None:
        return dump_json(tree)
    raws: list[str] = []

    def conv(v):
        if isinstance(v, Raw):
            raws.append(v.text)
            return RAW_MARK % (len(raws) - 1)
        if isinstance(v, dict):
            return {k: conv(x) for k, x in v.items()}
        if isinstance(v, list):
            return [conv(x) for x in v]
        return v

    text = yaml.safe_dump(conv(tree), sort_keys=False, allow_unicode=True, width=1 << 20)
    for i, r in enumerate(raws):
        m = RAW_MARK % i
        text = text.replace("'" + m + "'", r).replace('"' + m + '"', r).replace(m, r)
    return text.encode("utf-8", "surrogatepass")


def mutate_raw(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.choice([1, 1, 2, 4, 8])):
        k = rng.randrange(9)
        pos = rng.randrange(len(b) + 1)
        if k == 0 and b:
            i = min(pos, len(b) - 1)
            b[i] ^= 1 << rng.randrange(8)
        elif k == 1 and b:
            b[min(pos, len(b) - 1)] = rng.choice(INTERESTING_BYTES)
        elif k == 2:
            del b[pos:]
        elif k == 3:
            b[pos:pos] = rng.choice(CONTROL).encode()
        elif k == 4:
            b[pos:pos] = rng.choice(INVALID_UTF8)
        elif k == 5 and b:
            n = rng.randrange(1, 64)
            del b[pos:pos + n]
        elif k == 6 and b:
            n = rng.randrange(1, 256)
            chunk = b[pos:pos + n]
            b[pos:pos] = chunk * rng.choice([1, 2, 100])
        elif k == 7:
            b[pos:pos] = rng.choice([b"\"", b"{", b"[", b":", b",", b"\\u0000", b"\\ud800", b"&a", b"*a", b"!!", b"%",
                                     b"- ", b"? ", b"|", b">", b"#", b"\t"])
        else:
            b = bytearray(b"\xef\xbb\xbf") + b if rng.random() < 0.5 else b + b"\x00"
    return bytes(b)


# --------------------------------------------------------------------------------------------
# YAML-only mutations

def yaml_bombs(rng: random.Random) -> bytes:
    k = rng.randrange(7)
    if k == 0:  # billion laughs
        levels = rng.choice([6, 9, 12])
        lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        for i in range(1, levels):
            lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i-1}"] * 10) + "]")
        lines.append("name: bomb")
        lines.append(f"accounts: *a{levels - 1}")
        lines.append("steps: [warp: 1]")
        return ("\n".join(lines) + "\n").encode()
    if k == 1:  # bomb in a step's args
        levels = rng.choice([5, 8, 10])
        lines = ["x0: &x0 [1,1,1,1,1,1,1,1,1,1]"]
        for i in range(1, levels):
            lines.append(f"x{i}: &x{i} [" + ",".join([f"*x{i-1}"] * 10) + "]")
        return ("\n".join(lines) + f"\nname: bomb\nsteps:\n  - setup_por\n  - call: token.balanceOf\n    args: *x{levels-1}\n").encode()
    if k == 2:  # recursive alias
        return b"name: &n [*n]\nsteps: [warp: 1]\n"
    if k == 3:  # undefined alias, merge keys
        return b"name: x\naccounts: {<<: *nope}\nsteps: [warp: 1]\n"
    if k == 4:
        return b"name: x\nbase: &b {balance: 1}\naccounts: {alice: {<<: *b, <<: *b}}\nsteps: [warp: 1]\n"
    if k == 5:  # tags
        tag = rng.choice(["!!python/object:os.system", "!!binary", "!!timestamp", "!!float", "!!set", "!!omap",
                          "!custom", "!!int", "!!null", "!!str", "!<tag:yaml.org,2002:int>"])
        return f"name: x\nsteps:\n  - warp: {tag} 1e309\n".encode()
    depth = rng.choice([1000, 10_000, 100_000])
    return ("name: x\nsteps: " + "[" * depth + "]" * depth + "\n").encode()


# --------------------------------------------------------------------------------------------
# Cases

@dataclass
class Case:
    sub: str
    args: list[str]
    files: dict[str, bytes] = field(default_factory=dict)  # relative path in the case dir -> content
    env: dict[str, str] = field(default_factory=dict)
    note: str = ""


@dataclass
class Result:
    case: Case
    outcome: str
    code: int | None
    stderr: str
    stdout: str
    seconds: float
    reason: str = ""


class Seeds:
    def __init__(self, repo: Path, shared: Path | None, scratch: Path):
        self.repo = repo
        self.scenarios: list[tuple[str, bytes]] = []
        for p in sorted((repo / "Scenarios").glob("*")):
            if p.suffix in (".yaml", ".yml", ".json"):
                self.scenarios.append((p.name, p.read_bytes()))
        self.artifacts: dict[str, bytes] = {p.name: p.read_bytes() for p in sorted((repo / "Fixtures").glob("*.json"))}
        self.statetests: list[tuple[str, bytes]] = []
        for d in [repo / "Tests/PorvmCLITests/Fixtures", repo / "Tests/PorvmCLITests/KnownFailureFixtures"]:
            for p in sorted(d.rglob("*.json")):
                self.statetests.append((p.name, p.read_bytes()))
        self.codes = list(CODE_SNIPPETS)
        for p in sorted((repo / "Fixtures/examples").glob("*.hex")):
            self.codes.append(p.read_text().strip())
        for data in self.artifacts.values():
            try:
                d = json.loads(data)
                self.codes.append(d["deployedBytecode"].removeprefix("0x"))
            except Exception:
                pass
        self.fuzz_configs: list[tuple[str, bytes]] = [(p.name, p.read_bytes()) for p in sorted((repo / "Examples/fuzz").glob("*.y*ml"))]
        self.simulations: list[tuple[str, bytes]] = [(p.name, p.read_bytes()) for p in sorted((repo / "Simulations").glob("*"))
                                                     if p.suffix in (".yaml", ".yml", ".json")] or [("min.yaml", SIM_MINIMAL.encode())]
        two_step = repo / "Tests/PorvmCLITests/FuzzFixtures/TwoStep.json"
        if two_step.exists():
            self.artifacts_two_step = two_step.read_bytes()
            self.fuzz_configs.append(("two-step.yaml", FUZZ_TWO_STEP.encode()))
        self.known_failures = (repo / "Tests/known-failures.txt").read_bytes() if (repo / "Tests/known-failures.txt").exists() else b""
        if shared:
            self.statetests.extend(extract_statetests(shared, scratch))

    def artifact_formats(self, rng: random.Random, name: str) -> bytes:
        """The fixture `name` in one of the formats the harness reads (fixture, Foundry, Hardhat, solc, Vyper)."""
        d = json.loads(self.artifacts[name])
        cname = name.removesuffix(".json")
        abi, code, runtime = d["abi"], d["bytecode"], d["deployedBytecode"]
        start = rng.choice([2**62, 2**62 + 1, 2**63 - 1, 2**61]) if rng.random() < 0.5 else rng.choice([1, 0, 40] + EXTREME_INTS)
        link = {"src/Lib.sol": {"Lib": [{"start": start,
                                         "length": rng.choice([20, 0, -1, 2**63 - 1])}]}}
        if rng.random() < 0.7:
            # an unlinked library as solc leaves it: a 40-character placeholder in the creation code
            placeholder = rng.choice(["__$" + "ab" * 17 + "$__", "__Lib" + "_" * 35, "__" + "x" * 38])
            body = code.removeprefix("0x")
            at = 2 * rng.randrange(max(1, len(body) // 2))
            code = "0x" + body[:at] + placeholder + body[at:]
        k = rng.choice([0, 1, 1, 2, 2, 3, 4, 5])
        if rng.random() < 0.3:
            d = mutate_abi(rng, d)
            abi = d["abi"]
        if k == 0:
            out = d
        elif k == 1:
            out = {"abi": abi, "bytecode": {"object": code, "linkReferences": link if rng.random() < 0.5 else {}},
                   "deployedBytecode": {"object": runtime, "linkReferences": {}}, "metadata": {"compiler": {"version": "0.8.26"}}}
        elif k == 2:
            out = {"_format": "hh-sol-artifact-1", "contractName": cname, "sourceName": "contracts/x.sol", "abi": abi,
                   "bytecode": code, "deployedBytecode": runtime, "linkReferences": link if rng.random() < 0.4 else {},
                   "deployedLinkReferences": link if rng.random() < 0.2 else {}}
        elif k == 3:
            out = {"contracts": {"x.sol": {cname: {"abi": abi, "metadata": json.dumps({"compiler": {"version": "0.8.26"}}),
                                                   "evm": {"bytecode": {"object": code.removeprefix("0x"), "linkReferences": {}},
                                                           "deployedBytecode": {"object": runtime.removeprefix("0x"), "linkReferences": {}}}}}}}
        elif k == 4:
            out = {"contracts": {f"x.sol:{cname}": {"abi": json.dumps(abi) if rng.random() < 0.5 else abi,
                                                    "bin": code.removeprefix("0x"), "bin-runtime": runtime.removeprefix("0x")}},
                   "version": "0.8.26"}
        else:
            out = {f"contracts/{cname}.vy": {"abi": abi, "bytecode": code, "bytecode_runtime": runtime}, "version": "0.4.3"}
        return json.dumps(out).encode()


STATETEST_SEEDS = [
    "GeneralStateTests/Cancun/stEIP1153-transientStorage/10_revertUndoesStoreAfterReturn.json",
    "GeneralStateTests/Cancun/stEIP4844-blobtransactions/opcodeBlobhBounds.json",
    "GeneralStateTests/Cancun/stEIP4844-blobtransactions/wrongBlobhashVersion.json",
    "GeneralStateTests/Cancun/stEIP4844-blobtransactions/blobhashListBounds3.json",
    "GeneralStateTests/Cancun/stEIP4844-blobtransactions/blobhashListBounds4.json",
    "GeneralStateTests/Cancun/stEIP4844-blobtransactions/opcodeBlobhashOutOfRange.json",
    "GeneralStateTests/Shanghai/stEIP3860-limitmeterinitcode/createInitCodeSizeLimit.json",
    "GeneralStateTests/stCallCodes/callcall_00.json",
    "GeneralStateTests/stEIP1559/typeTwoBerlin.json",
    "GeneralStateTests/stEIP1559/tipTooHigh.json",
    "GeneralStateTests/stEIP2930/coinbaseT2.json",
    "GeneralStateTests/stPreCompiledContracts/delegatecall09Undefined.json",
]


def extract_statetests(shared: Path, scratch: Path) -> list[tuple[str, bytes]]:
    archive = shared / "ethereum-tests/GeneralStateTests-Cancun.tar.xz"
    if not archive.exists():
        return []
    out = []
    wanted = set(STATETEST_SEEDS)
    with tarfile.open(archive, "r:xz") as tar:
        for member in tar:
            name = member.name.removeprefix("./")
            if name in wanted and member.isfile():
                f = tar.extractfile(member)
                if f:
                    out.append((Path(name).name, f.read()))
                wanted.discard(name)
                if not wanted:
                    break
    return out


# Per-subcommand generators. Each takes (rng, seeds) and returns a Case.

def gen_flag_value(rng: random.Random, kind: str) -> str:
    r = rng.random()
    if kind == "int":
        if r < 0.7:
            return rng.choice([str(v) for v in EXTREME_INTS] + ["-9223372036854775809", "1e3", "0x10", "", " 5",
                                                               "5 ", "+5", "1_000", "abc", "\u0663", "-0", "5\x00"])
        return rng.choice(NUMBER_STRINGS)
    if kind == "fork":
        return rng.choice(FORKS)
    if kind == "hex":
        return rng.choice(["", "0x", "0x0", "0", "zz", "0x" + "ab" * 1000, "0xg1", "00" * 50_000, "0x\x01\x1b[31m",
                           "\xff", "0x 00", "0x00\n01", "@", "@/nonexistent", "@/dev/null", "@/", "@" + "a" * 5000])
    return rng.choice(["", "x", "\x01", "-", "--", "A" * 100_000])


MEMORY_OPS = [0x20, 0x37, 0x39, 0x3c, 0x3e, 0x51, 0x52, 0x53, 0x5e, 0xa0, 0xa1, 0xf0, 0xf1, 0xf3, 0xf5, 0xfa, 0xfd]


def code_program(rng: random.Random) -> str:
    """(PUSH extreme-word)* OPCODE ... : reaches the size/offset arithmetic of every opcode,
    above all those that take memory offsets and sizes."""
    parts = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        op = rng.choice(MEMORY_OPS) if rng.random() < 0.6 else rng.choice(list(OPCODES_WITH_ARGS))
        for _ in range(OPCODES_WITH_ARGS[op]):
            r = rng.random()
            word = 0 if r < 0.3 else rng.choice([2**256 - 1, 2**255, 2**64, 2**63, 2**64 - 1]) if r < 0.55 else rng.choice(STACK_WORDS)
            parts.append(enc_word(word))
        parts.append("%02x" % op)
    return "".join(parts)


def mutate_code(rng: random.Random, seeds: Seeds) -> str:
    r = rng.random()
    if r < 0.45:
        return code_program(rng)
    base = rng.choice(seeds.codes)
    if r < 0.55:
        return base
    if r < 0.85:
        raw = bytes.fromhex(base) if base else b""
        return mutate_raw(rng, raw).hex()
    # hex-text mutations
    text = base
    k = rng.randrange(5)
    if k == 0:
        return text[:-1]
    if k == 1:
        return "0x" + text
    if k == 2:
        pos = rng.randrange(len(text) + 1)
        return text[:pos] + rng.choice(["g", " ", "\n", "\x01", "\x1b[2J", "\xff", "0x", "\u00e9"]) + text[pos:]
    if k == 3:
        return text * rng.choice([100, 2000])
    return "00" * rng.choice([24_577, 49_153, 200_000])


def code_argument(rng: random.Random, seeds: Seeds, case: Case) -> str:
    r = rng.random()
    code = mutate_code(rng, seeds)
    if r < 0.65:
        if len(code) > 100_000:  # keep within the kernel's single-argument limit
            case.files["code.hex"] = code.encode("utf-8", "surrogatepass")
            return "@code.hex"
        return code
    if r < 0.9:
        data = code.encode("utf-8", "surrogatepass")
        if rng.random() < 0.3:
            data = mutate_raw(rng, data)
        case.files["code.hex"] = data
        return "@code.hex"
    return rng.choice(["@/dev/null", "@/nonexistent/x", "@.", "@", "@/dev/zero", "@/proc/self/status", "@code.hex"])


def gen_run(rng: random.Random, seeds: Seeds, sub: str = "run") -> Case:
    case = Case(sub, [sub])
    case.args += ["--code", code_argument(rng, seeds, case)]
    if rng.random() < 0.4:
        case.args += ["--input", gen_flag_value(rng, "hex") if rng.random() < 0.4 else mutate_code(rng, seeds)[:2000]]
    if sub == "bench":
        # Small counts by default so each run stays short; flag mutations below reach the extremes.
        case.args += ["--iterations", rng.choice(["1", "2", "3"])]
        case.args += ["--gas", rng.choice(["100000", "1000000", "30000000"])]
    if rng.random() < 0.3:
        case.args += ["--fork", gen_flag_value(rng, "fork")]
    if sub == "run" and rng.random() < 0.2:
        case.args += ["--trace", "--gas", "100000"]
    # issue 12: the step-through page of the run (bad paths, step bounds at their extremes)
    if sub == "run" and rng.random() < 0.2:
        case.args += ["--html", rng.choice(HTML_PATHS)]
        if rng.random() < 0.4:
            case.args += ["--max-steps", rng.choice(MAX_STEPS)]
    if rng.random() < 0.35:
        options = {"run": ["--gas", "--input", "--fork", "--code"],
                   "bench": ["--gas", "--iterations", "--input", "--fork", "--code"]}[sub]
        opt = rng.choice(options)
        kind = {"--gas": "int", "--iterations": "int", "--fork": "fork", "--input": "hex", "--code": "hex"}[opt]
        case.args += [opt, gen_flag_value(rng, kind)]
        case.note = f"flag {opt}"
    if rng.random() < 0.08:
        case.args += rng.choice([["--bogus"], ["--gas"], ["--trace=1"], ["-x"], ["extra"], ["--", "--code"],
                                 ["--help"], ["--code"], ["--gas", "5", "--gas", "6"]])
    return case


def gen_bench(rng, seeds):
    return gen_run(rng, seeds, "bench")


def gen_statetest(rng: random.Random, seeds: Seeds) -> Case:
    case = Case("statetest", ["statetest"])
    name, data = rng.choice(seeds.statetests)
    r = rng.random()
    if r < 0.7:
        try:
            tree = json.loads(data)
            targeted = rng.random() < 0.3
            if targeted:
                part = "env" if rng.random() < 0.6 else "transaction"
                leaves = [p for p in paths(tree) if len(p) >= 3 and p[1] == part and isinstance(get_at(tree, p), (str, int))]
                uint64_extremes = ["0xffffffffffffffff", "0x7fffffffffffffff", "0x8000000000000000", "0x" + "f" * 15]
                if leaves and rng.random() < 0.5:
                    # several fields at once, each to a value that still parses (a 64-bit extreme)
                    numeric = [p for p in leaves if not any(w in str(p[2]) for w in
                                                             ("Coinbase", "Random", "secretKey", "to", "sender", "data", "Hashes"))]
                    for leaf in [p for p in numeric if rng.random() < 0.5] or [rng.choice(leaves)]:
                        set_at(tree, leaf, rng.choice(uint64_extremes))
                elif leaves:
                    set_at(tree, rng.choice(leaves), rng.choice(uint64_extremes + HEX_STRINGS + [
                        "0x" + "f" * 30, "0x" + "f" * 40, "0x" + "ff" * 32]))
            mutated = dump_json(tree if targeted and rng.random() < 0.6 else mutate_tree(rng, tree, "json"))
        except Exception:
            mutated = mutate_raw(rng, data)
    elif r < 0.95:
        mutated = mutate_raw(rng, data)
    else:
        mutated = rng.choice([b"", b"{}", b"[]", b"null", b'{"t": {}}', b'{"t": []}', b"[" * 100_000,
                              b'{"t": {"env": {}, "pre": {}, "transaction": {}, "post": {}}}'])
    case.files["tests/" + name] = mutated
    case.args.append("tests" if rng.random() < 0.3 else "tests/" + name)
    if rng.random() < 0.25:
        case.args += ["--fork", gen_flag_value(rng, "fork")]
    if rng.random() < 0.2:
        case.args.append("--json")
    if rng.random() < 0.2:
        case.args += ["--threads", gen_flag_value(rng, "int") if rng.random() < 0.7 else "1"]
        case.note = "flag --threads"
    if rng.random() < 0.15:
        case.files["known.txt"] = mutate_raw(rng, seeds.known_failures[:4000] or b"# x\n")
        case.args += ["--known-failures", rng.choice(["known.txt", "known.txt", "/nonexistent", ".", "/dev/null"])]
    if rng.random() < 0.05:
        case.args += rng.choice([["/nonexistent"], ["."] , [""], ["--bogus"], ["--threads"], ["/dev/null"]])
    return case


SCENARIO_DEPLOYS = ("name: deploy mutated artifacts\naccounts: [alice]\nsteps:\n"
                    "  - deploy: PoRAggregator\n    as: feed\n    args: [8, \"d\", 0, \"1e15\"]\n"
                    "  - call: feed.decimals\n    expect: {returns: 8}\n"
                    "  - deploy: SecureMintToken\n    as: token\n    args: [W, W, 8, feed, 86400, 0]\n"
                    "  - deploy: ReserveCircuitBreaker\n    args: [token, feed, 86400]\n")


def extreme_scalar(rng: random.Random):
    r = rng.random()
    if r < 0.3:
        return rng.choice(EXTREME_INTS)
    if r < 0.5:
        return Raw(rng.choice(RAW_NUMBERS))
    if r < 0.85:
        return rng.choice(NUMBER_STRINGS)
    return rng.choice(HEX_STRINGS + ["alice", "token", "feed", "", None, True, [], {}])


def synth_scenario(rng: random.Random) -> dict:
    """A well-formed scenario whose steps carry extreme values in every field each step kind reads."""
    # one field in three is extreme, so that a file gets past its first error often enough to run
    x = lambda: extreme_scalar(rng) if rng.random() < 1 / 3 else rng.choice([0, 1, 2, 8, 100, 86400, "1 ether", "+1"])  # noqa: E731
    steps: list = [{"setup_por": rng.choice([{}, {"heartbeat": x()}, {"margin_bps": x()}, {"min_answer": x(), "max_answer": x()},
                                             {"feed_decimals": x(), "token_decimals": x()}, {"oracles": x(), "f": x()}])},
                   {"report": {"feed": "feed", "observations": [150, 160, 170]}}]
    kinds = [
        lambda: {"warp": rng.choice([x(), "+" + str(rng.choice(EXTREME_INTS)), "-" + str(rng.choice(EXTREME_INTS)),
                                     "+%s %s" % (rng.choice(EXTREME_INTS), rng.choice(["s", "m", "h", "d", "w", "days", "weeks"]))])},
        lambda: {"roll": rng.choice([x(), "+" + str(rng.choice(EXTREME_INTS)), "-" + str(rng.choice(EXTREME_INTS))])},
        lambda: {"deal": {"account": "alice", "balance": x()}},
        lambda: {"store": {"address": rng.choice(["token", "alice", x()]), "slot": x(), "value": x()}},
        lambda: {"etch": {"address": rng.choice(["feed", "alice", x()]), "code": rng.choice([x(), "0x" + code_program(rng)])}},
        lambda: {"report": {"feed": "feed", "observations": [x() for _ in range(rng.choice([1, 3, 5, 40]))],
                            **rng.choice([{}, {"epoch_and_round": x()}, {"observers": [x(), x()]}, {"signers": [x()]},
                                          {"transmitter": x()}, {"replay": x()}])}},
        lambda: {"transact": rng.choice(["token.mint", "token.burn", "token.transfer", "token.approve", "token.setMarginBps",
                                         "breaker.performUpkeep", "feed.transmit"]),
                 "from": rng.choice(["minter", "owner", "alice", x()]), "args": [rng.choice(["alice", x()]), x()],
                 **rng.choice([{}, {"gas": x()}, {"value": x()}, {"expect": {"gas_below": x()}},
                               {"expect": {"revert": rng.choice(["any", "panic 0x11", "ReservesExceeded(%s, 1)" % rng.choice(EXTREME_INTS)])}},
                               {"expect": {"revert": "ReservesExceeded", "revert_args": [x(), x()]}}])},
        lambda: {"call": rng.choice(["token.balanceOf", "token.allowance", "feed.getAnswer", "feed.getTimestamp",
                                     "feed.getRoundData", "token.mintableAmount"]),
                 "args": [x() for _ in range(rng.choice([1, 2]))],
                 **rng.choice([{}, {"expect": {"returns": x()}}, {"expect": {"returns": [x(), x(), x(), x(), x()]}},
                               {"gas": x()}, {"from": x()}])},
        lambda: {"expect": rng.choice([{"balance": {"account": "alice", rng.choice(["equals", "at_least", "at_most"]): x()}},
                                       {"storage": {"address": "token", "slot": x(), "equals": x()}},
                                       {"call": "token.totalSupply", "returns": x()}])},
        lambda: {rng.choice(["snapshot", "revert_to"]): rng.choice(["s", x()])},
        lambda: {"deploy": rng.choice(["PoRAggregator", "SecureMintToken"]), "as": "d%d" % rng.randrange(100),
                 "args": [x(), x(), x(), x()] if rng.random() < 0.5 else [8, "d", x(), x()],
                 **rng.choice([{}, {"gas": x()}, {"value": x()}])},
    ]
    for _ in range(rng.choice([1, 2, 4])):
        steps.append(rng.choice(kinds)())
    doc = {"name": "synthesised", "accounts": rng.choice([["alice"]] * 6 + [{"alice": {"balance": x()}}] * 3
                                                          + [{"alice": {"privateKey": rng.choice(HEX_STRINGS)}}]),
           "steps": steps}
    if rng.random() < 0.1:
        doc["oracles"] = {"count": x(), "f": x()}
        doc["steps"] = steps[2:] or [{"warp": 1}]
    if rng.random() < 0.05:
        doc["fork"] = rng.choice(FORKS)
    return doc


def gen_scenario(rng: random.Random, seeds: Seeds) -> Case:
    case = Case("scenario", ["scenario"])
    r = rng.random()
    name, data = rng.choice(seeds.scenarios)
    is_json = name.endswith(".json")
    if rng.random() < 0.25:
        tree = synth_scenario(rng)
        as_json = rng.random() < 0.3
        case.files["sc/synth" + (".json" if as_json else ".yaml")] = dump_json(tree) if as_json else dump_yaml(tree)
        case.args.append("sc/synth" + (".json" if as_json else ".yaml"))
        case.note = "synthesised"
        return case
    if r < 0.55:
        try:
            tree = json.loads(data) if is_json or yaml is None else yaml.safe_load(data)
            if rng.random() < 0.3:
                leaves = [p for p in paths(tree) if p and isinstance(get_at(tree, p), (int, float))
                          or (len(p) >= 2 and p[-2] in ("args", "observations", "returns", "revert_args"))]
                if leaves:
                    set_at(tree, rng.choice(leaves), rng.choice(NUMBER_STRINGS + [Raw(x) for x in RAW_NUMBERS]))
            tree = mutate_tree(rng, tree, "scenario")
            out_json = is_json or rng.random() < 0.2
            data = dump_json(tree) if out_json else dump_yaml(tree)
            name = name.rsplit(".", 1)[0] + (".json" if out_json else ".yaml")
        except Exception:
            data = mutate_raw(rng, data)
    elif r < 0.75:
        data = mutate_raw(rng, data)
    elif r < 0.80:
        data = yaml_bombs(rng)
        name = "bomb.yaml"
    else:
        # Mutated artifacts reached through `artifacts:` (deploy steps) or $PORVM_FIXTURES (setup_por).
        target = rng.choice(sorted(seeds.artifacts))
        for n, content in seeds.artifacts.items():
            if n == target:
                content = seeds.artifact_formats(rng, n)
                r2 = rng.random()
                if r2 < 0.5:
                    content = dump_json(mutate_tree(rng, json.loads(content), "json"))
                elif r2 < 0.7:
                    content = mutate_raw(rng, content)
                # else: the format conversion alone (odd link references, ABI types, placeholders)
            case.files["art/" + n] = content
        if rng.random() < 0.5:
            data = SCENARIO_DEPLOYS.replace("name:", "artifacts: ../art\nname:", 1).encode()
            name = "deploy.yaml"
        else:
            case.env["PORVM_FIXTURES"] = "art"
            name = rng.choice([n for n, _ in seeds.scenarios])
            data = dict(seeds.scenarios)[name]
    case.files["sc/" + name] = data
    case.args.append("sc/" + name if rng.random() < 0.85 else "sc")
    if rng.random() < 0.05:
        case.args += rng.choice([["/nonexistent.yaml"], ["."], [""], ["--bogus"], ["/dev/null"], ["sc/x.txt"]])
    # issue 12: call trees and trace folders (a folder that is a file or cannot be made, tight bounds)
    if rng.random() < 0.1:
        case.args.append("--call-tree")
    if rng.random() < 0.1:
        case.args += ["--trace", rng.choice(["tr", "tr", "sc/" + name, "/proc/nope", ""])]
        case.args += rng.choice([[], [], ["--trace-calls"], ["--trace-max-files", rng.choice(["1", "0", "-1"])],
                                 ["--trace-max-bytes", rng.choice(["100", "0", "99999999999999999999"])]])
    return case


HTML_PATHS = ["page.html", "page.html", "/proc/nope.html", "nofolder/page.html", "", ".", "/dev/null", "page\x01.html",
              "A" * 300 + ".html", "sc"]
MAX_STEPS = ["1", "10", "0", "-1", "10000000", "10000001", "99999999999999999999", "x", "1e3"]


def gen_view(rng: random.Random, seeds: Seeds) -> Case:
    """`porvm view SCENARIO [--step N] --html FILE`: the scenario generator's mutated files, with
    --step values (in range, past the end, extremes), bad --html paths and --max-steps extremes."""
    if rng.random() < 0.35:
        # An unchanged scenario, so that the recording and the page are reached often.
        name, data = rng.choice(seeds.scenarios)
        base = Case("scenario", ["scenario", "sc/" + name], files={"sc/" + name: data}, note="unchanged")
    else:
        base = gen_scenario(rng, seeds)
    case = Case("view", ["view"], files=base.files, env=base.env, note=base.note)
    rest = base.args[1:]
    # The scenario file (and the odd extra argument), without `scenario`'s own flags.
    cut = min([i for i, a in enumerate(rest) if a in ("--call-tree", "--trace")] + [len(rest)])
    case.args += rest[:cut]
    if rng.random() < 0.6:
        case.args += ["--step", rng.choice(["1", "2", "3", "4", "5", "40", "0", "-1", "99999999999999999999", "x", ""])
                      if rng.random() < 0.4 else str(rng.randint(1, 6))]
    if rng.random() < 0.95:
        case.args += ["--html", rng.choice(HTML_PATHS) if rng.random() < 0.4 else "page.html"]
    # Small bounds keep each run short; extremes test the validation.
    case.args += ["--max-steps", rng.choice(MAX_STEPS) if rng.random() < 0.3 else rng.choice(["1000", "20000"])]
    if rng.random() < 0.05:
        case.args += rng.choice([["--bogus"], ["--html"], ["--step"], ["--step", "1", "--step", "2"]])
    return case


def gen_demo(rng: random.Random, seeds: Seeds) -> Case:
    case = Case("demo", ["demo"])
    r = rng.random()
    if r < 0.8:
        target = rng.choice(sorted(seeds.artifacts))
        for n, content in seeds.artifacts.items():
            if n == target:
                if rng.random() < 0.25:
                    content = dump_json(mutate_abi(rng, json.loads(content)))
                elif rng.random() < 0.75:
                    content = dump_json(mutate_tree(rng, json.loads(content), "json"))
                elif rng.random() < 0.8:
                    content = mutate_raw(rng, content)
                else:
                    continue  # missing
            case.files["fx/" + n] = content
        case.env["PORVM_FIXTURES"] = "fx"
    else:
        case.env["PORVM_FIXTURES"] = rng.choice(["/nonexistent", "", ".", "/dev/null", "fx\x01"])
    for flag in ["--no-color", "--json"]:
        if rng.random() < 0.4:
            case.args.append(flag)
    if rng.random() < 0.1:
        case.args += rng.choice([["--bogus"], ["--json=1"], ["x"], ["--no-color", "--no-color"]])
    return case


EXEC_SEEDS = [
    {"id": 1, "fork": "Cancun", "env": {"number": 1, "timestamp": 1000, "gasLimit": 30000000, "baseFee": 0},
     "pre": {"0x00000000000000000000000000000000000000aa": {"code": "0x600160010160005500", "balance": "0x10"},
             "0x1010101010101010101010101010101010101010": {"balance": "0xd3c21bcecceda1000000"}},
     "tx": {"caller": "0x1010101010101010101010101010101010101010", "to": "0x00000000000000000000000000000000000000aa",
            "data": "0x", "value": 0, "gasLimit": 100000, "gasPrice": 0}},
    {"id": "create", "fork": "Shanghai", "env": {"excessBlobGas": 0, "blockHashes": {"0": "0x" + "11" * 32}},
     "pre": {"0x1010101010101010101010101010101010101010": {"balance": 1000000, "nonce": 3}},
     "tx": {"caller": "0x1010101010101010101010101010101010101010", "to": None,
            "data": "0x600a600c600039600a6000f3602a60005260206000f3", "gasLimit": 200000}},
    {"id": [7], "env": {"baseFee": 7, "chainId": 1},
     "pre": {"0x00000000000000000000000000000000000000bb": {"code": "0x5f5f5f1937600054", "storage": {"0x00": "0x01"}},
             "0x1010101010101010101010101010101010101010": {"balance": "0xffffffffffffffffffff"}},
     "tx": {"caller": "0x1010101010101010101010101010101010101010", "to": "0x00000000000000000000000000000000000000bb",
            "gasLimit": "0x30000", "maxFeePerGas": 100, "maxPriorityFeePerGas": 2,
            "accessList": [{"address": "0x00000000000000000000000000000000000000bb", "storageKeys": ["0x00"]}]}},
]


def gen_exec(rng: random.Random, seeds: Seeds) -> Case:
    """`porvm exec`: JSON-lines cases (fork, env, pre-state, transaction), structure-mutated or raw."""
    case = Case("exec", ["exec"])
    lines = []
    for _ in range(rng.randint(1, 3)):
        seed = json.loads(json.dumps(rng.choice(EXEC_SEEDS)))
        r = rng.random()
        if r < 0.75:
            line = dump_json(mutate_tree(rng, seed, "json")).replace(b"\n", b" ")
        elif r < 0.95:
            line = mutate_raw(rng, json.dumps(seed).encode())
        else:
            line = rng.choice([b"", b"{}", b"[]", b"null", b"[" * 100_000, b'{"tx": {}}', b"x" * 10_000])
        lines.append(line)
    case.files["cases.jsonl"] = b"\n".join(lines) + b"\n"
    case.args.append(rng.choice(["cases.jsonl"] * 8 + ["/nonexistent", ".", "/dev/null"]))
    if rng.random() < 0.3:
        case.args.append("--coverage")
    if rng.random() < 0.05:
        case.args += rng.choice([["--bogus"], ["a", "b"], ["--coverage=1"]])
    return case


def gen_t8n(rng: random.Random, seeds: Seeds) -> Case:
    """`porvm t8n`: a reference fixture's alloc, env and txs (Tests/TransitionTests/Fixtures), structure-mutated or
    raw, as three files or one stdin object, with mutated forks, chain ids, rewards and output targets."""
    case = Case("t8n", ["t8n"])
    fixtures = sorted((seeds.repo / "Tests" / "TransitionTests" / "Fixtures").glob("*.json"))
    seed = json.loads(rng.choice(fixtures).read_bytes()) if fixtures else {"input": {"alloc": {}, "env": {}, "txs": []}, "fork": "Osaka"}
    parts = {}
    for name in ("alloc", "env", "txs"):
        value = seed["input"][name]
        r = rng.random()
        if r < 0.6:
            parts[name] = dump_json(mutate_tree(rng, value, "json"))
        elif r < 0.9:
            parts[name] = json.dumps(value).encode()
        else:
            parts[name] = mutate_raw(rng, json.dumps(value).encode())
    if rng.random() < 0.8:
        for name, data in parts.items():
            case.files[name + ".json"] = data
            case.args += ["--input." + name, rng.choice([name + ".json"] * 10 + ["/nonexistent", "."])]
    else:
        case.files["stdin.json"] = b'{"alloc": ' + parts["alloc"] + b', "env": ' + parts["env"] + b', "txs": ' + parts["txs"] + b"}"
        case.args += ["--input.alloc", "stdin", "--input.env", "stdin", "--input.txs", "stdin"]
        case.env["PORVM_STDIN_FILE"] = "stdin.json"
    case.args += ["--state.fork", rng.choice([seed.get("fork", "Osaka")] * 6 + ["Prague", "Cancun", "Frontier", "", "BPO1"])]
    if rng.random() < 0.5:
        case.args += ["--state.chainid", rng.choice(["1", "0", "-1", "18446744073709551616", "x"])]
    if rng.random() < 0.5:
        case.args += ["--state.reward", rng.choice(["-1", "0", "2000000000000000000", "1e18", "99999999999999999999999999999"])]
    case.args += ["--output.basedir", rng.choice(["out", "out", "/nonexistent/deep", "."]),
                  "--output.result", rng.choice(["result.json", "stdout", "stderr"]),
                  "--output.alloc", rng.choice(["alloc.json", "stdout"])]
    if rng.random() < 0.2:
        case.args += ["--trace"]
    if rng.random() < 0.05:
        case.args += rng.choice([["--bogus"], ["extra"], ["--state.fork"]])
    return case


# A config over the two-call contract of the CLI tests (its artifact is copied beside it).
FUZZ_TWO_STEP = """name: two step
artifacts: ../art
setup:
  - deploy: TwoStep
    as: t
actors: [deployer]
targets: [t]
sequence_length: 4
properties:
  - "t.flag() <= 1"
"""


def gen_fuzz(rng: random.Random, seeds: Seeds) -> Case:
    """`porvm fuzz CONFIG`: mutated configs (the scenario mutations plus fuzz-only keys) and flags,
    with a small call budget so that each run ends quickly whatever the config says."""
    case = Case("fuzz", ["fuzz"])
    name, data = rng.choice(seeds.fuzz_configs)
    if getattr(seeds, "artifacts_two_step", None):
        case.files["art/TwoStep.json"] = seeds.artifacts_two_step
    r = rng.random()
    if r < 0.6:
        try:
            tree = yaml.safe_load(data) if yaml is not None else None
            if isinstance(tree, dict) and rng.random() < 0.5:
                key = rng.choice(["actors", "targets", "environment", "sequence_length", "properties", "setup"])
                tree[key] = rng.choice([extreme_scalar(rng), [], {}, [extreme_scalar(rng)], "token.totalSupply( <= 1",
                                        ["t.flag() <= -1"], ["x.y() >= z.w()"], {"warp": extreme_scalar(rng)},
                                        ["t.nonexistent"], [{"call": "t.a", "from": ["nobody"]}]])
            tree = mutate_tree(rng, tree, "scenario")
            # JSON is YAML too; PyYAML's dumper takes minutes on the multi-megabyte scalars
            # mutate_tree can make, and the scenario generator already covers YAML syntax.
            data = dump_json(tree)
        except Exception:
            data = mutate_raw(rng, data)
    elif r < 0.85:
        data = mutate_raw(rng, data)
    elif r < 0.9:
        data = yaml_bombs(rng)
    case.files["cf/" + name] = data
    case.args.append("cf/" + name)
    case.args += ["--max-calls", str(rng.choice([0, 1, 50, 300])), "--out", "fo"]
    if rng.random() < 0.7:
        case.args += ["--seed", gen_flag_value(rng, "int") if rng.random() < 0.3 else str(rng.randrange(1 << 32))]
    if rng.random() < 0.3:
        gen_corpus(rng, case, "corp")
        case.args += ["--corpus", "corp"]
    if rng.random() < 0.2:
        case.args += ["--shard", rng.choice(SHARD_VALUES)]
    if rng.random() < 0.1:
        case.args += ["--report", rng.choice(["r.md", "r.md", "cf", "/proc/nope.md", "", "nofolder/r.md"])]
    # issue 12: the breaking transaction's step-through page
    if rng.random() < 0.15:
        case.args += ["--html", rng.choice(HTML_PATHS)]
    if rng.random() < 0.15:
        case.args += rng.choice([["--max-seconds", gen_flag_value(rng, "int")], ["--workers", "2"], ["--corpus", "cf/" + name],
                                 ["--corpus", "/proc/nope"], ["--preset", "por"], ["--json"], ["--bogus"], ["--max-calls", "-1"],
                                 ["--max-calls", "99999999999999999999"], ["--out", "/proc/nope"], ["--shard", "0/1", "--shard", "1/2"]])
    return case


SHARD_VALUES = ["0/1", "0/4", "3/4", "1023/1024", "4/4", "-1/4", "1/0", "0/1025", "1/-2", "a/b", "1", "1/2/3", "", "/",
                " 1/4", "+1/4", "0x1/4", "99999999999999999999/2", "\u0661/\u0662", "1/4\x01", "0/" + "9" * 400]

# Call sequences as the corpus stores them (`.sequence.json`), for `--corpus` folders.
SEQUENCE_SEEDS = [
    {"calls": [{"kind": "call", "contract": "t", "function": "a()", "args": [], "sender": "deployer"},
               {"kind": "call", "contract": "t", "function": "b(uint256)", "args": [{"uint": "7"}], "sender": "deployer"}]},
    {"calls": [{"kind": "warp", "by": 3600}, {"kind": "roll", "by": 2},
               {"kind": "call", "contract": "t", "function": "c(uint256)", "args": [{"uint": str(2**256 - 1)}],
                "sender": "deployer", "value": "5"}]},
    {"calls": [{"kind": "call", "contract": "token", "function": "transfer(address,uint256)",
                "args": [{"address": "0x" + "00" * 20}, {"uint": "5"}], "sender": "alice"},
               {"kind": "call", "contract": "x", "function": "f(int8,bytes,string,bool,uint8[2],(uint256,address))",
                "args": [{"int": "-1"}, {"bytes": "0x00ff"}, {"string": "a"}, {"bool": True},
                         {"array": [{"uint": "1"}, {"uint": "2"}]}, {"tuple": [{"uint": "1"}, {"address": "0x" + "11" * 20}]}],
                "sender": "bob"}]},
]


def gen_corpus(rng: random.Random, case: Case, folder: str) -> None:
    """A corpus folder: sequence files, structure-mutated, raw-mutated or junk (and sometimes none)."""
    for j in range(rng.randint(0, 3)):
        seq = json.loads(json.dumps(rng.choice(SEQUENCE_SEEDS)))
        r = rng.random()
        if r < 0.45:
            data = dump_json(mutate_tree(rng, seq, "json"))
        elif r < 0.75:
            data = dump_json(seq)
        elif r < 0.95:
            data = mutate_raw(rng, dump_json(seq))
        else:
            data = rng.choice([b"", b"[]", b"null", b"{" * 100_000, b'{"calls": [' + b'{"kind": "warp", "by": 1},' * 1500 + b'{"kind": "roll"}]}'])
        case.files[f"{folder}/s{j}.json" if rng.random() < 0.95 else f"{folder}/s{j}.txt"] = data


# A summary.json as `porvm fuzz` writes it in its --out folder, with one broken property.
SUMMARY_SEED = {
    "format": "porvm-fuzz-summary/1", "config": "cf/two-step.yaml", "seeds": ["1"], "shards": ["0/2"], "calls": 300,
    "sequences": 40, "seconds": 0.5, "callsPerSecond": 600.0, "coverage": [{"contract": "t", "text": "3 edges"}],
    "corpus": "corp", "corpusSize": 2,
    "properties": [
        {"property": "t.flag() <= 1", "broken": False},
        {"property": "t.broken() < 1", "broken": True, "message": "1 < 1 is false",
         "calls": ["t.a() from deployer", "t.b(7) from deployer"], "outcomes": ["ok", "ok"],
         "sequence": SEQUENCE_SEEDS[0], "reproducer": "o0/t_broken.scenario.json", "shard": "0/2", "seed": "1"}],
}


def gen_fuzz_merge(rng: random.Random, seeds: Seeds) -> Case:
    """`porvm fuzz merge DIR...`: out folders with mutated summary.json files, corpus folders, flags."""
    case = Case("fuzz-merge", ["fuzz", "merge"])
    n = rng.randint(1, 3)
    # At most one input is damaged, so that most cases reach the merge itself.
    bad = rng.randrange(n) if rng.random() < 0.5 else -1
    for i in range(n):
        summary = json.loads(json.dumps(SUMMARY_SEED))
        summary["shards"] = [f"{i}/{n}"]
        r = rng.random() if i == bad else 0.6
        if r < 0.5:
            data = dump_json(mutate_tree(rng, summary, "json"))
        elif r < 0.75:
            data = dump_json(summary)
        elif r < 0.95:
            data = mutate_raw(rng, dump_json(summary))
        else:
            data = rng.choice([b"", b"{}", b"[" * 100_000, b"null", b'{"format": "porvm-fuzz-summary/1"}'])
        case.files[f"o{i}/summary.json" if i != bad or rng.random() < 0.9 else f"o{i}/other.json"] = data
        case.args.append(f"o{i}")
    if rng.random() < 0.9:
        gen_corpus(rng, case, "corp")
        case.files["corp/notes.txt"] = b"not a sequence"   # the folder exists even with no sequence in it
    if rng.random() < 0.3:
        case.args += ["--corpus", rng.choice(["corp", "corp", "o0", "/proc/nope", "o0/summary.json"])]
    case.args += ["--out", rng.choice(["m"] * 8 + ["/proc/nope", "o0/summary.json"])]
    if rng.random() < 0.3:
        case.args += ["--report", rng.choice(["r.md", "r.md", "o0", "/proc/nope.md", ""])]
    if rng.random() < 0.3:
        case.args.append("--json")
    if rng.random() < 0.05:
        case.args += rng.choice([["--bogus"], ["/nonexistent"], ["."], [""], ["--out"]])
    return case


SIM_MINIMAL = "duration: 1 d\nunit: BTC\nsources: [{type: bitcoin_custody, holdings: {a: 10 BTC}}]\n" \
              "users: [{at: 1 h, action: mint, amount: 5 BTC}]\n"
# Values for the simulation file's keys: units, percentages, amounts, extremes.
SIM_VALUES = ["0", "1", "1 s", "10 min", "3 d", "1 w", "260 w", "261 w", "-1 d", "1.5 h", "1 fortnight", "1%", "100%",
              "101%", "0.00001%", "-1%", "%", "12.5 BTC", "0.000000001 BTC", "1 ETH", "1e-8 BTC", "1e80 BTC", "9" * 100,
              "18446744073709551616 s", "bitcoin_custody", "byzantine", "offline", "stale_source", "deposit", "withdrawal",
              "mint", "redeem", "transfer", "nope"]
SIM_KEYS = ["seed", "duration", "genesis", "unit", "check_interval", "deviation", "heartbeat", "automation_interval",
            "automation_phase", "nodes", "f", "contract_heartbeat", "feed_decimals", "margin_bps", "sources", "users",
            "random_users", "bogus"]
SWEEP_VALUES = ["deviation=0.5%,1%,5%", "heartbeat=1 h,1 d", "check_interval=5 min,1 h", "f=0,1,2", "f=1,2", "f=", "=1", "f", "margin=1",
                "f=" + ",".join(["1"] * 65), "check_interval=1 s", "deviation=-1%", "heartbeat=0", "f=1,,2", "f=\x01"]


def gen_simulate(rng: random.Random, seeds: Seeds) -> Case:
    """`porvm simulate FILE`: mutated simulation files (structure, raw bytes, YAML bombs) and flags.
    `--until` is almost always a short time, so that each run ends quickly whatever the file says."""
    case = Case("simulate", ["simulate"])
    name, data = rng.choice(seeds.simulations)
    r = rng.random()
    if r < 0.6 and yaml is not None:
        try:
            tree = yaml.safe_load(data)
            if isinstance(tree, dict) and rng.random() < 0.6:
                key = rng.choice(SIM_KEYS)
                tree[key] = rng.choice([rng.choice(SIM_VALUES), extreme_scalar(rng), [], {}, [rng.choice(SIM_VALUES)],
                                        [{"kind": rng.choice(SIM_VALUES), "at": rng.choice(SIM_VALUES)}],
                                        [{"faults": [{"kind": "byzantine", "fixed": rng.choice(SIM_VALUES)}]}] * rng.choice([1, 4, 40])])
            if rng.random() < 0.5:          # else one changed key only, so that more files reach the engine
                tree = mutate_tree(rng, tree, "scenario")
            data = dump_json(tree)
            name = name.rsplit(".", 1)[0] + ".json"
        except Exception:
            data = mutate_raw(rng, data)
    elif r < 0.9:
        data = mutate_raw(rng, data)
    elif r < 0.95:
        data = yaml_bombs(rng)
    case.files["sim/" + name] = data
    case.args.append("sim/" + name)
    if rng.random() < 0.95:
        case.args += ["--until", rng.choice(["0", "1", "10 min", "1 h", "6 h", "1 d", "-1", "", "1 fortnight", "1e99 s"])]
    if rng.random() < 0.5:
        case.args += ["--seed", gen_flag_value(rng, "int") if rng.random() < 0.3 else str(rng.randrange(1 << 32))]
    if rng.random() < 0.3:
        case.args += rng.choice([["--json"], ["--csv", "out.csv"], ["--csv", "/proc/nope.csv"], ["--csv", "sim"], ["--bogus"],
                                 ["--sweep", rng.choice(SWEEP_VALUES)], ["--sweep", rng.choice(SWEEP_VALUES), "--json"],
                                 ["--html", rng.choice(["page.html", "/proc/nope.html", "sim"])]])
    # issue 11/12: tracing chosen transactions of a run (bad folders, filters, windows and bounds)
    if rng.random() < 0.15:
        case.args += rng.choice([["--trace"], ["--trace"], ["--step-html"]]) + [rng.choice(["tr", "tr", "sim/" + name, "/proc/nope", ""])]
        case.args += rng.choice([[], ["--trace-only", rng.choice(["transmit", "performUpkeep,mint", ",", "", "x" * 300])],
                                 ["--trace-from", rng.choice(["1 h", "-1", "soon", "1e99 s"])],
                                 ["--trace-until", rng.choice(["0", "2 d", "x"])],
                                 ["--trace-max-files", rng.choice(["1", "0", "-1", "99999999999999999999"])],
                                 ["--trace-max-bytes", rng.choice(["100", "0"])]])
    elif rng.random() < 0.03:
        case.args += rng.choice([["--trace-only", "mint"], ["--trace-from", "1 h"]])
    return case


GENERATORS = {"run": gen_run, "bench": gen_bench, "statetest": gen_statetest, "scenario": gen_scenario, "demo": gen_demo,
              "exec": gen_exec, "fuzz": gen_fuzz, "fuzz-merge": gen_fuzz_merge, "simulate": gen_simulate, "view": gen_view, "t8n": gen_t8n}


# --------------------------------------------------------------------------------------------
# Running and classifying

CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def classify(sub: str, code: int | None, timed_out: bool, stderr: str) -> tuple[str, str]:
    if timed_out:
        return "hang", "timeout"
    if code is None:
        return "crash", "no exit status"
    if code < 0:
        return "crash", f"signal {-code} ({signal.Signals(-code).name if -code in signal.valid_signals() else '?'})"
    if code >= 128 or code not in (0, 1, 2):
        return "crash", f"exit {code}"
    if sub == "statetest" and code != 2 and re.search(r"^ERROR ", stderr, re.M):
        return "baderror", "malformed fixture reported as a failing case, not exit 2 with one line"
    if code == 2:
        text = stderr[:-1] if stderr.endswith("\n") else stderr
        if not text.strip():
            return "baderror", "exit 2 with empty stderr"
        if "\n" in text:
            return "baderror", "exit 2 with %d stderr lines" % (text.count("\n") + 1)
        if not text.startswith("porvm:"):
            return "baderror", "exit 2, message does not start with 'porvm:'"
        if CONTROL_RE.search(text):
            return "baderror", "raw control character in the message"
    return "ok", ""


def limited(argv: list[str], mem_bytes: int) -> list[str]:
    """argv run under an address-space limit and without core files. The limits are set by a
    shell that then execs porvm (exit status and signals pass through unchanged), not by a
    preexec_fn, which is unsafe with the worker threads."""
    limits = "ulimit -c 0" + (f"; ulimit -v {max(1, mem_bytes >> 10)}" if mem_bytes > 0 else "")
    return ["/bin/sh", "-c", limits + '; exec "$0" "$@"'] + argv


def run_case(porvm: str, case: Case, workdir: Path, timeout: float, mem_bytes: int) -> Result:
    workdir.mkdir(parents=True, exist_ok=True)
    for rel, content in case.files.items():
        p = workdir / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content)
    env = {k: v for k, v in os.environ.items() if k not in ("PORVM_FIXTURES",)}
    env.update({"NO_COLOR": "1", "TERM": "dumb"})
    env.update({k: v.replace("\x00", "") for k, v in case.env.items()})
    args = [a.replace("\x00", "") for a in case.args]  # argv cannot hold NUL
    t0 = time.monotonic()
    timed_out = False
    try:
        stdin_file = case.env.get("PORVM_STDIN_FILE")   # a case that feeds stdin (t8n's `stdin` inputs)
        stdin = open(workdir / stdin_file, "rb") if stdin_file else subprocess.DEVNULL
        proc = subprocess.Popen(limited([porvm] + args, mem_bytes), cwd=workdir, env=env, stdin=stdin,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    except OSError as e:
        return Result(case, "crash", None, f"cannot start: {e}", "", 0.0, "exec failed")
    try:
        out, err = proc.communicate(timeout=timeout)
        if stdin is not subprocess.DEVNULL:
            stdin.close()
    except subprocess.TimeoutExpired:
        timed_out = True
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = proc.communicate()
    seconds = time.monotonic() - t0
    stderr = err[:200_000].decode("utf-8", "replace")
    outcome, reason = classify(case.sub, proc.returncode, timed_out, stderr)
    return Result(case, outcome, proc.returncode, stderr, out[:20_000].decode("utf-8", "replace"), seconds, reason)


FRAME_RE = re.compile(r"0x[0-9a-f]+ (?:specialized |static )*(.+?)(?: \+ \d+)? in porvm at (\S+)")
RUNTIME_FAILURE_RE = re.compile(r"Swift runtime failure: ([^\n]+?) in porvm at")


def signature_line(stderr: str) -> str:
    """The stderr line that tells one failure from another: a Swift fatal error, else the first
    frame in porvm's own sources of a crash backtrace, else the first line."""
    if stderr.startswith("porvm:"):  # a usage error, whose message may hold line breaks of its own
        return stderr.strip().replace("\n", "^")
    lines = [l for l in stderr.splitlines() if l.strip()]
    for l in lines:
        if "Fatal error" in l or "fatal error" in l.lower() or l.startswith("ERROR ") or "malloc" in l:
            return l
    frames = [m for m in FRAME_RE.finditer(stderr) if not m.group(1).startswith("Swift runtime failure")]
    if frames:
        m = frames[0]
        where = re.sub(r"^.*?Sources/", "", m.group(2)).split(":")[0]
        if where.startswith("/"):  # compiler-generated: name the next frame's file
            where = next((re.sub(r"^.*?Sources/", "", f.group(2)).split(":")[0] for f in frames[1:] if "Sources/" in f.group(2)), where)
        failure = RUNTIME_FAILURE_RE.search(stderr)
        return f"crashed in {m.group(1)} ({where})" + (f": {failure.group(1)}" if failure else "")
    return lines[0] if lines else ""


def pattern(line: str) -> str:
    """The first stderr line with the variable parts (numbers, hex, quoted text, paths) blanked."""
    s = line
    if s.startswith("crashed in "):  # a backtrace frame: function and file name it
        return s[:160]
    if s.startswith("ERROR "):  # statetest: every malformed-fixture line has one cause
        return "ERROR <file>: <malformed fixture>"
    s = re.sub(r" at \S.*$", " at …", s)  # JSON paths in decoding errors
    s = re.sub(r"\([^)]*\)", "(…)", s)
    s = re.sub(r"/[^\s:'\"]+", "<path>", s)
    s = re.sub(r"'[^']*'", "'…'", s)
    s = re.sub(r'"[^"]*"', '"…"', s)
    s = re.sub(r"0x[0-9a-fA-F]*", "0x…", s)
    s = re.sub(r"\d+", "N", s)
    s = CONTROL_RE.sub("^", s)
    return s[:120]


class Stats:
    def __init__(self, subs):
        self.lock = threading.Lock()
        self.counts = {s: {o: 0 for o in ["runs"] + OUTCOMES} for s in subs}
        self.distinct: dict[tuple, dict] = {}
        self.seconds = {s: 0.0 for s in subs}


def save_reproducer(out: Path, res: Result, key: tuple, index: int, per_key: int, mem_bytes: int) -> Path | None:
    if per_key > 3:  # keep the first three inputs of each distinct failure
        return None
    h = hashlib.sha1(repr(key).encode()).hexdigest()[:8]
    d = out / f"{res.case.sub}-{res.outcome}-{h}-{index}"
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    for rel, content in res.case.files.items():
        p = d / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content)
    env = " ".join(f"{k}={shlex.quote(v)}" for k, v in res.case.env.items())
    cmd = (env + " " if env else "") + '"${PORVM:-porvm}" ' + " ".join(shlex.quote(a.replace("\x00", "")) for a in res.case.args)
    limit = f"ulimit -v {mem_bytes >> 10}  # the fuzzer's address-space limit\n" if mem_bytes > 0 else ""
    (d / "cmd.sh").write_text("#!/bin/sh\n# outcome: %s (%s), exit %s\ncd \"$(dirname \"$0\")\"\n%s%s\n"
                              % (res.outcome, res.reason, res.code, limit, cmd))
    os.chmod(d / "cmd.sh", 0o755)
    (d / "meta.json").write_text(json.dumps({
        "subcommand": res.case.sub, "outcome": res.outcome, "reason": res.reason, "exit": res.code,
        "args": res.case.args, "env": res.case.env, "note": res.case.note, "seconds": round(res.seconds, 2),
        "signature": pattern(signature_line(res.stderr)), "stderr": res.stderr[:4000], "stdout": res.stdout[:2000],
    }, indent=1, ensure_ascii=False))
    return d


def fuzz(porvm: str, subs: list[str], seed: int, runs: int | None, max_seconds: float | None, out: Path,
         jobs: int, timeout: float, mem_mb: int, shared: Path | None, quiet: bool = False, repo: Path = REPO) -> int:
    scratch = Path(tempfile.mkdtemp(prefix="porvm-fuzz-"))
    try:
        seeds = Seeds(repo, shared, scratch)
        if not seeds.scenarios or not seeds.artifacts or not seeds.statetests:
            print("mutate-cli: setup error: seed files missing under " + str(repo), file=sys.stderr)
            return 2
        stats = Stats(subs)
        out.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + max_seconds if max_seconds else None
        total = runs * len(subs) if runs is not None else None
        counter = iter(range(10**12))
        counter_lock = threading.Lock()

        def next_case():
            with counter_lock:
                i = next(counter)
            if total is not None and i >= total:
                return None
            if deadline is not None and time.monotonic() >= deadline:
                return None
            sub = subs[i % len(subs)]
            rng = random.Random(f"{seed}:{sub}:{i // len(subs)}")
            return i, GENERATORS[sub](rng, seeds)

        def worker():
            while True:
                item = next_case()
                if item is None:
                    return
                i, case = item
                workdir = scratch / f"case-{i}"
                res = run_case(porvm, case, workdir, timeout, mem_mb << 20)
                with stats.lock:
                    c = stats.counts[case.sub]
                    c["runs"] += 1
                    c[res.outcome] += 1
                    stats.seconds[case.sub] += res.seconds
                    if res.outcome != "ok":
                        key = (case.sub, res.outcome, pattern(signature_line(res.stderr)) if res.outcome != "hang" else case.note)
                        entry = stats.distinct.setdefault(key, {"count": 0, "first": None, "reason": res.reason})
                        entry["count"] += 1
                        d = save_reproducer(out, res, key, i, entry["count"], mem_mb << 20)
                        if entry["first"] is None:
                            entry["first"] = str(d)
                            if not quiet:
                                print(f"[{case.sub}] {res.outcome.upper()}: {res.reason}: "
                                      f"{pattern(signature_line(res.stderr)) or '-'}  -> {d}", flush=True)
                shutil.rmtree(workdir, ignore_errors=True)

        threads = [threading.Thread(target=worker, daemon=True) for _ in range(max(1, jobs))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

        print("\n%-10s %6s %6s %6s %6s %9s %8s" % ("subcommand", "runs", "ok", "crash", "hang", "baderror", "seconds"))
        for s in subs:
            c = stats.counts[s]
            print("%-10s %6d %6d %6d %6d %9d %8.1f" % (s, c["runs"], c["ok"], c["crash"], c["hang"], c["baderror"], stats.seconds[s]))
        if stats.distinct:
            print("\ndistinct failures (subcommand, outcome, pattern): count, first reproducer")
            for key, e in sorted(stats.distinct.items(), key=lambda kv: (kv[0][0], kv[0][1], str(kv[0][2]))):
                print(f"  {key[0]:9} {key[1]:8} {key[2] or '-'!s:.110}  x{e['count']}  {e['first']}")
        summary = {"seed": seed, "counts": stats.counts,
                   "distinct": [{"subcommand": k[0], "outcome": k[1], "pattern": k[2], "count": e["count"],
                                 "reason": e["reason"], "reproducer": e["first"]} for k, e in stats.distinct.items()]}
        (out / "summary.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False))
        return 1 if stats.distinct else 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


# --------------------------------------------------------------------------------------------
# Self-test: a fake porvm that crashes, hangs, or prints two lines must be caught.

FAKE_PORVM = r'''#!/usr/bin/env python3
import os, sys, time, signal
mode = os.environ.get("FAKE_PORVM_MODE", "ok")
if mode == "ok":
    print("status: success"); sys.exit(0)
if mode == "usage":
    sys.stderr.write("porvm: gas must not be negative\n"); sys.exit(2)
if mode == "crash":
    sys.stderr.write("porvm/Foo.swift:12: Fatal error: Index out of range\n"); sys.stderr.flush()
    os.kill(os.getpid(), signal.SIGILL)
if mode == "abort":
    sys.exit(134)
if mode == "hang":
    time.sleep(60)
if mode == "twolines":
    sys.stderr.write("porvm: bad input\nmore detail\n"); sys.exit(2)
if mode == "control":
    sys.stderr.write("porvm: bad hex '\x1b[31m'\n"); sys.exit(2)
if mode == "weird":
    sys.exit(3)
'''


def self_test(verbose: bool = True) -> int:
    failures = []
    # classify() alone
    expect = [
        (("run", 0, False, ""), "ok"), (("run", 1, False, "x\ny\n"), "ok"), (("run", 2, False, "porvm: bad\n"), "ok"),
        (("run", -4, False, ""), "crash"), (("run", 134, False, ""), "crash"), (("run", 3, False, ""), "crash"),
        (("run", None, True, ""), "hang"), (("run", 2, False, "porvm: a\nb\n"), "baderror"),
        (("run", 2, False, ""), "baderror"), (("run", 2, False, "porvm: \x1b[31m\n"), "baderror"),
        (("run", 2, False, "Error: x\n"), "baderror"),
        (("statetest", 1, False, "ERROR t.json: bad\nstatetest: 1 files\n"), "baderror"),
        (("statetest", 1, False, "statetest: 1 files in 0.1 s\n"), "ok"),
    ]
    for args, want in expect:
        got = classify(*args)[0]
        if got != want:
            failures.append(f"classify{args!r}: {got}, want {want}")
    # the whole loop against a fake porvm
    tmp = Path(tempfile.mkdtemp(prefix="porvm-fuzz-selftest-"))
    try:
        fake = tmp / "fake-porvm"
        fake.write_text(FAKE_PORVM)
        fake.chmod(0o755)
        for mode, want_exit, want_outcome in [("ok", 0, None), ("usage", 0, None), ("crash", 1, "crash"),
                                              ("abort", 1, "crash"), ("weird", 1, "crash"), ("hang", 1, "hang"),
                                              ("twolines", 1, "baderror"), ("control", 1, "baderror")]:
            os.environ["FAKE_PORVM_MODE"] = mode
            out = tmp / ("out-" + mode)
            import io, contextlib
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                code = fuzz(str(fake), ["run", "scenario"], seed=1, runs=2, max_seconds=None, out=out, jobs=2,
                            timeout=1.5, mem_mb=0, shared=None, quiet=True)
            if code != want_exit:
                failures.append(f"mode {mode}: fuzzer exit {code}, want {want_exit}")
            summary = json.loads((out / "summary.json").read_text())
            for sub in ["run", "scenario"]:
                c = summary["counts"][sub]
                if c["runs"] != 2:
                    failures.append(f"mode {mode}: {sub} ran {c['runs']} times, want 2")
                if want_outcome and c[want_outcome] != 2:
                    failures.append(f"mode {mode}: {sub} counted {c}, want 2 {want_outcome}")
            if want_outcome:
                repros = [p for p in out.iterdir() if p.is_dir()]
                if not repros or not all((p / "cmd.sh").exists() for p in repros):
                    failures.append(f"mode {mode}: no reproducer saved")
                # de-duplication: one distinct failure per subcommand
                subs_seen = {d["subcommand"] for d in summary["distinct"]}
                if subs_seen != {"run", "scenario"} or len(summary["distinct"]) > 4:
                    failures.append(f"mode {mode}: distinct failures {summary['distinct']}")
        os.environ.pop("FAKE_PORVM_MODE", None)
        # determinism: the same seed gives the same cases
        seeds = Seeds(REPO, None, tmp)
        a = [GENERATORS[s](random.Random(f"7:{s}:3"), seeds) for s in SUBCOMMANDS]
        b = [GENERATORS[s](random.Random(f"7:{s}:3"), seeds) for s in SUBCOMMANDS]
        if [(c.args, c.files, c.env) for c in a] != [(c.args, c.files, c.env) for c in b]:
            failures.append("the same seed gave different cases")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if verbose:
        for f in failures:
            print("self-test FAILED: " + f)
        print("self-test: %s" % ("ok" if not failures else f"{len(failures)} failures"))
    return 1 if failures else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Mutation fuzzing of the porvm command line.")
    ap.add_argument("--porvm", default=str(REPO / ".build/release/porvm"), help="porvm binary (default: .build/release/porvm)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, help="mutated inputs per subcommand")
    ap.add_argument("--max-seconds", type=float, help="wall-clock budget for the whole pass")
    ap.add_argument("--subcommands", default=",".join(SUBCOMMANDS), help="comma-separated: " + ",".join(SUBCOMMANDS))
    ap.add_argument("--out", default="fuzz-out/cli", help="folder for reproducers and summary.json")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds per run before it counts as a hang")
    ap.add_argument("--mem-mb", type=int, default=4096,
                    help="address-space limit per run in MiB (porvm reserves 1 GiB stacks per EVM thread)")
    ap.add_argument("--shared", default=str(REPO.parent / "shared"),
                    help="folder holding ethereum-tests/ (a few state tests are taken as seeds)")
    ap.add_argument("--self-test", action="store_true", help="check the fuzzer itself against a fake porvm")
    a = ap.parse_args(argv)
    if a.self_test:
        return self_test()
    subs = [s for s in a.subcommands.split(",") if s]
    bad = [s for s in subs if s not in GENERATORS]
    if bad or not subs:
        print(f"mutate-cli: setup error: unknown subcommand(s) {bad}", file=sys.stderr)
        return 2
    if not (os.path.isfile(a.porvm) and os.access(a.porvm, os.X_OK)):
        print(f"mutate-cli: setup error: no executable porvm at {a.porvm} (swift build -c release --product porvm)", file=sys.stderr)
        return 2
    if a.runs is None and a.max_seconds is None:
        a.runs = 50
    shared = Path(a.shared)
    shared_ok = shared if (shared / "ethereum-tests").is_dir() else None
    if shared_ok is None:
        print(f"mutate-cli: no {shared}/ethereum-tests: state-test seeds from Tests/ only", file=sys.stderr)
    return fuzz(os.path.abspath(a.porvm), subs, a.seed, a.runs, a.max_seconds, Path(a.out), a.jobs, a.timeout,
                a.mem_mb, shared_ok)


if __name__ == "__main__":
    sys.exit(main())
