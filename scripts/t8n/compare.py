#!/usr/bin/env python3
"""Compare `porvm t8n` with the execution specs' `ethereum-spec-evm t8n`, field for field (issue 13).

Each case (from GeneralStateTests files through convert.py, or ready-made t8n inputs) runs through
both tools; the result and the post-state alloc must be equal. The reference runs as `daemon`s
(one per --jobs: it starts in about a second, then answers each case over a Unix socket), so
that thousands of cases take minutes, not hours.

Differences reported per case: the first differing field (`result.gasUsed`, `alloc.0x...balance`).
Allowed, and only these: porvm's extra `result.blobGasUsed` (geth writes it; the specs' tool does
not), and the wording of `rejected[].error` (counted separately; the indexes must match).

Exit code: 0 when every case agrees, 1 on any difference or porvm failure, 2 when the reference
tool is missing (never a silent pass). Cases where the reference times out are counted as such.
"""
import argparse
import concurrent.futures as cf
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import convert  # noqa: E402

ALLOWED_EXTRA_RESULT_KEYS = {"blobGasUsed"}


class UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout):
        super().__init__("localhost", timeout=timeout)
        self.path = path

    def connect(self):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(self.timeout)
        s.connect(self.path)
        self.sock = s


class Reference:
    """One `ethereum-spec-evm daemon` on its own socket."""

    def __init__(self, tool, folder, n, case_timeout):
        self.tool, self.sock = tool, os.path.join(folder, f"eels-{n}.sock")
        # Idle shutdown well beyond a case's time, or the daemon quits during a slow case.
        self.idle = str(int(max(600, 3 * case_timeout)))
        self.proc = None
        self.start()

    def start(self):
        if self.proc:
            self.proc.kill()
            self.proc.wait()
        if os.path.exists(self.sock):
            os.remove(self.sock)
        # The daemon exits by itself when idle, should this script be killed.
        self.proc = subprocess.Popen([self.tool, "daemon", "--uds", self.sock, "--timeout", self.idle],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 120
        while not os.path.exists(self.sock):
            if self.proc.poll() is not None or time.time() > deadline:
                raise SystemExit(f"compare.py: {self.tool} daemon did not start")
            time.sleep(0.1)

    def run(self, case, timeout, state_test=False):
        body = json.dumps({"state": {"fork": case["fork"], "chainid": case["chainid"], "reward": case.get("reward", -1)},
                           "input": case["input"]})
        path = "/?arg=--state-test" if state_test else "/"
        for attempt in (1, 2):
            conn = UnixHTTPConnection(self.sock, timeout)
            try:
                conn.request("POST", path, body, {"Content-Type": "application/json"})
                resp = conn.getresponse()
                text = resp.read()
                break
            except (socket.timeout, TimeoutError):
                self.start()  # a daemon busy with a slow case would answer the next one late
                return None
            except (ConnectionError, FileNotFoundError):
                if attempt == 2:
                    return {"error": "the reference daemon is not answering"}
                self.start()  # it went away (crashed or idle): once more with a fresh one
            finally:
                conn.close()
        if resp.status != 200:
            return {"error": text.decode(errors="replace")[:200]}
        try:
            out = json.loads(text)
        except ValueError:
            return {"error": "reference crashed: " + text.decode(errors="replace")[-200:]}
        out.pop("body", None)
        return out

    def close(self):
        if self.proc:
            self.proc.kill()
            self.proc.wait()


def run_porvm(porvm, case, timeout, state_test=False):
    args = [porvm, "t8n", "--input.alloc", "stdin", "--input.env", "stdin", "--input.txs", "stdin",
            "--output.result", "stdout", "--output.alloc", "stdout", "--state.fork", case["fork"],
            "--state.chainid", str(case["chainid"]), "--state.reward", str(case.get("reward", -1))]
    if state_test:
        args.append("--state-test")
    try:
        p = subprocess.run(args, input=json.dumps(case["input"]).encode(), capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": "porvm timed out"}
    if p.returncode != 0:
        return {"error": f"porvm exit {p.returncode}: {p.stderr.decode(errors='replace').strip()[:200]}"}
    try:
        return json.loads(p.stdout)
    except ValueError:
        return {"error": "porvm wrote invalid JSON"}


def first_difference(ours, theirs, path=""):
    """The path of the first differing field, or None; keys compared in sorted order."""
    if isinstance(ours, dict) and isinstance(theirs, dict):
        for k in sorted(set(ours) | set(theirs)):
            p = f"{path}.{k}" if path else k
            if path == "result" and k in ALLOWED_EXTRA_RESULT_KEYS and k not in theirs:
                continue
            if k not in ours:
                return f"{p} missing in porvm"
            if k not in theirs:
                return f"{p} extra in porvm"
            d = first_difference(ours[k], theirs[k], p)
            if d:
                return d
        return None
    if isinstance(ours, list) and isinstance(theirs, list):
        if len(ours) != len(theirs):
            return f"{path} has {len(ours)} entries, reference {len(theirs)}"
        for i, (a, b) in enumerate(zip(ours, theirs)):
            d = first_difference(a, b, f"{path}[{i}]")
            if d:
                return d
        return None
    if ours != theirs:
        return f"{path}: porvm {json.dumps(ours)[:120]} reference {json.dumps(theirs)[:120]}"
    return None


def compare(ours, theirs):
    """(verdict, detail): 'agree', 'agree-reason-text' (only rejection wording differs) or 'differ'."""
    if "error" in ours:
        return "differ", ours["error"]
    if "error" in theirs:
        return "reference-error", theirs["error"]
    a, b = json.loads(json.dumps(ours)), json.loads(json.dumps(theirs))
    texts = []
    for r in (a, b):
        rej = r.get("result", {}).get("rejected", [])
        texts.append([e.get("error") for e in rej])
        for e in rej:
            e["error"] = "<reason>"
    d = first_difference(a, b)
    if d:
        return "differ", d
    if texts[0] != texts[1]:
        return "agree-reason-text", f"porvm {texts[0]!r} reference {texts[1]!r}"
    return "agree", ""


def collect(paths, forks, per_file, limit_files, skip):
    files = []
    for p in paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files += [os.path.join(root, n) for n in names if n.endswith(".json")]
        else:
            files.append(p)
    files.sort()
    if limit_files:
        step = max(1, len(files) // limit_files)
        files = files[::step][:limit_files]
    for f in files:
        if any(s in f for s in skip):
            continue
        try:
            cs = list(convert.cases(f, forks))
        except (ValueError, KeyError) as e:
            print(f"{f}: cannot convert ({e})", file=sys.stderr)
            continue
        yield from (cs[:per_file] if per_file else cs)


def main():
    ap = argparse.ArgumentParser(description="porvm t8n against ethereum-spec-evm t8n")
    ap.add_argument("paths", nargs="+", help="GeneralStateTests files or folders")
    ap.add_argument("--porvm", required=True)
    ap.add_argument("--reference", default=os.environ.get("EELS", "ethereum-spec-evm"))
    ap.add_argument("--fork", action="append", help="post key(s) to take cases from (default Cancun)")
    ap.add_argument("--per-file", type=int, default=0, help="at most this many cases per file (0: all)")
    ap.add_argument("--files", type=int, default=0, help="an evenly spaced sample of this many files (0: all)")
    ap.add_argument("--skip", action="append", default=[], help="skip files whose path contains this")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60, help="seconds per case for the reference")
    ap.add_argument("--state-test", action="store_true", help="run both tools in --state-test mode")
    ap.add_argument("--max-report", type=int, default=30)
    ap.add_argument("--max-seconds", type=float, default=0, help="stop starting cases after this long (0: no limit)")
    ap.add_argument("--shuffle", type=int, help="run the cases in a random order from this seed (with --max-seconds: a fair sample)")
    ap.add_argument("--only", help="a file of case names (as --log writes them), one a line: run just those")
    ap.add_argument("--log", help="append one line per case (verdict, name, detail) to this file")
    a = ap.parse_args()

    tool = shutil.which(a.reference)
    if not tool:
        print(f"compare.py: the reference tool '{a.reference}' is missing (pip install ethereum-execution==2.20.0)",
              file=sys.stderr)
        return 2
    if not os.access(a.porvm, os.X_OK):
        print(f"compare.py: porvm '{a.porvm}' is not executable", file=sys.stderr)
        return 2
    cases = list(collect(a.paths, tuple(a.fork or ["Cancun"]), a.per_file, a.files, a.skip))
    if a.only:
        wanted = {line.strip() for line in open(a.only) if line.strip()}
        cases = [c for c in cases if c["name"] in wanted]
    if a.shuffle is not None:
        random.Random(a.shuffle).shuffle(cases)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))   # so that `finally` stops the daemons
    folder = tempfile.mkdtemp(prefix="t8n-compare-")
    refs = [Reference(tool, folder, i, a.timeout) for i in range(a.jobs)]
    free = list(refs)
    lock = threading.Lock()
    counts = {"not-run": 0, "agree": 0, "agree-reason-text": 0, "differ": 0, "reference-error": 0, "reference-timeout": 0}
    reports = []
    start = time.time()

    log = open(a.log, "a") if a.log else None

    def one(case):
        if a.max_seconds and time.time() - start > a.max_seconds:
            return case, "not-run", ""
        with lock:
            ref = free.pop()
        try:
            theirs = ref.run(case, a.timeout, a.state_test)
        finally:
            with lock:
                free.append(ref)
        if theirs is None:
            return case, "reference-timeout", ""
        ours = run_porvm(a.porvm, case, max(a.timeout, 60), a.state_test)
        v, d = compare(ours, theirs)
        return case, v, d

    try:
        with cf.ThreadPoolExecutor(a.jobs) as pool:
            for case, verdict, detail in pool.map(one, cases):
                counts[verdict] += 1
                if log and verdict != "not-run":
                    log.write(f"{verdict}\t{case['name']}\t{detail}\n")
                    log.flush()
                if verdict in ("differ", "reference-error") and len(reports) < a.max_report:
                    reports.append(f"{verdict}: {case['name']}: {detail}")
    finally:
        for r in refs:
            r.close()
        shutil.rmtree(folder, ignore_errors=True)
    for line in reports:
        print(line)
    total = sum(counts.values()) - counts["not-run"]
    print(f"{total} cases in {time.time() - start:.0f} s: {counts['agree']} agree, "
          f"{counts['agree-reason-text']} agree but for the rejection wording, {counts['differ']} differ, "
          f"{counts['reference-error']} reference errors, {counts['reference-timeout']} reference timeouts"
          + (f", {counts['not-run']} not run (time limit)" if counts["not-run"] else ""))
    return 1 if counts["differ"] else 0


if __name__ == "__main__":
    sys.exit(main())
