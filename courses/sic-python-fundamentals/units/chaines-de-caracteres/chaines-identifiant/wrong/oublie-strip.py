def identifiant(prenom, nom):
    # Oublie d'enlever les espaces avant le prénom : l'initiale devient " "
    initiale = prenom[0].lower()
    nom_propre = nom.replace(" ", "").lower()
    return initiale + "." + nom_propre
