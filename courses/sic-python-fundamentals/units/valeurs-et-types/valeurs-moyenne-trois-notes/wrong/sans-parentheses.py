def moyenne(note1, note2, note3):
    # Oublie les parenthèses : seule note3 est divisée par 3
    return note1 + note2 + note3 / 3
