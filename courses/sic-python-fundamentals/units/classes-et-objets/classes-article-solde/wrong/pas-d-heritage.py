class Article:
    def __init__(self, nom, prix_ht):
        self.nom = nom
        self.prix_ht = prix_ht

    def prix_ttc(self):
        return round(self.prix_ht * 1.2, 2)


class ArticleSolde:
    def __init__(self, nom, prix_ht, remise):
        self.nom = nom
        self.prix_ht = prix_ht
        self.remise = remise

    def prix_ttc(self):
        return round(self.prix_ht * 1.2 * (1 - self.remise / 100), 2)
