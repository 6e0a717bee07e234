"""The network map's data: every organisation with its place on the map and its flags.

Positions come from the reports' seeded force layout, so the map and the report's figure
agree and a study always draws the same way. Flags come from the core's analysis of the
relationships active today; betweenness is left out, being the slowest part by far.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
from dataclasses import dataclass
from typing import Any

import numpy as np

from communitydna.analysis import network_from_snapshot
from communitydna.analysis.brokerage import gould_fernandez
from communitydna.analysis.cuts import cuts
from communitydna.analysis.gaps import gaps
from communitydna.reports.figures.layout import force_layout
from communitydna.web.studies import models as m
from communitydna.web.studies.selectors import study_memo_recent, study_to_snapshot, study_version

__all__ = ["BROKER_SHARE", "MapBody", "map_data", "map_data_json"]

BROKER_SHARE = 0.05
"""Brokers are this share of the organisations (at least five) with the most brokerage."""

LAYOUT_SEED = 1


def map_data(study: m.Study, *, today: dt.date | None = None) -> dict[str, Any]:
    """The map as plain JSON-ready data.

    Parameters
    ----------
    study : Study
    today : datetime.date, optional
        The day whose active relationships the flags are measured on.

    Returns
    -------
    dict
        ``nodes``: ``id`` (row id, for links), ``key``, ``name``, ``sector``, ``type``,
        ``ward``, ``led_by``, ``x``, ``y``, ``broker``, ``cut_point`` and ``gaps`` (the
        sectors it has no tie to). ``edges``, by column to keep 25,000 of them small: lists
        ``id``, ``source`` and ``target`` (indexes into ``nodes``), ``type``,
        ``strength``, ``status``, ``tense`` and ``directed`` (0 or 1), ``since`` and
        ``until`` (first days, ISO, or ``null``), the *i*-th item of each being the *i*-th
        relationship. ``as_of``.
    """
    day = today or dt.date.today()
    snapshot = study_to_snapshot(study)
    row_ids = dict(m.Organisation.objects.filter(study=study).values_list("key", "pk"))
    index = {o.id: i for i, o in enumerate(snapshot.organisations)}
    pairs = np.array(
        [(index[r.source], index[r.target]) for r in snapshot.relationships], dtype=np.int64
    ).reshape(-1, 2)
    strengths = np.array([r.strength for r in snapshot.relationships], dtype=np.float64)
    positions = force_layout(len(index), pairs, weights=strengths, seed=LAYOUT_SEED)

    network = network_from_snapshot(snapshot, day)
    totals = gould_fernandez(network).counts[:, -1]
    ranked = [v for v in np.argsort(-totals, kind="stable") if totals[v] > 0]
    brokers = {network.ids[v] for v in ranked[: max(5, round(BROKER_SHARE * network.n))]}
    cut_points, _bridges = cuts(network)
    cut_ids = {c.id for c in cut_points}
    missing: dict[str, list[str]] = {}
    for by_other in gaps(network, snapshot.place.wards).without_tie.values():
        for other, ids in by_other.items():
            for key in ids:
                missing.setdefault(key, []).append(other)

    nodes = [
        {
            "id": row_ids[o.id],
            "key": o.id,
            "name": o.name,
            "sector": o.sector.value,
            "type": o.type,
            "ward": o.ward,
            "led_by": list(o.led_by),
            "x": round(float(positions[i, 0]), 4),
            "y": round(float(positions[i, 1]), 4),
            "broker": o.id in brokers,
            "cut_point": o.id in cut_ids,
            "gaps": missing.get(o.id, []),
        }
        for i, o in enumerate(snapshot.organisations)
    ]
    relationships = snapshot.relationships
    edges = {
        "id": [r.id for r in relationships],
        "source": [index[r.source] for r in relationships],
        "target": [index[r.target] for r in relationships],
        "type": [r.type for r in relationships],
        "strength": [r.strength for r in relationships],
        "status": [r.status.value for r in relationships],
        "tense": [int(r.tense) for r in relationships],
        "directed": [int(r.directed) for r in relationships],
        "since": [r.since.start().isoformat() if r.since else None for r in relationships],
        "until": [r.until.start().isoformat() if r.until else None for r in relationships],
    }
    return {"as_of": day.isoformat(), "nodes": nodes, "edges": edges}


@dataclass(frozen=True, slots=True)
class MapBody:
    """The map data as the response sends it: compact JSON bytes, the same compressed with
    gzip (a tenth of the size) for browsers that accept it, and their entity tag."""

    body: bytes
    gzipped: bytes
    etag: str


def map_data_json(study: m.Study, *, today: dt.date | None = None) -> MapBody:
    """:func:`map_data` as JSON bytes, made once per state of the study and day.

    The layout and the analysis take seconds at thousands of organisations and turning
    25,000 relationships into JSON tens of milliseconds, so the finished body is what is
    kept, in each server process and in the shared cache. While another request is
    building the map of the study as it is now, the map built last is answered at once
    (:func:`~communitydna.web.studies.selectors.study_memo_recent`), so that many people
    changing a large study do not queue behind one build after another. The day is part of
    the key because the flags follow the relationships active on it; the tag names the
    version of the study the body was made from and the day, so a browser holding it can
    be answered "not modified" without reading the body, and one holding an earlier map
    gets the new one when it asks again.
    """
    day = today or dt.date.today()
    version = study_version(study)

    def build() -> tuple[bytes, bytes]:
        data = map_data(study, today=day)
        body = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        # mtime 0: the same map gives the same bytes, whenever it is made.
        return body, gzip.compress(body, compresslevel=6, mtime=0)

    found = study_memo_recent(study, f"network-map:{day.isoformat()}", build, version=version)
    tag = hashlib.blake2b(f"{found.version}:{day.isoformat()}".encode(), digest_size=12)
    return MapBody(*found.value, f'"{tag.hexdigest()}"')
