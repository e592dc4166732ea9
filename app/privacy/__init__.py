"""Privacy: retention of closed workshops and the privacy notice (tietosuojaseloste)."""
