"""The JSON API: the study's parts in the core's vocabulary, personal tokens, OpenAPI 3.

Every handler resolves its study or workspace through
:mod:`communitydna.web.accounts.permissions` and writes through the study services, so the
API can do exactly what its holder could do by hand, and no more than the token allows.
"""
