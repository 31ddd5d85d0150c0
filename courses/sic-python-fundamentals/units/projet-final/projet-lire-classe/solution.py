def lire_classe(chemin):
    classe = {}
    try:
        with open(chemin, encoding="utf-8") as fichier:
            fichier.readline()  # en-tête
            for ligne in fichier:
                ligne = ligne.strip()
                if ligne == "":
                    continue
                morceaux = ligne.split(",")
                notes = []
                try:
                    for texte in morceaux[1:]:
                        notes.append(float(texte))
                except ValueError:
                    continue  # une note invalide : on ignore toute la ligne
                classe[morceaux[0]] = notes
    except FileNotFoundError:
        return None
    return classe


print(lire_classe("classe.csv"))
