"""The playlists catalogue (``Recording``, ``Artist``) is gone: its rows are
``recordings``' tracks and artists (``recordings`` 0004), and the matches name
them (0005)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("playlists", "0005_videomatch_tracks_copy"),
    ]

    operations = [
        migrations.RemoveField(model_name="videomatch", name="alternatives"),
        migrations.RemoveField(model_name="videomatch", name="recording"),
        migrations.RenameField(
            model_name="videomatch",
            old_name="alternative_tracks",
            new_name="alternatives",
        ),
        migrations.DeleteModel(name="Recording"),
        migrations.DeleteModel(name="Artist"),
    ]
