"""Features of a statement beyond its words: negation, quotation, conditions, hedges."""

from __future__ import annotations

import re

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

CUES = {
    "negation": r"\b(?:not|n't|never|no|neither|nor|without|cannot|nunca|ni|sin|tampoco|jamás)\b",
    "quotation": r"[\"“”«»]",
    "condition": r"\b(?:if|unless|until|as long as|provided that|si|mientras no|a menos que|hasta que)\b",
    "obligation": r"\b(?:must|should|will require|requires?|expects?|deberá|debe|deben|tendrá que|exig\w*)\b",
    "hedge": r"\b(?:may|might|could|would|possible|consider\w*|podría|podrían|posible)\b",
    "spanish": r"\b(?:el|la|los|las|que|del|por|para|con|una)\b",
    "negative_evaluation": r"\b(?:unacceptable|insufficient|inadequate|regrettable|deplorable|troubling|"
    r"unjustified|unfounded|irresponsible|counterproductive|inaceptable|insuficiente|lamentable|"
    r"injustificad\w*|infundad\w*|irresponsable|contraproducente)\b",
    "positive_evaluation": r"\b(?:productive|constructive|fruitful|cordial|excellent|historic|"
    r"productiv\w*|constructiv\w*|fructífer\w*|cordial|excelente|históric\w*)\b",
}
_COMPILED = {name: re.compile(p, re.I) for name, p in CUES.items()}


class StatementFeatures(BaseEstimator, TransformerMixin):
    """Dense flags per text, as a sparse matrix to sit beside TF-IDF in a FeatureUnion.

    Example: ``StatementFeatures().transform(["We will not accept it."])`` has negation = 1.
    """

    def __init__(self, scale: float = 2.0):
        self.scale = scale

    def fit(self, X, y=None):
        self.names_ = list(CUES)
        return self

    def transform(self, X):
        rows = [[float(bool(rx.search(t))) * self.scale for rx in _COMPILED.values()] for t in X]
        return sparse.csr_matrix(np.array(rows, dtype=np.float64).reshape(len(rows), len(CUES)))

    def get_feature_names_out(self, input_features=None):
        return np.array([f"flag_{n}" for n in CUES], dtype=object)
