def test_mention(mention):
    assert mention(18) == 4
    assert mention(15) == 3
    assert mention(13) == 2
    assert mention(11) == 1
    assert mention(5) == 0
