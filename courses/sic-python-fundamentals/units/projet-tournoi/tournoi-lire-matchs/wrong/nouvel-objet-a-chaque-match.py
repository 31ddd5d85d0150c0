def lire_matchs(lignes):
    equipes = {}
    for ligne in lignes:
        morceaux = ligne.strip().split(";")
        if len(morceaux) != 4:
            continue
        nom_a, texte_a, texte_b, nom_b = morceaux
        try:
            buts_a = int(texte_a)
            buts_b = int(texte_b)
        except ValueError:
            continue
        equipes[nom_a] = Equipe(nom_a)
        equipes[nom_b] = Equipe(nom_b)
        equipes[nom_a].jouer(buts_a, buts_b)
        equipes[nom_b].jouer(buts_b, buts_a)
    return equipes
