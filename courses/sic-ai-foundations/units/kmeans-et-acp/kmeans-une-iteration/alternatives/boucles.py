import math


def assigner(X, centres):
    resultat = []
    for point in X:
        distances = [math.dist(point, centre) for centre in centres]
        resultat.append(distances.index(min(distances)))
    return resultat


def recentrer(X, groupes, k):
    centres = []
    for j in range(k):
        membres = [point for point, g in zip(X, groupes) if g == j]
        centres.append([sum(valeurs) / len(membres) for valeurs in zip(*membres)])
    return centres
