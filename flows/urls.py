"""/werk/processen/: nothing is mounted here any more.

Viewflow's own (Material) screens are not mounted for any flow: every flow's engine runs underneath
the project's own Dutch screens in the staff shell (weegploeg, casusoverleg, rights and incidents
each have their task screens, declared through the one access entry point). This module stays so
that an old bookmark under /werk/processen/ gets the ordinary "not found" page.
"""

urlpatterns: list = []
