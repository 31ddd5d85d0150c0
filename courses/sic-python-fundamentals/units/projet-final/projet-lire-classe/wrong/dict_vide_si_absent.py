# Erreurs : renvoie {} pour un fichier absent (impossible de le distinguer d'une classe vide),
# et garde les notes valides d'une ligne contenant « abs » au lieu d'ignorer toute la ligne.
def lire_classe(chemin):
    classe = {}
    try:
        with open(chemin, encoding="utf-8") as fichier:
            fichier.readline()
            for ligne in fichier:
                morceaux = ligne.strip().split(",")
                if len(morceaux) < 2:
                    continue
                notes = []
                for texte in morceaux[1:]:
                    try:
                        notes.append(float(texte))
                    except ValueError:
                        pass
                classe[morceaux[0]] = notes
    except FileNotFoundError:
        return {}
    return classe
