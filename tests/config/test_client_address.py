"""Issue 15: one helper decides the client address for the access log and the login throttling.
It trusts exactly TRUSTED_PROXY_HOPS proxies: what a client writes into X-Forwarded-For itself
is ignored."""

import pytest
from django.conf import settings
from django.test import RequestFactory

from core.http import client_address


def _request(remote="127.0.0.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_issue_15_2_without_a_trusted_proxy_only_remote_addr_counts(settings):
    """Issue 15."""
    settings.TRUSTED_PROXY_HOPS = 0
    assert client_address(_request("192.0.2.7", forwarded="203.0.113.9")) == "192.0.2.7"


def test_issue_15_2_behind_nginx_the_last_forwarded_entry_is_the_client(settings):
    """Issue 15."""
    settings.TRUSTED_PROXY_HOPS = 1
    # The client forged the first entry; nginx appended the address it really saw.
    assert client_address(_request(forwarded="10.0.0.1, 198.51.100.23")) == "198.51.100.23"
    assert client_address(_request(forwarded="2001:db8::1")) == "2001:db8::1"


def test_issue_15_2_behind_nginx_a_direct_request_falls_back_to_remote_addr(settings):
    """Issue 15."""
    settings.TRUSTED_PROXY_HOPS = 1
    assert client_address(_request("127.0.0.1")) == "127.0.0.1"


@pytest.mark.parametrize("forwarded", ["not-an-address", "198.51.100.23, <script>", "1.2.3.4; drop"])
def test_issue_15_2_an_invalid_forwarded_address_is_refused(settings, forwarded):
    """Issue 15."""
    settings.TRUSTED_PROXY_HOPS = 1
    assert client_address(_request(forwarded=forwarded)) == ""


def test_issue_15_2_two_hops_need_two_entries(settings):
    """Issue 15."""
    settings.TRUSTED_PROXY_HOPS = 2
    assert client_address(_request(forwarded="198.51.100.23, 10.0.0.2")) == "198.51.100.23"
    assert client_address(_request(forwarded="10.0.0.2")) == ""


def test_art_15_2d_login_throttling_uses_the_same_helper():
    assert settings.AXES_CLIENT_IP_CALLABLE == "core.http.client_address"
    from axes.helpers import get_client_ip_address

    assert get_client_ip_address(_request("192.0.2.44", forwarded="203.0.113.9")) == "192.0.2.44"
