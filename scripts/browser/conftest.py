def pytest_addoption(parser):
    parser.addoption("--porvm", default=None,
                     help="the porvm binary (default: $PORVM, else .build/release/porvm)")
