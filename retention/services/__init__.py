"""The retention engine of art. 13, one module per purpose:

- ``run``: ``retention_apply``, what ``manage.py apply_retention`` runs daily: archive (13.2),
  destroy automatically (13.3), put on the destruction list (13.1), and carry out approved lists;
- ``lists``: the uitvoerder approves or cancels a destruction list; carrying out approved lists;
- ``logged``: the acts a run performs on files (archive, destroy), each logged in the access log
  (and a destruction in the ledger);
- ``report``: what a run did, per file, with the rule and the reason;
- ``locking``: the run lock and the row locks that make two runs at once safe;
- ``holds``: the uitvoerder places and releases holds that block destruction (13.1);
- ``reactivation``: the controller's order that brings an archived file back (13.4).

What is due is read in ``retention.due``; the destruction itself is set-based and owned by each
file app (``retention.destruction`` orchestrates them).
"""
