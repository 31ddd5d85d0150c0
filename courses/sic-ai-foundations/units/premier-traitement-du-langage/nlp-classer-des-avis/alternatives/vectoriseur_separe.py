from sklearn.feature_extraction.text import CountVectorizer
from sklearn.model_selection import cross_val_score
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import Pipeline


def classer(df, textes):
    vectoriseur = CountVectorizer()
    X = vectoriseur.fit_transform(df["texte"])
    modele = MultinomialNB().fit(X, df["avis"])
    return modele.predict(vectoriseur.transform(textes)).tolist()


def exactitude_cv(df, plis):
    modele = Pipeline([("sac", CountVectorizer()), ("bayes", MultinomialNB())])
    scores = cross_val_score(modele, df["texte"], df["avis"], cv=plis)
    return sum(scores) / len(scores)
