# inputs.sh: sourced by the bench scripts. Lists the text-layer PDFs under
# the arguments into $list (one path a line) and counts their pages into
# $pages; makes $work, a scratch folder removed on exit.
command -v pdftotext >/dev/null || { echo "bench: needs pdftotext (poppler-utils)" >&2; exit 1; }
list=$(mktemp)
work=$(mktemp -d)
trap 'rm -rf "$list" "$work"' EXIT
find "$@" -name '*.pdf' -not -path '*no-text-layer*' | sort > "$list"
files=$(wc -l < "$list")
[ "$files" -gt 0 ] || { echo "bench: no PDFs under $*" >&2; exit 1; }
pages=0
while read -r f; do
    n=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')
    pages=$((pages + ${n:-0}))
done < "$list"
