#!/usr/bin/env bash
# Render a chitieu report to PDF and PNG pages to look at it as a leader would print it.
# Usage: scripts/render_report.sh [REPORT.xlsx] [OUTDIR]
# Without a report, builds the Minh Thắng sample report first. Needs LibreOffice and poppler:
#   apt-get install -y libreoffice-calc poppler-utils
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${2:-$root/render}"
mkdir -p "$out"
report="${1:-}"
if [[ -z "$report" ]]; then
  python="${PYTHON:-$root/.venv/bin/python}"
  [[ -x "$python" ]] || python=python3
  report="$(PYTHONPATH="$root/lib" "$python" -m chitieu.cli report \
    --quota "$root/inputs/minh_thang/chi_tieu_4_phu.xlsx" --results "$root"/inputs/minh_thang/KQ*.xlsx \
    --unit-name "CÔNG AN XÃ MINH THẮNG" --place "Minh Thắng" --out "$out/minh_thang.xlsx" 2>/dev/null)"
fi
soffice --headless --calc --convert-to pdf --outdir "$out" "$report" >/dev/null
pdf="$out/$(basename "${report%.*}").pdf"
pdftoppm -png -r 70 "$pdf" "${pdf%.pdf}"
ls "$out"/*.png
