import csv


def lire(chemin):
    eleves = []
    with open(chemin, encoding="utf-8", newline="") as f:
        for ligne in csv.DictReader(f):
            eleves.append({"groupe": ligne["groupe"], "reel": int(ligne["reel"]),
                           "decision": int(ligne["decision"])})
    return eleves


# Erreur : divise par le nombre total d'élèves au lieu de l'effectif de chaque groupe.
def taux_selection(chemin):
    eleves = lire(chemin)
    taux = {}
    for e in eleves:
        taux[e["groupe"]] = taux.get(e["groupe"], 0) + e["decision"] / len(eleves)
    return taux


def exactitude_par_groupe(chemin):
    eleves = lire(chemin)
    taux = {}
    for e in eleves:
        taux[e["groupe"]] = taux.get(e["groupe"], 0) + (e["decision"] == e["reel"]) / len(eleves)
    return taux


def taux_detection(chemin):
    eleves = [e for e in lire(chemin) if e["reel"] == 1]
    taux = {}
    for e in eleves:
        taux[e["groupe"]] = taux.get(e["groupe"], 0) + e["decision"] / len(eleves)
    return taux


def ratio_disparite(taux):
    plus_grand = max(taux.values())
    return 1.0 if plus_grand == 0 else min(taux.values()) / plus_grand


def rapport(chemin):
    s, e, d = taux_selection(chemin), exactitude_par_groupe(chemin), taux_detection(chemin)
    lignes = [f"{g} : {s[g]:.2f} {e[g]:.2f} {d[g]:.2f}" for g in sorted(s)]
    lignes.append(f"min/max : {ratio_disparite(s):.2f}")
    return lignes


if __name__ == "__main__":
    for ligne in rapport("preselection.csv"):
        print(ligne)
