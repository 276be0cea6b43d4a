"""fastText's character n-grams and bucket hashes, written independently of Sharpgrad from fastText's C++
(src/dictionary.cc: computeSubwords and hash, v0.9.2) and checked against the published FNV-1a test vectors.

Run: python3 make_fasttext_fixtures.py  (writes fasttext.json beside this file)."""
import json
import os


def fasttext_hash(s):
    """Dictionary::hash: FNV-1a over the UTF-8 bytes, each byte widened through int8_t (a signed char)."""
    h = 2166136261
    for b in s.encode("utf-8"):
        signed = b - 256 if b >= 128 else b
        h = h ^ (signed & 0xFFFFFFFF)
        h = (h * 16777619) & 0xFFFFFFFF
    return h


def compute_subwords(word, minn, maxn):
    """Dictionary::computeSubwords on '<' + word + '>', over UTF-8 bytes, skipping continuation bytes."""
    w = ("<" + word + ">").encode("utf-8")
    out = []
    for i in range(len(w)):
        if (w[i] & 0xC0) == 0x80:
            continue
        ngram = b""
        j, n = i, 1
        while j < len(w) and n <= maxn:
            ngram += w[j:j + 1]
            j += 1
            while j < len(w) and (w[j] & 0xC0) == 0x80:
                ngram += w[j:j + 1]
                j += 1
            if n >= minn and not (n == 1 and (i == 0 or j == len(w))):
                out.append(ngram.decode("utf-8"))
            n += 1
    return out


# Published FNV-1a 32-bit test vectors (Fowler/Noll/Vo, "FNV test vectors"): ASCII, so fastText's quirk is silent.
assert fasttext_hash("") == 0x811C9DC5
assert fasttext_hash("a") == 0xE40C292C
assert fasttext_hash("foobar") == 0xBF9CF968

words = ["where", "her", "a", "fastText", "café", "naïve", "日本語", "aaaaa"]
cases = []
for word in words:
    for minn, maxn in [(3, 6), (2, 3)]:
        grams = compute_subwords(word, minn, maxn)
        cases.append({"word": word, "minn": minn, "maxn": maxn, "ngrams": grams,
                      "hashes": [fasttext_hash(g) for g in grams],
                      "buckets": [fasttext_hash(g) % 2000000 for g in grams]})

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "fasttext.json"), "w", encoding="utf-8") as f:
    json.dump({"cases": cases}, f, ensure_ascii=False, indent=1)
