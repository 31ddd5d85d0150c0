def total_panier(panier, prix):
    total = 0
    return None


prix = {"pain": 1.5, "lait": 7.0, "thé": 25.5}
print(total_panier({"pain": 4, "lait": 2}, prix))
