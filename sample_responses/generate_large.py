"""Write large_catalog.json: a deterministic ~1.2 MB product catalog for size and speed tests.

Run `python sample_responses/generate_large.py`; the output is byte-identical on every run.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

OUT = Path(__file__).with_name("large_catalog.json")
PRODUCTS = 1900
CATEGORIES = ["audio", "cables", "cases", "chargers", "displays", "keyboards", "storage"]
ADJECTIVES = ["compact", "wireless", "rugged", "slim", "pro", "travel", "quiet", "bright"]
NOUNS = ["headphones", "cable", "case", "charger", "monitor", "keyboard", "drive", "speaker"]
WAREHOUSES = ["IND-1", "RNO-2", "ATL-3", "DUB-1"]


def product(rng: random.Random, n: int) -> dict:
    category = CATEGORIES[n % len(CATEGORIES)]
    return {
        "sku": f"SKU-{n:06d}",
        "name": f"{rng.choice(ADJECTIVES).title()} {rng.choice(NOUNS)} {n}",
        "category": category,
        "price": {"amount": round(rng.uniform(3, 900), 2), "currency": "USD"},
        "active": rng.random() > 0.1,
        "tags": rng.sample(ADJECTIVES, 3),
        "stock": [
            {"warehouse": w, "onHand": rng.randint(0, 500), "reserved": rng.randint(0, 20)}
            for w in WAREHOUSES
        ],
        "description": " ".join(rng.choice(NOUNS) for _ in range(12)),
    }


def build() -> dict:
    rng = random.Random(20261125)
    items = [product(rng, n) for n in range(1, PRODUCTS + 1)]
    return {
        "catalogId": "CAT-2026-Q4",
        "generatedAt": "2026-11-25T00:00:00Z",
        "total": len(items),
        "items": items,
    }


def render() -> str:
    return json.dumps(build(), indent=1) + "\n"


def main() -> None:
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT.name}: {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
