import pandas as pd


def meilleurs(df, ville, n):
    return []


def nombre_en_difficulte(df, seuil):
    return 0
