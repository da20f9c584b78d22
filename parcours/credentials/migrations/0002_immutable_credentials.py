"""Issued credentials and their revocations: the database refuses an UPDATE (a credential is
kept exactly as signed; revoking adds a row and sets a bit in the status list, which changes).
Deleting stays possible for the retention purge."""

from django.db import migrations

from parcours.core.migrations._refuse_updates import refuse_updates


class Migration(migrations.Migration):
    dependencies = [("credentials", "0001_initial")]

    operations = [
        refuse_updates("credentials_credential", what="an issued credential"),
        refuse_updates("credentials_credentialrevocation", what="a credential revocation"),
    ]
