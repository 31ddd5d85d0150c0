n = input("Nombre : ")
# Sans int(), n * i répète le texte : "7" * 2 donne "77"
for i in range(1, 11):
    print(f"{n} x {i} = {n * i}")
