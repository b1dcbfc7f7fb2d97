"""The members' side in a real browser in Spanish: logging in from /es/login/ and copying a new token on
/es/account/, where the copy button's script reports in the page's language."""

import pytest

from tests.e2e.conftest import DEMO_MEMBER_PASSWORD, WIDE, visit

pytestmark = pytest.mark.e2e


def test_a_member_logs_in_and_copies_a_token_in_spanish(demo_site, browser):
    context = browser.new_context(viewport=WIDE, permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        visit(page, demo_site.url + "/es/login/")
        page.get_by_label("Nombre de usuario").fill(demo_site.member_username)
        page.get_by_label("Contraseña").fill(DEMO_MEMBER_PASSWORD)
        page.get_by_role("main").get_by_role("button", name="Iniciar sesión").click()
        page.wait_for_load_state("load")
        visit(page, demo_site.url + "/es/account/")
        assert page.get_by_label("Caducidad").input_value() == "90"
        page.get_by_label("Nombre del token").fill("Móvil")
        page.get_by_role("button", name="Crear un token").click()
        page.wait_for_load_state("load")
        page.get_by_role("button", name="Copiar el token").click()
        page.get_by_text("Copiado.").wait_for()
        token = page.locator("#new-token").inner_text().strip()
        assert page.evaluate("() => navigator.clipboard.readText()") == token
    finally:
        context.close()
