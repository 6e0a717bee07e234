"""People adding to one study at the same moment get ids one after the other, never the same
one (a PostgreSQL test: there writers run side by side; SQLite lets one in at a time)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from communitydna.snapshot import Evidence, Relationship
from communitydna.web.studies.services import evidence_create, relationship_create

from .support import Cast

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_evidence_and_relationships_added_at_once_are_all_numbered_apart(cast: Cast) -> None:
    assert connection.vendor == "postgresql"
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def add(n: int) -> None:
        try:
            start.wait()
            if n % 2:
                evidence_create(
                    study=cast.study, evidence=Evidence("", f"Said {n}"), user=cast.owner
                )
            else:
                relationship_create(
                    study=cast.study,
                    relationship=Relationship("", "council", "bakery", f"type {n}"),
                    user=cast.owner,
                )
        except BaseException as error:  # collected for the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=add, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    keys = list(cast.study.evidence.values_list("key", flat=True))
    assert len(keys) == len(set(keys)) == 2 + 4
    rel_keys = list(cast.study.relationships.values_list("key", flat=True))
    assert len(rel_keys) == len(set(rel_keys)) == 4 + 4
