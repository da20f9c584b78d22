"""A SURFconext login at an accepted SURFsecureID level (PARCOURS_OIDC_STEP_UP_ACR_VALUES) counts
as the step-up for the same ten minutes as a code from the authenticator app; a lower level
counts for nothing. The act: publishing an OER, by a programme manager whose role was granted
in Parcours after the account was made just in time."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from parcours.accounts.models import ExternalIdentity, User
from parcours.accounts.oidc import ACR
from parcours.curriculum import services
from parcours.curriculum.models import Oer
from tests import factories
from tests.oidc_provider import LOA1, SFO_LEVEL2, log_in_at_provider

pytestmark = pytest.mark.django_db

CONFIRM = {"confirm": "on"}


def manager_logged_in(client, programme, acr: str) -> User:
    assert client.get(log_in_at_provider(client, acr=acr)).status_code == 302
    user = ExternalIdentity.objects.select_related("user").get().user
    services.role_assign(user, actor=None, role="programme_manager", programme=programme)
    return user


def publish(client, oer: Oer):
    response = client.post(reverse("curriculum:oer_publish", args=[oer.pk]), CONFIRM)
    oer.refresh_from_db()
    return response


def test_an_accepted_surfsecureid_level_steps_up_without_an_authenticator(
    client, surfconext, oer, programme
):
    manager_logged_in(client, programme, SFO_LEVEL2)
    assert client.session[ACR] == SFO_LEVEL2
    response = publish(client, oer)
    assert response.status_code == 302
    assert response["Location"] == reverse("curriculum:oer_detail", args=[oer.pk])
    assert oer.status == "published"


def test_a_lower_level_does_not_step_up_but_offers_surfsecureid(client, surfconext, oer, programme):
    """Logged in at LoA 1: the act is not done; the step-up page offers to confirm with
    SURFsecureID (no code field: this account has no authenticator app). Confirming there at
    a lower level again changes nothing; at an accepted level the act goes through."""
    manager_logged_in(client, programme, LOA1)
    asked = publish(client, oer)
    assert asked.status_code == 403
    page = asked.content.decode()
    assert 'data-testid="step-up-surfsecureid"' in page
    assert 'data-testid="step-up-form"' not in page
    assert f'<input type="hidden" name="next" value="/oer/{oer.pk}/">' in page
    assert oer.status == "draft"
    step_up = {"step_up": "1", "next": f"/oer/{oer.pk}/"}
    start = client.post(reverse("accounts:surfconext_login"), step_up)
    query = parse_qs(urlsplit(start["Location"]).query)
    assert query["acr_values"] == [SFO_LEVEL2]
    assert query["prompt"] == ["login"]
    again_low = client.get(log_in_at_provider(client, acr=LOA1, data=step_up))
    assert again_low["Location"] == f"/oer/{oer.pk}/"
    assert publish(client, oer).status_code == 403
    assert oer.status == "draft"
    confirmed = client.get(log_in_at_provider(client, acr=SFO_LEVEL2, data=step_up))
    assert confirmed["Location"] == f"/oer/{oer.pk}/"
    assert publish(client, oer).status_code == 302
    assert oer.status == "published"
    assert ExternalIdentity.objects.count() == 1


def test_without_surfconext_settings_for_levels_the_account_is_sent_to_set_up_an_app(
    client, surfconext, settings, oer, programme
):
    settings.PARCOURS_OIDC_STEP_UP_ACR_VALUES = []
    manager_logged_in(client, programme, LOA1)
    response = publish(client, oer)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:second_factor_enrol"))
    assert oer.status == "draft"


def test_the_level_counts_for_the_step_up_minutes_only(client, surfconext, variant, programme):
    first, second = (factories.draft_oer(variant, year=y) for y in (2027, 2028))
    with time_machine.travel(timezone.now(), tick=False) as clock:
        manager_logged_in(client, programme, SFO_LEVEL2)
        clock.shift(timedelta(minutes=9, seconds=59))
        assert publish(client, first).status_code == 302
        assert first.status == "published"
        clock.shift(timedelta(seconds=1))
        assert publish(client, second).status_code == 403
        assert second.status == "draft"


def test_a_level_not_configured_as_accepted_does_not_step_up(
    client, surfconext, settings, oer, programme
):
    settings.PARCOURS_OIDC_STEP_UP_ACR_VALUES = ["http://test.surfconext.nl/assurance/loa3"]
    manager_logged_in(client, programme, SFO_LEVEL2)
    assert publish(client, oer).status_code == 403
    assert oer.status == "draft"


@pytest.mark.parametrize(
    ("acr", "status", "published"), [(SFO_LEVEL2, 200, True), (LOA1, 403, False)]
)
def test_the_api_in_the_same_session_takes_the_level_too(
    client, surfconext, oer, programme, acr, status, published
):
    manager_logged_in(client, programme, acr)
    response = client.post(f"/api/v1/oers/{oer.pk}/publish")
    assert response.status_code == status
    oer.refresh_from_db()
    assert (oer.status == "published") is published
