"""The admin and the API docs in headless Chromium at 1366x900, as people see them.

Needs Debian's chromium and chromium-driver (``.ci/run`` installs them).
Screenshots go to ``$CI_ARTIFACTS`` (CI keeps that folder), else a temp folder.
"""

import os
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User

from dsrs.models import DSR, DeletedDSR
from tests.browser import chromium_driver, requires_chromium
from tests.dsrs.samples import cents, eur, exact_sum, file_revenue

PASSWORD = "a browser test password"

pytestmark = [
    requires_chromium,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def artifacts() -> Path:
    folder = Path(os.environ.get("CI_ARTIFACTS") or tempfile.mkdtemp()) / "browser"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def browser():
    with chromium_driver(width=1366, height=900) as driver:
        driver.implicitly_wait(10)
        yield driver


@pytest.fixture
def expected_eur(imported_samples) -> dict[int, Decimal]:
    """Per DSR id, its EUR revenue from the file's revenue column and its rate."""
    return {
        result.import_id: eur(
            file_revenue(Path(result.path)),
            DSR.objects.get(pk=result.import_id).eur_rate,
        )
        for result in imported_samples
    }


def test_admin_and_docs_pages(live_server, browser, artifacts, expected_eur):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def wait_for(condition) -> None:
        WebDriverWait(browser, 20).until(lambda driver: condition())

    User.objects.create_superuser("analyst", password=PASSWORD)

    def shot(name: str) -> None:
        browser.save_screenshot(str(artifacts / f"{name}.png"))

    def texts(selector: str) -> list[str]:
        return [e.text for e in browser.find_elements(By.CSS_SELECTOR, selector)]

    def fits_the_window() -> bool:
        """Neither the page nor a table in it scrolls sideways."""
        return browser.execute_script(
            "return [document.documentElement, ...document.querySelectorAll("
            "'.results, table')].every(e => e.scrollWidth <= e.clientWidth)"
        )

    browser.get(f"{live_server.url}/admin/login/")
    browser.find_element(By.ID, "id_username").send_keys("analyst")
    browser.find_element(By.ID, "id_password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
    wait_for(lambda: "/login/" not in browser.current_url)

    # The DSR list: every column visible without scrolling sideways.
    browser.get(f"{live_server.url}/admin/dsrs/dsr/")
    shot("1-dsr-list")
    headers = [h.lower() for h in texts("#result_list thead th")][1:]
    assert headers == [
        "dsr",
        "territory",
        "period",
        "status",
        "usages",
        "revenue",
        "eur",
        "rejected",
    ]
    assert fits_the_window()
    labels = texts("th.field-label")
    shown = dict(zip(labels, texts("td.field-revenue_eur_sum"), strict=True))
    assert len(shown) == len(expected_eur)
    for dsr_id, amount in expected_eur.items():
        [label] = [label for label in shown if label.startswith(f"#{dsr_id} ")]
        assert shown[label] == cents(amount)

    # A DSR's page: its EUR revenue and the way to its usages.
    dsr_id = min(expected_eur)
    browser.get(f"{live_server.url}/admin/dsrs/dsr/{dsr_id}/change/")
    shot("2-dsr-page")
    page = browser.find_element(By.ID, "content").text
    assert f"{cents(expected_eur[dsr_id])} EUR" in page
    browser.execute_script(
        "document.querySelector('fieldset:nth-of-type(2)').scrollIntoView()"
    )
    shot("2b-dsr-page-contents")
    browser.find_element(By.PARTIAL_LINK_TEXT, "usage lines").click()
    shot("3-dsr-usages")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#usage-list tbody tr")) == 100

    # The revenue overview: a drawn chart, the total of the four samples.
    browser.get(f"{live_server.url}/admin/dsrs/dsr/revenue/")
    shot("4-revenue-overview")
    assert browser.find_elements(By.CSS_SELECTOR, "#revenue-chart rect")
    total = cents(exact_sum(expected_eur.values()))
    assert browser.find_element(By.ID, "revenue-total").text == f"{total} EUR"
    assert len(browser.find_elements(By.CSS_SELECTOR, "#top-resources tbody tr")) == 20
    assert fits_the_window()

    # The delete confirmation: Django's red "Yes", then the deletion log.
    browser.get(f"{live_server.url}/admin/dsrs/dsr/{dsr_id}/delete/")
    shot("5-delete-confirmation")
    confirm = browser.find_element(By.CSS_SELECTOR, "form input[type=submit]")
    assert confirm.value_of_css_property("background-color") == "rgba(186, 33, 33, 1)"
    confirm.click()
    wait_for(lambda: browser.current_url.endswith("/admin/dsrs/dsr/"))
    assert (
        "Deleted 1 DSR(s) with 1,000 usages"
        in browser.find_element(By.CSS_SELECTOR, "ul.messagelist").text
    )
    browser.get(f"{live_server.url}/admin/dsrs/deleteddsr/")
    shot("6-deletion-log")
    assert DeletedDSR.objects.get().dsr_id == dsr_id
    assert texts("td.field-usage_lines") == ["1,000"]
    assert fits_the_window()

    # Swagger UI from the project's own static files lists the operations.
    browser.get(f"{live_server.url}/api/docs/")
    wait_for(lambda: len(texts(".opblock-summary-path")) >= 3)
    operations = browser.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")
    shot("7-swagger-ui")
    assert {o.text.replace("\u200b", "") for o in operations} >= {
        "/dsrs/",
        "/dsrs/{id}",
        "/resources/percentile/{number}",
    }


def test_landing_schema_redoc_and_403(
    live_server, browser, artifacts, imported_samples
):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def shot(name: str) -> None:
        browser.save_screenshot(str(artifacts / f"{name}.png"))

    browser.get(f"{live_server.url}/")
    shot("8-landing")
    figures = browser.find_element(By.CSS_SELECTOR, "#dsrs .figures").text
    assert "usage lines 4,000" in figures and "DSRs ingested 4" in figures

    browser.get(f"{live_server.url}/api/schema/")
    shot("9-schema")
    schema = browser.find_element(By.ID, "schema").text
    assert "/resources/percentile/{number}:" in schema

    browser.get(f"{live_server.url}/api/redoc/")
    WebDriverWait(browser, 20).until(
        lambda driver: (
            "/resources/percentile/{number}" in driver.page_source
            and driver.find_elements(By.CSS_SELECTOR, "[role=menuitem]")
        )
    )
    shot("10-redoc")

    viewer = User.objects.create_user("viewer", password=PASSWORD, is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_dsr"))
    browser.get(f"{live_server.url}/admin/login/")
    browser.find_element(By.ID, "id_username").send_keys("viewer")
    browser.find_element(By.ID, "id_password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
    WebDriverWait(browser, 20).until(lambda d: "/login/" not in d.current_url)
    dsr_id = imported_samples[0].import_id
    browser.get(f"{live_server.url}/admin/dsrs/dsr/{dsr_id}/delete/")
    shot("11-forbidden")
    assert browser.find_element(By.ID, "site-name").text == "Django administration"
    assert "delete DSR" in browser.find_element(By.ID, "content").text
