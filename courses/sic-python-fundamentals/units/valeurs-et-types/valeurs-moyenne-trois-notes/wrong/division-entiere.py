def moyenne(note1, note2, note3):
    # Division entière : renvoie 15 (int) au lieu de 15.0 et perd les décimales
    return (note1 + note2 + note3) // 3
