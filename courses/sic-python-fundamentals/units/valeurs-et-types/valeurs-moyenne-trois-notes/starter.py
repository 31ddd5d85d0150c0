def moyenne(note1, note2, note3):
    return 0
