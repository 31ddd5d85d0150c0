from sklearn.feature_extraction.text import CountVectorizer
from sklearn.model_selection import cross_val_score
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import make_pipeline


def classer(df, textes):
    modele = make_pipeline(CountVectorizer(), MultinomialNB())
    modele.fit(df["texte"], df["avis"])
    return [str(etiquette) for etiquette in modele.predict(textes)]


def exactitude_cv(df, plis):
    # Erreur : le vocabulaire est appris sur tous les avis avant la validation croisée.
    X = CountVectorizer().fit_transform(df["texte"])
    return float(cross_val_score(MultinomialNB(), X, df["avis"], cv=plis).mean())
