"""How long a cache may keep public images and anonymous API answers, and that a privacy change is honoured by
the site at once: a cache that revalidates after the change gets a 404, never a 304."""

import pytest
from django.utils.http import http_date

from tests import factories
from tests.fixtures import restrict_collection

pytestmark = pytest.mark.django_db


def cache_control(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


@pytest.fixture
def public_image(db):
    image = factories.CustomImageFactory(title="Harbour")
    return image, image.get_rendition("width-200").url


def test_a_public_image_is_kept_five_minutes_by_browsers_and_an_hour_by_shared_caches(client, public_image):
    _image, url = public_image
    response = client.get(url)
    assert response.status_code == 200
    assert cache_control(response) == {"public", "max-age=300", "s-maxage=3600"}
    assert response["Last-Modified"]


def test_an_unchanged_public_image_revalidates_with_304(client, public_image):
    _image, url = public_image
    last_modified = client.get(url)["Last-Modified"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_an_image_made_members_only_answers_a_revalidation_with_404(client, public_image, members_group):
    image, url = public_image
    first = client.get(url)
    collection = factories.CollectionFactory(name="Board")
    restrict_collection(collection, groups=[members_group])
    image.collection = collection
    image.save()
    for validator in (first["Last-Modified"], http_date()):
        response = client.get(url, HTTP_IF_MODIFIED_SINCE=validator)
        assert response.status_code == 404
