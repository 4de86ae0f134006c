"""Window sizes the tests use: the two orientations of a 21.5-inch 1080p panel."""

LANDSCAPE, PORTRAIT = (1920, 1080), (1080, 1920)
