"""Canonical URLs, hosts, registered domains and the stable record id."""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

# Query parameters that identify a campaign or a click, never the article.
TRACKING_PARAMS = re.compile(
    r"^(utm_[a-z_]+|fbclid|gclid|dclid|gclsrc|msclkid|yclid|twclid|igshid|mc_cid|mc_eid|_ga|_gl|"
    r"ocid|cmpid|cmp|ito|xtor|at_medium|at_campaign|at_source|smid|smtyp|ref_src|__twitter_impression|"
    r"wt\.mc_id|s_cid|ns_source|ns_mchannel|ns_campaign|ns_linkname|ns_fee|sr_share|spm|share|mkt_tok|vero_id|oly_enc_id|oly_anon_id)$",
    re.I,
)
DEFAULT_PORTS = {"http": "80", "https": "443"}


class BadURL(ValueError):
    """Not an http(s) URL; the message is the URL as given."""


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, drop fragment, default port and tracking parameters."""
    url = url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise BadURL(repr(url))
    host = parts.hostname.lower().rstrip(".")
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        pass
    netloc = host
    if parts.port is not None and str(parts.port) != DEFAULT_PORTS[scheme]:
        netloc = f"{host}:{parts.port}"
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAMS.match(k)]
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))


def as_uri(url: str | None, base: str | None = None) -> str | None:
    """A URL found in a page as a valid absolute URI: resolved against the page, IDNA host,
    unsafe characters percent-encoded. None when it cannot be one (javascript:, data:, garbage)."""
    if not url or not url.strip():
        return None
    url = url.strip()
    if base:
        from urllib.parse import urljoin

        url = urljoin(base, url)
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    try:
        host = parts.hostname.encode("idna").decode("ascii") if not parts.hostname.isascii() else parts.hostname
    except UnicodeError:
        return None
    netloc = host + (f":{parts.port}" if parts.port else "")
    safe = "/%:@!$&'()*+,;=-._~"
    return urlunsplit((parts.scheme.lower(), netloc, quote(parts.path, safe=safe), quote(parts.query, safe=safe + "?"),
                       quote(parts.fragment, safe=safe)))


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().rstrip(".")


@lru_cache(maxsize=1)
def _psl():
    # publicsuffixlist ships a copy of the Public Suffix List: no download at run time.
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList(only_icann=True)


@lru_cache(maxsize=65536)
def registered_domain(host: str) -> str:
    """Registered domain of a host (bbc.co.uk for www.bbc.co.uk); the host itself for IPs and bare suffixes."""
    if re.fullmatch(r"[\d.]+|\[[0-9a-f:]+\]", host):
        return host
    return _psl().privatesuffix(host) or host


def record_id(canonical: str) -> str:
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]
