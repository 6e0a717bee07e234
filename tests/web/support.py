"""The standard cast and a small study, shared by the web tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    from communitydna.snapshot import Snapshot
    from communitydna.web.accounts.models import User, Workspace
    from communitydna.web.studies.models import Study

PASSWORD = "a long enough password 1"
ROLES = ("owner", "assessor", "contributor", "viewer")


def small_snapshot(name: str = "Northgate") -> Snapshot:
    """A small study with one of everything that links."""
    from communitydna.framework import Sector
    from communitydna.snapshot import (
        Action,
        Evidence,
        Lead,
        Organisation,
        PartialDate,
        Place,
        Polarity,
        Rating,
        Relationship,
        Snapshot,
    )

    return Snapshot(
        place=Place(name, wards=("North", "South")),
        organisations=(
            Organisation("council", "Northgate Council", Sector.PUBLIC, ward="North"),
            Organisation("foodbank", "Northgate Foodbank", Sector.SOCIAL, type="charity"),
            Organisation("food-bank", "Northgate Food Bank", Sector.SOCIAL, postcode="NG1 1AA"),
            Organisation("bakery", "Corner Bakery", Sector.COMMERCIAL),
        ),
        relationships=(
            Relationship("R1", "council", "foodbank", "grant", directed=True, evidence=("E1",)),
            Relationship("R2", "food-bank", "bakery", "supply chain", strength=4),
            Relationship("R3", "foodbank", "food-bank", "informal"),
            Relationship("R4", "council", "food-bank", "forum", since=PartialDate(2019, 3)),
        ),
        evidence=(
            Evidence(
                "E1",
                "The council funds the foodbank.",
                measures=("social-public",),
                polarity=Polarity.POSITIVE,
                organisations=("council", "foodbank"),
            ),
            Evidence("E2", "The food bank and the foodbank compete.", organisations=("food-bank",)),
        ),
        ratings=(Rating("social", 4, ("Fragile but busy.",), "Ann"),),
        actions=(
            Action(
                "1.1",
                "Bring the two food banks together",
                lead=(Lead("Northgate Food Bank", "food-bank"), Lead("Someone else")),
            ),
        ),
    )


@dataclass
class Cast:
    """The standard cast, their workspaces and a study in the first workspace."""

    workspace: Workspace
    other_workspace: Workspace
    study: Study
    owner: User
    assessor: User
    contributor: User
    viewer: User
    outsider: User

    def by_role(self, role: str) -> User:
        return getattr(self, role)  # type: ignore[no-any-return]


ROLES = ("owner", "assessor", "contributor", "viewer")


def archive_upload(folder: Path, name: str = "Southgate") -> SimpleUploadedFile:
    """:func:`small_snapshot` of ``name`` as a JSON archive, ready to upload."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from communitydna.io.archive import write_archive

    path = folder / f"{name.lower()}.json"
    write_archive(small_snapshot(name), path)
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="application/json")


def make_user(email: str, name: str = "") -> User:
    from communitydna.web.accounts.services import user_create

    return user_create(email=email, password=PASSWORD, name=name, check_password=False)


def cast_create() -> Cast:
    """The standard cast, made in the database: what the ``cast`` fixture gives, for data
    shared by a whole module (see ``test_permission_matrix``)."""
    from communitydna.web.accounts.services import membership_set, workspace_create
    from communitydna.web.studies.services import study_import

    owner = make_user("owner@example.org", "Olive Owner")
    workspace = workspace_create(name="Northgate Partnership", user=owner)
    people = {"owner": owner}
    for role in ROLES[1:]:
        people[role] = make_user(f"{role}@example.org", f"{role.title()} Person")
        membership_set(workspace=workspace, member=people[role], role=role, user=owner)
    outsider = make_user("outsider@example.org", "Otto Outsider")
    other = workspace_create(name="Elsewhere Council", user=outsider)
    study = study_import(workspace=workspace, snapshot=small_snapshot(), user=owner)
    return Cast(
        workspace=workspace,
        other_workspace=other,
        study=study,
        outsider=outsider,
        owner=people["owner"],
        assessor=people["assessor"],
        contributor=people["contributor"],
        viewer=people["viewer"],
    )
