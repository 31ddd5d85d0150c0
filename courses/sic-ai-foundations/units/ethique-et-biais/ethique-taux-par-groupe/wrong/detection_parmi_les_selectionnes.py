import csv


def lire(chemin):
    eleves = []
    with open(chemin, encoding="utf-8", newline="") as f:
        for ligne in csv.DictReader(f):
            eleves.append({"groupe": ligne["groupe"], "reel": int(ligne["reel"]),
                           "decision": int(ligne["decision"])})
    return eleves


def _taux(eleves, garder, compter):
    totaux, succes = {}, {}
    for e in eleves:
        if garder(e):
            g = e["groupe"]
            totaux[g] = totaux.get(g, 0) + 1
            succes[g] = succes.get(g, 0) + (1 if compter(e) else 0)
    return {g: succes[g] / totaux[g] for g in totaux}


def taux_selection(chemin):
    return _taux(lire(chemin), lambda e: True, lambda e: e["decision"] == 1)


def exactitude_par_groupe(chemin):
    return _taux(lire(chemin), lambda e: True, lambda e: e["decision"] == e["reel"])


# Erreur : calcule, parmi les élèves sélectionnés, la part qui méritaient (et non l'inverse).
def taux_detection(chemin):
    return _taux(lire(chemin), lambda e: e["decision"] == 1, lambda e: e["reel"] == 1)


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
