def prix_course(distance, nuit=False):
    prix = 7.5 + distance * 3.5
    if nuit:
        prix = prix * 1.5
    return round(prix, 2)


print(prix_course(4))
print(prix_course(4, True))
