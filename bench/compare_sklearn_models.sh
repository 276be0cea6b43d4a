#!/usr/bin/env bash
# t-SNE, SVC, LogisticRegression and GaussianMixture against scikit-learn: bench/compare_sklearn.sh --suite models.
exec "$(dirname "${BASH_SOURCE[0]}")/compare_sklearn.sh" --suite models "$@"
