#!/usr/bin/python3
"""The gensim side of bench/compare_word2vec.sh (issue #13), using Debian's python3-gensim 4.x.

  train   --corpus F --threads N [--mode iterable|corpus_file] [--out F.bin]
          skip-gram, negative sampling: vector_size 100, window 5, negative 5, min_count 5, sample 1e-3, 1 epoch,
          gensim's defaults otherwise (alpha 0.025 -> 0.0001). Times model.train() alone, with time.perf_counter (a
          monotonic clock, as Sharpgrad's Stopwatch) and time.process_time (CPU seconds of all threads), and prints
          "gensim trained T tokens in S s ..., cpu C s".
  interop --text F.txt --binary F.bin
          loads vectors Sharpgrad saved, with KeyedVectors.load_word2vec_format, in both formats, checks they agree,
          and prints a neighbour query.
  quality --wordnet DIR --vectors NAME=F.bin ...
          the WordNet synonym score below, for each set of vectors.

Quality score (there is no standard word-similarity set offline): WordNet synonyms. A pair (w, s) is a synonym pair
when w and s are single words sharing a WordNet 3.0 synset (data.noun/verb/adj/adv) and both are among the 20,000
most frequent words of the vectors' vocabulary. The sample is the first 2,000 such words w in a fixed order (sorted
by a hash of the word, so it does not depend on frequency or on the model), each with its synonyms. For each w the
score takes the rank r of its best-ranked synonym among all 20,000 words by cosine (1 = nearest neighbour), and
reports the mean reciprocal rank 1/r (higher is better) and recall@10 (the share of w with a synonym in its top 10).
Both models are scored on the same sample: the intersection of their top-20,000 vocabularies.
"""
import argparse
import hashlib
import logging
import os
import sys
import time

import numpy as np
from gensim.models import KeyedVectors, Word2Vec
from gensim.models.word2vec import LineSentence

PARAMS = dict(vector_size=100, window=5, negative=5, hs=0, sg=1, min_count=5, sample=1e-3, epochs=1, seed=1)


def train(args):
    logging.basicConfig(level=logging.WARNING)
    model = Word2Vec(workers=args.threads, **PARAMS)
    if args.mode == "corpus_file":
        model.build_vocab(corpus_file=args.corpus)
        cpu, start = time.process_time(), time.perf_counter()
        model.train(corpus_file=args.corpus, total_examples=model.corpus_count, total_words=model.corpus_total_words, epochs=1)
    else:
        model.build_vocab(LineSentence(args.corpus))
        cpu, start = time.process_time(), time.perf_counter()
        model.train(LineSentence(args.corpus), total_examples=model.corpus_count, total_words=model.corpus_total_words, epochs=1)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"gensim {args.mode} trained {model.corpus_total_words} tokens in {seconds:.3f} s "
          f"({len(model.wv)} words, {args.threads} threads), cpu {cpu:.3f} s")
    if args.out:
        model.wv.save_word2vec_format(args.out, binary=args.out.endswith(".bin"))


def interop(args):
    text = KeyedVectors.load_word2vec_format(args.text, binary=False)
    binary = KeyedVectors.load_word2vec_format(args.binary, binary=True)
    assert text.index_to_key == binary.index_to_key, "the two files list different words"
    assert np.array_equal(text.vectors, binary.vectors), "the text and binary files hold different vectors"
    word = "king" if "king" in binary.key_to_index else binary.index_to_key[100]
    print(f"gensim loaded Sharpgrad's vectors: {len(binary)} words x {binary.vector_size} from text and binary, identical; "
          f"nearest to '{word}': {', '.join(w for w, _ in binary.most_similar(word, topn=5))}")


def synonyms(wordnet):
    """word -> set of single-word synonyms (sharing a synset), from WordNet's data files."""
    pairs = {}
    for part in ("noun", "verb", "adj", "adv"):
        with open(os.path.join(wordnet, "data." + part), encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                fields = line.split(" ")
                count = int(fields[3], 16)
                words = {fields[4 + 2 * i].lower().split("(")[0] for i in range(count)}
                words = {w for w in words if "_" not in w and "-" not in w}
                for w in words:
                    pairs.setdefault(w, set()).update(words - {w})
    return pairs


def quality(args):
    models = {}
    for spec in args.vectors:
        name, path = spec.split("=", 1)
        models[name] = KeyedVectors.load_word2vec_format(path, binary=path.endswith(".bin"))
    top = 20000
    shared = set.intersection(*(set(kv.index_to_key[:top]) for kv in models.values()))
    syn = synonyms(args.wordnet)
    sample = sorted((w for w in shared if syn.get(w, set()) & shared), key=lambda w: hashlib.md5(w.encode()).hexdigest())[:2000]
    print(f"quality sample: {len(sample)} words with a WordNet synonym among the {len(shared)} words both models rank in their top {top}")
    for name, kv in models.items():
        vocab = [w for w in kv.index_to_key[:top] if w in shared]
        index = {w: i for i, w in enumerate(vocab)}
        unit = kv[vocab] / np.linalg.norm(kv[vocab], axis=1, keepdims=True)
        reciprocal, hits = [], 0
        for w in sample:
            cos = unit @ unit[index[w]]
            cos[index[w]] = -np.inf
            order = np.argsort(-cos, kind="stable")
            ranks = np.empty(len(order), dtype=np.int64)
            ranks[order] = np.arange(1, len(order) + 1)
            best = min(ranks[index[s]] for s in syn[w] & shared)
            reciprocal.append(1.0 / best)
            hits += best <= 10
        print(f"quality {name}: mean reciprocal rank {np.mean(reciprocal):.4f}, recall@10 {hits / len(sample):.4f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train")
    t.add_argument("--corpus", required=True)
    t.add_argument("--threads", type=int, default=1)
    t.add_argument("--mode", choices=["iterable", "corpus_file"], default="iterable")
    t.add_argument("--out")
    i = sub.add_parser("interop")
    i.add_argument("--text", required=True)
    i.add_argument("--binary", required=True)
    q = sub.add_parser("quality")
    q.add_argument("--wordnet", default="/usr/share/wordnet")
    q.add_argument("--vectors", nargs="+", required=True)
    args = parser.parse_args()
    {"train": train, "interop": interop, "quality": quality}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
