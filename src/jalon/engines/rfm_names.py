"""Names for RFM segments, in French and English, chosen from each segment's mean R, F and M scores.

Every name has a prototype profile on the 1–5 scores (champions: recent, frequent, big spenders; lost:
none of the three). Segments get distinct names by the assignment that minimises the summed squared
distance between their profiles and the prototypes (Hungarian method, scipy), so a name says what the
group looks like, whatever order the clustering found the groups in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["NAMES", "SegmentName", "name_segments"]


@dataclass(frozen=True)
class SegmentName:
    key: str
    fr: str
    en: str
    recency: float  # the prototype's scores, 1..5 (5 = best)
    frequency: float
    monetary: float

    def text(self, language: str) -> str:
        return self.fr if language == "fr" else self.en


NAMES: tuple[SegmentName, ...] = (
    SegmentName("champions", "Champions", "Champions", 5, 5, 5),
    SegmentName("loyal", "Clients fidèles", "Loyal customers", 3.5, 4.5, 4),
    SegmentName("potential_loyalists", "Fidèles en devenir", "Potential loyalists", 4.5, 3, 3),
    SegmentName("new", "Nouveaux clients", "New customers", 5, 1.5, 1.5),
    SegmentName("promising", "Prometteurs", "Promising", 4, 1.5, 2.5),
    SegmentName("need_attention", "À surveiller", "Need attention", 3, 3, 3),
    SegmentName("about_to_sleep", "En perte de vitesse", "About to sleep", 2.5, 1.5, 2),
    SegmentName("at_risk", "À risque", "At risk", 2, 3.5, 3.5),
    SegmentName("cannot_lose", "À ne pas perdre", "Can't lose them", 1.5, 4.5, 4.5),
    SegmentName("hibernating", "En hibernation", "Hibernating", 1.5, 2, 2),
    SegmentName("lost", "Perdus", "Lost", 1, 1, 1),
)
# Recency weighs twice: it is what separates "new" from "lost" among one-order customers.
_WEIGHTS = np.array([2.0, 1.0, 1.0])


def name_segments(scores: Sequence[tuple[float, float, float]]) -> list[SegmentName]:
    """One distinct name per ``(r, f, m)`` mean-score profile, in the same order."""
    from scipy.optimize import linear_sum_assignment

    if not scores:
        return []
    if len(scores) > len(NAMES):
        raise ValueError(f"at most {len(NAMES)} segments can be named")
    profiles = np.asarray(scores, dtype=np.float64)
    prototypes = np.array([(n.recency, n.frequency, n.monetary) for n in NAMES], dtype=np.float64)
    cost = (((profiles[:, None, :] - prototypes[None, :, :]) ** 2) * _WEIGHTS).sum(axis=2)
    rows, columns = linear_sum_assignment(cost)
    chosen = dict(zip(rows.tolist(), columns.tolist(), strict=True))
    return [NAMES[chosen[row]] for row in range(len(scores))]
