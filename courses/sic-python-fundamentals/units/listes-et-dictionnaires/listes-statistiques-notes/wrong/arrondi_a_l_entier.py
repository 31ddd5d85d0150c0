# Erreur : la moyenne est arrondie à l'entier au lieu de deux décimales.
def statistiques(notes):
    return (min(notes), max(notes), round(sum(notes) / len(notes)))
