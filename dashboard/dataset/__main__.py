"""``python -m dashboard.dataset [DATA_DIR]``: validate a data directory and print how complete each
country list is against HRI's published totals (exit status 1 when invalid)."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from dashboard.dataset.counts import completeness
from dashboard.dataset.load import DEFAULT_DATA_DIR, DataError, load_dataset


def main(argv: list[str] | None = None) -> int:
    """Validate a data directory and print the completeness table."""
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else DEFAULT_DATA_DIR
    try:
        dataset = load_dataset(data_dir)
    except DataError as exc:
        print(f"INVALID {data_dir}: {exc}", file=sys.stderr)
        return 1
    table = completeness(dataset)
    counts = (
        (len(dataset.countries), "country", "countries"),
        (len(dataset.status), "status row", "status rows"),
        (len(dataset.sources), "source", "sources"),
    )
    print(f"OK {data_dir}: " + ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts))
    print("listed = countries with 'yes' in the data; published = HRI's total\n")
    print(f"{'edition':<8}{'indicator':<12}{'listed':>7}{'published':>10}{'no':>5}{'unknown':>8}  complete")
    for r in table.itertuples():
        pub = "-" if pd.isna(r.published) else str(r.published)
        done = "yes" if r.complete else ("no" if not pd.isna(r.published) else "partial list")
        print(f"{r.edition:<8}{r.indicator:<12}{r.yes:>7}{pub:>10}{r.no:>5}{r.unknown:>8}  {done}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
