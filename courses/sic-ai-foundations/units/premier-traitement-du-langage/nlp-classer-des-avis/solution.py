from sklearn.feature_extraction.text import CountVectorizer
from sklearn.model_selection import cross_val_score
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import make_pipeline


def classer(df, textes):
    modele = make_pipeline(CountVectorizer(), MultinomialNB())
    modele.fit(df["texte"], df["avis"])
    return [str(etiquette) for etiquette in modele.predict(textes)]


def exactitude_cv(df, plis):
    modele = make_pipeline(CountVectorizer(), MultinomialNB())
    return float(cross_val_score(modele, df["texte"], df["avis"], cv=plis).mean())
