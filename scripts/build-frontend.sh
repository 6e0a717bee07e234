#!/bin/sh
# Rebuild the vendored front-end files under src/communitydna/web/static/vendor/.
#
# GOV.UK Frontend is compiled from its Sass with a system font stack and no font-face, so
# the GDS Transport typeface (licensed for GOV.UK only) is never referenced. Needs npm; the
# product itself does not. Usage: scripts/build-frontend.sh [GOVUK_VERSION] [HTMX_VERSION]
set -eu
GOVUK_VERSION=${1:-6.6.0}
HTMX_VERSION=${2:-2.0.11}
SASS_VERSION=1.108.2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VENDOR="$ROOT/src/communitydna/web/static/vendor"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts \
  "govuk-frontend@$GOVUK_VERSION" "htmx.org@$HTMX_VERSION" "sass@$SASS_VERSION" >/dev/null

cat > theme.scss <<'SCSS'
@use "govuk-frontend/dist/govuk" as * with (
  $govuk-font-family: (system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif),
  $govuk-include-default-font-face: false
);
SCSS
npx sass --load-path=node_modules --style=compressed --no-source-map --quiet-deps \
  theme.scss govuk-frontend.min.css

mkdir -p "$VENDOR/govuk-frontend" "$VENDOR/htmx"
cp govuk-frontend.min.css "$VENDOR/govuk-frontend/govuk-frontend.min.css"
cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js "$VENDOR/govuk-frontend/"
# The npm package ships no licence file; this is the MIT licence of its repository.
cat > "$VENDOR/govuk-frontend/LICENCE.txt" <<'TEXT'
The MIT License (MIT)

Copyright (c) 2018 Crown Copyright (Government Digital Service)

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
the Software, and to permit persons to whom the Software is furnished to do so,
subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
TEXT
cp node_modules/htmx.org/dist/htmx.min.js "$VENDOR/htmx/"
cp node_modules/htmx.org/LICENSE "$VENDOR/htmx/LICENCE.txt"
echo "built govuk-frontend $GOVUK_VERSION and htmx.org $HTMX_VERSION into $VENDOR"
