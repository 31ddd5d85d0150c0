# Erreur : renvoie une liste au lieu d'un tuple.
def statistiques(notes):
    return [min(notes), max(notes), round(sum(notes) / len(notes), 2)]
