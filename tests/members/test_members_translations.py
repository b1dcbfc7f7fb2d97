"""The members' side speaks the visitor's language: login, password reset and its e-mail, the "members only" page,
My account and the throttling pages read in French under /fr/ and in Spanish under /es/ (members/locale)."""

import gettext
import re
from pathlib import Path
from urllib.parse import quote

import polib
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import translation
from wagtail.models import Locale

from members.views import login_reason
from tests.fixtures import restrict_page

pytestmark = pytest.mark.django_db

LOCALE_DIR = Path(settings.BASE_DIR) / "members" / "locale"


def words(response):
    """The response's HTML with its white space folded (non-breaking spaces included), as a reader meets it."""
    return " ".join(response.content.decode().replace("\u00a0", " ").split())


def translated(page, language_code):
    """``page``'s translation into ``language_code``, published (its parents must be translated already)."""
    copy = page.copy_for_translation(Locale.objects.get(language_code=language_code))
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


@pytest.fixture
def french_private_area(home_page, private_area, members_group):
    """The French translation of the private areas (restricted to members, shown in the menus), under the French
    home page."""
    translated(home_page, "fr")
    section = translated(private_area, "fr")
    restrict_page(section, groups=[members_group])
    return section


# Login --------------------------------------------------------------------------------------------------------


def test_the_french_login_page_is_in_french_and_says_why_in_french(client, french_private_area):
    response = client.get(f"/fr/login/?next={quote(french_private_area.url)}")
    assert response.status_code == 200
    text = words(response)
    assert "<h1>Accès à l’espace membres</h1>" in text
    assert "Connectez-vous avec votre compte de membre pour lire cette page." in text
    assert '<label for="id_username">Nom d’utilisateur</label>' in text
    assert '<label for="id_password">Mot de passe</label>' in text
    assert '<button type="submit" class="button">Se connecter</button>' in text
    assert 'href="/fr/password-reset/">Mot de passe oublié ?</a>' in text
    assert "Username" not in text and "Private areas access" not in text.split("</header>")[1]


def test_anonymous_visitors_of_french_pages_are_sent_to_the_french_login(client, french_private_area):
    response = client.get(french_private_area.url, follow=True)
    assert response.redirect_chain[0][0] == f"/fr/login/?next={quote(french_private_area.url)}"
    assert "Connectez-vous avec votre compte de membre pour lire cette page." in words(response)
    response = client.get("/fr/account/", follow=True)
    assert response.redirect_chain[0][0] == f"/fr/login/?next={quote('/fr/account/')}"
    assert "Connectez-vous pour accéder à votre compte." in words(response)


def test_the_spanish_login_page_is_in_spanish(client):
    response = client.get("/es/login/?next=/files/12/board-minutes.pdf")
    text = words(response)
    assert "<h1>Acceso a áreas privadas</h1>" in text
    assert "Inicie sesión con su cuenta de miembro para descargar este documento." in text
    assert '<label for="id_username">Nombre de usuario</label>' in text
    assert '<label for="id_password">Contraseña</label>' in text
    assert '<button type="submit" class="button">Iniciar sesión</button>' in text
    assert "¿Ha olvidado su contraseña?" in text


def test_login_reasons_follow_the_active_language_and_stay_english_in_english():
    with translation.override("es"):
        assert login_reason("/es/account/") == "Inicie sesión para ver su cuenta."
    with translation.override("en"):
        assert login_reason("/en/account/") == "Log in to see your account."


def test_a_wrong_password_is_refused_in_french(client, member):
    response = client.post("/fr/login/", {"username": "member", "password": "wrong"})
    assert response.status_code == 200
    text = words(response)
    assert "Saisissez un nom d’utilisateur et un mot de passe valides." in text
    assert '<label for="id_username">Nom d’utilisateur</label>' in text
    assert "Please enter a correct" not in text
    assert "_auth_user_id" not in client.session


