#!/usr/bin/env python3
"""Reference timings from scikit-learn for Sharpgrad's t-SNE, SVC, LogisticRegression and GaussianMixture workloads
(issue #21). Run it in the same sitting as `Sharpgrad.Bench --only tsne_exact,...` (bench/compare_sklearn_models.sh
does both, alternating) and compare ratios, not absolute times.

Each workload prints its wall time ({"unit": "s"}), its CPU time (<workload>_cpu) and the result that must agree with Sharpgrad's
(accuracy, KL divergence, objective or mean log-likelihood), named <workload>_<result>.
Same data and hyper-parameters as src/Sharpgrad.Cli/Bench/Workloads/ClassicMl/ (TsneWorkload, SvcWorkload, LogisticRegressionWorkload, GaussianMixtureWorkload):
- digits: scikit-learn's load_digits, pixels divided by 16 (Sharpgrad's Datasets.Digits scale);
- tsne_exact / tsne_barnes_hut: perplexity 30, 1,000 iterations, learning rate 200, early exaggeration 12,
  random N(0, 1e-4²) start, method "exact" or "barnes_hut" (angle 0.5);
- svc: RBF, C = 1, gamma "scale", tol 1e-3; fit on the first 1,347 digits, predict the last 450;
- logistic_regression: lbfgs, multinomial, C = 1, tol 1e-4, max_iter 100, on all 1,797 digits; the result is
  the objective mean cross-entropy + ||W||²/(2·C·N), which Sharpgrad minimises with alpha = 1/(C·N);
- gmm: PCA-50 of the first 10,000 Fashion-MNIST training images (pixels / 255), 10 full-covariance components,
  k-means initialisation, reg_covar 1e-6, exactly 100 EM iterations (tol 0), the result the mean log-likelihood.
Threads: OMP/OpenBLAS pools are sized by the environment (the driver sets OMP_NUM_THREADS and OPENBLAS_NUM_THREADS to
--threads before Python starts) and n_jobs = --threads where the estimator takes it (t-SNE's neighbour search).
Usage: /usr/bin/python3 sklearn_reference_models.py [--threads N] [--only NAME,...]
"""
import argparse, gzip, json, struct, time, warnings
import numpy as np

p = argparse.ArgumentParser()
p.add_argument("--threads", type=int, default=1)
p.add_argument("--only", default="")
p.add_argument("--data", default="/usr/share/datasets/fashion-mnist/")
a = p.parse_args()
only = set(filter(None, a.only.split(",")))
warnings.filterwarnings("ignore")   # ConvergenceWarning at the fixed iteration budgets is expected
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.manifold import TSNE
from sklearn.mixture import GaussianMixture
from sklearn.svm import SVC


def want(name): return not only or name in only
def report(name, value, unit): print(json.dumps({"workload": name, "value": round(value, 6), "unit": unit, "threads": a.threads}), flush=True)


def timed(fn, name):
    """Runs fn once; reports its wall time under name (s) and the process's CPU time under name_cpu (s): on a shared,
    overloaded machine the wall time mostly measures the load, and the CPU time (all threads) is the steadier figure."""
    t, cpu = time.perf_counter(), time.process_time()
    result = fn()
    report(name, time.perf_counter() - t, "s")
    report(name + "_cpu", time.process_time() - cpu, "s")
    return result


digits = load_digits()
X, y = digits.data / 16.0, digits.target

for method, name in (("exact", "tsne_exact"), ("barnes_hut", "tsne_barnes_hut")):
    if want(name):
        tsne = TSNE(n_components=2, perplexity=30.0, n_iter=1000, learning_rate=200.0, early_exaggeration=12.0,
                    init="random", method=method, angle=0.5, random_state=0, n_jobs=a.threads)
        timed(lambda: tsne.fit_transform(X), name)
        report(name + "_kl", tsne.kl_divergence_, "KL")

if want("svc"):
    def fit_predict():
        return SVC(kernel="rbf", C=1.0, gamma="scale", tol=1e-3).fit(X[:1347], y[:1347]).predict(X[1347:])
    predicted = timed(fit_predict, "svc")
    report("svc_accuracy", float((predicted == y[1347:]).mean()), "fraction")

if want("logistic_regression"):
    model = LogisticRegression(solver="lbfgs", C=1.0, tol=1e-4, max_iter=100)
    timed(lambda: model.fit(X, y), "logistic_regression")
    logits = X @ model.coef_.T + model.intercept_
    logits -= logits.max(1, keepdims=True)
    cross_entropy = -(logits[np.arange(len(y)), y] - np.log(np.exp(logits).sum(1))).mean()
    report("logistic_regression_objective", cross_entropy + (model.coef_ ** 2).sum() / (2 * len(y)), "objective")
    report("logistic_regression_accuracy", float((model.predict(X) == y).mean()), "fraction")


def idx(path):
    with gzip.open(path) as f:
        nd = struct.unpack(">i", f.read(4))[0] & 0xff
        dims = struct.unpack(">" + "i" * nd, f.read(4 * nd))
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)


if want("gmm"):
    images = idx(a.data + "train-images-idx3-ubyte.gz")[:10000].reshape(10000, -1) / 255.0
    features = PCA(n_components=50, svd_solver="full").fit_transform(images)   # outside the timing, as in Sharpgrad
    gmm = GaussianMixture(n_components=10, covariance_type="full", max_iter=100, tol=0.0, reg_covar=1e-6,
                          init_params="kmeans", random_state=0)
    timed(lambda: gmm.fit(features), "gmm")
    report("gmm_log_likelihood", gmm.score(features), "nats")
