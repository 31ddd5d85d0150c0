import matplotlib.pyplot as plt


def barres_par_ville(df):
    villes = sorted(set(df["ville"]))
    taux = []
    for ville in villes:
        admis = df[df["ville"] == ville]["admis"]
        taux.append(100 * admis.sum() / len(admis))
    fig = plt.figure()
    ax = fig.add_subplot()
    ax.bar(villes, taux)
    ax.set_title("Taux d'admis par ville")
    ax.set_ylabel("Admis (%)")
    return ax
