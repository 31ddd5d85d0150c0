def convertir_note(texte):
    texte = texte.replace(",", ".")
    try:
        note = float(texte)
    except ValueError:
        return None
    if 0 <= note <= 20:
        return note
    return None


print(convertir_note("15"))
print(convertir_note("abc"))
