"""Business logic of the data-subject rights (art. 11.3-5, 12), one module per sub-domain:

- ``registration``: a request comes in (art. 12.1, 12.5) and the identity is established (art. 12.3);
- ``inzage``: the overview is handed over or refused (art. 12.3-4);
- ``correction``: the decision on requested corrections and carrying them out (art. 12.5-6);
- ``information_duty``: re-judging a deferred information duty (art. 11.3-5);
- ``deadlines``: escalating overdue requests and reminding of due re-checks (art. 11, 12);
- ``page``: the public page 'Uw rechten'.

Each service checks its own preconditions and raises a Dutch ``ValidationError`` with a ``code``
(nothing is changed when it refuses). The task lifecycle runs under the flow's lock in the task
screens; these functions are the business writes inside it.
"""
