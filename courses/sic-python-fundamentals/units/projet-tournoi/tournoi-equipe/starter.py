class Equipe:
    def __init__(self, nom):
        self.nom = nom

    def jouer(self, pour, contre):
        pass

    def difference(self):
        return 0
