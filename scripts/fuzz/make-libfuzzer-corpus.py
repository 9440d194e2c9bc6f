#!/usr/bin/env python3
"""Seed corpora for the libFuzzer targets in Fuzz/ (see scripts/fuzz/README.md).

  make-libfuzzer-corpus.py --committed   writes the small committed seeds to Fuzz/Corpus/<Target>/
                                         (repository files plus a few small extracts; < 2 MB in all)
  make-libfuzzer-corpus.py               writes the larger run-time seeds to Fuzz/.run/seeds/<Target>/
                                         (every evm-benchmarks bytecode, more state tests, all
                                         txbytes, the shared Solidity artifacts); not committed

Seeds come only from files shipped with the repository or under ../shared (override with
PORVM_SHARED). Each seed is named by its content's SHA-1, as libFuzzer names inputs, so reruns
are idempotent.
"""
import argparse, hashlib, io, json, os, sys, tarfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get("PORVM_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))   # ../shared, as .ci/run
FORKS = ["Berlin", "London", "Paris", "Shanghai", "Cancun", "Prague"]   # Fork.allCases order


def put(out, target, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def unhex(s):
    s = s.strip()
    if s.startswith(("0x", "0X")):
        s = s[2:]
    try:
        return bytes.fromhex(s)
    except ValueError:
        return None


def interpreter_seed(code, calldata=b"", fork=FORKS.index("Cancun"), gas_byte=24, flags=0):
    """FuzzInterpreter layout: fork, gas, calldata length, flags, calldata, code."""
    calldata = calldata[:255]
    return bytes([fork, gas_byte, len(calldata), flags]) + calldata + code


def state_tests(limit_bytes, per_dir, max_files):
    """Small fixture files from the GeneralStateTests archive: (name, bytes), smallest per folder."""
    archive = os.path.join(SHARED, "ethereum-tests", "GeneralStateTests-Cancun.tar.xz")
    if not os.path.exists(archive):
        print(f"  (no {archive}; state-test seeds from the repository only)", file=sys.stderr)
        return []
    picked, seen = [], {}
    with tarfile.open(archive, "r:xz") as tar:
        members = [m for m in tar.getmembers() if m.isfile() and m.name.endswith(".json") and m.size <= limit_bytes]
        members.sort(key=lambda m: (os.path.dirname(m.name), m.size, m.name))
        for m in members:
            d = os.path.dirname(m.name)
            if seen.get(d, 0) >= per_dir:
                continue
            seen[d] = seen.get(d, 0) + 1
            picked.append((m.name, tar.extractfile(m).read()))
            if len(picked) >= max_files:
                break
    return picked


def seeds_from_state_test(out, data):
    """txbytes → FuzzRLP; pre-state code → FuzzInterpreter."""
    try:
        doc = json.loads(data)
    except ValueError:
        return
    for test in doc.values():
        if not isinstance(test, dict):
            continue
        for cases in test.get("post", {}).values():
            for c in cases:
                tx = unhex(c.get("txbytes", ""))
                if tx:
                    put(out, "FuzzRLP", tx)
        for acc in test.get("pre", {}).values():
            code = unhex(acc.get("code", "") or "")
            if code and len(code) <= 4096:
                put(out, "FuzzInterpreter", interpreter_seed(code, fork=0x80 | FORKS.index("Cancun")))


def abi_seeds(out):
    # type bytes (see FuzzABI.TypeBuilder) followed by encodings
    word = lambda n: n.to_bytes(32, "big")
    put(out, "FuzzABI", bytes([0, 7]) + word(42))                                    # (uint256)
    put(out, "FuzzABI", bytes([1, 5, 6]) + word(64) + word(128) + word(3) + b"abc".ljust(32, b"\0") + word(2) + b"hi".ljust(32, b"\0"))  # (bytes,string)
    put(out, "FuzzABI", bytes([0, 10, 2]) + word(32) + word(2) + word(1) + word(2))     # (address[])
    put(out, "FuzzABI", bytes([0, 11, 2, 3, 7]) + word(1) + word(5))                    # ((bool,uint256))
    put(out, "FuzzABI", bytes([0, 9, 3, 4]) + word(0) * 3)                              # (bytes1[3])
    # Error(string) revert data after a (uint256) type
    put(out, "FuzzABI", bytes([0, 7]) + bytes.fromhex("08c379a0") + word(32) + word(4) + b"oops".ljust(32, b"\0"))
    vec = os.path.join(ROOT, "Fixtures", "vectors", "PoRAggregator-transmit.json")
    if os.path.exists(vec):
        try:
            doc = json.load(open(vec))
        except ValueError:
            doc = {}
        def walk(v):
            if isinstance(v, str) and v.startswith("0x") and len(v) > 10:
                b = unhex(v)
                if b:
                    put(out, "FuzzABI", bytes([3, 11, 4, 7, 2, 5, 10, 4]) + b[4:])
            elif isinstance(v, dict):
                for x in v.values(): walk(x)
            elif isinstance(v, list):
                for x in v: walk(x)
        walk(doc)


def committed(out):
    # Scenarios: every shipped scenario file.
    sd = os.path.join(ROOT, "Scenarios")
    for n in sorted(os.listdir(sd)):
        if n.endswith((".yaml", ".yml", ".json")):
            put(out, "FuzzScenario", open(os.path.join(sd, n), "rb").read())
    # YAML features the shipped scenarios do not use (anchors, aliases, merge keys, flow and block
    # styles), so that mutations reach the YAML parser's alias handling.
    put(out, "FuzzScenario", """name: &n Anchors and aliases
description: |
  Same as mint-boundary, written with YAML anchors.
accounts:
  alice: &acct {balance: "1 ether"}
  bob: *acct
steps:
  - setup_por: {heartbeat: 1 day}
  - report: {feed: feed, observations: &obs [150, 160, 170]}
  - report: {feed: feed, observations: *obs}
  - call: token.reserves
    expect: &r160 {returns: 160}
  - transact: token.mint
    from: minter
    args: [alice, 160]
  - expect: {call: token.totalSupply, returns: 160}
""")
    # Artifacts: the repository's fixtures.
    for n in sorted(os.listdir(os.path.join(ROOT, "Fixtures"))):
        if n.endswith(".json"):
            put(out, "FuzzArtifact", open(os.path.join(ROOT, "Fixtures", n), "rb").read())
    # State tests: the CLI tests' fixtures and ~40 small archive files (one per folder).
    fd = os.path.join(ROOT, "Tests", "PorvmCLITests", "Fixtures")
    for n in sorted(os.listdir(fd)):
        data = open(os.path.join(fd, n), "rb").read()
        put(out, "FuzzStateTest", data)
        seeds_from_state_test(out, data)
    for _, data in state_tests(limit_bytes=3500, per_dir=1, max_files=40):
        put(out, "FuzzStateTest", data)
        seeds_from_state_test(out, data)
    # Interpreter: the example program and the small evm-benchmarks micro cases.
    ex = os.path.join(ROOT, "Fixtures", "examples", "add-and-return.hex")
    if os.path.exists(ex):
        code = unhex(open(ex).read())
        if code:
            put(out, "FuzzInterpreter", interpreter_seed(code, fork=0x80))
    for code, calldata in benchmark_codes(max_code=2048):
        put(out, "FuzzInterpreter", interpreter_seed(code, calldata))
    abi_seeds(out)


def benchmark_codes(max_code):
    base = os.path.join(SHARED, "evm-benchmarks", "legacy-evmone")
    if not os.path.isdir(base):
        return []
    found = []
    for group in sorted(os.listdir(base)):
        gd = os.path.join(base, group)
        for n in sorted(os.listdir(gd)):
            if not n.endswith(".bin-runtime"):
                continue
            code = unhex(open(os.path.join(gd, n)).read())
            if not code or len(code) > max_code:
                continue
            calldata = b""
            inputs = os.path.join(gd, n[: -len(".bin-runtime")] + ".inputs")
            if os.path.exists(inputs):
                for line in open(inputs):
                    b = unhex(line)
                    if b is not None and line.strip():
                        calldata = b
                        break
            found.append((code, calldata))
    return found


def runtime(out):
    for code, calldata in benchmark_codes(max_code=1 << 20):
        put(out, "FuzzInterpreter", interpreter_seed(code, calldata, gas_byte=255))
    for _, data in state_tests(limit_bytes=16000, per_dir=4, max_files=400):
        put(out, "FuzzStateTest", data)
        seeds_from_state_test(out, data)
    ad = os.path.join(SHARED, "solidity-artifacts")
    if os.path.isdir(ad):
        for n in sorted(os.listdir(ad)):
            if n.endswith(".json"):
                put(out, "FuzzArtifact", open(os.path.join(ad, n), "rb").read())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--committed", action="store_true", help="write the committed seeds to Fuzz/Corpus")
    ap.add_argument("--out", help="output folder (default Fuzz/Corpus or Fuzz/.run/seeds)")
    a = ap.parse_args()
    out = a.out or os.path.join(ROOT, "Fuzz", "Corpus" if a.committed else ".run/seeds")
    (committed if a.committed else runtime)(out)
    for t in sorted(os.listdir(out)):
        d = os.path.join(out, t)
        files = os.listdir(d)
        size = sum(os.path.getsize(os.path.join(d, f)) for f in files)
        print(f"{t:16} {len(files):5} seeds {size / 1024:9.1f} KiB  ({d})")


if __name__ == "__main__":
    main()
