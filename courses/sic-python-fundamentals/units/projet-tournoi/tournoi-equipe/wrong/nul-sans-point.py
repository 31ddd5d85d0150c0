class Equipe:
    def __init__(self, nom):
        self.nom = nom
        self.joues = 0
        self.points = 0
        self.buts_pour = 0
        self.buts_contre = 0

    def jouer(self, pour, contre):
        self.joues = self.joues + 1
        self.buts_pour = self.buts_pour + pour
        self.buts_contre = self.buts_contre + contre
        if pour > contre:
            self.points = self.points + 3

    def difference(self):
        return self.buts_pour - self.buts_contre
