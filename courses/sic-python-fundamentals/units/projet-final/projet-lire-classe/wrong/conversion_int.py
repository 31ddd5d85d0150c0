# Erreur : int() refuse "14.5", donc les élèves ayant une note à virgule sont ignorés.
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
                notes = []
                try:
                    for texte in morceaux[1:]:
                        notes.append(int(texte))
                except ValueError:
                    continue
                classe[morceaux[0]] = notes
    except FileNotFoundError:
        return None
    return classe
