def lire_classe(chemin):
    classe = {}
    return classe


print(lire_classe("classe.csv"))
