#!/usr/bin/env python3
"""Golden identity vectors for NAVcast, computed independently of the TypeScript code.

Writes test/reference/identity_vectors.json (next to this script). Only the Python
standard library is used: hashlib for SHA-256, unicodedata for NFC, json for output.
The formulas follow architecture.md ("Identity"); the data-hash table follows the format
documented in domain/identity/canonicalTable.ts, re-implemented here from its text.

Run: python3 test/reference/identity_vectors.py
"""
import hashlib
import json
import os
import unicodedata
from decimal import Decimal

# Exactly the characters ECMAScript's String.prototype.trim removes (WhiteSpace + LineTerminator).
TRIM = "\t\n\u000b\f\r \u00a0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200B)) + "\u2028\u2029\u202f\u205f\u3000\ufeff"


def sha(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def nfc(text):
    return unicodedata.normalize("NFC", text)


def clean(text):
    return nfc(text).strip(TRIM)


def file_hash(org, filename):
    return sha("file|" + clean(org).lower() + "|" + clean(filename))


def fund_hash(org, filename, fund):
    return sha("fund|" + clean(org).lower() + "|" + clean(filename) + "|" + clean(fund))


def evergreen_hash(org, name, members):
    return sha("evergreen|" + nfc(org) + "|" + nfc(name) + "|" + "|".join(sorted(members)))


def utf16_key(text):
    return text.encode("utf-16-be")


def canonical_json(value):
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return plain_decimal(value)
    if isinstance(value, str):
        return json.dumps(nfc(value), ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ",".join(canonical_json(v) for v in value) + "]"
    items = {nfc(k): v for k, v in value.items()}
    keys = sorted(items, key=utf16_key)
    return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + canonical_json(items[k]) for k in keys) + "}"


def plain_decimal(x):
    """Shortest round-trip digits of a double written without exponent (matches JS digits)."""
    if x == int(x) and abs(x) < 1e21:
        return str(int(x))
    text = format(Decimal(repr(x)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def csv_cell(cell):
    cell = nfc(cell)
    if any(c in cell for c in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def csv_line(cells):
    return ",".join(csv_cell(c) for c in cells) + "\n"


def canonical_table(fund):
    a = fund["attributes"]
    rows = []
    for c in fund["contributions"]:
        rows.append({"kind": "contribution", "date": c["date"], "amount": plain_decimal(c["amount"]), "liquidating": "", "published_date": "", "source": ""})
    for d in fund["distributions"]:
        rows.append({"kind": "distribution", "date": d["date"], "amount": plain_decimal(d["amount"]), "liquidating": "true" if d["liquidating"] else "false", "published_date": "", "source": ""})
    for n in fund["navs"]:
        rows.append({"kind": "nav", "date": n["valueDate"], "amount": plain_decimal(n["amount"]), "liquidating": "", "published_date": n["publishedDate"] or "", "source": ""})
    for p in fund["prices"]:
        rows.append({"kind": "price", "date": p["date"], "amount": plain_decimal(p["amount"]), "liquidating": "", "published_date": "", "source": nfc(p["source"])})
    rows.sort(key=lambda r: [utf16_key(r[k]) for k in ("date", "kind", "published_date", "source", "liquidating", "amount")])
    columns = ["amount", "date", "kind", "liquidating", "published_date", "source"]
    text = "navcast-fund-data/v1\n" + "attributes,1,4\n"
    text += csv_line(["commitment", "currency", "strategy", "vintage"])
    text += csv_line([plain_decimal(a["commitment"]), a["currency"], a["strategy"], str(a["vintage"])])
    text += "rows,%d,%d\n" % (len(rows), len(columns)) + csv_line(columns)
    text += "".join(csv_line([r[c] for c in columns]) for r in rows)
    return text


ORG = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
ORG_MESSY = " 3F2504E0-4F89-41D3-9A0C-0305E82C3301\t"
NFD = lambda s: unicodedata.normalize("NFD", s)

NAMES = [
    ("ascii", "Growth Fund III.xlsx", "Growth Fund III"),
    ("ascii upper case kept", "GROWTH FUND III.xlsx", "GROWTH FUND III"),
    ("accented NFC", "Fonds Privé Équité.xlsx", "Fonds Privé Équité São Paulo"),
    ("accented NFD", NFD("Fonds Privé Équité.xlsx"), NFD("Fonds Privé Équité São Paulo")),
    ("CJK", "基金数据 2024.xlsx", "成长基金 第三期"),
    ("Cyrillic", "Фонды.csv", "Фонд роста III"),
    ("Arabic", "صناديق.xlsx", "صندوق النمو"),
    ("Hangul NFD jamo", NFD("펀드.xlsx"), NFD("성장 펀드")),
    ("emoji beyond the BMP", "funds 🚀.csv", "Rocket 🚀 Fund"),
    ("surrounding spaces", "  Growth Fund III.xlsx \t", "\u00a0Growth Fund III\u3000"),
    ("inner spaces kept", "Growth  Fund III.xlsx", "Growth  Fund  III"),
]


def main():
    identity = []
    for label, filename, fund in NAMES:
        for org in (ORG, ORG_MESSY):
            identity.append({
                "label": label + (" (messy org id)" if org == ORG_MESSY else ""),
                "orgId": org, "filename": filename, "fundName": fund,
                "fileIdentityHash": file_hash(org, filename),
                "fundIdentityHash": fund_hash(org, filename, fund),
            })

    m = [fund_hash(ORG, "a.xlsx", n) for n in ("Alpha", "Beta", "Gamma")]
    evergreen = [
        {"label": "ascii, members unsorted", "orgId": ORG, "name": "Evergreen Core", "members": [m[2], m[0], m[1]]},
        {"label": "accented name given NFD", "orgId": ORG, "name": NFD("Pérenne Croissance"), "members": [m[1], m[0]]},
        {"label": "CJK name, one member", "orgId": ORG, "name": "常青基金", "members": [m[0]]},
    ]
    for e in evergreen:
        e["evergreenIdentityHash"] = evergreen_hash(e["orgId"], e["name"], e["members"])

    configs = [
        {"label": "flat", "config": {"windowWeeks": 520, "chains": 4, "seed": 7}},
        {"label": "nested with floats, arrays, null, booleans", "config": {"priors": {"beta": {"mean": 1.05, "sd": 0.5}, "alpha": {"mean": 0, "sd": 0.001}}, "fixed": None, "useComps": True, "quantiles": [0.05, 0.5, 0.95], "z": False}},
        {"label": "unicode keys: NFD key, astral before U+FF21 in UTF-16 order", "config": {NFD("é"): 1, "z": 2, "\uff21": 3, "\U0001F600": 4, "label": NFD("Café")}},
    ]
    for c in configs:
        c["canonicalJson"] = canonical_json(c["config"])
        c["configHash"] = sha(c["canonicalJson"])

    funds = [
        {"label": "small fund, every row kind, rows out of order", "data": {
            "attributes": {"currency": "EUR", "commitment": 100000000, "vintage": 2015, "strategy": "buyout"},
            "contributions": [{"date": "2015-06-30", "amount": 12500000.5}, {"date": "2015-03-31", "amount": 20000000}],
            "distributions": [{"date": "2018-12-31", "amount": 0.30000000000000004, "liquidating": False}, {"date": "2024-06-28", "amount": 1234567.89, "liquidating": True}],
            "navs": [{"valueDate": "2015-09-30", "publishedDate": "2015-11-14", "amount": 33000000}, {"valueDate": "2015-06-30", "publishedDate": None, "amount": 31500000.25}],
            "prices": [{"date": "2019-05-17", "amount": 45000000, "source": 'Broker "A", London'}, {"date": "2019-05-17", "amount": 44000000, "source": NFD("Société Générale")}],
        }},
        {"label": "tiny and large amounts (exponent forms in both languages)", "data": {
            "attributes": {"currency": "JPY", "commitment": 5e12, "vintage": 2021, "strategy": "real_estate"},
            "contributions": [{"date": "2021-01-04", "amount": 1e-07}, {"date": "2021-01-04", "amount": 123456789012345.6}],
            "distributions": [], "navs": [], "prices": [],
        }},
    ]
    for f in funds:
        f["canonicalTable"] = canonical_table(f["data"])
        f["dataHash"] = sha(f["canonicalTable"])

    out = {"generatedBy": "test/reference/identity_vectors.py", "identity": identity, "evergreen": evergreen, "config": configs, "data": funds}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "identity_vectors.json")
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(out, handle, ensure_ascii=True, indent=1)
        handle.write("\n")


if __name__ == "__main__":
    main()
