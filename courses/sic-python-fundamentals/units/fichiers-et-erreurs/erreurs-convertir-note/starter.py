def convertir_note(texte):
    pass


print(convertir_note("15"))
print(convertir_note("abc"))
