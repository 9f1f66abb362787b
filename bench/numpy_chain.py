#!/usr/bin/python3
"""The walk engine's yardstick (DESIGN section 11, issue 15): a vectorised
numpy Monte Carlo of the same chain bench_engine's full_run simulates
(bench/scenarios/reference_journey.json), written as a competent analyst
would write it: every customer at once, one step at a time over the arrays
of those still walking.

Each step does what the model does at a non-terminal touchpoint
(docs/scenario-format.md, "Sentiment and the rating models"): a lognormal
dwell added to the clock, the normal sentiment change less the effort
penalty, clamped to [min, max], a CSAT rating (latent = that change + normal
noise, cut at the default cutpoints, as customer_walk.hpp's serve() does) and the next touchpoint drawn with
weights p * exp(w * S). It tallies the endings, the mean final sentiment,
the CSAT share and the mean journey time: fewer figures than the engine's
full run collects, so the comparison flatters numpy.

Usage: bench/numpy_chain.py [CUSTOMERS] [REPEATS]; prints transitions per
second (the best of REPEATS runs) and the figures, for a sanity check
against `journeysim run bench/scenarios/reference_journey.json`.
Needs Debian's python3-numpy.
"""
import json
import math
import pathlib
import re
import sys
import time

import numpy as np

SCENARIO = pathlib.Path(__file__).resolve().parent / "scenarios" / "reference_journey.json"
UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
Z90 = 1.2815515655446004  # the standard normal's 90th percentile
CUTPOINTS = np.array([-1.55, -1.17, -0.77, 0.13])  # the CSAT model's defaults


def seconds(text):
    if isinstance(text, (int, float)):
        return float(text)
    return sum(float(n) * UNITS[u] for n, u in re.findall(r"([0-9.]+)([smhd])", text))


def compile_chain(doc):
    ids = [t["id"] for t in doc["touchpoints"]]
    index = {t: i for i, t in enumerate(ids)}
    n = len(ids)
    terminal = np.array(["outcome" in t for t in doc["touchpoints"]])
    mu, sigma = np.zeros(n), np.zeros(n)
    s_mean, s_sd, effort = np.zeros(n), np.zeros(n), np.ones(n)
    for i, t in enumerate(doc["touchpoints"]):
        if terminal[i]:
            continue
        d = t["dwell"]
        assert d["dist"] == "lognormal", "the reference journey's dwell is lognormal"
        median, p90 = seconds(d["median"]), seconds(d["p90"])
        mu[i], sigma[i] = math.log(median), (math.log(p90) - math.log(median)) / Z90
        s = t.get("sentiment", 0.0)
        s_mean[i], s_sd[i] = (s, 0.0) if isinstance(s, (int, float)) else (s["mean"], s["sd"])
        effort[i] = t.get("effort", 1)
    p, w = np.zeros((n, n)), np.zeros((n, n))
    rest = {}
    for tr in doc["transitions"]:
        a, b = index[tr["from"]], index[tr["to"]]
        w[a, b] = tr.get("sentiment_weight", 0.0)
        if tr["p"] == "rest":
            rest[a] = b
        else:
            p[a, b] = tr["p"]
    for a, b in rest.items():
        p[a, b] = 1.0 - p[a].sum()
    # Out-transitions padded to the widest touchpoint's: a step then works on
    # a few columns per customer, not on the whole row of the matrix.
    width = max(int((p[a] > 0).sum()) for a in range(n))
    targets, probabilities, weights = np.zeros((n, width), dtype=np.int64), np.zeros((n, width)), np.zeros((n, width))
    for a in range(n):
        out = np.flatnonzero(p[a] > 0)
        targets[a, : out.size] = out
        targets[a, out.size :] = out[-1] if out.size else a
        probabilities[a, : out.size] = p[a, out]
        weights[a, : out.size] = w[a, out]
    entry_nodes = np.array([index[k] for k in doc["entry"]])
    entry_p = np.array(list(doc["entry"].values()))
    return ids, terminal, mu, sigma, s_mean, s_sd, effort, targets, probabilities, weights, entry_nodes, entry_p


def simulate(chain, customers, rng, effort_penalty=0.1, s_min=-5.0, s_max=5.0, max_steps=10000):
    ids, terminal, mu, sigma, s_mean, s_sd, effort, targets, p, w, entry_nodes, entry_p = chain
    node = rng.choice(entry_nodes, size=customers, p=entry_p)
    sentiment = np.zeros(customers)
    clock = np.zeros(customers)
    ratings = good = transitions = 0
    walking = np.arange(customers)
    steps = 0
    while walking.size and steps < max_steps:
        at = node[walking]
        k = walking.size
        clock[walking] += np.exp(mu[at] + sigma[at] * rng.standard_normal(k))
        change = s_mean[at] + s_sd[at] * rng.standard_normal(k) - effort_penalty * (effort[at] - 1.0)
        s = np.clip(sentiment[walking] + change, s_min, s_max)
        sentiment[walking] = s
        rating = 1 + (change[:, None] + rng.standard_normal(k)[:, None] > CUTPOINTS).sum(axis=1)
        ratings += k
        good += int((rating >= 4).sum())
        weights = p[at] * np.exp(w[at] * s[:, None])
        cumulative = np.cumsum(weights, axis=1)
        u = rng.random(k) * cumulative[:, -1]
        column = np.minimum((cumulative < u[:, None]).sum(axis=1), cumulative.shape[1] - 1)
        nxt = targets[at, column]
        node[walking] = nxt
        transitions += k
        walking = walking[~terminal[nxt]]
        steps += 1
    endings = {ids[i]: int(c) for i, c in zip(*np.unique(node, return_counts=True))}
    return transitions, {
        "endings": endings,
        "mean_final_sentiment": float(sentiment.mean()),
        "csat": good / max(ratings, 1),
        "mean_journey_hours": float(clock.mean() / 3600.0),
    }


def main():
    customers = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    chain = compile_chain(json.loads(SCENARIO.read_text()))
    best = None
    for r in range(repeats):
        rng = np.random.default_rng(r + 1)
        started = time.perf_counter()
        transitions, figures = simulate(chain, customers, rng)
        elapsed = time.perf_counter() - started
        rate = transitions / elapsed
        best = rate if best is None else max(best, rate)
    print(f"numpy {np.__version__}: {best / 1e6:.2f} M transitions/s "
          f"({transitions / customers:.1f} transitions per customer, {customers} customers, best of {repeats})")
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
