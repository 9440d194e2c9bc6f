#!/usr/bin/env python3
"""Differential fuzzing of porvm against revm (pyrevm).

Generates seeded random *well-formed* EVM programs (a main contract, a few contracts it calls,
pre-state storage and balances), runs each as a transaction on pyrevm and on porvm (one
long-lived `porvm exec` process fed in batches) in the same environment, and compares status,
halt reason class, return data, gas used, logs and the post-state (balances, nonces, code,
storage). A divergence is shrunk (delta debugging over the program's units, the other
contracts, the pre-state and the call data) and written as a reproducer under --out.

Exit codes: 0 no divergence, 1 divergence(s), 2 setup error (pyrevm missing, porvm missing, ...).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import threading
import time

try:
    import pyrevm
    from pyrevm import EVM, Env, BlockEnv, CfgEnv, AccountInfo
except ImportError as exc:  # fail loudly: a fuzzer that cannot run must never "pass"
    print(f"difffuzz: setup error: cannot import pyrevm ({exc}); run scripts/fuzz/setup-venv.sh "
          "and use .venv-fuzz/bin/python", file=sys.stderr)
    sys.exit(2)

# ---------------------------------------------------------------------------------------------
# Environment shared by both sides

SENDER = "0x" + "10" * 20
COINBASE = "0x" + "c0" * 19 + "1b"
MAIN = "0x" + "00" * 17 + "c0de00"
SUBS = ["0x" + "00" * 17 + "c0de01", "0x" + "00" * 17 + "c0de02", "0x" + "00" * 17 + "c0de03"]
EOA = "0x" + "00" * 18 + "e0a1"
NOBODY = "0x" + "00" * 18 + "dead"
BLOCK_GAS_LIMIT = 30_000_000
STORAGE_KEYS = list(range(8))
STRICT_REASONS = False

# porvm fork name -> pyrevm spec id (pyrevm silently maps unknown names to LATEST, so every
# fork is checked against opcode activation probes before fuzzing).
FORKS = {"Cancun": "Cancun", "Shanghai": "Shanghai", "Paris": "Merge", "London": "London", "Berlin": "Berlin"}
FORK_ORDER = ["Berlin", "London", "Paris", "Shanghai", "Cancun"]


def fork_at_least(fork: str, other: str) -> bool:
    return FORK_ORDER.index(fork) >= FORK_ORDER.index(other)


# ---------------------------------------------------------------------------------------------
# Opcodes

OPNAMES = {
    0x00: "STOP", 0x01: "ADD", 0x02: "MUL", 0x03: "SUB", 0x04: "DIV", 0x05: "SDIV", 0x06: "MOD",
    0x07: "SMOD", 0x08: "ADDMOD", 0x09: "MULMOD", 0x0A: "EXP", 0x0B: "SIGNEXTEND", 0x10: "LT",
    0x11: "GT", 0x12: "SLT", 0x13: "SGT", 0x14: "EQ", 0x15: "ISZERO", 0x16: "AND", 0x17: "OR",
    0x18: "XOR", 0x19: "NOT", 0x1A: "BYTE", 0x1B: "SHL", 0x1C: "SHR", 0x1D: "SAR", 0x20: "KECCAK256",
    0x30: "ADDRESS", 0x31: "BALANCE", 0x32: "ORIGIN", 0x33: "CALLER", 0x34: "CALLVALUE",
    0x35: "CALLDATALOAD", 0x36: "CALLDATASIZE", 0x37: "CALLDATACOPY", 0x38: "CODESIZE",
    0x39: "CODECOPY", 0x3A: "GASPRICE", 0x3B: "EXTCODESIZE", 0x3C: "EXTCODECOPY",
    0x3D: "RETURNDATASIZE", 0x3E: "RETURNDATACOPY", 0x3F: "EXTCODEHASH", 0x40: "BLOCKHASH",
    0x41: "COINBASE", 0x42: "TIMESTAMP", 0x43: "NUMBER", 0x44: "PREVRANDAO", 0x45: "GASLIMIT",
    0x46: "CHAINID", 0x47: "SELFBALANCE", 0x48: "BASEFEE", 0x49: "BLOBHASH", 0x4A: "BLOBBASEFEE",
    0x50: "POP", 0x51: "MLOAD", 0x52: "MSTORE", 0x53: "MSTORE8", 0x54: "SLOAD", 0x55: "SSTORE",
    0x56: "JUMP", 0x57: "JUMPI", 0x58: "PC", 0x59: "MSIZE", 0x5A: "GAS", 0x5B: "JUMPDEST",
    0x5C: "TLOAD", 0x5D: "TSTORE", 0x5E: "MCOPY", 0x5F: "PUSH0",
    0xF0: "CREATE", 0xF1: "CALL", 0xF2: "CALLCODE", 0xF3: "RETURN", 0xF4: "DELEGATECALL",
    0xF5: "CREATE2", 0xFA: "STATICCALL", 0xFD: "REVERT", 0xFE: "INVALID", 0xFF: "SELFDESTRUCT",
}
for i in range(32):
    OPNAMES[0x60 + i] = f"PUSH{i + 1}"
for i in range(16):
    OPNAMES[0x80 + i] = f"DUP{i + 1}"
    OPNAMES[0x90 + i] = f"SWAP{i + 1}"
for i in range(5):
    OPNAMES[0xA0 + i] = f"LOG{i}"
OP = {v: k for k, v in OPNAMES.items()}


def fork_opcodes(fork: str) -> set[int]:
    ops = set(OPNAMES)
    if not fork_at_least(fork, "London"):
        ops.discard(0x48)
    if not fork_at_least(fork, "Shanghai"):
        ops.discard(0x5F)
    if not fork_at_least(fork, "Cancun"):
        ops -= {0x49, 0x4A, 0x5C, 0x5D, 0x5E}
    return ops


def push(value: int, width: int | None = None) -> bytes:
    value %= 1 << 256
    if width is None:
        width = max(1, (value.bit_length() + 7) // 8)
    return bytes([0x5F + width]) + value.to_bytes(width, "big")


def disassemble(code: bytes) -> str:
    out, i = [], 0
    while i < len(code):
        op = code[i]
        name = OPNAMES.get(op, f"0x{op:02x}")
        if 0x60 <= op <= 0x7F:
            n = op - 0x5F
            out.append(f"{name} 0x{code[i + 1:i + 1 + n].hex() or '0'}")
            i += 1 + n
        else:
            out.append(name)
            i += 1
    return " ".join(out)


# ---------------------------------------------------------------------------------------------
# Precompile inputs (valid and junk)

SECP_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141
SECP_P = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F
SECP_G = (0x79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798,
          0x483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8)


def _ec_add(a, b):
    if a is None:
        return b
    if b is None:
        return a
    if a[0] == b[0] and (a[1] + b[1]) % SECP_P == 0:
        return None
    if a == b:
        lam = 3 * a[0] * a[0] * pow(2 * a[1], -1, SECP_P)
    else:
        lam = (b[1] - a[1]) * pow(b[0] - a[0], -1, SECP_P)
    x = (lam * lam - a[0] - b[0]) % SECP_P
    return x, (lam * (a[0] - x) - a[1]) % SECP_P


def _ec_mul(k, pt):
    acc = None
    while k:
        if k & 1:
            acc = _ec_add(acc, pt)
        pt = _ec_add(pt, pt)
        k >>= 1
    return acc


def ecdsa_signatures(count: int) -> list[bytes]:
    """Valid ecrecover inputs (hash, v, r, s), signed with fixed keys and nonces."""
    rng = random.Random(12345)
    out = []
    while len(out) < count:
        z, d, k = rng.getrandbits(256), rng.randrange(1, SECP_N), rng.randrange(1, SECP_N)
        R = _ec_mul(k, SECP_G)
        r = R[0] % SECP_N
        s = pow(k, -1, SECP_N) * (z + r * d) % SECP_N
        if r == 0 or s == 0 or R[0] >= SECP_N:
            continue
        v = 27 + (R[1] & 1)
        out.append(z.to_bytes(32, "big") + v.to_bytes(32, "big") + r.to_bytes(32, "big") + s.to_bytes(32, "big"))
    return out


BN_U = 4965661367192848881
BN_P = 36 * BN_U ** 4 + 36 * BN_U ** 3 + 24 * BN_U ** 2 + 6 * BN_U + 1
BN_G2 = bytes.fromhex(
    "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
    "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
    "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b"
    "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa")
BN_G1 = (1).to_bytes(32, "big") + (2).to_bytes(32, "big")
BN_G1_NEG = (1).to_bytes(32, "big") + (BN_P - 2).to_bytes(32, "big")
BLS_MODULUS = 0x73EDA753299D7D483339D80809A1D80553BDA402FFFE5BFEFFFFFFFF00000001


def w(x: int) -> bytes:
    return (x % (1 << 256)).to_bytes(32, "big")


class Inputs:
    def __init__(self):
        self.sigs = ecdsa_signatures(8)
        inf = b"\xc0" + b"\x00" * 47
        vh = b"\x01" + hashlib.sha256(inf).digest()[1:]
        self.point_eval_zero = vh + w(5) + w(0) + inf + inf

    def for_precompile(self, rng: random.Random, p: int) -> bytes:
        junk = rng.random() < 0.3
        if junk:
            n = rng.choice([0, 1, 31, 32, 64, 96, 128, 160, 192, 213, 384, rng.randrange(0, 400)])
            return bytes(rng.getrandbits(8) for _ in range(n))
        if p == 1:
            s = bytearray(rng.choice(self.sigs))
            if rng.random() < 0.2:
                s[63] = rng.choice([0, 26, 29, 28])
            return bytes(s)
        if p in (2, 3, 4):
            return bytes(rng.getrandbits(8) for _ in range(rng.randrange(0, 200)))
        if p == 5:
            lb, le, lm = (rng.choice([0, 1, 2, 8, 31, 32, 33, 64]) for _ in range(3))
            if rng.random() < 0.1:
                le = rng.choice([100, 4096])
            body = bytes(rng.getrandbits(8) for _ in range(lb + min(le, 64) + lm))
            return w(lb) + w(le) + w(lm) + body
        if p == 6:
            return rng.choice([BN_G1 + BN_G1, BN_G1 + BN_G1_NEG, BN_G1 + b"\x00" * 64, b"\x00" * 128, BN_G1])
        if p == 7:
            return rng.choice([BN_G1, b"\x00" * 64, BN_G1_NEG]) + w(rng.choice([0, 1, 2, rng.getrandbits(256)]))
        if p == 8:
            return rng.choice([b"", BN_G1 + BN_G2, BN_G1 + BN_G2 + BN_G1_NEG + BN_G2, b"\x00" * 64 + BN_G2])
        if p == 9:
            rounds = rng.choice([0, 1, 2, 12, 20])
            f = rng.choice([0, 1, 1, 2])
            return rounds.to_bytes(4, "big") + bytes(rng.getrandbits(8) for _ in range(208)) + bytes([f])
        if p == 10:
            b = bytearray(self.point_eval_zero)
            if rng.random() < 0.3:
                b[32:64] = w(rng.choice([BLS_MODULUS, BLS_MODULUS - 1, rng.getrandbits(255)]))
            return bytes(b)
        return b""


# ---------------------------------------------------------------------------------------------
# Program generation. A contract's code is a list of units; each unit is self-contained
# (it pushes its own operands) so that dropping units while shrinking keeps programs valid.
# A unit is (bytes, fixups): each fixup (pos, rel) writes the 2-byte absolute address
# unit_start + rel at bytes[pos:pos+2] (jump targets survive unit removal).

INTERESTING = [0, 1, 2, 3, 7, 31, 32, 33, 63, 64, 255, 256, 257, 0x7FFF, 0xFFFF, 1 << 63, (1 << 64) - 1,
               1 << 64, 1 << 128, (1 << 255) - 1, 1 << 255, (1 << 256) - 1, (1 << 256) - 2]
ARITH = {"ADD": 2, "MUL": 2, "SUB": 2, "DIV": 2, "SDIV": 2, "MOD": 2, "SMOD": 2, "ADDMOD": 3,
         "MULMOD": 3, "EXP": 2, "SIGNEXTEND": 2, "LT": 2, "GT": 2, "SLT": 2, "SGT": 2, "EQ": 2,
         "ISZERO": 1, "AND": 2, "OR": 2, "XOR": 2, "NOT": 1, "BYTE": 2, "SHL": 2, "SHR": 2, "SAR": 2}
ENV_OPS = ["ADDRESS", "ORIGIN", "CALLER", "CALLVALUE", "CALLDATASIZE", "CODESIZE", "GASPRICE",
           "RETURNDATASIZE", "COINBASE", "TIMESTAMP", "NUMBER", "PREVRANDAO", "GASLIMIT", "CHAINID",
           "SELFBALANCE", "BASEFEE", "BLOBBASEFEE", "GAS", "PC", "MSIZE"]


class Gen:
    def __init__(self, rng: random.Random, fork: str, inputs: Inputs, number: int):
        self.r = rng
        self.fork = fork
        self.ops = fork_opcodes(fork)
        self.inputs = inputs
        self.number = number

    # values and helpers
    def val(self) -> int:
        r = self.r.random()
        if r < 0.45:
            return self.r.choice(INTERESTING)
        if r < 0.75:
            return self.r.randrange(0, 300)
        if r < 0.85:
            return self.r.choice(INTERESTING) + self.r.choice([-1, 1])
        return self.r.getrandbits(self.r.choice([8, 16, 64, 160, 256]))

    def p(self, value: int) -> bytes:
        if value == 0 and 0x5F in self.ops and self.r.random() < 0.5:
            return b"\x5f"
        width = max(1, ((value % (1 << 256)).bit_length() + 7) // 8)
        if self.r.random() < 0.1:
            width = self.r.randint(width, 32)
        return push(value, max(1, width))

    def op(self, name: str) -> bytes:
        return bytes([OP[name]])

    def has(self, name: str) -> bool:
        return OP[name] in self.ops

    def slot(self) -> int:
        return 32 * self.r.randrange(0, 16)

    def sink(self) -> bytes:
        """Consumes the top of the stack, making it observable."""
        r = self.r.random()
        if r < 0.55:
            return self.p(self.slot()) + self.op("MSTORE")
        if r < 0.75:
            return self.p(self.r.choice(STORAGE_KEYS)) + self.op("SSTORE")
        if r < 0.82 and self.has("TSTORE"):
            return self.p(self.r.randrange(0, 4)) + self.op("TSTORE")
        return self.op("POP")

    def mem_off(self) -> int:
        r = self.r.random()
        if r < 0.88:
            return self.r.randrange(0, 0x900)
        if r < 0.99:
            return self.r.randrange(0, 0x10000)
        # Huge offsets: with a zero size they touch nothing (issue 8's trap); otherwise out of gas.
        return self.r.choice([1 << 32, (1 << 256) - 1, 0xFFFFFFFF, (1 << 64) - 1, 1 << 63,
                              (1 << 256) - (1 << 64) + 5, (1 << 63) - 1])

    def mem_len(self) -> int:
        r = self.r.random()
        if r < 0.2:
            return 0
        if r < 0.9:
            return self.r.randrange(1, 200)
        if r < 0.995:
            return self.r.randrange(200, 0x4000)
        return self.r.choice([1 << 32, (1 << 256) - 1])

    def store_bytes(self, data: bytes, offset: int) -> bytes:
        out = b""
        for i in range(0, len(data), 32):
            chunk = data[i:i + 32].ljust(32, b"\x00")
            out += push(int.from_bytes(chunk, "big"), 32) + self.p(offset + i) + self.op("MSTORE")
        return out

    def address(self, self_addr: str) -> int:
        r = self.r.random()
        if r < 0.45:
            a = self.r.choice(SUBS)
        elif r < 0.55:
            a = self_addr
        elif r < 0.65:
            a = MAIN
        elif r < 0.8:
            return self.r.randrange(1, 11)
        else:
            a = self.r.choice([EOA, NOBODY, SENDER, COINBASE, "0x" + "00" * 19 + "0b"])
        return int(a, 16)

    def gas_arg(self) -> bytes:
        r = self.r.random()
        if r < 0.35:
            return self.op("GAS")
        if r < 0.55:
            return self.p(self.r.randrange(0, 3000))
        if r < 0.9:
            return self.p(self.r.randrange(3000, 300000))
        return self.p(self.r.choice([(1 << 64) - 1, (1 << 256) - 1, 1 << 63]))

    # units
    def u_arith(self):
        name = self.r.choice(list(ARITH))
        code = b"".join(self.p(self.val()) for _ in range(ARITH[name])) + self.op(name)
        return code + self.sink()

    def u_chain(self):
        # results feeding results: stack depth 1 all the way
        code = self.p(self.val())
        for _ in range(self.r.randrange(1, 6)):
            name = self.r.choice(list(ARITH))
            code += b"".join(self.p(self.val()) for _ in range(ARITH[name] - 1)) + self.op(name)
        return code + self.sink()

    def u_memory(self):
        r = self.r.random()
        if r < 0.3:
            return self.p(self.val()) + self.p(self.mem_off()) + self.op("MSTORE")
        if r < 0.45:
            return self.p(self.val()) + self.p(self.mem_off()) + self.op("MSTORE8")
        if r < 0.65:
            return self.p(self.mem_off()) + self.op("MLOAD") + self.sink()
        if r < 0.85 and self.has("MCOPY"):
            return self.p(self.mem_len()) + self.p(self.mem_off()) + self.p(self.mem_off()) + self.op("MCOPY")
        return self.op("MSIZE") + self.sink()

    def u_storage(self):
        r = self.r.random()
        if r < 0.5:
            v = self.r.choice([0, 0, 1, 2, self.val()])
            return self.p(v) + self.p(self.r.choice(STORAGE_KEYS + [self.val()])) + self.op("SSTORE")
        return self.p(self.r.choice(STORAGE_KEYS)) + self.op("SLOAD") + self.sink()

    def u_transient(self):
        if not self.has("TSTORE"):
            return self.u_storage()
        if self.r.random() < 0.5:
            return self.p(self.val()) + self.p(self.r.randrange(0, 4)) + self.op("TSTORE")
        return self.p(self.r.randrange(0, 4)) + self.op("TLOAD") + self.sink()

    def u_hash(self):
        return self.p(self.mem_len() if self.r.random() < 0.3 else self.r.randrange(0, 300)) + \
            self.p(self.mem_off()) + self.op("KECCAK256") + self.sink()

    def u_env(self):
        r = self.r.random()
        names = [n for n in ENV_OPS if self.has(n)]
        if r < 0.45:
            return self.op(self.r.choice(names)) + self.sink()
        if r < 0.6:
            name = self.r.choice(["BALANCE", "EXTCODESIZE", "EXTCODEHASH"])
            return self.p(self.address(MAIN)) + self.op(name) + self.sink()
        if r < 0.7:
            n = self.r.choice([self.number - 1, self.number - 2, self.number, self.number - 256,
                               self.number - 257, 0, self.val()])
            return self.p(max(n, 0)) + self.op("BLOCKHASH") + self.sink()
        if r < 0.78:
            return self.p(self.r.randrange(0, 80)) + self.op("CALLDATALOAD") + self.sink()
        if r < 0.9:
            name = self.r.choice(["CALLDATACOPY", "CODECOPY"])
            return self.p(self.mem_len()) + self.p(self.r.randrange(0, 100)) + self.p(self.mem_off()) + self.op(name)
        if r < 0.95 and self.has("BLOBHASH"):
            return self.p(self.r.choice([0, 1, self.val()])) + self.op("BLOBHASH") + self.sink()
        return self.p(self.mem_len()) + self.p(self.r.randrange(0, 100)) + self.p(self.mem_off()) + \
            self.p(self.address(MAIN)) + self.op("EXTCODECOPY")

    def u_log(self):
        n = self.r.randrange(0, 5)
        return b"".join(self.p(self.val()) for _ in range(n)) + self.p(self.r.randrange(0, 100)) + \
            self.p(self.r.randrange(0, 0x900)) + self.op(f"LOG{n}")

    def call_tail(self, kind: str, target: bytes, args_off: int, args_len: int) -> bytes:
        ret_off, ret_len = self.r.randrange(0, 0x900), self.r.choice([0, 32, 64, self.r.randrange(0, 200)])
        code = self.p(ret_len) + self.p(ret_off) + self.p(args_len) + self.p(args_off)
        if kind in ("CALL", "CALLCODE"):
            code += self.p(self.r.choice([0, 0, 0, 1, 7, 1000, 10 ** 18, self.val()]))
        code += target + self.gas_arg() + self.op(kind)
        code += self.sink()
        r = self.r.random()
        if r < 0.3:
            code += self.op("RETURNDATASIZE") + self.sink()
        elif r < 0.5:
            if self.r.random() < 0.15:
                # past the end: an exceptional halt (EIP-211)
                code += self.p(self.r.choice([0, 1, 32, 64])) + self.p(self.r.choice([0, 0, 1, 8])) + \
                    self.p(self.r.randrange(0, 0x900)) + self.op("RETURNDATACOPY")
            else:
                code += self.op("RETURNDATASIZE") + self.p(0) + self.p(self.r.randrange(0, 0x900)) + \
                    self.op("RETURNDATACOPY")
        return code

    def u_call(self, self_addr: str):
        kind = self.r.choice(["CALL", "CALL", "CALLCODE", "DELEGATECALL", "STATICCALL"])
        args_off, args_len = self.r.randrange(0, 0x900), self.r.choice([0, 4, 32, self.r.randrange(0, 100)])
        return self.call_tail(kind, self.p(self.address(self_addr)), args_off, args_len)

    def u_precompile(self):
        pc = self.r.randrange(1, 11 if self.fork == "Cancun" else 10)
        data = self.inputs.for_precompile(self.r, pc)
        off = 0x400
        kind = self.r.choice(["STATICCALL", "CALL", "CALL", "DELEGATECALL", "CALLCODE"])
        return self.store_bytes(data, off) + self.call_tail(kind, self.p(pc), off, len(data))

    def init_code(self, depth: int) -> bytes:
        """Init code: some units, then returns a runtime (or reverts, halts, returns bad code)."""
        body = b"".join(self.unit(depth + 1, "0x" + "00" * 20, allow_terminal=False, small=True)[0]
                        for _ in range(self.r.randrange(0, 3)))
        r = self.r.random()
        if r < 0.7:
            runtime = assemble([self.unit(depth + 1, "0x" + "00" * 20, small=True) for _ in range(self.r.randrange(0, 4))]
                               + [(self.terminal(sub=True), [])])
            if self.r.random() < 0.05:
                runtime = b"\xef" + runtime
            tail_len = 2 + 1 + 3 + 2 + 1 + 3 + 2 + 1  # PUSH2 len, PUSH2 off, PUSH1 0, CODECOPY, PUSH2 len, PUSH1 0, RETURN
            start = len(body) + tail_len + 1
            return body + push(len(runtime), 2) + push(start, 2) + push(0, 1) + self.op("CODECOPY") + \
                push(len(runtime), 2) + push(0, 1) + self.op("RETURN") + self.op("INVALID") + runtime
        if r < 0.8:
            return body + self.p(self.r.randrange(0, 64)) + self.p(0) + self.op("REVERT")
        if r < 0.85:
            return body + self.p(self.r.choice([0x6000, 0x6001])) + self.p(0) + self.op("RETURN")
        if r < 0.92:
            return body + self.p(self.address(MAIN)) + self.op("SELFDESTRUCT")
        return body + self.r.choice([self.op("INVALID"), b"\x0c", self.op("STOP")])

    def u_create(self, depth: int):
        init = self.init_code(depth)
        off = 0x200
        code = self.store_bytes(init, off)
        create2 = self.r.random() < 0.5
        if create2:
            code += self.p(self.r.choice([0, 1, self.val()]))
        length = len(init) if self.r.random() < 0.95 else self.r.choice([0, 0xC001])
        code += self.p(length) + self.p(off) + self.p(self.r.choice([0, 0, 1, 10 ** 18]))
        code += self.op("CREATE2" if create2 else "CREATE")
        if self.r.random() < 0.5:
            # call what was created
            code += self.op("DUP1") + self.sink()
            kind = self.r.choice(["CALL", "STATICCALL", "DELEGATECALL"])
            ret = self.p(32) + self.p(self.r.randrange(0, 0x200)) + self.p(0) + self.p(0)
            if kind == "CALL":
                ret += self.p(self.r.choice([0, 1]))
                code += ret + self.op("DUP6")
            else:
                code += ret + self.op("DUP5")
            code += self.gas_arg() + self.op(kind) + self.sink() + self.op("POP")
        else:
            code += self.sink()
        return code

    def u_jump(self):
        r = self.r.random()
        if r < 0.4:
            # forward jump over junk
            junk = bytes(self.r.getrandbits(8) for _ in range(self.r.randrange(0, 6)))
            code = bytearray(b"\x61\x00\x00" + self.op("JUMP") + junk + self.op("JUMPDEST"))
            return bytes(code), [(1, len(code) - 1)]
        if r < 0.7:
            # conditional jump
            cond = self.p(self.r.choice([0, 1, self.val()]))
            skipped = self.p(self.val()) + self.sink()
            code = cond + b"\x61\x00\x00" + self.op("JUMPI") + skipped + self.op("JUMPDEST")
            return code, [(len(cond) + 1, len(code) - 1)]
        if r < 0.95:
            # counted loop: PUSH n; L: JUMPDEST PUSH1 1 SWAP1 SUB DUP1 PUSH2 L JUMPI POP
            n = self.r.choice([1, 2, 5, 20, 100, 1000])
            head = self.p(n)
            body = self.op("JUMPDEST") + push(1, 1) + self.op("SWAP1") + self.op("SUB")
            extra = self.r.choice([b"", self.op("GAS") + self.op("POP"), self.p(1) + self.op("MLOAD") + self.op("POP")])
            tail = self.op("DUP1") + b"\x61\x00\x00" + self.op("JUMPI") + self.op("POP")
            code = head + body + extra + tail
            return code, [(len(head) + len(body) + len(extra) + 2, len(head))]
        # a bad jump: into push data or past the end
        return self.p(self.r.choice([1, 0xFFFF, self.val()])) + self.op(self.r.choice(["JUMP", "JUMPI"])), []

    def u_deep_stack(self, depth_now: int):
        target = self.r.choice([1000, 1010, 1017, 1020, 1023, 1024, 1024, 1025])
        k = max(0, target - depth_now)
        filler = self.r.choice([self.op("PUSH0") if self.has("PUSH0") else push(0, 1), self.op("ADDRESS"),
                                self.op("PC"), push(1, 1)])
        code = filler * k
        for _ in range(self.r.randrange(0, 4)):
            code += self.r.choice([self.op(f"DUP{self.r.randrange(1, 17)}") + self.op("POP"),
                                   self.op(f"SWAP{self.r.randrange(1, 17)}"),
                                   self.op("ADD") + filler])
        return code + self.op("POP") * k

    def u_stackops(self):
        n = self.r.randrange(1, 17)
        code = b"".join(self.p(self.val()) for _ in range(n + 1))
        code += self.op(self.r.choice([f"DUP{n}", f"SWAP{n}"]))
        return code + self.op("POP") * (n + 1)

    def u_selfdestruct(self):
        return self.p(self.address(MAIN)) + self.op("SELFDESTRUCT")

    def terminal(self, sub: bool = False) -> bytes:
        r = self.r.random()
        if r < 0.55:
            return self.p(self.r.choice([32, 64, 128, 256, 512, self.r.randrange(0, 600)])) + self.p(0) + self.op("RETURN")
        if r < 0.7:
            return self.p(self.r.choice([0, 32, 64, 100])) + self.p(self.r.randrange(0, 64)) + self.op("REVERT")
        if r < 0.8:
            return self.op("STOP")
        if r < 0.88:
            return self.u_selfdestruct()
        if r < 0.92:
            return self.op("INVALID")
        if r < 0.95:
            return self.op(self.r.choice(["ADD", "SWAP1", "JUMP"]))  # underflow on an empty stack
        return b""  # running off the end

    def unit(self, depth: int, self_addr: str, allow_terminal: bool = True, small: bool = False, depth_now: int = 0):
        """A (bytes, fixups) unit from a weighted family."""
        fams = [("arith", 14), ("chain", 6), ("memory", 10), ("storage", 10), ("transient", 4), ("hash", 4),
                ("env", 10), ("log", 4), ("call", 10), ("precompile", 8), ("create", 0 if small else 5),
                ("jump", 5), ("stackops", 3), ("deep", 0 if small else 1)]
        total = sum(wt for _, wt in fams)
        x = self.r.random() * total
        for name, wt in fams:
            x -= wt
            if x < 0:
                break
        if name == "jump":
            return self.u_jump()
        if name == "deep":
            return self.u_deep_stack(depth_now), []
        fn = {"arith": self.u_arith, "chain": self.u_chain, "memory": self.u_memory, "storage": self.u_storage,
              "transient": self.u_transient, "hash": self.u_hash, "env": self.u_env, "log": self.u_log,
              "precompile": self.u_precompile, "stackops": self.u_stackops}.get(name)
        if fn:
            return fn(), []
        if name == "call":
            return self.u_call(self_addr), []
        return self.u_create(depth), []

    def contract(self, addr: str, n_units: int) -> list:
        units = [self.unit(0, addr) for _ in range(n_units)]
        units.append((self.terminal(sub=addr != MAIN), []))
        return units


def assemble(units: list) -> bytes:
    out = bytearray()
    for code, fixups in units:
        start = len(out)
        b = bytearray(code)
        for pos, rel in fixups:
            b[pos:pos + 2] = (start + rel).to_bytes(2, "big")
        out += b
    return bytes(out)


# ---------------------------------------------------------------------------------------------
# A test program: contracts as units, pre-state, environment, transaction

class Program:
    def __init__(self, env: dict, contracts: dict, storage: dict, balances: dict, tx: dict):
        self.env = env                 # block values
        self.contracts = contracts     # addr -> list of units
        self.storage = storage         # addr -> {key: value}
        self.balances = balances       # addr -> balance
        self.tx = tx                   # data (bytes), value, gas

    def copy(self, **kw):
        p = Program(dict(self.env), {a: list(u) for a, u in self.contracts.items()},
                    {a: dict(s) for a, s in self.storage.items()}, dict(self.balances), dict(self.tx))
        for k, v in kw.items():
            setattr(p, k, v)
        return p

    def codes(self) -> dict:
        """Code of the pre-state accounts (in a creation transaction MAIN's units are the init code)."""
        return {a: assemble(u) for a, u in self.contracts.items() if not (a == MAIN and self.tx.get("create"))}

    def init_code(self) -> bytes:
        return assemble(self.contracts[MAIN])


def generate(rng: random.Random, fork: str, inputs: Inputs) -> Program:
    number = rng.choice([1, 2, 5, 17, 40, 256, 300, rng.randrange(1, 60)])
    env = {"number": number, "timestamp": rng.choice([1, 1_700_000_000, rng.getrandbits(32)]),
           "prevrandao": rng.getrandbits(256), "difficulty": rng.getrandbits(64),
           "chainId": rng.choice([1, 5, 1337, 11155111]), "excessBlobGas": rng.choice([0, 0, 1, 400_000, 10_000_000])}
    g = Gen(rng, fork, inputs, number)
    contracts = {MAIN: g.contract(MAIN, rng.randrange(1, 30))}
    for a in SUBS:
        if rng.random() < 0.85:
            contracts[a] = g.contract(a, rng.randrange(0, 8))
    # a main program at stack depth near 1024 now and then
    if rng.random() < 0.04:
        contracts[MAIN].insert(rng.randrange(0, len(contracts[MAIN])), (g.u_deep_stack(0), []))
    storage = {}
    for a in contracts:
        if rng.random() < 0.5:
            storage[a] = {k: rng.choice([1, 2, rng.getrandbits(256)]) for k in rng.sample(STORAGE_KEYS, rng.randrange(1, 5))}
    balances = {a: rng.choice([0, 0, 1, 10 ** 18]) for a in contracts}
    balances[EOA] = rng.choice([0, 5])
    r = rng.random()
    gas = rng.randrange(21_000, 60_000) if r < 0.1 else rng.choice([300_000, 1_000_000, 3_000_000, 10_000_000])
    data = bytes(rng.getrandbits(8) for _ in range(rng.choice([0, 0, 4, 32, 36, rng.randrange(0, 100)])))
    tx = {"data": data, "value": rng.choice([0, 0, 0, 1, 10 ** 6]), "gas": gas, "create": False}
    if rng.random() < 0.06:
        # a creation transaction: MAIN's units become init code that deploys a runtime
        tx["create"] = True
        contracts[MAIN] = contracts[MAIN][:-1][:rng.randrange(0, 6)] + [(g.init_code(0), [])]
        storage.pop(MAIN, None)
        balances.pop(MAIN, None)
    return Program(env, contracts, storage, balances, tx)


# ---------------------------------------------------------------------------------------------
# The revm side

_block_hash_cache: dict[int, str] = {}


def revm_block_hash(n: int) -> str:
    if n not in _block_hash_cache:
        evm = EVM()
        _block_hash_cache[n] = "0x" + bytes(evm.block_hash(n)).hex()
    return _block_hash_cache[n]


def block_hashes(number: int) -> dict:
    # revm's in-memory database answers keccak256(decimal number); porvm is given the same ones
    return {str(n): revm_block_hash(n) for n in range(max(0, number - 256), number)}


def make_evm(prog: Program, fork: str, codes: dict) -> EVM:
    e = prog.env
    env = Env(block=BlockEnv(number=e["number"], coinbase=COINBASE, timestamp=e["timestamp"],
                             difficulty=e["difficulty"], prevrandao=e["prevrandao"].to_bytes(32, "big"),
                             basefee=0, gas_limit=BLOCK_GAS_LIMIT, excess_blob_gas=e["excessBlobGas"]),
              cfg=CfgEnv(chain_id=e["chainId"]))
    evm = EVM(env=env, spec_id=FORKS[fork], gas_limit=BLOCK_GAS_LIMIT)
    # Only insert_account_info/insert_account_storage: they write the database. set_balance
    # would load the account into the (open) journal, which makes it warm for the transaction.
    for a in set(codes) | {a for a, b in prog.balances.items() if b} | {SENDER}:
        bal = 10 ** 24 if a == SENDER else prog.balances.get(a, 0)
        if a in codes:
            evm.insert_account_info(a, AccountInfo(balance=bal, nonce=1, code=codes[a]))
        else:
            evm.insert_account_info(a, AccountInfo(balance=bal, nonce=0))
    # insert_account_storage loads the account into the journal (warm) and writes the slot to
    # the database only when the account was not loaded yet (else into the journal, as a
    # dirty slot whose original value is zero): one slot per checkpoint, reverted at once,
    # leaves the value in the database and the account cold.
    for a, st in prog.storage.items():
        for k, v in st.items():
            cp = evm.snapshot()
            evm.insert_account_storage(a, k, v)
            evm.revert(cp)
    return evm


_ACCOUNT_RE = re.compile(
    r"(0x[0-9a-fA-F]{40}): Account \{ info: AccountInfo \{ balance: (\d+), nonce: (\d+), code_hash: (0x[0-9a-f]{64})"
    r".*?storage: \{(.*?)\}, status: AccountStatus\(([^)]*)\)")
_SLOT_RE = re.compile(r"(\d+): StorageSlot \{ previous_or_original_value: \d+, present_value: (\d+)")
_HALT_RE = re.compile(r"Halt \{ reason: (\w+)")
_REVERT_RE = re.compile(r"Revert \{ gas_used: (\d+), output: 0x([0-9a-f]*)")
EMPTY_CODE_HASH = "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"

# revm halt reason -> porvm status name
HALT_MAP = {
    "OutOfGas": "out of gas", "OpcodeNotFound": "invalid opcode", "NotActivated": "invalid opcode",
    "InvalidFEOpcode": "invalid instruction", "InvalidJump": "invalid jump destination",
    "StackUnderflow": "stack underflow", "StackOverflow": "stack overflow",
    "StateChangeDuringStaticCall": "write protection", "CallNotAllowedInsideStatic": "write protection",
    "OutOfOffset": "return data out of bounds", "CallTooDeep": "max call depth exceeded",
    "OutOfFunds": "insufficient balance for transfer", "PrecompileError": "precompile failed",
    "CreateCollision": "contract address collision",
    # EIP-3860: init code over the limit in CREATE/CREATE2 is an exceptional halt; the execution
    # specs raise OutOfGasError for it (revm names it CreateInitCodeSizeLimit).
    "CreateInitCodeSizeLimit": "out of gas",
    "CreateContractSizeLimit": "max code size exceeded",
    "CreateContractStartingWithEF": "invalid code: must not begin with 0xef",
}


def run_revm(prog: Program, fork: str, codes: dict) -> dict:
    evm = make_evm(prog, fork, codes)
    tx = prog.tx
    out, err = b"", None
    try:
        if tx.get("create"):
            evm.deploy(SENDER, prog.init_code(), tx["value"], tx["gas"], 0)
        else:
            out = evm.message_call(SENDER, MAIN, tx["data"], tx["value"], tx["gas"], 0)
    except Exception as exc:  # revert and halt surface as exceptions; the result is kept
        err = str(exc)
    r = evm.result
    if r is None:
        return {"status": "rejected", "reason": (err or "")[:200], "gasUsed": 0, "output": "0x", "logs": [], "post": None}
    res = {"gasUsed": r.gas_used, "logs": []}
    if r.is_success:
        res["status"] = "success"
        res["output"] = "0x" + bytes(out or b"").hex()
        for log in r.logs:
            topics, data = log.data
            res["logs"].append({"address": log.address.lower(),
                                "topics": ["0x" + bytes(t).hex().rjust(64, "0") if isinstance(t, (bytes, bytearray, list))
                                           else str(t).lower() for t in topics],
                                "data": "0x" + bytes(data).hex()})
    elif r.is_halt:
        res["status"] = "halt"
        reason = r.reason
        res["reason"] = HALT_MAP.get(reason.split("(")[0], reason)
        res["output"] = "0x"
    else:
        res["status"] = "revert"
        m = _REVERT_RE.search(err or "")
        res["output"] = "0x" + (m.group(2) if m else "")
    res["post"] = revm_post(evm, prog, codes)
    return res


def revm_post(evm: EVM, prog: Program, codes: dict) -> dict:
    """Post-state: the pre-state overlaid with the (unfinalized) journal of the transaction."""
    state = {}
    pre_accounts = set(codes) | {a for a, b in prog.balances.items() if b} | {SENDER} | \
        {a for a, st in prog.storage.items() if st}
    for a in pre_accounts:
        state[a] = {"balance": prog.balances.get(a, 0) if a != SENDER else 10 ** 24, "nonce": 1 if a in codes else 0,
                    "code": "0x" + codes[a].hex() if a in codes else "0x", "storage": dict(prog.storage.get(a, {}))}
    text = evm.journal_str
    text = text[:text.find(", transient_storage:")]
    for m in _ACCOUNT_RE.finditer(text):
        addr, bal, nonce, code_hash, slots, status = m.groups()
        addr = addr.lower()
        flags = {f.strip() for f in status.split("|")}
        if "SelfDestructed" in flags:
            state.pop(addr, None)
            continue
        acc = state.get(addr)
        if acc is None or "Created" in flags:
            acc = {"storage": {}, "codeHash": code_hash}
        acc["balance"], acc["nonce"] = int(bal), int(nonce)
        if "Created" in flags:
            acc.pop("code", None)
            acc["codeHash"] = code_hash
        for k, v in _SLOT_RE.findall(slots):
            acc["storage"][int(k)] = int(v)
        state[addr] = acc
    # porvm runs a real transaction: the sender's nonce goes up (pyrevm's message_call does not;
    # its deploy does, when it creates the account)
    if SENDER in state and not prog.tx.get("create"):
        state[SENDER]["nonce"] += 1
    return normalize_post(state)


def normalize_post(state: dict) -> dict:
    out = {}
    for a, acc in state.items():
        storage = {int(k): int(v) for k, v in acc["storage"].items() if int(v)}
        code = acc.get("code")
        empty_code = (code == "0x") if code is not None else (acc.get("codeHash") == EMPTY_CODE_HASH)
        if acc["balance"] == 0 and acc["nonce"] == 0 and empty_code and not storage:
            continue  # EIP-161: empty accounts are not part of the state we compare
        out[a.lower()] = {"balance": acc["balance"], "nonce": acc["nonce"], "code": code,
                          "codeHash": acc.get("codeHash"), "storage": storage}
    return out


# ---------------------------------------------------------------------------------------------
# The porvm side

class Porvm:
    def __init__(self, path: str):
        self.path = path
        self.proc = None
        self.start()

    def start(self):
        try:
            self.proc = subprocess.Popen([self.path, "exec", "--coverage"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
        except OSError as exc:
            raise SetupError(f"cannot start porvm '{self.path}': {exc}")

    def send(self, lines: list[str]) -> threading.Thread:
        def writer():
            try:
                self.proc.stdin.write("".join(l + "\n" for l in lines))
                self.proc.stdin.flush()
            except (BrokenPipeError, OSError):
                pass
        t = threading.Thread(target=writer, daemon=True)
        t.start()
        return t

    def receive(self, n: int) -> list[dict]:
        out = []
        for _ in range(n):
            line = self.proc.stdout.readline()
            if not line:
                err = self.proc.stderr.read()
                code = self.proc.wait()
                self.start()
                raise PorvmCrash(f"porvm exec exited with {code}: {err.strip()[:500]}")
            out.append(json.loads(line))
        return out

    def run(self, lines: list[str]) -> list[dict]:
        t = self.send(lines)
        res = self.receive(len(lines))
        t.join()
        return res

    def close(self):
        if self.proc and self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class SetupError(Exception):
    pass


class PorvmCrash(Exception):
    pass


def exec_case(prog: Program, fork: str, codes: dict, case_id) -> dict:
    e = prog.env
    pre = {SENDER: {"balance": hex(10 ** 24)}}
    for a, code in codes.items():
        pre[a] = {"code": "0x" + code.hex(), "nonce": 1}
    for a, b in prog.balances.items():
        if b:
            pre.setdefault(a, {})["balance"] = hex(b)
    for a, st in prog.storage.items():
        pre.setdefault(a, {})["storage"] = {hex(k): hex(v) for k, v in st.items()}
    return {"id": case_id, "fork": fork,
            "env": {"number": e["number"], "timestamp": e["timestamp"], "coinbase": COINBASE,
                    "gasLimit": BLOCK_GAS_LIMIT, "baseFee": 0, "prevRandao": hex(e["prevrandao"]),
                    "difficulty": hex(e["difficulty"]), "chainId": e["chainId"],
                    "excessBlobGas": e["excessBlobGas"], "blockHashes": block_hashes(e["number"])},
            "pre": pre,
            "tx": {"caller": SENDER, "to": None if prog.tx.get("create") else MAIN,
                   "data": "0x" + (prog.init_code() if prog.tx.get("create") else prog.tx["data"]).hex(),
                   "value": hex(prog.tx["value"]),
                   "gasLimit": prog.tx["gas"], "gasPrice": 0}}


def porvm_post(res: dict) -> dict | None:
    if res.get("post") is None:
        return None
    state = {}
    for a, acc in res["post"].items():
        state[a.lower()] = {"balance": int(acc["balance"], 16), "nonce": acc["nonce"], "code": acc["code"],
                            "codeHash": acc["codeHash"],
                            "storage": {int(k, 16): int(v, 16) for k, v in acc["storage"].items()}}
    return normalize_post(state)


def compare(p: dict, r: dict) -> list[str]:
    """What differs between porvm's result `p` and revm's `r` (empty when they agree)."""
    diffs = []
    if p["status"] != r["status"]:
        diffs.append(f"status: porvm {p['status']} {p.get('reason', '')} / revm {r['status']} {r.get('reason', '')}")
        return diffs
    if p["status"] == "rejected":
        return diffs
    if p["status"] == "halt" and p.get("reason") != r.get("reason"):
        # Which exceptional halt it was is not consensus (all consume the gas and revert the
        # frame); counted and reported, a divergence only with --strict-reasons.
        REASON_MISMATCHES[f"porvm {p.get('reason')} / revm {r.get('reason')}"] = \
            REASON_MISMATCHES.get(f"porvm {p.get('reason')} / revm {r.get('reason')}", 0) + 1
        if STRICT_REASONS:
            diffs.append(f"halt reason: porvm {p.get('reason')} / revm {r.get('reason')}")
    if p["gasUsed"] != r["gasUsed"]:
        diffs.append(f"gasUsed: porvm {p['gasUsed']} / revm {r['gasUsed']}")
    if p["output"] != r["output"]:
        diffs.append(f"output: porvm {p['output'][:80]} / revm {r['output'][:80]}")
    if p["status"] == "success":
        pl = [{"address": l["address"].lower(), "topics": l["topics"], "data": l["data"]} for l in p["logs"]]
        if pl != r["logs"]:
            diffs.append(f"logs: porvm {json.dumps(pl)[:300]} / revm {json.dumps(r['logs'])[:300]}")
    pp, rp = porvm_post(p), r["post"]
    if pp is not None and rp is not None:
        for a in sorted(set(pp) | set(rp)):
            x, y = pp.get(a), rp.get(a)
            if x is None or y is None:
                diffs.append(f"post {a}: porvm {'absent' if x is None else short(x)} / revm {'absent' if y is None else short(y)}")
                continue
            for f in ("balance", "nonce", "storage"):
                if x[f] != y[f]:
                    diffs.append(f"post {a} {f}: porvm {x[f]} / revm {y[f]}")
            if y.get("code") is not None:
                if x["code"] != y["code"]:
                    diffs.append(f"post {a} code: porvm {x['code'][:80]} / revm {y['code'][:80]}")
            elif x["codeHash"] != y["codeHash"]:
                diffs.append(f"post {a} codeHash: porvm {x['codeHash']} / revm {y['codeHash']}")
    return diffs


REASON_MISMATCHES: dict[str, int] = {}


def short(acc: dict) -> str:
    return json.dumps({k: v for k, v in acc.items() if k != "code"}, default=str)[:200]


# ---------------------------------------------------------------------------------------------
# Shrinking

def ddmin(items: list, still_fails, budget: list) -> list:
    """Zeller's delta debugging: a 1-minimal sublist of `items` for which still_fails holds."""
    n = 2
    while len(items) >= 2 and budget[0] > 0:
        chunk = max(1, len(items) // n)
        reduced = False
        for i in range(0, len(items), chunk):
            candidate = items[:i] + items[i + chunk:]
            if budget[0] <= 0:
                break
            if still_fails(candidate):
                items, n, reduced = candidate, max(n - 1, 2), True
                break
        if not reduced:
            if chunk == 1:
                break
            n = min(len(items), n * 2)
    if len(items) == 1 and budget[0] > 0 and still_fails([]):
        return []
    return items


class Fuzzer:
    def __init__(self, porvm: Porvm, fork: str):
        self.porvm = porvm
        self.fork = fork

    def check(self, prog: Program, case_id="shrink") -> tuple[list[str], dict, dict, dict]:
        codes = prog.codes()
        case = exec_case(prog, self.fork, codes, case_id)
        p = self.porvm.run([json.dumps(case)])[0]
        r = run_revm(prog, self.fork, codes)
        return compare(p, r), case, p, r

    def shrink(self, prog: Program, budget_runs: int = 600) -> Program:
        budget = [budget_runs]

        def fails(candidate: Program) -> bool:
            budget[0] -= 1
            try:
                return bool(self.check(candidate)[0])
            except PorvmCrash:
                return True

        # 1. drop whole other contracts
        for a in list(prog.contracts):
            if a != MAIN:
                c = prog.copy()
                del c.contracts[a]
                c.storage.pop(a, None)
                c.balances.pop(a, None)
                if fails(c):
                    prog = c
        # 2. units of each contract (the terminal unit included)
        for a in list(prog.contracts):
            def with_units(units, a=a):
                c = prog.copy()
                c.contracts[a] = units
                return c
            units = ddmin(prog.contracts[a], lambda u: fails(with_units(u)), budget)
            prog = with_units(units)
        # 3. pre-state storage and balances, call data, value, environment
        for a in list(prog.storage):
            def with_storage(keys, a=a):
                c = prog.copy()
                c.storage[a] = {k: prog.storage[a][k] for k in keys}
                return c
            keys = ddmin(list(prog.storage[a]), lambda k: fails(with_storage(k)), budget)
            prog = with_storage(keys)
        for a in list(prog.balances):
            if prog.balances[a]:
                c = prog.copy()
                c.balances[a] = 0
                if fails(c):
                    prog = c
        for field, simpler in (("data", b""), ("value", 0)):
            if prog.tx[field] != simpler:
                c = prog.copy()
                c.tx[field] = simpler
                if fails(c):
                    prog = c
        # 4. bytes of each unit (drop single bytes when that keeps the divergence)
        for a in list(prog.contracts):
            for i in range(len(prog.contracts[a])):
                code, fix = prog.contracts[a][i]
                if fix:
                    continue
                j = 0
                while j < len(code) and budget[0] > 0 and len(code) <= 64:
                    c = prog.copy()
                    cand = code[:j] + code[j + 1:]
                    c.contracts[a][i] = (cand, [])
                    if fails(c):
                        prog, code = c, cand
                    else:
                        j += 1
        return prog


def describe(prog: Program) -> str:
    lines = []
    for a, units in prog.contracts.items():
        code = assemble(units)
        what = "init code of the creation transaction" if a == MAIN and prog.tx.get("create") else a
        lines.append(f"  {what} ({len(code)} bytes): {code.hex()}")
        lines.append(f"      {disassemble(code)}")
    for a, st in prog.storage.items():
        if st:
            lines.append(f"  storage {a}: {st}")
    lines.append(f"  tx: data=0x{prog.tx['data'].hex()} value={prog.tx['value']} gas={prog.tx['gas']}  env: {prog.env}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Setup checks: pyrevm must really run the requested fork

def check_fork(fork: str):
    def probe(code: bytes) -> str:
        prog = Program({"number": 1, "timestamp": 1, "prevrandao": 1, "difficulty": 2, "chainId": 1, "excessBlobGas": 0},
                       {MAIN: [(code, [])]}, {}, {}, {"data": b"", "value": 0, "gas": 100_000})
        return run_revm(prog, fork, prog.codes())["status"]
    expect = {"5f00": fork_at_least(fork, "Shanghai"), "5f5c00": fork_at_least(fork, "Cancun"),
              "4800": fork_at_least(fork, "London")}
    for code, active in expect.items():
        got = probe(bytes.fromhex(code)) == "success"
        if got != active:
            raise SetupError(f"pyrevm spec '{FORKS[fork]}' does not behave as {fork} (probe {code}: "
                             f"{'runs' if got else 'halts'}); pyrevm {getattr(pyrevm, '__version__', '?')}")


# ---------------------------------------------------------------------------------------------

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Differential fuzzing of porvm against revm (pyrevm).")
    ap.add_argument("--porvm", default=os.environ.get("PORVM", ".build/release/porvm"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--fork", default="Cancun", choices=list(FORKS) + ["all"])
    ap.add_argument("--out", default="fuzz-out")
    ap.add_argument("--max-seconds", type=float, default=None)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--max-divergences", type=int, default=5, help="stop after this many (each is shrunk)")
    ap.add_argument("--shrink-budget", type=int, default=600, help="runs allowed per shrink")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--strict-reasons", action="store_true", help="a different halt reason is a divergence")
    args = ap.parse_args(argv)
    global STRICT_REASONS
    STRICT_REASONS = args.strict_reasons

    forks = FORK_ORDER[::-1] if args.fork == "all" else [args.fork]
    try:
        if not (os.path.isfile(args.porvm) and os.access(args.porvm, os.X_OK)):
            raise SetupError(f"porvm not found or not executable: {args.porvm} "
                             "(build it: swift build -c release --product porvm)")
        for f in forks:
            check_fork(f)
        porvm = Porvm(args.porvm)
    except SetupError as exc:
        print(f"difffuzz: setup error: {exc}", file=sys.stderr)
        return 2

    os.makedirs(args.out, exist_ok=True)
    inputs = Inputs()
    rng = random.Random(args.seed)
    start = time.time()
    ran = divergences = crashes = 0
    covered = [0] * 256
    by_fork, statuses = {}, {}
    try:
        while ran < args.count:
            if args.max_seconds and time.time() - start > args.max_seconds:
                break
            if divergences >= args.max_divergences:
                break
            n = min(args.batch, args.count - ran)
            batch = []
            for i in range(n):
                fork = forks[(ran + i) % len(forks)]
                prog = generate(rng, fork, inputs)
                batch.append((fork, prog, prog.codes()))
            lines = [json.dumps(exec_case(prog, fork, codes, ran + i)) for i, (fork, prog, codes) in enumerate(batch)]
            t = porvm.send(lines)
            revm_results = [run_revm(prog, fork, codes) for fork, prog, codes in batch]
            try:
                porvm_results = porvm.receive(n)
            except PorvmCrash as exc:
                t.join()
                crashes += 1
                print(f"difffuzz: porvm crashed in batch at program {ran}: {exc}", file=sys.stderr)
                # find and keep the crashing case
                for (fork, prog, codes), line in zip(batch, lines):
                    try:
                        porvm.run([line])
                    except PorvmCrash:
                        path = os.path.join(args.out, f"crash-seed{args.seed}-{ran}.json")
                        with open(path, "w") as fh:
                            fh.write(line + "\n")
                        print(f"difffuzz: crashing case written to {path}", file=sys.stderr)
                        break
                divergences += 1
                ran += n
                continue
            t.join()
            compared = 0
            for i, ((fork, prog, codes), p, r) in enumerate(zip(batch, porvm_results, revm_results)):
                compared += 1
                ops = int(p.get("ops", "0"), 16)
                for o in range(256):
                    if ops >> o & 1:
                        covered[o] += 1
                by_fork[fork] = by_fork.get(fork, 0) + 1
                key = p["status"] + (f" ({p.get('reason')})" if p["status"] == "halt" else "")
                statuses[key] = statuses.get(key, 0) + 1
                diffs = compare(p, r)
                if not diffs:
                    continue
                divergences += 1
                idx = ran + i
                print(f"difffuzz: DIVERGENCE in program {idx} (seed {args.seed}, {fork}):", file=sys.stderr)
                for d in diffs[:10]:
                    print(f"  {d}", file=sys.stderr)
                fz = Fuzzer(porvm, fork)
                small = fz.shrink(prog, args.shrink_budget)
                sd, case, sp, sr = fz.check(small, f"seed{args.seed}-{idx}")
                if not sd:  # shrinking lost it (flaky?): keep the original
                    small = prog
                    sd, case, sp, sr = fz.check(small, f"seed{args.seed}-{idx}")
                print(f"difffuzz: shrunk to:\n{describe(small)}", file=sys.stderr)
                for d in sd[:10]:
                    print(f"  {d}", file=sys.stderr)
                path = os.path.join(args.out, f"divergence-seed{args.seed}-{idx}.json")
                with open(path, "w") as fh:
                    json.dump({"case": case, "porvm": sp, "revm": sr, "differences": sd,
                               "original_case": exec_case(prog, fork, codes, idx),
                               "disassembly": {a: disassemble(assemble(u)) for a, u in small.contracts.items()}},
                              fh, indent=1, default=str)
                with open(os.path.join(args.out, f"divergence-seed{args.seed}-{idx}.case.jsonl"), "w") as fh:
                    fh.write(json.dumps(case) + "\n")
                print(f"difffuzz: reproducer written to {path} (porvm exec < {path[:-5]}.case.jsonl)", file=sys.stderr)
                if divergences >= args.max_divergences:
                    break
            ran += compared
            if not args.quiet and ran % (args.batch * 20) == 0:
                el = time.time() - start
                print(f"difffuzz: {ran} programs, {divergences} divergences, {ran / el:.0f}/s", file=sys.stderr)
    finally:
        porvm.close()
    elapsed = time.time() - start
    all_ops = set()
    for f in forks:
        all_ops |= fork_opcodes(f)
    seen = {o for o in range(256) if covered[o]}
    missing = sorted(all_ops - seen)
    print(f"difffuzz: opcodes executed (porvm side): {len(seen & all_ops)}/{len(all_ops)} defined"
          + (f"; never executed: {' '.join(OPNAMES[o] for o in missing)}" if missing else ""))
    if not args.quiet:
        rare = sorted(((covered[o], OPNAMES[o]) for o in seen & all_ops))[:12]
        print("difffuzz: least executed: " + ", ".join(f"{n} {c}" for c, n in rare))
    print("difffuzz: outcomes: " + ", ".join(f"{n} {k}" for k, n in sorted(statuses.items(), key=lambda x: -x[1])))
    if REASON_MISMATCHES:
        print("difffuzz: halt-reason-only differences (same status, gas, output, state): "
              + "; ".join(f"{n}x {k}" for k, n in sorted(REASON_MISMATCHES.items(), key=lambda x: -x[1])))
    forks_txt = ", ".join(f"{f} {n}" for f, n in by_fork.items())
    print(f"difffuzz: {ran} programs, {divergences} divergences (seed {args.seed}; {forks_txt}; "
          f"{elapsed:.1f}s, {ran / elapsed if elapsed else 0:.0f} programs/s)")
    return 1 if divergences else 0


if __name__ == "__main__":
    sys.exit(main())
