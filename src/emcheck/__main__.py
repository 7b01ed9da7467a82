from emcheck.cli import main

main()
