"""Claim extraction: dates, identifiers, quantities and names, with exact offsets."""
