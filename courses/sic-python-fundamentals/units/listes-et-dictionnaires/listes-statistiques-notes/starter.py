def statistiques(notes):
    # Renvoyez un tuple : (plus petite note, plus grande note, moyenne arrondie à 2 décimales)
    pass


print(statistiques([12, 15, 9]))
