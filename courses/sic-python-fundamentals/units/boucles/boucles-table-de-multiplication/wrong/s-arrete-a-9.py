n = int(input("Nombre : "))
# range(1, 10) s'arrête à 9 : la dernière ligne manque
for i in range(1, 10):
    print(f"{n} x {i} = {n * i}")
