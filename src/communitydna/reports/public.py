"""The public version of a report: organisations in evidence described, not named.

A report safe to publish leaves out evidence marked confidential (the builder does that)
and replaces every organisation's name in the evidence that remains, in its text and its
source, with the organisation's sector and type: "Northgate Foodbank said…" becomes "A
social-sector food bank said…".

Names are matched whole-word and case-insensitively, longest first, so a longer name is
replaced before a shorter one inside it. Besides the full name, an organisation is also
recognised by:

- the name without a legal ending (``Ltd``, ``Limited``, ``plc``, ``CIC``, ``LLP``…), and the
  part of it before a comma ("Northern Counties Bank" for "Northern Counties Bank, Kiln Hill
  branch");
- aliases listed in an ``alias``, ``aliases``, ``short name`` or ``abbreviation`` column of the
  Organisations sheet (separated by ``;``);
- for a business, the first word of its name when that word is distinctive (firms are
  often called by it: "Holroyd" for "Holroyd Precision Castings Ltd"): at least four
  letters, the first word of no other organisation, not a word of the place's or wards'
  names, and never written in lower case anywhere in the evidence. These are matched with
  their capital only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from communitydna.framework import Sector
from communitydna.snapshot import Organisation, Snapshot

__all__ = ["Anonymiser", "describe"]

_LEGAL = re.compile(
    r"[\s,]+(?:ltd\.?|limited|plc|cic|llp|cio|inc\.?|& co\.?|and co\.?)$", re.IGNORECASE
)
_ALIAS_COLUMNS = ("alias", "aliases", "short name", "short_name", "abbreviation", "acronym")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*|[‘'\"“(]\s*)$")


def describe(organisation: Organisation, *, article: bool = True) -> str:
    """How a public report refers to an organisation: its sector and type.

    Examples
    --------
    >>> from communitydna.framework import Sector
    >>> describe(Organisation("fb", "Northgate Foodbank", Sector.SOCIAL, type="food bank"))
    'a social-sector food bank'
    >>> describe(Organisation("x", "X", Sector.PUBLIC), article=False)
    'public-sector organisation'
    """
    kind = " ".join(organisation.type.split()) or "organisation"
    text = f"{organisation.sector.value}-sector {kind}"
    return f"a {text}" if article else text


@dataclass(frozen=True)
class _Name:
    text: str
    organisation: Organisation
    case_sensitive: bool


def _words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[^\W\d_]+", text)}


def _names(snapshot: Snapshot) -> list[_Name]:
    names: list[_Name] = []
    for o in snapshot.organisations:
        full = o.name.strip()
        before_comma = full.split(",", 1)[0].strip()
        forms = {full, _LEGAL.sub("", full)}
        if len(before_comma.split()) >= 2:
            forms.add(before_comma)
        for text in forms:
            if len(text) >= 2:
                names.append(_Name(text, o, False))
        for column in _ALIAS_COLUMNS:
            for alias in re.split(r"[;\n]", o.attributes.get(column, "")):
                if len(alias.strip()) >= 2:
                    names.append(_Name(alias.strip(), o, False))
    firsts: dict[str, list[Organisation]] = {}
    for o in snapshot.organisations:
        words = o.name.split()
        if len(words) > 1 and o.sector is Sector.COMMERCIAL:
            firsts.setdefault(words[0], []).append(o)
    place_words = _words(" ".join((snapshot.place.name, *snapshot.place.wards)))
    corpus = " ".join(f"{e.text} {e.source}" for e in snapshot.evidence)
    for word, owners in firsts.items():
        if (
            len(owners) == 1
            and len(word) >= 4
            and word[:1].isupper()
            and word.isalpha()
            and word.casefold() not in place_words
            and not re.search(rf"\b{re.escape(word.lower())}\b", corpus)
        ):
            names.append(_Name(word, owners[0], True))
    return names


class Anonymiser:
    """Replaces the names of a study's organisations in text with descriptions.

    Examples
    --------
    >>> from communitydna.framework import Sector
    >>> from communitydna.snapshot import Place
    >>> s = Snapshot(
    ...     place=Place("Northgate"),
    ...     organisations=(
    ...         Organisation("fb", "Northgate Foodbank", Sector.SOCIAL, type="food bank"),
    ...         Organisation("h", "Holroyd Castings Ltd", Sector.COMMERCIAL, type="foundry"),
    ...     ),
    ... )
    >>> a = Anonymiser(s)
    >>> a.replace("Northgate Foodbank's volunteers met the Northgate foodbank team.")
    "A social-sector food bank's volunteers met the social-sector food bank team."
    >>> a.replace("Holroyd pays for it; Holroyd Castings agreed.")
    'A commercial-sector foundry pays for it; a commercial-sector foundry agreed.'
    """

    def __init__(self, snapshot: Snapshot) -> None:
        names = sorted(_names(snapshot), key=lambda n: (-len(n.text), n.text))
        self._by_text: dict[tuple[str, bool], Organisation] = {}
        for name in names:
            key = (name.text if name.case_sensitive else name.text.casefold(), name.case_sensitive)
            self._by_text.setdefault(key, name.organisation)
        pattern = "|".join(
            (r"(?-i:" + _flexible(n.text) + ")") if n.case_sensitive else _flexible(n.text)
            for n in names
        )
        self._pattern = (
            re.compile(
                rf"(?P<the>\bthe\s+)?(?<![\w&'’-])(?P<name>{pattern})(?![\w&-])", re.IGNORECASE
            )
            if names
            else None
        )

    def _organisation(self, matched: str) -> Organisation:
        found = self._by_text.get((matched, True))
        if found is not None:
            return found
        normal = " ".join(matched.split()).casefold()
        for (text, sensitive), organisation in self._by_text.items():
            if not sensitive and " ".join(text.split()) == normal:
                return organisation
        raise KeyError(matched)  # pragma: no cover - the pattern only matches known names

    def replace(self, text: str) -> str:
        """``text`` with every organisation's name replaced by its description."""
        if self._pattern is None or not text:
            return text
        pattern = self._pattern

        def substitute(match: re.Match[str]) -> str:
            organisation = self._organisation(match.group("name"))
            the = match.group("the")
            if the:
                words = f"{the.strip()} {describe(organisation, article=False)}"
            else:
                words = describe(organisation)
            if _SENTENCE_START.search(text[: match.start()]):
                words = words[:1].upper() + words[1:]
            return words

        return pattern.sub(substitute, text)

    def replace_all(self, texts: Iterable[str]) -> tuple[str, ...]:
        """Each text with names replaced."""
        return tuple(self.replace(t) for t in texts)


def _flexible(name: str) -> str:
    """A name as a pattern in which any run of spaces matches any white space."""
    parts: Sequence[str] = name.split()
    return r"\s+".join(re.escape(p) for p in parts)
