# Erreur : les notes restent des chaînes ("15") au lieu d'être converties en float.
def lire_classe(chemin):
    classe = {}
    try:
        with open(chemin, encoding="utf-8") as fichier:
            fichier.readline()
            for ligne in fichier:
                ligne = ligne.strip()
                if ligne == "":
                    continue
                morceaux = ligne.split(",")
                classe[morceaux[0]] = morceaux[1:]
    except FileNotFoundError:
        return None
    return classe
