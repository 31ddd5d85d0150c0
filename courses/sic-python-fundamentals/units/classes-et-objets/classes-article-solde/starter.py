class Article:
    def __init__(self, nom, prix_ht):
        self.nom = nom
        self.prix_ht = prix_ht

    def prix_ttc(self):
        return 0


class ArticleSolde(Article):
    pass
