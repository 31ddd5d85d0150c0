def prix_course(distance, nuit=False):
    # 1. Calculez le prix de jour : prise en charge + prix des kilomètres.
    # 2. Si nuit est vrai, majorez ce prix de 50 %.
    # 3. Renvoyez le prix arrondi à 2 décimales.
    pass


print(prix_course(4))
print(prix_course(4, True))
