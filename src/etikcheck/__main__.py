from etikcheck.cli import main

main()
