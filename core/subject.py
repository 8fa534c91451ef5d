"""The subject's NAW data (art. 8.2a, 10.2a): one list of field names, the same in the weegploeg
file, the casusoverleg file, the intake summary and the correction path (art. 12.5)."""

SUBJECT_FIELDS: tuple[str, ...] = (
    "given_names",
    "surname_prefix",
    "surname",
    "date_of_birth",
    "address",
    "postcode",
    "residence",
    "municipality",
    "bsn",
)
