from __future__ import annotations

from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "devzone.projects"
    label = "projects"
    verbose_name = "招商项目"
    default_auto_field = "django.db.models.BigAutoField"
