"""The evidence pages: paste notes, split them, adjust and save; then code each excerpt;
the list's filters; editing."""

from __future__ import annotations

import pytest
from django.test import Client

from communitydna.framework import VARIANTS
from communitydna.web.audit.models import AuditEvent

from .support import Cast

pytestmark = pytest.mark.django_db

NOTES = """The food bank relies on the council's grant.

  \nVolunteers from the mosque and the church
run the Saturday session together.

Nobody from the businesses comes to the forum."""


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_it_splits_pasted_notes_on_blank_lines_and_shows_them_to_adjust(cast: Cast) -> None:
    response = _client(cast.contributor).post(
        f"/studies/{cast.study.pk}/evidence/split/",
        {
            "source": "Interview with the food bank",
            "date": "2024-05",
            "notes": NOTES,
            "action": "split",
        },
    )
    assert response.status_code == 200
    assert response.context["excerpts"] == [
        "The food bank relies on the council's grant.",
        "Volunteers from the mosque and the church\nrun the Saturday session together.",
        "Nobody from the businesses comes to the forum.",
    ]
    assert cast.study.evidence.count() == 2  # nothing saved yet


def test_split_and_code_saves_the_adjusted_excerpts_then_codes_each(cast: Cast) -> None:
    study = cast.study
    client = _client(cast.contributor)
    source = "Interview with the food bank"
    saved = client.post(
        f"/studies/{study.pk}/evidence/split/",
        {
            "source": source,
            "date": "2024-05",
            "action": "save",
            "excerpt": ["First, adjusted.", "", "Second.", "Added by hand."],
        },
    )
    assert saved.status_code == 302
    new = list(study.evidence.filter(source=source).order_by("ordinal"))
    assert [e.text for e in new] == ["First, adjusted.", "Second.", "Added by hand."]
    assert {e.date for e in new} == {"2024-05"}
    assert AuditEvent.objects.filter(action="evidence.created").count() == 3

    listed = client.get(saved["Location"])
    assert [e.key for e in listed.context["page"].object_list] == [e.key for e in new]

    code_page = client.get(f"/studies/{study.pk}/evidence/{new[0].pk}/code/")
    order = VARIANTS[study.variant].order
    labels = [label for _, label in code_page.context["form"].fields["measures"].choices]
    assert [k for k, _ in code_page.context["form"].fields["measures"].choices] == list(order)
    assert labels[0].startswith("1. ")

    coded = client.post(
        f"/studies/{study.pk}/evidence/{new[0].pk}/code/",
        {
            "measures": [order[2], order[0]],
            "polarity": "negative",
            "weight": "3",
            "organisations": "foodbank; council",
        },
    )
    # on to the next uncoded excerpt of the same source
    assert coded["Location"].endswith(f"/evidence/{new[1].pk}/code/")
    first = new[0]
    first.refresh_from_db()
    assert list(first.codes.values_list("measure", flat=True)) == [order[0], order[2]]
    assert (first.polarity, first.weight, first.text) == ("negative", 3, "First, adjusted.")
    assert list(
        first.organisations.order_by("evidence_links__ordinal").values_list("key", flat=True)
    ) == ["foodbank", "council"]

    uncoded = client.get(f"/studies/{study.pk}/evidence/", {"source": source, "uncoded": "1"})
    assert [e.key for e in uncoded.context["page"].object_list] == [new[1].key, new[2].key]


def test_coding_to_an_unknown_organisation_shows_the_error_on_that_field(cast: Cast) -> None:
    e2 = cast.study.evidence.get(key="E2")
    response = _client(cast.owner).post(
        f"/studies/{cast.study.pk}/evidence/{e2.pk}/code/",
        {"polarity": "neutral", "weight": "1", "organisations": "nobody"},
    )
    assert response.status_code == 200
    assert "organisations" in response.context["form"].errors
    assert list(e2.organisations.values_list("key", flat=True)) == ["food-bank"]


def test_saving_no_excerpt_is_refused(cast: Cast) -> None:
    response = _client(cast.owner).post(
        f"/studies/{cast.study.pk}/evidence/split/",
        {"source": "Focus group", "action": "save", "excerpt": ["", "  "]},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert cast.study.evidence.count() == 2


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["E2", "E1"]),
        ({"measure": "social-public"}, ["E1"]),
        ({"polarity": "positive"}, ["E1"]),
        ({"uncoded": "1"}, ["E2"]),
    ],
)
def test_it_filters_evidence(cast: Cast, query: dict[str, str], expected: list[str]) -> None:
    response = _client(cast.viewer).get(f"/studies/{cast.study.pk}/evidence/", query)
    assert sorted(e.key for e in response.context["page"].object_list) == sorted(expected)


def test_an_edit_changes_the_text_and_keeps_the_coding(cast: Cast) -> None:
    e1 = cast.study.evidence.get(key="E1")
    url = f"/studies/{cast.study.pk}/evidence/{e1.pk}/edit/"
    client = _client(cast.contributor)
    initial = client.get(url).context["form"].initial
    data = {k: v for k, v in initial.items() if v not in (None, False)}
    data["text"] = "The council funds the foodbank every year."
    assert client.post(url, data).status_code == 302
    e1.refresh_from_db()
    assert e1.text == "The council funds the foodbank every year."
    assert list(e1.codes.values_list("measure", flat=True)) == ["social-public"]
    assert AuditEvent.objects.filter(action="evidence.updated", target="E1").exists()
