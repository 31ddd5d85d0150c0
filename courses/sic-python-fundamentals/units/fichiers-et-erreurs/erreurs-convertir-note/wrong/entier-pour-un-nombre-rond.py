def convertir_note(texte):
    texte = texte.strip().replace(",", ".")
    try:
        # Garde un int quand la note est un nombre rond : "15" donne 15 au lieu de 15.0
        if texte.isdigit():
            note = int(texte)
        else:
            note = float(texte)
    except ValueError:
        return None
    if 0 <= note <= 20:
        return note
    return None
