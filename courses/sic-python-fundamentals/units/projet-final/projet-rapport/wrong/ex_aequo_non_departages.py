# Erreur : le classement ne trie que sur la moyenne, les ex aequo restent dans l'ordre du fichier.
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
                    continue
                classe[morceaux[0]] = notes
    except FileNotFoundError:
        return None
    return classe


def moyenne(notes):
    return round(sum(notes) / len(notes), 2)


def mention(m):
    if m >= 16:
        return 4
    elif m >= 14:
        return 3
    elif m >= 12:
        return 2
    elif m >= 10:
        return 1
    else:
        return 0


def moyennes(classe):
    resultat = {}
    for prenom, notes in classe.items():
        resultat[prenom] = moyenne(notes)
    return resultat


def cle_classement(paire):
    nom, moy = paire
    return -moy


def classement(moy):
    resultat = []
    rang = 1
    for nom, m in sorted(moy.items(), key=cle_classement):
        resultat.append((rang, nom, m))
        rang = rang + 1
    return resultat


fichier = input()
classe = lire_classe(fichier)
if classe is None:
    print("?", fichier)
elif len(classe) == 0:
    print(0)
else:
    moy = moyennes(classe)
    print(len(classe))
    nb_admis = 0
    for rang, nom, m in classement(moy):
        etoiles = "*" * mention(m)
        print(f"{rang}. {nom} : {m:.2f} {etoiles}")
        if m >= 10:
            nb_admis = nb_admis + 1
    moyenne_classe = sum(moy.values()) / len(moy)
    print(f"{moyenne_classe:.2f}")
    print(f"{nb_admis}/{len(classe)}")
