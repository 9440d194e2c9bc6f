"""Step-through pages (`porvm view --html`, `porvm run --html`) in a real headless browser, offline.

The showcase is Scenarios/trace-por.yaml's fourth step: a mint that reverts with
ReservesExceeded(101, 100). The page must load without console errors and fetch nothing;
stepping forward changes the pc and the stack shown; the jump to the next SSTORE lands on an
SSTORE; the ReservesExceeded REVERT highlights the .vy line that raises it, and the
previous/next source line keys move to other lines; the frame tree moves into a call and `out` back to the caller; `#step=N` opens step N.
A loop contract run for more than 100,000 steps must open in under 2 s and step without lag
(load time, step time and file size are printed). Screenshots go to fuzz-out/browser/.
Run scripts/browser/setup.sh first (CI does); the fixtures are test_simulation_page.py's.
"""
import json
import pathlib
import subprocess
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from test_simulation_page import ROOT, SHOTS, driver, porvm, requested_urls  # noqa: F401 (fixtures)

SCENARIO = ROOT / "Scenarios" / "trace-por.yaml"
# 0x2800 times: DUP1, MSTORE the counter at 0, subtract 1, loop while non-zero (10 steps a round).
LOOP = "62002800" + "5b" + "80600052" + "600190038060045700"


def porvm_run(porvm, *args):
    run = subprocess.run([porvm, *args], capture_output=True, text=True, timeout=600)
    return run


def text(driver, id_):
    return driver.find_element(By.ID, id_).text


def open_page(driver, page, fragment=""):
    driver.get_log("browser"), driver.get_log("performance")
    start = time.monotonic()
    driver.get(page.as_uri() + fragment)
    assert driver.execute_script("return document.readyState") == "complete"
    return time.monotonic() - start


def check_clean(driver, page):
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not severe, severe
    others = [u for u in requested_urls(driver.get_log("performance")) if not u.startswith("file:") and not u.startswith("data:")]
    assert not others, others


def press(driver, key):
    driver.find_element(By.TAG_NAME, "body").send_keys(key)


def current(driver):
    return driver.execute_script("return window.TxView.current()")


def test_mint_that_reverts(porvm, driver, tmp_path):
    page = tmp_path / "mint.html"
    run = porvm_run(porvm, "view", str(SCENARIO), "--step", "4", "--html", str(page))
    assert run.returncode == 0, run.stderr
    open_page(driver, page)
    # Decoded context: the call, the custom error, the PoR panel.
    assert "mint(to: alice, amount: 1)" in text(driver, "tx-call")
    assert "ReservesExceeded(supplyAfterMint: 101, reserves: 100)" in text(driver, "tx-result")
    panel = text(driver, "panel")
    assert "supply" in panel and "paused" in panel and "reserves / supply" in panel

    assert text(driver, "step-no").startswith("0 /")
    # The stack, pc, gas and cost the page rebuilds equal the EIP-3155 trace of the same
    # transaction (`porvm scenario --trace`), at sample steps.
    trace_dir = tmp_path / "trace"
    assert porvm_run(porvm, "scenario", str(SCENARIO), "--trace", str(trace_dir)).returncode == 0
    lines = [json.loads(l) for l in (trace_dir / "trace-por-010-step4-token.mint.jsonl").read_text().splitlines()[:-1]]
    assert driver.execute_script("return window.TxView.steps()") == len(lines)
    for i in sorted({0, 1, 50, 300, 700, len(lines) // 2, len(lines) - 1}):
        driver.execute_script("window.TxView.go(arguments[0])", i)
        shown = [td.text for td in driver.find_elements(By.CSS_SELECTOR, "#stack tbody td.hex")]
        assert shown == list(reversed(lines[i]["stack"])), f"step {i}"
        assert int(text(driver, "d-pc")) == lines[i]["pc"] and int(text(driver, "d-gas")) == int(lines[i]["gas"], 16), f"step {i}"
        assert int(text(driver, "d-cost")) == int(lines[i]["gasCost"], 16), f"step {i}"
    driver.execute_script("window.TxView.go(0)")
    pc0, stack0 = text(driver, "d-pc"), text(driver, "stack")
    for _ in range(3):
        press(driver, "j")
    assert current(driver) == 3
    assert text(driver, "d-pc") != pc0 and text(driver, "stack") != stack0
    WebDriverWait(driver, 2).until(lambda d: "#step=3" in d.current_url)   # updated at most every 200 ms

    # Frame tree: jumping into the first call shows depth 2; `out` returns to the caller.
    frames = driver.find_elements(By.CSS_SELECTOR, "#frames .frame")
    assert len(frames) >= 2 and "ReservesExceeded" in text(driver, "frames")
    frames[1].click()
    assert text(driver, "d-depth") == "2"
    assert "current" in frames[1].get_attribute("class")
    press(driver, "o")
    assert text(driver, "d-depth") == "1"
    # From the first CALL, `over` stays in the caller and skips the callee's steps.
    press(driver, "Home")
    press(driver, "c")
    assert "CALL" in text(driver, "d-op")
    at = current(driver)
    press(driver, "n")
    assert text(driver, "d-depth") == "1" and current(driver) > at + 1

    # The jump to the next revert lands on the REVERT; the revert line names what happened.
    press(driver, "r")
    assert text(driver, "d-op").startswith("REVERT")
    assert "revert" in text(driver, "revert-info")
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / "transaction-mint-revert.png"))
    check_clean(driver, page)


