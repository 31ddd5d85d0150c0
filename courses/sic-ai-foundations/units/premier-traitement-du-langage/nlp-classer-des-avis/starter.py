from sklearn.feature_extraction.text import CountVectorizer
from sklearn.model_selection import cross_val_score
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import make_pipeline


def classer(df, textes):
    return []


def exactitude_cv(df, plis):
    return 0.0
