"""The benchmark's JSON lines as bench/compare_sklearn.sh reads them: medians for the tables, and the raw values of every
round for the bitwise comparison of builds (each build runs with --exact, so a value is the double's shortest
round-trip form and Python's float() reads back the same bits)."""
import json
import sys
from statistics import median


def raw(path):
    """(workload, threads) -> the values of every run, in the order written (round by round)."""
    runs = {}
    for r in map(json.loads, filter(str.strip, open(path))):
        runs.setdefault((r["workload"], r["threads"]), []).append(r["value"])
    return runs


def load(path):
    """(workload, threads) -> the median of the runs' values."""
    return {key: median(values) for key, values in raw(path).items()}


class SameBits:
    """Whether each build's results equal the reference build's (the JIT build) bit for bit, in every round."""

    def __init__(self, paths, reference, name):
        self.runs = [raw(path) for path in paths]
        self.reference = int(reference)
        self.name = name  # how the tables' column names the reference build
        self.mismatch = False

    def exit(self):
        """Ends the table script: status 1, with a message, when any build's results differed from the reference's."""
        if self.mismatch:
            sys.exit(f"NO: a build's results differ from {self.name}'s (each round's values are in the .jsonl files)")
        sys.exit(0)

    def column(self, build, names, threads):
        """'reference' for the reference build itself; 'yes' when every one of NAMES at THREADS has the reference's
        values in every round; 'NO' otherwise (and remembered for the exit status); '—' when neither has any."""
        if build == self.reference:
            return "reference"
        mine, theirs = self.bits(build, names, threads), self.bits(self.reference, names, threads)
        if all(m is None and t is None for m, t in zip(mine, theirs)):
            return "—"
        if mine == theirs:
            return "yes"
        self.mismatch = True
        return "NO"

    def bits(self, build, names, threads):
        """Per name, the values of every round as their exact bits (float.hex tells -0.0 from 0.0; a NaN equals itself)."""
        values = (self.runs[build].get((name, threads)) for name in names)
        return [None if v is None else [float(x).hex() for x in v] for v in values]
