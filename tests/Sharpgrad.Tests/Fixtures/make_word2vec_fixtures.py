"""Golden files for Sharpgrad's KeyedVectors and word2vec formats, made with Debian's python3-gensim (4.x).

Writes word2vec.json: twelve words with random 5-d vectors, the files gensim's save_word2vec_format writes for them
(text, and binary as base64; gensim 4's binary records have no line break after the vector, word2vec's C tool's
do), and gensim's answers to most_similar, similarity, and the analogy queries (most_similar with positive/negative
ranks by 3CosAdd; most_similar_cosmul is 3CosMul with epsilon 1e-6, where Levy & Goldberg and Sharpgrad use 1e-3,
so the script checks that the ranking is the same under both epsilons).
Run: /usr/bin/python3 make_word2vec_fixtures.py
"""
import base64
import json
import os
import tempfile

import numpy as np
from gensim.models import KeyedVectors

rng = np.random.default_rng(13)
words = ["king", "queen", "man", "woman", "paris", "france", "rome", "italy", "cat", "dog", "car", "bus"]
vectors = rng.standard_normal((len(words), 5)).astype(np.float32)
kv = KeyedVectors(5)
kv.add_vectors(words, vectors)

with tempfile.TemporaryDirectory() as tmp:
    text_path, binary_path = os.path.join(tmp, "v.txt"), os.path.join(tmp, "v.bin")
    kv.save_word2vec_format(text_path, binary=False)
    kv.save_word2vec_format(binary_path, binary=True)
    text = open(text_path, encoding="utf-8").read()
    binary = open(binary_path, "rb").read()


def cosmul_top(a, b, c, eps, topn):
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    cos = lambda w: (1 + unit @ unit[words.index(w)]) / 2
    score = cos(b) * cos(c) / (cos(a) + eps)
    order = [i for i in np.argsort(-score, kind="stable") if words[i] not in (a, b, c)]
    return [words[i] for i in order[:topn]], [float(score[i]) for i in order[:topn]]


analogies = []
for a, b, c in [("man", "king", "woman"), ("france", "paris", "italy"), ("cat", "dog", "car")]:
    add = kv.most_similar(positive=[b, c], negative=[a], topn=3)
    mul = kv.most_similar_cosmul(positive=[b, c], negative=[a], topn=3)
    ours, scores = cosmul_top(a, b, c, 1e-3, 3)
    assert [w for w, _ in mul] == ours, (mul, ours)
    analogies.append({"a": a, "b": b, "c": c, "cosadd": [w for w, _ in add], "cosmul": [w for w, _ in mul],
                      "cosmul_scores_eps_1e-3": scores})

fixture = {
    "words": words,
    "vectors": {"shape": list(vectors.shape), "data": [float(x) for x in vectors.ravel()]},
    "text": text,
    "binary_base64": base64.b64encode(binary).decode("ascii"),
    "most_similar_king": [[w, float(s)] for w, s in kv.most_similar("king", topn=4)],
    "similarity_cat_dog": float(kv.similarity("cat", "dog")),
    "analogies": analogies,
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "word2vec.json"), "w") as f:
    json.dump(fixture, f, indent=1)