def raising_line():
    """The line of Contracts/SecureMintToken.vy that raises ReservesExceeded with the supply after the mint."""
    lines = (ROOT / "Contracts" / "SecureMintToken.vy").read_text().splitlines()
    hits = [i + 1 for i, l in enumerate(lines) if "raw_revert" in l and "ReservesExceeded(uint256,uint256)" in l and "supply_after" in l]
    assert len(hits) == 1, hits
    return hits[0], lines[hits[0] - 1].strip()


def highlighted(driver):
    hits = driver.find_elements(By.CSS_SELECTOR, "#source-text .srcline.hit")
    return hits[0] if len(hits) == 1 else None


def test_source_line_of_the_revert(porvm, driver, tmp_path):
    page = tmp_path / "mint-src.html"
    run = porvm_run(porvm, "view", str(SCENARIO), "--step", "4", "--html", str(page))
    assert run.returncode == 0, run.stderr
    open_page(driver, page)
    assert driver.find_element(By.ID, "source").is_displayed()
    # The REVERT of ReservesExceeded ends the transaction.
    press(driver, Keys.END)
    assert text(driver, "d-op").startswith("REVERT")
    number, code = raising_line()
    hit = highlighted(driver)
    assert hit is not None
    assert hit.get_attribute("data-line") == str(number) and code in hit.text
    assert text(driver, "source-file").endswith("SecureMintToken.vy:%d" % number)
    # The whole file is shown, the line scrolled into view inside the pane.
    total = len((ROOT / "Contracts" / "SecureMintToken.vy").read_text().splitlines())
    assert len(driver.find_elements(By.CSS_SELECTOR, "#source-text .srcline")) >= total
    assert driver.execute_script("""
        const box = document.getElementById('source-text'), hit = box.querySelector('.hit');
        return hit.offsetTop >= box.scrollTop && hit.offsetTop + hit.offsetHeight <= box.scrollTop + box.clientHeight;""")
    # The source pane sits beside the opcodes, its top level with theirs.
    ops, src = driver.find_element(By.ID, "ops").rect, driver.find_element(By.ID, "source").rect
    assert src["x"] >= ops["x"] + ops["width"] and abs(src["y"] - ops["y"]) < 40, (ops, src)
    # The opcodes and the source beside them in the shot.
    driver.execute_script("document.getElementById('ops').scrollIntoView()")
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / "transaction-mint-source.png"))
    # Previous source line: an earlier step on another line; next source line leaves it again.
    at = current(driver)
    press(driver, "[")
    back = current(driver)
    assert back < at and highlighted(driver) is not None
    assert highlighted(driver).get_attribute("data-line") != str(number) or text(driver, "source-file") != "SecureMintToken.vy:%d" % number
    before = (text(driver, "source-file"), back)
    press(driver, "]")
    assert current(driver) > back and text(driver, "source-file") != before[0]
    check_clean(driver, page)


def test_jump_to_sstore_and_fragment(porvm, driver, tmp_path):
    page = tmp_path / "mint-ok.html"
    run = porvm_run(porvm, "view", str(SCENARIO), "--step", "3", "--html", str(page))
    assert run.returncode == 0, run.stderr
    open_page(driver, page)
    press(driver, "s")
    assert text(driver, "d-op").startswith("SSTORE")
    at = current(driver)
    assert at > 0
    # The fragment opens that step on a fresh load.
    open_page(driver, page, f"#step={at}")
    assert current(driver) == at and text(driver, "d-op").startswith("SSTORE")
    # The storage pane lists the write once stepped past it.
    press(driver, "j")
    rows = driver.find_elements(By.CSS_SELECTOR, "#storage tbody tr")
    assert any("sstore" in r.text for r in rows)
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / "transaction-mint-sstore.png"))
    check_clean(driver, page)


