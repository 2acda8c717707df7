"""A registry entry as schema/outlet.schema.json has it, and a network as schema/network.schema.json has
it: typed for the reader and for mypy, plain dicts at run time (they come from YAML and go to Parquet as
they are). The keys of a `total=False` class may be missing from a file's entry."""
from __future__ import annotations

from typing import TypedDict


class _EvidenceKeys(TypedDict):
    kind: str  # sanction | regulator | monitor | encyclopedia | self | ...
    ref: str


class Evidence(_EvidenceKeys, total=False):
    url: str | None
    date: str | None


class Membership(TypedDict):
    """An outlet's `network` value: the network, and the evidence of the membership and of its owner."""

    network_id: str
    name: str
    kind: str
    owner: str | None
    evidence: list[str]


class _PeriodKeys(TypedDict):
    category: str
    evidence: list[Evidence]


class Period(_PeriodKeys, total=False):
    """What an outlet was, from when to when, and the evidence of it."""

    typology: str | None
    valid_from: str | None
    valid_to: str | None
    network: Membership | None  # a period a network's membership made


class _OutletKeys(TypedDict):
    outlet_id: str  # None only in what several entries of one owner agree on, when a declared name matched them all
    name: str
    hosts: list[str]
    periods: list[Period]


class Outlet(_OutletKeys, total=False):
    publisher_aliases: list[str]
    country: str | None
    languages: list[str]
    owner: str | None
    parent: str | None
    network: Membership | None
    uncertain: bool
    uncertain_note: str | None
    notes: str | None


class _MemberKeys(TypedDict):
    host: str
    name: str
    evidence: list[Evidence]


class Member(_MemberKeys, total=False):
    valid_from: str | None
    valid_to: str | None
    country: str | None
    languages: list[str]


class _NetworkKeys(TypedDict):
    network_id: str
    name: str
    kind: str  # media_group | public_broadcaster | state_media_group | pink_slime_chain
    owner: str | None
    country: str | None
    category: str
    evidence: list[Evidence]
    members: list[Member]


class Network(_NetworkKeys, total=False):
    notes: str | None
    uncertain_note: str | None
