# Erreur : « divisible par 4 » suffit pour les exemples de l'énoncé, pas pour les siècles.
def est_bissextile(annee):
    return annee % 4 == 0
