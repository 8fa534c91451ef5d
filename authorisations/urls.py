app_name = "authorisations"

urlpatterns: list = []
