class Tirelire:
    solde = 0

    def __init__(self, proprietaire):
        self.proprietaire = proprietaire

    def deposer(self, montant):
        Tirelire.solde = Tirelire.solde + montant

    def retirer(self, montant):
        if montant <= Tirelire.solde:
            Tirelire.solde = Tirelire.solde - montant
            return True
        return False
