class Tirelire:
    def __init__(self, proprietaire):
        pass

    def deposer(self, montant):
        pass

    def retirer(self, montant):
        return False
