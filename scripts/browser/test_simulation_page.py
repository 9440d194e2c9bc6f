"""`porvm simulate --html` pages in a real headless browser (Debian's chromium), offline.

For every file in Simulations/: the page is generated with the release porvm, opened with the
network cut, and must load without console errors, fetch nothing but itself, and show what the
run did, counted from `porvm simulate FILE --json` of the same file and seed: one update marker
per `report` event, one shaded pause per breaker trip, one log row per event. Clicking a log row
moves the plot's time marker; hovering the plot shows a readout. A screenshot of each page is
kept in fuzz-out/browser/. Run scripts/browser/setup.sh first (CI does).
"""
import json
import os
import pathlib
import shutil
import subprocess

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHOTS = ROOT / "fuzz-out" / "browser"
FILES = sorted(p for p in (ROOT / "Simulations").iterdir() if p.suffix in (".yaml", ".yml", ".json"))


@pytest.fixture(scope="session")
def porvm(request):
    path = request.config.getoption("--porvm") or os.environ.get("PORVM") or str(ROOT / ".build/release/porvm")
    if not os.access(path, os.X_OK):
        pytest.fail(f"no porvm binary at {path}: build it (swift build -c release --product porvm) or pass --porvm")
    return path


@pytest.fixture(scope="session")
def driver():
    chromium, chromedriver = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not chromedriver:
        pytest.fail("chromium and chromedriver are needed: run scripts/browser/setup.sh")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--no-first-run", "--disable-background-networking"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    d = webdriver.Chrome(service=Service(chromedriver), options=options)
    # The network cut: any fetch the page tried would fail (and be seen in the performance log).
    d.execute_cdp_cmd("Network.enable", {})
    d.execute_cdp_cmd("Network.emulateNetworkConditions",
                      {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    yield d
    d.quit()


def simulate(porvm, file, *args):
    run = subprocess.run([porvm, "simulate", str(file), *args], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, f"porvm simulate {file} {' '.join(args)}: exit {run.returncode}: {run.stderr}"
    return run.stdout


def requested_urls(perf_log):
    urls = []
    for entry in perf_log:
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def cursor_x(plot, cls):
    return float(plot.find_element(By.CSS_SELECTOR, f"line.{cls}").get_attribute("x1"))


@pytest.mark.parametrize("file", FILES, ids=[p.name for p in FILES])
def test_page(porvm, driver, file, tmp_path):
    run = json.loads(simulate(porvm, file, "--json"))
    events, metrics = run["events"], run["metrics"]
    page = tmp_path / (file.stem + ".html")
    simulate(porvm, file, "--html", str(page))
    assert page.stat().st_size > 0

    driver.get_log("browser"), driver.get_log("performance")          # drain what came before
    driver.get(page.as_uri())
    assert driver.execute_script("return document.readyState") == "complete"

    # The plots: the SVG, its step lines with non-empty paths.
    plot = driver.find_element(By.CSS_SELECTOR, "svg#plot")
    assert plot.is_displayed() and plot.size["width"] > 300
    paths = {p.get_attribute("data-key"): p.get_attribute("d") for p in plot.find_elements(By.CSS_SELECTOR, "#lines path.line")}
    for key in ("reserves", "supply") + (("answer",) if any(e["kind"] == "report" for e in events) else ()):
        assert paths.get(key, "").startswith("M"), f"line {key}: {paths.get(key)!r}"
    assert driver.find_element(By.CSS_SELECTOR, "svg#ratio-plot path.line-ratio") is not None

    # What the run did, counted from its JSON.
    reports = [e for e in events if e["kind"] == "report"]
    markers = plot.find_elements(By.CSS_SELECTOR, "#markers .update")
    assert len(markers) == len(reports) == metrics["update_count"]
    assert len(plot.find_elements(By.CSS_SELECTOR, "#pauses rect.pause")) == metrics["trips"]
    rows = driver.find_elements(By.CSS_SELECTOR, "#log li")
    assert len(rows) == len(events)

    # Hovering the plot shows a readout and the hover line.
    readout = driver.find_element(By.ID, "readout")
    ActionChains(driver).move_to_element_with_offset(plot, 40, 0).perform()
    assert "true reserves:" in readout.text, readout.text
    assert cursor_x(plot, "hover") > 0

    # Clicking a log row (a breaker trip when there is one, else the last row) moves the time marker to its time.
    trips = [r for r in rows if "ev-tripped" in r.get_attribute("class")]
    row = trips[0] if trips else (rows[-1] if rows else None)
    if row is not None:
        before = cursor_x(plot, "cursor")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
        row.click()
        after = cursor_x(plot, "cursor")
        left, right = float(plot.get_attribute("data-left")), float(plot.get_attribute("data-right"))
        t, end = int(row.get_attribute("data-t")), int(plot.get_attribute("data-t1"))
        assert after != before and abs(after - (left + t / end * (right - left))) < 1.0
        assert "selected" in row.get_attribute("class")

    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(str(SHOTS / (file.stem + ".png")))

    # No console errors, and nothing fetched but the page itself.
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not severe, severe
    others = [u for u in requested_urls(driver.get_log("performance")) if u != page.as_uri() and not u.startswith("data:")]
    assert not others, others
