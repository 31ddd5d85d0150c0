n = int(input("Nombre : "))
# Affichez la table de multiplication de n, de 1 à 10
