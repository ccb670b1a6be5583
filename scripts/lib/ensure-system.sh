#!/usr/bin/env bash
# Installs the Debian packages menuroom needs, only when some are missing (apt-get update once).
# The one list of system packages: scripts/stack.sh, scripts/test-all.sh and Dockerfile.web use it.
#   bash scripts/lib/ensure-system.sh              # every group (a developer or CI machine)
#   bash scripts/lib/ensure-system.sh ocr          # only some groups (the web image: ocr)
set -euo pipefail

declare -A PACKAGE_GROUPS=(
  # The native stack: Redis (redis-server brings redis-cli), nginx as the reverse proxy.
  [stack]="redis-server nginx"
  # e2e tests and screenshots: Chromium (Playwright uses /usr/bin/chromium), CJK glyphs.
  [browser]="chromium fonts-noto-cjk fonts-thai-tlwg"
  # Menu photo OCR in the web tier: the engine and the menu languages we expect.
  # Dish explanations: FreeDict's open dictionaries (JMdict for Japanese), built into .dictionaries/.
  [dictionaries]="dict-freedict-fra-eng dict-freedict-deu-eng dict-freedict-spa-eng dict-freedict-ita-eng
                  dict-freedict-jpn-eng"
  [ocr]="tesseract-ocr tesseract-ocr-kor tesseract-ocr-jpn tesseract-ocr-chi-sim tesseract-ocr-chi-tra
         tesseract-ocr-tha tesseract-ocr-vie tesseract-ocr-fra tesseract-ocr-deu tesseract-ocr-spa
         tesseract-ocr-ita"
  # Only for the OCR benchmark's corpus (bench/ocr/fonts.ts): the serif, rounded, brush and Thai
  # faces its menus are printed in. Not installed by default: `ensure-system.sh bench-fonts`.
  [bench-fonts]="fonts-arphic-ukai fonts-arphic-uming fonts-cwtex-yen fonts-dejavu-core fonts-dejavu-extra
                 fonts-ipaexfont-mincho fonts-konatu fonts-liberation fonts-lxgw-wenkai
                 fonts-motoya-l-maruberi fonts-nanum fonts-noto-cjk fonts-noto-core fonts-thai-tlwg
                 fonts-unfonts-core fonts-woowa-bm fonts-wqy-zenhei"
)

selected=("$@")
[[ ${#selected[@]} -gt 0 ]] || selected=(stack browser ocr dictionaries)

missing=()
for group in "${selected[@]}"; do
  [[ -n "${PACKAGE_GROUPS[$group]:-}" ]] || { echo "ensure-system: unknown group '$group'" >&2; exit 2; }
  for pkg in ${PACKAGE_GROUPS[$group]}; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "ensure-system: all packages present (${selected[*]})"
  exit 0
fi

echo "ensure-system: installing ${missing[*]}"
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "ensure-system: not root and no sudo; install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
# --no-install-recommends when asked (images); a workstation keeps Debian's defaults.
extra=()
[[ "${APT_NO_RECOMMENDS:-}" == 1 ]] && extra=(--no-install-recommends)
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${extra[@]}" "${missing[@]}"
