import csv


def lire(chemin):
    """Renvoie la liste des élèves : des dictionnaires {"groupe": str, "reel": int, "decision": int}."""
    eleves = []
    with open(chemin, encoding="utf-8", newline="") as f:
        for ligne in csv.DictReader(f):
            eleves.append({
                "groupe": ligne["groupe"],
                "reel": int(ligne["reel"]),
                "decision": int(ligne["decision"]),
            })
    return eleves


def taux_selection(chemin):
    eleves = lire(chemin)
    # pour chaque groupe : nombre de decision == 1 / effectif du groupe
    return {}


def exactitude_par_groupe(chemin):
    eleves = lire(chemin)
    # pour chaque groupe : nombre de decision == reel / effectif du groupe
    return {}


def taux_detection(chemin):
    eleves = lire(chemin)
    # pour chaque groupe, parmi les élèves avec reel == 1 : part de decision == 1
    return {}


def ratio_disparite(taux):
    # plus petit taux / plus grand taux (1.0 si le plus grand vaut 0)
    return 1.0


def rapport(chemin):
    lignes = []
    # une ligne par groupe (ordre alphabétique), puis la ligne du ratio
    return lignes


if __name__ == "__main__":
    for ligne in rapport("preselection.csv"):
        print(ligne)
