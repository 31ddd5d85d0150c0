import csv


def lire(chemin):
    """[{"groupe": str, "reel": int, "decision": int}, ...]"""
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
    return {}


def exactitude_par_groupe(chemin):
    eleves = lire(chemin)
    return {}


def taux_detection(chemin):
    eleves = lire(chemin)
    return {}


def ratio_disparite(taux):
    return 1.0


def rapport(chemin):
    lignes = []
    return lignes


if __name__ == "__main__":
    for ligne in rapport("preselection.csv"):
        print(ligne)
