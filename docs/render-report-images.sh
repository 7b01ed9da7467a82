#!/usr/bin/env bash
# Render the README's pictures to docs/images/:
#   docs/images/report-gap.png          检查情况报告 (emcheck report --kind gap), first page
#   docs/images/report-notice.png       整改通知书   (emcheck report --kind notice), first page
#   docs/images/report-annex.png        检查情况报告的附件清单 (缩略图), last page
#   docs/images/progress-bulletin.png   调度通报     (emcheck progress examples/zone -f docx), first page
#   docs/images/progress-dashboard.png  the offline dashboard (-f html), top of the page
#   docs/images/site-workbook.png       a village's site workbook (emcheck convert), its 应急演练记录 sheet
#   docs/images/site-workbook-check.png the 自查结果 sheet of audit --annotate (the street example)
#
# Needs LibreOffice, poppler, chromium and CJK fonts:
#   apt-get update && apt-get install -y libreoffice-writer fonts-noto-cjk poppler-utils chromium
# Run from anywhere:  docs/render-report-images.sh   (EMCHECK=/path/to/emcheck to choose the CLI)
#
# The GB/T 9704 fonts (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312) are rarely installed on
# Linux; a private fontconfig file maps them to Noto CJK stand-ins for the picture only.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
emcheck=${EMCHECK:-$root/../venv/bin/emcheck}
command -v "$emcheck" >/dev/null 2>&1 || emcheck=emcheck
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/fonts.conf" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>仿宋_GB2312</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>仿宋</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
  <alias binding="same"><family>楷体_GB2312</family><prefer><family>AR PL UKai CN</family><family>Noto Serif CJK SC</family></prefer></alias>
  <match target="pattern">
    <test name="family"><string>方正小标宋简体</string></test>
    <edit name="family" mode="assign" binding="same"><string>Noto Serif CJK SC</string></edit>
    <edit name="weight" mode="assign" binding="same"><const>bold</const></edit>
  </match>
</fontconfig>
XML
export FONTCONFIG_FILE="$work/fonts.conf"

mkdir -p "$root/docs/images"
for kind in gap notice; do
  # Exit code 1 means "findings": the gap example has them, and the report is written.
  "$emcheck" report "$root/examples/hongqiao-street-gaps.yaml" --kind "$kind" \
    --meta "$root/tests/fixtures/report/meta.yaml" --as-of 2026-11-30 \
    -o "$work/$kind.docx" >/dev/null || [ $? -eq 1 ]
  soffice "-env:UserInstallation=file://$work/profile" --headless --convert-to pdf \
    --outdir "$work" "$work/$kind.docx" >/dev/null 2>&1
  pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$work/$kind.pdf" "$root/docs/images/report-$kind"
  echo "docs/images/report-$kind.png"
done
# The gap report's annex (附件清单 with thumbnails) is its last page.
last=$(pdfinfo "$work/gap.pdf" | awk '/^Pages:/ {print $2}')
pdftoppm -png -r 80 -f "$last" -l "$last" -singlefile "$work/gap.pdf" "$root/docs/images/report-annex"
echo "docs/images/report-annex.png"

# The push group's bulletin and dashboard for the example zone (exit 2: one file of the zone
# cannot be audited, on purpose; the outputs are written and say so).
zone=(progress "$root/examples/zone" --previous "$root/examples/zone/rounds/2026-03-06.json"
  --as-of 2026-03-20 --output "docx=$work/bulletin.docx" --output "html=$work/dashboard.html")
"$emcheck" "${zone[@]}" >/dev/null || [ $? -eq 2 ]
soffice "-env:UserInstallation=file://$work/profile" --headless --convert-to pdf \
  --outdir "$work" "$work/bulletin.docx" >/dev/null 2>&1
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$work/bulletin.pdf" "$root/docs/images/progress-bulletin"
echo "docs/images/progress-bulletin.png"
chromium --headless --no-sandbox --hide-scrollbars --window-size=1280,1500 \
  --screenshot="$root/docs/images/progress-dashboard.png" "file://$work/dashboard.html" \
  >/dev/null 2>&1
echo "docs/images/progress-dashboard.png"

# A site workbook as a clerk fills it in (the village example, converted) and the 自查结果
# sheet that audit --annotate puts first in a copy (the street example with gaps), each as
# LibreOffice prints it; the page is found by its text, as the sheets print one or more each.
page_of() {
  local pages
  pages=$(pdfinfo "$1" | awk '/^Pages:/ {print $2}')
  for page in $(seq 1 "$pages"); do
    if pdftotext -f "$page" -l "$page" "$1" - | grep -q "$2"; then echo "$page"; return; fi
  done
}
mkdir -p "$work/books/attachments"
cp "$root"/examples/attachments/* "$work/books/attachments/"
"$emcheck" convert "$root/examples/liuxi-village.yaml" -o "$work/books/site.xlsx" 2>/dev/null
"$emcheck" convert "$root/examples/hongqiao-street-gaps.yaml" -o "$work/books/红桥街道.xlsx" 2>/dev/null
"$emcheck" audit "$work/books/红桥街道.xlsx" --as-of 2026-11-30 --annotate \
  -o "$work/books/check.xlsx" >/dev/null 2>&1 || [ $? -eq 1 ]
for name in site check; do
  soffice "-env:UserInstallation=file://$work/profile" --headless --convert-to pdf \
    --outdir "$work/books" "$work/books/$name.xlsx" >/dev/null 2>&1
done
page=$(page_of "$work/books/site.pdf" "演练名称")
pdftoppm -png -r 80 -f "$page" -l "$page" -singlefile "$work/books/site.pdf" \
  "$root/docs/images/site-workbook"
echo "docs/images/site-workbook.png"
# The top of the first page, large enough to read: the sheet prints as wide as the page.
pdftoppm -png -r 170 -f 1 -l 1 -x 100 -y 150 -W 1640 -H 380 -singlefile "$work/books/check.pdf" \
  "$root/docs/images/site-workbook-check"
echo "docs/images/site-workbook-check.png"
