"""Rows written before the keyed log are adopted honestly, then the chain head goes.

Before this change the log was a plain SHA-256 chain: whoever could write the database could
rewrite a row and re-hash everything after it, and the old check would still say "ongeschonden".
What this migration can and cannot prove:

1. It re-checks the old chain (with a frozen copy of the old hash function) and the old chain head.
   If they do not hold it stops: signing a damaged log with the new key would launder the damage.
   Investigate with the previous release's ``verify_access_log`` and record the finding first.
2. It keeps each old row hash in ``legacy_hash`` (and the old link in ``prev_hash``) as evidence,
   signs every old row with the current key, and seals the old rows first, in id order.
   Such a row's HMAC proves it is unchanged *since this migration*; that it was not rewritten
   *before* it rests only on the unkeyed chain. ``verify_access_log`` counts these rows separately.
3. On PostgreSQL it moves the id sequence past the old rows (the old writer chose ids itself).
"""

import hashlib
import json

from django.conf import settings
from django.core.management.color import no_style
from django.db import migrations
from django.utils import timezone

from accesslog.integrity import GENESIS_HASH, key_id_of, row_hmac, row_payload, seal_hash

CHUNK = 2000


def _old_hash(row, prev_hash: str) -> str:
    """The unkeyed SHA-256 of the old chain, exactly as it was computed (frozen here)."""
    payload = json.dumps(
        [
            row.id,
            row.created_at.isoformat(timespec="microseconds"),
            row.user_id,
            row.party_id,
            row.roles,
            row.action,
            row.object_type,
            row.object_ref,
            row.purpose,
            bool(row.allowed),
            row.client_address,
            prev_hash,
        ],
        ensure_ascii=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("ascii")).hexdigest()


def adopt(apps, schema_editor):
    Entry = apps.get_model("accesslog", "AccessLogEntry")
    Seal = apps.get_model("accesslog", "AccessLogSeal")
    Head = apps.get_model("accesslog", "AccessLogChainHead")
    db = schema_editor.connection.alias
    if not Entry.objects.using(db).exists():
        return
    key = settings.ACCESS_LOG_HMAC_KEY
    if not key:
        raise RuntimeError("ACCESS_LOG_HMAC_KEY ontbreekt: de bestaande regels van het toegangslog kunnen niet worden ondertekend.")
    key_id = key_id_of(key)
    now = timezone.now()
    prev_old, seal_no, prev_seal, last_id = GENESIS_HASH, 0, GENESIS_HASH, 0
    while True:
        rows = list(Entry.objects.using(db).filter(id__gt=last_id).order_by("id")[:CHUNK])
        if not rows:
            break
        seals = []
        for row in rows:
            if row.id != last_id + 1 or row.prev_hash != prev_old or _old_hash(row, prev_old) != row.row_hash:
                raise RuntimeError(
                    f"De oude hashketen van het toegangslog is verbroken bij rij {row.id}: eerst onderzoeken en "
                    "vastleggen (verify_access_log van de vorige versie), dan pas migreren."
                )
            prev_old = row.row_hash
            row.legacy_hash, row.key_id, row.nonce, row.shown_refs = row.row_hash, key_id, "", []
            row.row_hash = row_hmac(
                key,
                row_payload(
                    key_id=key_id,
                    nonce="",
                    created_at=row.created_at,
                    user_id=row.user_id,
                    party_id=row.party_id,
                    roles=row.roles,
                    action=row.action,
                    object_type=row.object_type,
                    object_ref=row.object_ref,
                    shown_refs=[],
                    purpose=row.purpose,
                    allowed=row.allowed,
                    client_address=row.client_address,
                    prev_hash=row.prev_hash,
                    legacy_hash=row.legacy_hash,
                ),
            )
            seal_no += 1
            prev_seal = seal_hash(prev_seal_hash=prev_seal, seal_no=seal_no, entry_id=row.id, row_hash=row.row_hash)
            seals.append(Seal(seal_no=seal_no, entry_id=row.id, seal_hash=prev_seal, sealed_at=now, horizon=None))
            last_id = row.id
        Entry.objects.using(db).bulk_update(rows, ["legacy_hash", "key_id", "nonce", "shown_refs", "row_hash"])
        Seal.objects.using(db).bulk_create(seals)
    head = Head.objects.using(db).filter(pk=1).first()
    if head is not None and (head.last_id != last_id or head.last_hash != prev_old):
        raise RuntimeError(
            f"De kop van de oude hashketen wijst naar rij {head.last_id}, de laatste rij is {last_id}: "
            "rijen aan het eind ontbreken. Eerst onderzoeken en vastleggen, dan pas migreren."
        )
    for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [Entry]):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("accesslog", "0003_keyed_rows_and_seals")]

    operations = [
        migrations.RunPython(adopt, migrations.RunPython.noop),
        migrations.DeleteModel(name="AccessLogChainHead"),
    ]
