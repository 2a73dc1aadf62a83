"""Messages of the KPI pages the tests look for."""

from __future__ import annotations

MOVE_REFUSED = {
    "fr": "L’indicateur « Taux de rebond » deviendrait le premier de l’objectif « Augmenter les ventes »"
    " et en partagerait donc la cible : 1 200 000 €, et non 40 %.",
    "en": "The KPI “Taux de rebond” would become the first of the objective “Augmenter les ventes”, so it"
    " would share its target: €1,200,000, not 40%.",
}
"""What the KPI edit page says when moving « Taux de rebond » (40 %) under « Augmenter les ventes »
(1 200 000 €, no KPI yet); the browser test reads the same words."""
