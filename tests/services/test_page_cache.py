import pytest
from django.core.cache import cache
from django.test import Client

from inspectorate.accounts.models import User
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):  # type: ignore[no-untyped-def]
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def test_an_anonymous_visitor_gets_the_same_page_again_without_new_queries(
    client: Client, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    school = factories.establishment(name="Cached Primary School")
    first = client.get(f"/schools/{school.urn}/")
    assert first.status_code == 200
    assert "public" in first["Cache-Control"]
    with django_assert_num_queries(0):
        again = client.get(f"/schools/{school.urn}/")
    assert again.content == first.content


def test_a_signed_in_person_is_never_served_the_cached_page(client: Client) -> None:
    school = factories.establishment(name="Cached Primary School")
    client.get(f"/schools/{school.urn}/")
    User.objects.create_user("reader", password="a-long-password-1")
    client.login(username="reader", password="a-long-password-1")
    page = client.get(f"/schools/{school.urn}/").content.decode()
    assert "Sign out" in page


def test_the_cache_is_off_when_set_to_zero(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    school = factories.establishment(name="Old Name School")
    client.get(f"/schools/{school.urn}/")
    school.name = "New Name School"
    school.save()
    assert "New Name School" in client.get(f"/schools/{school.urn}/").content.decode()
