#!/usr/bin/env python3
"""An independent reader of a b3iq home, written from docs/records.md alone (standard
library only). Verifies one token the way `b3iq keys verify --json` / `b3iq support verify
--json` do, and prints the same JSON document.

Usage: b3iq_reader.py HOME KIND [SCOPE] < token     (KIND: local | support | setup)
Exit: 0 valid, 1 not valid, 3 the records are unreadable or inconsistent (fail closed).
The token is read from stdin, never from the command line.
"""
import hashlib
import json
import os
import re
import sys
import time
import zlib
from datetime import datetime

NEWEST_SCHEMA = 3
BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
TOKEN_RE = re.compile(r"^b3iq_(local|support|gateway|setup)_([0-9A-Za-z]{49})$")
CRC_SUFFIX = re.compile(r',"crc":"([0-9a-f]{8})"\}$')
HASH_SUFFIX = re.compile(r',"hash":"([0-9a-f]{64})"\}$')
TOLERANCE_MS = 5 * 60 * 1000
ID_PREFIX = {"local": "lk_", "support": "sg_", "setup": "st_"}
LOCAL_SCOPES = {"inference", "models:read", "usage:read"}
SUPPORT_SCOPES = {"diagnostics:read", "logs:read", "health:read"}
HOUR_MS = 3600 * 1000


class Corrupt(Exception):
    pass


def ms(iso):
    """ISO 8601 UTC (as written: 2026-11-29T03:01:12.004Z) to ms since the epoch."""
    if iso is None:
        return None
    return int(round(datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp() * 1000))


def checksum(rest):
    """CRC32 of the text before the checksum, as 6 base62 digits, most significant first, zero-padded."""
    n = zlib.crc32(rest.encode("utf-8")) & 0xFFFFFFFF
    out = ""
    for _ in range(6):
        out = BASE62[n % 62] + out
        n //= 62
    return out


def parse_token(token):
    if len(token) > 80:
        return None
    m = TOKEN_RE.match(token)
    if not m or checksum(token[:-6]) != token[-6:]:
        return None
    return m.group(1)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def load_records(home):
    """The snapshot plus its journal, retried when a compaction replaces them between reads."""
    snap_path = os.path.join(home, "credentials.json")
    for _ in range(20):
        raw = read(snap_path)
        doc = json.loads(raw)
        version = doc.get("schemaVersion")
        if not isinstance(version, int) or version > NEWEST_SCHEMA:
            raise Corrupt("schema newer than this reader")
        recs = {}
        order = []
        for r in doc["credentials"]:
            recs[r["id"]] = r
            order.append(r["id"])
        gen = doc["generation"]
        high = ms(doc["clockHighWater"])
        journal = doc.get("journal")
        if not journal:
            return recs, gen, high
        jpath = os.path.join(home, "credentials.%s.journal" % journal["epoch"])
        try:
            data = read(jpath)
        except FileNotFoundError:
            if read(snap_path) != raw:
                continue  # a compaction replaced the snapshot: read the new one
            if version >= 3:
                raise Corrupt("journal missing")
            return recs, gen, high
        complete = data[: data.rfind(b"\n") + 1].decode("utf-8")  # a torn tail is ignored
        for line in complete.split("\n")[:-1] if complete else []:
            m = CRC_SUFFIX.search(line)
            if not m:
                raise Corrupt("journal line without checksum")
            body = line[: m.start()] + "}"
            if "%08x" % (zlib.crc32(body.encode("utf-8")) & 0xFFFFFFFF) != m.group(1):
                raise Corrupt("journal checksum")
            entry = json.loads(body)
            if entry["seq"] != gen + 1:
                raise Corrupt("journal sequence")
            for r in entry["recs"]:
                recs[r["id"]] = r
            gen = entry["seq"]
            high = max(high, ms(entry["at"]))
        return recs, gen, high
    raise Corrupt("records kept changing")


def audit_last_gen(home):
    """The last `gen` the audit log names (read before the records: see docs/records.md)."""
    try:
        text = read(os.path.join(home, "audit.log")).decode("utf-8")
    except FileNotFoundError:
        return -1
    last = -1
    for line in text[: text.rfind("\n") + 1].split("\n"):
        m = HASH_SUFFIX.search(line)
        if not m:
            continue
        entry = json.loads(line[: m.start()] + "}")
        if isinstance(entry.get("gen"), int):
            last = entry["gen"]
    return last


