"""Static pages every visitor can reach: the accessibility statement (saavutettavuusseloste)."""
