from etikcheck.entry import main

main()
