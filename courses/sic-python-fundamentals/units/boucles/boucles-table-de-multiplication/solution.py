n = int(input("Nombre : "))
# Affichez la table de multiplication de n, de 1 à 10
for i in range(1, 11):
    print(f"{n} x {i} = {n * i}")
