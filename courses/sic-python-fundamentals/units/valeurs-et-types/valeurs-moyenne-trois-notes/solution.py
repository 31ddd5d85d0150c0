def moyenne(note1, note2, note3):
    # Renvoyez la moyenne des trois notes
    return (note1 + note2 + note3) / 3
