"""A "legacy" geolocation client: synchronous and slow, like many vendor SDKs. Do not change it.

`lookup(ip)` blocks its thread for DELAY seconds (it stands in for a network round trip made with a
sync HTTP library such as `requests`) and returns a dict. It keeps no state between calls, so it
is safe to call from several threads at once. The check replaces it with an instrumented copy.
"""

import time

DELAY = 0.3

_KNOWN = {
    "1.1.1.1": ("Brisbane", "AU"),
    "8.8.8.8": ("Mountain View", "US"),
    "81.2.69.142": ("London", "GB"),
    "193.0.6.139": ("Amsterdam", "NL"),
}


def lookup(ip: str) -> dict[str, str]:
    """Where `ip` is, as {"ip": ..., "city": ..., "country": ...}. Blocks for DELAY seconds."""
    time.sleep(DELAY)
    city, country = _KNOWN.get(ip, ("unknown", "??"))
    return {"ip": ip, "city": city, "country": country}
