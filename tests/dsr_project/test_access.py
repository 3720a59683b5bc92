"""The whole API's access rules: public reads by default, tokens, throttles."""

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from common.throttling import THROTTLED
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def token_client() -> APIClient:
    client = APIClient()
    key = Token.objects.create(user=UserFactory()).key
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def rates(settings):
    """Set throttle rates for one test; the counts start from zero."""
    cache.clear()

    def set_rates(**rates):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None, **rates},
        }

    yield set_rates
    cache.clear()


@pytest.mark.parametrize("path", ["/dsrs/", "/works/?title=a", "/playlists/"])
def test_reads_are_public_by_default(path):
    assert APIClient().get(path).status_code == 200


def test_enrich_changes_nothing_so_it_is_a_read():
    response = APIClient().post("/works/enrich", {"iswcs": []}, format="json")
    assert response.status_code != 401


@pytest.mark.parametrize("path", ["/dsrs/", "/works/?title=a", "/playlists/"])
def test_without_anonymous_reads_a_token_is_needed(settings, token_client, path):
    settings.API_ANONYMOUS_READ = False
    anonymous = APIClient().get(path)
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"] == "Token"
    assert token_client.get(path).status_code == 200


def test_without_anonymous_reads_enrich_needs_a_token(settings, token_client):
    settings.API_ANONYMOUS_READ = False
    body = {"iswcs": ["T-034.524.680-1"]}
    assert APIClient().post("/works/enrich", body, format="json").status_code == 401
    assert token_client.post("/works/enrich", body, format="json").status_code == 200


def test_an_anonymous_client_past_its_rate_is_429(rates):
    rates(anon="2/minute")
    client = APIClient()
    assert [client.get("/dsrs/").status_code for _ in range(3)] == [200, 200, 429]
    response = client.get("/dsrs/")
    assert response.status_code == 429
    assert response.json()["detail"].startswith(
        THROTTLED.format(setting="API_THROTTLE_ANON", rate="2/minute")
    )
    assert int(response["Retry-After"]) > 0


def test_a_user_past_its_rate_is_429(rates, token_client):
    rates(user="1/minute")
    assert token_client.get("/dsrs/").status_code == 200
    response = token_client.get("/dsrs/")
    assert response.status_code == 429
    assert "API_THROTTLE_USER = 1/minute" in response.json()["detail"]
    # Anonymous clients are not counted against the user rate.
    assert APIClient().get("/dsrs/").status_code == 200


def test_no_rate_no_throttle(rates):
    rates()
    client = APIClient()
    assert {client.get("/dsrs/").status_code for _ in range(20)} == {200}


def test_the_schema_offers_the_token_and_the_session():
    schemes = (
        APIClient()
        .get("/api/schema/?format=json")
        .json()["components"]["securitySchemes"]
    )
    assert schemes["tokenAuth"] == {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": 'Token-based authentication with required prefix "Token"',
    }
    assert schemes["cookieAuth"]["in"] == "cookie"


def test_a_forged_forwarded_for_does_not_reset_the_count(rates):
    """Without API_NUM_PROXIES the header is ignored: one address, one count."""
    rates(anon="1/minute")
    client = APIClient()
    assert client.get("/dsrs/", HTTP_X_FORWARDED_FOR="10.0.0.1").status_code == 200
    assert client.get("/dsrs/", HTTP_X_FORWARDED_FOR="10.0.0.2").status_code == 429
