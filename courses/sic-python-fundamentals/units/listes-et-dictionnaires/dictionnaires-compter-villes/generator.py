"""Des listes de villes tirées au hasard, vides ou longues, avec des répétitions."""

VILLES = ["Rabat", "Fès", "Casablanca", "Tanger", "Oujda", "Agadir", "Meknès", "Laâyoune", "Béni Mellal"]


def cases(rng, count):
    listes = []
    for _ in range(count):
        taille = rng.randrange(0, 15)
        listes.append([rng.choice(VILLES[: rng.randrange(1, len(VILLES) + 1)]) for _ in range(taille)])
    return [{"call": f"compter_villes({villes!r})"} for villes in listes]
