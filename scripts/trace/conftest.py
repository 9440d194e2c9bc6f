import os
import sys

# compare_revm.py is a script beside the tests, not a package.
sys.path.insert(0, os.path.dirname(__file__))
