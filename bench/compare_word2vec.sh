#!/usr/bin/env bash
# word2vec against gensim (issue #13): skip-gram with negative sampling, dim 100, window 5, 5 negatives, min_count 5,
# sample 1e-3, 1 epoch, on the same corpus, at each thread count, alternating Sharpgrad and gensim so both see the
# same machine load, and prints a markdown table of training throughput (corpus tokens per second of train() alone,
# vocabulary pass excluded on both sides) with the ratio Sharpgrad/gensim, per wall second and per CPU second of the
# whole process (on a shared machine the wall clock swings with other jobs; CPU time measures the work). Then gensim loads Sharpgrad's saved
# vectors (text and binary) to prove interop, and scores both models with the WordNet synonym score of
# bench/word2vec_gensim.py.
#
# Usage: bench/compare_word2vec.sh [--threads 1,2] [--rounds R] [--gensim-mode iterable|corpus_file] [--corpus FILE]
# Without --corpus it builds one: GCIDE (apt-get download dict-gcide; dpkg-deb -x; never installed, it starts a
# daemon) + fortunes (/usr/share/games/fortunes) + WordNet glosses (/usr/share/wordnet, apt-get install wordnet-base),
# 6.09 M tokens, with `sharpgrad embed corpus`. Needs /usr/bin/python3 with gensim (Debian: python3-gensim).
# Raw logs stay in $OUT_DIR (default: a temporary directory).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threads="1,2"
rounds=1
mode="iterable"
corpus=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --gensim-mode) mode="$2"; shift 2 ;;
    --corpus) corpus="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "compare_word2vec.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
out="${OUT_DIR:-$(mktemp -d)}"
mkdir -p "$out"
gensim="/usr/bin/python3 $root/bench/word2vec_gensim.py"

dotnet build -c Release "$root/src/Sharpgrad.Cli" -o "$out/cli" > "$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
sharpgrad="$out/cli/sharpgrad"

if [[ -z "$corpus" ]]; then
  corpus="$out/corpus.txt"
  ( cd "$out" && apt-get download dict-gcide > /dev/null 2>&1 && dpkg-deb -x dict-gcide_*.deb gcide ) \
    || { echo "compare_word2vec.sh: could not fetch dict-gcide; pass --corpus FILE" >&2; exit 1; }
  extra=()
  [[ -d /usr/share/games/fortunes ]] && extra+=(--fortunes /usr/share/games/fortunes)
  [[ -f /usr/share/wordnet/data.noun ]] && extra+=(--wordnet /usr/share/wordnet)
  "$sharpgrad" embed corpus --gcide "$out/gcide/usr/share/dictd/gcide.dict.dz" "${extra[@]}" --out "$corpus"
fi
tokens=$(wc -w < "$corpus")
echo "corpus: $corpus, $tokens tokens"

seconds_of() { sed -n "s/.* in \([0-9.]*\) s.*/\1/p" "$1" | tail -1; }
cpu_of() { sed -n "s/.*cpu \([0-9.]*\) s.*/\1/p" "$1" | tail -1; }
echo "| threads | round | Sharpgrad tokens/s | gensim ($mode) tokens/s | ratio | Sharpgrad tokens/CPU-s | gensim tokens/CPU-s | CPU ratio |" > "$out/table.md"
echo "|---|---|---|---|---|---|---|---|" >> "$out/table.md"
for t in ${threads//,/ }; do
  for r in $(seq 1 "$rounds"); do
    "$sharpgrad" embed train --corpus "$corpus" --model skipgram --size 100 --window 5 --negative 5 --min-count 5 \
      --sample 1e-3 --epochs 1 --threads "$t" --seed "$r" --out "$out/sharpgrad-$t.bin" --out "$out/sharpgrad-$t.txt" > "$out/sharpgrad-$t-$r.log"
    $gensim train --corpus "$corpus" --threads "$t" --mode "$mode" --out "$out/gensim-$t.bin" > "$out/gensim-$t-$r.log"
    s=$(seconds_of "$out/sharpgrad-$t-$r.log"); g=$(seconds_of "$out/gensim-$t-$r.log")
    sc=$(cpu_of "$out/sharpgrad-$t-$r.log"); gc=$(cpu_of "$out/gensim-$t-$r.log")
    awk -v t="$t" -v r="$r" -v n="$tokens" -v s="$s" -v g="$g" -v sc="$sc" -v gc="$gc" \
      'BEGIN { printf "| %d | %d | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f |\n", t, r, n / s, n / g, g / s, n / sc, n / gc, gc / sc }' >> "$out/table.md"
  done
done
cat "$out/table.md"

first="${threads%%,*}"
$gensim interop --text "$out/sharpgrad-$first.txt" --binary "$out/sharpgrad-$first.bin"
"$sharpgrad" embed query --vectors "$out/gensim-$first.bin" --word king --top 5 | sed 's/^/sharpgrad reads gensim: /'
# Every model of the last round: the spread between thread counts (and gensim's per-process hash seeds) shows the noise.
models=()
for t in ${threads//,/ }; do models+=("sharpgrad-$t-threads=$out/sharpgrad-$t.bin" "gensim-$t-threads=$out/gensim-$t.bin"); done
$gensim quality --vectors "${models[@]}"
