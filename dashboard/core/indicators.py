"""The indicators the Atlas maps, their statuses and fixed colours, and the headline counts.

Everything a figure, card, legend or export needs to know about an indicator lives here, so a new
indicator (or a colour change) is a one-place edit. Colours come from the Okabe-Ito palette, which
stays distinguishable for the common forms of colour-vision deficiency, and are fixed per status in
every view and export.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.core.i18n import N_

YES, NO, UNKNOWN = "yes", "no", "unknown"
STATUSES = (YES, NO, UNKNOWN)


@dataclass(frozen=True)
class Indicator:
    """One mapped indicator with HRI's definition of what a "yes" means."""

    id: str
    label: str
    short: str
    definition: str


INDICATORS: dict[str, Indicator] = {
    i.id: i
    for i in (
        Indicator(
            "nsp",
            N_("Needle and syringe programmes"),
            N_("NSP"),
            N_("At least one needle and syringe programme operational in the community."),
        ),
        Indicator(
            "oat",
            N_("Opioid agonist therapy"),
            N_("OAT"),
            N_(
                "At least one opioid agonist therapy programme (methadone, buprenorphine or other)"
                " operational."
            ),
        ),
        Indicator(
            "dcr",
            N_("Drug consumption rooms"),
            N_("DCR"),
            N_(
                "At least one officially sanctioned drug consumption room or overdose prevention"
                " centre operational."
            ),
        ),
        Indicator(
            "policy",
            N_("National policy support"),
            N_("Policy"),
            N_("An explicit supportive reference to harm reduction in national policy documents."),
        ),
        Indicator(
            "naloxone",
            N_("Take-home naloxone"),
            N_("Naloxone"),
            N_(
                "At least one programme giving naloxone, the medicine that reverses an opioid overdose,"
                " to people to take home."
            ),
        ),
    )
}
# The four headline counts of HRI's Global State of Harm Reduction: always the first cards.
HEADLINE_INDICATORS = ("nsp", "oat", "dcr", "policy")
# Sourced only for some editions (prisons): in the data, the panel, the table, exports and as map
# layers; an edition without a single fact shows every country as not known.
OPTIONAL_INDICATORS: dict[str, Indicator] = {
    "prison_nsp": Indicator(
        "prison_nsp",
        N_("Needle and syringe programmes in prisons"),
        N_("Prison NSP"),
        N_("At least one needle and syringe programme operational in a prison."),
    ),
    "prison_oat": Indicator(
        "prison_oat",
        N_("Opioid agonist therapy in prisons"),
        N_("Prison OAT"),
        N_("At least one opioid agonist therapy programme operational in a prison."),
    ),
}
SERVICES = Indicator(
    "services",
    N_("Services available"),
    N_("Services"),
    N_(
        "How many of needle and syringe programmes, opioid agonist therapy and drug consumption"
        " rooms are available (0 to 3). Unknown where any of the three is not known."
    ),
)
SERVICE_IDS = ("nsp", "oat", "dcr")
MAP_INDICATORS: dict[str, Indicator] = {**INDICATORS, "services": SERVICES, **OPTIONAL_INDICATORS}
# Status indicators (yes / no / not known), in display order: everything on the map but services.
STATUS_INDICATORS: dict[str, Indicator] = {**INDICATORS, **OPTIONAL_INDICATORS}
DATA_INDICATORS = (*INDICATORS, *OPTIONAL_INDICATORS)

STATUS_LABELS = {YES: N_("Yes"), NO: N_("No"), UNKNOWN: N_("Not known")}
STATUS_COLOURS = {YES: "#0072B2", NO: "#E69F00", UNKNOWN: "#C8C8C8"}

# "Services available" categories: count of yes among NSP/OAT/DCR, or unknown.
SERVICE_CATEGORIES = ("0", "1", "2", "3", UNKNOWN)
SERVICE_COLOURS = {
    "0": "#F3E3C3",
    "1": "#9ECAE1",
    "2": "#3F8FC5",
    "3": "#08306B",
    UNKNOWN: STATUS_COLOURS[UNKNOWN],
}

# Change between two editions ("compare with").
GAINED, LOST, BOTH_YES, BOTH_NO = "gained", "lost", "yes_both", "no_both"
CHANGE_CATEGORIES = (GAINED, LOST, BOTH_YES, BOTH_NO, UNKNOWN)
CHANGE_LABELS = {
    GAINED: N_("Gained"),
    LOST: N_("Lost"),
    BOTH_YES: N_("Unchanged: yes"),
    BOTH_NO: N_("Unchanged: no"),
    UNKNOWN: N_("Not known"),
}
CHANGE_COLOURS = {
    GAINED: "#009E73",
    LOST: "#CC79A7",
    BOTH_YES: "#0072B2",
    BOTH_NO: "#E69F00",
    UNKNOWN: STATUS_COLOURS[UNKNOWN],
}

# "Services available" compared: a count 0-3 has no "gained"/"lost", it goes up, down or stays.
MORE, FEWER, SAME = "more", "fewer", "same"
COUNT_CHANGE_CATEGORIES = (MORE, FEWER, SAME, UNKNOWN)
COUNT_CHANGE_LABELS = {
    MORE: N_("More services"),
    FEWER: N_("Fewer services"),
    SAME: N_("Same number of services"),
    UNKNOWN: N_("Not known"),
}
COUNT_CHANGE_COLOURS = {
    MORE: CHANGE_COLOURS[GAINED],
    FEWER: CHANGE_COLOURS[LOST],
    SAME: "#6F7D8C",  # neutral slate: darker than "not known" grey so the two never blur
    UNKNOWN: STATUS_COLOURS[UNKNOWN],
}


def services_categories(wide: pd.DataFrame) -> pd.Series:
    """Per row of ``wide``: '0'..'3' yes among NSP/OAT/DCR, or unknown if any of them is not known."""
    statuses = wide[list(SERVICE_IDS)]
    counts = (statuses == YES).sum(axis=1).astype(str)
    return counts.where(~(statuses == UNKNOWN).any(axis=1), UNKNOWN)


def services_category(statuses: list[str]) -> str:
    """:func:`services_categories` for one country's NSP, OAT and DCR statuses (in that order)."""
    return str(services_categories(pd.DataFrame([statuses], columns=list(SERVICE_IDS))).iloc[0])


def change_category(before: str, after: str) -> str:
    """How one country's status moved between two editions."""
    if UNKNOWN in (before, after):
        return UNKNOWN
    if before == after:
        return BOTH_YES if after == YES else BOTH_NO
    return GAINED if after == YES else LOST


def count_change_category(before: str, after: str) -> str:
    """How one country's number of services ('0'..'3' or unknown) moved between two editions."""
    if UNKNOWN in (before, after):
        return UNKNOWN
    if before == after:
        return SAME
    return MORE if int(after) > int(before) else FEWER
