"""Des séries de notes tirées au hasard : entières ou à un demi-point près, de 1 à 12 notes."""


def cases(rng, count):
    series = []
    for _ in range(count):
        taille = rng.randrange(1, 13)
        if rng.random() < 0.5:
            series.append([rng.randrange(0, 21) for _ in range(taille)])
        else:
            series.append([rng.randrange(0, 41) / 2 for _ in range(taille)])
    return [{"call": f"statistiques({notes!r})"} for notes in series]
