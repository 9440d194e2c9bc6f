"""`porvm demo --html` in a real headless browser, offline.

The page must load without console errors and fetch nothing; the plot is drawn with the pause
shaded; clicking the line of the mint the token refuses with ReservesExceeded opens the
step-through viewer at that transaction (the address names it), and stepping there changes
the pc; the refused mint while paused opens MintingPaused. Load time and file size are
printed. Screenshots go to fuzz-out/browser/. Fixtures are test_simulation_page.py's.
"""
import json
import subprocess
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_simulation_page import SHOTS, driver, porvm, requested_urls  # noqa: F401 (fixtures)
from test_transaction_page import check_clean, current, open_page, press, text


def make_page(porvm, tmp_path, *args):
    page = tmp_path / "demo.html"
    run = subprocess.run([porvm, "demo", "--no-color", "--html", str(page), *args],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    return page


def action_link(driver, words):
    links = [a for a in driver.find_elements(By.CSS_SELECTOR, ".ln.action a.tx-link") if words in a.text]
    assert len(links) == 1, [a.text for a in links]
    return links[0]


def test_demo_page(porvm, driver, tmp_path):
    page = make_page(porvm, tmp_path)
    load = open_page(driver, page)
    size = page.stat().st_size
    print(json.dumps({"bytes": size, "load_s": round(load, 3),
                      "transactions": len(driver.find_elements(By.CSS_SELECTOR, "#tx-pick option"))}))
    assert load < 3.0, f"load took {load:.2f} s"

    # Sections 1-10, each with its heading; the plot with its lines and the pause shaded.
    sections = driver.find_elements(By.CSS_SELECTOR, "section.demo-section h2")
    assert len(sections) == 10 and sections[4].text.startswith("5. ")
    plot = driver.find_element(By.ID, "demo-plot")
    assert plot.is_displayed() and plot.size["width"] > 300
    pauses = driver.find_elements(By.CSS_SELECTOR, "#demo-pauses rect.pause")
    assert len(pauses) == 1 and float(pauses[0].get_attribute("width")) > 10
    assert len(driver.find_elements(By.CSS_SELECTOR, "#demo-lines path.line")) == 3
    assert len(driver.find_elements(By.CSS_SELECTOR, "#demo-markers .step.refused")) == 2
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.execute_script("document.getElementById('story-plot').scrollIntoView()")
    driver.save_screenshot(str(SHOTS / "demo-plot.png"))

    # The refused mint (ReservesExceeded): its line opens its transaction in the viewer.
    link = action_link(driver, "mints 10 BTC to carol: refused")
    k = link.get_attribute("data-tx")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    WebDriverWait(driver, 2).until(lambda d: f"#tx={k}&step=0" in d.current_url)
    assert driver.find_element(By.ID, "tx-pick").get_attribute("value") == k
    assert "ReservesExceeded" in text(driver, "tx-result")
    assert "mint" in text(driver, "tx-call")
    panel = text(driver, "panel")                                # refused: supply unchanged
    assert "SecureMintToken supply 90000000000 90000000000" in panel, panel
    assert current(driver) == 0
    pc0 = text(driver, "d-pc")
    for _ in range(3):
        press(driver, "j")
    assert current(driver) == 3 and text(driver, "d-pc") != pc0
    press(driver, "r")
    assert text(driver, "d-op").startswith("REVERT")
    driver.save_screenshot(str(SHOTS / "demo-refused-mint.png"))

    # The mint refused while paused, and a plot marker, open theirs too.
    link = action_link(driver, "mints 1 BTC to carol: refused")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    WebDriverWait(driver, 2).until(lambda d: "MintingPaused" in text(d, "tx-result"))
    marker = driver.find_elements(By.CSS_SELECTOR, "#demo-markers a.tx-link")[-1]
    driver.execute_script("document.getElementById('story-plot').scrollIntoView()")
    marker.click()
    WebDriverWait(driver, 2).until(lambda d: "mint" in text(d, "tx-call") and "MintingPaused" not in text(d, "tx-result"))
    check_clean(driver, page)


def test_demo_page_fragment_opens_a_transaction(porvm, driver, tmp_path):
    page = make_page(porvm, tmp_path, "--reserves", "800", "--withdrawal", "100")
    open_page(driver, page)
    k = action_link(driver, "oracle2 transmits").get_attribute("data-tx")
    open_page(driver, page, f"#tx={k}&step=5")
    assert current(driver) == 5 and "transmit" in text(driver, "tx-call")
    check_clean(driver, page)
