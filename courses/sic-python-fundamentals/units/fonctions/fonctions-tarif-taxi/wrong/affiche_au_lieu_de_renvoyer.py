# Erreur : la fonction affiche le prix au lieu de le renvoyer (elle renvoie None).
def prix_course(distance, nuit=False):
    prix = 7.5 + distance * 3.5
    if nuit:
        prix = prix * 1.5
    print(round(prix, 2))
