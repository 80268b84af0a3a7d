"""Notices moved to the shared notices app: copy the plans notifications over, then drop the old table."""

from django.db import migrations

KINDS = {"due_soon": "due_soon", "overdue": "overdue"}


def copy_notifications(apps, schema_editor):  # type: ignore[no-untyped-def]
    old = apps.get_model("plans", "Notification")
    new = apps.get_model("notices", "Notice")
    made = [
        new(
            user_id=n.user_id,
            kind=KINDS.get(n.kind, "overdue"),
            text=n.message,
            url=f"/plans/assignments/{n.assignment_id}/",
            key=f"plans.assignment:{n.assignment_id}",
            zone_id=n.assignment.unit.zone_id,
            read_at=n.read_at,
        )
        for n in old.objects.select_related("assignment__unit").iterator()
    ]
    new.objects.bulk_create(made, ignore_conflicts=True, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0004_target_kind_choices"),
        ("notices", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(copy_notifications, migrations.RunPython.noop),
        migrations.DeleteModel(name="Notification"),
    ]
