# Erreur : suppose que la liste est triée (premier = plus petit, dernier = plus grand).
def statistiques(notes):
    return (notes[0], notes[-1], round(sum(notes) / len(notes), 2))
