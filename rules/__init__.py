"""Rule modules, one per rule; REGISTRY lists them in the order they are tried on a pair."""

from __future__ import annotations

from . import (fc001_magnitude_shift, fc002_date_conflict, fc003_count_difference, fc004_digit_transposition,
               fc005_percent_conflict, fc006_direction_flip, fc007_percent_points, fc008_unit_mismatch,
               fc009_identifier_mismatch, fc010_name_variant, fc011_value_mismatch, fc012_missing_value,
               fc013_extra_value, fc014_impossible_date)
from .base import Pair, Rule, Verdict

# pair rules in priority order: the first that fires describes the pair
PAIR_RULES: list[Rule] = [
    fc006_direction_flip.check,
    fc008_unit_mismatch.check,
    fc007_percent_points.check,
    fc001_magnitude_shift.check,
    fc004_digit_transposition.check,
    fc002_date_conflict.check,
    fc009_identifier_mismatch.check,
    fc010_name_variant.check,
    fc003_count_difference.check,
    fc005_percent_conflict.check,
    fc011_value_mismatch.check,
]
MISSING_RULE: Rule = fc012_missing_value.check
EXTRA_RULE: Rule = fc013_extra_value.check
# rules of one claim, on its own: run over every claim of the corpus
CLAIM_RULES: list[Rule] = [fc014_impossible_date.check]
REGISTRY: list[Rule] = sorted([*PAIR_RULES, MISSING_RULE, EXTRA_RULE, *CLAIM_RULES], key=lambda r: r.id)

__all__ = ["PAIR_RULES", "MISSING_RULE", "EXTRA_RULE", "CLAIM_RULES", "REGISTRY", "Pair", "Rule", "Verdict"]
