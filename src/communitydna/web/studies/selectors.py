"""Reads that span a study's tables.

:func:`study_to_snapshot` is the way out of the database: it gives the study as a
:class:`~communitydna.snapshot.Snapshot`, so every exporter, analysis and report works on
the web's data exactly as on a workbook's.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.cache import cache
from django.db.models import Q, QuerySet

from communitydna.framework import OVERALL, VARIANTS, Measure, format_rating
from communitydna.snapshot import Evidence, Organisation, Relationship, Snapshot
from communitydna.web.accounts.models import Membership, Workspace
from communitydna.web.accounts.permissions import AnyUser
from communitydna.web.audit.models import AuditEvent
from communitydna.web.studies import convert
from communitydna.web.studies import models as m

__all__ = [
    "RatingRow",
    "Recent",
    "evidence_value",
    "organisation_value",
    "rating_history",
    "relationship_value",
    "studies_visible_to",
    "study_counts",
    "study_gaps",
    "study_memo",
    "study_memo_recent",
    "study_ratings",
    "study_to_snapshot",
    "study_version",
]

T = TypeVar("T")


def study_to_snapshot(study: m.Study) -> Snapshot:
    """The study as a snapshot, equal to the one it was imported from.

    Parameters
    ----------
    study : Study

    Returns
    -------
    Snapshot
        Every entity in the order it was given, with its attributes.

    Notes
    -----
    A fixed number of queries whatever the study's size: one per table, with no joins.
    """
    organisations = list(m.Organisation.objects.filter(study=study).order_by("ordinal", "id"))
    organisation_keys = {o.pk: o.key for o in organisations}
    evidence_rows = list(m.Evidence.objects.filter(study=study).order_by("ordinal", "id"))
    evidence_keys = {e.pk: e.key for e in evidence_rows}

    codes: dict[int, list[str]] = defaultdict(list)
    for evidence_id, measure in (
        m.EvidenceMeasure.objects.filter(evidence__study=study)
        .order_by("evidence_id", "ordinal", "id")
        .values_list("evidence_id", "measure")
    ):
        codes[evidence_id].append(measure)
    evidence_organisations: dict[int, list[str]] = defaultdict(list)
    for evidence_id, organisation_id in (
        m.EvidenceOrganisation.objects.filter(evidence__study=study)
        .order_by("evidence_id", "ordinal", "id")
        .values_list("evidence_id", "organisation_id")
    ):
        evidence_organisations[evidence_id].append(organisation_keys[organisation_id])
    cited: dict[int, list[str]] = defaultdict(list)
    for relationship_id, evidence_id in (
        m.RelationshipEvidence.objects.filter(relationship__study=study)
        .order_by("relationship_id", "ordinal", "id")
        .values_list("relationship_id", "evidence_id")
    ):
        cited[relationship_id].append(evidence_keys[evidence_id])

    ratings = list(m.Rating.objects.filter(study=study).order_by("ordinal", "id"))
    recommendations = list(m.Recommendation.objects.filter(study=study).order_by("ordinal", "id"))
    recommendation_keys = {r.pk: r.key for r in recommendations}
    indicators = list(m.Indicator.objects.filter(study=study).order_by("ordinal", "id"))
    indicator_keys = {i.pk: i.key for i in indicators}

    actions = list(m.Action.objects.filter(study=study).order_by("ordinal", "id"))
    milestones: dict[int, list[m.Milestone]] = defaultdict(list)
    for milestone in m.Milestone.objects.filter(action__study=study).order_by(
        "action_id", "ordinal", "id"
    ):
        milestones[milestone.action_id].append(milestone)
    leads: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
    for action_id, name, organisation_id in (
        m.Lead.objects.filter(action__study=study)
        .order_by("action_id", "ordinal", "id")
        .values_list("action_id", "name", "organisation_id")
    ):
        key = organisation_keys[organisation_id] if organisation_id is not None else None
        leads[action_id].append((name, key))
    carried_out: dict[int, list[str]] = defaultdict(list)
    for action_id, recommendation_id in (
        m.ActionRecommendation.objects.filter(action__study=study)
        .order_by("action_id", "ordinal", "id")
        .values_list("action_id", "recommendation_id")
    ):
        carried_out[action_id].append(recommendation_keys[recommendation_id])

    overall = next((r for r in ratings if r.measure == OVERALL), None)
    return Snapshot(
        place=convert.place_entity(study),
        organisations=tuple(convert.organisation_entity(o) for o in organisations),
        relationships=tuple(
            convert.relationship_entity(r, organisation_keys, cited.get(r.pk, ()))
            for r in m.Relationship.objects.filter(study=study).order_by("ordinal", "id")
        ),
        evidence=tuple(
            convert.evidence_entity(e, codes.get(e.pk, ()), evidence_organisations.get(e.pk, ()))
            for e in evidence_rows
        ),
        ratings=tuple(convert.rating_entity(r) for r in ratings if r.measure != OVERALL),
        overall=convert.rating_entity(overall) if overall is not None else None,
        recommendations=tuple(convert.recommendation_entity(r) for r in recommendations),
        followups=tuple(
            convert.followup_entity(f, recommendation_keys)
            for f in m.FollowUp.objects.filter(study=study).order_by("ordinal", "id")
        ),
        actions=tuple(
            convert.action_entity(
                a,
                milestones.get(a.pk, ()),
                leads.get(a.pk, ()),
                carried_out.get(a.pk, ()),
            )
            for a in actions
        ),
        indicators=tuple(convert.indicator_entity(i) for i in indicators),
        observations=tuple(
            convert.observation_entity(o, indicator_keys)
            for o in m.Observation.objects.filter(study=study).order_by("ordinal", "id")
        ),
        tensions=tuple(
            convert.tension_entity(t)
            for t in m.TensionReport.objects.filter(study=study).order_by("ordinal", "id")
        ),
    )


def study_version(study: m.Study) -> str:
    """A mark that changes whenever the study's content does.

    Every change goes through a service that writes an audit row in the same transaction,
    so the study's latest audit row identifies its content; the study's own id and creation
    time keep two databases (or a study made again after a rollback) apart.
    """
    latest = AuditEvent.objects.filter(study=study).order_by("-id").values_list("id", "at").first()
    made = f"{study.pk}-{study.created_at.timestamp()}"
    if latest is None:
        return f"{made}-0"
    return f"{made}-{latest[0]}-{latest[1].timestamp()}"


MEMO_ENTRIES = 32
"""Values kept in each server process by :func:`study_memo`, the least recently used going first."""

_memo: OrderedDict[str, Any] = OrderedDict()
_memo_lock = threading.Lock()
_building: dict[str, threading.Lock] = {}


def study_memo(
    study: m.Study,
    name: str,
    build: Callable[[], T],
    *,
    version: str | None = None,
    seconds: int = 60 * 60,
) -> T:
    """``build()`` once per state of the study, shared by every request and server process.

    A value is looked up first in this process's memory (no unpickling: the same object is
    handed to every request), then in Django's shared cache, and only then built and put in
    both. Keys carry the study's :func:`study_version`, so a change to the study makes new
    keys and the old values age out. While one thread of a process builds a value, the
    others asking for it wait for it rather than build it again.

    Parameters
    ----------
    study : Study
    name : str
        What is kept, e.g. ``"report"``; with extra parts (``"map:2025-06-01"``) as needed.
    build : callable
        Makes the value; it must not be ``None`` and must pickle.
    version : str, optional
        The study's version if the caller has read it already.
    seconds : int
        How long the shared cache keeps the value.
    """
    key = f"communitydna:{name}:{version or study_version(study)}"
    with _memo_lock:
        if key in _memo:
            _memo.move_to_end(key)
            return _memo[key]  # type: ignore[no-any-return]
        building = _building.setdefault(key, threading.Lock())
    with building:
        with _memo_lock:
            if key in _memo:
                return _memo[key]  # type: ignore[no-any-return]
        value = _shared(key, build, seconds)
        with _memo_lock:
            _memo[key] = value
            while len(_memo) > MEMO_ENTRIES:
                _memo.popitem(last=False)
            _building.pop(key, None)
    return value


BUILD_SECONDS = 300
"""How long other server processes wait for one that is building a value."""


@dataclass(frozen=True, slots=True)
class Recent(Generic[T]):
    """A value of :func:`study_memo_recent` and the study version it was built for."""

    value: T
    version: str
    fresh: bool
    """Whether ``version`` is the study's version when asked; ``False`` for an earlier one."""