def test_the_french_lock_out_page_is_in_french_with_its_duration(client, member):
    for _attempt in range(6):
        response = client.post("/fr/login/", {"username": "member", "password": "wrong"}, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    text = words(response)
    assert "<h1>Trop d’échecs de connexion</h1>" in text
    assert "la connexion est suspendue pendant 15 minutes." in text
    assert 'href="/fr/password-reset/">en choisir un nouveau par e-mail</a>' in text


def test_logging_out_in_spanish_is_confirmed_in_spanish(client, member):
    client.force_login(member)
    response = client.post("/es/logout/", follow=True)
    assert response.redirect_chain[-1][0] == "/es/logout/done/"
    text = words(response)
    assert "<h1>Ha cerrado la sesión</h1>" in text
    assert '<a href="/es/login/">Volver a iniciar sesión</a> o <a href="/es/">ir a la página de inicio</a>.' in text


# Members only ---------------------------------------------------------------------------------------------------


def test_a_logged_in_non_member_gets_the_members_only_page_in_french(client, non_member, french_private_area):
    client.force_login(non_member)
    response = client.get(french_private_area.url)
    assert french_private_area.url.startswith("/fr/")
    assert response.status_code == 403
    text = words(response)
    assert "<h1>Cet espace est réservé aux membres</h1>" in text
    assert (
        "Votre session est ouverte avec le compte <strong>visitor</strong>, mais ce compte n’est pas celui d’un "
        "membre de la fédération" in text
    )
    assert "<h2>Comment devenir membre</h2>" in text
    assert f'<a href="/fr/login/?next={quote(french_private_area.url)}">' in text
    assert "this account is not a member" not in text


def test_the_english_members_only_page_stays_in_english(client, non_member, private_area):
    client.force_login(non_member)
    text = words(client.get(private_area.url))
    assert "<h1>This area is for members only</h1>" in text
    assert "this account is not a member of the federation" in text


# My account -----------------------------------------------------------------------------------------------------


def test_my_account_is_in_spanish(client, member):
    client.force_login(member)
    response = client.get("/es/account/")
    assert response.status_code == 200
    text = words(response)
    assert "<h1>Mi cuenta</h1>" in text
    assert "Sesión iniciada como <strong>member</strong>." in text
    assert '<h2 id="api-tokens">Tokens de API personales</h2>' in text
    assert '<label for="id_name">Nombre del token</label>' in text
    assert '<label for="id_expires_in">Caducidad</label>' in text
    assert '<option value="90" selected>Dentro de 90 días</option>' in text
    assert '<option value="never">Nunca</option>' in text
    assert "No tiene ningún token de API." in text
    assert '<button type="submit" class="button">Crear un token</button>' in text


def test_a_new_token_is_announced_in_spanish_with_a_spanish_date(client, member):
    client.force_login(member)
    response = client.post("/es/account/", {"name": "Móvil", "expires_in": "30"})
    text = words(response)
    assert "<strong>Su nuevo token «Móvil».</strong> Cópielo ahora" in text
    assert re.search(r"Token \(válido hasta el \d{1,2} de [a-z]+ de \d{4}\)", text)
    assert 'data-copied="Copiado."' in text
    assert "<caption>Sus tokens</caption>" in text
    assert re.search(r'<td data-label="Creado el">\d{2}/\d{2}/\d{4}</td>', text)


def test_account_messages_are_in_the_pages_language(client, member):
    client.force_login(member)
    response = client.post("/fr/account/feed/revoke/", follow=True)
    assert "Vous n’avez aucune adresse de flux à révoquer." in words(response)
    response = client.post("/es/account/tokens/999999/revoke/", follow=True)
    assert "No se ha encontrado ese token; puede que ya se haya revocado." in words(response)


def test_the_token_limit_is_explained_in_french(client, member):
    from members import tokens

    for number in range(tokens.MAX_TOKENS_PER_USER):
        tokens.create_token(member, f"Jeton {number}", days=30)
    client.force_login(member)
    response = client.post("/fr/account/", {"name": "Un de plus", "expires_in": "30"})
    assert response.status_code == 400
    assert "Vous avez déjà 10 jetons. Révoquez d’abord un jeton que vous n’utilisez plus." in words(response)


def test_changing_the_password_in_french(client, member):
    client.force_login(member)
    text = words(client.get("/fr/account/password/"))
    assert "<h1>Changer de mot de passe</h1>" in text
    assert "Ancien mot de passe" in text  # Django's own field label, in French
    response = client.post(
        "/fr/account/password/",
        {
            "old_password": "password",
            "new_password1": "un-secret-bien-meilleur-9",
            "new_password2": "un-secret-bien-meilleur-9",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/fr/account/"
    assert "Votre mot de passe a été modifié. Votre session reste ouverte sur cet appareil." in words(response)


def test_the_password_change_throttle_counts_minutes_in_spanish(client, member, settings):
    settings.PASSWORD_CHANGE_FAILURES = 1
    settings.PASSWORD_CHANGE_WINDOW = 3600
    client.force_login(member)
    data = {
        "old_password": "wrong",
        "new_password1": "a-much-better-secret-9",
        "new_password2": "a-much-better-secret-9",
    }
    client.post("/es/account/password/", data)
    response = client.post("/es/account/password/", data)
    assert response.status_code == 429
    text = words(response)
    assert "<h1>Demasiados intentos</h1>" in text
    assert 'Vuelva a intentarlo dentro de 60 minutos o <a href="/es/password-reset/">' in text


# Password reset -------------------------------------------------------------------------------------------------


@pytest.fixture
def member_with_email(member):
    member.email = "member@example.org"
    member.save()
    return member


def test_a_reset_asked_for_in_french_sends_a_french_e_mail_with_a_french_link(client, member_with_email):
    page = words(client.get("/fr/password-reset/"))
    assert "<h1>Mot de passe oublié ?</h1>" in page
    assert '<label for="id_email">Adresse e-mail</label>' in page
    response = client.post("/fr/password-reset/", {"email": "member@example.org"}, follow=True)
    assert response.redirect_chain[-1][0] == "/fr/password-reset/sent/"
    assert "<h1>Consultez votre messagerie</h1>" in words(response)
    [message] = mail.outbox
    assert message.subject == "Choisir un nouveau mot de passe pour l’espace membres"
    assert message.body.startswith("Bonjour member,\n\nQuelqu’un a demandé un nouveau mot de passe")
    assert "Si ce n’est pas vous, ignorez ce message" in message.body
    link = re.search(r"http://testserver(/\S+)", message.body).group(1)
    assert link.startswith("/fr/password-reset/")

    confirm = client.get(link, follow=True)
    assert confirm.status_code == 200
    assert confirm.redirect_chain[-1][0].startswith("/fr/password-reset/")
    text = words(confirm)
    assert "<h1>Choisissez un nouveau mot de passe</h1>" in text
    assert "Nouveau mot de passe" in text  # Django's own field label, in French
    assert '<button type="submit" class="button">Enregistrer le nouveau mot de passe</button>' in text

    done = client.post(
        confirm.redirect_chain[-1][0],
        {"new_password1": "un-secret-bien-meilleur-9", "new_password2": "un-secret-bien-meilleur-9"},
        follow=True,
    )
    assert done.redirect_chain[-1][0] == "/fr/password-reset/done/"
    assert "<h1>Votre mot de passe a été modifié</h1>" in words(done)
    assert get_user_model().objects.get(pk=member_with_email.pk).check_password("un-secret-bien-meilleur-9")


def test_a_reset_asked_for_in_spanish_sends_a_spanish_e_mail(client, member_with_email):
    client.post("/es/password-reset/", {"email": "member@example.org"})
    [message] = mail.outbox
    assert message.subject == "Elija una contraseña nueva para las áreas privadas"
    assert message.body.startswith("Hola, member:\n")
    assert "http://testserver/es/password-reset/" in message.body


def test_a_reset_asked_for_in_english_still_sends_the_english_e_mail(client, member_with_email):
    client.post("/en/password-reset/", {"email": "member@example.org"})
    [message] = mail.outbox
    assert message.subject == "Set a new password for the private areas"
    assert message.body.startswith("Hello member,\n\nSomeone asked to set a new password for your account on ")
    assert "http://testserver/en/password-reset/" in message.body
    assert message.body.endswith("If it was not you, ignore this message: your password stays as it is.\n")


def test_a_used_reset_link_says_so_in_french(client):
    text = words(client.get("/fr/password-reset/MQ/not-a-token/"))
    assert "<h1>Ce lien ne fonctionne plus</h1>" in text
    assert '<a href="/fr/password-reset/">Demandez un nouveau lien</a>' in text


def test_the_reset_throttle_answers_in_french(client, settings):
    settings.PASSWORD_RESET_REQUESTS_PER_CLIENT = 0
    settings.PASSWORD_RESET_WINDOW = 60
    response = client.post("/fr/password-reset/", {"email": "someone@example.org"})
    assert response.status_code == 429
    text = words(response)
    assert "<h1>Trop de demandes</h1>" in text
    assert "Veuillez réessayer dans 1 minute. Un lien déjà envoyé reste valable 24 heures." in text
    assert mail.outbox == []


# The catalogs ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_catalog_is_fully_translated_and_compiled(language):
    """Every message of members/locale has a translation, and the committed .mo says the same as the .po (a
    fresh machine may have no gettext to compile it)."""
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    po = polib.pofile(str(folder / "django.po"))
    assert po.untranslated_entries() == [] and po.fuzzy_entries() == []
    with open(folder / "django.mo", "rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    for entry in po.translated_entries():
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            assert compiled.ngettext(key, entry.msgid_plural, 5) == entry.msgstr_plural[1]
        else:
            assert compiled.gettext(key) == entry.msgstr