def test_whole_scenario_has_a_picker(porvm, driver, tmp_path):
    page = tmp_path / "all.html"
    run = porvm_run(porvm, "view", str(SCENARIO), "--html", str(page))
    assert run.returncode == 0, run.stderr
    open_page(driver, page)
    options = driver.find_elements(By.CSS_SELECTOR, "#tx-pick option")
    assert len(options) > 3
    assert "performUpkeep" in text(driver, "tx-label")          # the last transaction opens first
    driver.execute_script("document.getElementById('tx-pick').value = '0'; document.getElementById('tx-pick').dispatchEvent(new Event('change'))")
    WebDriverWait(driver, 2).until(lambda d: "tx=0&step=0" in d.current_url)
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / "transaction-scenario-picker.png"))
    check_clean(driver, page)


def test_errors_are_one_line(porvm, tmp_path):
    run = porvm_run(porvm, "view", str(SCENARIO), "--step", "99", "--html", str(tmp_path / "x.html"))
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1 and "no step 99" in run.stderr
    run = porvm_run(porvm, "run", "--code", LOOP, "--html", str(tmp_path / "missing" / "x.html"))
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1 and "cannot write" in run.stderr


def test_100k_steps_open_and_step_fast(porvm, driver, tmp_path):
    page = tmp_path / "loop.html"
    run = porvm_run(porvm, "run", "--code", LOOP, "--html", str(page))
    assert run.returncode == 0, run.stderr
    size = page.stat().st_size
    load = open_page(driver, page)
    steps = driver.execute_script("return window.TxView.steps()")
    assert steps >= 100_000
    # Only the visible rows of the opcode list exist.
    assert len(driver.find_elements(By.CSS_SELECTOR, "#ops .op")) < 100
    start = time.monotonic()
    for _ in range(20):
        press(driver, "j")
    forward = (time.monotonic() - start) / 20
    driver.execute_script("window.TxView.go(arguments[0])", steps - 2)
    start = time.monotonic()
    for _ in range(20):
        press(driver, "k")
    back = (time.monotonic() - start) / 20
    assert current(driver) == steps - 22
    assert text(driver, "d-op")
    # The page's own time per step (drawing included), without the driver's round trips.
    render = driver.execute_script("""
        const v = window.TxView, t0 = performance.now();
        for (let i = 0; i < 50; i++) v.go(v.current() - 1);
        const t1 = performance.now();
        for (let i = 0; i < 50; i++) v.go(v.current() + 1);
        return [(t1 - t0) / 50, (performance.now() - t1) / 50];""")
    print(json.dumps({"steps": steps, "bytes": size, "load_s": round(load, 3),
                      "key_forward_ms": round(forward * 1000, 1), "key_back_ms": round(back * 1000, 1),
                      "render_back_ms": round(render[0], 2), "render_forward_ms": round(render[1], 2)}))
    assert load < 2.0, f"load took {load:.2f} s"
    # About 3 ms on an idle machine; the bounds leave room for a loaded CI runner.
    assert render[0] < 50 and render[1] < 50, render
    assert forward < 0.5 and back < 0.5, (forward, back)
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / "transaction-loop-100k.png"))
    check_clean(driver, page)


def test_simulation_upkeep_page_has_its_panel(porvm, driver, tmp_path):
    """`simulate --step-html`: the upkeep that trips WBTC's breaker (10 d 00:10:00, see
    Simulations/wbtc.yaml) shows the pause it sets in the panel, and the changed row is marked."""
    page = tmp_path / "upkeep.html"
    run = porvm_run(porvm, "simulate", str(ROOT / "Simulations" / "wbtc.yaml"), "--step-html", str(page),
                    "--trace-only", "performUpkeep", "--trace-from", "864450", "--trace-until", "864900")
    assert run.returncode == 0, run.stderr
    open_page(driver, page)
    panel = text(driver, "panel")
    assert "SecureMintToken paused false true" in panel, panel
    assert "SecureMintToken supply 99000000000 99000000000" in panel, panel
    changed = driver.find_elements(By.CSS_SELECTOR, "#panel tr.changed")
    assert [r.text for r in changed] == ["SecureMintToken paused false true"]
    # The upkeep's long performData wraps: nothing runs past the window's width.
    assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
    driver.save_screenshot(str(SHOTS / "simulation-upkeep-page.png"))
    check_clean(driver, page)
