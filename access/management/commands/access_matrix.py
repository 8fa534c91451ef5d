"""Print the access matrix as Markdown (the README's section is this output)."""

from django.core.management.base import BaseCommand

from access.matrix import access_matrix_markdown


class Command(BaseCommand):
    help = "Drukt de toegangsmatrix af (uit de declaraties van de schermen), als Markdown."

    def handle(self, *args, **options):
        self.stdout.write(access_matrix_markdown(), ending="")
