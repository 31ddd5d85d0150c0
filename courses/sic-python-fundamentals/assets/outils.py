"""Petits outils pour les notes d'une classe."""

SEUIL = 10


def moyenne(notes):
    return round(sum(notes) / len(notes), 2)


def est_admis(notes):
    return moyenne(notes) >= SEUIL


if __name__ == "__main__":
    print(moyenne([12, 15, 18]))
