"""The statement classifier: one scikit-learn Pipeline with shared features and three heads
(calibrated cooperation and tension, and the event type)."""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from pipeline.classify.features import StatementFeatures
from pipeline.classify.labels import EVENTS


class StatementHeads(BaseEstimator, ClassifierMixin):
    """Fits three classifiers on the same features. ``y`` has columns cooperation, tension,
    event index (-1 where a label is unknown, e.g. imported data without events).
    ``predict_proba`` returns [p_cooperation, p_tension, p_event_0 … p_event_n]."""

    def __init__(self, C: float = 16.0, event_C: float = 8.0, seed: int = 13):
        self.C = C
        self.event_C = event_C
        self.seed = seed

    def fit(self, X, y):
        y = np.asarray(y)
        base = LogisticRegression(C=self.C, class_weight="balanced", max_iter=4000, random_state=self.seed)
        self.cooperation_ = self._calibrated(base, X, y[:, 0])
        self.tension_ = self._calibrated(base, X, y[:, 1])
        known = y[:, 2] >= 0
        self.event_ = LogisticRegression(
            C=self.event_C, class_weight="balanced", max_iter=4000, random_state=self.seed
        ).fit(X[known], y[known, 2])
        self.classes_ = np.arange(2 + len(EVENTS))
        return self

    @staticmethod
    def _calibrated(base, X, column):
        known = column >= 0
        model = CalibratedClassifierCV(clone(base), method="sigmoid", cv=5)
        return model.fit(X[known], column[known])

    def predict_proba(self, X):
        events = np.zeros((X.shape[0], len(EVENTS)))
        events[:, self.event_.classes_] = self.event_.predict_proba(X)
        return np.column_stack(
            [
                self.cooperation_.predict_proba(X)[:, 1],
                self.tension_.predict_proba(X)[:, 1],
                events,
            ]
        )


def build_pipeline(seed: int = 13) -> Pipeline:
    """Word and character n-gram TF-IDF plus statement flags, then the three heads."""
    features = FeatureUnion(
        [
            (
                "words",
                TfidfVectorizer(
                    ngram_range=(1, 2), min_df=1, sublinear_tf=True, strip_accents="unicode", lowercase=True
                ),
            ),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True, lowercase=True
                ),
            ),
            ("flags", StatementFeatures()),
        ]
    )
    return Pipeline([("features", features), ("heads", StatementHeads(seed=seed))])
