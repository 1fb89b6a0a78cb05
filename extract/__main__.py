"""`python -m extract` runs the same CLI as the `extract` console script."""

from extract.cli import main

main()
