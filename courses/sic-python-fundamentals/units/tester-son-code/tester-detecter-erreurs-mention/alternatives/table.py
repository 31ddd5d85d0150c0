def test_mention(mention):
    cas = [(20, 4), (16, 4), (15.99, 3), (14, 3), (13.99, 2), (12, 2), (11.99, 1), (10, 1), (9.99, 0), (0, 0)]
    for moyenne, attendu in cas:
        assert mention(moyenne) == attendu, f"mention({moyenne})"
