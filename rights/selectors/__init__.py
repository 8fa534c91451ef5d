"""Permission-filtered reads for the rights screens (art. 11, 12), one module per purpose:

- ``requests``: who may handle requests and which requests they see;
- ``information_duty``: the deferred information duties still open and their next check;
- ``deadlines``: the dashboard of every open legal deadline;
- ``overview``: the inzage overview of one subject (art. 12.3) and the files it covers.
"""
