app_name = "secrecy"

urlpatterns: list = []