def clock_mark(home):
    try:
        doc = json.loads(read(os.path.join(home, "clock.json")))
        return ms(doc["mark"]) if doc.get("schemaVersion") == 1 else 0
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return 0


def record_problem(r):
    kind = r["kind"]
    scopes = r["scopes"]
    if not r["id"].startswith(ID_PREFIX[kind]) or len(set(scopes)) != len(scopes):
        return True

    def life_over(max_ms):
        return r["expiresAt"] is None or ms(r["expiresAt"]) - ms(r["createdAt"]) > max_ms

    if kind == "local":
        return not scopes or not set(scopes) <= LOCAL_SCOPES
    if kind == "support":
        return not scopes or not set(scopes) <= SUPPORT_SCOPES or life_over(72 * HOUR_MS)
    return scopes != ["owner:setup"] or life_over(24 * HOUR_MS)


def state_of(r, home, high):
    """A record's state (records.md): invalid, used, revoked, expired or live."""
    if record_problem(r):
        return "invalid"
    if r["usedAt"] is not None:
        return "used"
    now = max(int(time.time() * 1000), high, clock_mark(home))
    if r["revokedAt"] is not None and ms(r["revokedAt"]) <= now:
        return "revoked"
    if r["expiresAt"] is not None and ms(r["expiresAt"]) <= now:
        return "expired"
    return "live"


def verify(home, kind, scope, token):
    last_gen = audit_last_gen(home)
    recs, gen, high = load_records(home)
    if last_gen > gen:
        raise Corrupt("records behind the audit log")
    digest = "sha256:" + hashlib.sha256(token.encode("utf-8")).hexdigest()
    rec = next((r for r in recs.values() if r["hash"] == digest), None) if len(token) <= 80 else None
    if rec is None:
        parsed = parse_token(token)
        if parsed is None:
            return {"valid": False, "reason": "malformed"}
        return {"valid": False, "reason": "unknown" if parsed == kind else "wrong-kind"}
    if rec["kind"] != kind:
        return {"valid": False, "reason": "wrong-kind"}
    if record_problem(rec):
        return {"valid": False, "reason": "invalid-record"}
    if rec["usedAt"] is not None:
        return {"valid": False, "reason": "used"}
    revoked = ms(rec["revokedAt"])
    expires = ms(rec["expiresAt"])
    if revoked is not None or expires is not None:
        clock = int(time.time() * 1000)
        now = max(clock, high, clock_mark(home))
        if revoked is not None and revoked <= now:
            return {"valid": False, "reason": "revoked"}
        if expires is not None and expires <= now:
            return {"valid": False, "reason": "expired"}
        if now - clock > TOLERANCE_MS:
            return {"valid": False, "reason": "clock-behind"}
    if rec.get("parentId") is not None:
        parent = recs.get(rec["parentId"])
        state = state_of(parent, home, high) if parent is not None else None
        if state == "expired":
            return {"valid": False, "reason": "expired"}
        if state != "live":
            return {"valid": False, "reason": "revoked"}
    if scope is not None and scope not in rec["scopes"]:
        return {"valid": False, "reason": "scope", "missing": scope}
    return {"valid": True, "id": rec["id"], "scopes": rec["scopes"]}


def main():
    home, kind = sys.argv[1], sys.argv[2]
    scope = sys.argv[3] if len(sys.argv) > 3 else None
    token = sys.stdin.read()
    if token.endswith("\r\n"):
        token = token[:-2]
    elif token.endswith("\n"):
        token = token[:-1]
    try:
        result = verify(home, kind, scope, token)
    except (Corrupt, ValueError, KeyError, OSError) as e:
        print(json.dumps({"error": {"code": "E_CORRUPT", "message": str(e)}}), file=sys.stderr)
        return 3
    print(json.dumps(result, indent=2))
    return 0 if result["valid"] else 1


if __name__ == "__main__":
    sys.exit(main())
