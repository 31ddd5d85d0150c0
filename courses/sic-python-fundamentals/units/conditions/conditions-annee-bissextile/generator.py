"""Des années tirées au hasard : siècles, multiples de 4 et années quelconques."""


def cases(rng, count):
    annees = []
    for _ in range(count):
        forme = rng.randrange(3)
        if forme == 0:
            annees.append(rng.randrange(1, 30) * 100)
        elif forme == 1:
            annees.append(rng.randrange(1, 750) * 4)
        else:
            annees.append(rng.randrange(1, 3000))
    return [{"call": f"est_bissextile({annee})"} for annee in annees]
