class Tirelire:
    def __init__(self, proprietaire):
        self.proprietaire = proprietaire
        self.solde = 0

    def deposer(self, montant):
        self.solde = self.solde + montant

    def retirer(self, montant):
        self.solde = self.solde - montant
        return self.solde >= 0
