def lire_matchs(lignes):
    equipes = {}
    return equipes
