# Juste : statistics.mean peut renvoyer un entier (12 pour [12, 15, 9]) ; 12 vaut bien 12.0.
import statistics


def statistiques(notes):
    return (min(notes), max(notes), round(statistics.mean(notes), 2))
