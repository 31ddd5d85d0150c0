def test_mention(mention):
    assert mention(16) == 4
    assert mention(14) == 3
    assert mention(12) == 2
    assert mention(10) == 1