_recent: OrderedDict[str, tuple[str, Any]] = OrderedDict()
"""The latest value of each name per study in this process, at most ``MEMO_ENTRIES``."""


def _recent_key(study: m.Study, name: str) -> str:
    # The creation time keeps a study made again with the same id apart, as in the version.
    return f"communitydna:{name}:recent:{study.pk}-{study.created_at.timestamp()}"


def study_memo_recent(
    study: m.Study,
    name: str,
    build: Callable[[], T],
    *,
    version: str | None = None,
    seconds: int = 60 * 60,
) -> Recent[T]:
    """:func:`study_memo`, except that while another request is building a value of
    ``name`` for this study, the most recent value already built is answered at once.

    One value of ``name`` is built at a time for a study, in all server processes
    together. When nobody else is building it, the current value is built (or waited for)
    as :func:`study_memo` does, so a person who changes the study and then looks sees the
    change. When many people change and read a large study at once, readers get the value
    of a moment ago instead of queueing behind, and adding to, builds that every change
    makes out of date. Meant for views whose answer names the version it shows (the map
    data's entity tag), so that browsers ask again.
    """
    version = version or study_version(study)
    key = f"communitydna:{name}:{version}"
    with _memo_lock:
        if key in _memo:
            _memo.move_to_end(key)
            return Recent(_memo[key], version, True)
    lease = f"{_recent_key(study, name)}:building"
    if not cache.add(lease, os.getpid(), BUILD_SECONDS):
        earlier = _recent_value(study, name)
        if earlier is not None and earlier[0] != version:
            return Recent(earlier[1], earlier[0], False)
        value = study_memo(study, name, build, version=version, seconds=seconds)
    else:
        try:
            value = study_memo(study, name, build, version=version, seconds=seconds)
        finally:
            cache.delete(lease)
    recent = _recent_key(study, name)
    with _memo_lock:
        _recent[recent] = (version, value)
        _recent.move_to_end(recent)
        while len(_recent) > MEMO_ENTRIES:
            _recent.popitem(last=False)
    cache.set(recent, version, seconds)
    return Recent(value, version, True)


