from sklearn.linear_model import LinearRegression, LogisticRegression


def r2_notes(df, colonnes):
    X = df[colonnes].to_numpy()
    y = df["note_maths"].to_numpy()
    return LinearRegression().fit(X, y).score(X, y)


def proba_admis(df, heures):
    X = df[["heures_revision"]].to_numpy()
    modele = LogisticRegression().fit(X, df["admis"].to_numpy())
    colonne = list(modele.classes_).index(1)
    return modele.predict_proba([[heures]])[0][colonne]
