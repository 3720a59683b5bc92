"""``manage.py export_cwr --sender NAME [--iswc ISWC ...|--all] OUT``: works as
a CWR 2.1 file of NWR transactions."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from works.services.exporting import CwrExportError, cwr_export

EXPORTED = "{count:,} works written to {path}"


class Command(BaseCommand):
    help = "Export works as a CISAC CWR 2.1 file of NWR transactions."

    def add_arguments(self, parser):
        parser.add_argument("out", type=Path, help="the file to write")
        parser.add_argument("--sender", required=True, help="HDR Sender Name")
        parser.add_argument(
            "--sender-id", default="000000000", help="HDR Sender ID (IPI name #)"
        )
        chosen = parser.add_mutually_exclusive_group(required=True)
        chosen.add_argument("--iswc", nargs="+", help="the works with these ISWCs")
        chosen.add_argument("--all", action="store_true", help="every work")

    def handle(self, *args, out: Path, **options):
        try:
            count = cwr_export(
                path=out,
                sender_name=options["sender"],
                sender_id=options["sender_id"],
                iswcs=None if options["all"] else options["iswc"],
            )
        except (CwrExportError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(EXPORTED.format(count=count, path=out))
