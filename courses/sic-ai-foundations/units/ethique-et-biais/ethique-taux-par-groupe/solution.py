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


def _taux(eleves, garder, compter):
    """Pour chaque groupe : part des élèves gardés (garder) qui vérifient compter."""
    totaux = {}
    succes = {}
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


def taux_detection(chemin):
    return _taux(lire(chemin), lambda e: e["reel"] == 1, lambda e: e["decision"] == 1)


def ratio_disparite(taux):
    plus_grand = max(taux.values())
    if plus_grand == 0:
        return 1.0
    return min(taux.values()) / plus_grand


def rapport(chemin):
    selection = taux_selection(chemin)
    exactitude = exactitude_par_groupe(chemin)
    detection = taux_detection(chemin)
    lignes = []
    for g in sorted(selection):
        lignes.append(f"{g} : {selection[g]:.2f} {exactitude[g]:.2f} {detection[g]:.2f}")
    lignes.append(f"min/max : {ratio_disparite(selection):.2f}")
    return lignes


if __name__ == "__main__":
    for ligne in rapport("preselection.csv"):
        print(ligne)
