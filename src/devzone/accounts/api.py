from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from devzone.accounts.access import visible_zone_ids
from devzone.core.api_types import errors

router = Router(tags=["accounts"])


class MeOut(Schema):
    username: str
    role: str
    zones: list[int]
    sees_all_zones: bool


@router.get("/me", response={200: MeOut, **errors()})
def me(request: HttpRequest) -> dict[str, object]:
    from_access = visible_zone_ids(request.user)
    return {
        "username": request.user.get_username(),
        "role": request.user.role,
        "zones": sorted(from_access) if from_access is not None else [],
        "sees_all_zones": from_access is None,
    }