def _recent_value(study: m.Study, name: str) -> tuple[str, Any] | None:
    """The latest value of ``name`` built for the study, in this process or another."""
    recent = _recent_key(study, name)
    version = cache.get(recent)
    with _memo_lock:
        here = _recent.get(recent)
    if here is not None and (version is None or here[0] == version):
        return here
    if version is not None:
        value = cache.get(f"communitydna:{name}:{version}")
        if value is not None:
            return version, value
    return here


def _shared(key: str, build: Callable[[], T], seconds: int) -> T:
    """The value from the shared cache, built by one process while the others wait for it.

    ``cache.add`` marks the value as being built, so twenty people opening the measure pages
    of a large study just imported start one analysis, not one per server process.
    """
    value: T | None = cache.get(key)
    if value is not None:
        return value
    building = f"{key}:building"
    if not cache.add(building, os.getpid(), BUILD_SECONDS):
        deadline = time.monotonic() + BUILD_SECONDS
        while time.monotonic() < deadline and cache.get(building) is not None:
            time.sleep(0.1)
            value = cache.get(key)
            if value is not None:
                return value
        value = cache.get(key)
        if value is not None:
            return value
    try:
        value = build()
        cache.set(key, value, seconds)
    finally:
        cache.delete(building)
    return value


def studies_visible_to(user: AnyUser, workspace: Workspace | None = None) -> QuerySet[m.Study]:
    """The studies a user may see: those of the workspaces they belong to.

    Parameters
    ----------
    user : User or AnonymousUser
    workspace : Workspace, optional
        Only this workspace's studies (none if the user is not a member).

    Returns
    -------
    QuerySet of Study
        Ordered by workspace, then name.
    """
    if not user.is_authenticated or not user.is_active:
        return m.Study.objects.none()
    member_of = Membership.objects.filter(user_id=user.pk).values("workspace_id")
    studies = m.Study.objects.filter(workspace_id__in=member_of)
    if workspace is not None:
        studies = studies.filter(workspace=workspace)
    return studies.select_related("workspace").order_by("workspace__name", "name", "id")


def study_counts(study: m.Study) -> dict[str, int]:
    """How many of each part the study has, as :meth:`Snapshot.counts` gives them.

    Parameters
    ----------
    study : Study

    Returns
    -------
    dict of str to int
        ``organisations``, ``relationships``, ``evidence``, ``ratings`` (measures with a
        position; the overall assessment not counted), ``recommendations``, ``followups``,
        ``actions``, ``indicators``, ``observations``, ``tensions``. Counted once per
        state of the study (:func:`study_memo`).
    """
    return dict(study_memo(study, "counts", lambda: _counts(study)))


