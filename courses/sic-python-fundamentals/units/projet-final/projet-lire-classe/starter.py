def lire_classe(chemin):
    classe = {}
    # 1. Ouvrez le fichier (try / except FileNotFoundError : renvoyez None).
    # 2. Sautez l'en-tête.
    # 3. Pour chaque ligne non vide : le nom est morceaux[0], les notes sont morceaux[1:].
    #    Convertissez chaque note avec float ; si une note est invalide, ignorez la ligne.
    return classe


print(lire_classe("classe.csv"))
