def convertir_note(texte):
    # 1. Remplacez la virgule par un point.
    # 2. Essayez de convertir en float (try / except ValueError).
    # 3. Vérifiez que la note est entre 0 et 20.
    pass


print(convertir_note("15"))
print(convertir_note("abc"))
