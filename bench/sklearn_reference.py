#!/usr/bin/env python3
"""Reference timings from scikit-learn on the classic-ML workloads that `sharpgrad bench` measures (issue #21).

Run on the same machine, in the same sitting, as Sharpgrad's own benchmark (bench/compare_sklearn.sh does both,
alternating) and compare ratios. Each estimator runs the fastest idiomatic way: float64 input (what Sharpgrad's
estimators compute in), scikit-learn's own parallelism (OpenMP and the BLAS) limited to --threads with threadpoolctl.
Setup (Debian): apt-get install -y python3-sklearn dataset-fashion-mnist libopenblas0-pthread. Without OpenBLAS numpy
calls the reference BLAS (about 3 GFLOP/s) and the comparison is meaningless; compare_sklearn.sh puts an unpacked
OpenBLAS on LD_LIBRARY_PATH when the system has none, and this script refuses to run on the reference BLAS.
Usage: /usr/bin/python3 sklearn_reference.py [--threads N] [--only NAME,...] [--data DIR]
Prints one JSON object per line: {"workload": ..., "value": ..., "unit": ..., "threads": ...}; each estimator's
result (explained variance, accuracy, inertia) is printed next to its time, so equal results can be checked.
"""
import argparse, gzip, json, struct, time
import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

p = argparse.ArgumentParser()
p.add_argument("--threads", type=int, default=1)
p.add_argument("--only", default="")
p.add_argument("--data", default="/usr/share/datasets/fashion-mnist/")
a = p.parse_args()
only = set(filter(None, a.only.split(",")))
def want(name): return not only or name in only
def report(name, value, unit): print(json.dumps({"workload": name, "value": round(value, 4), "unit": unit, "threads": a.threads}), flush=True)

def idx(path):
    with gzip.open(path) as f:
        nd = struct.unpack(">i", f.read(4))[0] & 0xff
        dims = struct.unpack(">" + "i" * nd, f.read(4 * nd))
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)

def fashion(train):
    """Fashion-MNIST as float64 rows in [0, 1] ([N, 784]) and int64 labels, as Sharpgrad's Datasets.FashionMnist."""
    prefix = "train" if train else "t10k"
    x = idx(a.data + f"{prefix}-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float64) / 255
    return x, idx(a.data + f"{prefix}-labels-idx1-ubyte.gz").astype(np.int64)

def timed(name, fn):
    """Runs fn once; reports {name}, its wall-clock seconds, and {name}_cpu, the process's CPU seconds meanwhile (on
    a loaded machine the wall clock swings with other jobs; CPU time measures the work)."""
    t, c = time.perf_counter(), time.process_time()
    result = fn()
    report(name, time.perf_counter() - t, "s")
    report(name + "_cpu", time.process_time() - c, "s")
    return result

if not any(i["internal_api"] in ("openblas", "mkl", "blis") for i in threadpool_info()):
    import scipy.linalg  # noqa: F401 (loads the BLAS so threadpoolctl sees it)
    if not any(i["internal_api"] in ("openblas", "mkl", "blis") for i in threadpool_info()):
        raise SystemExit("sklearn_reference.py: numpy runs on the reference BLAS; install libopenblas0-pthread "
                         "or put an OpenBLAS on LD_LIBRARY_PATH (bench/compare_sklearn.sh does).")

# ---- PCA, KNeighborsClassifier and KMeans (issue #21, first half) ------------------------------------------------

def pca():
    """sklearn_pca_fit (s): PCA(50) fit of the first 10,000 training images. svd_solver='auto' picks 'randomized'
    for this shape (max(N, D) > 500 and 50 < 0.8·min(N, D)): Halko et al.'s range finder with n_iter = 7 power
    iterations (50 < 0.1·784) normalised by LU, 10 oversamples, random_state 0. Also reports the explained-variance
    ratio of the 50 components, which Sharpgrad's must match."""
    from sklearn.decomposition import PCA
    x = fashion(True)[0][:10000]
    PCA(50, svd_solver="randomized", random_state=0).fit(x[:1000])  # warm-up: imports and first calls
    model = timed("sklearn_pca_fit", lambda: PCA(50, svd_solver="randomized", random_state=0).fit(x))
    report("sklearn_pca_explained_variance_percent", 100 * float(model.explained_variance_ratio_.sum()), "percent")
    report("sklearn_pca_first_variance", float(model.explained_variance_[0]), "variance")

def knn():
    """sklearn_knn_predict (s): KNeighborsClassifier(5) predict of the 10,000 test images against the 60,000
    training images. algorithm='auto' picks brute force for 784 features; scikit-learn 1.2 runs it as its ArgKmin
    pairwise-distance reduction: chunks of 256 rows, ‖a‖² − 2abᵀ + ‖b‖² on the BLAS GEMM, a per-row heap of k.
    Fit (storing the data) is outside the timing. Also reports the test accuracy."""
    from sklearn.neighbors import KNeighborsClassifier
    (xtr, ytr), (xte, yte) = fashion(True), fashion(False)
    model = KNeighborsClassifier(5).fit(xtr, ytr)
    model.predict(xte[:100])  # warm-up
    predicted = timed("sklearn_knn_predict", lambda: model.predict(xte))
    report("sklearn_knn_accuracy", float((predicted == yte).mean()), "fraction")

def kmeans():
    """sklearn_kmeans_fit (s): KMeans(10) on the 60,000 training images, one k-means++ start (greedy, 2 + ln k
    candidates per centroid), 20 Lloyd iterations (tol 0, so only an exact fixed point stops it earlier), seed 0.
    Also reports the inertia and the iterations run."""
    from sklearn.cluster import KMeans
    x = fashion(True)[0]
    make = lambda: KMeans(10, init="k-means++", n_init=1, max_iter=20, tol=0, algorithm="lloyd", random_state=0)
    make().fit(x[:2000])  # warm-up
    model = timed("sklearn_kmeans_fit", lambda: make().fit(x))
    report("sklearn_kmeans_inertia", float(model.inertia_), "inertia")
    report("sklearn_kmeans_iterations", float(model.n_iter_), "iterations")

with threadpool_limits(limits=a.threads):
    if want("sklearn_pca"): pca()
    if want("sklearn_knn"): knn()
    if want("sklearn_kmeans"): kmeans()