def _counts(study: m.Study) -> dict[str, int]:
    return {
        "organisations": study.organisations.count(),
        "relationships": study.relationships.count(),
        "evidence": study.evidence.count(),
        "ratings": study.ratings.filter(~Q(measure=OVERALL), position__isnull=False).count(),
        "recommendations": study.recommendations.count(),
        "followups": study.followups.count(),
        "actions": study.actions.count(),
        "indicators": study.indicators.count(),
        "observations": study.observations.count(),
        "tensions": study.tensions.count(),
    }


@dataclass(frozen=True, slots=True)
class RatingRow:
    """One line of a study's ratings table."""

    number: int
    measure: Measure
    rating: m.Rating | None

    @property
    def position(self) -> int | None:
        return self.rating.position if self.rating is not None else None

    @property
    def label(self) -> str:
        """``"stable–resilient"`` or ``"not rated"``."""
        return format_rating(self.position)


def study_ratings(study: m.Study) -> tuple[tuple[RatingRow, ...], m.Rating | None]:
    """The ratings table in the study's variant order, and the overall rating.

    Parameters
    ----------
    study : Study

    Returns
    -------
    rows : tuple of RatingRow
        One per measure, numbered as in the study's variant, with its rating or ``None``.
    overall : Rating or None
    """
    by_measure = {r.measure: r for r in study.ratings.all()}
    variant = VARIANTS[study.variant]
    rows = tuple(
        RatingRow(number, measure, by_measure.get(measure.key))
        for number, measure in enumerate(variant.measures(), start=1)
    )
    return rows, by_measure.get(OVERALL)


def study_gaps(study: m.Study) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What the assessment still lacks, in the study's variant order.

    Parameters
    ----------
    study : Study

    Returns
    -------
    missing_evidence : tuple of str
        Keys of measures no evidence is coded to.
    unrated : tuple of str
        Keys of measures without a position.

    Found once per state of the study (:func:`study_memo`).
    """
    return study_memo(study, "gaps", lambda: _gaps(study))


def _gaps(study: m.Study) -> tuple[tuple[str, ...], tuple[str, ...]]:
    order = VARIANTS[study.variant].order
    coded = set(
        m.EvidenceMeasure.objects.filter(evidence__study=study).values_list("measure", flat=True)
    )
    rated = set(study.ratings.filter(position__isnull=False).values_list("measure", flat=True))
    return (
        tuple(k for k in order if k not in coded),
        tuple(k for k in order if k not in rated),
    )


def rating_history(study: m.Study, measure: str) -> QuerySet[m.RatingChange]:
    """Every change of one measure's rating (or ``overall``), newest first.

    Parameters
    ----------
    study : Study
    measure : str
        A measure key or ``"overall"``.

    Returns
    -------
    QuerySet of RatingChange
    """
    return m.RatingChange.objects.filter(study=study, measure=measure).select_related("by")


def organisation_value(organisation: m.Organisation) -> Organisation:
    """One organisation as the snapshot's entity, e.g. to fill a form.

    Parameters
    ----------
    organisation : Organisation

    Returns
    -------
    communitydna.snapshot.Organisation
    """
    return convert.organisation_entity(organisation)


def relationship_value(relationship: m.Relationship) -> Relationship:
    """One relationship as the snapshot's entity, with its ends and evidence as ids.

    Parameters
    ----------
    relationship : Relationship

    Returns
    -------
    communitydna.snapshot.Relationship
    """
    keys = dict(
        m.Organisation.objects.filter(
            pk__in=(relationship.source_id, relationship.target_id)
        ).values_list("pk", "key")
    )
    evidence = list(
        m.RelationshipEvidence.objects.filter(relationship=relationship)
        .order_by("ordinal", "id")
        .values_list("evidence__key", flat=True)
    )
    return convert.relationship_entity(relationship, keys, evidence)


def evidence_value(evidence: m.Evidence) -> Evidence:
    """One piece of evidence as the snapshot's entity, with its coding and organisations.

    Parameters
    ----------
    evidence : Evidence

    Returns
    -------
    communitydna.snapshot.Evidence
    """
    measures = list(
        m.EvidenceMeasure.objects.filter(evidence=evidence)
        .order_by("ordinal", "id")
        .values_list("measure", flat=True)
    )
    organisations = list(
        m.EvidenceOrganisation.objects.filter(evidence=evidence)
        .order_by("ordinal", "id")
        .values_list("organisation__key", flat=True)
    )
    return convert.evidence_entity(evidence, measures, organisations)
