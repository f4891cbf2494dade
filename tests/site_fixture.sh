# site_fixture.sh: sourced by the site's browser tests. A site built from
# fixture packs (a full council's minutes with votes, an agenda pack, a
# scorecard pack) in $work/out/site; $committee is a committee page with
# rated indicator charts. Needs $ap, $mkfixture, $src and $work.
mkdir "$work/archive"
for f in minutes-votes sample-pack scorecard-pack; do
    "$mkfixture" "$src/fixtures/$f.txt" "$work/archive/$f.pdf" >/dev/null
done
"$ap" batch -q "$work/archive" -o "$work/out"
"$ap" site -q "$work/out"
site=$work/out/site
committee=$(cd "$site/committees" && { grep -l 'rag-' ./*.html || grep -l '<svg' ./*.html; } | head -n 1)
[ -n "$committee" ] || { echo "FAIL: no committee page has a chart"; exit 1; }
committee=committees/${committee#./}
