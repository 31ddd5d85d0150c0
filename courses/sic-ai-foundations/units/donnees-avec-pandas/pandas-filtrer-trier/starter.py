import pandas as pd


def meilleurs(df, ville, n):
    # 1. garder les élèves de la ville
    # 2. trier : meilleure note de maths d'abord, prénom en cas d'égalité
    # 3. les n premiers prénoms, en liste
    return []


def nombre_en_difficulte(df, seuil):
    # moyenne des deux notes de chaque élève, puis compter celles sous le seuil
    return 0
