"""Answers that several test modules send: a strong and a weak one for `dropout`, and a model-review case."""

from __future__ import annotations

GOOD_DROPOUT = (
    "During training each neuron is randomly zeroed with probability p using a bernoulli mask, and the "
    "survivors are scaled by 1/(1-p) (inverted dropout) so the expected activation is unchanged. At "
    "inference there is no dropout: the full network is used. It works like an ensemble of 2^n thinned "
    "sub-networks that share weights, and it stops co-adaptation, so it reduces overfitting. MC dropout "
    "gives a bayesian uncertainty estimate."
)
POOR_DROPOUT = "it makes the network better I think"
CI = "confidence-vs-credible-interval"
"""A question the model-grader tests answer with a paraphrase that only a reviewer can credit."""
PARAPHRASE = (
    "A confidence interval treats the parameter as a fixed unknown number; the interval is what varies. "
    "Rebuild it on fresh data again and again and 95 out of 100 such intervals trap the parameter. "
    "A credible interval is Bayesian: it holds 95% of the posterior. Reading [2.1, 3.4] as a 95% "
    "probability for the parameter is wrong for a CI."
)
PARAPHRASE_QUOTES = {
    1: "treats the parameter as a fixed unknown number",
    2: "95 out of 100 such intervals trap the parameter",
    3: "it holds 95% of the posterior",
    4: "as a 95% probability for the parameter is wrong for a CI",
}
