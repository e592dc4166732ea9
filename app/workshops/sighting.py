"""Where a new participant joined from, kept only as keyed hashes: enough for the facilitator to
see that one browser or one network made many participants, not enough to learn the address.

The key is the app's secret key (HMAC-SHA-256), so the 2**32 IPv4 addresses cannot be tried
one by one against a copied database without it; the workshop id is part of the message, so
the same browser or network cannot be followed from one workshop to another. An IPv6 address
counts by its /64 network: one household or phone gets a whole /64 and may change addresses
within it at will.
"""

import hmac
import ipaddress
from dataclasses import dataclass
from hashlib import sha256

from flask import current_app


def network(address: str | None) -> str | None:
    """The address as it counts: IPv4 as such, IPv6 by its /64 network."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return address or None
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:  # ::ffff:192.0.2.1 is 192.0.2.1
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))


def digest(kind: str, workshop_id: int, value: str) -> str:
    key = current_app.secret_key
    key = key.encode() if isinstance(key, str) else key
    message = f"pajapohja-sighting:{kind}:{workshop_id}:{value}".encode()
    return hmac.new(key, message, sha256).hexdigest()


@dataclass(frozen=True)
class Sighting:
    """The join's network address and browser id, as given; only their digests are stored."""

    address: str | None
    browser_id: str | None

    def stamp(self, participant) -> None:
        """Store the digests on a new participant (its ``workshop_id`` set)."""
        workshop_id = participant.workshop_id
        where = network(self.address)
        participant.address_hash = digest("address", workshop_id, where) if where else None
        participant.browser_hash = (
            digest("browser", workshop_id, self.browser_id) if self.browser_id else None
        )
