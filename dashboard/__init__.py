"""Harm Reduction Atlas: where harm reduction services exist, country by country."""
