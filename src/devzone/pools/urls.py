from __future__ import annotations

from django.urls import path

from devzone.pools.views import counts, imports, outlook, pools, records, screening
from devzone.pools.views.index import index

app_name = "pools"

urlpatterns = [
    path("", index, name="index"),
    path("zones/<int:zone_id>/screen/", screening.screen_page, name="screen"),
    path("zones/<int:zone_id>/enter/", pools.enter, name="enter"),
    path("zones/<int:zone_id>/", pools.zone_pools, name="zone"),
    path("zones/<int:zone_id>/qualifications/", records.qualification_list, name="qualifications"),
    path("zones/<int:zone_id>/counts/", counts.counts_page, name="counts"),
    path("zones/<int:zone_id>/imports/", imports.imports_page, name="imports"),
    path(
        "zones/<int:zone_id>/imports/certificates/", imports.certificates_upload, name="certificates_upload"
    ),
    path("zones/<int:zone_id>/imports/supplement/", imports.supplement_upload, name="supplement_upload"),
    path("zones/<int:zone_id>/supplement.xlsx", imports.supplement_xlsx, name="supplement_xlsx"),
    path("imports/jobs/<int:job_id>/", imports.import_job, name="import_job"),
    path("zones/<int:zone_id>/expiry/", outlook.expiry_page, name="expiry"),
    path("zones/<int:zone_id>/candidates.xlsx", outlook.candidates_xlsx, name="candidates_xlsx"),
    path("zones/<int:zone_id>/report.docx", outlook.report_docx, name="report_docx"),
    path("pools/<int:pool_id>/", pools.pool_detail, name="pool"),
    path("pools/<int:pool_id>/members.xlsx", pools.pool_members_xlsx, name="pool_xlsx"),
    path("members/<int:member_id>/move/", pools.move, name="move"),
    path("qualifications/<int:qualification_id>/", records.qualification_detail, name="qualification"),
]
