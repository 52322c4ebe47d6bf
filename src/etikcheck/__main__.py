"""python -m etikcheck: the same as the etikcheck command."""

from etikcheck.cli.main import main

main()
